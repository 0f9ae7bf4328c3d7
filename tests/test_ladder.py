"""The career-ladder chart: round ticks, bars in proportion, highest level on top, valid SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from jdgen.publish.ladder import LEVEL_COLOURS, Band, ladder_svg, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"
BANDS = [
    Band("Junior Account Manager", "junior", "Junior", 42000, 55000),
    Band("Senior Account Manager", "senior", "Senior", 64000, 86000),
    Band("Key Account Manager", "senior", "Senior", 51933, 94871),
    Band("Strategic Account Manager", "lead", "Lead", 79420, 117960),
]


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (42000, 117960, [40000, 60000, 80000, 100000, 120000]),
        (14.5, 17.25, [14.5, 15, 15.5, 16, 16.5, 17, 17.5]),
        (3000, 3000, [3000, 3500, 4000, 4500, 5000, 5500, 6000]),
    ],
)
def test_nice_ticks(low: float, high: float, ticks: list[float]) -> None:
    assert nice_ticks(low, high) == pytest.approx(ticks)


def chart(bands: list[Band] = BANDS) -> ET.Element:
    svg = ladder_svg(bands, currency="USD", axis_label="Base salary per year (USD)", title="Bands")
    return ET.fromstring(str(svg))


def bars(root: ET.Element) -> list[ET.Element]:
    return [
        r
        for r in root.iter(f"{SVG}rect")
        if r.get("fill") in LEVEL_COLOURS.values() and r.get("x") != "0"
    ]


def test_the_chart_is_an_accessible_svg() -> None:
    root = chart()
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == (
        "Bands: Strategic Account Manager (Lead), $79,420 – $117,960; "
        "Key Account Manager (Senior), $51,933 – $94,871; Senior Account Manager (Senior), "
        "$64,000 – $86,000; Junior Account Manager (Junior), $42,000 – $55,000"
    )
    assert root.get("viewBox").startswith("0 0 760 ")


def test_one_bar_per_band_highest_level_on_top_in_proportion() -> None:
    found = bars(chart())
    assert [r.get("fill") for r in found] == [
        LEVEL_COLOURS["lead"],
        LEVEL_COLOURS["senior"],
        LEVEL_COLOURS["senior"],
        LEVEL_COLOURS["junior"],
    ]
    ys = [float(r.get("y")) for r in found]
    assert ys == sorted(ys)
    widths = [float(r.get("width")) for r in found]
    # Key Account Manager's band (42,938 wide) against Junior's (13,000 wide).
    assert widths[1] / widths[3] == pytest.approx(42938 / 13000, rel=0.01)
    lefts = [float(r.get("x")) for r in found]
    assert lefts[3] < lefts[1] < lefts[2] < lefts[0]  # 42,000 < 51,933 < 64,000 < 79,420


def test_amounts_and_ticks_are_written_out() -> None:
    texts = [t.text for t in chart().iter(f"{SVG}text")]
    for amount in ("$79,420", "$117,960", "$51,933", "$94,871"):
        assert amount in texts
    assert "$42,000 – $55,000" in texts  # a short bar gets one label over it
    assert [t for t in texts if t.endswith("K")] == ["$40K", "$60K", "$80K", "$100K", "$120K"]
    assert [t for t in texts if t.isalpha() and t.isupper()] == ["LEAD", "SENIOR", "JUNIOR"]


def test_text_is_escaped_and_long_titles_wrap() -> None:
    long = "Regional <Key> & Strategic Account Manager for Northern and Southern Europe Partners"
    root = chart([Band(long, "mid", "Mid-level", 1, 2)])
    lines = [t.text for t in root.iter(f"{SVG}text") if t.get("font-size") == "13"]
    assert lines[0] == "Regional <Key> & Strategic"
    assert len(lines) == 2 and lines[1].endswith("…") and len(lines[1]) <= 30

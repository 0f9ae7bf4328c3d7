"""The career ladder: every role's base salary band on one money axis, as SVG.

Roles are grouped by level, the highest level at the top, so the bands climb
like a ladder. Each band is a bar from its minimum to its maximum with both
amounts written at its ends and a notch at its midpoint; the axis has round
tick values. The SVG is plain text that jdgen writes itself (no plotting
library), sized by its ``viewBox`` so it scales to the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from babel.numbers import format_compact_currency
from markupsafe import Markup, escape

from jdgen.model import LEVELS
from jdgen.money import money

WIDTH = 760
LABEL_WIDTH = 232  # the role titles, left of the plot
PLOT_LEFT, PLOT_RIGHT = LABEL_WIDTH + 22, WIDTH - 24
GROUP_HEIGHT, ROW_HEIGHT, AXIS_HEIGHT, TOP = 28, 46, 50, 6
BAR_HEIGHT = 16
TITLE_CHARS = 30  # per line of a role title; two lines at most
LEVEL_COLOURS = {
    "entry": "#8cc5bf",
    "junior": "#5eaaa3",
    "mid": "#3b918a",
    "senior": "#1f7a74",
    "lead": "#0d5c63",
    "principal": "#083d42",
}
INK, MUTED, GRID, SHADE = "#1c2230", "#5a6373", "#dfe3ea", "#f4f6f9"


@dataclass(frozen=True)
class Band:
    """One role's base band, as the chart shows it."""

    title: str
    level: str  # a key of LEVELS
    level_label: str
    low: float
    high: float
    ote_low: float | None = None  # on-target earnings, base and variable pay together
    ote_high: float | None = None


def nice_ticks(low: float, high: float, target: int = 6) -> list[float]:
    """Round tick values covering ``low``..``high``: steps of 1, 2, 2.5 or 5 times a power of 10."""
    if high <= low:
        high = low + (abs(low) or 1)
    raw = (high - low) / target
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(
        m * magnitude for m in (1, 2, 2.5, 5, 10) if (high - low) / (m * magnitude) <= target
    )
    start, end = math.floor(low / step) * step, math.ceil(high / step) * step
    count = round((end - start) / step)
    return [start + i * step for i in range(count + 1)]


def _wrap(text: str, width: int = TITLE_CHARS) -> list[str]:
    """At most two lines of about ``width`` characters; the second ends in … if cut."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    if len(lines) == 2 and len(lines[1]) > width:
        lines[1] = lines[1][: width - 1].rstrip() + "…"
    return lines


def ladder_svg(
    bands: list[Band],
    *,
    currency: str,
    axis_label: str,
    title: str,
    locale: str = "en_US",
    chart_id: str = "ladder",
    ote_label: str = "OTE",
) -> Markup:
    """The chart of ``bands`` (all in one currency and period) as an inline ``<svg>``."""
    order = sorted(bands, key=lambda b: (-LEVELS.index(b.level), -b.high, -b.low, b.title))
    ticks = nice_ticks(min(b.low for b in order), max(max(b.high, b.ote_high or 0) for b in order))
    lo, hi = ticks[0], ticks[-1]

    def x(amount: float) -> float:
        return round(PLOT_LEFT + (amount - lo) / (hi - lo) * (PLOT_RIGHT - PLOT_LEFT), 1)

    shades: list[str] = []  # drawn first, then the grid over them, then the bars and labels
    body: list[str] = []
    y = TOP
    level = None
    for band in order:
        if band.level != level:
            level = band.level
            count = sum(1 for b in order if b.level == level)
            height = GROUP_HEIGHT + count * ROW_HEIGHT
            shades.append(
                f'<rect x="0" y="{y}" width="{WIDTH}" height="{height - 6}" rx="6" '
                f'fill="{SHADE}"/>'
                f'<rect x="0" y="{y}" width="4" height="{height - 6}" rx="2" '
                f'fill="{LEVEL_COLOURS[level]}"/>'
                f'<text x="14" y="{y + 19}" font-size="10.5" font-weight="700" '
                f'letter-spacing="1" fill="{LEVEL_COLOURS[level]}">'
                f"{escape(band.level_label.upper())}</text>"
            )
            y += GROUP_HEIGHT
        middle = y + ROW_HEIGHT / 2 - 2
        lines = _wrap(band.title)
        first = middle - (len(lines) - 1) * 8 + 4
        for i, line in enumerate(lines):
            body.append(
                f'<text x="14" y="{first + i * 16}" font-size="13" font-weight="600" '
                f'fill="{INK}">{escape(line)}</text>'
            )
        left, right = x(band.low), x(band.high)
        colour = LEVEL_COLOURS[band.level]
        top = middle + 2
        body.append(
            f'<rect x="{left}" y="{top}" width="{max(right - left, 3)}" height="{BAR_HEIGHT}" '
            f'rx="{BAR_HEIGHT / 2}" fill="{colour}"/>'
        )
        if band.ote_high is not None and band.ote_high > band.high:
            # Variable pay: a thin, paler bar under the band, out to on-target earnings.
            ote_left, ote_right = x(band.ote_low or band.low), x(band.ote_high)
            body.append(
                f'<rect x="{ote_left}" y="{top + BAR_HEIGHT + 2}" '
                f'width="{max(ote_right - ote_left, 3)}" height="4" rx="2" fill="{colour}" '
                f'fill-opacity="0.4"/>'
                f'<text x="{ote_right}" y="{top + BAR_HEIGHT + 14}" font-size="10" '
                f'fill="{MUTED}" text-anchor="end">{escape(ote_label)} '
                f"{escape(money(band.ote_high, currency, locale))}</text>"
            )
        if right - left > 24:
            mid = round((left + right) / 2, 1)
            body.append(
                f'<line x1="{mid}" y1="{top + 4}" x2="{mid}" y2="{top + BAR_HEIGHT - 4}" '
                f'stroke="#ffffff" stroke-width="2" stroke-linecap="round"/>'
            )
        low_text = escape(money(band.low, currency, locale))
        high_text = escape(money(band.high, currency, locale))
        label_y = top - 5
        if right - left >= 130:
            body.append(
                f'<text x="{left + 2}" y="{label_y}" font-size="11" fill="{MUTED}">'
                f"{low_text}</text>"
                f'<text x="{right - 2}" y="{label_y}" font-size="11" fill="{MUTED}" '
                f'text-anchor="end">{high_text}</text>'
            )
        else:
            body.append(
                f'<text x="{round((left + right) / 2, 1)}" y="{label_y}" font-size="11" '
                f'fill="{MUTED}" text-anchor="middle">{low_text} – {high_text}</text>'
            )
        y += ROW_HEIGHT
    plot_bottom = y
    grid = []
    for tick in ticks:
        tx = x(tick)
        label = escape(format_compact_currency(tick, currency, locale=locale, fraction_digits=1))
        grid.append(
            f'<line x1="{tx}" y1="{TOP}" x2="{tx}" y2="{plot_bottom}" stroke="{GRID}" '
            f'stroke-width="1"/>'
            f'<text x="{tx}" y="{plot_bottom + 18}" font-size="11" fill="{MUTED}" '
            f'text-anchor="middle">{label}</text>'
        )
    height = plot_bottom + AXIS_HEIGHT
    caption = (
        f'<text x="{(PLOT_LEFT + PLOT_RIGHT) / 2}" y="{height - 8}" font-size="11" '
        f'font-weight="600" fill="{MUTED}" text-anchor="middle">{escape(axis_label)}</text>'
    )
    # The title is the chart's text alternative (a PDF's Figure /Alt): it carries the figures.
    figures = "; ".join(
        f"{b.title} ({b.level_label}), {money(b.low, currency, locale)} – "
        f"{money(b.high, currency, locale)}"
        + (
            f", {ote_label} {money(b.ote_high, currency, locale)}"
            if b.ote_high is not None and b.ote_high > b.high
            else ""
        )
        for b in order
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ladder" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{chart_id}-title" '
        f"font-family=\"Inter, 'DejaVu Sans', Arial, sans-serif\">"
        f'<title id="{chart_id}-title">{escape(title)}: {escape(figures)}</title>'
    )
    return Markup(svg + "".join(shades) + "".join(grid) + "".join(body) + caption + "</svg>")

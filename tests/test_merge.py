"""Joining tagged PDFs: what each part brings with it into the review pack."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

pikepdf = pytest.importorskip("pikepdf")

from jdgen.publish.merge import PART_SCHEME, Part, join  # noqa: E402

pytestmark = pytest.mark.pdf


def pdf(tmp_path: Path, name: str, body: str) -> Path:
    from jdgen.render.pdf import render_pdf

    html = f'<!doctype html><html lang="en"><head><title>{name}</title></head><body>{body}</body></html>'
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(render_pdf(html, base_dir=tmp_path, allowed=(tmp_path,)))
    return path


@pytest.fixture
def joined(tmp_path: Path) -> pikepdf.Pdf:
    front = pdf(tmp_path, "front", f'<h1>Contents</h1><p><a href="{PART_SCHEME}1">Second</a></p>')
    # Both parts name a place "details": each link must reach its own part's.
    part = (
        '<h1>{0}</h1><p><a href="#details">See the details</a></p>'
        '<h2 id="details" style="break-before: page">{0} details</h2><p>Text.</p>'
    )
    first = pdf(tmp_path, "first", part.format("First"))
    second = pdf(tmp_path, "second", part.format("Second"))
    out = join(front.read_bytes(), [Part(first, "First part"), Part(second, "Second part")])
    return pikepdf.open(io.BytesIO(out))


def test_pages_follow_the_front_matter(joined: pikepdf.Pdf) -> None:
    assert len(joined.pages) == 5  # front, then two pages per part


def test_a_link_to_a_named_place_stays_in_its_own_part(joined: pikepdf.Pdf) -> None:
    def target(page: int) -> int:
        [annot] = [a for a in joined.pages[page].obj.Annots if "/Dest" in a]
        page_obj = annot.Dest[0]
        return next(i for i, p in enumerate(joined.pages) if p.objgen == page_obj.objgen)

    assert target(1) == 2  # the first part's details
    assert target(3) == 4  # the second part's, though the name is the same


def test_the_contents_link_to_a_part_and_say_which(joined: pikepdf.Pdf) -> None:
    [annot] = [a for a in joined.pages[0].obj.Annots if "/A" in a]
    assert annot.A.S == "/GoTo" and annot.A.D[0].objgen == joined.pages[3].objgen
    assert str(annot.Contents) == "Second part"


def test_each_part_gets_a_bookmark_holding_its_own(joined: pikepdf.Pdf) -> None:
    with joined.open_outline() as outline:
        parts = list(outline.root)[-2:]
        assert [p.title for p in parts] == ["First part", "Second part"]
        assert [c.title for c in parts[1].children] == ["Second"]
        assert [g.title for g in parts[1].children[0].children] == ["Second details"]
        assert parts[1].children[0].children[0].destination[0].objgen == joined.pages[4].objgen

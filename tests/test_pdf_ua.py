"""Accessible PDFs: postings, hiring plans and the review pack are tagged PDF/UA-1.

Checked with pikepdf on the golden workspace's PDFs: a structure tree that
covers every page, MarkInfo Marked, the document language, a title shown by
viewers, the PDF/UA identifier, embedded fonts, and alternative text for figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

pytestmark = pytest.mark.pdf

DOCUMENTS = {
    "key-account-manager/posting.pdf": "Key Account Manager · Tramuntana Software",
    "key-account-manager/hiring-plan.pdf": "Hiring plan: Key Account Manager · Tramuntana Software",
    "support-specialist/posting.pdf": "Entry-level Customer Support Specialist (Spanish & Portuguese) · Tramuntana Software",
    "review.pdf": "Hiring review pack · Tramuntana Software",
}


@pytest.fixture(params=DOCUMENTS, ids=lambda name: name.replace("/", "-"))
def document(
    request: pytest.FixtureRequest, golden_pdfs: Path
) -> Iterator[tuple[pikepdf.Pdf, str]]:
    with pikepdf.open(golden_pdfs / request.param) as pdf:
        yield pdf, DOCUMENTS[request.param]


def structure(node: object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element under ``node``."""
    if isinstance(node, pikepdf.Array):
        for child in node:
            yield from structure(child)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        yield node
        yield from structure(node.get("/K"))


def test_the_structure_tree_covers_every_page(document) -> None:
    pdf, _ = document
    assert "/StructTreeRoot" in pdf.Root
    elements = list(structure(pdf.Root.StructTreeRoot.K))
    kinds = {str(e.S) for e in elements}
    assert {"/Document", "/H1", "/P"} <= kinds
    assert all("/StructParents" in page.obj for page in pdf.pages)


def test_marked_with_a_language_and_the_pdf_ua_identifier(document) -> None:
    pdf, _ = document
    assert pdf.Root.MarkInfo.Marked is True
    assert pdf.Root.Lang == "en"
    assert pdf.open_metadata().get("pdfuaid:part") == "1"


def test_the_title_is_set_and_shown(document) -> None:
    pdf, title = document
    assert str(pdf.docinfo.Title) == title
    assert pdf.open_metadata().get("dc:title") == title
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


def _fonts(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    for page in pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            yield from font.get("/DescendantFonts", [font])


def test_every_font_is_embedded(document) -> None:
    pdf, _ = document
    fonts = list(_fonts(pdf))
    assert fonts
    unembedded = [
        str(font.BaseFont)
        for font in fonts
        if not any(k in font.FontDescriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    ]
    assert unembedded == []


def test_figures_have_alternative_text(document) -> None:
    pdf, title = document
    figures = [e for e in structure(pdf.Root.StructTreeRoot.K) if e.S == "/Figure"]
    assert all(str(f.get("/Alt", "")).strip() for f in figures)
    if title.startswith("Hiring review pack"):
        alts = [str(f.Alt) for f in figures]  # one chart per currency and period
        assert [alt.split(":")[0] for alt in alts] == [
            "Base salary bands by level, per hour (EUR)",
            "Base salary bands by level, per year (USD)",
        ]
        assert "Key Account Manager (Senior), $51,933 – $94,871" in alts[1]


def _scopes(pdf: pikepdf.Pdf) -> list[tuple[str, str, str]]:
    """(row group, scope) of every table header cell, in order."""
    found = []
    for element in structure(pdf.Root.StructTreeRoot.K):
        if element.S == "/TH":
            group = str(element.P.P.S)  # TH in TR in THead, TBody or Table
            found.append((group, str(element.get("/A", {}).get("/Scope", "none"))))
    return found


def test_every_table_header_has_a_scope(document) -> None:
    pdf, title = document
    scopes = _scopes(pdf)
    assert all(scope in ("/Column", "/Row") for _, scope in scopes), scopes
    assert all(scope == "/Column" for group, scope in scopes if group == "/THead")
    if not title.startswith(("Hiring plan", "Hiring review pack")):
        return
    # The scorecard and coverage tables: a head of columns, a row header per attribute.
    assert {scope for group, scope in scopes if group == "/TBody"} == {"/Row"}
    assert len(scopes) > 10


def test_a_header_scope_is_the_page_s_where_it_gave_one(tmp_path: Path) -> None:
    from jdgen.render.pdf import render_pdf

    page = """<!DOCTYPE html><html lang="en"><head><title>Scopes</title></head><body>
    <table><thead><tr><th scope="col">Step</th><th>Name</th><th scope="col">Score</th></tr>
    </thead><tbody><tr><td>1</td><th scope="row">Ana</th><td>3</td></tr></tbody></table>
    <table><thead><tr><th scope="col">Name</th><th scope="col">Score</th></tr></thead>
    <tbody><tr><th scope="row">Ana</th><td>3</td></tr><tr><th>Total</th><td>3</td></tr></tbody>
    </table></body></html>"""
    path = tmp_path / "scopes.pdf"
    path.write_bytes(render_pdf(page, base_dir=tmp_path, allowed=(tmp_path,)))
    with pikepdf.open(path) as pdf:
        assert _scopes(pdf) == [
            ("/THead", "/Column"),
            ("/THead", "/Column"),  # no scope given: a header in the table head
            ("/THead", "/Column"),
            ("/TBody", "/Row"),  # scope="row", though not first in its row
            ("/THead", "/Column"),
            ("/THead", "/Column"),
            ("/TBody", "/Row"),
            ("/TBody", "/Row"),  # no scope, and no cell under it: first in a body row
        ]

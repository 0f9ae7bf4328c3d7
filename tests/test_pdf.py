"""PDF output: structural checks, never a byte-for-byte comparison.

Rendering a PDF takes about a second, so each page size is rendered once per
module (the ``built`` fixture) and every test inspects those files.
"""

from __future__ import annotations

import html
import logging
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pypdf
import pytest

from jdgen.build.runner import BuildOptions, build
from jdgen.load.workspace import Workspace
from jdgen.render.pdf import render_pdf

pytestmark = pytest.mark.pdf

WORKSPACE = Path(__file__).resolve().parent / "fixtures" / "golden" / "workspace"
ROLE = "key-account-manager"


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def weasyprint_log() -> Iterator[list[logging.LogRecord]]:
    """Records WeasyPrint logs at WARNING and above while the module runs.

    jdgen raises WeasyPrint's logger to ERROR so that users are not shown its
    chatter; the tests lower it again so that a warning cannot go unnoticed.
    """
    from jdgen.render.pdf import _weasyprint

    _weasyprint()  # import first: the import sets the level this fixture overrides
    logger = logging.getLogger("weasyprint")
    handler, level = _Records(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    yield handler.records
    logger.removeHandler(handler)
    logger.setLevel(level)


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory, weasyprint_log: list[logging.LogRecord]
) -> dict[str, Path]:
    """The role built once on A4 (with its HTML) and once on Letter; {page size: folder}."""
    folders = {}
    for page_size, formats in (("a4", ("html", "pdf")), ("letter", ("pdf",))):
        out = tmp_path_factory.mktemp(page_size)
        report = build(
            Workspace(WORKSPACE),
            [WORKSPACE / "roles" / f"{ROLE}.yaml"],
            BuildOptions(out, formats, page_size),
        )
        assert (report.warnings, [o.errors for o in report.outcomes]) == ([], [[]])
        folders[page_size] = out / ROLE
    return folders


@pytest.fixture(scope="module")
def pdf(built: dict[str, Path]) -> Path:
    return built["a4"] / "posting.pdf"


def test_the_file_is_a_pdf(pdf: Path) -> None:
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_page_count(pdf: Path) -> None:
    assert len(pypdf.PdfReader(pdf).pages) == 2


def test_title_is_the_html_title(built: dict[str, Path], pdf: Path) -> None:
    page = (built["a4"] / "posting.html").read_text()
    [title] = re.findall(r"<title>(.*)</title>", page)
    metadata = pypdf.PdfReader(pdf).metadata
    assert metadata.title == html.unescape(title) == "Key Account Manager · Tramuntana Software"
    assert metadata.author == "Tramuntana Software"


def test_language_and_accessibility(pdf: Path) -> None:
    with pikepdf.open(pdf) as document:
        assert document.Root.Lang == "en"
        assert document.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in document.Root
        assert document.open_metadata().get("pdfuaid:part") == "1"


def _fonts(document: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    for page in document.pages:
        for font in page.Resources.get("/Font", {}).values():
            yield from font.get("/DescendantFonts", [font])


def test_every_font_is_embedded(pdf: Path) -> None:
    with pikepdf.open(pdf) as document:
        fonts = list(_fonts(document))
        assert fonts
        for font in fonts:
            descriptor = font.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                font.BaseFont
            )


def test_text_holds_the_title_and_the_pay(pdf: Path) -> None:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Key Account Manager" in text
    assert "$51,933 – $94,871 per year" in text
    assert "$5,500 – $39,999 per year" in text
    assert "<script>alert(1)</script> is text" in text


@pytest.mark.parametrize(
    ("page_size", "points"), [("a4", (595.28, 841.89)), ("letter", (612.0, 792.0))]
)
def test_page_size(built: dict[str, Path], page_size: str, points: tuple[float, float]) -> None:
    reader = pypdf.PdfReader(built[page_size] / "posting.pdf")
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == (
            points
        )


def test_no_warnings_while_rendering(built: dict[str, Path], weasyprint_log) -> None:
    assert [r.getMessage() for r in weasyprint_log] == []


# -- the sandbox -------------------------------------------------------------------------------


def test_the_sandbox_loads_nothing_outside_the_template_folders(
    tmp_path: Path, weasyprint_log: list[logging.LogRecord]
) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("p { color: red; }")
    allowed = tmp_path / "templates"
    allowed.mkdir()
    page = (
        f'<html lang="en"><head><title>T</title><link rel="stylesheet" href="{secret.as_uri()}">'
        '<link rel="stylesheet" href="https://example.com/x.css"></head>'
        "<body><p>Hello</p></body></html>"
    )
    start = len(weasyprint_log)
    try:
        data = render_pdf(page, base_dir=allowed, allowed=(allowed,))
        refused = [r.getMessage() for r in weasyprint_log[start:]]
    finally:
        del weasyprint_log[start:]
    assert data[:5] == b"%PDF-"
    assert len(refused) == 2
    assert f"jdgen does not load '{secret.as_uri()}' while rendering" in refused[0]
    assert "jdgen does not load 'https://example.com/x.css' while rendering" in refused[1]

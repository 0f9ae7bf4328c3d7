"""Print a rendered HTML page to PDF with WeasyPrint, in a sandbox.

WeasyPrint is imported here and nowhere else, and only when a PDF is asked for:
importing it costs about a second and needs system libraries (Pango, HarfBuzz)
that a lint run or a Markdown build should not depend on.

The sandbox: the page may load files from the template folders and small
``data:`` URLs, and nothing else (no other local file, no network). Links marked
``rel=attachment`` and PDF attachments are never embedded.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from jdgen.errors import PdfUnavailableError

SYSTEM_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0")
INSTALL_HINT = (
    "PDF output needs WeasyPrint's system libraries; install them with: "
    f"sudo apt-get install {' '.join(SYSTEM_PACKAGES)}"
)
# A lint-only install (pip install jdgen) has no WeasyPrint or pikepdf at all.
EXTRA_HINT = (
    "PDF output needs jdgen's pdf extra, which a lint-only install leaves out; install it "
    "with: pip install 'jdgen[pdf]' (and on Debian: sudo apt-get install "
    f"{' '.join(SYSTEM_PACKAGES)}), or build the other formats: --format md,html,json"
)
MAX_DATA_URL_BYTES = 512 * 1024
PAGE_SIZES = {"a4": "A4", "letter": "letter"}


@lru_cache(maxsize=1)
def _weasyprint():
    """Import WeasyPrint once, or explain which packages are missing."""
    try:
        import pikepdf  # noqa: F401 - the review pack joins PDFs with it
        import weasyprint
    except ModuleNotFoundError as exc:
        raise PdfUnavailableError(f"{EXTRA_HINT} (no module named {exc.name!r})") from None
    except (OSError, ImportError) as exc:
        raise PdfUnavailableError(f"{INSTALL_HINT} ({exc})") from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint


def check_available() -> None:
    """Raise :class:`PdfUnavailableError` when PDFs cannot be made here."""
    _weasyprint()


def prepare() -> None:
    """Import WeasyPrint and build a fresh font configuration for this process.

    A worker process calls this once: a configuration inherited from the parent
    process (through fork) is not reused.
    """
    _weasyprint()
    _font_config.cache_clear()
    _page_css.cache_clear()
    _font_config()


@lru_cache(maxsize=1)
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@lru_cache(maxsize=8)
def _page_css(page_size: str, print_css: str = ""):
    """The stylesheet WeasyPrint gets besides the page's own: the page size, and the
    templates' paged-media rules (``posting.print.css``), which the HTML page leaves out."""
    weasyprint = _weasyprint()
    return weasyprint.CSS(
        string=f"@page {{ size: {PAGE_SIZES[page_size]}; }}\n{print_css}",
        font_config=_font_config(),
    )


def _fetcher_class():
    weasyprint = _weasyprint()

    class SandboxFetcher(weasyprint.URLFetcher):
        """Fetch only files under the allowed folders, and small data: URLs."""

        def __init__(self, allowed: tuple[Path, ...]) -> None:
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
            self.allowed = tuple(p.resolve() for p in allowed)

        def fetch(self, url, headers=None):
            lowered = url[:16].lower()
            if lowered.startswith("data:"):
                if len(url) > MAX_DATA_URL_BYTES:
                    raise ValueError("data: URL too large")
                return super().fetch(url, headers)
            if lowered.startswith("file:"):
                from urllib.request import url2pathname

                path = Path(url2pathname(url.split("?")[0].split("#")[0].removeprefix("file:")))
                resolved = path.resolve()
                if any(resolved.is_relative_to(root) for root in self.allowed):
                    return super().fetch(url, headers)
            raise ValueError(f"jdgen does not load {url[:80]!r} while rendering")

    return SandboxFetcher


def render_pdf(
    html: str,
    *,
    base_dir: Path,
    allowed: tuple[Path, ...],
    page_size: str = "a4",
    print_css: str = "",
) -> bytes:
    """The PDF for ``html``; relative URLs resolve against ``base_dir``. ``print_css``
    is added to the page's own stylesheets (see :func:`_page_css`)."""
    return write_pdf(
        lay_out(html, base_dir=base_dir, allowed=allowed, page_size=page_size, print_css=print_css)
    )


def lay_out(
    html: str,
    *,
    base_dir: Path,
    allowed: tuple[Path, ...],
    page_size: str = "a4",
    print_css: str = "",
):
    """The laid-out pages of ``html`` (a WeasyPrint document), before the PDF is written:
    enough to count them, which takes half the time of writing them."""
    weasyprint = _weasyprint()
    fetcher = _fetcher_class()(allowed)
    document = weasyprint.HTML(
        string=html, base_url=str(base_dir) + "/", url_fetcher=fetcher
    ).render(
        stylesheets=[_page_css(page_size, print_css)],
        font_config=_font_config(),
        pdf_variant="pdf/ua-1",
    )
    # Never embed files: drop attachment links and document-level attachments.
    for page in document.pages:
        page.links[:] = [link for link in page.links if link[0] != "attachment"]
    document.metadata.attachments = []
    return document


def write_pdf(document) -> bytes:
    """The PDF of a document from :func:`lay_out`, its table headers scoped."""
    from jdgen.render.pdf_tags import scope_table_headers

    return scope_table_headers(document.write_pdf(pdf_variant="pdf/ua-1"))

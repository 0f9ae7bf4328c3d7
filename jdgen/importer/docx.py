"""Read a Word document (``.docx``) through python-docx (the ``docx`` extra).

A paragraph styled as a heading (or as the title), or one written wholly in bold and
short, is a heading; a paragraph in a list style, or numbered, is a list item. The
text positions point into the paragraphs joined by newlines, so that a finding's
"line" is the paragraph's number in the document (tables' cells count after the
paragraphs).
"""

from __future__ import annotations

import io
import zipfile

from jdgen.errors import UnreadableFileError
from jdgen.importer.blocks import HEADING, ITEM, TEXT, Block, Posting, clean

MAX_UNPACKED = 50_000_000  # bytes a .docx may unpack to: a zip bomb is refused


def read_docx(display: str, raw: bytes) -> Posting:
    """The blocks of a ``.docx`` file's paragraphs."""
    try:
        import docx
    except ImportError:
        raise UnreadableFileError.at(
            display, 1, 1, "reading .docx needs python-docx: pip install 'jdgen[docx]'"
        ) from None
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise UnreadableFileError.at(display, 1, 1, "the .docx unpacks to too much data")
        document = docx.Document(io.BytesIO(raw))
        paragraphs = [(p.text, _kind(p)) for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                paragraphs += [(cell.text, (TEXT, 0)) for cell in row.cells]
    except UnreadableFileError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds for a broken file
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise UnreadableFileError.at(
            display, 1, 1, f"not a readable Word document (.docx): {reason}"
        ) from None
    lines = [" ".join(text.split()) for text, _ in paragraphs]
    posting = Posting(display, "\n".join(lines), "docx")
    offset = 0
    for line, (_, (kind, level)) in zip(lines, paragraphs, strict=True):
        if line:
            posting.blocks.append(Block(kind, clean(line), offset, offset + len(line), level))
        offset += len(line) + 1
    return posting


def _kind(paragraph) -> tuple[str, int]:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style == "Title":
        return HEADING, 1
    if style.startswith("Heading"):
        digits = "".join(c for c in style if c.isdigit())
        return HEADING, int(digits) + 1 if digits else 2
    if "List" in style or (paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None):
        return ITEM, 0
    runs = [r for r in paragraph.runs if r.text.strip()]
    if runs and all(r.bold for r in runs) and len(paragraph.text) <= 60:
        return HEADING, 2
    return TEXT, 0

"""Bring an existing posting in: from its source to role data (``jdgen import``), and
the same role data for ``jdgen lint`` of posting text.

One reader per kind of source turns it into blocks of text with their places
(:mod:`~jdgen.importer.markdown` for ``.md`` and ``.txt``, :mod:`~jdgen.importer.html`
and :mod:`~jdgen.importer.htmltext` for saved pages, :mod:`~jdgen.importer.jsonld`
for JobPosting data, :mod:`~jdgen.importer.docx` for Word documents);
:mod:`~jdgen.importer.place` puts the blocks in role keys (a :class:`Draft`, whose
marks point into the source), and :mod:`~jdgen.importer.yamlout` writes it as a role
file, guesses and leftovers as comments.

The importer knows nothing of lint rules, rendering or building; lint runs its rules
on what :func:`read_posting` returns (:mod:`jdgen.lint.posting`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from jdgen.errors import UnreadableFileError
from jdgen.importer.blocks import Posting
from jdgen.importer.draft import Draft

KINDS = {".md": "md", ".markdown": "md", ".txt": "txt", ".text": "txt", ".html": "html",
         ".htm": "html", ".json": "json", ".jsonld": "json", ".docx": "docx"}  # fmt: skip
MAX_SOURCE_BYTES = 20_000_000  # a saved page or a Word document with images


def kind_of(path: Path) -> str | None:
    """The kind of posting a file name says (``md``, ``txt``, ``html``, ``json``, ``docx``)."""
    return KINDS.get(path.suffix.lower())


def sniff(raw: bytes) -> str:
    """The kind of a posting read from standard input without ``--format``."""
    head = raw[:2048].lstrip()
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head[:1] in (b"{", b"["):
        return "json"
    if head[:1] == b"<":
        return "html"
    return "md"


def read_bytes(source: str) -> tuple[bytes, str]:
    """A source's bytes and its name in messages (``-``: standard input)."""
    if source == "-":
        return sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1)[: MAX_SOURCE_BYTES + 1], "<stdin>"
    from jdgen.load.store import TooLarge, read_bounded

    try:
        return read_bounded(source, source, MAX_SOURCE_BYTES), source
    except FileNotFoundError:
        raise UnreadableFileError.at(source, 1, 1, "no such file") from None
    except TooLarge as exc:
        raise UnreadableFileError.at(source, 1, 1, exc.strerror) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UnreadableFileError.at(source, 1, 1, f"cannot read file: {reason}") from None


def read_source(raw: bytes, display: str, kind: str) -> Posting:
    """The blocks of a posting's bytes; :class:`UnreadableFileError` when it cannot be read."""
    if kind == "docx":
        from jdgen.importer.docx import read_docx

        posting = read_docx(display, raw)
    else:
        from jdgen.load.source import decode_text

        text = decode_text(raw, display, limit=MAX_SOURCE_BYTES)  # a saved page is large
        if kind == "html":
            from jdgen.importer.html import read_html

            posting = read_html(display, text)
        elif kind == "json":
            from jdgen.importer.jsonld import read_json

            posting = read_json(display, text)
        else:
            from jdgen.importer.markdown import read_markdown

            posting = read_markdown(display, text, kind)
    if not any(b.text for b in posting.blocks) and not posting.fields:
        raise UnreadableFileError.at(display, 1, 1, "no posting text found in this file")
    return posting


def read_posting(raw: bytes, display: str, kind: str) -> Draft:
    """The role a posting describes, schema-valid: what cannot be placed in a role file's
    keys is kept among the leftovers."""
    from jdgen.importer.check import make_valid
    from jdgen.importer.place import place

    draft = place(read_source(raw, display, kind))
    if not draft.has("title"):
        raise UnreadableFileError.at(
            display, 1, 1, "no posting found: no title (a heading or a JobPosting's title)"
        )
    make_valid(draft)
    return draft


__all__ = [
    "KINDS",
    "Draft",
    "Posting",
    "kind_of",
    "read_bytes",
    "read_posting",
    "read_source",
    "sniff",
]

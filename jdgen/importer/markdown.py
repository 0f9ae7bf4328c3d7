"""Read a posting written as Markdown or plain text into blocks.

Markdown headings (``#``, and underlined ones), list items (``-``, ``*``, ``+``,
``1.``, ``•``) and paragraphs are recognised; in plain text, a short line of its own
ending in a colon, or written in capitals, is a heading too. Emphasis, links and
Markdown escapes are taken off the text; the block keeps the range of the lines it
came from, so that a word found in it is placed at its own line and column.
"""

from __future__ import annotations

import re

from jdgen.importer.blocks import HEADING, ITEM, RULE, TEXT, Block, Posting, clean
from jdgen.importer.headings import section_of

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_ITEM = re.compile(r"^[ \t]*(?:[-*+•·▪–]|\d{1,3}[.)])[ \t]+(.*)$")
_RULE = re.compile(r"^ {0,3}(?:[-*_][ \t]*){3,}$")
_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+|[^>\s@]+@[^>\s]+)>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")


def inline(text: str) -> str:
    """Markdown inline markup taken off: ``**Pay:** [site](https://x)`` -> ``Pay: site
    (https://x)``."""
    text = _LINK.sub(_link, text)
    text = _AUTOLINK.sub(lambda m: m[1].removeprefix("mailto:"), text)
    for _ in range(3):  # nested emphasis
        text = _EMPHASIS.sub(r"\2", text)
    return clean(_ESCAPE.sub(r"\1", text))


def _link(match: re.Match) -> str:
    words, target = match[1], match[2].removeprefix("mailto:")
    return f"{words} ({target})" if target and target != words else words


def read_markdown(display: str, text: str, kind: str = "md") -> Posting:
    """The blocks of a Markdown (``kind="md"``) or plain-text (``"txt"``) posting."""
    posting = Posting(display, text, kind)
    lines = []
    offset = 0
    for line in text.splitlines(keepends=True):
        lines.append((offset, line.rstrip("\r\n")))
        offset += len(line)
    blocks = posting.blocks
    para: list[tuple[int, str]] = []

    def flush() -> None:
        if para:
            start, end = para[0][0], para[-1][0] + len(para[-1][1])
            words = inline(" ".join(s for _, s in para))
            if words:
                blocks.append(Block(TEXT, words, start, end))
            para.clear()

    i = 0
    while i < len(lines):
        start, line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush()
        elif match := _ATX.match(line):
            flush()
            blocks.append(_heading(match[2], len(match[1]), start, line))
        elif para and _UNDERLINE.match(line) and len(para) == 1:
            first, words = para.pop()
            blocks.append(_heading(words, 1 if line.strip()[0] == "=" else 2, first, words))
        elif _RULE.match(line):
            flush()
            blocks.append(Block(RULE, "", start, start + len(line)))
        elif match := _ITEM.match(line):
            flush()
            body = [match[1]]
            end = start + len(line)
            while i + 1 < len(lines) and _continues(lines[i + 1][1]):
                i += 1
                body.append(lines[i][1].strip())
                end = lines[i][0] + len(lines[i][1])
            item_start = start + line.index(match[1]) if match[1] else start
            words = inline(" ".join(body))
            if words:
                blocks.append(Block(ITEM, words, item_start, end))
        elif not para and _heading_line(line, kind):
            blocks.append(_heading(line, 2, start, line))
        else:
            para.append((start + len(line) - len(line.lstrip()), stripped))
        i += 1
    flush()
    return posting


def _heading(words: str, level: int, start: int, line: str) -> Block:
    text = inline(words).rstrip(":").strip()
    column = line.find(words.strip()[:1]) if words.strip() else 0
    return Block(HEADING, text, start + max(column, 0), start + len(line), level)


def _continues(line: str) -> bool:
    """Whether ``line`` goes on the list item above it (indented, not a new item)."""
    return bool(line.strip()) and line[:1] in (" ", "\t") and not _ITEM.match(line)


def _heading_line(line: str, kind: str) -> bool:
    """Whether a line of its own is a heading written without Markdown: one that names a
    known section (``Requirements``, ``**Funciones**``), or, in plain text, a short line
    ending in a colon or written in capitals."""
    words = inline(line)
    if not words or len(words) > 60 or words[-1] in ".,;!?" or ":" in words.rstrip(":"):
        return False
    if section_of(words.rstrip(":")) is not None:
        return True
    return kind == "txt" and (words.endswith(":") or (words.isupper() and words[0].isalpha()))

"""The text of an HTML page (or of the HTML in a JobPosting's description) as blocks.

Parsed with the standard library's :class:`html.parser.HTMLParser`, which never
fails on broken markup and runs no script. The main text is the page's ``<main>``
(else its first ``<article>``, else its ``<body>``), without navigation, headers,
footers, scripts and forms. Each block keeps the range of the source it came from.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from jdgen.importer.blocks import HEADING, ITEM, RULE, TEXT, Block, clean

_BLOCKS = {"p", "div", "section", "article", "main", "ul", "ol", "li", "br", "tr", "td", "th",
           "table", "dd", "dl", "blockquote", "header", "footer", "aside", "form", "body",
           "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "figure", "address"}  # fmt: skip
_SKIP = {"script", "style", "noscript", "template", "nav", "svg", "form", "button", "select",
         "iframe", "head", "title"}  # fmt: skip
_AROUND = {"header", "footer", "aside"}  # left out of a page that has no <main>
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source",
         "track", "wbr"}  # fmt: skip


class _Page(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = text
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.blocks: dict[str, list[Block]] = {"main": [], "article": [], "body": []}
        self.scripts: list[tuple[str, int]] = []  # JSON-LD, with its offset
        self.stack: list[str] = []
        self.skipping = 0
        self.inside = {"main": 0, "article": 0, "around": 0}
        self.articles = 0
        self.buffer: list[str] = []
        self.start: int | None = None
        self.kind, self.level = TEXT, 0
        self.script: list[str] | None = None
        self.script_at = 0
        self.end = 0
        self.bold: int | None = None  # where the block's leading bold label started
        self.label = False  # a bold label just ended: "<strong>Bonus</strong> Paid yearly"

    def _at(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column if line - 1 < len(self.starts) else len(self.source)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "script" and ("type", "application/ld+json") in [
            (k, (v or "").strip().lower()) for k, v in attrs
        ]:
            self.script, self.script_at = [], self._at()
        if tag in _SKIP:
            if tag not in _VOID:
                self.skipping += 1
                self.stack.append(tag)
            return
        if tag in _BLOCKS and tag != "dd":  # <dt>Pay</dt><dd>...</dd> is one line: "Pay: ..."
            self.flush()
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.kind, self.level = HEADING, int(tag[1])
        elif tag == "li":
            self.kind = ITEM
        elif tag == "hr":
            self._add(Block(RULE, "", self._at(), self._at()))
        elif tag in ("strong", "b") and self.kind == ITEM and not "".join(self.buffer).strip():
            self.bold = len(self.buffer)
        if tag == "main":
            self.inside["main"] += 1
        elif tag == "article":
            self.inside["article"] += 1
            self.articles += 1
        elif tag in _AROUND:
            self.inside["around"] += 1
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if open_tag in _SKIP:
                self.skipping -= 1
                if open_tag == "script" and self.script is not None:
                    self.scripts.append(("".join(self.script), self.script_at))
                    self.script = None
            else:
                self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if tag == "dt":
            self.buffer.append(": ")
            return
        if tag in ("strong", "b") and self.bold is not None:
            words = "".join(self.buffer[self.bold :]).strip()
            self.label = 0 < len(words.split()) <= 4 and words[-1] not in ":.,;!?"
            self.bold = None
        if tag in _BLOCKS or tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.flush()
        if tag == "main":
            self.inside["main"] -= 1
        elif tag == "article":
            self.inside["article"] -= 1
        elif tag in _AROUND:
            self.inside["around"] -= 1

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            if not self.script:
                self.script_at = self._at()  # where the JSON starts: values are found from here
            self.script.append(data)
            return
        if self.skipping:
            return
        if data.strip() and self.start is None:
            self.start = self._at() + (len(data) - len(data.lstrip()))
        if self.label and data.strip():
            if data.lstrip()[:1] not in (":", ".", ",", ";"):
                self.buffer.append(": ")  # the label and its text, as a <dt> and its <dd>
            self.label = False
        self.buffer.append(data)
        self.end = self._at() + len(data)

    def flush(self) -> None:
        text = (
            clean("".join(self.buffer)).removesuffix(":").strip()
            if self.kind == HEADING
            else clean("".join(self.buffer))
        )
        if text and self.start is not None:
            self._add(Block(self.kind, text, self.start, max(self.end, self.start), self.level))
        self.buffer, self.start = [], None
        self.bold, self.label = None, False
        self.kind, self.level = TEXT, 0

    def _add(self, block: Block) -> None:
        if self.inside["main"]:
            self.blocks["main"].append(block)
        if self.inside["article"] and self.articles == 1:
            self.blocks["article"].append(block)
        if not self.inside["around"]:
            self.blocks["body"].append(block)


def page_blocks(text: str) -> tuple[list[Block], list[tuple[str, int]]]:
    """The main text's blocks, and the JSON-LD scripts (text, offset) of an HTML page."""
    page = _Page(text)
    page.feed(text)
    page.close()
    page.flush()
    blocks = page.blocks["main"] or page.blocks["article"] or page.blocks["body"]
    return blocks, page.scripts

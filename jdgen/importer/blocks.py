"""What every reader of a posting makes of its source: :class:`Posting`, a list of
:class:`Block` (headings, list items, paragraphs) with where each is in the text.

Offsets are into :attr:`Posting.text`: the file's own text for Markdown, plain text,
HTML and JSON, and the paragraphs joined by newlines for a ``.docx`` (so that a
"line" is a paragraph number). :meth:`Posting.mark` turns an offset range into the
:class:`~jdgen.load.source.Mark` the loader gives YAML values, so lint places
findings in the posting exactly as it places them in a role file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from jdgen.load.source import Mark

HEADING, ITEM, TEXT, RULE = "heading", "item", "text", "rule"


@dataclass
class Block:
    """One heading, list item or paragraph: its text (markup removed) and the range of
    the source it came from."""

    kind: str
    text: str
    start: int
    end: int
    level: int = 0  # a heading's level (1 for the page's title)


@dataclass
class Posting:
    """A posting as read from its source, before its blocks are placed in role keys.

    ``fields`` are values a source states as data (a JobPosting's ``baseSalary``,
    ``datePosted``...), already as role keys, each with its offset range; ``blocks`` are
    its text, in reading order.
    """

    display: str
    text: str
    kind: str
    blocks: list[Block] = field(default_factory=list)
    fields: dict[tuple, tuple[Any, int, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what the reader chose, for the summary

    @cached_property
    def _starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset``."""
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def mark(self, start: int, end: int) -> Mark:
        line, column = self.position(start)
        return Mark(self.display, line, column, start, end)


def clean(text: str) -> str:
    """Text with its runs of white space as one space."""
    return " ".join(text.split())

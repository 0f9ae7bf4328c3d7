"""The posting's text as lint sees it, and finding words in it.

:func:`posting_segments` lists every piece of prose a posting shows (title,
summary, each duty, each requirement...), each with the mark of the YAML value
it came from. :class:`Locator` maps a match inside a segment back to the exact
line and column in the file, even inside a multi-line block scalar.

:class:`TermMatcher` finds whole words and phrases case-insensitively, letting
hyphens, spaces and punctuation stand between the words of a phrase.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from jdgen.model import Company
from jdgen.source import Mark, YamlPath
from jdgen.workspace import LoadedRole, Workspace

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Segment:
    """A piece of posting text and where its value starts."""

    field: str  # "title", "summary", "duty", "requirement", "benefit", ...
    path: YamlPath
    text: str
    mark: Mark | None


def posting_segments(loaded: LoadedRole, company: tuple[Company, Any] | None) -> list[Segment]:
    """Every piece of text the posting shows, in reading order."""
    role = loaded.role
    out: list[Segment] = []

    def add(field: str, path: YamlPath, text: str | None) -> None:
        if text:
            out.append(Segment(field, path, text, loaded.positions.of(path)))

    add("title", ("title",), role.title)
    add("summary", ("summary",), role.summary)
    for i, duty in enumerate(role.duties):
        add("duty", ("duties", i), duty)
    for group in ("must", "nice"):
        for i, item in enumerate(getattr(role.requirements, group)):
            add("requirement", ("requirements", group, i, "text"), item.text)
    for i, item in enumerate(role.education):
        add("education", ("education", i, "text"), item.text)
    for i, cert in enumerate(role.certifications):
        add("certification", ("certifications", i, "name"), cert.name)
    for i, skill in enumerate(role.skills):
        add("skill", ("skills", i), skill)
    if role.salary:
        for i, item in enumerate(role.salary.variable):
            add("pay", ("salary", "variable", i, "description"), item.description)
        add("pay", ("salary", "equity"), role.salary.equity)
    for i, benefit in enumerate(role.benefits):
        add("benefit", ("benefits", i), benefit)
    add("travel", ("travel",), role.travel)
    if role.apply:
        add("apply", ("apply", "instructions"), role.apply.instructions)
    if company is not None:
        info, positions = company
        for key in ("about", "equal_opportunity"):
            text = getattr(info, key)
            if text:
                out.append(Segment("company", (key,), text, positions.of((key,))))
    return out


def word_count(segments: Iterable[Segment]) -> int:
    """Words a reader sees in the posting (company boilerplate included)."""
    return sum(len(re.findall(r"\w+(?:[’'-]\w+)*", s.text)) for s in segments)


class Locator:
    """Map an offset inside a segment's text to a line and column in its file."""

    def __init__(self, workspace: Workspace) -> None:
        self.texts = {doc.display: doc.text for doc in workspace.documents.values()}
        self._line_starts: dict[str, list[int]] = {}

    def _starts(self, file: str) -> list[int]:
        if file not in self._line_starts:
            text = self.texts.get(file, "")
            self._line_starts[file] = [0, *(m.end() for m in re.finditer("\n", text))]
        return self._line_starts[file]

    def position(self, file: str, index: int) -> tuple[int, int]:
        starts = self._starts(file)
        line = bisect.bisect_right(starts, index)
        return line, index - starts[line - 1] + 1

    def locate(self, segment: Segment, start: int, end: int) -> tuple[str, int, int]:
        """``(file, line, column)`` of ``segment.text[start:end]`` in the YAML source."""
        mark = segment.mark
        if mark is None:
            return ("?", 1, 1)
        source = self.texts.get(mark.file)
        if source is None:
            return (mark.file, mark.line, mark.column)
        region = source[mark.start : mark.end]
        needle = segment.text[start:end]
        words = re.findall(r"\w+", needle)
        if words:
            pattern = re.compile(r"\W+".join(map(re.escape, words)), re.IGNORECASE)
        elif needle.strip():  # punctuation or an emoji: find the characters themselves
            pattern = re.compile(re.escape(needle.strip()))
        else:
            return (mark.file, mark.line, mark.column)
        nth = len(pattern.findall(segment.text[:start]))
        for i, match in enumerate(pattern.finditer(region)):
            if i == nth:
                return (mark.file, *self.position(mark.file, mark.start + match.start()))
        return (mark.file, mark.line, mark.column)


def fold(text: str) -> str:
    """Lowercase, with accents removed: ``"Gurú"`` → ``"guru"``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_WORD = re.compile(r"[^\W_]+")


def normalize_phrase(text: str) -> str:
    """A phrase's lookup key: folded, with any run of separators as one space."""
    return " ".join(_WORD.findall(fold(text)))


class TermMatcher:
    """Find whole-word occurrences of phrases, ignoring case, accents and separators.

    The text is cut into words, and runs of words are looked up in a table of
    phrases, longest first, left to right. (A single regular expression of
    hundreds of alternatives is simpler to write but takes longer to compile
    than a whole ``jdgen lint`` run may take.) A phrase whose value is ``None``
    matches and hides the shorter phrases inside it, but is not reported.
    """

    def __init__(self, terms: dict[str, Any]) -> None:
        self.terms = {normalize_phrase(k): v for k, v in terms.items() if normalize_phrase(k)}
        self.longest = max((key.count(" ") + 1 for key in self.terms), default=0)

    def finditer(self, text: str) -> Iterator[tuple[int, int, Any]]:
        """``(start, end, value)`` for each match in ``text``."""
        if not self.terms:
            return
        folded = fold(text)
        if len(folded) != len(text):  # folding changed offsets (rare ligatures): match as is
            folded = text.casefold()
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
        i = 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                key = " ".join(word for _, _, word in words[i : i + n])
                if key in self.terms:
                    value = self.terms[key]
                    if value is not None:
                        yield words[i][0], words[i + n - 1][1], value
                    i += n
                    break
            else:
                i += 1


@cache
def data_file(name: str) -> Any:
    """A YAML data file shipped in ``jdgen/data``, loaded once per process."""
    text = (files("jdgen") / "data" / name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=Loader)

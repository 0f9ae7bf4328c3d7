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
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import yaml

from jdgen.lint.canonical import Canonical, canonical
from jdgen.load.discover import locale_of
from jdgen.load.shipped import data_file  # noqa: F401 - rules read their word lists here
from jdgen.load.source import Mark, YamlPath

if TYPE_CHECKING:
    from jdgen.load.store import DocumentStore
    from jdgen.load.workspace import LoadedRole
    from jdgen.model import Company

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Segment:
    """A piece of posting text, where its value starts, and the language it is written
    in (its file's: a translation's locale, else the role files' own language)."""

    field: str  # "title", "summary", "duty", "requirement", "benefit", ...
    path: YamlPath
    text: str
    mark: Mark | None
    language: str = "en"


def posting_segments(
    loaded: LoadedRole, company: tuple[Company, Any] | None, default_locale: str = "en"
) -> list[Segment]:
    """Every piece of text the posting shows, in reading order."""
    role = loaded.role
    out: list[Segment] = []
    own = (loaded.locale or default_locale).split("_")[0]

    def language(mark: Mark | None) -> str:
        if mark is None:
            return own
        return locale_of(mark.file, default_locale).split("_")[0]

    def add(field: str, path: YamlPath, text: str | None) -> None:
        if text:
            mark = loaded.positions.of(path)
            out.append(Segment(field, path, text, mark, language(mark)))

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
                mark = positions.of((key,))
                out.append(Segment("company", (key,), text, mark, language(mark)))
    return out


def word_count(segments: Iterable[Segment]) -> int:
    """Words a reader sees in the posting (company boilerplate included)."""
    return sum(len(re.findall(r"\w+(?:[’'-]\w+)*", s.text)) for s in segments)


class Locator:
    """Map an offset inside a segment's text to a line and column in its file."""

    def __init__(self, store: DocumentStore) -> None:
        self.store = store
        self._line_starts: dict[str, list[int]] = {}
        self._matches: dict[tuple, tuple[list[int], list[int]]] = {}

    def _starts(self, file: str) -> list[int]:
        if file not in self._line_starts:
            text = self.store.text(file) or ""
            self._line_starts[file] = [0, *(m.end() for m in re.finditer("\n", text))]
        return self._line_starts[file]

    def position(self, file: str, index: int) -> tuple[int, int]:
        starts = self._starts(file)
        line = bisect.bisect_right(starts, index)
        return line, index - starts[line - 1] + 1

    def locate(self, segment: Segment, start: int, end: int) -> tuple[str, int, int]:
        """``(file, line, column)`` of ``segment.text[start:end]`` in the YAML source."""
        return self.span(segment, start, end)[:3]

    def span(
        self, segment: Segment, start: int, end: int
    ) -> tuple[str, int, int, int | None, int | None]:
        """``(file, line, column, end_line, end_column)`` of ``segment.text[start:end]``
        in the YAML source; the end is the position just after it (``None`` where the
        words could not be found in the source)."""
        mark = segment.mark
        if mark is None:
            return ("?", 1, 1, None, None)
        source = self.store.text(mark.file)
        if source is None:
            return (mark.file, mark.line, mark.column, None, None)
        needle = segment.text[start:end]
        words = re.findall(r"\w+", needle)
        if words:
            expression = r"\W+".join(map(re.escape, words))
            flags = re.IGNORECASE
        elif needle.strip():  # punctuation or an emoji: find the characters themselves
            expression, flags = re.escape(needle.strip()), 0
        else:
            return (mark.file, mark.line, mark.column, None, None)
        # Where the pattern occurs in the text and in its source, found once for all
        # the findings of one word in one value: a finding per occurrence, each
        # searching the whole value, made a long value's lint quadratic.
        key = (segment.text, mark.file, mark.start, mark.end, expression)
        found = self._matches.get(key)
        if found is None:
            if len(self._matches) > 512:
                self._matches.clear()
            pattern = re.compile(expression, flags)
            found = (
                [m.end() for m in pattern.finditer(segment.text)],
                [m.span() for m in pattern.finditer(source, mark.start, mark.end)],
            )
            self._matches[key] = found
        ends, spans = found
        nth = bisect.bisect_right(ends, start)  # occurrences wholly before this one
        if nth < len(spans):
            first, last = spans[nth]
            return (mark.file, *self.position(mark.file, first), *self.position(mark.file, last))
        return (mark.file, mark.line, mark.column, None, None)


def fold(text: str) -> str:
    """Lowercase, with accents removed: ``"Gurú"`` → ``"guru"``."""
    if text.isascii():  # no accents to remove: most text, and much quicker
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_WORD = re.compile(r"[^\W_]+")


def normalize_phrase(text: str) -> str:
    """A phrase's lookup key: folded, with any run of separators as one space."""
    return " ".join(_WORD.findall(fold(text)))


class TermMatcher:
    """Find whole-word occurrences of phrases, ignoring case, accents and separators.

    The text is split into words (runs of letters and digits); a phrase matches a
    run of consecutive words, whatever separates them. At each word the longest
    phrase wins, and matches do not overlap. Phrases are looked up by their first
    word, so building a matcher for thousands of phrases costs next to nothing
    (one regular expression of every phrase took a tenth of a second to compile).
    A phrase whose value is ``None`` matches and hides the shorter phrases inside it,
    but is not reported.
    """

    def __init__(self, terms: dict[str, Any]) -> None:
        normalized = ((normalize_phrase(k), v) for k, v in terms.items())
        self.terms = {k: v for k, v in normalized if k}
        self.by_first_word: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.terms:
            words = tuple(phrase.split(" "))
            self.by_first_word.setdefault(words[0], []).append(words)
        for candidates in self.by_first_word.values():
            candidates.sort(key=len, reverse=True)
        self._found: dict[tuple[str, bool], list[tuple[int, int, Any]]] = {}

    def finditer(self, text: str, title: bool = False) -> Iterator[tuple[int, int, Any]]:
        """``(start, end, value)`` for each match in ``text`` (read as a title's words
        with ``title``: see :func:`canonical`), at the words as written."""
        key = (text, title)
        found = self._found.get(key)
        if found is None:
            # Roles share much of their text (the company's, their bases'): look it up once.
            if len(self._found) >= SHARED_TEXTS:
                self._found.clear()
            found = self._found[key] = self._matches(text, title)
        return iter(found)

    def _matches(self, text: str, title: bool = False) -> list[tuple[int, int, Any]]:
        if not self.terms:
            return []
        view, words, distinct = _words(text, title)
        folded = view.text
        firsts = self.by_first_word.keys() & distinct
        if not firsts:
            return []  # the usual case: no phrase starts anywhere in the text
        found = []
        spans: list[tuple[int, int]] = []  # where each word is, found when first needed
        covered = 0  # matches do not overlap: the words before this one are taken
        for i in [i for i, word in enumerate(words) if word in firsts]:
            if i < covered:
                continue
            for phrase in self.by_first_word[words[i]]:
                n = len(phrase)
                if tuple(words[i : i + n]) == phrase:
                    value = self.terms[" ".join(phrase)]
                    if value is not None:
                        spans = spans or [m.span() for m in _WORD.finditer(folded)]
                        start, end = view.span(spans[i][0], spans[i + n - 1][1])
                        found.append((start, end, value))
                    covered = i + n
                    break
        return found


SHARED_TEXTS = 512  # texts whose matches a matcher remembers: enough for those roles share


@lru_cache(maxsize=SHARED_TEXTS)
def _words(text: str, title: bool = False) -> tuple[Canonical, list[str], frozenset[str]]:
    """The text as matched, its words, and the set of them (several matchers read one
    text)."""
    view = canonical(text, title)
    words = _WORD.findall(view.text)
    return view, words, frozenset(words)

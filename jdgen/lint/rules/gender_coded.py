"""Masculine-coded wording discourages women from applying; balance it.

Gaucher, Friesen and Kay (2011) found that job ads worded with more
masculine-coded words ("competitive", "dominant", "driven") are less appealing
to women, who judge they would not belong. This rule counts the masculine- and
feminine-coded words of their lists, as Kat Matfield's Gender Decoder does, over
all the posting's text. It reports each word at its line (info), and the
overall verdict on Gender Decoder's scale, from strongly feminine-coded to
strongly masculine-coded: a warning when the posting is masculine-coded.

It is stricter than Gender Decoder about what counts. Gender Decoder counts
any word that starts with a stem, so "responsibilities" counts as feminine
("respon-"), "competency" as masculine ("compet-") and a word matching two stems
twice; each stem here carries the words and phrases that start with it but are
not coded ("active listening", "decision makers"), and a word counts once. It
matches capitalised words and hyphenated ones ("Self-confident") as such. The
lists are in ``jdgen/data/lint/gender_coded.yaml``.

Passing example::

    title: Senior Account Manager
    level: senior
    summary: You will support a team that works together and shares what it learns.

Failing example::

    title: Senior Account Manager
    level: senior
    summary: |
      We want a competitive, driven and decisive self-starter who is
      ambitious, assertive, independent and fearless in negotiation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jdgen.lint.canonical import canonical
from jdgen.lint.problem import Finding, Level
from jdgen.lint.text import Segment, TermMatcher, data_file, fold
from jdgen.load.workspace import LoadedRole

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext

ID = "gender-coded"
LEVEL = "warning"
# Word lists read words, not intent: SARIF viewers show this as "medium" precision.
PRECISION = "medium"
DEFAULT: dict[str, Any] = {"report_words": True, "strong_difference": 3}
PER_LOCALE = True  # the English version, whichever locale it is

# A word, or words joined by hyphens ("self-confident", "co-operative").
_COMPOUND = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class CodedWord:
    segment: Segment
    start: int
    end: int
    coding: str  # "masculine" or "feminine"


@dataclass(frozen=True)
class Lexicon:
    stems: dict[str, tuple[str, frozenset[str]]]  # stem → (coding, excluded words)
    hyphenated: tuple[str, ...]  # stems with a hyphen, matched against whole compounds
    plain: frozenset[str]  # stems without a hyphen, matched at the start of a word

    by_head: dict[str, tuple[str, ...]]  # plain stems by their first letters, longest first
    short: tuple[str, ...]  # plain stems shorter than HEAD letters, longest first

    def plain_stem(self, word: str) -> str | None:
        """The longest plain stem that ``word`` starts with."""
        for stem in self.by_head.get(word[:HEAD], ()):
            if word.startswith(stem):
                return stem
        for stem in self.short:
            if word.startswith(stem):
                return stem
        return None

    not_coded: TermMatcher  # phrases in which a stem's word is not coded
    heads: re.Pattern[str] | None = None  # where a coded word may start


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    data = data_file("lint/gender_coded.yaml")
    stems: dict[str, tuple[str, frozenset[str]]] = {}
    phrases: dict[str, bool] = {}
    for coding in ("masculine", "feminine"):
        for item in data[coding]:
            stem = fold(item["stem"])
            excluded = frozenset(fold(w) for w in item.get("exclude", []))
            if stem in stems:  # Gender Decoder lists a few stems twice; merge them
                excluded |= stems[stem][1]
            stems[stem] = (coding, excluded)
            phrases.update(dict.fromkeys(item.get("exclude_phrases", []), True))
    plain = frozenset(t for t in stems if t and "-" not in t)
    return Lexicon(
        stems=stems,
        hyphenated=tuple(sorted((t for t in stems if "-" in t), key=len, reverse=True)),
        plain=plain,
        by_head=_by_head(plain),
        short=tuple(sorted((t for t in plain if len(t) < HEAD), key=len, reverse=True)),
        not_coded=TermMatcher(phrases),
        heads=_heads(stems),
    )


def _heads(stems: dict[str, tuple[str, frozenset[str]]]) -> re.Pattern[str] | None:
    """A pattern that finds the start of a word a stem could match, or ``None`` when a
    stem is too short to look for this way. Most pieces of text have none: the loop
    over their words, in Python, is then skipped."""
    if any(len(t) < HEAD for t in stems):
        return None
    heads = sorted({t[:HEAD] for t in stems}, key=lambda h: (-len(h), h))
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, heads)) + ")")


HEAD = 3  # stems are looked up by their first three letters


def _by_head(stems: frozenset[str]) -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    for stem in stems:
        if len(stem) >= HEAD:
            groups.setdefault(stem[:HEAD], []).append(stem)
    return {head: tuple(sorted(g, key=len, reverse=True)) for head, g in groups.items()}


def _parts(compound: re.Match[str], lexicon: Lexicon) -> list[tuple[int, int, str, str]]:
    """The coded parts of one word: ``(start, end, part, stem)``."""
    whole = compound.group()
    if "-" not in whole:  # most words: one part, and no hyphenated stem to try
        stem = lexicon.plain_stem(whole)
        return [] if stem is None else [(compound.start(), compound.end(), whole, stem)]
    stem = next((t for t in lexicon.hyphenated if whole.startswith(t)), None)
    if stem is not None:
        return [(compound.start(), compound.end(), whole, stem)]
    parts = []
    offset = compound.start()
    for part in whole.split("-"):
        stem = lexicon.plain_stem(part)
        if stem is not None:
            parts.append((offset, offset + len(part), part, stem))
        offset += len(part) + 1
    return parts


def coded_words(segments: list[Segment]) -> list[CodedWord]:
    """Every coded word in the text, case-insensitively, minus the exclusions.

    A hyphenated word counts once if it starts with a hyphenated stem
    ("self-confident"); otherwise each of its parts is a word of its own, as in
    Gender Decoder. A word counts once even when two stems match it.
    """
    return [
        CodedWord(segment, start, end, coding)
        for segment in segments
        for start, end, coding in _coded(segment.text)
    ]


@lru_cache(maxsize=4096)  # roles share much of their text: the company's, their bases'
def _coded(text: str) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, coding)`` of each coded word in ``text``."""
    lexicon = _lexicon()
    view = canonical(text)  # zero-width characters, look-alike letters: read through them
    folded = view.text
    if lexicon.heads is not None and lexicon.heads.search(folded) is None:
        return ()  # no word starts as a stem does
    found = []
    hidden = None  # the phrases that hide a coded word: looked for once one is found
    for compound in _COMPOUND.finditer(folded):
        whole = compound.group()
        if "-" not in whole and whole[:HEAD] not in lexicon.by_head and not lexicon.short:
            continue  # most words: no stem starts with their first letters
        for start, end, word, stem in _parts(compound, lexicon):
            coding, excluded = lexicon.stems[stem]
            bare = re.sub(r"['’]s$", "", word)  # "analyst's" is excluded as "analyst"
            if bare in excluded:
                continue
            if hidden is None:
                hidden = [(s, e) for s, e, _ in lexicon.not_coded.finditer(text)]
            start, end = view.span(start, end)
            if any(s <= start and end <= e for s, e in hidden):
                continue
            found.append((start, end, coding))
    return tuple(found)


def verdict(masculine: int, feminine: int, strong: int = 3) -> str:
    """Gender Decoder's verdict from the two counts."""
    score = feminine - masculine
    if score == 0:
        return "neutral" if feminine else "empty"
    if score > strong:
        return "strongly feminine-coded"
    if score > 0:
        return "feminine-coded"
    if score < -strong:
        return "strongly masculine-coded"
    return "masculine-coded"


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """Each coded word (info), then the verdict (a warning when masculine-coded)."""
    if context.language(role) != "en":
        return  # the lists are English; there is no validated Spanish or Catalan list
    words = coded_words([s for s in context.segments(role) if s.language == "en"])
    masculine = [w for w in words if w.coding == "masculine"]
    feminine = [w for w in words if w.coding == "feminine"]
    if options["report_words"]:
        for w in words:
            yield context.in_text(
                w.segment,
                w.start,
                w.end,
                f"{w.segment.text[w.start : w.end]!r} is {w.coding}-coded",
                level=Level.INFO,
            )
    result = verdict(len(masculine), len(feminine), options["strong_difference"])
    if result == "empty":
        return
    masculine_coded = "masculine" in result
    examples = ", ".join(sorted({w.segment.text[w.start : w.end].lower() for w in masculine})[:5])
    yield context.at(
        context.in_role(role, role.mark("title")),
        f"{context.posting_name(role)} is {result} ({len(masculine)} masculine-coded word"
        f"{'s' if len(masculine) != 1 else ''}, {len(feminine)} feminine-coded)",
        f"replace some masculine-coded words ({examples})" if masculine_coded else None,
        level=None if masculine_coded else Level.INFO,
        fallback=role,
    )

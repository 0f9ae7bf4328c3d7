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

from jdgen.lint.problem import Finding, Level
from jdgen.lint.text import Segment, TermMatcher, data_file, fold
from jdgen.workspace import LoadedRole

if TYPE_CHECKING:
    from jdgen.lint.engine import LintContext

ID = "gender-coded"
LEVEL = "warning"
DEFAULT: dict[str, Any] = {"report_words": True, "strong_difference": 3}

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
    plain: re.Pattern[str]  # any plain stem at the start of a word
    not_coded: TermMatcher  # phrases in which a stem's word is not coded


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
    plain = sorted((t for t in stems if "-" not in t), key=len, reverse=True)
    return Lexicon(
        stems=stems,
        hyphenated=tuple(sorted((t for t in stems if "-" in t), key=len, reverse=True)),
        plain=re.compile("|".join(map(re.escape, plain))),
        not_coded=TermMatcher(phrases),
    )


def coded_words(segments: list[Segment]) -> list[CodedWord]:
    """Every coded word in the text, case-insensitively, minus the exclusions.

    A hyphenated word counts once if it starts with a hyphenated stem
    ("self-confident"); otherwise each of its parts is a word of its own, as in
    Gender Decoder. A word counts once even when two stems match it.
    """
    lexicon = _lexicon()
    found = []
    for segment in segments:
        folded = fold(segment.text)
        if len(folded) != len(segment.text):
            folded = segment.text.lower()
        hidden = [(s, e) for s, e, _ in lexicon.not_coded.finditer(segment.text)]
        for compound in _COMPOUND.finditer(folded):
            whole = compound.group()
            stem = next((t for t in lexicon.hyphenated if whole.startswith(t)), None)
            if stem is not None:
                parts = [(compound.start(), compound.end(), whole, stem)]
            else:
                parts = []
                offset = compound.start()
                for part in whole.split("-"):
                    match = lexicon.plain.match(part)
                    if match is not None:
                        parts.append((offset, offset + len(part), part, match.group()))
                    offset += len(part) + 1
            for start, end, word, stem in parts:
                coding, excluded = lexicon.stems[stem]
                bare = re.sub(r"['’]s$", "", word)  # "analyst's" is excluded as "analyst"
                if bare in excluded or any(s <= start and end <= e for s, e in hidden):
                    continue
                found.append(CodedWord(segment, start, end, coding))
    return found


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
    words = coded_words(context.segments(role))
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
        f"the posting is {result} ({len(masculine)} masculine-coded word"
        f"{'s' if len(masculine) != 1 else ''}, {len(feminine)} feminine-coded)",
        f"replace some masculine-coded words ({examples})" if masculine_coded else None,
        level=None if masculine_coded else Level.INFO,
        fallback=role,
    )

"""A title must look like a title job seekers search for.

It reports a title that is:

- too long (more than ``max_length`` characters or ``max_words`` words);
- in capitals (``SENIOR ACCOUNT MANAGER``);
- decorated with emoji or exclamation marks;
- written in internal codes: abbreviations (``Sr.``, ``Mgr``, ``AM``), grade codes
  (``II``, ``L4``, ``IC3``, ``Band B``) or requisition numbers (``REQ-1042``);
- gendered (``Salesman``; in Spanish and Catalan, ``Vendedor`` without ``/a``).

The word lists are in ``jdgen/data/lint/title_format.yaml``.

Passing example::

    title: Senior Account Manager
    level: senior

Failing example::

    title: Sr. AM II
    level: senior
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jdgen.lint.canonical import plurals
from jdgen.lint.problem import Finding
from jdgen.lint.text import TermMatcher, data_file, fold
from jdgen.load.workspace import LoadedRole

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext

ID = "title-format"
LEVEL = "warning"
DEFAULT: dict[str, Any] = {"max_length": 60, "max_words": 8}
PER_LOCALE = True  # also reads each translation of the role

_CODES = (
    # A numeral after the title's first word ("Account Manager II"); a leading one is
    # a word of its own ("IV Therapy Nurse", "X Account Executive").
    (re.compile(r"(?<!^)(?<![\w.])(?:II|III|IV|VI{0,3}|IX|X)(?![\w.])"), "a grade code"),
    (re.compile(r"(?<!\w)[A-Z]{1,3}\d{1,2}(?!\w)"), "a grade code"),  # not "Web3"
    (re.compile(r"(?<!\w)(?:grade|band|level|tier)\s+[A-Z0-9](?!\w)", re.I), "a grade code"),
    (re.compile(r"(?<!\w)[A-Z]{2,}[-_#]?\d{3,}(?!\w)"), "a requisition number"),
)
_WORD = re.compile(r"(?<!\w)([A-Za-z]+)(\.?)(?!\w)")


@lru_cache(maxsize=1)
def _lists() -> dict[str, Any]:
    data = data_file("lint/title_format.yaml")
    gendered: dict[str, dict[str, str]] = {}
    for lang, words in data["gendered"].items():
        gendered[lang] = dict(words)
        # The gendered words of the prose lists (alex's job nouns: postman, doorman...)
        # are gendered in a title too.
        for entry in data_file("lint/exclusionary.yaml").get(lang, []):
            if entry["category"] == "gendered":
                for form in [entry["phrase"], *entry.get("variants", [])]:
                    gendered[lang].setdefault(form, entry["suggestion"])
        if lang in ("es", "ca"):  # and their plurals: "Limpiadoras para oficinas"
            for word, neutral in list(gendered[lang].items()):
                if " " not in word:
                    for plural in plurals(fold(word), lang):
                        gendered[lang].setdefault(plural, neutral)
    return {
        "gendered": {lang: TermMatcher(words) for lang, words in gendered.items()},
        "markers": [re.compile(p, re.I) for p in data["inclusive_markers"]],
        "abbreviations": data["abbreviations"],
        "acronyms": data["acronyms"],
    }


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """Format problems in the role's title."""
    title = role.role.title
    segment = context.title_segment(role)

    def at(start: int, end: int, message: str, suggestion: str | None = None) -> Finding:
        return context.in_text(segment, start, end, message, suggestion)

    words = title.split()
    if len(title) > options["max_length"] or len(words) > options["max_words"]:
        yield at(
            0,
            len(title),
            f"the title is {len(title)} characters and {len(words)} words long; "
            f"job boards cut titles over {options['max_length']} characters",
            "keep the title to the job's name and level; put the rest in the summary",
        )
    letters = [c for c in title if c.isalpha()]
    if len(letters) >= 4 and title.isupper():
        yield at(0, len(title), "the title is in capitals", f"write it as {_title_case(title)!r}")
    for i, char in enumerate(title):
        if char == "!" or unicodedata.category(char) in ("So", "Sk", "Cs"):
            kind = "an exclamation mark" if char == "!" else "an emoji or symbol"
            yield at(i, i + 1, f"the title has {kind}", "remove it: titles are searched, not read")
            break
    yield from _codes(title, at)
    yield from _gendered(title, segment.language, at)


def _codes(title: str, at: Callable[..., Finding]) -> Iterator[Finding]:
    """Abbreviations and grade codes, then the title with them spelled out."""
    lists = _lists()
    edits: list[tuple[int, int, str]] = []  # what the title is without them, by place
    for match in _WORD.finditer(title):
        word = match.group(1)
        full = lists["abbreviations"].get(word.lower())
        if full is None and word.isupper():
            full = lists["acronyms"].get(word.lower())
        if full is not None:
            edits.append((match.start(), match.end(), full))
            yield at(
                match.start(),
                match.end(),
                f"{match.group(0)!r} is an abbreviation",
                f"write {full!r}",
            )
    for pattern, what in _CODES:
        for match in pattern.finditer(title):
            edits.append((match.start(), match.end(), ""))
            yield at(
                match.start(),
                match.end(),
                f"{match.group(0)!r} looks like {what}",
                "drop internal codes from titles",
            )
    plain = _edited(title, edits)
    plain = re.sub(r"\(\s*\)|\[\s*\]", " ", plain)  # "Account Manager (REQ-1042)"
    plain = " ".join(plain.split()).strip(" -–—/,:|#")
    if plain != title and plain:
        yield at(0, len(title), "the title is written in internal codes", f"write {plain!r}")


def _edited(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, replacement)`` made, in one pass (an edit that
    overlaps an earlier one is left out). Replacing each in the whole title in turn made
    a long title's lint quadratic."""
    pieces, at = [], 0
    for start, end, replacement in sorted(edits):
        if start < at:
            continue
        pieces += [text[at:start], replacement]
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


def _gendered(title: str, language: str, at: Callable[..., Finding]) -> Iterator[Finding]:
    lists = _lists()
    matcher = lists["gendered"].get(language)
    if matcher is None or any(m.search(title) for m in lists["markers"]):
        return
    folded = fold(title)
    if len(folded) != len(title):
        folded = title.lower()
    found = list(matcher.finditer(title, title=True))
    # Both forms given: "Vendedor/Vendedora", "gestor o gestora", "venedor i venedora".
    paired = set()
    for (s1, e1, _), (s2, e2, _) in itertools.pairwise(found):
        one, two = folded[s1:e1], folded[s2:e2]
        shorter = min(len(one), len(two))
        shared = next((i for i in range(shorter) if one[i] != two[i]), shorter)
        same_word = shared >= shorter - 2  # "vendedor"/"vendedora", "jefe"/"jefa"
        if same_word and re.fullmatch(r"\s*/\s*|\s+(?:o|u|i|y|or|and)\s+", folded[e1:s2]):
            paired |= {e1, s2}
    if language == "en":
        found = sorted(found + _man_words(title, found))
    for start, end, neutral in found:
        word = title[start:end]
        if word.isupper() and len(word) <= 4 and not title.isupper():
            continue  # "SHE Manager" (safety, health, environment), "HE Partnerships"
        rest = folded[end : end + 6]
        if start in paired or end in paired:
            continue
        if language != "en" and (re.match(r"\s*/\s*-?\w", rest) or re.match(r"\s*\(\w+\)", rest)):
            continue  # "Vendedor/a", "Gestor(a)" (in English, "Handyman / Maintenance" is not)
        yield at(start, end, f"{word!r} is a gendered title", f"use {neutral!r}")


# English job nouns made with -man or -woman (railwayman, stockman) that no list has;
# these words end so but are not about men.
_MAN_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]{3,}(?:wo)?m[ae]n(?![^\W\d_])", re.IGNORECASE)
_NOT_MEN = frozenset(
    [
        "human",
        "humans",
        "german",
        "germans",
        "roman",
        "romans",
        "norman",
        "ottoman",
        "shaman",
        "shamans",
        "talisman",
        "caiman",
        "walkman",
        "pacman",
        "batman",
        "superman",
        "herman",
        "truman",
        "newman",
        "hoffman",
        "freeman",
        "goodman",
        "kaufman",
        "brahman",
        "dolman",
        "cayman",
    ]
)


def _man_words(title: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    taken = {(s, e) for s, e, _ in found}
    out = []
    for m in _MAN_WORD.finditer(title):
        word = m.group().lower()
        if word in _NOT_MEN or any(s <= m.start() < e for s, e in taken):
            continue
        stem = re.sub(r"(?:wo)?m[ae]n$", "", word)
        out.append(
            (m.start(), m.end(), f"a neutral word, such as {stem} worker or {stem} operative")
        )
    return out


def _title_case(title: str) -> str:
    small = {"and", "of", "the", "for", "in", "at", "de", "del", "la", "i", "y"}
    words = title.lower().split()
    return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))

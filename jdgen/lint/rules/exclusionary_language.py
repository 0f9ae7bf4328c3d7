"""Wording that shuts people out, or says nothing, should go.

It finds phrases across the posting text (the title has rules of its own), each
with a plainer alternative:

- **age**: "digital native", "young and dynamic", "recent graduate";
- **physical** demands stated with no need for them: "must be able to lift 50 pounds";
- **culture** clichés: "work hard, play hard", "culture fit", "rockstar team";
- **jargon**: "synergy", "hit the ground running";
- **perks** that are hollow or hide the pay: "free snacks", "competitive salary";
- **gendered**, **ability** and **origin** wording: "salesman", "he", "crazy",
  "native speaker";
- **hyperbole** about the candidate: "we need a rockstar", "a ninja at closing deals".

Context keeps false alarms down. A phrase in quotation marks is mentioned, not
used ('avoid words like "ninja"'). A capitalised phrase inside a sentence, beside
another capitalised word, is a name ("Rockstar Games", "Guru Systems"). A hyperbole
word in a sentence that does not address or describe the candidate (no "you",
"candidate", "we need", "looking for"...) is about something else: what the company
sells ("we sell Ninja blenders to retailers").

The phrases, in English, Spanish and Catalan, with their alternatives, are in
``jdgen/data/lint/exclusionary.yaml``. Each entry has a level (warning or info).

Passing example::

    title: Senior Account Manager
    level: senior
    summary: You will join a small team that values results over hours.

Failing example::

    title: Senior Account Manager
    level: senior
    summary: You will join a young and dynamic team that likes to work hard, play hard.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jdgen.lint.problem import Finding, Level
from jdgen.lint.text import JOB_WORDS, TermMatcher, canonical, data_file
from jdgen.load.workspace import LoadedRole

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext

ID = "exclusionary-language"
LEVEL = "warning"
# Word lists read words, not intent: SARIF viewers show this as "medium" precision.
PRECISION = "medium"
DEFAULT: dict[str, Any] = {"categories": []}
PER_LOCALE = True  # also reads each translation of the role

CATEGORY_NAMES = {
    "age": "age bias",
    "physical": "a physical demand",
    "culture": "a culture cliché",
    "jargon": "jargon",
    "perk": "a hollow perk",
    "gendered": "gendered wording",
    "ability": "ableist wording",
    "origin": "national-origin bias",
    "hyperbole": "hyperbole about the candidate",
}
_QUOTED = re.compile(
    r"\"[^\"\n]{1,120}\"|“[^”\n]{1,120}”|«[^»\n]{1,120}»|‘[^’\n]{1,120}’"
    r"|(?<!\w)'[^'\n]{1,120}'(?!\w)"
)
_SENTENCE = re.compile(r"[^.!?;:\n]+[.!?;:]*")
# Words that show a sentence is about the person hired (English, Spanish, Catalan).
_CANDIDATE = re.compile(
    r"\b(?:you|your|you're|yourself|candidates?|applicants?|we need|we want|looking for|"
    r"seeking|to hire|hiring|join (?:us|our)|are you|be a|become a|buscamos|necesitamos|"
    r"eres|serás|tu|tú|candidat[oa]s?|cerquem|necessitem|ets|seràs)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=4)
def _patterns(language: str) -> list[tuple[re.Pattern, dict[str, Any]]]:
    """The entries that are patterns (an age limit, a height): their regular expressions,
    matched against the text folded (lowercase, no accents)."""
    return [
        (re.compile(entry["pattern"]), entry)
        for entry in data_file("lint/exclusionary.yaml").get(language, [])
        if "pattern" in entry
    ]


def _found(text: str, language: str) -> list[tuple[int, int, dict[str, Any]]]:
    """Listed phrases and patterns in ``text``, in order, none overlapping."""
    found = list(_matcher(language).finditer(text))
    patterns = _patterns(language)
    if patterns:
        view = canonical(text)
        for pattern, entry in patterns:
            for m in pattern.finditer(view.text):
                if m.end() > m.start():
                    start, end = view.span(m.start(), m.end())
                    if not any(s < end and start < e for s, e, _ in found):
                        found.append((start, end, entry))
        found.sort(key=lambda f: f[0])
    return found


@lru_cache(maxsize=4)
def _matcher(language: str) -> TermMatcher:
    terms: dict[str, dict[str, Any] | None] = {}
    for entry in data_file("lint/exclusionary.yaml").get(language, []):
        if "pattern" in entry:
            continue  # its phrase and variants are examples of what the pattern finds
        for form in [entry["phrase"], *entry.get("variants", [])]:
            terms.setdefault(form, entry)
        for fine in entry.get("except", []):
            terms[fine] = None  # a longer phrase that is fine: it hides the entry inside it
    return TermMatcher(terms)


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """Listed phrases anywhere in the posting text."""
    only = set(options["categories"])
    for segment in context.segments(role):
        if segment.field == "title":
            continue  # vague-title and title-format own the title
        # Each text in the language it is written in (a translation may leave some out).
        for start, end, entry in _found(segment.text, segment.language):
            if only and entry["category"] not in only:
                continue
            if not used(
                segment.text, start, end, entry["category"], entry.get("capitalised", False)
            ):
                continue
            phrase = " ".join(segment.text[start:end].split())  # one line, as written
            what = CATEGORY_NAMES.get(entry["category"], entry["category"])
            why = entry.get("why", "").rstrip(".")
            why = f": {why[:1].lower()}{why[1:]}" if why else ""
            yield context.in_text(
                segment,
                start,
                end,
                f"{phrase!r} is {what}{why}",
                entry.get("suggestion"),
                level=Level.parse(entry.get("level", "warning")),
            )


def used(text: str, start: int, end: int, category: str, entry_capitalised: bool = False) -> bool:
    """Whether the phrase at ``text[start:end]`` is used as wording, not mentioned in
    quotation marks, part of a name, or (for hyperbole) about something other than the
    candidate. ``entry_capitalised``: the phrase is written with capitals anyway ("Gen
    Z"), so capitals do not make it a name."""
    if any(m.start() < start and end < m.end() for m in _QUOTED.finditer(text)):
        return False
    sentence = next((m for m in _SENTENCE.finditer(text) if m.start() <= start < m.end()), None)
    head = text[sentence.start() if sentence else 0 : start]
    initial = not head.strip() or head.rstrip()[-1:] in '-•*("“«'
    capital = text[start : start + 1].isupper() and not text[start:end].isupper()
    if capital and not entry_capitalised and _beside_a_name(text, start, end):
        return False  # capitalised beside another capitalised word: a name
    if category == "perk" and _MAKES.search(sentence.group() if sentence else text):
        whole = sentence.group() if sentence else text
        if not _PERK_CUE.search(whole):
            return False  # "we brew and distribute craft beer": what the company makes
    if category == "hyperbole":
        whole = sentence.group() if sentence else text
        if not _CANDIDATE.search(whole) and ((capital and not initial) or _SELLS.search(whole)):
            return False
    return True


_SELLS = re.compile(
    r"\b(?:sells?|selling|sold|manufactur\w*|distribut\w*|brands?|products?|"
    r"vend(?:e|en|emos|o)|venem|venen|fabric\w*|marcas?|productes?|productos?)\b",
    re.IGNORECASE,
)


# What a company makes or sells, in a sentence that offers staff nothing.
_MAKES = re.compile(
    r"\b(?:we|our|the company)\s+(?:\w+\s+(?:and|&)\s+)?(?:make|makes|brew|brews|build|builds|"
    r"sell|sells|distribute|distributes|manufacture|manufactures|produce|produces|supply|supplies|"
    r"design|designs|import|imports)\b|\b(?:fabricamos|vendemos|distribuimos|producimos|"
    r"fabriquem|venem|distribu[iï]m|produ[iï]m)\b",
    re.IGNORECASE,
)
_PERK_CUE = re.compile(
    r"\b(?:free|staff|employees?|team|office|perks?|benefits?|you(?:'ll| will)? (?:get|enjoy)|"
    r"enjoy|lounge|break ?room|kitchen|fridays?|gratis|gratu[iï]t\w*|equipo|equip|oficina)\b",
    re.IGNORECASE,
)


def _beside_a_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised phrase has a capitalised neighbour that is not a word of
    job titles: "Rockstar Games", "Warner Bros", "Guru Systems" (but "Sales Ninja")."""
    before = re.search(r"([^\W\d_][\w&.-]*)[ \t]+$", text[:start])
    after = re.match(r"[ \t]+([^\W\d_][\w&-]*)", text[end:])
    for word in (before, after):
        if word is None:
            continue
        w = word.group(1).rstrip(".")
        if w.lower() in JOB_WORDS or not w[:1].isupper():
            continue  # "Sales Ninja", "Marketing Guru": a title in a sentence, not a name
        return True
    return False

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

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jdgen.lint.canonical import Canonical, canonical
from jdgen.lint.problem import Finding, Level
from jdgen.lint.text import TermMatcher, data_file, fold
from jdgen.lint.wording import reading
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


@lru_cache(maxsize=4)
def _patterns(language: str) -> tuple[re.Pattern | None, dict[str, list[tuple[re.Pattern, dict]]]]:
    """The entries that are patterns (an age limit, a height): one regular expression of
    every pattern's triggers (words one of which a text must hold for the pattern to be
    tried; "digit": any digit), and the patterns, compiled, by trigger. Patterns match
    the text folded (lowercase, no accents)."""
    by_trigger: dict[str, list[tuple[re.Pattern, dict]]] = {}
    for entry in data_file("lint/exclusionary.yaml").get(language, []):
        if "pattern" in entry:
            compiled = re.compile(entry["pattern"])
            for trigger in entry["trigger"]:
                by_trigger.setdefault(trigger, []).append((compiled, entry))
    if not by_trigger:
        return None, {}
    alternatives = sorted((t for t in by_trigger if t != "digit"), key=len, reverse=True)
    body = "|".join([r"\d", *map(re.escape, alternatives)])
    return re.compile(body), by_trigger


# "Buscamos un camarero": a job noun in one gender, in the sentence that hires. The nouns
# are the title rule's (jdgen/data/lint/title_format.yaml), so both rules know the same.
_HIRING = {
    "es": r"buscamos|se\s+busca|se\s+buscan|se\s+necesita|se\s+necesitan|necesitamos|"
    r"precisamos|se\s+precisa|seleccionamos|contratamos|se\s+requiere|incorporamos",
    "ca": r"busquem|es\s+busca|es\s+busquen|es\s+necessita|es\s+necessiten|necessitem|"
    r"cerquem|seleccionem|contractem|incorporem",
}
_HIRING_WHY = (
    "A job noun in one gender in the sentence that hires says who is wanted; use both "
    "forms or a neutral word."
)


@lru_cache(maxsize=4)
def _hiring(language: str) -> tuple[re.Pattern | None, dict[str, dict[str, Any]]]:
    """The hiring sentence with a one-gender job noun, and an entry for each noun."""
    if language not in _HIRING:
        return None, {}
    nouns = data_file("lint/title_format.yaml")["gendered"].get(language, {})
    entries = {
        fold(word): {"category": "gendered", "suggestion": f"use {neutral!r}", "why": _HIRING_WHY}
        for word, neutral in nouns.items()
        if re.fullmatch(r"[^\W\d_]+", word)
    }
    names = "|".join(sorted(map(re.escape, entries), key=len, reverse=True))
    pattern = re.compile(
        rf"\b(?:{_HIRING[language]})\s+(?:(?:a|un|una|unos|unas|uns|unes)\s+)?(?P<noun>{names})"
        r"\b(?!\s*[/(]|\s+(?:o|u|i|y)\s+\w+)"
    )
    return pattern, entries


@lru_cache(maxsize=4096)  # roles share much of their text: the company's, their bases'
def _found(text: str, language: str) -> tuple[tuple[int, int, dict[str, Any]], ...]:
    """Listed phrases and patterns in ``text``, in order, none overlapping."""
    found = list(_matcher(language).finditer(text))
    view = canonical(text)
    extra = _pattern_matches(view, language) + _hiring_matches(view, language)
    if extra:
        # The phrases' matches do not overlap and come in order: a pattern's match is
        # kept where it overlaps none of them (bisect, so a long text stays linear).
        extra.sort(key=lambda f: (f[0], f[1]))
        starts = [f[0] for f in found]
        for start, end, entry in extra:
            i = bisect.bisect_right(starts, start)
            if (i and found[i - 1][1] > start) or (i < len(found) and found[i][0] < end):
                continue
            found.insert(i, (start, end, entry))
            starts.insert(i, start)
    return tuple(found)


def _pattern_matches(view: Canonical, language: str) -> list[tuple[int, int, dict[str, Any]]]:
    """The pattern entries' matches, trying only the patterns whose triggers the text holds."""
    triggers, by_trigger = _patterns(language)
    if triggers is None:
        return []
    folded = view.text
    present = {"digit" if m.group().isdigit() else m.group() for m in triggers.finditer(folded)}
    tried: dict[int, tuple[re.Pattern, dict]] = {}
    for trigger in present:
        for pattern, entry in by_trigger.get(trigger, ()):
            tried.setdefault(id(pattern), (pattern, entry))
    return [
        (*view.span(m.start(), m.end()), entry)
        for pattern, entry in tried.values()
        for m in pattern.finditer(folded)
        if m.end() > m.start()
    ]


def _hiring_matches(view: Canonical, language: str) -> list[tuple[int, int, dict[str, Any]]]:
    """The one-gender job nouns in a sentence that hires (Spanish and Catalan)."""
    hiring, nouns = _hiring(language)
    if hiring is None:
        return []
    return [
        (*view.span(m.start("noun"), m.end("noun")), nouns[m.group("noun")])
        for m in hiring.finditer(view.text)
    ]


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
            capitalised = entry.get("capitalised", False)
            if not reading(segment.text).used(
                start, end, entry["category"], capitalised, segment.field
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

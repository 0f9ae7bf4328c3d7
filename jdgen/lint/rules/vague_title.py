"""A title must not use unique or hyperbolic words ("Rockstar", "Ninja", "Guru").

Job seekers search for plain titles, and a title like "Rockstar Account Manager"
leaves them guessing what the job is and at what level. The rule matches whole
words, ignoring case and accents, and sees through hyphens, spaces and
punctuation ("Rock-Star", "N.I.N.J.A"). It never matches part of a word
("Gurugram", "Heroku"), and it ignores the company's own name. It suggests the
title without the word, with the level spelled out.

The words, in English, Spanish and Catalan, are in
``jdgen/data/lint/vague_title_words.yaml``. Words marked ``confidence: low`` are
reported as info.

Passing example::

    title: Senior Account Manager
    level: senior

Failing example::

    title: Rockstar Account Manager
    level: senior
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jdgen.lint.canonical import JOB_WORDS, canonical, plurals
from jdgen.lint.problem import Finding, Level
from jdgen.lint.text import data_file, fold
from jdgen.load.workspace import LoadedRole

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext

ID = "vague-title"
LEVEL = "error"
DEFAULT: dict[str, Any] = {"languages": ["en", "es", "ca"]}
PER_LOCALE = True  # also reads each translation of the role

LEVEL_WORDS = {
    "entry": "Entry-level",
    "junior": "Junior",
    "mid": "",
    "senior": "Senior",
    "lead": "Lead",
    "principal": "Principal",
}
_TOKEN = re.compile(r"[^\W_]+")
_MAX_JOIN = 3  # "rock star" and "rock-star" are read as "rockstar"
_GONE = "\x00"  # stands for a removed word while the title is tidied


@dataclass(frozen=True)
class Entry:
    word: str
    confidence: str
    note: str | None


@lru_cache(maxsize=8)
def _index(languages: tuple[str, ...]) -> dict[tuple[str, ...], Entry]:
    """Token sequences → entry, for every word and variant in ``languages``."""
    data = data_file("lint/vague_title_words.yaml")
    index: dict[tuple[str, ...], Entry] = {}
    for language in languages:
        mine: set[Entry] = set()
        for item in data.get(language, []):
            entry = Entry(item["word"], item.get("confidence", "high"), item.get("note"))
            mine.add(entry)
            for form in [item["word"], *item.get("variants", [])]:
                tokens = tuple(_TOKEN.findall(canonical(form, title=True).text))
                if tokens:
                    index.setdefault(tokens, entry)
                    index.setdefault(("".join(tokens),), entry)
        # Spanish and Catalan plurals, after the listed forms so that a listed word wins:
        # "Ninjas de ventas", "Gurús del marketing", "Estrelles comercials". (An English
        # title is singular; a plural there is more often a name: "Wizards".)
        if language not in ("es", "ca"):
            continue
        for tokens, entry in [(k, v) for k, v in index.items() if v in mine]:
            for plural in plurals(tokens[-1], language):
                index.setdefault((*tokens[:-1], plural), entry)
    return index


def find(
    title: str, languages: tuple[str, ...], ignore: str | None = None
) -> list[tuple[int, int, Entry]]:
    """``(start, end, entry)`` for each vague word in ``title``."""
    index = _index(languages)
    longest = max((len(k) for k in index), default=1)
    # Read through disguises (look-alike letters, digits for letters, camelCase), and
    # point at the words as written.
    view = canonical(title, title=True)
    folded = view.text
    tokens = [(*view.span(m.start(), m.end()), m.group()) for m in _TOKEN.finditer(folded)]
    skip = _company_tokens(folded, ignore)
    skipped = sorted(skip)
    found: list[tuple[int, int, Entry]] = []
    i = 0
    while i < len(tokens):
        if i in skip:
            i += 1
            continue
        # A match may not run into the company's name ("Rock Star Logistics").
        after = bisect.bisect_right(skipped, i)
        stop = skipped[after] if after < len(skipped) else len(tokens)
        hit = _match_at(tokens, i, index, longest, stop)
        if hit is None:
            i += 1
            continue
        j, entry = hit
        if not _a_name(title, tokens[i][0], tokens[j - 1][1]):
            found.append((tokens[i][0], tokens[j - 1][1], entry))
        i = j
    return found


def _a_name(title: str, start: int, end: int) -> bool:
    """Whether the capitalised word at ``title[start:end]`` starts a name: after a comma,
    "at" or a dash, and followed by a capitalised word that is not a word of job titles
    ("QA Tester, Rockstar Games"; but "Rockstar Account Manager", "Heroic Night
    Auditor": in a title, every word has a capital)."""
    if not title[start : start + 1].isupper():
        return False
    if not re.search(r"(?:[,|(@–—]|\s-|\sat)\s*$", title[max(0, start - 8) : start]):
        return False
    after = re.match(r"[ \t]+([^\W\d_][\w&'’-]*)", title[end : end + 80])
    if after is None:
        return False
    word = after.group(1)
    return word[:1].isupper() and not word.isupper() and fold(word) not in JOB_WORDS


_MAX_SPELLED = 24  # letters of a word spelled out one by one ("N.I.N.J.A"): the longest


def _match_at(tokens, i, index, longest, stop=None):
    """The entry at ``tokens[i]``, not reading past ``stop``; linear in the title: each
    try looks at a bounded number of tokens."""
    stop = len(tokens) if stop is None else stop
    # Longest token sequence first: "rock star" before "star".
    for j in range(min(stop, i + longest), i, -1):
        key = tuple(t[2] for t in tokens[i:j])
        if key in index:
            return j, index[key]
        joined = ("".join(key),)
        if j - i <= _MAX_JOIN and joined in index:
            return j, index[joined]
    # Spelled out letter by letter: "N.I.N.J.A", "n i n j a".
    j = i
    while j < stop and j - i < _MAX_SPELLED and len(tokens[j][2]) == 1:
        j += 1
    if j - i >= 3:
        for k in range(j, i + 2, -1):
            joined = ("".join(t[2] for t in tokens[i:k]),)
            if joined in index:
                return k, index[joined]
    return None


def _company_tokens(folded: str, company: str | None) -> set[int]:
    """Indexes of the title's tokens that spell the company's name."""
    if not company:
        return set()
    name = " ".join(_TOKEN.findall(fold(company)))
    tokens = _TOKEN.findall(folded)
    width = len(name.split())
    return {
        k
        for i in range(len(tokens) - width + 1)
        if " ".join(tokens[i : i + width]) == name
        for k in range(i, i + width)
    }


def plain_title(title: str, spans: list[tuple[int, int]], level: str) -> str:
    """The title without the words at ``spans``, with the level said plainly.

    Punctuation stuck to a removed word ("NINJA!", "(Rockstar)") goes with it, and so
    does a separator left with a removed word on one side ("Account Manager - Ninja");
    a separator between kept words ("Sales & Marketing") stays. An empty string when
    nothing but the level would be left.
    """
    kept = title
    for start, end in sorted(spans, reverse=True):
        kept = kept[:start] + _GONE + kept[end:]
    kept = re.sub(rf"[^\w\s{_GONE}]*{_GONE}[^\w\s{_GONE}]*", f" {_GONE} ", kept)
    tokens = [_GONE, *kept.split(), _GONE]  # the ends count as removed neighbours
    words = [
        token
        for before, token, after in zip(tokens, tokens[1:], tokens[2:], strict=False)
        if token != _GONE and not (re.fullmatch(r"\W+", token) and _GONE in (before, after))
    ]
    kept = " ".join(words).strip(" -–/,:|&")
    if not re.search(r"[^\W_]", kept):
        return ""
    word = LEVEL_WORDS.get(level, "")
    if word and not _says_a_level(kept):
        kept = f"{word} {kept}"
    return kept


def _says_a_level(title: str) -> bool:
    """Whether ``title`` already has a level word or is a title that carries one."""
    from jdgen.lint.levels import title_levels

    return any(title_levels(title, language)[0] for language in ("en", "es", "ca"))


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """Vague words in the role's title."""
    title = role.role.title
    company_file = context.company_of(role)
    company = company_file[0].name if company_file else None
    matches = find(title, tuple(options["languages"]), ignore=company)
    if not matches:
        return
    segment = context.title_segment(role)
    # The level words are English: say the level only in an English title.
    level = role.role.level if segment.language == "en" else "mid"
    suggestion = plain_title(title, [(s, e) for s, e, _ in matches], level)
    for start, end, entry in matches:
        note = f" ({entry.note})" if entry.note else ""
        yield context.in_text(
            segment,
            start,
            end,
            f"{title[start:end]!r} is a vague title word{note}; "
            "job seekers search for plain titles",
            f"use a plain title such as {suggestion!r}" if suggestion else "use a plain title",
            # A word that is sometimes a real title ("Growth Hacker") is a warning, not
            # an error: seen by default, and for the recruiter to judge.
            level=Level.WARNING if entry.confidence == "low" else None,
        )

"""Text as the word lists read it, whatever disguises it, and the words that never mark a
name: the pieces :mod:`jdgen.lint.text` and :mod:`jdgen.lint.wording` share.

:func:`canonical` folds a text (Unicode NFKC, lowercase, no accents), drops
default-ignorable characters (zero-width spaces and joiners, soft hyphens), reads
Cyrillic and Greek look-alike letters as Latin, splits camelCase joins, and, in a
title, reads digits for letters (only there: "B2B" is fine in a sentence); it keeps a
map back to the characters as written.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# Words of job titles (and small words that start a sentence or a title): a capitalised
# neighbour of these makes a title, not a name ("Sales Ninja", but "Ninja Kitchen").
JOB_WORDS = frozenset(
    """
    sales marketing account accounts manager managers management customer customers support
    success growth data code coding engineer engineers engineering developer developers
    development design designer designers product products team people hr recruiting
    recruiter talent content social media seo finance tech it software business operations
    ops service services excel spreadsheet office salesperson salespeople sellers closers
    reps rep representative representatives executive executives associate associates staff
    wanted needed required hiring consultant consultants specialist specialists analyst
    analysts advisor advisors adviser agent agents officer officers director directors lead
    leads head coordinator coordinators assistant assistants administrator administrators
    architect architects writer writers editor editors producer producers strategist
    strategists technician technicians operator operators clerk clerks driver drivers nurse
    nurses teacher teachers marketer marketers programmer programmers coder coders hacker
    hackers partner partners intern interns trainee trainees senior junior principal chief
    vp president owner officer expert experts evangelist evangelists advocate advocates
    champion champions ninja ninjas guru gurus rockstar rockstars wizard wizards hero heroes
    jedi unicorn unicorns we i a an the our your you are is be wanted key global national
    regional strategic enterprise inside field channel brand digital area territory district
    general technical creative community client front back end full stack web mobile cloud
    security qa ux ui ventas cuentas comercial equipo vendes comptes equip
    """.split()  # noqa: SIM905 - a word list reads best as words
)


# Letters of other scripts that look like Latin ones (after Unicode's confusables
# data, confusables.txt, for the scripts seen in evasions: Cyrillic and Greek), in
# lowercase, since matching ignores case.
CONFUSABLES = dict(
    zip(
        "аАвВеЕёЁкКмМнНоОрРсСтТуУхХіІїЇјЈѕЅԁһӏԛԝɡαΑβΒεΕζΖηΗιΙκΚμΜνΝοΟρΡτΤυΥχΧϲ",
        "aabbeeeekkmmhhooppccttyyxxiiiijjssdhlqwgaabbeezzhhiikkmmnnooppttuyxxc",
        strict=True,
    )
)
# Digits (and @) written for letters inside a word of a title: "N1nja", "R0ckst4r".
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a"}
# A word of letters with digits or @ in it. (Found as words, then tested: lookaheads for
# both made the search quadratic in a long word.)
_LEET_WORD = re.compile(r"[\w@]+")
_LEET_MARK = re.compile(r"[\d@]")
_LETTER = re.compile(r"[^\W\d_]")


class Canonical(NamedTuple):
    """Text as the word lists read it, and where each of its characters came from.

    ``text`` is folded (lowercase, no accents, Unicode NFKC), without default-ignorable
    characters (zero-width spaces and joiners, soft hyphens), with look-alike letters
    of other scripts read as Latin, camelCase words split ("SalesNinja"); for a title,
    also with digits for letters read as letters. ``origin[i]`` is the index in the original text
    of ``text[i]`` (``None``: the same index), so matches map back to what was written.
    """

    text: str
    origin: tuple[int, ...] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span for ``text[start:end]``."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def _ignorable(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or char in "\u034f\u115f\u1160\u3164\uffa0"


@lru_cache(maxsize=4096)
def canonical(text: str, title: bool = False) -> Canonical:
    """:class:`Canonical` of ``text`` (a title's when ``title``)."""
    if text.isascii():
        if not _needs_work(text, title):
            return Canonical(text.lower(), None)
        if not (title and _LEET_MARK.search(text)):
            return _split_camel(text)  # the usual case of the two: quick, with no loop
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        if _ignorable(char):
            continue
        if out and _camel_boundary(text, i):
            out.append(" ")
            origin.append(i)
        for piece in unicodedata.normalize("NFKC", char):
            piece = CONFUSABLES.get(piece, piece)
            for part in unicodedata.normalize("NFKD", piece.casefold()):
                if not unicodedata.combining(part):
                    out.append(part)
                    origin.append(i)
    folded = "".join(out)
    if title and _LEET_MARK.search(folded):
        folded = _LEET_WORD.sub(_unleet, folded)
    if len(folded) == len(text) and origin == list(range(len(text))):
        return Canonical(folded, None)
    return Canonical(folded, tuple(origin))


_LEET_TABLE = str.maketrans(LEET)
_COUNTED = re.compile(r"\d+[^\W\d_]{1,3}")  # "10x", "24h", "3d", "2nd": a number and a unit


def _unleet(match: re.Match) -> str:
    word = match.group()
    if not (_LEET_MARK.search(word) and _LETTER.search(word)) or _COUNTED.fullmatch(word):
        return word
    return word.translate(_LEET_TABLE)


def _needs_work(text: str, title: bool) -> bool:
    """Whether an ASCII text has a camelCase join, or (a title) digits or @ in a word."""
    if (
        title
        and _LEET_MARK.search(text)
        and any(_LETTER.search(w) and _LEET_MARK.search(w) for w in _LEET_WORD.findall(text))
    ):
        return True
    return _CAMEL.search(text) is not None


_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z][A-Z][a-z]")  # in ASCII: where a join may be
_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")  # ...and where it is


def _split_camel(text: str) -> Canonical:
    """An ASCII text lowercased with a space at each camelCase join ("SalesNinja" →
    "sales ninja"), its map back built from slices rather than character by character."""
    cuts = [m.start() for m in _JOIN.finditer(text)]
    if not cuts:
        return Canonical(text.lower(), None)
    pieces, origin, last = [], [], 0
    for cut in cuts:
        pieces += [text[last:cut].lower(), " "]
        origin += [*range(last, cut), cut]
        last = cut
    pieces.append(text[last:].lower())
    origin += range(last, len(text))
    return Canonical("".join(pieces), tuple(origin))


def _camel_boundary(text: str, i: int) -> bool:
    """Whether a camelCase word breaks before ``text[i]``: "sales|Ninja", "SEO|Wizard"."""
    here, before = text[i], text[i - 1]
    if not (here.isupper() and before.isalpha()):
        return False
    if before.islower():
        return True
    after = text[i + 1] if i + 1 < len(text) else ""
    return before.isupper() and after.islower()


def plurals(word: str, language: str) -> list[str]:
    """The plural forms of a folded word (no accents), in Spanish or Catalan."""
    if len(word) < 3 or not word.isalpha():
        return []
    forms = [word + "s"]
    if language == "es":
        if word[-1] not in "aeiou":
            forms.append(word + "es")  # titan → titanes, tiburon → tiburones
        if word.endswith("z"):
            forms.append(word[:-1] + "ces")
    elif language == "ca":
        if word.endswith("a"):
            forms.append(word[:-1] + "es")  # estrella → estrelles
        if word.endswith(("s", "x", "c")):
            forms.append(word + "os")
    return forms

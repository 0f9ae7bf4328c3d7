"""Whether a listed word is used as wording: context that keeps word lists honest.

A word list finds "ninja" in "We sell Ninja blenders" as readily as in "You are a
ninja at closing deals". :class:`Reading` looks at where a match stands:

- **in quotation marks** (`"…"`, `“…”`, `«…»`, `‘…’`): mentioned, not used;
- **a name**: a capitalised phrase beside a capitalised word that is neither a word of
  job titles nor a small word that starts a sentence ("Rockstar Games", "Warner Bros",
  "Boys & Girls Club"; but "Sales Ninja", "Only A-players");
- **hyperbole** only in a sentence about the person hired ("you", "candidate", "we
  need", "buscamos"...), and not about what the company sells; capitalised inside a
  sentence, it is a brand ("our Ninja air fryers") unless it follows "a"/"an";
- **perks** not in the job's duties, nor in a sentence about what the company makes or
  sells, or a task ("you will deliver kegs to pubs"), that offers staff nothing.

Each text is read once: its quotations and sentences are found once for all its matches,
so that a long value with many matches stays linear.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from jdgen.lint.canonical import JOB_WORDS

_QUOTED = re.compile(
    r"\"[^\"\n]{1,120}\"|“[^”\n]{1,120}”|«[^»\n]{1,120}»|‘[^’\n]{1,120}’"
    r"|(?<!\w)'[^'\n]{1,120}'(?!\w)"
)
_SENTENCE = re.compile(r"[^.!?;:\n]+[.!?;:]*")
# Words that show a sentence is about the person hired (English, Spanish, Catalan).
_CANDIDATE = re.compile(
    r"\b(?:you|your|you're|yourself|candidates?|applicants?|we need|we want|looking for|"
    r"seeking|to hire|hiring|hire|join (?:us|our)|are you|be a|become a|buscamos|necesitamos|"
    r"eres|serás|tu|tú|candidat[oa]s?|cerquem|necessitem|ets|seràs)\b",
    re.IGNORECASE,
)
_SELLS = re.compile(
    r"\b(?:sells?|selling|sold|manufactur\w*|distribut\w*|brands?|products?|"
    r"vend(?:e|en|emos|o)|venem|venen|fabric\w*|marcas?|productes?|productos?)\b",
    re.IGNORECASE,
)
# What a company makes or sells, or a task of the job, in a sentence about a perk's word.
_MAKES = re.compile(
    r"\b(?:we|our|the company)\s+(?:\w+\s+(?:and|&)\s+)?(?:make|makes|brew|brews|build|builds|"
    r"sell|sells|distribute|distributes|manufacture|manufactures|produce|produces|supply|supplies|"
    r"design|designs|import|imports|sponsor|sponsors)\b"
    r"|\b(?:fabricamos|vendemos|distribuimos|producimos|"
    r"fabriquem|venem|distribu[iï]m|produ[iï]m)\b"
    r"|\byou(?:'ll| will)\s+(?!enjoy|get|have|receive|find|love)\w+",
    re.IGNORECASE,
)
_PERK_CUE = re.compile(
    r"\b(?:free|staff|employees?|perks?|benefits?|you(?:'ll| will)? (?:get|enjoy|have)|"
    r"enjoy|lounge|break ?room|kitchen|fridays?|gratis|gratu[iï]t\w*|oficina)\b",
    re.IGNORECASE,
)
PRONOUNS = frozenset("he she his her him hers himself herself".split())  # noqa: SIM905
# A role that names someone other than the hire: "our CEO", "your manager, Tom,".
_ROLE = re.compile(
    r"\b(?:our|your|my)\s+(?:ceo|cfo|cto|coo|founder|co-founder|owner|manager|director|"
    r"head of [a-z]+|chair|president|team lead|supervisor|colleague|mentor|boss)\b",
    re.IGNORECASE,
)
# The people a job serves, whose ages are no limit on applicants.
_CLIENTS = re.compile(
    r"\b(?:pupils|students|children|kids|young people|patients|clients|customers|learners|"
    r"participants|teenagers|youths|residents|users|members|ni[nñ]os|alumnos|alumnes|nens|"
    r"infants|pacientes|pacients|usuarios|usuaris)\b[^.!?]*$",
    re.IGNORECASE,
)
_THEMED = re.compile(r"[-\s]themed\b|\s+costumes?\b")
# Fields that hold the job's tasks and requirements: a perk's word there is work.
TASK_FIELDS = frozenset({"duty", "requirement", "education", "certification", "skill"})
_WINDOW = 120  # characters looked at on each side of a match for its neighbours


@lru_cache(maxsize=512)
def reading(text: str) -> Reading:
    return Reading(text)


class Reading:
    """One text's quotations and sentences, found once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._quoted: list[tuple[int, int]] | None = None
        self._sentences: list[tuple[int, int]] | None = None
        self._flags: dict[int, tuple[bool, bool, bool, bool]] = {}
        self._title_case: dict[int, bool] = {}

    def quoted(self, start: int, end: int) -> bool:
        if self._quoted is None:
            self._quoted = [m.span() for m in _QUOTED.finditer(self.text)]
        i = bisect.bisect_right(self._quoted, (start, len(self.text) + 1)) - 1
        return i >= 0 and self._quoted[i][0] < start and end < self._quoted[i][1]

    def sentence(self, start: int) -> tuple[int, int]:
        if self._sentences is None:
            self._sentences = [m.span() for m in _SENTENCE.finditer(self.text)] or [(0, 0)]
        i = bisect.bisect_right(self._sentences, (start, len(self.text) + 1)) - 1
        if i >= 0 and self._sentences[i][0] <= start < self._sentences[i][1]:
            return self._sentences[i]
        return (0, len(self.text))

    def title_case(self, start: int) -> bool:
        """Whether most words of the sentence at ``start`` have capitals (a headline)."""
        first, last = self.sentence(start)
        if first not in self._title_case:
            words = re.findall(r"[^\W\d_]+", self.text[first:last])[1:]  # not the first
            long = [w for w in words if len(w) > 3]
            capitals = sum(1 for w in long if w[:1].isupper())
            self._title_case[first] = len(long) >= 3 and capitals >= 0.9 * len(long)
        return self._title_case[first]

    def shouting(self, start: int) -> bool:
        """Whether the sentence at ``start`` is all capitals."""
        first, last = self.sentence(start)
        letters = [c for c in self.text[first:last] if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)

    def named(self, start: int) -> bool:
        """Whether someone is named before ``start`` in the same line: a capitalised name
        (not a sentence's first word, a job word or an acronym), or a role such as "our
        CEO" or "your manager"."""
        line_start = self.text.rfind("\n", 0, start) + 1
        head = self.text[max(line_start, start - 160) : start]
        if _ROLE.search(head):
            return True
        for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b([A-ZÀ-Ý][a-zà-ÿ]{2,})\b", head):
            word = m.group(1).lower()
            if word not in JOB_WORDS and word not in _STARTERS and m.start() > 0:
                return True
        return False

    def flags(self, start: int) -> tuple[bool, bool, bool, bool]:
        """For the sentence at ``start``: about the candidate, about what is sold, about
        what is made or a task, and whether it offers staff something."""
        first, last = self.sentence(start)
        if first not in self._flags:
            whole = self.text[first:last]
            self._flags[first] = (
                bool(_CANDIDATE.search(whole)),
                bool(_SELLS.search(whole)),
                bool(_MAKES.search(whole)),
                bool(_PERK_CUE.search(whole)),
            )
        return self._flags[first]

    def used(
        self,
        start: int,
        end: int,
        category: str,
        capitalised: bool = False,
        field: str = "summary",
    ) -> bool:
        """Whether the phrase at ``text[start:end]`` is used as wording."""
        text = self.text
        if self.quoted(start, end):
            return False
        first, _ = self.sentence(start)
        head = text[max(first, start - _WINDOW) : start]
        initial = not head.strip() or head.rstrip()[-1:] in '-•*("“«'
        # "Only A-players need apply": small words that start a sentence count as its start.
        initial = initial or all(w.lower() in _STARTERS for w in re.findall(r"[\w'’-]+", head))
        words = text[start:end].split()
        # "Rockstar", "the Boys": the phrase's last word has a capital (and it is not
        # all capitals, which is emphasis).
        capital = bool(words) and words[-1][:1].isupper() and not text[start:end].isupper()
        matched = text[start:end]
        if matched.isupper() and len(matched) <= 4 and not capitalised and not self.shouting(start):
            return False  # "SHE audits", "the HE sector", "our HIS": an acronym
        if category == "gendered" and matched.lower() in PRONOUNS and self.named(start):
            return False  # "Our CEO, Ana, says she...": someone named, not the hire
        if category == "age" and _CLIENTS.search(text[max(first, start - 60) : start]):
            return False  # "pupils aged 11 to 16": the people served, not the applicants
        if category == "hyperbole" and re.match(
            r"[-\s]themed\b|\s+costumes?\b", text[end : end + 10]
        ):
            return False  # "superhero-themed parties"
        if capital and self.title_case(start):
            capital = False  # "Now Hiring Salesmen": in title case, a capital says nothing
        if capital and not capitalised and beside_a_name(text, start, end):
            return False
        if capital and not initial and not capitalised and not _after_a_determiner(head):
            return False  # "sell Craftsman hand tools": a brand
        if category == "perk":
            if field in TASK_FIELDS:
                return False
            _, _, makes, offers = self.flags(start)
            if makes and not offers:
                return False  # "we brew craft beer", "you will deliver kegs to pubs"
        if category == "hyperbole":
            candidate, sells, _, _ = self.flags(start)
            if not candidate and ((capital and not initial) or sells):
                return False
            if capital and not initial and not capitalised and not _after_an_article(head):
                return False  # "our Ninja air fryers": a brand, even in a task
        return True


def _after_a_determiner(head: str) -> bool:
    """Whether a determiner comes at most one word before: "the Chairman", "our new
    Salesmen", "a Rockstar" (but not "The store sells Craftsman tools")."""
    return bool(
        re.search(
            r"\b(?:a|an|the|our|your|his|her|their|this|that|un|una|el|la|los|las|els|les)"
            r"\s+(?:\S+\s+)?\S*$",
            head,
            re.IGNORECASE,
        )
    )


def _after_an_article(head: str) -> bool:
    """Whether "a", "an", "un" or "una" comes at most two words before: "a Rockstar",
    "a Sales Ninja"."""
    return bool(re.search(r"\b(?:a|an|un|una)\s+(?:\S+\s+){0,2}\S*$", head, re.IGNORECASE))


# Small words that start a sentence: capitalised there, they are no sign of a name.
_STARTERS = frozenset(
    """
    only join become if as this at for with in every all no any each they it my their its
    here there please apply send bring meet seeking looking wanted are you we our the a an
    ideal great
    """.split()  # noqa: SIM905 - a word list reads best as words
)


def beside_a_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised phrase has a capitalised neighbour that is not a word of job
    titles nor a sentence's first small word, directly or across "&", "and", "of", "de"."""
    before = re.search(
        r"([^\W\d_][\w&.-]*)[ \t]+(?:(?:&|and|of|de|del)[ \t]+)?$",
        text[max(0, start - _WINDOW) : start],
    )
    after = re.match(
        r"[ \t]+(?:(?:&|and|of|de|del)[ \t]+)?([^\W\d_][\w&-]*)", text[end : end + _WINDOW]
    )
    for word in (before, after):
        if word is None:
            continue
        w = word.group(1).rstrip(".")
        if not w[:1].isupper() or w.lower() in JOB_WORDS or w.lower() in _STARTERS:
            continue
        return True
    return False

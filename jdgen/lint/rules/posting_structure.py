"""A posting needs the sections applicants look for, at a readable length.

It reports:

- a required section that is missing or empty (by default: ``summary``, ``duties``,
  ``requirements`` with at least one must-have, and ``apply``);
- more than ``max_must`` must-have requirements: a long list deters qualified
  applicants, who read every line as a condition;
- a posting shorter than ``min_words`` or longer than ``max_words`` words (all the
  text a reader sees, the company's boilerplate included);
- a duty that does not start with a verb ("Responsible for accounts" instead of
  "Manage accounts"). The verbs are listed in ``jdgen/data/lint/action_verbs.yaml``.

Passing example::

    title: Senior Account Manager
    level: senior
    duties:
      - Manage a portfolio of mid-sized accounts

Failing example::

    title: Senior Account Manager
    level: senior
    duties:
      - Responsible for a portfolio of mid-sized accounts
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jdgen.lint.problem import Finding
from jdgen.lint.text import data_file, fold, word_count
from jdgen.load.workspace import LoadedRole

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext

ID = "posting-structure"
LEVEL = "warning"
DEFAULT: dict[str, Any] = {
    "required": ["summary", "duties", "requirements", "apply"],
    "max_must": 8,
    "min_words": 300,
    "max_words": 700,
}
PER_LOCALE = True  # also reads each translation of the role

_LABELS = {
    "summary": "a summary of the job and what success looks like",
    "duties": "the daily duties",
    "requirements": "the must-have requirements",
    "apply": "how to apply",
    "benefits": "the benefits",
    "education": "the education needed",
    "skills": "the skills",
}


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """Missing sections, too many must-haves, length, and duties without a verb."""
    model = role.role
    title_mark = context.in_role(role, role.mark("title"))
    for section in options["required"]:
        present = {
            "requirements": bool(model.requirements.must),
            "apply": bool(model.apply and (model.apply.url or model.apply.email)),
        }.get(section, bool(getattr(model, section, None)))
        if not present:
            # "summary: null" removes an inherited section: report it at that line.
            removed = context.own_key(role, section)
            mark = role.positions.keys.get((section,)) or removed or title_mark
            what = _LABELS.get(section, section)
            state = "empty" if (section,) in role.positions.keys else "missing"
            yield context.at(
                mark,
                f"'{section}' is {state}: the posting does not give {what}",
                f"add '{section}' to the role file",
                fallback=role,
            )
    must = model.requirements.must
    if len(must) > options["max_must"]:
        first_extra = role.mark("requirements", "must", options["max_must"])
        yield context.at(
            first_extra,
            f"{len(must)} must-have requirements (more than {options['max_must']}); "
            "a long list of conditions deters qualified applicants",
            "move the ones you could teach on the job to 'nice'",
        )
    words = word_count(context.segments(role))
    if words < options["min_words"] or words > options["max_words"]:
        short = words < options["min_words"]
        yield context.at(
            title_mark,
            f"{context.posting_name(role)} is {words} words long; "
            f"aim for {options['min_words']} to {options['max_words']}",
            "say more about the job and what success looks like"
            if short
            else "cut repetition; keep one line per duty and requirement",
            fallback=role,
        )
    for i, duty in enumerate(model.duties):
        first = re.match(r"\W*([\w·'-]+)", duty)
        verbs = _verbs(context.language_at(role.mark("duties", i), role))
        if first and not verbs(first.group(1)):
            yield context.at(
                role.mark("duties", i),
                f"the duty does not start with a verb: {first.group(1)!r}",
                "start with what the person does: 'Manage...', 'Negotiate...'",
            )


@lru_cache(maxsize=4)
def _verbs(language: str) -> Callable[[str], bool]:
    """A predicate: does this word read as a verb in ``language``?"""
    verbs = frozenset(fold(w) for w in data_file("lint/action_verbs.yaml").get(language, []))
    if language == "en":
        return lambda word: bool(_english_forms(fold(word)) & verbs)
    stems = frozenset(v[:-2] for v in verbs if len(v) > 3)
    return lambda word: _romance(fold(word), verbs, stems)


def _english_forms(word: str) -> set[str]:
    """The base forms ``word`` could come from: manages, managing, identifies → manage..."""
    forms = {word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith("s"):
        forms.add(word[:-1])
    if word.endswith("ing"):
        stem = word[:-3]
        forms |= {stem, stem + "e"}
        if len(stem) > 2 and stem[-1] == stem[-2]:
            forms.add(stem[:-1])
    return forms


def _romance(word: str, verbs: frozenset[str], stems: frozenset[str]) -> bool:
    """Spanish or Catalan: an infinitive, or a third-person or imperative form of a listed verb.

    Besides the regular forms ("gestiona"), it undoes the Spanish stem changes
    ("mantiene" → mantener, "resuelve" → resolver, "sigue" → seguir) and the Catalan
    inchoative ending ("ofereix" → oferir).
    """
    if word in verbs or re.search(r"(ar|er|ir|re)(-?se)?$", word):
        return True
    forms = {word}
    for changed, plain in (("ie", "e"), ("ue", "o"), ("i", "e")):
        at = word.rfind(changed)
        if at > 0:
            forms.add(word[:at] + plain + word[at + len(changed) :])
    inchoative = re.sub(r"eix(en)?$", "", word)
    if inchoative != word and inchoative in stems:
        return True
    return any(len(f) > 3 and (f[:-1] in stems or f[:-2] in stems) for f in forms)

"""A stage refers only to requirements, competencies and questions that exist.

``assesses`` lists requirement and competency ids; ``questions``, and a
requirement's ``question``, may name question-bank entries. A misspelt id would
silently assess nothing, so it is an error at the entry, with the closest id
that exists.

Passing example::

    title: Senior Account Manager
    level: senior
    hiring:
      stages:
        screen:
          name: Recruiter screen
          kind: screen
          duration: 30
          assesses: [account-management-experience, revenue-targets, crm-records]

Failing example::

    title: Senior Account Manager
    level: senior
    hiring:
      stages:
        screen:
          name: Recruiter screen
          kind: screen
          duration: 30
          assesses: [account-management-experience, revenue-target, crm-records]
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from jdgen.hiring.plan import attributes
from jdgen.lint.problem import Finding
from jdgen.load.workspace import LoadedRole

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext

ID = "unknown-reference"
LEVEL = "error"
DEFAULT: dict[str, Any] = {}


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """Unknown ids in stages' ``assesses`` and ``questions``, and in requirements' questions."""
    bank = context.workspace.question_bank
    question_ids = [q.id for questions in bank.competencies.values() for q in questions]
    for group in ("must", "nice"):
        for i, item in enumerate(getattr(role.role.requirements, group)):
            use = item.question.use if item.question is not None else None
            if use is not None and bank.question(use) is None:
                yield context.at(
                    role.positions.of(("requirements", group, i, "question")),
                    f"requirement {item.id!r} uses question {use!r}, which is not in the "
                    "question bank",
                    _closest(use, question_ids),
                )
    hiring = role.role.hiring
    if hiring is None:
        return
    known = list(attributes(role.role))
    for stage_id, stage in hiring.stages.items():
        where = ("hiring", "stages", stage_id)
        for i, item in enumerate(stage.assesses):
            if item not in known:
                yield context.at(
                    role.positions.of((*where, "assesses", i)),
                    f"stage {stage_id!r} assesses {item!r}, which is neither a requirement "
                    "nor a competency of this role",
                    _closest(item, known),
                )
        for i, question in enumerate(stage.questions):
            if question.use is not None and bank.question(question.use) is None:
                yield context.at(
                    role.positions.of((*where, "questions", i)),
                    f"stage {stage_id!r} uses question {question.use!r}, which is not in the "
                    "question bank",
                    _closest(question.use, question_ids),
                )


def _closest(word: str, choices: list[str]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1)
    return f"did you mean {close[0]!r}?" if close else None

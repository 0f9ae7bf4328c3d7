"""Every competency a stage assesses has a question to ask about it.

An interview kit needs a question (or, in an exercise, something to look for)
for each competency. A competency with no entry in the question bank, assessed
by a stage with no questions of its own, leaves the interviewer to improvise.
Add questions to ``roles/_questions.yaml``, or write them in the stage.

Passing example::

    title: Senior Account Manager
    level: senior
    competencies:
      - id: negotiation
        name: Negotiation
        description: Agrees prices and terms that work for both sides.
    hiring:
      stages:
        screen:
          name: Recruiter screen
          kind: screen
          duration: 30
          assesses: [account-management-experience, revenue-targets, crm-records, negotiation]

Failing example::

    title: Senior Account Manager
    level: senior
    competencies:
      - id: juggling
        name: Juggling
        description: Keeps three balls in the air.
    hiring:
      stages:
        screen:
          name: Recruiter screen
          kind: screen
          duration: 30
          assesses: [account-management-experience, revenue-targets, crm-records, juggling]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from jdgen.lint.problem import Finding
from jdgen.load.workspace import LoadedRole

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext

ID = "question-missing"
LEVEL = "warning"
DEFAULT: dict[str, Any] = {}


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """Assessed competencies with no bank questions, in stages with no questions of their own."""
    hiring = role.role.hiring
    if hiring is None:
        return
    competencies = {c.id for c in role.role.competencies}
    bank = context.workspace.question_bank
    for stage_id, stage in hiring.stages.items():
        if stage.questions:
            continue
        for i, item in enumerate(stage.assesses):
            if item in competencies and not bank.competencies.get(item):
                yield context.at(
                    role.positions.of(("hiring", "stages", stage_id, "assesses", i)),
                    f"competency {item!r} has no question in the question bank, and stage "
                    f"{stage_id!r} has no questions of its own",
                    f"add questions for {item!r} to roles/_questions.yaml, or to the stage",
                )

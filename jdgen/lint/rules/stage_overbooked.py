"""A stage asks no more questions than fit its time.

A screen or an interview keeps 5 minutes to open and 5 for the candidate's
questions; a behavioural question then takes about 10 minutes, a factual one
(years, qualifications) about 3, a language segment 10, and a reference-check
question 5. The hiring plan leaves out generated questions that do not fit,
the least important first; this rule names what was left out, at its entry in
``assesses``. Questions written in the stage are always kept, so the rule also
warns when they alone overrun. See docs/hiring-plans.md.

Passing example::

    title: Senior Account Manager
    level: senior
    competencies:
      - {id: negotiation, name: Negotiation, description: Agrees fair terms.}
      - {id: listening, name: Listening, description: Hears the need.}
    hiring:
      stages:
        screen:
          name: Recruiter screen
          kind: screen
          duration: 30
          assesses: [account-management-experience, negotiation]

Failing example::

    title: Senior Account Manager
    level: senior
    competencies:
      - {id: negotiation, name: Negotiation, description: Agrees fair terms.}
      - {id: listening, name: Listening, description: Hears the need.}
    hiring:
      stages:
        screen:
          name: Recruiter screen
          kind: screen
          duration: 30
          assesses: [account-management-experience, negotiation, listening]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from jdgen.hiring.plan import format_minutes, hiring_plan
from jdgen.lint.problem import Finding
from jdgen.load.workspace import LoadedRole

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext

ID = "stage-overbooked"
LEVEL = "warning"
DEFAULT: dict[str, Any] = {}


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """What each timed stage's plan had no time for."""
    plan = hiring_plan(role.id, role.role, context.workspace.question_bank)
    if plan is None:
        return
    stages = role.role.hiring.stages
    for stage in plan.stages:
        if stage.question_minutes is None:
            continue
        where = ("hiring", "stages", stage.id)
        asked = stage.asked_minutes
        if asked > stage.question_minutes:
            yield context.at(
                role.positions.key_of((*where, "questions")),
                f"stage {stage.id!r} of role {role.id!r} ({stage.duration}) has about "
                f"{format_minutes(stage.question_minutes)} for questions, and its own questions "
                f"take about {format_minutes(asked)}",
                "lengthen the stage, or move questions to another stage",
            )
        assesses = list(dict.fromkeys(stages[stage.id].assesses))
        for attribute in stage.unasked:
            yield context.at(
                role.positions.of((*where, "assesses", assesses.index(attribute.id))),
                f"stage {stage.id!r} of role {role.id!r} ({stage.duration}) has no time left "
                f"to ask about {attribute.id!r}",
                "lengthen the stage, or assess it in another stage",
            )

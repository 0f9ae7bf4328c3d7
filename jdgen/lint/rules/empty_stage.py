"""Every interview stage assesses something.

A stage with nothing in ``assesses`` takes the candidate's and the
interviewers' time without feeding the scorecard. Offer stages are exempt.

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
          assesses: [account-management-experience, revenue-targets, crm-records]
        coffee:
          name: Coffee with the team
          kind: interview
          duration: 30
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from jdgen.lint.problem import Finding
from jdgen.load.workspace import LoadedRole

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext

ID = "empty-stage"
LEVEL = "warning"
DEFAULT: dict[str, Any] = {}


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """Stages (other than offers) with an empty ``assesses`` list."""
    hiring = role.role.hiring
    if hiring is None:
        return
    for stage_id, stage in hiring.stages.items():
        if stage.kind != "offer" and not stage.assesses:
            yield context.at(
                role.positions.key_of(("hiring", "stages", stage_id)),
                f"stage {stage_id!r} ({stage.name}) assesses nothing",
                "list the requirements and competencies it assesses in 'assesses', or drop it",
            )

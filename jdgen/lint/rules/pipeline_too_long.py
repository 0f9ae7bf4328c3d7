"""An interview process should not ask more of candidates than it needs.

Long processes lose the best candidates, who have other offers, and cost the
interviewers' time. The rule warns when the stages add up to more than
``max_hours`` hours, or when there are more than ``max_stages`` stages.

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
        assessment-day:
          name: Assessment day
          kind: exercise
          duration: 7h
          assesses: [revenue-targets]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from jdgen.hiring.plan import format_minutes
from jdgen.lint.problem import Finding
from jdgen.load.workspace import LoadedRole

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext

ID = "pipeline-too-long"
LEVEL = "warning"
DEFAULT: dict[str, Any] = {"max_hours": 6.0, "max_stages": 7}


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """Total time and number of stages against the thresholds."""
    hiring = role.role.hiring
    if hiring is None or not hiring.stages:
        return
    where = role.positions.key_of(("hiring", "stages"))
    minutes = sum(stage.duration for stage in hiring.stages.values())
    if minutes > options["max_hours"] * 60:
        yield context.at(
            where,
            f"the stages take {format_minutes(minutes)} in all, more than "
            f"{options['max_hours']:g} hours",
            "shorten or merge stages; assess each attribute once, well",
        )
    if len(hiring.stages) > options["max_stages"]:
        yield context.at(
            where,
            f"{len(hiring.stages)} stages, more than {options['max_stages']}",
            "merge stages that assess the same things",
        )

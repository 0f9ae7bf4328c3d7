"""Every must-have requirement is assessed by some interview stage.

A posting's must-haves are the conditions a candidate is hired on; if no stage
of the hiring plan assesses one, interviewers decide on it by impression. The
problem is reported at the requirement's line. Roles without a ``hiring``
section are not checked.

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
          assesses: [account-management-experience, crm-records]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from jdgen.lint.problem import Finding
from jdgen.load.workspace import LoadedRole

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext

ID = "unassessed-requirement"
LEVEL = "error"
DEFAULT: dict[str, Any] = {}


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """Must-haves that no stage lists in ``assesses``."""
    hiring = role.role.hiring
    if hiring is None or not hiring.stages:
        return
    assessed = {item for stage in hiring.stages.values() for item in stage.assesses}
    for i, requirement in enumerate(role.role.requirements.must):
        if requirement.id not in assessed:
            yield context.at(
                role.mark("requirements", "must", i),
                f"must-have {requirement.id!r} is not assessed by any interview stage",
                f"add {requirement.id!r} to a stage's 'assesses' list, or make it a nice-to-have",
            )

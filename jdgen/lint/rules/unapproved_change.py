"""Every role's posting is as HR last approved it (a CI gate; off until you turn it on).

``jdgen approve ROLE --by NAME`` records who approved a role's postings, in every
locale the workspace builds, and its pay, in ``approvals/<role-id>.yaml``. With this
rule on, a role whose posting text, details or pay changed since that approval is
an error at its title, naming who approved it last and what changed (pay, title,
duties, requirements, translations...), and so is a role never approved (option
``new: false`` lets those through). Since ``jdgen build`` obeys lint, it then
refuses to publish the role until it is approved again; ``jdgen build --draft``
still writes it, marked as a draft, for the reviewer. Turn it on once the roles
are approved, in the CI of the repository HR approves in:
``lint.rules.unapproved-change: error``. An approval file of no role (the role was
removed or renamed) is a warning at its first line, when the whole workspace is
linted. See docs/review.md.

Passing example::

    title: Senior Account Manager
    level: senior
    # file: .jdgen.yaml
    lint:
      rules:
        unapproved-change: {level: error, new: false}

Failing example::

    title: Senior Account Manager
    level: senior
    # file: .jdgen.yaml
    lint:
      rules:
        unapproved-change: error
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from jdgen.diagnostics import Level
from jdgen.errors import ProblemsError
from jdgen.lint.approval import snapshot
from jdgen.lint.problem import Finding
from jdgen.load.approvals import NEW, describe, orphan_message, orphans, read_approval, status
from jdgen.load.workspace import LoadedRole

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext
    from jdgen.lint.facts import RoleFacts

ID = "unapproved-change"
LEVEL = "error"
ENABLED = False
DEFAULT: dict[str, Any] = {"new": True}


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """The role's snapshot now against its last approval."""
    try:
        approval = read_approval(context.workspace, role.id)
    except ProblemsError as exc:  # a broken approvals file: at its line
        for p in exc.problems:
            yield Finding(p.path, p.line or 1, p.column or 1, p.message)
        return
    current = snapshot(context.workspace, role, context.versions.get(role.path, {}))
    found = status(current, approval, context.default_locale)
    if found.state == NEW and not options["new"]:
        return
    if found.state == NEW or found.changed:
        title = context.in_role(role, role.mark("title"))
        message = (
            "the role has never been approved"
            if approval is None
            else f"the posting {describe(found)}"
        )
        yield context.at(
            title,
            message,
            f"review it and approve it: jdgen approve {role.id} --by NAME",
            fallback=role,
        )


def check_workspace(
    roles: list[RoleFacts], context: LintContext, options: dict[str, Any]
) -> Iterator[tuple[str, Finding]]:
    """Each approval file of no role: a warning at its first line."""
    workspace = context.workspace
    for path in orphans(workspace):
        display = workspace.display(path)
        message, suggestion = orphan_message(workspace, path)
        yield display, Finding(display, 1, 1, message, suggestion, level=Level.WARNING)

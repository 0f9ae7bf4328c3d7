"""A suppression comment must name rules that exist.

``# jdgen: disable=rule-id`` silences a rule on a line, and
``# jdgen: disable-file=rule-id`` in a whole file. A misspelt rule id would
silence nothing, and the problem it was meant for would come back unnoticed, so
an unknown id is an error at the comment.

Passing example::

    title: Growth Hacker  # jdgen: disable=vague-title
    level: senior

Failing example::

    title: Growth Hacker  # jdgen: disable=vauge-title
    level: senior
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from jdgen.lint.config import unknown_rule_message
from jdgen.lint.problem import Finding
from jdgen.lint.suppress import parse
from jdgen.load.workspace import LoadedRole

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext

ID = "bad-suppression"
LEVEL = "error"
DEFAULT: dict = {}


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """Unknown rule ids in the comments of the role's file and the files it extends."""
    known = {rule: None for rule in sorted(context.rule_ids)}
    for path in role.files:
        doc = context.workspace.store.get(path)
        if doc is None:
            continue
        for item in parse(doc.text):
            if item.rule not in known:
                yield Finding(
                    doc.display, item.line, item.column, unknown_rule_message(item.rule, known)
                )

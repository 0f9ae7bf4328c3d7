"""Role files must load: readable YAML, with the keys and types the schema knows.

This rule reports what stops a file from being read or validated: a YAML
syntax error, a duplicate key, an unknown key (with the closest known one), a
value of the wrong type, a broken ``extends``. It cannot be turned off, because
the other rules need a loaded role to look at.

Passing example::

    title: Senior Account Manager
    level: senior
    duties:
      - Manage a portfolio of mid-sized accounts

Failing example::

    title: Senior Account Manager
    level: senior
    dutes:
      - Manage a portfolio of mid-sized accounts
"""

from __future__ import annotations

from pathlib import Path

from jdgen.errors import RoleFileError, UnreadableFileError
from jdgen.lint.problem import Finding
from jdgen.load.workspace import LoadedRole, Workspace

ID = "schema"
LEVEL = "error"
DEFAULT: dict = {}


def load(
    workspace: Workspace, path: Path, locale: str | None = None
) -> tuple[LoadedRole | None, list[Finding], bool]:
    """Load one role (in ``locale``): ``(role or None, findings, whether unreadable)``."""
    try:
        return workspace.load_role(path, locale), [], False
    except RoleFileError as exc:
        findings = [Finding(e.path, e.line or 1, e.column or 1, e.message) for e in exc.errors]
        return None, findings, isinstance(exc, UnreadableFileError)

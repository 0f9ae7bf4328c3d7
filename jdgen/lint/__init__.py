"""``jdgen lint``: check role files the way a careful recruiter and CI would.

:func:`lint_paths` runs the configured rules and returns a report;
:func:`render` formats it; :func:`exit_code` turns it into the process status.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jdgen.errors import ExitCode
from jdgen.lint.check import LintReport, lint
from jdgen.lint.config import lint_config
from jdgen.lint.formats import format_github, format_json, format_sarif, format_text, resolve
from jdgen.lint.problem import Level, Problem
from jdgen.load.config import read_config
from jdgen.load.workspace import Workspace

__all__ = ["Level", "LintReport", "Problem", "exit_code", "lint_paths", "render", "summary"]


def lint_paths(
    workspace: Workspace,
    paths: list[Path] | None,
    *,
    today: dt.date | None = None,
    jobs: int | None = None,
) -> LintReport:
    """Lint the role files under ``paths`` with the workspace's configuration.

    ``jobs`` processes check the roles (default: one per core, for large workspaces).
    """
    from jdgen.lint.registry import RULES

    config = lint_config(read_config(workspace.root), RULES)
    return lint(workspace, paths, config, today=today, jobs=jobs)


def exit_code(report: LintReport, *, strict: bool = False) -> ExitCode:
    """2 for unreadable input; 1 for errors (or warnings with ``strict``); else 0."""
    if report.unreadable:
        return ExitCode.USAGE
    worst = max((p.level for p in report.problems), default=None)
    if worst is Level.ERROR or (strict and worst is Level.WARNING):
        return ExitCode.FAILED
    return ExitCode.OK


def render(problems: list[Problem], fmt: str, root: Path) -> str:
    """The problems in format ``fmt`` (``auto`` resolved from the environment)."""
    from jdgen.lint.registry import RULES

    fmt = resolve(fmt)
    if fmt == "json":
        return format_json(problems)
    if fmt == "sarif":
        return format_sarif(problems, RULES, root)
    line = format_github if fmt == "github" else format_text
    return "\n".join(line(p) for p in problems)


def summary(report: LintReport, shown: list[Problem]) -> str:
    """``4 files checked: 1 error, 2 warnings, 1 info``."""
    files = f"{report.files} file{'s' if report.files != 1 else ''} checked"
    counts = [
        f"{n} {name}{'s' if n != 1 and name != 'info' else ''}"
        for level, name in (
            (Level.ERROR, "error"),
            (Level.WARNING, "warning"),
            (Level.INFO, "info"),
        )
        if (n := sum(1 for p in shown if p.level == level))
    ]
    return f"{files}: {', '.join(counts) if counts else 'no problems'}"

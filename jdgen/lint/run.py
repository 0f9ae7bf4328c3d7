"""``jdgen lint``: the pipeline of :mod:`jdgen.lint.check` over the files asked for.

:func:`lint_paths` checks the role files under the paths given (every role by
default; a base or the company file stands for the roles that use it), runs the
workspace-wide rules over every role's facts, and returns every problem of the
roles checked, wherever it is (their bases, translations and company file
included), each once. :func:`render` formats the problems, :func:`exit_code`
turns them into the process status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdgen.diagnostics import Level, Problem, unique
from jdgen.errors import ConfigError, ExitCode, UnreadableFileError
from jdgen.lint.check import (
    RoleCheck,
    Settings,
    check_role,
    ignored,
    load_facts,
    read_settings,
    workspace_problems,
)
from jdgen.lint.facts import FactsCache, RoleFacts
from jdgen.load.discover import duplicate_ids, split_locale
from jdgen.pool import Pool, jobs_for

if TYPE_CHECKING:
    from jdgen.load.workspace import Workspace

MIN_ROLES_PER_JOB = 50  # below this, starting another process costs more than it saves


@dataclass
class LintReport:
    """The problems found, and what was checked."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    unreadable: bool = False
    checks: list[RoleCheck] = field(default_factory=list)

    def count(self, level: Level) -> int:
        return sum(1 for p in self.problems if p.level == level)


def lint_paths(
    workspace: Workspace,
    paths: list[Path] | None = None,
    *,
    today: dt.date | None = None,
    jobs: int | None = None,
) -> LintReport:
    """Lint the role files under ``paths`` (default: every role in the workspace).

    A broken configuration or shared data file raises
    :class:`~jdgen.errors.ConfigFileError` (exit code 2), as it stops a build.
    """
    settings = read_settings(workspace)
    workspace.check_shared()
    today = today or dt.date.today()
    everyone = workspace.role_files()
    targets, shared, named = _targets(workspace, paths, everyone)
    duplicates = duplicate_ids(sorted(set(everyone) | set(targets), key=lambda p: (p.stem, str(p))))
    pool = Pool(jobs_for(jobs, max(len(targets), len(everyone)), MIN_ROLES_PER_JOB), None)
    with pool:
        checks = check_all(workspace, targets, settings, today, duplicates, pool)
        found = everyone_facts(workspace, everyone, checks, settings, jobs, None, pool)
    if shared:  # the roles named, and those that use a shared file named
        checks = [
            c for c in checks if c.path in named or any(_uses(workspace, c, n) for n in shared)
        ]
    report = LintReport(checks=checks, files=len(checks))
    problems = [p for c in checks for p in c.problems]
    for name in shared:  # a shared file no role uses is still read
        if not any(_uses(workspace, c, name) for c in checks):
            try:
                workspace.read(name)
            except UnreadableFileError as exc:
                problems += exc.problems
                report.unreadable = True
    skip = {c.display for c in checks if ignored(workspace, c.path, settings)}
    extra = workspace_problems(workspace, found, settings, today, skip=skip)
    mine = {c.display for c in checks}
    problems += [p for display, more in extra.items() if display in mine for p in more]
    report.problems = unique(problems)
    report.unreadable = report.unreadable or any(c.unreadable for c in checks)
    return report


def check_all(
    workspace: Workspace,
    paths: list[Path],
    settings: Settings,
    today: dt.date,
    duplicates: dict[str, list[Path]],
    pool: Pool,
) -> list[RoleCheck]:
    """:func:`check_role` over ``paths``, in the pool's workers for a large workspace,
    in the order given."""
    results: dict[Path, RoleCheck] = {}
    pool.state = _Shared(workspace, settings, today, duplicates)
    pool.run(_check_batch, paths, results.__setitem__, inline_below=MIN_ROLES_PER_JOB * 2)
    return [results[p] for p in paths if p in results]


@dataclass
class _Shared:
    """What the pool's workers need to check roles or load their facts."""

    workspace: Workspace
    settings: Settings
    today: dt.date
    duplicates: dict[str, list[Path]]


def _check_batch(state: _Shared, paths: list[Path]) -> list[RoleCheck]:
    workspace, settings, today, duplicates = (
        state.workspace,
        state.settings,
        state.today,
        state.duplicates,
    )
    out = []
    for path in paths:
        others = [p for p in duplicates.get(path.stem, []) if p != path]
        out.append(check_role(workspace, path, settings, today, duplicates=others).light())
        _forget_own(workspace, path)
    return out


def _forget_own(workspace: Workspace, path: Path) -> None:
    """Let the role's own files go; keep the shared ones (bases, the company file) parsed."""
    workspace.store.forget(path)
    for sibling in path.parent.glob(f"{path.stem}.*.y*ml"):
        if split_locale(sibling)[0].name == path.name:
            workspace.store.forget(sibling)


def everyone_facts(
    workspace: Workspace,
    everyone: list[Path],
    checks: list[RoleCheck],
    settings: Settings,
    jobs: int | None = None,
    known: dict[Path, RoleFacts] | None = None,
    pool: Pool | None = None,
) -> list[RoleFacts]:
    """The facts of every role in the workspace: from the checks just made, from
    ``known`` (a build's record, by role file), from the facts cache when a role's
    files are unchanged, else by loading the role."""
    cache = FactsCache(workspace.store, settings.default_locale)
    found: dict[Path, RoleFacts] = {}
    for check in checks:
        if check.facts is not None:
            found[check.path] = check.facts
            cache.put(check.path, check.facts)
    known = known or {}
    missing = []
    for path in everyone:
        if path in found:
            continue
        facts = known.get(path) or cache.get(path)
        if facts is not None:
            found[path] = facts
        else:
            missing.append(path)
    if missing:
        loaded: dict[Path, RoleFacts | None] = {}
        if pool is None:
            pool = Pool(1, None)
        if pool.state is None:
            pool.state = _Shared(workspace, settings, dt.date.today(), {})
        pool.run(_facts_batch, missing, loaded.__setitem__, inline_below=MIN_ROLES_PER_JOB * 4)
        for path, facts in loaded.items():
            if facts is not None:
                found[path] = facts
                cache.put(path, facts)
    cache.save()
    listed = set(everyone)
    return [found[p] for p in everyone if p in found] + [
        c.facts for c in checks if c.facts is not None and c.path not in listed
    ]


def _facts_batch(state: Any, paths: list[Path]) -> list[RoleFacts | None]:
    workspace, settings = state.workspace, state.settings
    out = []
    for path in paths:
        out.append(load_facts(workspace, path, settings))
        _forget_own(workspace, path)
    return out


def _targets(
    workspace: Workspace, paths: list[Path] | None, everyone: list[Path]
) -> tuple[list[Path], list[Path], set[Path]]:
    """The role files to check; the shared files (bases, the company file) named, which
    stand for every role that uses them; and the role files named."""
    if not paths:
        return everyone, [], set(everyone)
    shared = [p for p in paths if p.name.startswith("_") and not p.is_dir()]
    plain = [p for p in paths if p not in shared]
    named = workspace.role_files(plain) if plain else []
    for name in shared:
        if not workspace.store.exists(name):
            raise ConfigError(f"no such file or folder: {name}")
    if not shared:
        return named, [], set(named)
    return sorted({*named, *everyone}, key=lambda p: (p.stem, str(p))), shared, set(named)


def _uses(workspace: Workspace, check: RoleCheck, name: Path) -> bool:
    """Whether the role uses the shared file ``name``: it is among the files it was read
    from (or its translation's original is), or the role's problems are in it."""
    real = workspace.real(name)
    original = workspace.real(split_locale(name)[0])
    if real == workspace.real(workspace.company_path) or original == workspace.real(
        workspace.company_path
    ):
        return True
    if real in check.files or original in check.files:
        return True
    if real in workspace.chain(check.path) or original in workspace.chain(check.path):
        return True
    shown = workspace.display(name)
    return any(p.path == shown for p in check.problems)


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
    from jdgen.lint.formats import format_github, format_json, format_sarif, format_text, resolve
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

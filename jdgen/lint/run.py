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
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdgen.diagnostics import Level, Problem, error, unique
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
from jdgen.load.shipped import JURISDICTIONS_FILE
from jdgen.load.workspace import COMPANY_FILE
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

    @classmethod
    def combined(cls, reports: list[LintReport]) -> LintReport:
        """One report of several workspaces' (for the summary and the exit code)."""
        return cls(
            problems=[p for r in reports for p in r.problems],
            files=sum(r.files for r in reports),
            unreadable=any(r.unreadable for r in reports),
            checks=[c for r in reports for c in r.checks],
        )


def lint_paths(
    workspace: Workspace,
    paths: list[Path] | None = None,
    *,
    today: dt.date | None = None,
    jobs: int | None = None,
    locales: tuple[str, ...] = (),
) -> LintReport:
    """Lint the role files under ``paths`` (default: every role in the workspace), in the
    locales the config publishes and ``locales`` (as ``jdgen build --locale`` checks).

    A broken configuration or shared data file raises
    :class:`~jdgen.errors.ConfigFileError` (exit code 2), as it stops a build.
    """
    settings = read_settings(workspace)
    workspace.check_shared()
    today = today or dt.date.today()
    everyone = workspace.role_files()
    chosen = targets(workspace, paths, everyone)
    every = sorted(set(everyone) | set(chosen.files), key=lambda p: (p.stem, str(p)))
    duplicates = duplicate_ids(every)
    pool = Pool(jobs_for(jobs, len(every), MIN_ROLES_PER_JOB), None)
    with pool:
        checks = check_all(workspace, chosen.files, settings, today, duplicates, pool, locales)
        found = everyone_facts(workspace, every, checks, settings, jobs, None, pool)
    report = LintReport(checks=checks, files=len(checks))
    problems = [p for c in checks for p in c.problems]
    unread, report.unreadable = shared_problems(workspace, chosen.unused)
    problems += unread
    skip = {c.display for c in checks if ignored(workspace, c.path, settings)}
    extra = workspace_problems(workspace, found, settings, today, skip=skip)
    mine = {c.display for c in checks}
    if set(chosen.files) >= set(everyone):  # the whole workspace: its files of no role too
        mine |= set(extra) - {workspace.display(p) for p in every}
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
    locales: tuple[str, ...] = (),
) -> list[RoleCheck]:
    """:func:`check_role` over ``paths``, in the pool's workers for a large workspace,
    in the order given."""
    results: dict[Path, RoleCheck] = {}
    every_locale = tuple(dict.fromkeys([*settings.locales, *locales]))
    pool.state = _Shared(workspace, settings, today, duplicates, every_locale)
    pool.run(
        _check_batch,
        paths,
        results.__setitem__,
        broken=lambda path: _died(workspace, path),
        inline_below=MIN_ROLES_PER_JOB * 2,
    )
    return [results[p] for p in paths if p in results]


@dataclass
class _Shared:
    """What the pool's workers need to check roles or load their facts."""

    workspace: Workspace
    settings: Settings
    today: dt.date
    duplicates: dict[str, list[Path]]
    locales: tuple[str, ...] = ()


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
        check = check_role(
            workspace, path, settings, today, locales=state.locales or None, duplicates=others
        )
        out.append(check.light())
        workspace.store.forget_role(path)
    return out


def _died(workspace: Workspace, path: Path) -> RoleCheck:
    display = workspace.display(path)
    message = "the process checking this role stopped unexpectedly (out of memory?)"
    return RoleCheck(path, path.stem, display, [error(display, 1, 1, message, None)])


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
    shared = tuple(
        workspace.display(workspace.roles_dir / name) for name in (COMPANY_FILE, JURISDICTIONS_FILE)
    )
    cache = FactsCache(workspace.store, settings.default_locale, shared)
    found: dict[Path, RoleFacts] = {}
    checked = {check.path for check in checks}
    for check in checks:
        if check.facts is not None:
            found[check.path] = check.facts
            cache.put(check.path, check.facts)
    known = known or {}
    missing = []
    for path in everyone:
        if path in checked:
            continue  # checked now: its facts are those of the check, or it has none
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
        pool.run(
            _facts_batch,
            missing,
            loaded.__setitem__,
            broken=lambda path: None,  # no facts: the role's own check will say why
            inline_below=MIN_ROLES_PER_JOB * 4,
        )
        for path, facts in loaded.items():
            if facts is not None:
                found[path] = facts
                cache.put(path, facts)
    cache.save()
    listed = set(everyone)
    return [found[p] for p in everyone if p in found] + [
        found[c.path] for c in checks if c.path in found and c.path not in listed
    ]


def _facts_batch(state: Any, paths: list[Path]) -> list[RoleFacts | None]:
    workspace, settings = state.workspace, state.settings
    out = []
    for path in paths:
        out.append(load_facts(workspace, path, settings))
        workspace.store.forget_role(path)
    return out


@dataclass
class Targets:
    """The role files a command was asked about (``files``), and the shared files named
    (``shared``, bases or the company file) that no role uses: they are still read."""

    files: list[Path]
    shared: list[Path] = field(default_factory=list)
    unused: list[Path] = field(default_factory=list)


def targets(workspace: Workspace, paths: list[Path] | None, everyone: list[Path]) -> Targets:
    """The role files under ``paths`` (every role by default); a base, the company file, or
    a translation of either, stands for every role that uses it. Lint and build both
    choose their roles here."""
    if not paths:
        return Targets(everyone)
    shared = [p for p in paths if p.name.startswith("_") and not p.is_dir()]
    for name in shared:
        if not workspace.store.exists(name):
            raise ConfigError(f"no such file or folder: {name}")
    plain = [p for p in paths if p not in shared]
    files = _once(workspace, workspace.role_files(plain)) if plain else set()
    unused = []
    for name in shared:
        users = [p for p in everyone if _uses(workspace, p, name)]
        files.update(users)
        if not users:
            unused.append(name)
    return Targets(sorted(files, key=lambda p: (p.stem, str(p))), shared, unused)


def _once(workspace: Workspace, files: list[Path]) -> set[Path]:
    """``files`` with each file once: one file reached through two spellings of its
    folder (a link to the workspace, and the workspace) is one role, not two with the
    same id. A link with a name of its own stays a role of its own."""
    chosen: dict[tuple[Path, str], Path] = {}
    home = Path(os.path.abspath(workspace.roles_dir))
    for path in files:
        key = (workspace.real(path), path.name)
        if key not in chosen or path.parent == home:
            chosen[key] = path
    return set(chosen.values())


def _uses(workspace: Workspace, role: Path, name: Path) -> bool:
    """Whether the role file ``role`` is built from the shared file ``name`` (or from the
    file ``name`` translates): the company file, or a file in its ``extends`` chain."""
    original = workspace.real(split_locale(name)[0])
    if original == workspace.real(workspace.company_path):
        return True
    return original in workspace.chain(role)


def shared_problems(workspace: Workspace, names: list[Path]) -> tuple[list[Problem], bool]:
    """The problems of shared files named that no role uses (only whether they can be
    read as YAML): ``(problems, unreadable)``."""
    problems: list[Problem] = []
    for name in names:
        try:
            workspace.read(name)
        except UnreadableFileError as exc:
            problems += exc.problems
    return problems, bool(problems)


def exit_code(report: LintReport, *, strict: bool = False) -> ExitCode:
    """2 for unreadable input; 1 for errors (or warnings with ``strict``); else 0."""
    if report.unreadable:
        return ExitCode.USAGE
    worst = max((p.level for p in report.problems), default=None)
    if worst is Level.ERROR or (strict and worst is Level.WARNING):
        return ExitCode.FAILED
    return ExitCode.OK

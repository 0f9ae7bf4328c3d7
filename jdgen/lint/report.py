"""How ``jdgen lint`` shows what it found: which workspaces, paths and formats.

:func:`run_lint` is the command: it lints each workspace the paths belong to
(:func:`group_paths`), prints the problems in the format asked for (:func:`render`:
text with paths from the current folder, the machine formats with paths from the
repository's root and fingerprints), then the summary, and returns the exit code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jdgen.console import QUIET, VERBOSE
from jdgen.diagnostics import Level, Problem
from jdgen.errors import ConfigFileError, ExitCode
from jdgen.lint.run import LintReport, exit_code, lint_paths

if TYPE_CHECKING:
    from jdgen.load.workspace import Workspace


@dataclass
class LintRequest:
    """What the command line asked ``jdgen lint`` for."""

    paths: list[Path]
    workspace: Path | None = None  # -C, resolved
    fmt: str = "auto"
    strict: bool = False
    min_level: str = "warning"
    locales: tuple[str, ...] = ()
    jobs: int | None = None
    verbosity: int = 0
    colour: bool = False  # on standard output
    colour_err: bool = False  # on standard error
    publish_in: tuple[str, ...] = ()  # for postings (jdgen.lint.posting)


def run_lint(request: LintRequest) -> ExitCode:
    """Lint, print the problems and the summary, and return the exit code."""
    from jdgen.lint.formats import resolve
    from jdgen.lint.posting import is_posting, lint_postings
    from jdgen.load.workspace import CONFIG_FILE, Workspace

    given = Workspace(request.workspace) if request.workspace else None
    postings = [  # a Markdown file in templates/ stands for every role, as ever
        p
        for p in request.paths
        if is_posting(p) and not _everyone(given or Workspace.find(p), p, CONFIG_FILE)
    ]
    roles = [p for p in request.paths if p not in postings]
    groups = group_paths(roles, request.workspace) if roles or not postings else []
    if postings:  # checked with the configuration of the workspace jdgen runs in
        here = given or Workspace.find(None)
        groups.append((here, postings))
    reports: list[tuple[Workspace, LintReport, list[Problem]]] = []
    text = resolve(request.fmt) == "text"
    broken = 0
    for ws, targets in groups:
        try:
            if targets and targets[0] in postings:
                report = lint_postings(ws, targets, request.publish_in)
            else:
                report = lint_paths(ws, targets, jobs=request.jobs, locales=request.locales)
        except ConfigFileError as exc:
            # A broken config stops that workspace's lint (exit 2), not the others'. The
            # machine formats carry it, so that a SARIF upload still gets a valid log;
            # on a terminal it is an error message, as for any command.
            broken += 1
            if text:
                for line in text_lines(exc.problems, ws.root, colour=request.colour_err):
                    click.echo(line, err=True, color=request.colour_err)
                report = LintReport(unreadable=True)
            else:
                report = LintReport(problems=exc.problems, unreadable=True)
        shown = [p for p in report.problems if p.level >= Level.parse(request.min_level)]
        reports.append((ws, report, shown))
    output = render([(ws, shown) for ws, _, shown in reports], request.fmt, colour=request.colour)
    if request.verbosity == VERBOSE:
        for ws, report, shown in reports:
            click.echo(describe(ws, report, shown), err=True)
    if output:
        click.echo(output, color=request.colour)
    total = LintReport.combined([r for _, r, _ in reports])
    if request.verbosity > QUIET and request.fmt in ("auto", "text") and broken < len(reports):
        click.echo(summary(total, [p for _, _, shown in reports for p in shown]), err=True)
    return exit_code(total, strict=request.strict)


def group_paths(
    paths: list[Path], workspace_root: Path | None = None
) -> list[tuple[Workspace, list[Path] | None]]:
    """The workspaces to lint and the paths in each (``None``: every role).

    With ``workspace_root`` (``-C``), that workspace and every path given. Without
    it, each path belongs to the workspace found above it, so that files of several
    workspaces can be linted at once, as pre-commit passes them; a workspace's
    ``.jdgen.yaml``, or a file in its ``templates/``, stands for all of its roles.
    """
    from jdgen.load.workspace import CONFIG_FILE, Workspace

    if not paths:
        ws = Workspace(workspace_root) if workspace_root is not None else Workspace.find(None)
        return [(ws, None)]
    groups: dict[str, list[Path] | None] = {}
    spaces: dict[str, Workspace] = {}
    given = Workspace(workspace_root) if workspace_root is not None else None
    for path in paths:
        ws = given or Workspace.find(path)
        real = os.path.realpath(ws.root)  # one workspace, however its folder is spelt
        ws = spaces.setdefault(real, ws)
        if _everyone(ws, path, CONFIG_FILE):
            groups[real] = None  # the config or a template changed: every role
        elif real not in groups:
            groups[real] = [path]
        elif groups[real] is not None:
            groups[real].append(path)
    return [(spaces[real], targets) for real, targets in groups.items()]


def _everyone(workspace: Workspace, path: Path, config: str) -> bool:
    """Whether ``path`` is a file every role depends on: the config, or a template."""
    full = Path(os.path.realpath(path))
    if path.name == config and not path.is_dir():
        return full == Path(os.path.realpath(workspace.root / config))
    return full.is_relative_to(Path(os.path.realpath(workspace.templates_dir)))


def text_lines(
    problems: list[Problem], workspace_root: Path, *, colour: bool = False, cwd: Path | None = None
) -> list[str]:
    """Problems as text lines, each path as the user can open it from ``cwd``."""
    from jdgen.lint.formats import format_text
    from jdgen.lint.places import rebase

    here = cwd or Path.cwd()
    return [format_text(p, colour) for p in rebase(problems, workspace_root, here)]


def render(
    groups: list[tuple[Workspace, list[Problem]]],
    fmt: str,
    *,
    colour: bool = False,
    cwd: Path | None = None,
) -> str:
    """The problems of each workspace in format ``fmt`` (``auto`` resolved from the
    environment). Text names files from ``cwd`` (default: the current folder); the
    other formats from the root of the git repository, else from ``cwd``."""
    from jdgen.lint import formats
    from jdgen.lint.places import anchors, fingerprints, rebase, relative, report_base
    from jdgen.lint.registry import RULES

    fmt = formats.resolve(fmt)
    here = Path(cwd or Path.cwd())
    if fmt == "text":
        moved = [p for ws, problems in groups for p in rebase(problems, ws.root, here)]
        moved.sort(key=Problem.sort_key)
        return "\n".join(formats.format_text(p, colour) for p in moved)
    base = report_base(groups[0][0].root, here) if groups else here
    shown: list[tuple[Problem, tuple[str, str]]] = []
    for ws, problems in groups:
        found = anchors(problems, ws.store) if fmt != "github" else [("", "")] * len(problems)
        shown += zip(rebase(problems, ws.root, base), found, strict=True)
    shown.sort(key=lambda pair: (pair[0].sort_key(), pair[1]))
    problems = [p for p, _ in shown]
    prints = fingerprints(problems, [a for _, a in shown])
    if fmt == "json":
        return formats.format_json(problems, prints)
    if fmt == "gitlab":
        return formats.format_gitlab(problems, prints)
    if fmt == "sarif":
        folders = sorted(relative(".", ws.root, base) for ws, _ in groups)
        category = ",".join(f for f in folders if f != "." and not f.startswith(".."))
        return formats.format_sarif(problems, prints, RULES, base, category)
    return "\n".join(formats.format_github(p) for p in problems)


def describe(workspace: Workspace, report: LintReport, shown: list[Problem]) -> str:
    """What ``--verbose`` adds: the workspace, and each role file checked with the
    problems of that role's own file, paths as the user can open them from here."""
    from jdgen.lint.places import relative

    here = Path.cwd()
    where = relative(".", workspace.root, here)
    lines = [f"workspace {where}: {report.files} role file{'s' if report.files != 1 else ''}"]
    counts: dict[str, list[Problem]] = {}
    for p in shown:
        counts.setdefault(p.path, []).append(p)
    for check in report.checks:
        mine = counts.get(check.display, [])
        name = relative(check.display, workspace.root, here)
        lines.append(f"  checked {name}: {_counts(mine) or 'no problems'}")
    return "\n".join(lines)


_LEVEL_NAMES = ((Level.ERROR, "error"), (Level.WARNING, "warning"), (Level.INFO, "info"))


def _counts(problems: list[Problem]) -> str:
    counts = [
        f"{n} {name}{'s' if n != 1 and name != 'info' else ''}"
        for level, name in _LEVEL_NAMES
        if (n := sum(1 for p in problems if p.level == level))
    ]
    return ", ".join(counts)


def summary(report: LintReport, shown: list[Problem]) -> str:
    """``4 files checked: 1 error, 2 warnings, 1 info``."""
    files = f"{report.files} file{'s' if report.files != 1 else ''} checked"
    return f"{files}: {_counts(shown) or 'no problems'}"

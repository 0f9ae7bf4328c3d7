"""What ``jdgen build`` shows while it runs: errors, a progress bar, and a summary.

- Errors go to stderr as each role finishes, in file order.
- A progress bar (on stderr) appears only when stderr is a terminal, outside CI,
  and when more than a few roles need building; so CI logs and pipes stay clean.
- ``--verbose`` adds a line per role: what was built and why, what was skipped.
- ``--quiet`` shows errors and warnings only.
- The summary counts the roles built, skipped and failed, and the time taken.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

import click

from jdgen.diagnostics import Problem

if TYPE_CHECKING:
    from jdgen.build.outcome import BuildReport, RoleOutcome

from jdgen.console import NORMAL, QUIET, VERBOSE

PROGRESS_MIN_ROLES = 6  # fewer roles than this finish before a bar is worth drawing


def wants_progress_bar(stream: TextIO, roles: int, environ: dict[str, str] | None = None) -> bool:
    """Whether to draw a progress bar for ``roles`` roles on ``stream``."""
    environ = os.environ if environ is None else environ
    in_ci = environ.get("CI", "").lower() not in ("", "0", "false")
    return roles >= PROGRESS_MIN_ROLES and not in_ci and stream.isatty()


class BuildConsole:
    """The build's callbacks (``on_plan``, ``on_outcome``) that print what happens."""

    def __init__(
        self,
        verbosity: int = NORMAL,
        err: TextIO | None = None,
        show: Callable[[Problem], str] = Problem.format,
        colour: bool | None = None,
    ) -> None:
        """``show`` turns a problem into its line (paths as the user sees them, in
        colour or not); ``colour`` is passed to ``click.echo``."""
        self.verbosity = verbosity
        self.err = err or sys.stderr
        self.show = show
        self.colour = colour
        self.bar = None
        self.printed: set[str] = set()  # a problem of a shared file, printed once

    def on_plan(self, roles: int) -> None:
        if self.verbosity == NORMAL and wants_progress_bar(self.err, roles):
            self.bar = click.progressbar(
                length=roles, label="Building", file=self.err, show_pos=True, show_eta=True
            )
            self.bar.__enter__()

    def on_outcome(self, outcome: RoleOutcome) -> None:
        if self.bar is not None and outcome.errors:
            self.err.write("\r\033[K")  # the message takes the bar's line; the bar comes back below
        for problem in outcome.errors:
            message = self.show(problem)
            if message not in self.printed:
                self.printed.add(message)
                click.echo(message, file=self.err, color=self.colour)
        if self.bar is not None and outcome.reason is not None:  # a role that was in the plan
            self.bar.update(1)
        if self.verbosity == VERBOSE and outcome.ok:
            if outcome.skipped:
                click.echo(f"skipped {outcome.role_id} (unchanged)")
            else:
                names = ", ".join(p.name for p in outcome.written)
                draft = f", a draft with {outcome.draft} lint errors" if outcome.draft else ""
                click.echo(f"built {outcome.role_id}: {names} ({outcome.reason}{draft})")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def finish(self, report: BuildReport) -> None:
        """The warnings and the summary line."""
        self.close()
        for problem in report.problems:
            click.echo(self.show(problem), err=True, color=self.colour)
        for warning in [*report.notes, *report.warnings]:
            click.echo(f"warning: {warning}", err=True)
        if self.verbosity == VERBOSE:
            for path in report.workspace_written:
                click.echo(f"built {path.name}")
        if self.verbosity > QUIET or report.interrupted:
            failed = report.failed or report.problems or report.interrupted
            click.echo(summary(report), err=bool(failed))


def summary(report: BuildReport) -> str:
    """``Built 3 roles (9 files) in 2.1s; skipped 97 unchanged; 1 failed: x``."""
    built, files = len(report.built), report.files
    text = (
        f"Built {built} role{'s' if built != 1 else ''} ({files} file{'s' if files != 1 else ''}) "
        f"in {report.seconds:.1f}s"
    )
    if report.skipped:
        text += f"; skipped {len(report.skipped)} unchanged"
    if report.removed or report.kept:
        n = len(report.removed)
        text += f"; removed {n} file{'s' if n != 1 else ''} no longer built"
        if report.kept:
            text += f" (kept, as changed by hand: {', '.join(report.kept)})"
    if report.drafts:
        names = ", ".join(o.role_id for o in report.drafts)
        text += f"; {len(report.drafts)} as drafts: {names}"
    untranslated = report.untranslated
    if untranslated:
        shown = ", ".join(f"{r} ({', '.join(ls)})" for r, ls in untranslated.items())
        text += f"; not translated, so skipped: {shown}"
    refused = [o for o in report.failed if o.refused]
    failed = [o for o in report.failed if not o.refused]
    if refused:
        names = ", ".join(o.role_id for o in refused)
        text += f"; {len(refused)} failed lint: {names}"
    if failed:
        text += f"; {len(failed)} failed: {', '.join(o.role_id for o in failed)}"
    if report.approvals:
        text += "; " + approvals_summary(report.approvals)
    if report.interrupted:
        n = report.not_built
        text += f"; interrupted, {n} role{'s' if n != 1 else ''} not built"
    return text


def approvals_summary(approvals: dict[str, list[str]]) -> str:
    """``approvals: 1 changed since approval (key-account-manager), 3 approved``."""
    parts = []
    for state, words in (
        ("changed", "changed since approval"),
        ("new", "new"),
        ("broken", "with a broken approval file"),
    ):
        ids = approvals.get(state, [])
        if ids:
            shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
            parts.append(f"{len(ids)} {words} ({shown})")
    if approvals.get("approved"):
        parts.append(f"{len(approvals['approved'])} approved")
    return f"approvals: {', '.join(parts)} (jdgen status)"

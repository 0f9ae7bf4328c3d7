"""The sign-off commands, ``jdgen approve`` and ``jdgen status`` (see :mod:`jdgen.signoff`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from jdgen.console import (
    QUIET,
    colour_option,
    use_colour,
    verbosity,
    verbosity_options,
    workspace_option,
)
from jdgen.console import workspace as _workspace
from jdgen.errors import ExitCode


@click.command()
@click.argument("roles", nargs=-1, metavar="[ROLE...]")
@click.option("--by", "by", required=True, metavar="NAME", help="Who approves (recorded).")
@click.option("--note", default="", metavar="TEXT", help="A note recorded with the approval.")
@workspace_option
@verbosity_options("Print nothing but errors.", "Also say what had changed in each role.")
@colour_option
@click.pass_context
def approve(
    ctx: click.Context,
    roles: tuple[str, ...],
    by: str,
    note: str,
    workspace_dir: Path | None,
    quiet: bool,
    verbose: bool,
    colour: bool | None,
) -> None:
    """Record that NAME approved each ROLE (ids or files) as it is now.

    The approval covers the role's posting in every locale the workspace builds and
    its pay, and is written to approvals/<role-id>.yaml: commit it with the roles.
    Without ROLE, every role that is new or changed since its approval is approved.
    A role lint finds errors in is not approved (exit code 1).
    """
    from jdgen.lint.report import text_lines
    from jdgen.load.approvals import describe
    from jdgen.signoff import approve as record
    from jdgen.signoff import chosen_roles, role_states

    level = verbosity(ctx, quiet, verbose)
    ws = _workspace(ctx, workspace_dir)
    states = role_states(ws, chosen_roles(ws, list(roles)))
    if not roles:
        states = [s for s in states if s.status is None or s.status.state != "approved"]
    refused = [s for s in states if s.problems or s.status is None]
    colour_err = use_colour(ctx, colour, sys.stderr)
    for state in refused:
        for line in text_lines(state.problems, ws.root, colour=colour_err):
            click.echo(line, err=True)
        click.echo(f"{state.display}: not approved: lint finds errors in it", err=True)
    done = record(ws, states, by, note)
    if level > QUIET:
        for state in done:
            was = f" ({describe(state.status)})" if level > 1 and state.status else ""
            click.echo(f"Approved {state.display} as {' '.join(by.split())}{was}")
        if not done and not refused:
            click.echo("Nothing to approve: every role is approved as it is.")
    ctx.exit(ExitCode.FAILED if refused else ExitCode.OK)


@click.command()
@click.argument("roles", nargs=-1, metavar="[ROLE...]")
@workspace_option
@verbosity_options("Print only the roles that are new or changed.", "As without it.")
@click.pass_context
def status(
    ctx: click.Context,
    roles: tuple[str, ...],
    workspace_dir: Path | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """List each role (or each ROLE) as new, approved, or changed since approval.

    A changed role says what changed: pay, title, summary, duties, requirements,
    benefits, details, company, translations. Without ROLE, an approval file of no
    role (removed or renamed) is listed as an orphan. Exit code 1 when a role does
    not load or its approval file is broken, else 0.
    """
    from jdgen.signoff import chosen_roles, role_states, status_lines, stray_approvals

    level = verbosity(ctx, quiet, verbose)
    ws = _workspace(ctx, workspace_dir)
    states = role_states(ws, chosen_roles(ws, list(roles)))
    strays = [] if roles else stray_approvals(ws)  # approval files of no role
    lines, summary = status_lines(states, strays)
    for state, line in zip(states, lines, strict=False):
        if level > QUIET or state.status is None or state.status.state != "approved":
            click.echo(line)
    for line in lines[len(states) :]:
        click.echo(line)
    if level > QUIET:
        click.echo(summary)
    broken = any(s.status is None or s.broken for s in states)
    ctx.exit(ExitCode.FAILED if broken else ExitCode.OK)

"""Options every command shares, and how their output looks on the user's screen.

``-C/--workspace``, ``-q/--quiet``, ``-v/--verbose`` and ``--color/--no-color`` are
accepted before the subcommand (``jdgen -C hiring lint``, as git and make take
``-C``) and after it (``jdgen lint -C hiring``); given in both places, the one after
the subcommand wins.

Colour: ``--color`` or ``--no-color`` if given; else none when ``NO_COLOR`` is set
to anything (https://no-color.org), and otherwise only on a terminal.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import click

QUIET, NORMAL, VERBOSE = -1, 0, 1

WORKSPACE_HELP = "Workspace folder (default: the nearest folder above here with a roles/ folder)."


@dataclass
class Shared:
    """The shared options as given before the subcommand (``None``: not given)."""

    workspace: Path | None = None
    quiet: bool = False
    verbose: bool = False
    colour: bool | None = None
    debug: bool = False


def workspace_option(f):
    return click.option(
        "-C",
        "--workspace",
        "workspace_dir",
        type=click.Path(path_type=Path, file_okay=False),
        help=WORKSPACE_HELP,
    )(f)


def verbosity_options(quiet_help: str, verbose_help: str):
    """``-q/--quiet`` and ``-v/--verbose``, with the command's own help texts."""

    def decorate(f):
        f = click.option("-v", "--verbose", is_flag=True, help=verbose_help)(f)
        return click.option("-q", "--quiet", is_flag=True, help=quiet_help)(f)

    return decorate


def colour_option(f):
    return click.option(
        "--color/--no-color",
        "colour",
        default=None,
        help="Colour the output, or not (default: on a terminal, unless NO_COLOR is set).",
    )(f)


def shared(ctx: click.Context) -> Shared:
    """The options given before the subcommand."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Shared) else Shared()


def workspace_dir(ctx: click.Context, given: Path | None) -> Path | None:
    return given if given is not None else shared(ctx).workspace


def verbosity(ctx: click.Context, quiet: bool = False, verbose: bool = False) -> int:
    """QUIET, NORMAL or VERBOSE from the command's flags, else the group's."""
    outer = shared(ctx)
    if not (quiet or verbose):
        quiet, verbose = outer.quiet, outer.verbose
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose cannot be used together")
    return QUIET if quiet else VERBOSE if verbose else NORMAL


def use_colour(
    ctx: click.Context,
    given: bool | None = None,
    stream: TextIO | None = None,
    environ: dict[str, str] | None = None,
) -> bool:
    """Whether to colour what goes to ``stream`` (default: standard output)."""
    if given is None:
        given = shared(ctx).colour
    if given is not None:
        return given
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def comma_list(choices: tuple[str, ...]):
    """A click callback that parses ``a,b,c`` and checks each item."""

    def parse(
        ctx: click.Context, param: click.Parameter, value: str | None
    ) -> tuple[str, ...] | None:
        if value is None:
            return None
        items = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
        bad = [v for v in items if v not in choices]
        if bad or not items:
            raise click.BadParameter(
                f"{', '.join(bad) or 'nothing'} is not one of {', '.join(choices)}", ctx, param
            )
        return items

    return parse


def workspace(ctx: click.Context, explicit: Path | None, hint: Path | None = None):
    """The workspace: ``-C DIR`` as given (after the command, else before it), else
    found above ``hint`` or the current folder."""
    from jdgen.load.workspace import Workspace

    explicit = workspace_dir(ctx, explicit)
    if explicit is not None:
        return Workspace(explicit.resolve())
    return Workspace.find(hint)

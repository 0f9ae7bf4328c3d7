"""The ``jdgen`` command line: options, help texts and exit codes, nothing more.

Each command parses its options and calls a plain function (``build.build``,
``lint.run``...) that tests can call directly.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from jdgen import __version__
from jdgen.console import (
    QUIET,
    VERBOSE,
    Shared,
    colour_option,
    use_colour,
    verbosity,
    verbosity_options,
    workspace_option,
)
from jdgen.console import comma_list as _comma_list
from jdgen.console import workspace as _workspace
from jdgen.console import workspace_dir as _given_workspace
from jdgen.errors import ExitCode, JdgenError
from jdgen.importer.command import import_command

QUIET_HELP = "Print only what the command makes, or its errors."
VERBOSE_HELP = "Say more about what the command does."


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="jdgen")
@workspace_option
@verbosity_options(QUIET_HELP, VERBOSE_HELP)
@colour_option
@click.option("--debug", is_flag=True, help="Show Python tracebacks (for jdgen developers).")
@click.pass_context
def main(
    ctx: click.Context,
    workspace_dir: Path | None,
    quiet: bool,
    verbose: bool,
    colour: bool | None,
    debug: bool,
) -> None:
    """Turn role files (YAML) into job postings and hiring plans, and lint them.

    \b
    Start with:
      jdgen init DIR       create a workspace with an example role
      jdgen build          render every role under roles/ into output/
      jdgen lint roles/    check role files, as CI does

    -C, -q, -v and --color work before the command (jdgen -C hiring lint) and after it.
    Shell completion: eval "$(_JDGEN_COMPLETE=bash_source jdgen)" (zsh_source, fish_source).
    """
    ctx.obj = Shared(workspace_dir, quiet, verbose, colour, debug)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Output folder (default: output/).",
)
@click.option(
    "-f",
    "--format",
    "formats",
    callback=_comma_list(("md", "html", "pdf", "json")),
    help="Comma-separated formats to write: md, html, pdf, json (default: all four).",
)
@click.option(
    "--page-size",
    type=click.Choice(["a4", "letter"], case_sensitive=False),
    help="PDF page size (default: a4, or build.page_size in the config).",
)
@click.option(
    "-l",
    "--locale",
    "locales",
    help="Comma-separated locales to write, such as en,es,ca (default: build.locales in the "
    "config, else the language the role files are written in).",
)
@workspace_option
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Roles to render at once, each in its own process (default: one per CPU core).",
)
@click.option("--force", is_flag=True, help="Build every role, even those that have not changed.")
@click.option(
    "--draft",
    is_flag=True,
    help="Build roles with lint errors too: every page says it is a draft, and no "
    "JobPosting data is written for them.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=120,
    show_default=True,
    help="Seconds one role may take to render before it fails.",
)
@click.option(
    "--full", is_flag=True, help="Put every role in the review pack in full, approved ones too."
)
@click.option("--with-plans", is_flag=True, help="Put the hiring plans in the review pack.")
@verbosity_options(
    "Show only errors and warnings.", "Say what was built, and why, and what was skipped."
)
@colour_option
@click.pass_context
def build(
    ctx: click.Context,
    paths: tuple[Path, ...],
    out: Path | None,
    formats: tuple[str, ...] | None,
    page_size: str | None,
    locales: str | None,
    workspace_dir: Path | None,
    jobs: int | None,
    force: bool,
    draft: bool,
    time_limit: float,
    full: bool,
    with_plans: bool,
    quiet: bool,
    verbose: bool,
    colour: bool | None,
) -> None:
    """Render postings for the roles in PATHS (files or folders; default: roles/).

    Each role is written to OUT/<role-id>/posting.md, posting.html, posting.pdf and
    posting.json (its JobPosting data), with hiring-plan.* beside them when the role
    has a hiring section; other locales are written as posting.es.md and so on
    (a role without a translation into a locale gets no posting there, unless
    build.untranslated says otherwise). A build of every role also writes the review
    pack, OUT/index.html and OUT/review.pdf (new and changed roles in full; see
    --full). Every role is checked as jdgen lint checks it first: a role with lint
    errors is not written (see --draft). Unchanged roles are skipped (see --force).
    Exit code 0 means everything was built, 1 that a role failed or was refused, or
    a requested output could not be written, 2 a usage or config error, 130 that the
    build was interrupted.
    """
    from jdgen.build.options import build_options
    from jdgen.build.progress import BuildConsole
    from jdgen.build.runner import build as run_build
    from jdgen.lint.check import read_settings
    from jdgen.lint.report import text_lines
    from jdgen.load.config import cli_locales

    level = verbosity(ctx, quiet, verbose)
    ws = _workspace(ctx, workspace_dir, paths[0] if paths else None)
    chosen = [c.strip() for c in locales.split(",") if c.strip()] if locales else None
    settings = read_settings(ws, rules=False)
    options = replace(
        build_options(
            settings.config,
            ws.root,
            out,
            formats,
            page_size,
            cli_locales(chosen) if chosen else None,
        ),
        jobs=jobs,
        force=force,
        draft=draft,
        time_limit=time_limit,
        full=full,
        with_plans=with_plans,
    )
    colour = use_colour(ctx, colour, sys.stderr)
    console = BuildConsole(
        level, show=lambda p: text_lines([p], ws.root, colour=colour)[0], colour=colour
    )
    try:
        report = run_build(
            ws, list(paths) or None, options, on_outcome=console.on_outcome, on_plan=console.on_plan
        )
    finally:
        console.close()
    console.finish(report)
    ctx.exit(report.exit_code)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["auto", "text", "json", "github", "sarif", "gitlab"]),
    default="auto",
    show_default=True,
    help="Output format. 'auto' is 'github' when GITHUB_ACTIONS=true, else 'text'; "
    "'gitlab' is a GitLab Code Quality report.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, not only errors.")
@click.option(
    "--level",
    "min_level",
    type=click.Choice(["info", "warning", "error"]),
    default="warning",
    show_default=True,
    help="Show problems at this level and above; 'info' adds notes such as each gender-coded word.",
)
@click.option(
    "-l",
    "--locale",
    "locales",
    help="Comma-separated locales to check besides those build.locales lists, as "
    "jdgen build --locale writes them (such as en,fr).",
)
@click.option("--publish-in", help="For postings: where published, such as EU-ES,US-CO.")
@workspace_option
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Processes to check roles in (default: one per 50 roles, up to one per CPU core).",
)
@verbosity_options(
    "Print only the problems, without the summary line.",
    "Also say which workspace was checked, and each role file's own problems.",
)
@colour_option
@click.pass_context
def lint(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str,
    strict: bool,
    min_level: str,
    locales: str | None,
    publish_in: str | None,
    workspace_dir: Path | None,
    jobs: int | None,
    quiet: bool,
    verbose: bool,
    colour: bool | None,
) -> None:
    """Check role files in PATHS (default: roles/), or postings (.md .txt .html .docx -).

    Problems print as path:line:col: level [rule] message (suggestion), the path as
    you can open it from here. The other formats name files from the root of the git
    repository the workspace is in (else from here), as GitHub and GitLab expect.
    Files of several workspaces may be given at once (as pre-commit does). Exit code
    0 means no errors, 1 that there were errors (or warnings, with --strict), 2 a
    usage or config error or a file that is not readable YAML. Silence a rule on one
    line with a comment: # jdgen: disable=rule-id
    """
    from jdgen.lint.report import LintRequest, run_lint
    from jdgen.load.config import cli_locales

    chosen = [c.strip() for c in (locales or "").split(",") if c.strip()]
    explicit = _given_workspace(ctx, workspace_dir)
    request = LintRequest(
        paths=list(paths),
        workspace=explicit.resolve() if explicit else None,
        fmt=fmt,
        strict=strict,
        min_level=min_level,
        locales=cli_locales(chosen),
        jobs=jobs,
        verbosity=verbosity(ctx, quiet, verbose),
        colour=use_colour(ctx, colour),
        colour_err=use_colour(ctx, colour, sys.stderr),
        publish_in=tuple(k.strip() for k in (publish_in or "").split(",") if k.strip()),
    )
    ctx.exit(run_lint(request))


@main.command()
@click.argument("role_id", metavar="ROLE-ID")
@click.option(
    "--from",
    "source",
    metavar="ROLE",
    help="The role to copy (its id or file). Default: jdgen's example role.",
)
@workspace_option
@verbosity_options("Print nothing but errors.", "Also say which role it was copied from.")
@click.pass_context
def new(
    ctx: click.Context,
    role_id: str,
    source: str | None,
    workspace_dir: Path | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Start roles/ROLE-ID.yaml as a copy of another role, title and level left blank.

    It never overwrites a file. Fill in the title and level, then run jdgen lint.
    """
    from jdgen.scaffold import new_role

    level = verbosity(ctx, quiet, verbose)
    ws = _workspace(ctx, workspace_dir)
    path = new_role(ws, role_id, source)
    if level == VERBOSE:
        click.echo(f"Copied {source or 'the example role'} into {ws.root}")
    if level > QUIET:
        click.echo(f"Wrote {ws.display(path)}: fill in its title and level, then run: jdgen lint")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path), required=False)
@verbosity_options("Print nothing but errors.", "Also list every file written.")
@click.pass_context
def init(ctx: click.Context, folder: Path | None, quiet: bool, verbose: bool) -> None:
    """Create a workspace in FOLDER (default: here): company file, example role, config.

    \b
    It writes .jdgen.yaml, .gitignore, roles/_company.yaml, roles/account-manager.yaml,
    templates/README.md, schema/role.schema.json and a pre-commit config that lints
    the role files on each commit (at the root of the git repository FOLDER is in,
    where pre-commit reads it), and never overwrites a file.
    """
    from jdgen.scaffold import init_workspace

    folder = folder or _given_workspace(ctx, None) or Path(".")
    done = init_workspace(folder)
    for line, err in done.messages(folder, verbosity(ctx, quiet, verbose)):
        click.echo(line, err=err)


main.add_command(import_command)
# Commands kept in modules of their own (E402: registered after main is defined).
from jdgen.cli_info import rules, schema  # noqa: E402
from jdgen.cli_signoff import approve, status  # noqa: E402

for _command in (rules, schema, approve, status):
    main.add_command(_command)


def run() -> None:
    """Entry point with the last line of defence: no traceback unless ``--debug``."""
    from jdgen import runtime

    debug = "--debug" in sys.argv[1:]
    runtime.setup()
    try:
        code = main.main(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else ExitCode.OK)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("Interrupted.", err=True)
        sys.exit(ExitCode.INTERRUPTED)
    except Exception as exc:  # a bug in jdgen, not bad input
        if debug:
            raise
        click.echo(
            f"jdgen: internal error: {type(exc).__name__}: {exc} "
            "(run with --debug for the traceback)",
            err=True,
        )
        sys.exit(ExitCode.FAILED)


__all__ = ["JdgenError", "main", "run"]

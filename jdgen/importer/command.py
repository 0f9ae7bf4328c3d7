"""``jdgen import SOURCE...``: write ``roles/<id>.yaml`` from each posting given.

Each file is written atomically (:func:`jdgen.build.output.write_atomic`), and only
when the role file does not exist yet (``--force`` overwrites). A source that cannot
be read gets a one-line ``path:line:col: error: ...`` and writes nothing; the others
are still imported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import click

from jdgen.console import QUIET, Shared, verbosity, verbosity_options, workspace_option
from jdgen.console import workspace as _workspace
from jdgen.errors import ConfigError, ExitCode, ProblemsError, UnreadableFileError
from jdgen.importer import KINDS, Draft, kind_of, read_bytes, read_posting, sniff


@dataclass
class Imported:
    """One role file written: where, from what, and what the user should check."""

    path: Path
    source: str
    draft: Draft
    notes: list[str] = field(default_factory=list)


def kind_for(source: str, raw: bytes, given: str | None) -> str:
    if given:
        return given
    if source == "-":
        return sniff(raw)
    kind = kind_of(Path(source))
    if kind is None:
        known = ", ".join(sorted(KINDS))
        raise UnreadableFileError.at(
            source, 1, 1, f"unknown kind of posting (use --format, or one of {known})"
        )
    return kind


def import_one(workspace, source: str, kind: str | None, role_id: str | None, force: bool):
    """Read one source and write its role file; the :class:`Imported` written."""
    from jdgen.build.output import write_atomic
    from jdgen.importer.yamlout import role_yaml
    from jdgen.model import ROLE_ID
    from jdgen.model.base import slug

    raw, display = read_bytes(source)
    draft = read_posting(raw, display, kind_for(source, raw, kind))
    role_id = role_id or slug(draft.data["title"], max_words=8)
    if not ROLE_ID.match(role_id) or role_id.startswith("_"):
        raise ConfigError(
            f"--id: {role_id!r} is not a role id (lowercase letters, digits, hyphens)"
        )
    target = workspace.roles_dir / f"{role_id}.yaml"
    shown = workspace.display(target)
    if workspace.store.exists(target) and not force:
        raise ConfigError(
            f"{shown} already exists: choose another id with --id, or overwrite it with --force"
        )
    schema = workspace.root / "schema" / "role.schema.json"
    header = (
        ["yaml-language-server: $schema=../schema/role.schema.json"] if schema.is_file() else []
    )
    name = "standard input" if source == "-" else Path(source).name
    header += [
        f"Imported by jdgen import from {name} on {dt.date.today().isoformat()}.",
        "Check every value, those marked 'guessed' first. Then run: jdgen lint " + shown,
    ]
    workspace.roles_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(target, role_yaml(draft, header))
    return Imported(target, display, draft, draft.posting.notes)


def summary(workspace, done: Imported, default_locale: str) -> list[str]:
    """What the user reads after an import: the file, the guesses, the leftovers, next."""
    from jdgen.load.source import dotted

    shown = workspace.display(done.path)
    lines = [f"Wrote {shown} from {done.source}" + (f" ({done.notes[0]})" if done.notes else "")]
    if done.draft.guesses:
        guessed = ", ".join(f"{dotted(p)} ({g})" for p, g in done.draft.guesses.items())
        lines.append(f"  guessed: {guessed}")
    if done.draft.leftovers:
        n = len(done.draft.leftovers)
        lines.append(f"  left over: {n} piece{'s' if n != 1 else ''} of text, in a comment "
                     "at the end of the file")  # fmt: skip
    if done.draft.language != default_locale.split("_")[0]:
        lines.append(f"  language: the posting reads as {done.draft.language!r}, the workspace's "
                     f"default language is {default_locale!r}")  # fmt: skip
    lines.append(f"  next: jdgen lint {shown}")
    return lines


@click.command("import")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("--id", "role_id", help="The role id (file name); default: from the title.")
@click.option(
    "-f",
    "--format",
    "kind",
    type=click.Choice(sorted(set(KINDS.values()))),
    help="What a SOURCE is (needed for - only if jdgen cannot tell): md, txt, html, json, docx.",
)
@click.option("--force", is_flag=True, help="Overwrite a role file that exists.")
@workspace_option
@verbosity_options("Print only errors.", "Also print each file's notes.")
@click.pass_context
def import_command(
    ctx: click.Context,
    sources: tuple[str, ...],
    role_id: str | None,
    kind: str | None,
    force: bool,
    workspace_dir: Path | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Write roles/<id>.yaml from each posting: a saved job page (.html), JobPosting
    data (.json, .jsonld), Markdown or text (.md, .txt), a Word document (.docx), or
    - for standard input.

    What was guessed carries a comment, what could not be placed is kept in a comment
    at the end of the file. It never overwrites a file without --force.
    """
    from jdgen.load.config import read_config

    if role_id and len(sources) > 1:
        raise ConfigError("--id names one role: give one SOURCE with it")
    level = verbosity(ctx, quiet, verbose)
    ws = _workspace(ctx, workspace_dir)
    default = read_config(ws.root, ws.store).default_locale
    failed = False
    for source in sources:
        try:
            done = import_one(ws, source, kind, role_id, force)
        except ProblemsError as exc:
            failed = True
            click.echo(exc.format_message(), err=True)
            continue
        except ConfigError as exc:
            failed = True
            exc.show()
            continue
        if level > QUIET:
            click.echo("\n".join(summary(ws, done, default)))
    ctx.exit(ExitCode.FAILED if failed else ExitCode.OK)


__all__ = ["Shared", "import_command"]

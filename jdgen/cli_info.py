"""The commands that print jdgen's reference: ``jdgen rules`` and ``jdgen schema``."""

from __future__ import annotations

import click

from jdgen.console import QUIET, VERBOSE, verbosity, verbosity_options


@click.command()
@click.option(
    "--markdown", is_flag=True, help="Print the full reference as Markdown (docs/rules.md)."
)
@verbosity_options("Print the ids only.", "Also print each rule's options.")
@click.pass_context
def rules(ctx: click.Context, markdown: bool, quiet: bool, verbose: bool) -> None:
    """List the lint rules: id, default level and what each checks."""
    from jdgen.lint.reference import rules_markdown, rules_table
    from jdgen.lint.registry import RULES

    level = verbosity(ctx, quiet, verbose)
    if markdown:
        click.echo(rules_markdown(RULES), nl=False)
    elif level == QUIET:
        click.echo("\n".join(RULES))
    else:
        click.echo(rules_table(RULES, options=level == VERBOSE))


@click.command()
@verbosity_options("As without it: the schema is all it prints.", "Also say where to save it.")
@click.pass_context
def schema(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Print the JSON Schema of a role file, for editors.

    \b
    Save it and point your role files at it, as jdgen init does:
      jdgen schema > schema/role.schema.json
      # yaml-language-server: $schema=../schema/role.schema.json
    """
    from jdgen.scaffold import schema_text

    if verbosity(ctx, quiet, verbose) == VERBOSE:
        click.echo("Save it as schema/role.schema.json (jdgen init does).", err=True)
    click.echo(schema_text(), nl=False)

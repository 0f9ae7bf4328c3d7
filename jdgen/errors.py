"""The exceptions jdgen raises for things a user can fix, and the exit codes.

Every error a user can cause derives from :class:`JdgenError`, a
:class:`click.ClickException`, so the command line prints a message and never a
traceback. Errors about places in files carry their :class:`~jdgen.diagnostics.Problem`
objects (:class:`ProblemsError`), which print as ``path:line:col: error ...``, the
format compilers and linters use, so editors and CI can jump to the line.
"""

from __future__ import annotations

from dataclasses import replace
from enum import IntEnum

import click

from jdgen.diagnostics import Problem, error


class ExitCode(IntEnum):
    """Process exit codes shared by every command."""

    OK = 0
    FAILED = 1  # a role failed to build, or lint found problems
    USAGE = 2  # bad options, bad config, unreadable input
    INTERRUPTED = 130  # Ctrl-C


class JdgenError(click.ClickException):
    """Root of every error jdgen reports to a user."""

    exit_code = ExitCode.FAILED

    def format_message(self) -> str:
        return f"error: {self.message}"

    def show(self, file=None) -> None:
        click.echo(self.format_message(), file=file, err=True)


class ConfigError(JdgenError):
    """A command line that cannot be used, or a workspace that cannot be found."""

    exit_code = ExitCode.USAGE


class ProblemsError(JdgenError):
    """Problems at places in files, reported together so they can be fixed in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        assert problems, "a ProblemsError needs at least one problem"
        super().__init__(problems[0].message)
        self.problems = list(problems)

    @classmethod
    def at(
        cls,
        path: str,
        line: int | None,
        column: int | None,
        message: str,
        suggestion: str | None = None,
    ):
        """One problem at ``path:line:col``."""
        return cls([error(path, line, column, message, cls.rule, suggestion)])

    rule: str | None = None

    def format_message(self) -> str:
        return "\n".join(p.format() for p in self.problems)


class RoleFileError(ProblemsError):
    """A role, base, company or translation file that cannot be read or does not validate.

    Its problems belong to the ``schema`` lint rule: whatever stops a role from
    loading is what ``jdgen lint`` reports under that rule.
    """

    rule = "schema"


class UnreadableFileError(RoleFileError):
    """A file that is not readable YAML at all: missing, bad encoding, bad syntax, hostile."""


class ConfigFileError(ProblemsError, ConfigError):
    """A positioned problem in the workspace's configuration or in a data file every role
    shares (``_questions.yaml``, ``_jurisdictions.yaml``): no role can be checked."""

    exit_code = ExitCode.USAGE

    def __init__(self, problems: list[Problem]) -> None:
        # No lint rule finds these: they stop lint itself.
        super().__init__([replace(p, rule=None) for p in problems])


class PdfUnavailableError(JdgenError):
    """WeasyPrint or the system libraries it needs cannot be loaded."""


class RenderError(JdgenError):
    """Rendering failed for a reason that has no place in a file (a missing part of the
    review pack, say)."""


class RenderProblem(ProblemsError):
    """A template failed at a line, or an output file could not be written."""

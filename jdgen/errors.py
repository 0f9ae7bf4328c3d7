"""The exceptions jdgen raises for things a user can fix.

Every error a user can cause derives from :class:`JdgenError`, a
:class:`click.ClickException`, so the CLI prints a one-line message and never a
traceback. Errors about a place in a file render as ``path:line:col: error: ...``,
the format compilers and linters use, so editors and CI can jump to the line.
"""

from __future__ import annotations

from enum import IntEnum

import click


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
    """The workspace configuration or command line is unusable."""

    exit_code = ExitCode.USAGE


class SourceError(JdgenError):
    """A problem at a place in an input file: ``path:line:col: error: message``.

    ``line`` and ``column`` are 1-based; either may be ``None`` when no position
    exists (an unreadable file, say).
    """

    def __init__(self, path: str, line: int | None, column: int | None, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.column = column

    def format_message(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: error: {self.message}"


class RoleFileError(SourceError):
    """A role, base or company file that cannot be read or does not validate.

    A file can have several problems at once (three bad keys, say); they travel
    together in ``errors`` so the user can fix them in one pass.
    """

    def __init__(
        self,
        path: str,
        line: int | None,
        column: int | None,
        message: str,
        *,
        more: list[SourceError] | None = None,
    ) -> None:
        super().__init__(path, line, column, message)
        self.errors: list[SourceError] = [SourceError(path, line, column, message), *(more or [])]

    @classmethod
    def collect(cls, errors: list[SourceError]) -> RoleFileError:
        """Bundle several positioned errors, first one first."""
        first, *rest = errors
        return cls(first.path, first.line, first.column, first.message, more=rest)

    def format_message(self) -> str:
        return "\n".join(SourceError.format_message(e) for e in self.errors)


class UnreadableFileError(RoleFileError):
    """A file that is not readable YAML at all: bad encoding, bad syntax, hostile content."""


class ConfigFileError(RoleFileError):
    """A positioned problem in a file every role shares (company file, config)."""

    exit_code = ExitCode.USAGE


class PdfUnavailableError(JdgenError):
    """WeasyPrint or the system libraries it needs cannot be loaded."""


class RenderError(JdgenError):
    """A template failed to render, or a render took too long."""

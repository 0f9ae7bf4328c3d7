"""What a build reports: each role's :class:`RoleOutcome`, and the :class:`BuildReport`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdgen.diagnostics import Level, Problem
from jdgen.errors import ExitCode
from jdgen.lint.facts import RoleFacts

if TYPE_CHECKING:
    from jdgen.build.options import BuildOptions
    from jdgen.load.workspace import Workspace


@dataclass
class RoleOutcome:
    """What happened to one role: the files written, or the problems that stopped it.

    ``errors`` are what stopped it: the lint errors of a role the build refused (the
    lines ``jdgen lint`` prints), or a problem while rendering or writing it.
    ``problems`` are every problem lint found in the role (warnings included), for
    the review pack.
    """

    role_id: str
    display: str
    written: list[Path] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    shared: list[Problem] = field(default_factory=list)  # those the workspace-wide rules found
    skipped: bool = False  # up to date: nothing was written
    refused: bool = False  # not written: lint found errors
    reason: str | None = None  # why it was built ("new", "roles/_base.yaml changed"...)
    inputs: dict[str, str | None] = field(default_factory=dict)  # file read: its digest
    today: str | None = None  # the build day, when the posting shows it as its date
    summary: dict[str, Any] = field(default_factory=dict)  # for the workspace documents
    facts: RoleFacts | None = None
    locales: dict[str, str] = field(default_factory=dict)  # how it is published, by locale
    draft: int = 0  # built as a draft with this many lint errors
    record: bool = False  # problems, facts and locales still packed in ``summary``

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def messages(self) -> list[str]:
        """The errors as the command line prints them."""
        return [p.format() for p in self.errors]

    @property
    def not_written(self) -> list[str]:
        """Locales the build was asked for that the role has no translation into."""
        return [locale for locale, how in self.locales.items() if how == "skipped"]


@dataclass
class BuildReport:
    """The result of a build, for the summary line and the exit code."""

    outcomes: list[RoleOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # warnings that do not fail the build
    # Errors that are no role's: a shared file named that no role uses and that does not
    # read, a workspace template that fails.
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    workspace_written: list[Path] = field(default_factory=list)
    interrupted: bool = False
    not_built: int = 0  # roles left undone when the build was interrupted
    removed: list[str] = field(default_factory=list)  # files no longer made, deleted
    kept: list[str] = field(default_factory=list)  # ... left, as changed since written
    approvals: dict[str, list[str]] = field(default_factory=dict)  # state: role ids

    @property
    def failed(self) -> list[RoleOutcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def built(self) -> list[RoleOutcome]:
        return [o for o in self.outcomes if o.ok and not o.skipped]

    @property
    def skipped(self) -> list[RoleOutcome]:
        return [o for o in self.outcomes if o.skipped and o.ok]

    @property
    def drafts(self) -> list[RoleOutcome]:
        return [o for o in self.outcomes if o.ok and o.draft]

    @property
    def untranslated(self) -> dict[str, list[str]]:
        """Roles that got no posting in some locale for want of a translation."""
        return {o.role_id: o.not_written for o in self.outcomes if o.ok and o.not_written}

    @property
    def files(self) -> int:
        """How many files were written."""
        return sum(len(o.written) for o in self.outcomes) + len(self.workspace_written)

    def errors(self) -> list[Problem]:
        """Every error the build met, each once: those that stopped a role, in the order
        roles came, then the others."""
        seen: set[tuple] = set()
        out = []
        for outcome in [*self.outcomes, RoleOutcome("", "", errors=self.problems)]:
            for problem in outcome.errors:
                if problem.key() not in seen and problem.level == Level.ERROR:
                    seen.add(problem.key())
                    out.append(problem)
        return out

    @property
    def exit_code(self) -> ExitCode:
        if self.interrupted:
            return ExitCode.INTERRUPTED
        failed = self.failed or self.warnings or self.problems
        return ExitCode.FAILED if failed else ExitCode.OK


@dataclass(frozen=True)
class RoleRecord:
    """A role as the workspace documents see it: built now or earlier, or not built
    now (``failed``, with the ``problems`` that stopped it)."""

    role_id: str
    source: str
    files: tuple[str, ...]  # its output files, relative to the output folder
    summary: dict[str, Any]
    problems: tuple[Problem, ...] = ()  # lint's warnings and errors, or what stopped it
    failed: bool = False
    facts: RoleFacts | None = None
    locales: tuple[tuple[str, str], ...] = ()  # how it is published, by locale

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level == Level.ERROR) if self.failed else ()


@dataclass(frozen=True)
class WorkspaceDocument:
    """A file about every role (an index, a review pack), written after the roles.

    ``render(workspace, roles, options)`` returns ``{file name: content}``, with
    names relative to the output folder. It is called only when a role was built,
    failed or went away since the last build (or the document's files are gone).
    """

    name: str
    render: Callable[[Workspace, list[RoleRecord], BuildOptions], dict[str, str | bytes]]

"""What a build reports: each role's :class:`RoleOutcome`, and the :class:`BuildReport`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jdgen.errors import ExitCode


@dataclass
class RoleOutcome:
    """What happened to one role: the files written, or the errors that stopped it."""

    role_id: str
    display: str
    written: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped: bool = False  # up to date: nothing was written
    reason: str | None = None  # why it was built ("new", "roles/_base.yaml changed"...)
    inputs: dict[str, str | None] = field(default_factory=dict)  # file read: its digest
    today: str | None = None  # the build day, when the posting shows it as its date
    summary: dict[str, Any] = field(default_factory=dict)  # for the workspace documents

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class BuildReport:
    """The result of a build, for the summary line and the exit code."""

    outcomes: list[RoleOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    workspace_written: list[Path] = field(default_factory=list)
    interrupted: bool = False
    not_built: int = 0  # roles left undone when the build was interrupted
    removed: list[str] = field(default_factory=list)  # files no longer made, deleted
    kept: list[str] = field(default_factory=list)  # ... left, as changed since written

    @property
    def failed(self) -> list[RoleOutcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def built(self) -> list[RoleOutcome]:
        return [o for o in self.outcomes if o.ok and not o.skipped]

    @property
    def skipped(self) -> list[RoleOutcome]:
        return [o for o in self.outcomes if o.skipped]

    @property
    def files(self) -> int:
        """How many files were written."""
        return sum(len(o.written) for o in self.outcomes) + len(self.workspace_written)

    @property
    def exit_code(self) -> ExitCode:
        if self.interrupted:
            return ExitCode.INTERRUPTED
        return ExitCode.FAILED if self.failed or self.warnings else ExitCode.OK

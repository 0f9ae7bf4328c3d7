"""A lint problem: a small immutable value, sorted by position."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Level(IntEnum):
    """How serious a problem is. Ordered, so ``max()`` and comparisons work."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Level:
        """``"warning"`` → :attr:`WARNING`; raises ``KeyError`` for an unknown name."""
        return cls[name.strip().upper()]

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Problem:
    """One thing lint found, at a place in a file."""

    path: str
    line: int
    column: int
    rule: str
    level: Level
    message: str
    suggestion: str | None = None

    def sort_key(self) -> tuple:
        """File, then position, then rule: the order problems are shown in."""
        return (self.path, self.line, self.column, self.rule, self.message)


@dataclass(frozen=True)
class Finding:
    """What a rule yields: a problem before the engine gives it a level.

    A rule may set ``level`` to *lower* a finding below the rule's configured
    level (an informational note inside a warning rule, say); it can never raise it.
    """

    file: str
    line: int
    column: int
    message: str
    suggestion: str | None = None
    level: Level | None = None

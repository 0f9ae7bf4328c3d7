"""Problems at places in files: what every stage reports, kept as objects until printed.

A :class:`Problem` is one thing wrong at one place: a YAML syntax error, an unknown
key, a lint finding, a template that fails, an output file that cannot be written.
Loading, lint and build all report ``Problem`` values, and only the command line
turns them into text, so the same problem reads the same wherever it is printed::

    roles/x.yaml:12:5: error [salary-band] salary.min (56000) is above salary.max (46000)
    templates/posting.html.j2:3: error: template error: division by zero

``rule`` names the lint rule that found it (``schema`` for a file that does not
load); problems no rule can find (a template error, a write error) have none.
"""

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
    """One problem at a place in a file. ``line`` and ``column`` are 1-based; ``column``
    is ``None`` where only the line is known (a template's). ``end_line`` and
    ``end_column``, where known, are the position just after the words the problem is
    about (SARIF's ``endLine`` and ``endColumn``)."""

    path: str
    line: int
    column: int | None
    rule: str | None
    level: Level
    message: str
    suggestion: str | None = None
    end_line: int | None = None
    end_column: int | None = None

    def sort_key(self) -> tuple:
        """File, then position, then rule and message: the order problems are shown in.
        The rest breaks ties, so that the order never depends on which worker found what."""
        return (
            self.path,
            self.line,
            self.column or 0,
            self.rule or "",
            self.message,
            self.end_line or 0,
            self.end_column or 0,
            int(self.level),
            self.suggestion or "",
        )

    def key(self) -> tuple:
        """What makes two problems the same one (reported once)."""
        return (self.path, self.line, self.column, self.rule, self.message)

    @property
    def where(self) -> str:
        """``path:line:col`` (or ``path:line``)."""
        where = f"{self.path}:{self.line}"
        return f"{where}:{self.column}" if self.column is not None else where

    def format(self) -> str:
        """``path:line:col: level [rule] message (suggestion)``; without a rule,
        ``path:line:col: level: message``, as compilers print it."""
        tag = f"{self.level} [{self.rule}]" if self.rule else f"{self.level}:"
        text = f"{self.where}: {tag} {self.message}"
        return f"{text} ({self.suggestion})" if self.suggestion else text


def error(
    path: str,
    line: int | None,
    column: int | None,
    message: str,
    rule: str | None = "schema",
    suggestion: str | None = None,
) -> Problem:
    """An error-level problem; a file-wide one (no line) is placed at its first line."""
    if line is None:
        line, column = 1, column or 1
    return Problem(path, line, column, rule, Level.ERROR, message, suggestion)


def unique(problems: list[Problem]) -> list[Problem]:
    """``problems`` sorted, each place and message once. Of two reports of one problem,
    the first in sorted order is kept, whichever was found first."""
    seen: dict[tuple, Problem] = {}
    for problem in sorted(problems, key=Problem.sort_key):
        seen.setdefault(problem.key(), problem)
    return list(seen.values())

"""What a rule yields: a :class:`Finding`, before the engine gives it its rule and level.

The engine turns findings into :class:`~jdgen.diagnostics.Problem` values, the
one kind of problem every stage of jdgen reports.
"""

from __future__ import annotations

from dataclasses import dataclass

from jdgen.diagnostics import Level

__all__ = ["Finding", "Level"]


@dataclass(frozen=True)
class Finding:
    """A problem a rule found, at a place in a file.

    A rule may set ``level`` to *lower* a finding below the rule's configured
    level (an informational note inside a warning rule, say); it can never raise it.
    """

    file: str
    line: int
    column: int
    message: str
    suggestion: str | None = None
    level: Level | None = None
    end_line: int | None = None
    end_column: int | None = None

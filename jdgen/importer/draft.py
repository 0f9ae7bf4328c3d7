"""A role being filled from a posting: :class:`Draft`.

Every value put in it keeps the mark of the text it came from (so that lint places
its findings in the posting), and may carry a note saying it was guessed (the YAML
writer turns it into a comment). What could not be placed is kept, in order, as
``leftovers``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jdgen.importer.blocks import Posting
from jdgen.load.source import Mark, Positions, YamlPath

# The order in which a role file shows its keys (as the shipped roles do).
ORDER = (
    "title", "level", "department", "reports_to", "summary", "duties", "requirements",
    "experience_years", "education", "certifications", "skills", "benefits", "salary",
    "employment_type", "location", "travel", "apply", "date_posted", "valid_through",
    "publish_in", "occupational_category",
)  # fmt: skip


@dataclass
class Draft:
    """Role data with a mark for each value, the guesses made and what was left over."""

    posting: Posting
    language: str = "en"
    data: dict[str, Any] = field(default_factory=dict)
    positions: Positions = field(default_factory=Positions)
    guesses: dict[YamlPath, str] = field(default_factory=dict)
    leftovers: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.positions.values[()] = Mark(self.posting.display, 1, 1, 0, 0)

    def has(self, *path: str) -> bool:
        node: Any = self.data
        for part in path:
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
        return True

    def put(
        self, path: YamlPath, value: Any, start: int, end: int, guess: str | None = None
    ) -> None:
        """Set the value at ``path`` (mappings on the way are made) unless it is set."""
        node = self.data
        for i, part in enumerate(path[:-1]):
            if part not in node:
                node[part] = {}
                self.positions.values.setdefault(path[: i + 1], self.posting.mark(start, end))
            node = node[part]
        if path[-1] in node:
            return
        node[path[-1]] = value
        self._mark(path, value, start, end)
        if guess:
            self.guesses[path] = guess

    def append(
        self, path: YamlPath, value: Any, start: int, end: int, guess: str | None = None
    ) -> None:
        """Add ``value`` to the list at ``path``."""
        node = self.data
        for i, part in enumerate(path[:-1]):
            node = node.setdefault(part, {})
            self.positions.values.setdefault(path[: i + 1], self.posting.mark(start, end))
        items = node.setdefault(path[-1], [])
        if not items:
            self.positions.values[path] = self.posting.mark(start, end)
        items.append(value)
        where = (*path, len(items) - 1)
        self._mark(where, value, start, end)
        if guess:
            self.guesses[where] = guess

    def _mark(self, path: YamlPath, value: Any, start: int, end: int) -> None:
        mark = self.posting.mark(start, end)
        self.positions.values[path] = mark
        self.positions.keys[path] = mark
        if isinstance(value, dict):
            for key, inner in value.items():
                self._mark((*path, key), inner, start, end)

    def leave(self, text: str) -> None:
        """Keep text that has no place in the role."""
        if text.strip():
            self.leftovers.append(text.strip())

    def ordered(self) -> dict[str, Any]:
        """The data, keys in a role file's usual order."""
        rank = {key: i for i, key in enumerate(ORDER)}
        return dict(sorted(self.data.items(), key=lambda kv: rank.get(kv[0], len(rank))))

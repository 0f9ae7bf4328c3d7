"""What a lint rule may look at besides the role in hand: :class:`LintContext`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from jdgen.diagnostics import Level
from jdgen.lint.config import LintConfig
from jdgen.lint.problem import Finding
from jdgen.lint.text import Locator, Segment, posting_segments
from jdgen.load.discover import locale_of
from jdgen.load.source import Mark, Positions
from jdgen.load.workspace import LoadedRole, Workspace

if TYPE_CHECKING:
    from jdgen.lint.facts import RoleFacts
    from jdgen.model import Company


@dataclass
class LintContext:
    """The workspace, the settings, and helpers to place findings.

    ``locales`` are the locales the workspace publishes (the default one first), and
    ``untranslated`` says, for each role being checked (by path), the published
    locales it has no translation for and what a build does there (``"skip"`` or
    ``"original"``), and ``versions`` its loaded versions by locale in the locales the
    workspace builds (:func:`~jdgen.lint.check.published`).
    """

    workspace: Workspace
    config: LintConfig
    today: dt.date = field(default_factory=dt.date.today)
    default_locale: str = "en"
    locales: tuple[str, ...] = ()
    untranslated: dict = field(default_factory=dict)
    versions: dict = field(default_factory=dict)
    rule_ids: frozenset[str] = frozenset()
    _segments: dict[tuple, list[Segment]] = field(default_factory=dict, repr=False)

    # -- the role's languages -------------------------------------------

    def language(self, role: LoadedRole) -> str:
        """The language of the role's version: ``en``, ``es``, ``ca``..."""
        return (role.locale or self.default_locale).split("_")[0]

    def language_at(self, mark: Mark | None, role: LoadedRole | None = None) -> str:
        """The language of the text at ``mark``: its file's (a translation's locale, or
        the language the role files are written in). Text is checked in the language
        it is written in, whichever version of the role it appears in."""
        if mark is None:
            return self.language(role) if role is not None else self.default_locale[:2]
        return locale_of(mark.file, self.default_locale).split("_")[0]

    def posting_name(self, role: LoadedRole) -> str:
        """ "the posting", or "the Spanish posting" when the workspace publishes several
        languages: findings that differ per locale say which one they are about."""
        if len(self.locales) <= 1:
            return "the posting"
        from jdgen.i18n import language_name

        return f"the {language_name(role.locale or self.default_locale)} posting"

    # -- what the role shows --------------------------------------------

    def company_of(self, role: LoadedRole) -> tuple[Company, Positions] | None:
        """The company file in the role's locale (the role loaded, so it loads)."""
        return self.workspace.company_in(role.locale)

    @property
    def company(self) -> tuple[Company, Positions] | None:
        return self.workspace.company_in(None)

    def segments(self, role: LoadedRole) -> list[Segment]:
        """The posting's text pieces, each with the mark of its YAML value and its language."""
        key = (role.path, role.locale)
        if key not in self._segments:
            self._segments[key] = posting_segments(role, self.company_of(role), self.default_locale)
        return self._segments[key]

    def title_segment(self, role: LoadedRole) -> Segment:
        return next(s for s in self.segments(role) if s.field == "title")

    # -- placing findings ------------------------------------------------

    @cached_property
    def locator(self) -> Locator:
        return Locator(self.workspace.store)

    def in_role(self, role: LoadedRole, *marks: Mark | None) -> Mark | None:
        """The first of ``marks`` in the role's own file, else the top of that file.

        A problem with the role as a whole (a missing section, a band below another
        role's) belongs in the role's file, not in a base file it inherits a value from.
        """
        for mark in marks:
            if mark is not None and mark.file == role.display:
                return mark
        return role.mark()

    def in_facts(self, facts: RoleFacts, *names: str) -> Mark | None:
        """:meth:`in_role` for a role known by its facts (a workspace-wide rule's)."""
        for name in names:
            mark = facts.mark(name)
            if mark is not None and mark.file == facts.display:
                return mark
        return facts.mark("")

    def own_key(self, role: LoadedRole, *path: str | int) -> Mark | None:
        """The key at ``path`` as the role's own file writes it, even as ``key: null``."""
        doc = self.workspace.store.get(role.path)
        return doc.positions.keys.get(path) if doc is not None else None

    def at(
        self,
        mark: Mark | None,
        message: str,
        suggestion: str | None = None,
        level: Level | None = None,
        fallback: LoadedRole | None = None,
    ) -> Finding:
        """A finding at ``mark`` (or at the top of the role's file when there is none)."""
        if mark is None:
            file = fallback.display if fallback else "?"
            return Finding(file, 1, 1, message, suggestion, level)
        end_line = end_column = None
        if mark.end > mark.start and self.workspace.store.text(mark.file) is not None:
            end_line, end_column = self.locator.position(mark.file, mark.end)
        return Finding(
            mark.file, mark.line, mark.column, message, suggestion, level, end_line, end_column
        )

    def in_text(
        self,
        segment: Segment,
        start: int,
        end: int,
        message: str,
        suggestion: str | None = None,
        level: Level | None = None,
    ) -> Finding:
        """A finding at the words ``segment.text[start:end]``, located in the YAML file."""
        file, line, column, end_line, end_column = self.locator.span(segment, start, end)
        return Finding(file, line, column, message, suggestion, level, end_line, end_column)

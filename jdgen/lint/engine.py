"""Run the registered rules over role files and collect their problems.

The engine loads each role (the ``schema`` rule reports files that do not load),
runs every enabled rule on it, runs the workspace-wide rules over all roles,
gives each finding its configured level, drops what comment suppressions
silence, and returns the problems sorted by position.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from babel import Locale

from jdgen.config import configured_locales, read_config
from jdgen.i18n import DEFAULT_LOCALE
from jdgen.jurisdictions import OVERRIDE_FILE as JURISDICTIONS_FILE
from jdgen.lint.config import LintConfig
from jdgen.lint.problem import Finding, Level, Problem
from jdgen.lint.suppress import Suppressions, suppressions
from jdgen.lint.text import Locator, Segment, posting_segments
from jdgen.model import Company
from jdgen.source import Mark, Positions
from jdgen.workspace import COMPANY_FILE, LoadedRole, Workspace


@dataclass
class LintContext:
    """What rules may look at besides the role in hand."""

    workspace: Workspace
    config: LintConfig
    roles: list[LoadedRole] = field(default_factory=list)
    today: dt.date = field(default_factory=dt.date.today)
    default_locale: str = DEFAULT_LOCALE
    _segments: dict[tuple[str, str | None], list[Segment]] = field(default_factory=dict, repr=False)

    @cached_property
    def company(self) -> tuple[Company, Positions] | None:
        return self.workspace.company

    def language(self, role: LoadedRole) -> str:
        """The language of the role's text: ``en``, ``es``, ``ca``..."""
        return Locale.parse(role.locale or self.default_locale).language

    @cached_property
    def locator(self) -> Locator:
        return Locator(self.workspace)

    def segments(self, role: LoadedRole) -> list[Segment]:
        """The posting's text pieces, each with the mark of its YAML value."""
        key = (role.id, role.locale)
        if key not in self._segments:
            company = self.workspace.company_in(role.locale)
            self._segments[key] = posting_segments(role, company)
        return self._segments[key]

    def in_role(self, role: LoadedRole, *marks: Mark | None) -> Mark | None:
        """The first of ``marks`` in the role's own file, else the top of that file.

        A problem with the role as a whole (a missing section, a band below another
        role's) belongs in the role's file, not in a base file it inherits a value from.
        """
        for mark in marks:
            if mark is not None and mark.file == role.display:
                return mark
        return role.mark()

    def own_key(self, role: LoadedRole, *path: str | int) -> Mark | None:
        """The key at ``path`` as the role's own file writes it, even as ``key: null``."""
        doc = self.workspace.documents.get(role.path)
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
        return Finding(mark.file, mark.line, mark.column, message, suggestion, level)

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
        file, line, column = self.locator.locate(segment, start, end)
        return Finding(file, line, column, message, suggestion, level)


@dataclass
class LintReport:
    """The problems found, and what was checked."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    unreadable: bool = False

    def count(self, level: Level) -> int:
        return sum(1 for p in self.problems if p.level == level)


def lint(
    workspace: Workspace,
    paths: list[Path] | None,
    config: LintConfig,
    *,
    today: dt.date | None = None,
) -> LintReport:
    """Lint the role files under ``paths`` (default: every role in the workspace)."""
    from jdgen.lint.registry import RULES
    from jdgen.lint.rules import schema

    # A broken shared file stops the run with its own message (exit 2), as in build,
    # rather than failing every role with it where lint would not report it.
    workspace.company  # noqa: B018
    if (workspace.roles_dir / JURISDICTIONS_FILE).is_file():
        workspace.jurisdictions  # noqa: B018
    explicit = paths or [workspace.roles_dir]
    targets = _expand(workspace, explicit, config)
    everyone = workspace.role_files() if workspace.roles_dir.is_dir() else []
    default_locale, locales = configured_locales(read_config(workspace.root))
    context = LintContext(workspace, config, today=today or dt.date.today())
    context.default_locale = default_locale
    report = LintReport(files=len(targets))
    findings: list[tuple[str, Finding]] = []

    loaded: dict[Path, LoadedRole] = {}
    target_set = set(targets)
    for path in dict.fromkeys([*targets, *everyone]):
        role, problems, unreadable = schema.load(workspace, path)
        if path in target_set:
            findings.extend((schema.ID, f) for f in problems)
            report.unreadable |= unreadable
        if role is not None:
            loaded[path] = role
    context.roles = list(loaded.values())
    mine = [loaded[p] for p in targets if p in loaded]
    _only_dependents(explicit, workspace, mine)
    translated: list[LoadedRole] = []
    for role in mine:
        for locale in locales:
            if locale != default_locale:
                found, problems, _ = schema.load(workspace, role.path, locale)
                findings.extend((schema.ID, f) for f in problems)
                translated += [found] if found is not None else []

    for rule_id, module in RULES.items():
        setting = config.rules[rule_id]
        if not setting.enabled or rule_id == schema.ID:
            continue
        if hasattr(module, "check"):
            # Rules about text also read each translation; the rest, the role as written.
            checked = [*mine, *translated] if getattr(module, "PER_LOCALE", False) else mine
            for role in checked:
                findings.extend((rule_id, f) for f in module.check(role, context, setting.options))
        if hasattr(module, "check_workspace"):
            findings.extend(
                (rule_id, f)
                for f in module.check_workspace(context.roles, context, setting.options)
            )

    reportable = {workspace.display(p) for p in targets} | {
        workspace.display(f) for role in [*mine, *translated] for f in role.files
    }
    report.problems = _problems(findings, config, workspace, reportable)
    return report


def _expand(workspace: Workspace, paths: list[Path], config: LintConfig) -> list[Path]:
    """Role files to lint. A base or company file stands for every role in the workspace."""
    plain = [p for p in paths if not (p.is_file() and p.name.startswith("_"))]
    shared = [p for p in paths if p.is_file() and p.name.startswith("_")]
    files = workspace.role_files(plain) if plain else []
    if shared:
        files = sorted({*files, *workspace.role_files()}, key=lambda p: (p.stem, str(p)))
    return [f for f in files if not _ignored(workspace.display(f), config.ignore)]


def _only_dependents(explicit: list[Path], workspace: Workspace, roles: list[LoadedRole]) -> None:
    """When only shared files were named, keep the roles that use them."""
    shared = {p.resolve() for p in explicit if p.is_file() and p.name.startswith("_")}
    if not shared or any(not (p.is_file() and p.name.startswith("_")) for p in explicit):
        return
    if any(p.name == COMPANY_FILE for p in shared):
        return  # every role uses the company file
    roles[:] = [r for r in roles if shared & set(r.files)]


def _ignored(display: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(display, pattern) for pattern in patterns)


def _problems(
    findings: list[tuple[str, Finding]],
    config: LintConfig,
    workspace: Workspace,
    reportable: set[str],
) -> list[Problem]:
    texts = {doc.display: doc.text for doc in workspace.documents.values()}
    silenced: dict[str, Suppressions] = {}
    out: set[Problem] = set()
    for rule_id, f in findings:
        if f.file not in reportable:
            continue
        if f.file not in silenced:
            silenced[f.file] = suppressions(texts.get(f.file, ""))
        if silenced[f.file].silences(rule_id, f.line):
            continue
        configured = config.rules[rule_id].level
        level = configured if f.level is None else min(f.level, configured)
        out.add(Problem(f.file, f.line, f.column, rule_id, level, f.message, f.suggestion))
    return sorted(out, key=Problem.sort_key)

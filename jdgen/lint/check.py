"""Run the registered rules over role files and collect their problems.

The engine loads each role (the ``schema`` rule reports files that do not load),
runs every enabled rule on it, runs the workspace-wide rules over all roles,
gives each finding its configured level, drops what comment suppressions
silence, and returns the problems sorted by position.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fnmatch
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from jdgen.errors import JdgenError
from jdgen.i18n import DEFAULT_LOCALE
from jdgen.jurisdictions import OVERRIDE_FILE as JURISDICTIONS_FILE
from jdgen.lint.config import LintConfig
from jdgen.lint.problem import Finding, Level, Problem
from jdgen.lint.suppress import Suppressions, suppressions
from jdgen.lint.text import Locator, Segment, posting_segments
from jdgen.load.config import configured_locales, read_config
from jdgen.load.source import Mark, Positions, read_text
from jdgen.load.workspace import COMPANY_FILE, LoadedRole, Workspace
from jdgen.model import Company


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
        return (role.locale or self.default_locale).split("_")[0]

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
    jobs: int | None = None,
) -> LintReport:
    """Lint the role files under ``paths`` (default: every role in the workspace).

    Roles are loaded and checked one by one, in ``jobs`` processes for a large
    workspace (see :mod:`jdgen.lint.parallel`); the workspace-wide rules then look
    at every role together.
    """
    # A broken shared file stops the run with its own message (exit 2), as in build,
    # rather than failing every role with it where lint would not report it.
    workspace.company  # noqa: B018
    if (workspace.roles_dir / JURISDICTIONS_FILE).is_file():
        workspace.jurisdictions  # noqa: B018
    explicit = paths or [workspace.roles_dir]
    everyone = workspace.role_files() if workspace.roles_dir.is_dir() else []
    targets = _expand(workspace, explicit, config, everyone)
    today = today or dt.date.today()
    default_locale, locales = configured_locales(read_config(workspace.root))
    report = LintReport(files=len(targets))
    order = list(dict.fromkeys([*targets, *everyone]))
    plan = CheckPlan(
        set(targets), _shared_only(explicit), config, today, default_locale, tuple(locales)
    )
    if _jobs(jobs, len(order)) > 1:
        from jdgen.lint.parallel import check_in_parallel

        checked = check_in_parallel(workspace, order, plan, _jobs(jobs, len(order)))
    else:
        checked = check_roles(workspace, order, plan)

    report.unreadable = any(result.unreadable for result in checked)
    report.problems = conclude(
        workspace,
        checked,
        config,
        {workspace.display(p) for p in targets},
        today=today,
        default_locale=default_locale,
    )
    return report


def conclude(
    workspace: Workspace,
    checked: list[Checked],
    config: LintConfig,
    reportable: set[str],
    *,
    today: dt.date,
    default_locale: str = DEFAULT_LOCALE,
) -> list[Problem]:
    """The problems of a lint: what the per-role rules found in ``checked``, and
    what the workspace-wide rules find looking at every role in it together.

    ``reportable`` names the files asked for; besides them, problems are kept in
    the files a checked role was read from (its bases, its translations).
    """
    from jdgen.lint.registry import RULES

    findings: list[tuple[str, Finding]] = []
    context = LintContext(workspace, config, today=today, default_locale=default_locale)
    for result in checked:
        findings.extend(result.findings)
        if result.role is not None:
            context.roles.append(result.role)
    for rule_id, module in RULES.items():
        setting = config.rules[rule_id]
        if setting.enabled and hasattr(module, "check_workspace"):
            found = [
                (rule_id, f)
                for f in module.check_workspace(context.roles, context, setting.options)
            ]
            findings.extend(_heard(found, _texts(workspace, {f.file for _, f in found})))
    reportable = reportable | {f for result in checked if result.mine for f in result.files}
    return _problems(findings, config, reportable)


MIN_ROLES_PER_JOB = 50  # below this, starting another process costs more than it saves


def _jobs(jobs: int | None, roles: int) -> int:
    if jobs is None:
        jobs = os.cpu_count() or 1
        return max(1, min(jobs, roles // MIN_ROLES_PER_JOB))
    return max(1, min(jobs, roles))


@dataclass(frozen=True)
class CheckPlan:
    """What checking one role needs to know about the whole lint run."""

    targets: set[Path]  # the files asked for; the others are loaded for context only
    shared: frozenset[Path] | None  # when only bases were named: check roles using them
    config: LintConfig
    today: dt.date
    default_locale: str = DEFAULT_LOCALE  # the language the role files are written in
    locales: tuple[str, ...] = ()  # every locale published: each translation is checked too


@dataclass
class Checked:
    """One role file, checked: what the per-role rules found (not yet silenced by
    level or reportability), and the role for the workspace-wide rules."""

    path: Path
    findings: list[tuple[str, Finding]]
    unreadable: bool = False
    role: LoadedRole | None = None
    mine: bool = False  # checked by the per-role rules
    files: tuple[str, ...] = ()  # the files it was read from, as shown (translations too)
    translated: list[LoadedRole] = field(default_factory=list)  # the role in other locales


def check_roles(workspace: Workspace, paths: list[Path], plan: CheckPlan) -> list[Checked]:
    """Load each role and run the per-role rules on those asked for."""
    from jdgen.lint.registry import RULES
    from jdgen.lint.rules import schema

    checked = []
    for path in paths:
        role, problems, unreadable = schema.load(workspace, path)
        target = path in plan.targets
        mine = (
            target
            and role is not None
            and (plan.shared is None or bool(plan.shared & set(role.files)))
        )
        findings = [(schema.ID, f) for f in problems] if target else []
        translated: list[LoadedRole] = []
        for locale in plan.locales if mine else ():
            if locale != plan.default_locale:
                found, problems, _ = schema.load(workspace, path, locale)
                findings += [(schema.ID, f) for f in problems]
                translated += [found] if found is not None else []
        files = {f for r in [role, *translated] if r is not None for f in r.files}
        checked.append(
            Checked(
                path,
                findings,
                unreadable and target,
                role,
                mine,
                tuple(sorted(workspace.display(f) for f in files)),
                translated,
            )
        )
    context = LintContext(
        workspace,
        plan.config,
        [c.role for c in checked if c.role],
        plan.today,
        default_locale=plan.default_locale,
    )
    for result in checked:
        if not result.mine:
            continue
        for rule_id, module in RULES.items():
            setting = plan.config.rules[rule_id]
            if not setting.enabled or rule_id == schema.ID or not hasattr(module, "check"):
                continue
            # Rules about text also read each translation; the rest, the role as written.
            roles = [result.role]
            if getattr(module, "PER_LOCALE", False):
                roles += result.translated
            for role in roles:
                result.findings.extend(
                    (rule_id, f) for f in module.check(role, context, setting.options)
                )
    texts = _texts(workspace)
    for result in checked:
        result.findings = _heard(result.findings, texts)
    return checked


def light(result: Checked) -> Checked:
    """The result with only what the workspace-wide rules read of its role: the fields
    each lists in ``WORKSPACE_FIELDS``, with the positions of those fields and of their
    members (``salary.min``; deeper values are located at their nearest kept parent).

    What goes to another process (a parallel lint) or into the build's cache
    (:mod:`jdgen.lint.record`): sending whole roles back would cost as much as a
    quarter of checking them.
    """
    if result.role is None:
        return result
    from jdgen.lint.registry import RULES
    from jdgen.model import Role

    fields = {f for module in RULES.values() for f in getattr(module, "WORKSPACE_FIELDS", ())}
    role = Role.model_construct(**{f: getattr(result.role.role, f) for f in fields})
    positions = result.role.positions
    values = {p: m for p, m in positions.values.items() if not p or _kept(p, fields)}
    keys = {p: m for p, m in positions.keys.items() if p and _kept(p, fields)}
    small = replace(result.role, role=role, positions=Positions(values, keys))
    return replace(result, role=small, translated=[])


def _kept(path: tuple, fields: set[str]) -> bool:
    return len(path) <= 2 and path[0] in fields


def _expand(
    workspace: Workspace, paths: list[Path], config: LintConfig, everyone: list[Path]
) -> list[Path]:
    """Role files to lint. A base or company file stands for every role in the workspace
    (``everyone``, found already)."""
    plain = [p for p in paths if not (p.is_file() and p.name.startswith("_"))]
    shared = [p for p in paths if p.is_file() and p.name.startswith("_")]
    if plain == [workspace.roles_dir] and everyone:
        files = list(everyone)
    else:
        files = workspace.role_files(plain) if plain else []
    if shared:
        files = sorted({*files, *everyone}, key=lambda p: (p.stem, str(p)))
    return [f for f in files if not _ignored(workspace.display(f), config.ignore)]


def _shared_only(explicit: list[Path]) -> frozenset[Path] | None:
    """When only shared files were named, those files: lint the roles that use them."""
    shared = frozenset(p.resolve() for p in explicit if p.is_file() and p.name.startswith("_"))
    if not shared or any(not (p.is_file() and p.name.startswith("_")) for p in explicit):
        return None
    if any(p.name == COMPANY_FILE for p in shared):
        return None  # every role uses the company file
    return shared


def _ignored(display: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(display, pattern) for pattern in patterns)


def _texts(workspace: Workspace, also: set[str] = frozenset()) -> dict[str, str]:
    """The text of every file read so far, by the name findings use; and of the files
    ``also`` names, read now (roles loaded by another process, in a parallel lint)."""
    texts = {doc.display: doc.text for doc in workspace.documents.values()}
    for name in also - texts.keys():
        with contextlib.suppress(JdgenError):
            texts[name] = read_text(workspace.root / name, name)
    return texts


def _heard(findings: Iterable[tuple[str, Finding]], texts: dict[str, str]) -> list:
    """The findings that no ``# jdgen: disable`` comment silences."""
    silenced: dict[str, Suppressions] = {}
    out = []
    for rule_id, f in findings:
        if f.file not in silenced:
            silenced[f.file] = suppressions(texts.get(f.file, ""))
        if not silenced[f.file].silences(rule_id, f.line):
            out.append((rule_id, f))
    return out


def _problems(
    findings: list[tuple[str, Finding]], config: LintConfig, reportable: set[str]
) -> list[Problem]:
    out: set[Problem] = set()
    for rule_id, f in findings:
        if f.file not in reportable:
            continue
        configured = config.rules[rule_id].level
        level = configured if f.level is None else min(f.level, configured)
        out.add(Problem(f.file, f.line, f.column, rule_id, level, f.message, f.suggestion))
    return sorted(out, key=Problem.sort_key)

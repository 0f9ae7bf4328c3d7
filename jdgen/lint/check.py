"""The one path from role files to problems, which ``jdgen lint`` and ``jdgen build`` share.

::

    role file ──load──> LoadedRole, in each published locale ──rules──> problems ─┐
      (schema problems when it does not load)                                    ├─> RoleCheck
                        └──facts──> RoleFacts ──workspace rules──> problems ──────┘

:func:`check_role` loads one role in every locale the workspace publishes (its
translations laid over it, its ``extends`` chain and the company defaults merged
in), runs the per-role rules on it, and returns a :class:`RoleCheck`: every
problem at every level, each at its file, line and column (a base, the company
file or a translation included), each once. :func:`workspace_problems` runs the
rules that compare roles with each other over their :class:`RoleFacts`.

``jdgen lint`` prints the problems; ``jdgen build`` refuses to write a role with
an error among them. Both call these functions, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jdgen.diagnostics import Level, Problem, error, unique
from jdgen.errors import RoleFileError, UnreadableFileError
from jdgen.lint.config import LintConfig, lint_config
from jdgen.lint.context import LintContext
from jdgen.lint.facts import RoleFacts, facts_of
from jdgen.lint.problem import Finding
from jdgen.lint.suppress import Suppressions, suppressions
from jdgen.load.config import WorkspaceConfig, read_config
from jdgen.load.discover import translation_path

if TYPE_CHECKING:
    from jdgen.load.workspace import LoadedRole, Workspace

SCHEMA = "schema"
SOURCE, TRANSLATED, SKIPPED, ORIGINAL = "source", "translated", "skipped", "original"


class Settings:
    """The workspace's configuration, as lint and build both read it.

    The ``lint`` section is checked against the rules when first asked for (a rebuild
    with nothing to do runs no rule, and need not import them).
    """

    def __init__(self, config: WorkspaceConfig, lint: LintConfig | None = None) -> None:
        self.config = config
        self._lint = lint

    @property
    def lint(self) -> LintConfig:
        if self._lint is None:
            from jdgen.lint.registry import RULES

            self._lint = lint_config(self.config, RULES)
        return self._lint

    @property
    def default_locale(self) -> str:
        return self.config.default_locale

    @property
    def locales(self) -> tuple[str, ...]:
        return self.config.locales

    @property
    def untranslated(self) -> str:
        return self.config.build.untranslated


def read_settings(workspace: Workspace, *, rules: bool = True) -> Settings:
    """The workspace's configuration, checked whole (``rules=False``: all but the rule
    settings, checked when first used); a broken one raises
    :class:`~jdgen.errors.ConfigFileError` at its line."""
    settings = Settings(read_config(workspace.root, workspace.store))
    if rules:
        settings.lint  # noqa: B018 - checks the rule settings now
    return settings


@dataclass
class RoleCheck:
    """One role file, checked.

    ``locales`` says, for each locale checked, how the role is published there:
    ``source`` (the language it is written in), ``translated``, ``skipped`` (no
    translation) or ``original`` (no translation; the source language is published).
    ``versions`` are the loaded roles by locale, for the process that checked it.
    """

    path: Path
    role_id: str
    display: str
    problems: list[Problem]
    facts: RoleFacts | None = None
    locales: dict[str, str] = field(default_factory=dict)
    files: tuple[Path, ...] = ()  # real paths of every file read
    unreadable: bool = False
    versions: dict[str, LoadedRole] = field(default_factory=dict, repr=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == Level.ERROR]

    @property
    def loaded(self) -> bool:
        return self.facts is not None and not any(p.rule == SCHEMA for p in self.errors)

    def light(self) -> RoleCheck:
        """The check without its loaded roles: what crosses between processes."""
        return RoleCheck(
            self.path,
            self.role_id,
            self.display,
            self.problems,
            self.facts,
            self.locales,
            self.files,
            self.unreadable,
        )


def ignored(workspace: Workspace, path: Path, settings: Settings) -> bool:
    """Whether ``lint.ignore`` names the role file: then only whether it loads is checked."""
    shown = workspace.display(path)
    return any(fnmatch.fnmatch(shown, pattern) for pattern in settings.lint.ignore)


def check_role(
    workspace: Workspace,
    path: Path,
    settings: Settings,
    today: dt.date,
    *,
    locales: tuple[str, ...] | None = None,
    duplicates: Iterable[Path] = (),
) -> RoleCheck:
    """Load the role at ``path`` in every locale in ``locales`` (default: those the
    workspace publishes) and run the per-role rules on it.

    ``duplicates`` are the other role files with the same id, if any.
    """
    locales = locales or settings.locales
    default = settings.default_locale
    display = workspace.display(path)
    problems: list[Problem] = []
    others = [workspace.display(p) for p in duplicates]
    if others:
        problems.append(
            error(
                display,
                1,
                1,
                f"role id {path.stem!r} is used by more than one file "
                f"({', '.join(sorted([display, *others]))})",
                suggestion="rename one of them: the role id is the file name",
            )
        )
    try:
        original = workspace.load_role(path)
    except RoleFileError as exc:
        return RoleCheck(
            path,
            path.stem,
            display,
            unique(problems + exc.problems),
            unreadable=isinstance(exc, UnreadableFileError),
        )
    versions: dict[str, LoadedRole] = {default: original}
    plan: dict[str, str] = {}
    untranslated: dict[str, str] = {}
    for locale in locales:
        if locale == default:
            plan[locale] = SOURCE
        elif workspace.translated(original, locale):
            plan[locale] = TRANSLATED
            try:
                versions[locale] = workspace.load_role(path, locale, original)
            except RoleFileError as exc:
                problems.extend(exc.problems)
        else:
            plan[locale] = ORIGINAL if settings.untranslated == "original" else SKIPPED
            untranslated[locale] = plan[locale]
    files = tuple(dict.fromkeys(f for v in versions.values() for f in v.files))
    facts = facts_of(original, workspace.store, default)
    if not ignored(workspace, path, settings):
        context = _context(workspace, settings, today, locales)
        context.untranslated[path] = untranslated
        context.versions[path] = published(versions, settings)
        problems += _run_rules(context, settings.lint, original, list(versions.values())[1:])
    return RoleCheck(
        path, path.stem, display, unique(problems), facts, plan, files, versions=versions
    )


def published(versions: dict[str, LoadedRole], settings: Settings) -> dict[str, LoadedRole]:
    """The role's versions in the locales the workspace builds (``build.locales``), the
    role as written first: what HR approves, whatever else one build adds (--locale)."""
    return {loc: v for loc, v in versions.items() if loc in settings.locales}


def load_facts(workspace: Workspace, path: Path, settings: Settings) -> RoleFacts | None:
    """The facts of one role (``None`` when it does not load): what the workspace-wide
    rules need, without running the other rules."""
    try:
        loaded = workspace.load_role(path)
    except RoleFileError:
        return None
    return facts_of(loaded, workspace.store, settings.default_locale)


def workspace_problems(
    workspace: Workspace,
    facts: list[RoleFacts],
    settings: Settings,
    today: dt.date,
    *,
    skip: set[str] = frozenset(),
) -> dict[str, list[Problem]]:
    """What the rules that compare roles find, by role file (as shown). ``skip`` names
    role files that ``lint.ignore`` leaves alone."""
    from jdgen.lint.registry import RULES

    context = _context(workspace, settings, today, settings.locales)
    found: dict[str, list[tuple[str, Finding]]] = {}
    for rule_id, module in RULES.items():
        setting = settings.lint.rules[rule_id]
        if not (setting.enabled and hasattr(module, "check_workspace")):
            continue
        for display, finding in module.check_workspace(facts, context, setting.options):
            found.setdefault(display, []).append((rule_id, finding))
    texts = _Texts(workspace)
    return {
        display: unique(_problems(findings, settings.lint, texts))
        for display, findings in found.items()
        if display not in skip
    }


def translation_candidates(
    files: Iterable[Path], locales: Iterable[str], default: str
) -> list[Path]:
    """Every translation the files could have in ``locales``: adding one later changes
    the role, so a build records each as an input (missing ones as missing)."""
    from jdgen.load.discover import split_locale

    originals = [f for f in files if split_locale(f)[1] is None]
    others = sorted(set(locales) - {default})
    return [translation_path(f, locale) for f in originals for locale in others]


# -- running rules -----------------------------------------------------------------


def _context(
    workspace: Workspace, settings: Settings, today: dt.date, locales: tuple[str, ...]
) -> LintContext:
    from jdgen.lint.registry import RULES

    return LintContext(
        workspace,
        settings.lint,
        today,
        settings.default_locale,
        tuple(locales),
        rule_ids=frozenset(RULES),
    )


def _run_rules(
    context: LintContext,
    config: LintConfig,
    original: LoadedRole,
    translations: list[LoadedRole],
    skip: frozenset[str] = frozenset(),
) -> list[Problem]:
    """The per-role rules over the role as written and, for the rules about text
    (``PER_LOCALE``), over each translation; not those in ``skip``."""
    from jdgen.lint.registry import RULES

    findings: list[tuple[str, Finding]] = []
    for rule_id, module in RULES.items():
        setting = config.rules[rule_id]
        if not setting.enabled or rule_id in (SCHEMA, *skip) or not hasattr(module, "check"):
            continue
        roles = [original, *translations] if getattr(module, "PER_LOCALE", False) else [original]
        for role in roles:
            try:
                findings.extend((rule_id, f) for f in module.check(role, context, setting.options))
            except Exception as exc:  # a bug in a rule: say so at the role, and go on
                where = traceback.extract_tb(exc.__traceback__)[-1]
                findings.append(
                    (
                        rule_id,
                        Finding(
                            role.display,
                            1,
                            1,
                            f"internal error in jdgen's {rule_id!r} rule: "
                            f"{type(exc).__name__}: {exc} (at {Path(where.filename).name}:"
                            f"{where.lineno}); please report it",
                        ),
                    )
                )
    return _problems(findings, config, _Texts(context.workspace))


class _Texts:
    """The suppression comments of each file a finding is in, read once."""

    def __init__(self, workspace: Workspace) -> None:
        self.store = workspace.store
        self.found: dict[str, Suppressions] = {}

    def __call__(self, file: str) -> Suppressions:
        if file not in self.found:
            self.found[file] = suppressions(self.store.text_or_read(file))
        return self.found[file]


def _problems(
    findings: list[tuple[str, Finding]], config: LintConfig, silenced: _Texts
) -> list[Problem]:
    """Findings as problems: at their configured level (a rule may only lower it), and
    without those a ``# jdgen: disable`` comment silences."""
    out = []
    for rule_id, f in findings:
        if silenced(f.file).silences(rule_id, f.line):
            continue
        configured = config.rules[rule_id].level
        level = configured if f.level is None else min(f.level, configured)
        out.append(
            Problem(
                f.file,
                f.line,
                f.column,
                rule_id,
                level,
                f.message,
                f.suggestion,
                f.end_line,
                f.end_column,
            )
        )
    return out

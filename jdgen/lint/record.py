"""A role's lint result as a build keeps it: checked where the role is built.

The review pack's index shows each role's lint status. Rather than lint the
whole workspace again after a build, each role is checked by the per-role rules
in the process that builds it (:func:`check`), and the result goes into the
build's cache with the role (:func:`to_data`, compact JSON). The index then reads
every role's result back (:func:`from_data`) and runs only the workspace-wide
rules over them all (:func:`jdgen.lint.check.conclude`). A role that was not
rebuilt keeps the result it was built with, which holds because a role's lint
depends on nothing that would not also rebuild it (its files, the company file,
the config, the jurisdictions, jdgen itself, and the date when the role has none).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jdgen.build.cache import file_digest
from jdgen.lint.check import Checked, CheckPlan, _ignored, check_roles, light
from jdgen.lint.config import LintConfig, lint_config
from jdgen.lint.problem import Finding, Level
from jdgen.load.config import CONFIG_FILE, configured_locales, read_config
from jdgen.load.source import Mark, Positions
from jdgen.load.workspace import LoadedRole, Workspace

CONFIG_FILES = (CONFIG_FILE, "pyproject.toml")  # where read_config looks


@dataclass(frozen=True)
class Settings:
    """What a lint of this workspace is configured to do: its rules and its locales."""

    config: LintConfig
    default_locale: str
    locales: tuple[str, ...]


_settings: dict[tuple, Settings] = {}  # read once per process and config


def settings(workspace: Workspace) -> Settings:
    """The workspace's lint settings (raises ConfigError for a broken config).

    Kept while the config files' contents stay the same: a build's workers ask for
    every role, and a long-lived process (an editor's, the tests') sees them change.
    """
    key = (workspace.root, *(file_digest(workspace.root / name) for name in CONFIG_FILES))
    if key not in _settings:
        from jdgen.lint.registry import RULES

        config = read_config(workspace.root)
        default_locale, locales = configured_locales(config)
        _settings.clear()
        _settings[key] = Settings(lint_config(config, RULES), default_locale, locales)
    return _settings[key]


def check(workspace: Workspace, path: Path, today: dt.date) -> tuple[Checked, set[Path]]:
    """The role at ``path``, checked by the per-role rules as ``jdgen lint`` checks it
    (in every configured locale), light, with the findings the index shows (warnings
    and errors); and the files that were read."""
    return _check(workspace, path, today, settings(workspace))


def _check(
    workspace: Workspace, path: Path, today: dt.date, found: Settings
) -> tuple[Checked, set[Path]]:
    target = not _ignored(workspace.display(path), found.config.ignore)
    plan = CheckPlan(
        {path} if target else set(),
        None,
        found.config,
        today,
        found.default_locale,
        found.locales,
    )
    [result] = check_roles(workspace, [path], plan)
    read = {f for r in [result.role, *result.translated] if r is not None for f in r.files}
    rules = found.config.rules
    result.findings = [
        (rule, f)
        for rule, f in result.findings
        if min(f.level or Level.ERROR, rules[rule].level) >= Level.WARNING
    ]
    return light(result), read


def for_build(
    workspace: Workspace, path: Path, today: dt.date
) -> tuple[str | None, set[Path], set[str]]:
    """What a build keeps of the role's lint: :func:`to_data` of :func:`check`, the files
    lint read, and the locales other than the default one that lint reads.

    ``None`` for the data when lint could not check the role (a broken lint config, or
    a bug in a rule): the role builds all the same, and the index, which checks it
    again, says what went wrong.
    """
    try:
        found = settings(workspace)
        checked, read = _check(workspace, path, today, found)
    except Exception:
        return None, set(), set()
    return to_data(checked), read, set(found.locales) - {found.default_locale}


def to_data(result: Checked) -> str:
    """A light result (see :func:`jdgen.lint.check.light`) as compact JSON.

    A string, because a build holds every role's record until it writes its cache:
    at 5,000 roles, the same data as Python lists and dicts took 50 MB. Marks keep
    their line and column, and their file only when it is not the role's own.
    """
    data: dict[str, Any] = {
        "findings": [
            [rule, f.file, f.line, f.column, f.message, f.suggestion, f.level and int(f.level)]
            for rule, f in result.findings
        ],
        "mine": result.mine,
        "files": list(result.files),
    }
    if result.role is not None:
        role = result.role

        def marks(found: dict[tuple, Mark]) -> list[list]:
            return [
                [list(p), m.line, m.column, *([m.file] if m.file != role.display else [])]
                for p, m in found.items()
            ]

        data["role"] = {
            "id": role.id,
            "display": role.display,
            "locale": role.locale,
            # Python mode: json.dumps writes an infinite band as Infinity, not null.
            "fields": role.role.model_dump(
                mode="python",
                exclude_unset=True,
                include=_FIELDS,  # type: ignore[arg-type]
            ),
            "values": marks(role.positions.values),
            "keys": marks(role.positions.keys),
        }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def from_data(text: str, path: Path) -> Checked:
    """The result :func:`to_data` wrote, for the role file at ``path``."""
    from jdgen.model import Role, Salary

    data = json.loads(text)
    findings = [
        (rule, Finding(file, line, column, message, suggestion, level and Level(level)))
        for rule, file, line, column, message, suggestion, level in data["findings"]
    ]
    role = None
    if "role" in data:
        saved = data["role"]
        fields = dict(saved["fields"])
        if isinstance(fields.get("salary"), dict):
            fields["salary"] = Salary.model_construct(**fields["salary"])
        display = saved["display"]
        role = LoadedRole(
            saved["id"],
            path,
            display,
            Role.model_construct(**fields),
            Positions(_marks(saved["values"], display), _marks(saved["keys"], display)),
            locale=saved["locale"],
        )
    return Checked(path, findings, role=role, mine=data["mine"], files=tuple(data["files"]))


# What the workspace-wide rules read of a role (their WORKSPACE_FIELDS), as kept.
_FIELDS = {"title": True, "level": True, "salary": {"min", "max", "currency", "period"}}


def _marks(rows: list[list], display: str) -> dict[tuple, Mark]:
    return {
        tuple(row[0]): Mark(row[3] if len(row) > 3 else display, row[1], row[2]) for row in rows
    }

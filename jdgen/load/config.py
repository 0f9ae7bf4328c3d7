"""Workspace configuration: ``.jdgen.yaml``, or ``[tool.jdgen]`` in ``pyproject.toml``.

Both hold the same sections (``lint``, ``build``); if both exist, ``.jdgen.yaml``
wins and ``pyproject.toml`` is not read. Each section is interpreted by the
module that uses it (``jdgen.lint.config`` for ``lint``).
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jdgen.errors import ConfigError, ConfigFileError, RoleFileError
from jdgen.load.source import Positions, load_yaml

CONFIG_FILE = ".jdgen.yaml"
SECTIONS = ("lint", "build")


@dataclass
class WorkspaceConfig:
    """The raw config sections, with where they came from (for messages)."""

    source: str | None = None
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    positions: Positions | None = None

    def section(self, name: str) -> dict[str, Any]:
        return self.sections.get(name, {})


def read_config(root: Path) -> WorkspaceConfig:
    """The workspace's config, or an empty one when there is none."""
    yaml_path = root / CONFIG_FILE
    if yaml_path.is_file():
        try:
            doc = load_yaml(yaml_path, CONFIG_FILE)
        except RoleFileError as exc:
            raise ConfigFileError.collect(exc.errors) from None
        data = doc.data if doc.data is not None else {}
        return _checked(data, CONFIG_FILE, doc.positions)
    toml_path = root / "pyproject.toml"
    if toml_path.is_file():
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"pyproject.toml: {exc}") from None
        tool = data.get("tool", {}).get("jdgen")
        if tool is not None:
            return _checked(tool, "pyproject.toml [tool.jdgen]", None)
    return WorkspaceConfig()


def _checked(data: object, source: str, positions: Positions | None) -> WorkspaceConfig:
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a mapping with sections {', '.join(SECTIONS)}")
    unknown = [k for k in data if k not in SECTIONS]
    if unknown:
        raise ConfigError(
            f"{source}: unknown section {unknown[0]!r}; known sections: {', '.join(SECTIONS)}"
        )
    for name, value in data.items():
        if not isinstance(value, dict):
            raise ConfigError(f"{source}: section {name!r} must be a mapping")
    return WorkspaceConfig(source, dict(data), positions)


def configured_locales(config: WorkspaceConfig) -> tuple[str, tuple[str, ...]]:
    """``(default locale, locales to publish)`` from the ``build`` section.

    The default locale is the language the role files are written in (``en``
    unless ``build.default_locale`` says otherwise); ``build.locales`` lists every
    locale a build writes, the default one included.
    """
    section = config.section("build")
    where = f"{config.source}: build" if config.source else "build"
    default = check_locale(str(section.get("default_locale", "en")))
    locales = section.get("locales", [default])
    if not isinstance(locales, list) or not all(isinstance(v, str) for v in locales):
        raise ConfigError(f"{where}.locales: expected a list of locales, such as [en, es, ca]")
    return default, tuple(dict.fromkeys(check_locale(code) for code in locales))


def check_locale(code: str) -> str:
    """``"es"`` stays ``"es"``, ``"pt-BR"`` becomes ``"pt_BR"``; an unknown code is a
    :class:`ConfigError`.

    Babel's locale data is looked up on disk rather than through Babel itself, so a
    rebuild with nothing to do does not import Babel.
    """
    normal = code.strip().replace("-", "_")
    spec = importlib.util.find_spec("babel")
    data = Path(spec.submodule_search_locations[0]) / "locale-data" if spec else None
    if not re.fullmatch(r"[A-Za-z]{2,3}(_[A-Za-z0-9]{2,4})*", normal) or (
        data is not None and not (data / f"{normal}.dat").is_file()
    ):
        raise ConfigError(f"unknown locale {code!r}; use a code such as en, es or ca")
    return normal

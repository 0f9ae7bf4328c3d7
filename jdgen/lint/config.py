"""The ``lint`` section of the workspace config: which rules run, at what level.

.. code-block:: yaml

    # .jdgen.yaml  (or [tool.jdgen.lint] in pyproject.toml)
    lint:
      ignore: ["roles/drafts/**"]        # globs, relative to the workspace
      rules:
        vague-title: error               # a level: error, warning, info; or off
        gender-coded: off
        posting-structure:               # or a mapping: level, and the rule's options
          level: warning
          max_must: 10
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from jdgen.errors import ConfigError
from jdgen.lint.problem import Level
from jdgen.load.config import WorkspaceConfig

LEVEL_NAMES = ("error", "warning", "info")


@dataclass(frozen=True)
class RuleSetting:
    """How one rule runs: whether, at what level, with which options."""

    enabled: bool
    level: Level
    options: dict[str, Any]


@dataclass
class LintConfig:
    """Rule settings for every registered rule, plus ignored paths."""

    rules: dict[str, RuleSetting] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()
    source: str | None = None


def lint_config(config: WorkspaceConfig, registry: dict[str, Any]) -> LintConfig:
    """Resolve the ``lint`` section against the rule registry; unknown ids are errors."""
    section = config.section("lint")
    where = config.source or "config"
    unknown = [k for k in section if k not in ("rules", "ignore")]
    if unknown:
        raise ConfigError(
            f"{where}: lint: unknown key {unknown[0]!r} (expected 'rules' or 'ignore')"
        )
    ignore = section.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(g, str) for g in ignore):
        raise ConfigError(f"{where}: lint.ignore: expected a list of path patterns")
    overrides = section.get("rules", {})
    if not isinstance(overrides, dict):
        raise ConfigError(f"{where}: lint.rules: expected a mapping of rule ids to settings")
    for rule_id in overrides:
        if rule_id not in registry:
            raise ConfigError(f"{where}: lint.rules: {unknown_rule_message(rule_id, registry)}")
    rules = {
        rule_id: _setting(rule_id, module, overrides.get(rule_id), where)
        for rule_id, module in registry.items()
    }
    return LintConfig(rules, tuple(ignore), config.source)


def unknown_rule_message(rule_id: str, registry: dict[str, Any]) -> str:
    """``unknown rule 'vauge-title' (did you mean 'vague-title'?)``."""
    close = difflib.get_close_matches(rule_id, list(registry), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown rule {rule_id!r}{hint}"


def _setting(rule_id: str, module: Any, value: Any, where: str) -> RuleSetting:
    level = Level.parse(module.LEVEL)
    options = dict(getattr(module, "DEFAULT", {}))
    enabled = True
    if value is None:
        return RuleSetting(enabled, level, options)
    if value is False or value == "off":
        if rule_id == "schema":
            raise ConfigError(f"{where}: lint.rules.schema: the schema rule cannot be turned off")
        return RuleSetting(False, level, options)
    if isinstance(value, str):
        return RuleSetting(enabled, _level(rule_id, value, where), options)
    if not isinstance(value, dict):
        raise ConfigError(
            f"{where}: lint.rules.{rule_id}: expected a level ({', '.join(LEVEL_NAMES)}), "
            "'off', or a mapping of options"
        )
    for key, option in value.items():
        if key == "level":
            if option == "off":
                enabled = False
            else:
                level = _level(rule_id, option, where)
        elif key == "enabled":
            if not isinstance(option, bool):
                raise ConfigError(f"{where}: lint.rules.{rule_id}.enabled: expected true or false")
            enabled = option
        elif key in options:
            options[key] = _option(rule_id, key, option, options[key], where)
        else:
            known = ", ".join(["level", "enabled", *options]) or "level, enabled"
            raise ConfigError(
                f"{where}: lint.rules.{rule_id}: unknown option {key!r} (known: {known})"
            )
    if rule_id == "schema" and not enabled:
        raise ConfigError(f"{where}: lint.rules.schema: the schema rule cannot be turned off")
    return RuleSetting(enabled, level, options)


def _level(rule_id: str, value: Any, where: str) -> Level:
    if isinstance(value, str) and value.lower() in LEVEL_NAMES:
        return Level.parse(value)
    raise ConfigError(
        f"{where}: lint.rules.{rule_id}: unknown level {value!r} "
        f"(expected {', '.join(LEVEL_NAMES)} or off)"
    )


def _option(rule_id: str, key: str, value: Any, default: Any, where: str) -> Any:
    expected = type(default)
    ok = isinstance(value, expected) and not (isinstance(value, bool) and expected is not bool)
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        ok, value = True, float(value)
    if not ok:
        raise ConfigError(
            f"{where}: lint.rules.{rule_id}.{key}: expected {expected.__name__}, got {value!r}"
        )
    return value

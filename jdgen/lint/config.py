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

The file is read and its shape checked by :mod:`jdgen.load.config`; this module
checks the ``rules`` mapping against the rules jdgen knows, and every problem is a
:class:`~jdgen.errors.ConfigFileError` at its line in the config file.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from jdgen.diagnostics import Level
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
    overrides = config.lint.rules
    for rule_id in overrides:
        if rule_id not in registry:
            raise config.problem_at(
                ("lint", "rules", rule_id),
                f"lint.rules: {unknown_rule_message(rule_id, registry)}",
                key=True,
            )
    rules = {
        rule_id: _setting(config, rule_id, module, overrides.get(rule_id))
        for rule_id, module in registry.items()
    }
    return LintConfig(rules, tuple(config.lint.ignore), config.source)


def unknown_rule_message(rule_id: str, registry: dict[str, Any]) -> str:
    """``unknown rule 'vauge-title' (did you mean 'vague-title'?)``."""
    close = difflib.get_close_matches(rule_id, list(registry), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown rule {rule_id!r}{hint}"


def _setting(config: WorkspaceConfig, rule_id: str, module: Any, value: Any) -> RuleSetting:
    where = ("lint", "rules", rule_id)
    name = f"lint.rules.{rule_id}"
    level = Level.parse(module.LEVEL)
    options = dict(getattr(module, "DEFAULT", {}))
    enabled = getattr(module, "ENABLED", True)  # a rule may be off until turned on
    if value is None:
        return RuleSetting(enabled, level, options)
    enabled = True  # set in the config: on, unless it says off
    if value is False or value == "off":
        if rule_id == "schema":
            raise config.problem_at(where, f"{name}: the schema rule cannot be turned off")
        return RuleSetting(False, level, options)
    if isinstance(value, str):
        return RuleSetting(enabled, _level(config, where, name, value), options)
    if not isinstance(value, dict):
        raise config.problem_at(
            where,
            f"{name}: expected a level ({', '.join(LEVEL_NAMES)}), 'off', or a mapping of options",
        )
    for key, option in value.items():
        at = (*where, key)
        if key == "level":
            if option == "off" or option is False:
                enabled = False
            else:
                level = _level(config, at, name, option)
        elif key == "enabled":
            if not isinstance(option, bool):
                raise config.problem_at(at, f"{name}.enabled: expected true or false")
            enabled = option
        elif key in options:
            options[key] = _option(config, at, f"{name}.{key}", option, options[key])
        else:
            known = ", ".join(["level", "enabled", *options])
            close = difflib.get_close_matches(str(key), ["level", "enabled", *options], n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise config.problem_at(
                at, f"{name}: unknown option {key!r} ({hint}known: {known})", key=True
            )
    if rule_id == "schema" and not enabled:
        raise config.problem_at(where, f"{name}: the schema rule cannot be turned off")
    return RuleSetting(enabled, level, options)


def _level(config: WorkspaceConfig, at: tuple, name: str, value: Any) -> Level:
    if isinstance(value, str) and value.lower() in LEVEL_NAMES:
        return Level.parse(value)
    raise config.problem_at(
        at, f"{name}: unknown level {value!r} (expected {', '.join(LEVEL_NAMES)} or off)"
    )


_TYPE_NAMES = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}


def _option(config: WorkspaceConfig, at: tuple, name: str, value: Any, default: Any) -> Any:
    """``value`` checked against the type of the option's default (for a list, each item
    against the type of the default's items, text when the default is empty)."""
    checked = _typed(value, default)
    if checked is _WRONG:
        if isinstance(default, list):
            item = type(default[0]) if default else str
            expected = f"a list of {_TYPE_NAMES.get(item, item.__name__)} items"
        else:
            expected = _TYPE_NAMES.get(type(default), type(default).__name__)
        raise config.problem_at(at, f"{name}: expected {expected}, got {value!r}")
    return checked


_WRONG = object()


def _typed(value: Any, default: Any) -> Any:
    expected = type(default)
    if isinstance(default, list):
        if not isinstance(value, list):
            return _WRONG
        item = default[0] if default else ""
        items = [_typed(v, item) for v in value]
        return _WRONG if any(i is _WRONG for i in items) else items
    if isinstance(value, bool) != (expected is bool):
        return _WRONG
    if expected is float and isinstance(value, int | float):
        value = float(value)
        return value if value == value and abs(value) != float("inf") else _WRONG
    return value if isinstance(value, expected) else _WRONG

"""The workspace configuration: ``.jdgen.yaml``, or ``[tool.jdgen]`` in ``pyproject.toml``.

This is the one reader of the configuration. Both files hold the same sections;
if both exist, ``.jdgen.yaml`` wins and ``pyproject.toml`` is not read. The whole
file is checked whichever command reads it, so ``jdgen lint`` fails on a broken
``build`` section as ``jdgen build`` does, and every problem is reported at its
line and column (in ``pyproject.toml``, at the line of its key).

.. code-block:: yaml

    build:
      locales: [en, es, ca]      # the languages `jdgen build` writes
      default_locale: en         # the language the role files are written in
      untranslated: skip         # a role without a translation: skip that locale,
                                 # or 'original': publish the role's own language there
      formats: [md, html, pdf, json]
      page_size: a4
    lint:
      ignore: ["roles/drafts/**"]
      rules:
        vague-title: error       # see jdgen.lint.config
"""

from __future__ import annotations

import difflib
import importlib.util
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdgen.diagnostics import error
from jdgen.errors import ConfigError, ConfigFileError, RoleFileError
from jdgen.load.source import Mark, Positions, YamlPath, dotted

if TYPE_CHECKING:
    from jdgen.load.store import DocumentStore

CONFIG_FILE = ".jdgen.yaml"
PYPROJECT = "pyproject.toml"
FORMATS = ("md", "html", "pdf", "json")
PAGE_SIZES = ("a4", "letter")
DEFAULT_LOCALE = "en"


def check_locale(code: str) -> str:
    """``"es"`` stays ``"es"``, ``"pt-BR"`` becomes ``"pt_BR"``; an unknown code raises
    ``ValueError``.

    Babel's locale data is looked up on disk rather than through Babel itself, so a
    rebuild with nothing to do does not import Babel.
    """
    normal = code.strip().replace("-", "_")
    spec = importlib.util.find_spec("babel")
    data = Path(spec.submodule_search_locations[0]) / "locale-data" if spec else None
    if not re.fullmatch(r"[A-Za-z]{2,3}(_[A-Za-z0-9]{2,4})*", normal) or (
        data is not None and not (data / f"{normal}.dat").is_file()
    ):
        raise ValueError(f"unknown locale {code!r}; use a code such as en, es or ca")
    return normal


def cli_locales(codes: list[str]) -> tuple[str, ...]:
    """Locales given on the command line, checked (a :class:`ConfigError` if unknown)."""
    try:
        return tuple(dict.fromkeys(check_locale(code) for code in codes))
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


@dataclass(frozen=True)
class BuildSection:
    """The ``build`` section, checked."""

    locales: tuple[str, ...] | None = None
    default_locale: str = DEFAULT_LOCALE
    untranslated: str = "skip"  # or "original"
    formats: tuple[str, ...] | None = None
    page_size: str = "a4"


@dataclass(frozen=True)
class LintSection:
    """The ``lint`` section; its ``rules`` are checked against the rules jdgen knows by
    :mod:`jdgen.lint.config`."""

    ignore: tuple[str, ...] = ()
    rules: dict[str, Any] = field(default_factory=dict)


SECTIONS = ("build", "lint")
BUILD_KEYS = ("locales", "default_locale", "untranslated", "formats", "page_size")
LINT_KEYS = ("ignore", "rules")
UNTRANSLATED = ("skip", "original")


class _Checker:
    """Checks the configuration's shape, collecting every problem at its place.

    Written out rather than a pydantic model: a rebuild with nothing to do reads the
    configuration and should not pay for importing pydantic.
    """

    def __init__(self, positions: Positions, source: str) -> None:
        self.positions, self.source = positions, source
        self.problems: list = []

    def fail(self, path: YamlPath, message: str, *, key: bool = False) -> None:
        mark = self.positions.key_of(path) if key else self.positions.of(path)
        where = mark.file if mark else self.source
        shown = dotted(path[:-1] if key else path)
        self.problems.append(
            error(
                where,
                mark.line if mark else 1,
                mark.column if mark else 1,
                f"{shown}: {message}" if shown else message,
                None,
            )
        )

    def mapping(self, value: Any, path: YamlPath, known: tuple[str, ...]) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(path, f"expected a mapping, got {_describe(value)}")
            return {}
        for key in value:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1)
                hint = (
                    f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(known)})"
                )
                self.fail((*path, key), f"unknown key {key!r}{hint}", key=True)
        return {k: v for k, v in value.items() if k in known}

    def texts(self, value: Any, path: YamlPath, what: str) -> list[str] | None:
        if not isinstance(value, list):
            self.fail(path, f"expected a list of {what}, got {_describe(value)}")
            return None
        good = True
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.fail((*path, i), f"expected text, got {_describe(item)}")
                good = False
        return list(value) if good else None

    def choice(self, value: Any, path: YamlPath, choices: tuple[str, ...]) -> str | None:
        if isinstance(value, str) and value.lower() in choices:
            return value.lower()
        shown = ", ".join(repr(c) for c in choices[:-1]) + f" or {choices[-1]!r}"
        close = (
            difflib.get_close_matches(str(value), choices, n=1) if isinstance(value, str) else []
        )
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        self.fail(path, f"expected one of {shown}, got {_describe(value)}{hint}")
        return None

    def locale(self, value: Any, path: YamlPath) -> str | None:
        if not isinstance(value, str):
            self.fail(path, f"expected a locale such as en, got {_describe(value)}")
            return None
        try:
            return check_locale(value)
        except ValueError as exc:
            self.fail(path, str(exc))
            return None


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _check(data: Any, positions: Positions, source: str) -> tuple[BuildSection, LintSection]:
    """The sections of a configuration file, or :class:`ConfigFileError` with every problem."""
    check = _Checker(positions, source)
    top = check.mapping(data, (), SECTIONS)
    build = check.mapping(top.get("build"), ("build",), BUILD_KEYS)
    lint = check.mapping(top.get("lint"), ("lint",), LINT_KEYS)
    values: dict[str, Any] = {}
    if "locales" in build:
        found = check.texts(build["locales"], ("build", "locales"), "locales such as [en, es]")
        if found is not None:
            if not found:
                check.fail(("build", "locales"), "list at least one locale, such as [en]")
            codes = [check.locale(code, ("build", "locales", i)) for i, code in enumerate(found)]
            if all(codes):
                values["locales"] = tuple(dict.fromkeys(codes))
    if "default_locale" in build:
        code = check.locale(build["default_locale"], ("build", "default_locale"))
        if code:
            values["default_locale"] = code
    if "untranslated" in build:
        how = check.choice(build["untranslated"], ("build", "untranslated"), UNTRANSLATED)
        if how:
            values["untranslated"] = how
    if "formats" in build:
        found = check.texts(build["formats"], ("build", "formats"), "formats such as [md, html]")
        if found is not None:
            if not found:
                check.fail(("build", "formats"), "list at least one format, such as [md, html]")
            chosen = [
                check.choice(f, ("build", "formats", i), FORMATS) for i, f in enumerate(found)
            ]
            if all(chosen):
                values["formats"] = tuple(dict.fromkeys(chosen))
    if "page_size" in build:
        size = check.choice(build["page_size"], ("build", "page_size"), PAGE_SIZES)
        if size:
            values["page_size"] = size
    ignore: tuple[str, ...] = ()
    if "ignore" in lint:
        found = check.texts(lint["ignore"], ("lint", "ignore"), "path patterns")
        ignore = tuple(found or ())
    rules: dict[str, Any] = {}
    if "rules" in lint:
        if isinstance(lint["rules"], dict):
            rules = dict(lint["rules"])
        elif lint["rules"] is not None:
            check.fail(("lint", "rules"), "expected a mapping of rule ids to settings")
    if check.problems:
        raise ConfigFileError(check.problems)
    return BuildSection(**values), LintSection(ignore, rules)


@dataclass(frozen=True)
class WorkspaceConfig:
    """The checked configuration, with where it came from (for messages)."""

    source: str | None = None  # ".jdgen.yaml", "pyproject.toml", or None: no config
    build: BuildSection = field(default_factory=BuildSection)
    lint: LintSection = field(default_factory=LintSection)
    positions: Positions = field(default_factory=Positions, repr=False)
    text: str = field(default="", repr=False)  # the file's text: the config's identity

    @property
    def default_locale(self) -> str:
        return self.build.default_locale

    @property
    def locales(self) -> tuple[str, ...]:
        """Every locale a build writes, the default one included unless left out."""
        return tuple(self.build.locales or [self.build.default_locale])

    def problem_at(self, path: YamlPath, message: str, *, key: bool = False):
        """A :class:`ConfigFileError` at the value (or key) at ``path`` in the config file."""
        mark = self.positions.key_of(path) if key else self.positions.of(path)
        where = mark.file if mark else (self.source or CONFIG_FILE)
        return ConfigFileError(
            [error(where, mark.line if mark else 1, mark.column if mark else 1, message, None)]
        )


def read_config(root: Path, store: DocumentStore | None = None) -> WorkspaceConfig:
    """The workspace's config, checked; an empty one when there is none.

    A broken file raises :class:`ConfigFileError` with every problem at its place.
    """
    yaml_path = root / CONFIG_FILE
    toml_path = root / PYPROJECT
    if store is None:
        from jdgen.load.store import DocumentStore

        store = DocumentStore(root)
    if store.exists(yaml_path):
        try:
            doc = store.read(yaml_path, empty_ok=True)  # comments alone: no settings
        except RoleFileError as exc:
            raise ConfigFileError(exc.problems) from None
        data, positions, source, text = doc.data, doc.positions, doc.display, doc.text
        if data is None:
            data = {}
    elif store.is_file(toml_path):
        try:
            text = store.read_text(toml_path)
        except RoleFileError as exc:
            raise ConfigFileError(exc.problems) from None
        try:
            parsed = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line, column = _toml_error_place(exc)
            raise ConfigFileError([error(PYPROJECT, line, column, str(exc), None)]) from None
        tool = parsed.get("tool", {}).get("jdgen") if isinstance(parsed.get("tool"), dict) else None
        if tool is None:
            return WorkspaceConfig()
        data, positions, source = tool, _toml_positions(text), PYPROJECT
        text = repr(tool)  # only [tool.jdgen] matters
    else:
        return WorkspaceConfig()
    build, lint = _check(data, positions, source)
    return WorkspaceConfig(source, build, lint, positions, text)


def _toml_error_place(exc: tomllib.TOMLDecodeError) -> tuple[int, int]:
    match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    return (int(match.group(1)), int(match.group(2))) if match else (1, 1)


_TABLE = re.compile(r"^\s*\[(?!\[)\s*(.+?)\s*\]\s*(?:#.*)?$")
_KEY_PART = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*""")


def _dotted_key(text: str) -> tuple[tuple[str, ...], int] | None:
    """The parts of a TOML dotted key at the start of ``text`` (quoted parts unquoted),
    and where it ends; ``None`` when ``text`` does not start with one."""
    parts, at = [], 0
    while True:
        match = _KEY_PART.match(text, at)
        if match is None:
            return None
        part = match.group(1)
        parts.append(part[1:-1] if part[0] in "\"'" else part)
        at = match.end()
        if text.startswith(".", at):
            at += 1
            continue
        return tuple(parts), at


def _toml_positions(text: str) -> Positions:
    """Where ``[tool.jdgen]``'s keys are in ``pyproject.toml``, by path below it: each
    key's line, however the tables and dotted keys are written (values inside inline
    tables and arrays are placed at their key)."""
    positions = Positions()
    table: tuple[str, ...] = ()
    prefix = ("tool", "jdgen")

    def record(path: tuple[str, ...], key: Mark, value: Mark) -> None:
        if path[:2] == prefix:
            positions.keys.setdefault(path[2:], key)
            positions.values.setdefault(path[2:], value)

    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE.match(line)
        if header:
            found = _dotted_key(header.group(1))
            table = found[0] if found else ()
            mark = Mark(PYPROJECT, number, 1)
            record(table, mark, mark)
            continue
        found = _dotted_key(line)
        if found is None or not line[found[1] :].lstrip().startswith("="):
            continue
        parts, end = found
        column = len(line) - len(line.lstrip()) + 1
        after = line.index("=", end) + 1
        value = after + len(line[after:]) - len(line[after:].lstrip()) + 1
        full = (*table, *parts)
        for cut in range(len(table) + 1, len(full) + 1):  # a dotted key opens its tables
            record(full[:cut], Mark(PYPROJECT, number, column), Mark(PYPROJECT, number, value))
    positions.values.setdefault((), Mark(PYPROJECT, 1, 1))
    return positions

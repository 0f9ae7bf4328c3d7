"""The property behind #13: ``jdgen lint`` fails exactly when ``jdgen build`` would.

Hypothesis mutates a valid workspace (two roles, their base and company file, the
Spanish translations of all four, and the config): values of the wrong type or out
of range, keys dropped, misspelt or added, list items added or taken away, YAML
broken character by character, files emptied or deleted, rule settings changed.
For every example:

- ``jdgen lint`` exits non-zero if and only if ``jdgen build`` of the same workspace
  fails or refuses a role (or stops on the configuration);
- every error the build prints is printed by lint at the same ``path:line:col``;
- neither says "internal error" or shows a traceback.

2,000 examples run in CI (``EXAMPLES`` below, split over the mutation kinds), about
a minute and a half on two cores.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import os
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jdgen.build.options import BuildOptions
from jdgen.build.runner import build
from jdgen.diagnostics import Level
from jdgen.errors import ConfigError, ProblemsError
from jdgen.lint.run import exit_code, lint_paths
from jdgen.load.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
FILES = [
    "roles/_base.yaml",
    "roles/_base.es.yaml",
    "roles/_company.yaml",
    "roles/_company.es.yaml",
    "roles/junior-account-manager.yaml",
    "roles/junior-account-manager.es.yaml",
    "roles/key-account-manager.yaml",
    "roles/key-account-manager.es.yaml",
]
CONFIG = ".jdgen.yaml"
ORIGINAL = {name: (REPO / name).read_text(encoding="utf-8") for name in FILES}
ORIGINAL[CONFIG] = "build:\n  locales: [en, es]\n"
DATA = {name: yaml.safe_load(text) for name, text in ORIGINAL.items()}
RULE_IDS = [
    "vague-title",
    "title-level",
    "title-format",
    "gender-coded",
    "exclusionary-language",
    "posting-structure",
    "salary-band",
    "pay-transparency",
    "jobposting-required",
    "unassessed-requirement",
    "unknown-reference",
    "missing-translation",
    "schema",
]
# For each of the four tests: 2,000 in all. JDGEN_EXAMPLES=20000 for a longer hunt.
EXAMPLES = int(os.environ.get("JDGEN_EXAMPLES", "500"))
EXAMPLE_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

NASTY = st.sampled_from(
    [
        None,
        "",
        " ",
        "sometimes",
        "EURO",
        "USD",
        "eur",
        0,
        -1,
        1,
        46000,
        56000,
        1e28,
        math.nan,
        math.inf,
        -math.inf,
        True,
        [],
        {},
        ["x"],
        [1, 2],
        {"text": "x"},
        {"a": 1},
        "2026-13-45",
        dt.date(2026, 12, 1),
        dt.date(1999, 1, 1),
        "x" * 3000,
        "Rockstar Ninja",
        "Head of Sales",
        "javascript:alert(1)",
        "<script>alert(1)</script>",
        "{{ 7 * 7 }}",
        "../../../etc/passwd",
        "_base.yaml",
        "_company.yaml",
        "nope.yaml",
        "es",
        "xx",
        "off",
        "error",
        "principal",
        "entry",
        "lead",
        "year",
        "week",
        "US-CO",
        "US-XX",
        "remote",
        "https://example.com/x",
        "careers@example.com",
        "Keep the peace",
        "Manage renewals",
    ]
).map(copy.deepcopy)  # a fresh list or mapping each time: a mutation may change it


def paths(data: object, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value in ``data``."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += paths(value, (*prefix, i))
    return found


def parent_of(data: object, path: tuple):
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def value_mutations(draw) -> dict[str, str | None]:
    """Files with one to three of their values set, dropped, misspelt or added."""
    files: dict[str, object] = {}
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from([*FILES, CONFIG]))
        data = files.get(name, yaml.safe_load(ORIGINAL[name]))
        where = paths(data)
        kind = draw(st.sampled_from(["set", "drop", "misspell", "add", "list"]))
        if not where or not isinstance(data, dict):
            files[name] = draw(NASTY)
            continue
        path = draw(st.sampled_from(where))
        parent, key = parent_of(data, path), path[-1]
        if kind == "set":
            parent[key] = draw(NASTY)
        elif kind == "drop":
            del parent[key]
        elif kind == "misspell" and isinstance(key, str):
            parent[key[:-1] + "x" if len(key) > 1 else "x"] = parent.pop(key)
        elif kind == "add" and isinstance(parent, dict):
            parent[
                draw(st.sampled_from(["dutes", "extends", "title", "salary", "level", "x+"]))
            ] = draw(NASTY)
        elif kind == "list" and isinstance(parent[key], list):
            if parent[key] and draw(st.booleans()):
                parent[key].pop(draw(st.integers(0, len(parent[key]) - 1)))
            else:
                parent[key].append(draw(NASTY))
        else:
            parent[key] = draw(NASTY)
        files[name] = data
    return {
        name: yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        for name, data in files.items()
    }


YAML_CHARS = st.sampled_from([*":-[]{}!&*#|>'\"\t\n ,?%@`\\", "a", "0", "é", "\u200b", "\ufeff"])


@st.composite
def text_mutations(draw) -> dict[str, str | None]:
    """One or two files with characters inserted, deleted or replaced, or the file
    emptied, removed, or replaced by a link or a folder."""
    files: dict[str, str | None] = {}
    for _ in range(draw(st.integers(1, 2))):
        name = draw(st.sampled_from([*FILES, CONFIG]))
        kind = draw(st.sampled_from(["chars", "chars", "chars", "empty", "delete"]))
        if kind == "empty":
            files[name] = ""
        elif kind == "delete":
            files[name] = None
        else:
            chars = list(files.get(name) or ORIGINAL[name])
            for _ in range(draw(st.integers(1, 5))):
                at = draw(st.integers(0, len(chars)))
                action = draw(st.sampled_from(["insert", "delete", "replace"]))
                if action == "insert" or at == len(chars):
                    chars.insert(at, draw(YAML_CHARS))
                elif action == "delete":
                    del chars[at]
                else:
                    chars[at] = draw(YAML_CHARS)
            files[name] = "".join(chars)
    return files


SETTING = st.one_of(
    st.sampled_from(["error", "warning", "info", "off", "loud", None, True, 3]),
    st.fixed_dictionaries(
        {},
        optional={
            "level": st.sampled_from(["error", "warning", "info", "off", 3]),
            "max_words": st.sampled_from([1, 200, 2000, "ten", -5]),
            "min_words": st.sampled_from([0, 100, 3000]),
            "max_must": st.sampled_from([1, 3, 20, 2.5]),
            "required": st.sampled_from([[], ["summary"], ["benefits", "skills"], [1]]),
            "max_spread_percent": st.sampled_from([10, 50.5, "x"]),
            "max_stages": st.sampled_from([1, 2, 10]),
        },
    ),
)


@st.composite
def config_mutations(draw) -> dict[str, str | None]:
    """A configuration with rules turned up, down or off, options changed, locales and
    their fallback changed, and sometimes a mistake."""
    build_section: dict = {
        "locales": draw(
            st.sampled_from([["en", "es"], ["en"], ["en", "es", "ca"], ["es"], ["en", "xx"], []])
        )
    }
    if draw(st.booleans()):
        build_section["untranslated"] = draw(st.sampled_from(["skip", "original", "maybe"]))
    if draw(st.booleans()):
        build_section["default_locale"] = draw(st.sampled_from(["en", "es", "xx"]))
    rules = draw(st.dictionaries(st.sampled_from(RULE_IDS), SETTING, max_size=4))
    config: dict = {"build": build_section}
    if rules or draw(st.booleans()):
        config["lint"] = {"rules": rules}
        if draw(st.booleans()):
            config["lint"]["ignore"] = draw(
                st.sampled_from([["roles/key-*.yaml"], ["roles/*"], [3]])
            )
    files = {CONFIG: yaml.safe_dump(config, sort_keys=False)}
    return {**draw(st.one_of(st.just({}), value_mutations())), **files}


@st.composite
def translation_mutations(draw) -> dict[str, str | None]:
    """Translations that leave text out, add items, or go missing, with the rest valid."""
    files: dict[str, str | None] = {}
    for name in draw(
        st.lists(
            st.sampled_from([f for f in FILES if ".es." in f]), min_size=1, max_size=3, unique=True
        )
    ):
        data = yaml.safe_load(ORIGINAL[name])
        kind = draw(
            st.sampled_from(["delete", "drop-key", "extra-item", "short-list", "untranslatable"])
        )
        if kind == "delete":
            files[name] = None
            continue
        if kind == "drop-key" and data:
            del data[draw(st.sampled_from(sorted(data)))]
        elif kind in ("extra-item", "short-list"):
            lists = [p for p in paths(data) if isinstance(parent_of(data, p)[p[-1]], list)]
            if lists:
                path = draw(st.sampled_from(lists))
                items = parent_of(data, path)[path[-1]]
                if kind == "extra-item":
                    items.append("Una cosa más")
                elif items:
                    items.pop()
        else:
            data[draw(st.sampled_from(["level", "salary", "employment_type", "publish_in"]))] = (
                draw(NASTY)
            )
        files[name] = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return files


SEEN: dict[str, int] = {}  # how many examples lint failed and passed: see the last test


def check(files: dict[str, str | None]) -> None:
    """Lint and build the workspace with ``files`` changed; they must agree."""
    root = Path(tempfile.mkdtemp(prefix="jdgen-truth-"))
    try:
        for name, text in {**ORIGINAL, **files}.items():
            if text is not None:
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                (root / name).write_text(text, encoding="utf-8")
        lint_errors, lint_failed = _lint(root)
        build_errors, build_failed = _build(root)
        SEEN["failed" if lint_failed else "passed"] = (
            SEEN.get("failed" if lint_failed else "passed", 0) + 1
        )
        assert lint_failed == build_failed, (
            f"lint {'failed' if lint_failed else 'passed'}, build "
            f"{'failed' if build_failed else 'passed'}:\n"
            + "\n".join(["lint:", *lint_errors, "build:", *build_errors])
        )
        lint_places = {_place(line) for line in lint_errors}
        missing = [line for line in build_errors if _place(line) not in lint_places]
        assert not missing, "build printed errors lint did not:\n" + "\n".join(missing)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _lint(root: Path) -> tuple[list[str], bool]:
    try:
        report = lint_paths(Workspace(root), None)
    except ProblemsError as exc:
        return [p.format() for p in exc.problems], True
    except ConfigError as exc:
        return [exc.format_message()], True
    lines = [p.format() for p in report.problems if p.level == Level.ERROR]
    _no_internal_errors(lines)
    return lines, exit_code(report) != 0


def _build(root: Path) -> tuple[list[str], bool]:
    try:
        report = build(Workspace(root), None, BuildOptions(root / "out", ("md", "json"), jobs=1))
    except ProblemsError as exc:
        return [p.format() for p in exc.problems], True
    except ConfigError as exc:
        return [exc.format_message()], True
    lines = [p.format() for p in report.errors()]
    _no_internal_errors(lines)
    return lines, report.exit_code != 0


def _no_internal_errors(lines: list[str]) -> None:
    for line in lines:
        assert "internal error" not in line and "Traceback" not in line, line


def _place(line: str) -> str:
    """``path:line:col`` of a printed problem (``path:line`` for a template's)."""
    return line.split(": error", 1)[0]


def test_the_unchanged_workspace_passes_both() -> None:
    check({})


@EXAMPLE_SETTINGS
@given(value_mutations())
def test_lint_and_build_agree_on_mutated_values(files: dict[str, str | None]) -> None:
    check(files)


@EXAMPLE_SETTINGS
@given(text_mutations())
def test_lint_and_build_agree_on_broken_yaml(files: dict[str, str | None]) -> None:
    check(files)


@EXAMPLE_SETTINGS
@given(config_mutations())
def test_lint_and_build_agree_on_any_configuration(files: dict[str, str | None]) -> None:
    check(files)


@EXAMPLE_SETTINGS
@given(translation_mutations())
def test_lint_and_build_agree_on_translations(files: dict[str, str | None]) -> None:
    check(files)


def test_the_examples_include_both_verdicts() -> None:
    """A property that never sees a failing (or a passing) workspace proves little."""
    if sum(SEEN.values()) < EXAMPLES:
        return  # run on its own
    assert SEEN.get("failed", 0) > EXAMPLES // 4 and SEEN.get("passed", 0) > EXAMPLES // 4, SEEN

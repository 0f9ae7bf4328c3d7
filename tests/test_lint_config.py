"""Lint configuration, suppression comments, and what the engine reports."""

from __future__ import annotations

import pytest

from jdgen.errors import ConfigError
from jdgen.lint.config import lint_config
from jdgen.lint.problem import Level
from jdgen.lint.registry import RULES
from jdgen.lint.suppress import parse
from jdgen.load.config import WorkspaceConfig, read_config
from tests.rules.common import complaints, run

ROCKSTAR = "title: Rockstar Account Manager\n"


def config(section: dict) -> WorkspaceConfig:
    return WorkspaceConfig("test", {"lint": section})


def test_defaults_come_from_the_rule_modules():
    settings = lint_config(WorkspaceConfig(), RULES).rules
    assert settings["salary-band"].level is Level.ERROR
    assert settings["title-format"].level is Level.WARNING
    assert settings["posting-structure"].options["max_must"] == 8


def test_levels_off_and_options():
    settings = lint_config(
        config(
            {
                "rules": {
                    "vague-title": "error",
                    "gender-coded": "off",
                    "posting-structure": {"level": "info", "max_must": 10},
                }
            }
        ),
        RULES,
    ).rules
    assert settings["vague-title"].level is Level.ERROR
    assert settings["gender-coded"].enabled is False
    assert settings["posting-structure"].level is Level.INFO
    assert settings["posting-structure"].options["max_must"] == 10


@pytest.mark.parametrize(
    ("section", "message"),
    [
        (
            {"rules": {"vauge-title": "off"}},
            "test: lint.rules: unknown rule 'vauge-title' (did you mean 'vague-title'?)",
        ),
        (
            {"rules": {"vague-title": "loud"}},
            "test: lint.rules.vague-title: unknown level 'loud' (expected error, warning, info or off)",
        ),
        (
            {"rules": {"posting-structure": {"max_mustt": 3}}},
            "test: lint.rules.posting-structure: unknown option 'max_mustt' (known: level, enabled, required, max_must, min_words, max_words)",
        ),
        (
            {"rules": {"posting-structure": {"max_must": "ten"}}},
            "test: lint.rules.posting-structure.max_must: expected int, got 'ten'",
        ),
        (
            {"rules": {"schema": "off"}},
            "test: lint.rules.schema: the schema rule cannot be turned off",
        ),
        ({"ignores": []}, "test: lint: unknown key 'ignores' (expected 'rules' or 'ignore')"),
    ],
)
def test_bad_config_is_a_config_error(section, message):
    with pytest.raises(ConfigError) as caught:
        lint_config(config(section), RULES)
    assert caught.value.message == message


def test_config_is_read_from_jdgen_yaml_or_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.jdgen.lint.rules]\nvague-title = "error"\n')
    assert read_config(tmp_path).section("lint") == {"rules": {"vague-title": "error"}}
    (tmp_path / ".jdgen.yaml").write_text("lint:\n  rules:\n    vague-title: info\n")
    assert read_config(tmp_path).section("lint") == {"rules": {"vague-title": "info"}}


def test_config_changes_the_level_reported(tmp_path):
    problems = run(tmp_path, ROCKSTAR, config="lint:\n  rules:\n    vague-title: error\n")
    assert {p.level for p in problems if p.rule == "vague-title"} == {Level.ERROR}


def test_ignored_paths_are_not_linted(tmp_path):
    problems = run(tmp_path, ROCKSTAR, config="lint:\n  ignore: ['roles/role.yaml']\n")
    assert problems == []


def test_suppression_comment_parsing():
    text = (
        "title: X  # jdgen: disable=vague-title, title-level\n"
        "# jdgen: disable=salary-band\n"
        "salary: {}\n"
        "summary: 'not # jdgen: disable=gender-coded'\n"
        "# jdgen: disable-file=gender-coded\n"
    )
    found = [(s.kind, s.rule, s.line, s.column, s.applies_to) for s in parse(text)]
    assert found == [
        ("disable", "vague-title", 1, 28, 1),
        ("disable", "title-level", 1, 41, 1),
        ("disable", "salary-band", 2, 18, 3),
        ("disable-file", "gender-coded", 5, 23, 0),
    ]


def test_inline_suppression_silences_only_that_rule_on_that_line(tmp_path):
    problems = run(tmp_path, "title: Rockstar Account Manager  # jdgen: disable=vague-title\n")
    assert [p for p in problems if p.rule == "vague-title"] == []
    problems = run(tmp_path, "title: Rockstar Account Manager  # jdgen: disable=title-level\n")
    assert [p.rule for p in complaints(problems)] == ["vague-title"]


def test_suppression_on_its_own_line_covers_the_next_line(tmp_path):
    problems = run(tmp_path, "# jdgen: disable=vague-title\ntitle: Rockstar Account Manager\n")
    assert complaints(problems, "vague-title") == []
    assert complaints(problems, "title-level"), "other rules still run on that line"


def test_file_suppression(tmp_path):
    problems = run(
        tmp_path, "# jdgen: disable-file=vague-title\n\ntitle: Rockstar Account Manager\n"
    )
    assert complaints(problems, "vague-title") == []


def test_unknown_rule_in_a_comment_is_an_error_at_the_comment(tmp_path):
    problems = run(tmp_path, "title: Rockstar Account Manager  # jdgen: disable=vauge-title\n")
    bad = [p for p in problems if p.rule == "bad-suppression"]
    assert [(p.line, p.column, p.level, p.message) for p in bad] == [
        (1, 51, Level.ERROR, "unknown rule 'vauge-title' (did you mean 'vague-title'?)")
    ]
    assert any(p.rule == "vague-title" for p in problems), "a misspelt id silences nothing"

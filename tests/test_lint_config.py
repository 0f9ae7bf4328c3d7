"""Lint configuration, suppression comments, and what the engine reports."""

from __future__ import annotations

import pytest

from jdgen.diagnostics import Level
from jdgen.errors import ConfigError
from jdgen.lint.config import lint_config
from jdgen.lint.registry import RULES
from jdgen.lint.suppress import parse
from jdgen.load.config import WorkspaceConfig, read_config
from tests.rules.common import complaints, run

ROCKSTAR = "title: Rockstar Account Manager\n"


def config(tmp_path, text: str) -> WorkspaceConfig:
    """The checked config of a ``.jdgen.yaml`` holding ``text``."""
    (tmp_path / ".jdgen.yaml").write_text(text)
    return read_config(tmp_path)


def test_defaults_come_from_the_rule_modules():
    settings = lint_config(WorkspaceConfig(), RULES).rules
    assert settings["salary-band"].level is Level.ERROR
    assert settings["title-format"].level is Level.WARNING
    assert settings["posting-structure"].options["max_must"] == 8


def test_levels_off_and_options(tmp_path):
    text = (
        "lint:\n  rules:\n    vague-title: error\n    gender-coded: off\n"
        "    posting-structure: {level: info, max_must: 10}\n"
    )
    settings = lint_config(config(tmp_path, text), RULES).rules
    assert settings["vague-title"].level is Level.ERROR
    assert settings["gender-coded"].enabled is False
    assert settings["posting-structure"].level is Level.INFO
    assert settings["posting-structure"].options["max_must"] == 10


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "lint:\n  rules:\n    vauge-title: off\n",
            ".jdgen.yaml:3:5: error: lint.rules: unknown rule 'vauge-title' "
            "(did you mean 'vague-title'?)",
        ),
        (
            "lint:\n  rules:\n    vague-title: loud\n",
            ".jdgen.yaml:3:18: error: lint.rules.vague-title: unknown level 'loud' "
            "(expected error, warning, info or off)",
        ),
        (
            "lint:\n  rules:\n    posting-structure: {max_mustt: 3}\n",
            ".jdgen.yaml:3:25: error: lint.rules.posting-structure: unknown option 'max_mustt' "
            "(did you mean 'max_must'? known: level, enabled, required, max_must, min_words, "
            "max_words)",
        ),
        (
            "lint:\n  rules:\n    posting-structure: {max_must: ten}\n",
            ".jdgen.yaml:3:35: error: lint.rules.posting-structure.max_must: expected a whole "
            "number, got 'ten'",
        ),
        (
            # items of the wrong type: refused here, not a crash in the rule later
            "lint:\n  rules:\n    posting-structure: {required: [1, duties]}\n",
            ".jdgen.yaml:3:35: error: lint.rules.posting-structure.required: expected a list of "
            "text items, got [1, 'duties']",
        ),
        (
            "lint:\n  rules:\n    schema: off\n",
            ".jdgen.yaml:3:13: error: lint.rules.schema: the schema rule cannot be turned off",
        ),
        (
            "lint:\n  ignores: []\n",
            ".jdgen.yaml:2:3: error: lint: unknown key 'ignores' (did you mean 'ignore'?)",
        ),
        (
            "lint:\n  ignore: [roles/x.yaml, 3]\n",
            ".jdgen.yaml:2:26: error: lint.ignore[1]: expected text, got 3",
        ),
    ],
)
def test_bad_config_is_an_error_at_its_line(tmp_path, text, message):
    with pytest.raises(ConfigError) as caught:
        lint_config(config(tmp_path, text), RULES)
    assert caught.value.format_message() == message
    assert caught.value.exit_code == 2


def test_config_is_read_from_jdgen_yaml_or_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.jdgen.lint.rules]\nvague-title = "error"\n')
    assert read_config(tmp_path).lint.rules == {"vague-title": "error"}
    (tmp_path / ".jdgen.yaml").write_text("lint:\n  rules:\n    vague-title: info\n")
    assert read_config(tmp_path).lint.rules == {"vague-title": "info"}


def test_a_problem_in_pyproject_is_reported_at_its_key(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.jdgen.lint.rules]\nvague-title = "loud"\n'
    )
    with pytest.raises(ConfigError) as caught:
        lint_config(read_config(tmp_path), RULES)
    assert caught.value.format_message() == (
        "pyproject.toml:5:15: error: lint.rules.vague-title: unknown level 'loud' "
        "(expected error, warning, info or off)"
    )


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


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('[project]\nname = "x"\n\n[tool]\njdgen.build.locales = ["en", "zz"]\n', "5:"),
        ('[tool.jdgen]\n"build".locales = ["en", "zz"]\n', "2:"),
        ('[tool.jdgen.build]\nlocales = ["en", "zz"]\n', "2:"),
        ("[tool]\njdgen = { build = { locales = ['zz'] } }\n", "2:"),
    ],
)
def test_pyproject_problems_are_at_their_key_however_written(tmp_path, text, where):
    (tmp_path / "pyproject.toml").write_text(text)
    with pytest.raises(ConfigError) as caught:
        read_config(tmp_path)
    message = caught.value.format_message()
    assert message.startswith(f"pyproject.toml:{where}"), message
    assert "unknown locale 'zz'" in message

"""schema: files that do not load are reported through lint, at their place."""

from __future__ import annotations

import pytest

from jdgen.diagnostics import Level
from tests.rules.common import check, run

RULE = "schema"


def test_an_unknown_key_with_the_closest_known_one(tmp_path):
    text = "title: Senior Account Manager\nlevel: senior\ndutes:\n  - Manage accounts\n"
    [problem] = check(tmp_path, text, RULE, [(3, 1)])
    assert problem.level is Level.ERROR
    assert problem.message == "unknown key 'dutes' (did you mean 'duties'?)"


def test_an_unknown_nested_key(tmp_path):
    text = "title: Senior Account Manager\nsalary:\n  minimum: 64000\n"
    [problem] = check(tmp_path, text, RULE, [(3, 3)])
    assert problem.message == "salary: unknown key 'minimum' (did you mean 'min'?)"


def test_a_value_of_the_wrong_type(tmp_path):
    text = "title: Senior Account Manager\nsalary:\n  min: lots\n"
    [problem] = check(tmp_path, text, RULE, [(3, 8)])
    assert problem.message == "salary.min: expected a number, got 'lots'"


def test_an_unknown_level_with_the_closest(tmp_path):
    [problem] = check(tmp_path, "title: Senior Account Manager\nlevel: seniour\n", RULE, [(2, 8)])
    assert problem.message == (
        "level: expected one of 'entry', 'junior', 'mid', 'senior', 'lead' or 'principal', "
        "got 'seniour' (did you mean 'senior'?)"
    )


def test_a_file_that_does_not_load_gets_no_other_problems(tmp_path):
    text = "title: Rockstar Ninja\nlevel: senior\ndutes: []\n"
    assert {p.rule for p in run(tmp_path, text)} == {RULE}


def test_a_yaml_syntax_error(tmp_path):
    # The harness adds "extends: _base.yaml" as line 3, where the flow list breaks.
    text = "title: Senior Account Manager\nlevel: [senior\n"
    [problem] = check(tmp_path, text, RULE, [(3, 8)])
    assert problem.message == (
        "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)"
    )


@pytest.mark.parametrize(
    "config",
    [
        "lint:\n  rules:\n    schema: off\n",
        "lint:\n  rules:\n    schema:\n      enabled: false\n",
    ],
)
def test_schema_cannot_be_turned_off(tmp_path, config):
    from jdgen.errors import ConfigError

    with pytest.raises(ConfigError, match="the schema rule cannot be turned off"):
        run(tmp_path, "title: Senior Account Manager\n", config)

"""Lint output formats: exact strings, and SARIF valid against the 2.1.0 schema."""

from __future__ import annotations

import json
from pathlib import Path

import click
import jsonschema

from jdgen.diagnostics import Level, Problem
from jdgen.lint.formats import (
    format_github,
    format_gitlab,
    format_json,
    format_sarif,
    format_text,
    resolve,
)
from jdgen.lint.registry import RULES

SCHEMA = Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json"

TITLE = Problem(
    "roles/a b.yaml",
    3,
    8,
    "vague-title",
    Level.WARNING,
    "'Rockstar' is vague",
    "use 'Account Manager'",
    3,
    16,
)
BAND = Problem("roles/x.yaml", 12, 5, "salary-band", Level.ERROR, "no pay band: 50%, a:b")
NOTE = Problem("roles/x.yaml", 1, 1, "gender-coded", Level.INFO, "'driven' is masculine-coded")


def test_text_format():
    assert format_text(TITLE) == (
        "roles/a b.yaml:3:8: warning [vague-title] 'Rockstar' is vague (use 'Account Manager')"
    )
    assert format_text(BAND) == "roles/x.yaml:12:5: error [salary-band] no pay band: 50%, a:b"


def test_github_format_escapes_properties_and_data():
    assert format_github(TITLE) == (
        "::warning file=roles/a b.yaml,line=3,col=8,endLine=3,endColumn=15,title=vague-title::"
        "'Rockstar' is vague (use 'Account Manager')"
    )
    assert format_github(BAND) == (
        "::error file=roles/x.yaml,line=12,col=5,title=salary-band::no pay band: 50%25, a:b"
    )
    assert format_github(NOTE).startswith("::notice file=roles/x.yaml,line=1,col=1,")


def test_json_format_lists_every_field():
    assert json.loads(format_json([TITLE, BAND], ["f1", "f2"])) == [
        {
            "path": "roles/a b.yaml",
            "line": 3,
            "column": 8,
            "end_line": 3,
            "end_column": 16,
            "rule": "vague-title",
            "level": "warning",
            "message": "'Rockstar' is vague",
            "suggestion": "use 'Account Manager'",
            "fingerprint": "f1",
        },
        {
            "path": "roles/x.yaml",
            "line": 12,
            "column": 5,
            "end_line": None,
            "end_column": None,
            "rule": "salary-band",
            "level": "error",
            "message": "no pay band: 50%, a:b",
            "suggestion": None,
            "fingerprint": "f2",
        },
    ]


def test_gitlab_format_is_a_code_quality_report():
    block = Problem("roles/x.yaml", 4, 10, "gender-coded", Level.WARNING, "m", None, 7, 1)
    assert json.loads(format_gitlab([TITLE, BAND, block], ["f1", "f2", "f3"])) == [
        {
            "description": "'Rockstar' is vague (use 'Account Manager')",
            "check_name": "vague-title",
            "fingerprint": "f1",
            "severity": "minor",
            "location": {"path": "roles/a b.yaml", "lines": {"begin": 3, "end": 3}},
        },
        {
            "description": "no pay band: 50%, a:b",
            "check_name": "salary-band",
            "fingerprint": "f2",
            "severity": "major",
            "location": {"path": "roles/x.yaml", "lines": {"begin": 12, "end": 12}},
        },
        {
            "description": "m",
            "check_name": "gender-coded",
            "fingerprint": "f3",
            "severity": "minor",
            # A block scalar ends at the start of the next line: its last line is 6.
            "location": {"path": "roles/x.yaml", "lines": {"begin": 4, "end": 6}},
        },
    ]


def test_text_format_in_colour_keeps_the_words():
    plain = format_text(TITLE)
    coloured = format_text(TITLE, colour=True)
    assert "\x1b[" in coloured
    assert click.unstyle(coloured) == plain


def test_auto_picks_github_on_github_actions():
    assert resolve("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert resolve("auto", {}) == "text"
    assert resolve("json", {"GITHUB_ACTIONS": "true"}) == "json"


def test_sarif_validates_against_the_schema(tmp_path):
    log = json.loads(format_sarif([TITLE, BAND, NOTE], ["f1", "f2", "f3"], RULES, tmp_path))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(RULES)
    first = run["results"][0]
    assert first["ruleId"] == "vague-title"
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "vague-title"
    assert first["level"] == "warning"
    assert (
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "roles/a%20b.yaml"
    )
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 8,
        "endLine": 3,
        "endColumn": 16,
    }
    assert first["partialFingerprints"] == {"jdgen/v1": "f1"}
    assert [r["level"] for r in run["results"]] == ["warning", "error", "note"]
    assert run["automationDetails"] == {"id": "jdgen/"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_every_sarif_rule_has_precision_and_severity(tmp_path):
    log = json.loads(format_sarif([], [], RULES, tmp_path, "hiring"))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {r["properties"]["precision"] for r in rules} <= {"very-high", "high", "medium", "low"}
    severity = {r["id"]: r["properties"]["problem.severity"] for r in rules}
    assert severity["salary-band"] == "error"
    assert severity["gender-coded"] == "warning"
    assert log["runs"][0]["automationDetails"] == {"id": "jdgen/hiring/"}


def test_sarif_rule_metadata_carries_the_help_text(tmp_path):
    log = json.loads(format_sarif([], [], RULES, tmp_path))
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert "Failing example" in rules["vague-title"]["help"]["text"]
    assert rules["salary-band"]["defaultConfiguration"]["level"] == "error"


NOWHERE = Problem("?", 1, 1, None, Level.ERROR, "the workspace has no roles")


def test_a_problem_of_no_file(tmp_path):
    assert format_github(NOWHERE) == "::error title=jdgen::the workspace has no roles"
    [result] = json.loads(format_sarif([NOWHERE], ["f"], RULES, tmp_path))["runs"][0]["results"]
    assert "locations" not in result
    [issue] = json.loads(format_gitlab([NOWHERE], ["f"]))
    assert issue["location"]["path"] == ".jdgen.yaml"


def test_github_ends_are_inclusive():
    block = Problem("roles/x.yaml", 8, 10, "r", Level.WARNING, "m", None, 23, 1)
    assert format_github(block) == "::warning file=roles/x.yaml,line=8,col=10,endLine=22,title=r::m"

"""The role file's JSON Schema: committed in sync, and true to the files jdgen accepts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from jdgen.cli import main
from jdgen.load.workspace import Workspace
from jdgen.model.json_schema import role_schema

REPO = Path(__file__).resolve().parent.parent
COMMITTED = REPO / "schema" / "role.schema.json"
WORKSPACES = [REPO, REPO / "tests/fixtures/golden/workspace", REPO / "jdgen/data/scaffold"]
EDITOR = jsonschema.Draft202012Validator(role_schema())
MERGED = jsonschema.Draft202012Validator(role_schema(editor=False))


def as_an_editor_reads(value: Any) -> Any:
    """YAML as a YAML language server sees it: dates are strings."""
    if isinstance(value, dict):
        return {k: as_an_editor_reads(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_an_editor_reads(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def errors(validator: jsonschema.Validator, data: Any) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(as_an_editor_reads(data))]


def test_the_schemas_are_valid_json_schemas() -> None:
    jsonschema.Draft202012Validator.check_schema(role_schema())
    jsonschema.Draft202012Validator.check_schema(role_schema(editor=False))


def test_the_committed_schema_is_what_jdgen_schema_prints() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == role_schema()
    # After a change to the model: jdgen schema > schema/role.schema.json
    assert COMMITTED.read_text(encoding="utf-8") == result.stdout


def raw_files() -> list[Path]:
    found = [p for root in WORKSPACES for p in sorted((root / "roles").glob("*.yaml"))]
    return [*found, REPO / "jdgen/data/scaffold/account-manager.yaml"]


@pytest.mark.parametrize("path", raw_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_shipped_role_file_validates_as_written(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if path.name.startswith("_company."):  # its defaults (and their translation) are role keys
        data = data.get("defaults", {})
    assert errors(EDITOR, data) == []


@pytest.mark.parametrize(
    "root", [REPO, REPO / "tests/fixtures/golden/workspace"], ids=["repo", "golden"]
)
def test_every_shipped_role_validates_after_the_merge(root: Path) -> None:
    ws = Workspace(root)
    for path in ws.role_files():
        role = ws.load_role(path).role
        data = role.model_dump(mode="json", exclude_defaults=True)
        assert errors(MERGED, data) == [], path.name


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("dutes: []", "$: Additional properties are not allowed ('dutes' was unexpected)"),
        ("level: boss", "$.level: 'boss' is not one of"),
        ("salary: {min: lots}", "$.salary.min: 'lots' is not valid under any of the given schemas"),
        ("requirements: {must: [{txt: x}]}", "$.requirements.must[0]: Additional properties"),
        (
            "hiring: {stages: {a: {duration: soon}}}",
            "$.hiring.stages.a.duration: 'soon' does not match",
        ),
        ("extends: 3", "$.extends: 3 is not of type 'string'"),
    ],
)
def test_the_editor_schema_flags_mistakes(text: str, problem: str) -> None:
    data = as_an_editor_reads(yaml.safe_load(text))
    assert len(list(EDITOR.iter_errors(data))) == 1
    best = jsonschema.exceptions.best_match(EDITOR.iter_errors(data))
    assert f"{best.json_path}: {best.message}".startswith(problem)


def test_the_editor_schema_accepts_appends_removals_and_short_forms() -> None:
    text = """
    extends: _base.yaml
    duties+: [Answer the phone]
    requirements: {must+: [Fluent Spanish], nice: null}
    education: [A degree]
    apply: careers@example.com
    salary: null
    hiring: {stages: {case: null, call: {duration: 1h30m, questions: [warm-up], assesses+: [x]}}}
    """
    assert errors(EDITOR, yaml.safe_load(text)) == []


def test_the_merged_schema_requires_title_and_level() -> None:
    assert errors(MERGED, {"title": "Account Manager"}) == ["$: 'level' is a required property"]

"""Keep the registry honest: every rule is documented, and its examples are true."""

from __future__ import annotations

import dataclasses
import inspect
import re
import textwrap

import pytest

from jdgen.diagnostics import Level
from jdgen.lint.facts import Band, RoleFacts
from jdgen.lint.registry import RULES, get_rule
from tests.rules.common import complaints, run

EXAMPLE = re.compile(r"^(Passing|Failing) example::\n\n((?:    .*\n|\n)+)", re.MULTILINE)


def examples(module) -> dict[str, str]:
    doc = inspect.getdoc(module) + "\n"
    return {kind: textwrap.dedent(body).strip() + "\n" for kind, body in EXAMPLE.findall(doc)}


@pytest.mark.parametrize("rule_id", RULES)
def test_rule_module_header(rule_id):
    module = RULES[rule_id]
    assert rule_id == module.ID
    assert module.__name__.rsplit(".", 1)[-1] == rule_id.replace("-", "_")
    assert Level.parse(module.LEVEL) in Level
    assert isinstance(module.DEFAULT, dict)
    entry_points = ("check", "check_workspace")
    # schema has none: loading reports its problems (jdgen.load), whatever the command
    assert any(hasattr(module, name) for name in entry_points) != (rule_id == "schema")


@pytest.mark.parametrize("rule_id", [r for r, m in RULES.items() if hasattr(m, "check_workspace")])
def test_a_workspace_rule_reads_only_the_facts_kept_of_each_role(rule_id):
    """What check_workspace reads of a role must be in RoleFacts, which is all a lint of
    one file has of the others (kept between runs)."""
    source = inspect.getsource(RULES[rule_id].check_workspace)
    fields = {f.name for f in dataclasses.fields(RoleFacts)} | {"mark"}
    read = set(re.findall(r"\b(?:role|other|high|low|r)\.(\w+)", source))
    assert read <= fields, f"check_workspace reads {sorted(read - fields)}, not kept"
    band = set(re.findall(r"\b(?:band|mine|theirs|a|b|s)\.(\w+)", source))
    assert band <= {f.name for f in dataclasses.fields(Band)}


@pytest.mark.parametrize("rule_id", RULES)
def test_rule_is_documented_with_both_examples(rule_id):
    doc = inspect.getdoc(RULES[rule_id]) or ""
    assert len(doc.split("\n\n", 1)[0]) > 20, "the first paragraph describes the rule"
    assert set(examples(RULES[rule_id])) == {"Passing", "Failing"}


@pytest.mark.parametrize("rule_id", RULES)
def test_passing_example_passes(rule_id, tmp_path):
    problems = run(tmp_path, examples(RULES[rule_id])["Passing"])
    assert complaints(problems, rule_id) == []


@pytest.mark.parametrize("rule_id", RULES)
def test_failing_example_fails(rule_id, tmp_path):
    problems = run(tmp_path, examples(RULES[rule_id])["Failing"])
    assert complaints(problems, rule_id)


def test_the_fixture_base_is_clean(tmp_path):
    assert complaints(run(tmp_path, "title: Senior Account Manager\n")) == []


def test_unknown_rule_lookup_suggests_the_closest():
    with pytest.raises(KeyError, match="did you mean 'vague-title'"):
        get_rule("vauge-title")

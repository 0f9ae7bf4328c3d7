"""jdgen.load.merge and ``extends``: replace, append, remove, and positions that follow the merge."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from jdgen.load.merge import merge
from jdgen.load.source import Mark, parse_yaml
from jdgen.load.workspace import MAX_EXTENDS_DEPTH

BASE = """\
title: Account Manager
level: mid
duties:
  - Call customers
  - Write account plans
skills: [Negotiation, Listening]
travel: Some travel.
requirements:
  must:
    - id: crm
      text: A CRM
  nice:
    - Spanish
salary:
  min: 40000
  max: 50000
"""


def where(mark: Mark | None) -> tuple[str, int, int] | None:
    return (mark.file, mark.line, mark.column) if mark else None


def child(text: str) -> dict[str, str]:
    return {"roles/_base.yaml": BASE, "roles/x.yaml": "extends: _base.yaml\n" + text}


# -- the merge rules ------------------------------------------------------------------


def test_scalars_and_lists_replace(load_role) -> None:
    role = load_role(child("title: Key Account Manager\nskills: [Planning]\n")).role
    assert role.title == "Key Account Manager"
    assert role.skills == ["Planning"]
    assert role.duties == ["Call customers", "Write account plans"]


def test_mappings_merge_key_by_key(load_role) -> None:
    role = load_role(child("salary:\n  max: 60000\n  currency: EUR\n")).role
    assert (role.salary.min, role.salary.max, role.salary.currency) == (40000, 60000, "EUR")


def test_key_plus_appends_to_the_inherited_list(load_role) -> None:
    role = load_role(child("duties+:\n  - Renew contracts\n")).role
    assert role.duties == ["Call customers", "Write account plans", "Renew contracts"]


def test_nested_must_plus_appends(load_role) -> None:
    text = "requirements:\n  must+:\n    - Three years in sales\n  nice+: [French]\n"
    requirements = load_role(child(text)).role.requirements
    assert [r.id for r in requirements.must] == ["crm", "three-years-in-sales"]
    assert [r.text for r in requirements.nice] == ["Spanish", "French"]


def test_appending_to_nothing_starts_a_list(load_role) -> None:
    role = load_role(child("benefits+: [Gym]\n")).role
    assert role.benefits == ["Gym"]


def test_key_plus_without_any_base_starts_a_list(load_role) -> None:
    role = load_role({"roles/x.yaml": "title: T\nlevel: mid\nduties+: [Sell]\n"}).role
    assert role.duties == ["Sell"]


def test_an_appended_requirement_cannot_reuse_an_inherited_id(role_errors) -> None:
    text = "requirements:\n  must+:\n    - id: crm\n      text: Another CRM\n"
    assert role_errors(child(text)) == [
        "roles/x.yaml:4:7: error [schema] requirements.must[1]: duplicate requirement id 'crm' "
        "(first used in roles/_base.yaml on line 10)"
    ]


def test_key_plus_inside_a_new_mapping_just_sets_the_list(load_role) -> None:
    files = {
        "roles/_base.yaml": "title: T\nlevel: mid\n",
        "roles/x.yaml": "extends: _base.yaml\nrequirements:\n  must+: [Sell]\n",
    }
    assert [r.text for r in load_role(files).role.requirements.must] == ["Sell"]


def test_null_removes_the_inherited_value(load_role) -> None:
    role = load_role(child("travel: null\nsalary:\n  max: ~\nrequirements:\n  nice:\n")).role
    assert role.travel is None
    assert (role.salary.min, role.salary.max) == (40000, None)
    assert role.requirements.nice == []


def test_replacing_a_mapping_with_a_scalar_replaces_it(role_errors) -> None:
    assert role_errors(child("salary: lots\n")) == [
        "roles/x.yaml:2:9: error [schema] salary: expected a mapping, got 'lots'"
    ]


def test_merge_leaves_its_inputs_alone() -> None:
    base, base_pos = parse_yaml("a: {b: 1}\nl: [1]\n", "base.yaml")
    over, over_pos = parse_yaml("a: {c: 2}\nl+: [2]\nd: null\n", "child.yaml")
    before = copy.deepcopy((base, base_pos, over, over_pos))
    merged, _ = merge(base, base_pos, over, over_pos)
    assert merged == {"a": {"b": 1, "c": 2}, "l": [1, 2]}
    assert (base, base_pos, over, over_pos) == before


# -- errors in the merge ----------------------------------------------------------------


def test_appending_something_that_is_not_a_list(role_errors) -> None:
    assert role_errors(child("duties+: Renew contracts\n")) == [
        "roles/x.yaml:2:1: error [schema] 'duties+' appends to a list, but its value is not a list"
    ]


def test_appending_to_something_that_is_not_a_list(role_errors) -> None:
    assert role_errors(child("travel+: [More]\n")) == [
        "roles/x.yaml:2:1: error [schema] 'travel+' appends to a list, but 'travel' is not a list"
    ]


def test_an_error_in_an_inherited_value_points_at_the_base_file(role_errors) -> None:
    files = {
        "roles/_base.yaml": "level: mid\nsalary:\n  min: lots\n",
        "roles/x.yaml": "extends: _base.yaml\ntitle: T\n",
    }
    assert role_errors(files) == [
        "roles/_base.yaml:3:8: error [schema] salary.min: expected a number, got 'lots'"
    ]


def test_an_error_in_an_appended_item_points_at_the_child_with_its_merged_index(
    role_errors,
) -> None:
    assert role_errors(child("duties+:\n  - Renew contracts\n  - 42\n")) == [
        "roles/x.yaml:4:5: error [schema] duties[3]: expected text, got 42"
    ]


def test_a_missing_key_is_reported_in_the_role_file_not_its_base(role_errors) -> None:
    files = {
        "roles/_base.yaml": "level: mid\nduties: [Sell]\n",
        "roles/x.yaml": "# A role without a title\nextends: _base.yaml\n",
    }
    assert role_errors(files) == ["roles/x.yaml:2:1: error [schema] missing required key 'title'"]


def test_a_missing_key_is_reported_in_the_role_file_not_the_company_file(role_errors) -> None:
    files = {
        "roles/_company.yaml": "name: Tramuntana\ndefaults:\n  benefits: [Dental]\n",
        "roles/x.yaml": "level: mid\n",
    }
    assert role_errors(files) == ["roles/x.yaml:1:1: error [schema] missing required key 'title'"]


# -- positions after the merge -------------------------------------------------------------


def test_positions_follow_the_merge(load_role) -> None:
    text = (
        "title: Key Account Manager\n"  # line 2
        "duties+:\n"
        "  - Renew contracts\n"  # line 4
        "skills: [Planning]\n"  # line 5
        "requirements:\n"
        "  must+:\n"
        "    - Three years in sales\n"  # line 8
        "salary:\n"
        "  max: 60000\n"  # line 10
    )
    positions = load_role(child(text)).positions
    base, own = "roles/_base.yaml", "roles/x.yaml"
    assert where(positions.of(("level",))) == (base, 2, 8)
    assert where(positions.of(("title",))) == (own, 2, 8)
    assert where(positions.of(("duties", 0))) == (base, 4, 5)
    assert where(positions.of(("duties", 1))) == (base, 5, 5)
    assert where(positions.of(("duties", 2))) == (own, 4, 5)
    assert where(positions.key_of(("duties",))) == (own, 3, 1)
    assert where(positions.of(("skills", 0))) == (own, 5, 10)
    assert ("skills", 1) not in positions.values  # the replaced list's second item is gone
    assert where(positions.of(("requirements", "must", 0))) == (base, 10, 7)
    assert where(positions.of(("requirements", "must", 1))) == (own, 8, 7)
    assert where(positions.key_of(("requirements", "must"))) == (own, 7, 3)
    assert where(positions.of(("requirements", "nice", 0))) == (base, 13, 7)
    assert where(positions.of(("salary", "min"))) == (base, 15, 8)
    assert where(positions.of(("salary", "max"))) == (own, 10, 8)
    assert where(positions.key_of(("salary", "max"))) == (own, 10, 3)
    assert where(positions.of(())) == (own, 1, 1)


def test_removed_values_lose_their_positions(load_role) -> None:
    positions = load_role(child("travel: null\nsalary: {max: null}\n")).positions
    assert ("travel",) not in positions.values
    assert ("travel",) not in positions.keys
    assert ("salary", "max") not in positions.values
    assert where(positions.of(("salary", "min"))) == ("roles/_base.yaml", 15, 8)


def test_a_chain_of_three(load_role) -> None:
    files = {
        "roles/_a.yaml": "level: mid\nduties: [From a]\nskills: [A]\n",
        "roles/_b.yaml": "extends: _a.yaml\nduties+: [From b]\ntravel: From b.\n",
        "roles/x.yaml": "extends: _b.yaml\ntitle: T\nduties+: [From x]\nskills+: [X]\n",
    }
    loaded = load_role(files)
    assert loaded.role.duties == ["From a", "From b", "From x"]
    assert loaded.role.skills == ["A", "X"]
    assert loaded.role.travel == "From b."
    assert [where(loaded.positions.of(("duties", i))) for i in range(3)] == [
        ("roles/_a.yaml", 2, 10),
        ("roles/_b.yaml", 2, 11),
        ("roles/x.yaml", 3, 11),
    ]
    assert where(loaded.positions.of(("travel",))) == ("roles/_b.yaml", 3, 9)
    assert where(loaded.positions.of(("skills", 1))) == ("roles/x.yaml", 4, 11)
    assert [p.name for p in loaded.files] == ["x.yaml", "_b.yaml", "_a.yaml"]


def test_a_base_in_a_subfolder(load_role) -> None:
    files = {
        "roles/bases/_sales.yaml": "level: mid\n",
        "roles/x.yaml": "extends: bases/_sales.yaml\ntitle: T\n",
    }
    assert load_role(files).role.level == "mid"


# -- the company defaults: the bottom layer -------------------------------------------------

COMPANY = """\
name: Tramuntana Software
defaults:
  location:
    city: Denver
    region: CO
    country: US
    workplace: hybrid
  salary: {currency: USD, period: year}
  benefits: [Dental]
  travel: From the company.
"""


def test_company_defaults_are_the_bottom_layer(load_role) -> None:
    files = {
        "roles/_company.yaml": COMPANY,
        "roles/_base.yaml": "level: mid\ntravel: From the base.\nbenefits+: [Pension]\n",
        "roles/x.yaml": (
            "extends: _base.yaml\n"
            "title: T\n"
            "location: {city: Boulder}\n"
            "salary: {min: 1}\n"
            "benefits+: [Gym]\n"
        ),
    }
    loaded = load_role(files)
    role = loaded.role
    assert (role.location.city, role.location.region, role.location.workplace) == (
        "Boulder",
        "CO",
        "hybrid",
    )
    assert (role.salary.min, role.salary.currency) == (1, "USD")
    assert role.benefits == ["Dental", "Pension", "Gym"]
    assert role.travel == "From the base."
    assert where(loaded.positions.of(("location", "region"))) == ("roles/_company.yaml", 5, 13)
    assert where(loaded.positions.of(("location", "city"))) == ("roles/x.yaml", 3, 18)
    assert [where(loaded.positions.of(("benefits", i))) for i in range(3)] == [
        ("roles/_company.yaml", 9, 14),
        ("roles/_base.yaml", 3, 13),
        ("roles/x.yaml", 5, 13),
    ]
    assert [p.name for p in loaded.files] == ["x.yaml", "_base.yaml", "_company.yaml"]


def test_a_role_can_remove_a_company_default(load_role) -> None:
    files = {"roles/_company.yaml": COMPANY, "roles/x.yaml": "title: T\nlevel: mid\ntravel:\n"}
    assert load_role(files).role.travel is None


def test_a_bad_company_default_is_reported_in_the_company_file(role_errors) -> None:
    files = {
        "roles/_company.yaml": "name: Tramuntana\ndefaults:\n  salary: {min: lots}\n",
        "roles/x.yaml": "title: T\nlevel: mid\n",
    }
    assert role_errors(files) == [
        "roles/_company.yaml:3:17: error [schema] salary.min: expected a number, got 'lots'"
    ]


# -- extends errors ------------------------------------------------------------------------


def test_inheritance_loop(role_errors) -> None:
    files = {
        "roles/_a.yaml": "extends: _b.yaml\n",
        "roles/_b.yaml": "extends: _a.yaml\n",
        "roles/x.yaml": "extends: _a.yaml\ntitle: T\n",
    }
    assert role_errors(files) == [
        "roles/_b.yaml:1:10: error [schema] extends: inheritance loop: "
        "roles/_a.yaml -> roles/_b.yaml -> roles/_a.yaml"
    ]


def test_a_file_that_extends_itself(role_errors) -> None:
    assert role_errors({"roles/x.yaml": "extends: x.yaml\ntitle: T\n"}) == [
        "roles/x.yaml:1:10: error [schema] extends: inheritance loop: roles/x.yaml -> roles/x.yaml"
    ]


def test_missing_base_with_a_suggestion(role_errors) -> None:
    files = {"roles/_base.yaml": "level: mid\n", "roles/x.yaml": "extends: _bsae.yaml\n"}
    assert role_errors(files) == [
        "roles/x.yaml:1:10: error [schema] extends: no such file '_bsae.yaml' (did you mean '_base.yaml'?)"
    ]


def test_missing_base_without_a_suggestion(role_errors) -> None:
    assert role_errors({"roles/x.yaml": "extends: shared/_sales.yaml\n"}) == [
        "roles/x.yaml:1:10: error [schema] extends: no such file 'shared/_sales.yaml'"
    ]


def test_extends_outside_the_workspace(role_errors, tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text("title: Stolen\nlevel: mid\n")
    # The workspace is tmp_path/ws, so ../../outside.yaml from roles/ leaves it.
    assert role_errors({"roles/x.yaml": "extends: ../../outside.yaml\n"}) == [
        "roles/x.yaml:1:10: error [schema] extends: '../../outside.yaml' is outside the workspace"
    ]


def test_extends_an_absolute_path(role_errors) -> None:
    assert role_errors({"roles/x.yaml": "extends: /etc/passwd\n"}) == [
        "roles/x.yaml:1:10: error [schema] extends: '/etc/passwd' is outside the workspace"
    ]


def test_extends_through_a_symbolic_link_out_of_the_workspace(
    make_workspace, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("title: Stolen\nlevel: mid\n")
    ws = make_workspace({"roles/x.yaml": "extends: _base.yaml\n"})
    (ws.roles_dir / "_base.yaml").symlink_to(outside)
    with pytest.raises(Exception) as caught:
        ws.load_role(ws.roles_dir / "x.yaml")
    assert caught.value.format_message() == (
        "roles/x.yaml:1:10: error [schema] extends: '_base.yaml' is outside the workspace"
    )


def test_extends_a_file_beside_roles_inside_the_workspace(load_role) -> None:
    # The workspace, not roles/, is the boundary.
    files = {"shared.yaml": "level: mid\n", "roles/x.yaml": "extends: ../shared.yaml\ntitle: T\n"}
    assert load_role(files).role.level == "mid"


@pytest.mark.parametrize("value", ["5", "''", "[_base.yaml]"])
def test_extends_must_be_a_path(role_errors, value: str) -> None:
    assert role_errors({"roles/x.yaml": f"extends: {value}\ntitle: T\n"}) == [
        "roles/x.yaml:1:10: error [schema] extends: expected the path of a file to inherit from, "
        "like '_base.yaml'"
    ]


def test_too_long_a_chain(role_errors) -> None:
    n = MAX_EXTENDS_DEPTH + 2
    files = {f"roles/_b{i}.yaml": f"extends: _b{i + 1}.yaml\n" for i in range(n)}
    files[f"roles/_b{n}.yaml"] = "level: mid\n"
    files["roles/x.yaml"] = "extends: _b0.yaml\ntitle: T\n"
    assert role_errors(files) == [
        f"roles/_b{MAX_EXTENDS_DEPTH - 1}.yaml:1:10: error [schema] extends: more than "
        f"{MAX_EXTENDS_DEPTH} levels of inheritance"
    ]


def test_a_chain_at_the_limit_is_fine(load_role) -> None:
    n = MAX_EXTENDS_DEPTH - 1  # the role and n + 1 bases: MAX_EXTENDS_DEPTH levels
    files = {f"roles/_b{i}.yaml": f"extends: _b{i + 1}.yaml\n" for i in range(n)}
    files[f"roles/_b{n}.yaml"] = "level: mid\n"
    files["roles/x.yaml"] = "extends: _b0.yaml\ntitle: T\n"
    assert load_role(files).role.level == "mid"


def test_a_broken_base_is_reported_in_the_base(role_errors) -> None:
    files = {"roles/_base.yaml": "level: [mid\n", "roles/x.yaml": "extends: _base.yaml\n"}
    assert role_errors(files) == [
        "roles/_base.yaml:2:1: error [schema] invalid YAML: did not find expected ',' or ']' "
        "(while parsing a flow sequence)"
    ]

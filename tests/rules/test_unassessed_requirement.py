"""unassessed-requirement: every must-have is assessed by some stage, reported at its line."""

from __future__ import annotations

import shutil
from pathlib import Path

from jdgen.lint.run import lint_paths
from jdgen.load.workspace import Workspace
from tests.rules.common import check

REPO = Path(__file__).resolve().parents[2]

STAGES = """\
title: Senior Account Manager
level: senior
hiring:
  stages:
    screen:
      name: Recruiter screen
      kind: screen
      duration: 30
      assesses: [{assesses}]
"""


def test_all_assessed_passes(tmp_path):
    text = STAGES.format(assesses="account-management-experience, revenue-targets, crm-records")
    check(tmp_path, text, "unassessed-requirement", [])


def test_each_unassessed_must_have_is_reported_at_its_own_line_in_the_base(tmp_path):
    problems = check(tmp_path, STAGES.format(assesses="crm-records"), "unassessed-requirement", [])
    assert [(p.path, p.line, p.column, p.message) for p in problems] == [
        (
            "roles/_base.yaml",
            31,
            7,
            "must-have 'account-management-experience' is not assessed by any interview stage",
        ),
        (
            "roles/_base.yaml",
            33,
            7,
            "must-have 'revenue-targets' is not assessed by any interview stage",
        ),
    ]
    assert problems[0].suggestion == (
        "add 'account-management-experience' to a stage's 'assesses' list, or make it a nice-to-have"
    )


def test_a_must_have_added_by_the_role_is_reported_in_the_role_file(tmp_path):
    text = STAGES.format(assesses="account-management-experience, revenue-targets, crm-records") + (
        "requirements:\n  must+:\n    - id: driving\n      text: A driving licence\n"
    )
    check(tmp_path, text, "unassessed-requirement", [(12, 7)])


def test_nice_to_haves_need_no_stage(tmp_path):
    text = STAGES.format(assesses="account-management-experience, revenue-targets, crm-records")
    check(
        tmp_path, text + "requirements:\n  nice+: [Fluent Catalan]\n", "unassessed-requirement", []
    )


def test_a_role_without_a_hiring_section_is_not_checked(tmp_path):
    check(tmp_path, "title: Senior Account Manager\n", "unassessed-requirement", [])


def test_removing_an_assesses_entry_from_a_shipped_role_fails_at_the_requirement(tmp_path):
    shutil.copytree(REPO / "roles", tmp_path / "roles")
    role = tmp_path / "roles" / "key-account-manager.yaml"
    text = role.read_text()
    role.write_text(
        text.replace(
            "assesses+: [negotiation-record, project-management]", "assesses+: [project-management]"
        )
    )
    line = text.splitlines().index("    - id: negotiation-record") + 1
    report = lint_paths(Workspace(tmp_path), [role])
    problems = [p for p in report.problems if p.rule == "unassessed-requirement"]
    assert [(p.path, p.line, p.column, str(p.level)) for p in problems] == [
        ("roles/key-account-manager.yaml", line, 7, "error")
    ]

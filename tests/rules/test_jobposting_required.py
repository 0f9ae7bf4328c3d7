"""jobposting-required: what Google for Jobs needs, reported where the role should say it."""

from __future__ import annotations

from pathlib import Path

from jdgen.lint.run import lint_paths
from tests.rules.common import TODAY, check, run, workspace

RULE = "jobposting-required"


def test_a_remote_job_without_regions_is_reported_at_workplace(tmp_path: Path) -> None:
    text = "title: Senior Account Manager\nlocation:\n  workplace: remote\n"
    [problem] = check(tmp_path, text, RULE, [(3, 14)])
    assert problem.message == (
        "a remote job must say where applicants may live (JobPosting applicantLocationRequirements)"
    )
    assert problem.suggestion == "add location.remote_regions, such as [US] or [ES, PT]"
    assert str(problem.level) == "warning"


def test_a_remote_job_with_regions_passes(tmp_path: Path) -> None:
    text = "location:\n  workplace: remote\n  remote_regions: [US]\n"
    check(tmp_path, text, RULE, [])


def test_a_location_without_an_address_is_reported_where_the_location_is(tmp_path: Path) -> None:
    text = (
        "title: Senior Account Manager\nlocation:\n  city: null\n  region: null\n  country: null\n"
    )
    problems = [p for p in run(tmp_path, text) if p.rule == RULE]
    # The location left is the one the base defines (its workplace); the role emptied it.
    assert [(p.path, p.line, p.column) for p in problems] == [("roles/_base.yaml", 61, 3)]
    assert problems[0].message.startswith("the location has no city, region or country")


def test_no_location_is_reported_at_the_title(tmp_path: Path) -> None:
    [problem] = check(tmp_path, "title: Senior Account Manager\nlocation: null\n", RULE, [(1, 8)])
    assert problem.message == "no location: the JobPosting data has no jobLocation"


def test_no_company_file_is_reported_at_the_title(tmp_path: Path) -> None:
    ws = workspace(tmp_path, {"role": "title: Senior Account Manager\n"})
    (ws.roles_dir / "_company.yaml").unlink()
    problems = [
        p
        for p in lint_paths(ws, [ws.roles_dir / "role.yaml"], today=TODAY).problems
        if p.rule == RULE
    ]
    assert [(p.path, p.line, p.column, p.message) for p in problems] == [
        (
            "roles/role.yaml",
            1,
            8,
            "no hiring organization for the JobPosting data: the workspace has no company file",
        )
    ]


def test_a_role_with_nothing_to_describe_is_reported(tmp_path: Path) -> None:
    text = "title: Senior Account Manager\nsummary: null\nduties: null\nrequirements: null\n"
    [problem] = check(tmp_path, text, RULE, [(1, 8)])
    assert problem.message.startswith("no description for the JobPosting data")

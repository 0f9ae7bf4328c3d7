"""Hiring plans: stage order, kits by stage kind, scorecard, coverage, the question bank."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jdgen.errors import ConfigFileError
from jdgen.hiring.plan import RATING_SCALE, format_minutes, hiring_plan
from jdgen.load.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
SHIPPED = (
    "junior-account-manager",
    "senior-account-manager",
    "key-account-manager",
    "strategic-account-manager",
)


@pytest.fixture(scope="module")
def shipped() -> Workspace:
    return Workspace(REPO)


def plan_of(ws: Workspace, role_id: str):
    loaded = ws.load_role(ws.roles_dir / f"{role_id}.yaml")
    return loaded, hiring_plan(loaded.id, loaded.role, ws.question_bank)


@pytest.mark.parametrize("role_id", SHIPPED)
def test_every_shipped_must_have_is_assessed(shipped, role_id):
    loaded, plan = plan_of(shipped, role_id)
    assert plan is not None
    assert plan.unassessed == []
    musts = [r.id for r in loaded.role.requirements.must]
    covered = {a.id for a, cells in plan.coverage if any(cells)}
    assert set(musts) <= covered


@pytest.mark.parametrize("role_id", SHIPPED)
def test_every_shipped_stage_has_a_kit(shipped, role_id):
    _, plan = plan_of(shipped, role_id)
    for stage in plan.stages:
        if stage.kind != "offer":
            assert stage.attributes and stage.questions, stage.id


def test_the_shipped_variations(shipped):
    stages = {r: [s.id for s in plan_of(shipped, r)[1].stages] for r in SHIPPED}
    assert stages["junior-account-manager"] == [
        "screen",
        "manager",
        "role-play",
        "team",
        "references",
        "offer",
    ]
    assert stages["senior-account-manager"] == [
        "screen",
        "manager",
        "case",
        "team",
        "references",
        "offer",
    ]
    for role_id in ("key-account-manager", "strategic-account-manager"):
        assert stages[role_id] == [
            "screen",
            "manager",
            "case",
            "account-plan",
            "team",
            "references",
            "offer",
        ]


def test_scorecard_uses_the_fixed_scale_and_groups_by_category(shipped):
    _, plan = plan_of(shipped, "key-account-manager")
    assert plan.scale == RATING_SCALE == ("Strong no", "No", "Mixed", "Yes", "Strong yes")
    categories = [name for name, _ in plan.scorecard]
    assert categories[0] == "Must-have requirements"
    assert set(categories) == {
        "Must-have requirements",
        "Working with customers",
        "Commercial skills",
        "Ways of working",
    }


def test_kits_by_stage_kind(tmp_path, make_workspace):
    ws = make_workspace(
        {
            "roles/r.yaml": """
                title: Senior Account Manager
                level: senior
                requirements:
                  must: [{id: renewals, text: Three years of renewals}]
                competencies:
                  - {id: negotiation, name: Negotiation, description: Agrees fair terms.}
                  - {id: listening, name: Listening, description: Hears the need.}
                  - {id: teamwork, name: Teamwork, description: Works with others.}
                hiring:
                  stages:
                    talk: {name: Talk, kind: interview, duration: 1h, assesses: [negotiation]}
                    panel: {name: Panel, kind: interview, duration: 1h, assesses: [negotiation, listening, teamwork, renewals]}
                    case: {name: Case, kind: exercise, duration: 45m, assesses: [negotiation, renewals]}
                    refs: {name: Refs, kind: reference, duration: 20, assesses: [listening, renewals]}
                    own:
                      name: Own
                      kind: interview
                      duration: 30
                      assesses: [negotiation]
                      questions: [negotiation-walk-away, {text: Why us?, strong: [Knows us]}]
            """
        }
    )
    loaded = ws.load_role(ws.roles_dir / "r.yaml")
    plan = {s.id: s for s in hiring_plan("r", loaded.role, ws.question_bank).stages}
    bank = ws.question_bank.competencies
    # One or two competencies: two bank questions each; more: one each, plus a probe per requirement.
    assert [q.text for q in plan["talk"].questions] == [q.text for q in bank["negotiation"][:2]]
    panel = [q.text for q in plan["panel"].questions]
    assert panel[:3] == [bank[c][0].text for c in ("negotiation", "listening", "teamwork")]
    assert panel[3] == "Ask for a specific, recent example that shows: three years of renewals."
    # Exercises list what to look for; reference checks ask the referee.
    assert plan["case"].looks_for
    assert [q.text for q in plan["case"].questions] == [
        "Negotiation: Agrees fair terms.",
        "Three years of renewals.",
    ]
    assert plan["case"].questions[0].strong == tuple(bank["negotiation"][0].strong)
    assert [q.text for q in plan["refs"].questions] == [
        "Ask the referee for an example of the candidate's listening at work.",
        "Ask the referee to confirm, with an example: three years of renewals.",
    ]
    # A stage's own questions replace the bank's for the competencies they cover.
    own = plan["own"].questions
    assert [q.text for q in own] == [
        ws.question_bank.question("negotiation-walk-away")[1].text,
        "Why us?",
    ]
    assert own[1].strong == ("Knows us",)


def test_stages_run_by_order_then_by_place(make_workspace):
    ws = make_workspace(
        {
            "roles/_base.yaml": """
                hiring:
                  stages:
                    a: {name: A, kind: screen, duration: 10, assesses: [x], order: 10}
                    b: {name: B, kind: interview, duration: 10, assesses: [x], order: 20}
                    z: {name: Z, kind: offer, duration: 10, order: 90}
            """,
            "roles/r.yaml": """
                extends: _base.yaml
                title: Senior Account Manager
                level: senior
                requirements: {must: [{id: x, text: X}]}
                hiring:
                  stages:
                    b: null
                    c: {name: C, kind: exercise, duration: 10, assesses: [x], order: 15}
            """,
        }
    )
    loaded = ws.load_role(ws.roles_dir / "r.yaml")
    plan = hiring_plan("r", loaded.role, ws.question_bank)
    assert [s.id for s in plan.stages] == ["a", "c", "z"]
    assert plan.total == "30 min"


@pytest.mark.parametrize(
    ("minutes", "text"), [(45, "45 min"), (60, "1 h"), (90, "1 h 30 min"), (315, "5 h 15 min")]
)
def test_format_minutes(minutes, text):
    assert format_minutes(minutes) == text


@pytest.mark.parametrize(
    ("duration", "minutes"),
    [(45, 45), ("45m", 45), ("1h", 60), ("1h30m", 90), ("1 h 30 min", 90), ("2 hours", 120)],
)
def test_durations(make_workspace, duration, minutes):
    ws = make_workspace(
        {
            "roles/r.yaml": f"""
                title: Senior Account Manager
                level: senior
                hiring: {{stages: {{a: {{name: A, kind: screen, duration: {duration!r}}}}}}}
            """
        }
    )
    assert ws.load_role(ws.roles_dir / "r.yaml").role.hiring.stages["a"].duration == minutes


def test_a_bad_duration_is_reported_at_its_line(make_workspace, role_errors):
    errors = role_errors(
        {
            "roles/r.yaml": """
                title: Senior Account Manager
                level: senior
                hiring:
                  stages:
                    a: {name: A, kind: screen, duration: soon}
            """
        },
        "r",
    )
    assert errors == [
        "roles/r.yaml:6:42: error [schema] hiring.stages.a.duration: expected minutes, or a duration "
        "like '45m', '1h' or '1h30m', got 'soon'"
    ]


def test_a_competency_id_may_not_reuse_a_requirement_id(role_errors):
    errors = role_errors(
        {
            "roles/r.yaml": """
                title: Senior Account Manager
                level: senior
                requirements: {must: [{id: negotiation, text: Negotiation experience}]}
                competencies:
                  - {id: negotiation, name: Negotiation, description: Agrees fair terms.}
            """
        },
        "r",
    )
    assert errors == [
        "roles/r.yaml:6:5: error [schema] competencies[0]: competency id is also a requirement id: "
        "'negotiation' (first used on line 4)"
    ]


def test_the_workspace_extends_the_question_bank(make_workspace):
    ws = make_workspace(
        {
            "roles/_questions.yaml": """
                negotiation+:
                  - id: negotiation-house
                    text: Tell me about your best deal.
                coaching: null
                juggling:
                  - {id: juggling-balls, text: How many balls?}
                interview_guidelines+: [Be kind.]
            """
        }
    )
    bank = ws.question_bank
    assert bank.competencies["negotiation"][-1].id == "negotiation-house"
    assert "coaching" not in bank.competencies
    assert bank.competencies["juggling"][0].text == "How many balls?"
    assert bank.interview_guidelines[-1] == "Be kind."


def test_a_broken_question_bank_is_a_config_error(make_workspace):
    ws = make_workspace({"roles/_questions.yaml": "negotiation:\n  - id: Bad Id\n    text: x\n"})
    with pytest.raises(ConfigFileError) as caught:
        ws.question_bank  # noqa: B018
    assert caught.value.format_message() == (
        "roles/_questions.yaml:2:9: error: competencies.negotiation[0].id: expected an id of "
        "lowercase letters, digits and hyphens, like 'crm-records', got 'Bad Id'"
    )


def test_a_role_without_a_hiring_section_has_no_plan(tmp_path):
    shutil.copytree(REPO / "tests" / "fixtures" / "golden" / "workspace", tmp_path / "ws")
    ws = Workspace(tmp_path / "ws")
    loaded = ws.load_role(ws.roles_dir / "support-specialist.yaml")
    assert hiring_plan(loaded.id, loaded.role, ws.question_bank) is None

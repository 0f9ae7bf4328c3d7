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


def test_one_scorecard_per_assessed_stage_on_the_fixed_scale(shipped):
    _, plan = plan_of(shipped, "key-account-manager")
    assert plan.scale == RATING_SCALE == ("Strong no", "No", "Mixed", "Yes", "Strong yes")
    assert [s.id for s in plan.scorecards] == [
        "screen",
        "manager",
        "case",
        "account-plan",
        "team",
        "references",
    ]
    for stage in plan.scorecards:
        assert stage.attributes


@pytest.mark.parametrize("role_id", SHIPPED)
def test_no_two_questions_in_a_shipped_plan_share_strong_answers(shipped, role_id):
    _, plan = plan_of(shipped, role_id)
    seen: dict[str, str] = {}
    for stage in plan.stages:
        for question in stage.questions:
            assert question.strong, question.text
            for line in question.strong:
                assert line not in seen, (line, seen.get(line), question.text)
                seen[line] = question.text


@pytest.mark.parametrize("role_id", SHIPPED)
def test_shipped_stages_ask_what_fits_their_time(shipped, role_id):
    _, plan = plan_of(shipped, role_id)
    for stage in plan.stages:
        assert stage.unasked == [], stage.id
        if stage.question_minutes is not None:
            assert sum(q.minutes for q in stage.questions) <= stage.question_minutes


KITS = """
    title: Senior Account Manager
    level: senior
    requirements:
      must:
        - {id: renewals, text: Three years of renewals}
        - {id: degree, text: A bachelor's degree in business}
        - {id: languages, text: Fluent Spanish and professional working English}
        - {id: crm, text: Clean records in a CRM}
        - id: forecasting
          text: Accurate quarterly forecasts
          question: {text: How did you forecast last quarter?, strong: [Names the method], warning: [Guesses]}
    competencies:
      - {id: negotiation, name: Negotiation, description: Agrees fair terms.}
      - {id: listening, name: Listening, description: Hears the need.}
      - {id: teamwork, name: Teamwork, description: Works with others.}
    hiring:
      stages:
        screen: {name: Screen, kind: screen, duration: 45, assesses: [crm, renewals, degree, languages]}
        talk: {name: Talk, kind: interview, duration: 1h, assesses: [negotiation]}
        panel: {name: Panel, kind: interview, duration: 1h, assesses: [negotiation, listening, teamwork, forecasting]}
        case: {name: Case, kind: exercise, duration: 45m, assesses: [negotiation, forecasting]}
        refs: {name: Refs, kind: reference, duration: 30, assesses: [listening, renewals, degree, crm]}
        own:
          name: Own
          kind: interview
          duration: 30
          assesses: [negotiation]
          questions: [negotiation-walk-away, {text: Why us?, strong: [Knows us]}]
"""


@pytest.fixture
def kits(make_workspace):
    ws = make_workspace({"roles/r.yaml": KITS})
    loaded = ws.load_role(ws.roles_dir / "r.yaml")
    plan = hiring_plan("r", loaded.role, ws.question_bank)
    return {s.id: s for s in plan.stages}, ws.question_bank.competencies


def test_requirements_are_asked_about_by_kind(kits):
    stages, _ = kits
    screen = stages["screen"].questions
    # Facts first and briefly; the language the plan is not held in gets a segment.
    assert [q.style for q in screen] == ["factual", "factual", "language", "behavioural"]
    assert screen[0].text.startswith("This role asks for three years of renewals. Which of your")
    assert "Which qualification do you hold" in screen[1].text
    assert screen[2].text.startswith("Hold the last ten minutes of this stage in Spanish")
    assert screen[3].text.startswith("Tell me about a recent situation that called for this: clean")
    assert stages["screen"].notes == [
        "The stage is held in English, so all of it shows the candidate's English "
        "(fluent Spanish and professional working English)."
    ]
    assert sum(q.minutes for q in screen) == 3 + 3 + 10 + 10 <= stages["screen"].question_minutes


def test_referees_confirm_facts_and_give_examples(kits):
    stages, _ = kits
    refs = {q.about: q for q in stages["refs"].questions}
    assert refs["Three years of renewals"].text.startswith("Ask the referee which role")
    assert (
        "a referee cannot confirm a qualification" in refs["A bachelor's degree in business"].text
    )
    assert refs["Clean records in a CRM"].strong[0] == (
        "The referee gives an example of their own that shows clean records in a CRM"
    )
    assert refs["Listening"].text == (
        "Ask the referee for an example of the candidate's listening at work."
    )
    # Scored against the competency itself, not a bank question the referee is not asked.
    assert refs["Listening"].strong == (
        "The referee gives an example of their own that shows listening",
        "It agrees with what the candidate told the interviewers about listening",
    )


def test_bank_questions_are_used_once_in_a_plan(kits):
    stages, bank = kits
    negotiation = [q.text for q in bank["negotiation"]]
    # An interview with time to spare asks two questions per competency.
    assert [q.text for q in stages["talk"].questions] == negotiation[:2]
    panel = stages["panel"].questions
    assert [q.text for q in panel] == [
        "How did you forecast last quarter?",
        negotiation[2],
        bank["listening"][0].text,
        bank["teamwork"][0].text,
    ]
    assert panel[0].strong == ("Names the method",)
    # Exercises list what to look for; the bank's negotiation questions are used up.
    assert stages["case"].looks_for
    case = stages["case"].questions
    assert [q.text for q in case] == [
        "Accurate quarterly forecasts.",
        "Negotiation: Agrees fair terms.",
    ]
    assert case[0].strong == ("Names the method",)
    assert case[1].strong[0] == (
        "A recent example that shows negotiation, with what the candidate did themselves"
    )
    # A stage's own questions are always asked.
    own = stages["own"].questions
    assert [q.text for q in own] == [negotiation[2], "Why us?"]
    assert own[1].strong == ("Knows us",)


def test_questions_that_do_not_fit_are_left_out(make_workspace):
    ws = make_workspace(
        {
            "roles/r.yaml": """
                title: Senior Account Manager
                level: senior
                requirements: {must: [{id: years, text: Five years in sales}]}
                competencies:
                  - {id: negotiation, name: Negotiation, description: Agrees fair terms.}
                  - {id: listening, name: Listening, description: Hears the need.}
                  - {id: teamwork, name: Teamwork, description: Works with others.}
                hiring:
                  stages:
                    screen:
                      name: Screen
                      kind: screen
                      duration: 30
                      assesses: [teamwork, listening, years, negotiation]
            """
        }
    )
    loaded = ws.load_role(ws.roles_dir / "r.yaml")
    (screen,) = hiring_plan("r", loaded.role, ws.question_bank).stages
    # 20 minutes for questions: the fact (3), then competencies in order (10 each).
    assert [q.about for q in screen.questions] == ["Five years in sales", "Teamwork"]
    assert [a.id for a in screen.unasked] == ["listening", "negotiation"]
    # What is not asked is not scored, and the kit says why.
    assert [a.id for a in screen.attributes] == ["teamwork", "years"]
    assert screen.notes == [
        "No time to ask about: Listening; Negotiation. Lengthen the stage, or assess them in "
        "another."
    ]
    assert screen.timing == (
        "Welcome and introductions: 5 min. Questions: about 13 min. "
        "The candidate's questions: 5 min."
    )


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

"""stage-overbooked: what a stage's time leaves no room to ask about, at its entry."""

from __future__ import annotations

from tests.rules.common import check

TEXT = """\
title: Senior Account Manager
level: senior
competencies:
  - {{id: negotiation, name: Negotiation, description: Agrees fair terms.}}
  - {{id: listening, name: Listening, description: Hears the need.}}
hiring:
  stages:
    screen:
      name: Recruiter screen
      kind: screen
      duration: {minutes}
      assesses: [account-management-experience, revenue-targets, negotiation, listening]
{questions}"""


def test_a_stage_long_enough_passes(tmp_path):
    # 45 minutes keep 35 for questions: 3 for the years, 10 for each of the other three.
    check(tmp_path, TEXT.format(minutes=45, questions=""), "stage-overbooked", [])


def test_what_does_not_fit_is_reported_at_its_entry(tmp_path):
    # 30 minutes keep 20: the years (3), revenue targets (10); then no room for a competency.
    problems = check(
        tmp_path,
        TEXT.format(minutes=30, questions=""),
        "stage-overbooked",
        [(12, 66), (12, 79)],
    )
    assert problems[0].message == (
        "stage 'screen' of role 'role' (30 min) has no time left to ask about 'negotiation'"
    )
    assert problems[0].suggestion == "lengthen the stage, or assess it in another stage"


def test_a_stages_own_questions_that_overrun_are_reported_at_questions(tmp_path):
    questions = (
        "      questions: [negotiation-walk-away, negotiation-both-sides, listening-real-need]\n"
    )
    problems = check(
        tmp_path,
        TEXT.format(minutes=30, questions=questions),
        "stage-overbooked",
        [(12, 18), (12, 49), (13, 7)],
    )
    assert problems[2].message == (
        "stage 'screen' of role 'role' (30 min) has about 20 min for questions, and its own "
        "questions take "
        "about 30 min"
    )

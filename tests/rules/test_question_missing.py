"""question-missing: an assessed competency with no question anywhere."""

from __future__ import annotations

from tests.rules.common import check

TEXT = """\
title: Senior Account Manager
level: senior
competencies:
  - {{id: {competency}, name: Something, description: Does something.}}
hiring:
  stages:
    screen:
      name: Recruiter screen
      kind: screen
      duration: 30
      assesses: [account-management-experience, revenue-targets, crm-records, {competency}]
{questions}"""


def test_a_competency_in_the_bank_passes(tmp_path):
    check(tmp_path, TEXT.format(competency="negotiation", questions=""), "question-missing", [])


def test_a_competency_missing_from_the_bank_is_reported_at_the_stage_entry(tmp_path):
    problems = check(
        tmp_path, TEXT.format(competency="juggling", questions=""), "question-missing", [(11, 79)]
    )
    assert problems[0].message == (
        "competency 'juggling' has no question in the question bank, and stage 'screen' has no questions of its own"
    )


def test_a_stage_with_its_own_questions_passes(tmp_path):
    questions = "      questions: [{text: How many balls can you keep up?}]\n"
    check(tmp_path, TEXT.format(competency="juggling", questions=questions), "question-missing", [])

"""unknown-reference: stages refer only to ids that exist, with a suggestion."""

from __future__ import annotations

from tests.rules.common import check

TEXT = """\
title: Senior Account Manager
level: senior
competencies:
  - {{id: negotiation, name: Negotiation, description: Agrees fair terms.}}
hiring:
  stages:
    screen:
      name: Recruiter screen
      kind: screen
      duration: 30
      assesses: [account-management-experience, revenue-targets, crm-records, {extra}]
      questions: [{question}]
"""


def test_known_ids_pass(tmp_path):
    check(
        tmp_path,
        TEXT.format(extra="negotiation", question="negotiation-walk-away"),
        "unknown-reference",
        [],
    )


def test_unknown_assessed_id(tmp_path):
    problems = check(
        tmp_path,
        TEXT.format(extra="negociation", question="negotiation-walk-away"),
        "unknown-reference",
        [(11, 79)],
    )
    assert problems[0].message == (
        "stage 'screen' assesses 'negociation', which is neither a requirement nor a competency of this role"
    )
    assert problems[0].suggestion == "did you mean 'negotiation'?"


def test_unknown_question_id(tmp_path):
    problems = check(
        tmp_path,
        TEXT.format(extra="negotiation", question="negotiation-walkaway"),
        "unknown-reference",
        [(12, 19)],
    )
    assert problems[0].message == (
        "stage 'screen' uses question 'negotiation-walkaway', which is not in the question bank"
    )
    assert problems[0].suggestion == "did you mean 'negotiation-walk-away'?"


def test_an_unknown_question_in_a_requirement(tmp_path):
    text = (
        "title: Senior Account Manager\nlevel: senior\nrequirements:\n  must+:\n"
        "    - {id: deals, text: Closed deals, question: negotiation-walk-awya}\n"
    )
    problems = check(tmp_path, text, "unknown-reference", [(5, 49)])
    assert problems[0].message == (
        "requirement 'deals' uses question 'negotiation-walk-awya', which is not in the question bank"
    )
    assert problems[0].suggestion == "did you mean 'negotiation-walk-away'?"

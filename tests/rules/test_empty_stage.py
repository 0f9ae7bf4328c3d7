"""empty-stage: a stage that assesses nothing, except an offer."""

from __future__ import annotations

from tests.rules.common import check

TEXT = """\
title: Senior Account Manager
level: senior
hiring:
  stages:
    screen:
      name: Recruiter screen
      kind: screen
      duration: 30
      assesses: [account-management-experience, revenue-targets, crm-records]
    {extra}:
      name: Extra
      kind: {kind}
      duration: 30
"""


def test_an_empty_interview_is_reported_at_its_key(tmp_path):
    problems = check(
        tmp_path, TEXT.format(extra="coffee", kind="interview"), "empty-stage", [(10, 5)]
    )
    assert problems[0].message == "stage 'coffee' (Extra) assesses nothing"
    assert str(problems[0].level) == "warning"


def test_an_offer_may_assess_nothing(tmp_path):
    check(tmp_path, TEXT.format(extra="offer", kind="offer"), "empty-stage", [])

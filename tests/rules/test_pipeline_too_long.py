"""pipeline-too-long: total hours and number of stages against configurable thresholds."""

from __future__ import annotations

from tests.rules.common import run

HEAD = "title: Senior Account Manager\nlevel: senior\nhiring:\n  stages:\n"
STAGE = "    s{n}: {{name: S{n}, kind: interview, duration: {minutes}, assesses: [crm-records]}}\n"
MUSTS = "    musts: {name: M, kind: screen, duration: 10, assesses: [account-management-experience, revenue-targets]}\n"


def role(*minutes: int) -> str:
    return HEAD + MUSTS + "".join(STAGE.format(n=i, minutes=m) for i, m in enumerate(minutes))


def found(problems):
    return [(p.line, p.column, p.message) for p in problems if p.rule == "pipeline-too-long"]


def test_within_the_limits(tmp_path):
    assert found(run(tmp_path, role(60, 60, 60))) == []


def test_too_many_hours(tmp_path):
    assert found(run(tmp_path, role(180, 180, 60))) == [
        (4, 3, "the stages take 7 h 10 min in all, more than 6 hours")
    ]


def test_too_many_stages(tmp_path):
    assert found(run(tmp_path, role(*[10] * 8))) == [(4, 3, "9 stages, more than 7")]


def test_thresholds_are_configurable(tmp_path):
    config = "lint:\n  rules:\n    pipeline-too-long: {max_hours: 2, max_stages: 3}\n"
    assert found(run(tmp_path, role(60, 60), config=config)) == [
        (4, 3, "the stages take 2 h 10 min in all, more than 2 hours")
    ]

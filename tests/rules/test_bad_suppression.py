"""bad-suppression: a suppression comment must name rules that exist."""

from __future__ import annotations

from jdgen.diagnostics import Level
from tests.rules.common import check, complaints, run

RULE = "bad-suppression"


def test_an_unknown_id_is_reported_at_the_id_with_the_closest_rule(tmp_path):
    text = "title: Growth Hacker  # jdgen: disable=vauge-title\nlevel: senior\n"
    [problem] = check(tmp_path, text, RULE, [(1, 40)])
    assert problem.level is Level.ERROR
    assert problem.message == "unknown rule 'vauge-title' (did you mean 'vague-title'?)"


def test_an_id_with_nothing_close_gets_no_suggestion(tmp_path):
    text = "# jdgen: disable-file=gender-coded, nonsense\ntitle: Senior Account Manager\n"
    [problem] = check(tmp_path, text, RULE, [(1, 37)])
    assert problem.message == "unknown rule 'nonsense'"


def test_each_unknown_id_in_a_list_is_reported_at_its_own_column(tmp_path):
    text = (
        "title: Senior Account Manager  # jdgen: disable=tittle-level,vague-title, tilte-format\n"
    )
    problems = check(tmp_path, text, RULE, [(1, 49), (1, 75)])
    assert [p.message for p in problems] == [
        "unknown rule 'tittle-level' (did you mean 'title-level'?)",
        "unknown rule 'tilte-format' (did you mean 'title-format'?)",
    ]


def test_a_comment_on_its_own_line_is_checked_too(tmp_path):
    text = "level: senior\n# jdgen: disable=salary-bands\nsalary: null\n"
    problems = check(tmp_path, text, RULE, [(2, 18)])
    assert problems[0].message == "unknown rule 'salary-bands' (did you mean 'salary-band'?)"
    # ...and, being misspelt, it silences nothing
    assert [p.rule for p in complaints(run(tmp_path / "b", text), "salary-band")] == ["salary-band"]


def test_known_ids_pass_and_silence_their_rule(tmp_path):
    text = "title: Growth Hacker  # jdgen: disable=vague-title,title-level\nlevel: senior\n"
    check(tmp_path, text, RULE, [])
    assert complaints(run(tmp_path / "b", text)) == []


def test_text_that_only_looks_like_a_comment_is_not_one(tmp_path):
    text = "title: 'Senior Account Manager # jdgen: disable=nope'\nlevel: senior\n"
    check(tmp_path, text, RULE, [])


def test_comments_in_the_base_file_are_checked(tmp_path):
    (tmp_path / "roles").mkdir()
    base = "extends: _base.yaml\n# jdgen: disable=vauge-title\n"
    (tmp_path / "roles" / "_shared.yaml").write_text(base, encoding="utf-8")
    text = "title: Senior Account Manager\nextends: _shared.yaml\n"
    problems = [p for p in run(tmp_path, text) if p.rule == RULE]
    assert [(p.path, p.line, p.column) for p in problems] == [("roles/_shared.yaml", 2, 18)]

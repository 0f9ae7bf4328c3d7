"""posting-structure: required sections, must-haves, length, and duties that start with a verb."""

from __future__ import annotations

import pytest

from jdgen.diagnostics import Level
from jdgen.lint.rules.posting_structure import _verbs
from jdgen.lint.text import data_file, fold
from tests.rules.common import check, run

RULE = "posting-structure"
HEAD = "title: Senior Account Manager\nlevel: senior\n"


def language(code: str) -> str:
    return f"build:\n  default_locale: {code}\n"  # the language the role files are in


def duties(*items: str) -> str:
    return HEAD + "duties:\n" + "".join(f"  - {item}\n" for item in items)


# -- required sections ---------------------------------------------------------------


def test_a_section_removed_with_null_is_missing_at_that_line(tmp_path):
    [problem] = check(tmp_path, HEAD + "duties: null\n", RULE, [(3, 1)])
    assert problem.level is Level.WARNING
    assert problem.message == "'duties' is missing: the posting does not give the daily duties"
    assert problem.suggestion == "add 'duties' to the role file"


def test_an_empty_list_is_empty(tmp_path):
    [problem] = check(tmp_path, HEAD + "duties: []\n", RULE, [(3, 1)])
    assert problem.message == "'duties' is empty: the posting does not give the daily duties"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "apply: null\n",
            "'apply' is missing: the posting does not give how to apply",
        ),
        (
            "requirements: null\n",
            "'requirements' is missing: the posting does not give the must-have requirements",
        ),
        (
            "requirements:\n  must: []\n",
            "'requirements' is empty: the posting does not give the must-have requirements",
        ),
    ],
)
def test_other_required_sections(tmp_path, text, message):
    problems = [p for p in run(tmp_path, HEAD + text) if p.rule == RULE]
    assert [(p.line, p.column, p.message) for p in problems] == [(3, 1, message)]


def test_an_empty_summary_is_empty_and_makes_the_posting_short(tmp_path):
    problems = check(tmp_path, HEAD + "summary: ''\n", RULE, [(1, 8), (3, 1)])
    assert [p.message.split(":")[0] for p in problems] == [
        "the posting is 250 words long; aim for 300 to 700",
        "'summary' is empty",
    ]


def test_apply_without_a_url_or_email_is_empty(tmp_path):
    text = HEAD + "apply:\n  url: null\n  instructions: Write to us.\n"
    [problem] = check(tmp_path, text, RULE, [(3, 1)])
    assert problem.message == "'apply' is empty: the posting does not give how to apply"


def test_a_missing_section_goes_in_the_role_file_when_the_title_is_inherited(tmp_path):
    ws_problems = [p for p in run(tmp_path, "level: senior\nduties: null\n") if p.rule == RULE]
    assert [(p.path, p.line, p.column) for p in ws_problems] == [("roles/role.yaml", 2, 1)]


def test_the_required_option(tmp_path):
    config = "lint:\n  rules:\n    posting-structure:\n      required: [summary, benefits]\n"
    check(tmp_path, HEAD + "duties: null\n", RULE, [], config=config)
    [problem] = check(tmp_path / "b", HEAD + "benefits: []\n", RULE, [(3, 1)], config=config)
    assert problem.message == "'benefits' is empty: the posting does not give the benefits"


# -- must-haves -----------------------------------------------------------------------------


def must(n: int) -> str:
    items = "".join(f"    - Requirement number {i}\n" for i in range(1, n + 1))
    return HEAD + "requirements:\n  must:\n" + items


def test_eight_must_haves_are_fine(tmp_path):
    check(tmp_path, must(8), RULE, [])


def test_more_than_eight_are_reported_at_the_ninth(tmp_path):
    [problem] = check(tmp_path, must(10), RULE, [(13, 7)])
    assert problem.message == (
        "10 must-have requirements (more than 8); "
        "a long list of conditions deters qualified applicants"
    )
    assert problem.suggestion == "move the ones you could teach on the job to 'nice'"


def test_appended_must_haves_count_with_the_inherited_ones(tmp_path):
    # The base has three; six more make nine, and the ninth is the sixth appended.
    items = "".join(f"    - Requirement number {i}\n" for i in range(1, 7))
    text = HEAD + "requirements:\n  must+:\n" + items
    check(tmp_path, text, RULE, [(10, 7)])


def test_max_must_is_an_option(tmp_path):
    config = "lint:\n  rules:\n    posting-structure:\n      max_must: 2\n"
    check(tmp_path, HEAD, RULE, [], config=None)
    problems = [p for p in run(tmp_path / "b", HEAD, config) if p.rule == RULE]
    # The three must-haves are the base's: the third is reported there.
    assert [(p.path, p.line, p.column) for p in problems] == [("roles/_base.yaml", 35, 7)]


# -- length ------------------------------------------------------------------------------------


def test_a_short_posting(tmp_path):
    [problem] = check(tmp_path, HEAD + "summary: Sell things.\n", RULE, [(1, 8)])
    assert problem.message == "the posting is 252 words long; aim for 300 to 700"
    assert problem.suggestion == "say more about the job and what success looks like"


def test_a_long_posting(tmp_path):
    long = " ".join(["You will visit customers and agree plans with them."] * 60)
    [problem] = check(tmp_path, HEAD + f"summary: {long}\n", RULE, [(1, 8)])
    assert problem.message == "the posting is 790 words long; aim for 300 to 700"
    assert problem.suggestion == "cut repetition; keep one line per duty and requirement"


def test_the_fixture_length_is_within_bounds(tmp_path):
    check(tmp_path, HEAD, RULE, [])


# -- duties start with a verb --------------------------------------------------------------------


def test_a_duty_without_a_verb_is_reported_at_the_duty(tmp_path):
    text = duties("Manage accounts", "Responsible for renewals", "Negotiate prices")
    [problem] = check(tmp_path, text, RULE, [(5, 5)])
    assert problem.message == "the duty does not start with a verb: 'Responsible'"
    assert problem.suggestion == "start with what the person does: 'Manage...', 'Negotiate...'"


@pytest.mark.parametrize(
    "duty",
    [
        "Manages a portfolio of accounts",
        "Negotiating renewals",
        "Identifies risks early",
        "Planning quarterly reviews",
        "Runs the renewals calendar",
        "Cross-sell our analytics module",
        "Increase revenue from existing customers",
        "Exceed your yearly target",
        "Hold quarterly business reviews",
        "Stay in touch with each decision maker",
        "- Manage accounts",
        "“Own” the renewal",
    ],
)
def test_duties_that_start_with_a_verb(tmp_path, duty):
    check(tmp_path, duties(duty), RULE, [])


@pytest.mark.parametrize(
    "duty",
    [
        "Responsible for renewals",
        "Accounts in the west",
        "Ownership of renewals",
        "Quarterly reviews",
    ],
)
def test_duties_that_do_not(tmp_path, duty):
    check(tmp_path, duties(duty), RULE, [(4, 5)])


@pytest.mark.parametrize(
    ("code", "good", "bad"),
    [
        (
            "es",
            [
                "Gestionar la cartera",
                "Gestiona la cartera",
                "Gestione la cartera",
                "Encargarse de las renovaciones",
                "Mantiene relaciones con los clientes",
                "Atiende a los clientes",
                "Resuelve incidencias",
                "Sigue la evolución de cada cuenta",
            ],
            ["Responsable de la cartera", "Gestión de la cartera"],
        ),
        (
            "ca",
            [
                "Gestionar la cartera",
                "Gestiona la cartera",
                "Encarregar-se de les renovacions",
                "Col·laborar amb l'equip",
                "Ofereix assessorament",
                "Dirigeix les revisions",
            ],
            ["Responsable de la cartera", "Gestió de la cartera"],
        ),
    ],
)
def test_spanish_and_catalan_duties(tmp_path, code, good, bad):
    text = duties(*good, *bad)
    expected = [(4 + len(good) + i, 5) for i in range(len(bad))]
    problems = check(tmp_path, text, RULE, expected, config=language(code))
    assert [p.message for p in problems] == [
        f"the duty does not start with a verb: {b.split()[0]!r}" for b in bad
    ]


def test_english_is_the_default_language(tmp_path):
    check(tmp_path, duties("Gestionar la cartera"), RULE, [(4, 5)])


# -- the data --------------------------------------------------------------------------------------


def test_action_verbs_shape():
    data = data_file("lint/action_verbs.yaml")
    assert set(data) == {"en", "es", "ca"}
    for code, verbs in data.items():
        assert verbs and all(isinstance(v, str) and v == v.lower() for v in verbs), code
        assert len(set(verbs)) == len(verbs), code
    for verb in data["es"] + data["ca"]:
        assert fold(verb).endswith(("ar", "er", "ir", "re", "se")), verb


@pytest.mark.parametrize("code", ["en", "es", "ca"])
def test_every_listed_verb_is_a_verb(code):
    is_verb = _verbs(code)
    assert [v for v in data_file("lint/action_verbs.yaml")[code] if not is_verb(v)] == []

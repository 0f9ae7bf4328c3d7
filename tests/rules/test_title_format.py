"""title-format: length, capitals, decoration, internal codes and gendered titles."""

from __future__ import annotations

import re

import pytest

from jdgen.diagnostics import Level
from jdgen.lint.text import data_file
from tests.rules.common import check, run

RULE = "title-format"


def title(text: str) -> str:
    return f"title: {text}\nlevel: senior\n"


def language(code: str) -> str:
    return f"build:\n  default_locale: {code}\n"  # the language the role files are in


def messages(tmp_path, text: str, config: str | None = None) -> list[tuple[int, str]]:
    return [(p.column, p.message) for p in run(tmp_path, text, config) if p.rule == RULE]


# -- length ------------------------------------------------------------------------


def test_a_long_title_is_reported_once_at_its_start(tmp_path):
    text = title("Senior Account Manager for Our Growing Wholesale Distribution Business")
    [problem] = check(tmp_path, text, RULE, [(1, 8)])
    assert problem.level is Level.WARNING
    assert problem.message == (
        "the title is 70 characters and 9 words long; job boards cut titles over 60 characters"
    )
    assert problem.suggestion == (
        "keep the title to the job's name and level; put the rest in the summary"
    )


def test_too_many_words_even_when_short(tmp_path):
    check(tmp_path, title("Senior AE a b c d e f g"), RULE, [(1, 8)])


@pytest.mark.parametrize(("length", "reported"), [(60, False), (61, True)])
def test_the_length_limit_is_inclusive(tmp_path, length, reported):
    text = "Senior Account Manager " + "x" * (length - 23)
    assert len(text) == length
    check(tmp_path, title(text), RULE, [(1, 8)] if reported else [])


def test_limits_are_options(tmp_path):
    config = "lint:\n  rules:\n    title-format:\n      max_length: 20\n      max_words: 2\n"
    [problem] = check(tmp_path, title("Senior Account Manager"), RULE, [(1, 8)], config=config)
    assert problem.message.endswith("job boards cut titles over 20 characters")


# -- capitals, emoji, exclamation -----------------------------------------------------


def test_a_title_in_capitals(tmp_path):
    [problem] = check(tmp_path, title("SENIOR ACCOUNT MANAGER"), RULE, [(1, 8)])
    assert problem.message == "the title is in capitals"
    assert problem.suggestion == "write it as 'Senior Account Manager'"


def test_capitals_keep_small_words_small(tmp_path):
    [problem] = check(tmp_path, title("HEAD OF ACCOUNT MANAGEMENT"), RULE, [(1, 8)])
    assert problem.suggestion == "write it as 'Head of Account Management'"


@pytest.mark.parametrize("text", ["Senior Account Manager, EMEA", "Senior KAM"])
def test_acronyms_in_a_normal_title_are_not_capitals(tmp_path, text):
    assert "the title is in capitals" not in [m for _, m in messages(tmp_path, title(text))]


def test_an_emoji_is_reported_at_its_column(tmp_path):
    [problem] = check(tmp_path, title("Senior Account Manager 🚀"), RULE, [(1, 31)])
    assert problem.message == "the title has an emoji or symbol"
    assert problem.suggestion == "remove it: titles are searched, not read"


def test_an_exclamation_mark_is_reported_at_its_column(tmp_path):
    [problem] = check(tmp_path, title("Senior Account Manager!"), RULE, [(1, 30)])
    assert problem.message == "the title has an exclamation mark"


def test_only_the_first_decoration_is_reported(tmp_path):
    check(tmp_path, title("Senior ⭐ Account Manager!!"), RULE, [(1, 15)])


def test_a_symbol_in_a_quoted_title_is_located(tmp_path):
    check(tmp_path, 'title: "Senior Account Manager ✨"\nlevel: senior\n', RULE, [(1, 32)])


# -- internal codes ------------------------------------------------------------------------


def test_sr_am_ii_is_spelled_out(tmp_path):
    problems = check(tmp_path, title("Sr. AM II"), RULE, [(1, 8), (1, 8), (1, 12), (1, 15)])
    by_message = {p.message: p.suggestion for p in problems}
    assert by_message == {
        "'Sr.' is an abbreviation": "write 'Senior'",
        "'AM' is an abbreviation": "write 'Account Manager'",
        "'II' looks like a grade code": "drop internal codes from titles",
        "the title is written in internal codes": "write 'Senior Account Manager'",
    }


@pytest.mark.parametrize(
    ("text", "column", "code", "plain"),
    [
        ("Senior Account Mgr", 23, "Mgr", "Senior Account Manager"),
        ("Senior Acct Manager", 15, "Acct", "Senior Account Manager"),
        ("Senior Sales Rep", 21, "Rep", "Senior Sales Representative"),
        ("Senior KAM", 15, "KAM", "Senior Key Account Manager"),
    ],
)
def test_abbreviations(tmp_path, text, column, code, plain):
    problems = check(tmp_path, title(text), RULE, [(1, 8), (1, column)])
    assert [p.message for p in problems] == [
        "the title is written in internal codes",
        f"{code!r} is an abbreviation",
    ]
    assert problems[0].suggestion == f"write {plain!r}"


@pytest.mark.parametrize(
    "text",
    [
        "Senior Account Manager, I am here to stay",  # "am" is a word
        "Senior Account Manager for Sam's Club",
        "Senior Representative",
        "Senior Executive Assistant",
    ],
)
def test_words_that_look_like_abbreviations(tmp_path, text):
    config = "lint:\n  rules:\n    title-format:\n      max_words: 12\n"
    check(tmp_path, title(text), RULE, [], config=config)


@pytest.mark.parametrize(
    ("text", "column", "code", "what", "plain"),
    [
        ("Senior Account Manager II", 31, "II", "a grade code", "Senior Account Manager"),
        ("Senior Account Manager (III)", 32, "III", "a grade code", "Senior Account Manager"),
        ("Senior Account Manager L4", 31, "L4", "a grade code", "Senior Account Manager"),
        ("Senior Account Manager IC3", 31, "IC3", "a grade code", "Senior Account Manager"),
        ("Senior Account Manager Level 2", 31, "Level 2", "a grade code", "Senior Account Manager"),
        ("Senior Account Manager, Band B", 32, "Band B", "a grade code", "Senior Account Manager"),
        (
            "Senior Account Manager (REQ-1042)",
            32,
            "REQ-1042",
            "a requisition number",
            "Senior Account Manager",
        ),
        (
            "Senior Account Manager - JR20931",
            33,
            "JR20931",
            "a requisition number",
            "Senior Account Manager",
        ),
    ],
)
def test_grade_codes_and_requisition_numbers(tmp_path, text, column, code, what, plain):
    problems = check(tmp_path, title(text), RULE, [(1, 8), (1, column)])
    assert problems[1].message == f"{code!r} looks like {what}"
    assert problems[0].suggestion == f"write {plain!r}"


@pytest.mark.parametrize(
    "text",
    [
        "Senior Account Manager (B2B)",
        "Senior Account Manager, Web3",
        "Senior Account Manager, SaaS",
        "IV Therapy Senior Account Manager",
        "X Senior Account Manager",
        "Senior Account Manager – EMEA",
        "Senior Account Manager, Level Seven Software",
    ],
)
def test_no_false_alarm_for_ordinary_titles(tmp_path, text):
    check(tmp_path, title(text), RULE, [])


# -- gendered titles ----------------------------------------------------------------------


def test_salesman(tmp_path):
    [problem] = check(tmp_path, title("Senior Salesman"), RULE, [(1, 15)])
    assert problem.message == "'Salesman' is a gendered title"
    assert problem.suggestion == "use 'salesperson, or Account Executive'"


@pytest.mark.parametrize(
    ("text", "column", "neutral"),
    [("Senior Saleswoman", 15, "salesperson"), ("Senior Foreman", 15, "supervisor")],
)
def test_other_english_gendered_titles(tmp_path, text, column, neutral):
    [problem] = check(tmp_path, title(text), RULE, [(1, column)])
    assert problem.suggestion == f"use {neutral!r}"


def test_spanish_gendered_title_with_the_language_option(tmp_path):
    text = title("Vendedor sénior")
    [problem] = check(tmp_path, text, RULE, [(1, 8)], config=language("es"))
    assert problem.message == "'Vendedor' is a gendered title"
    assert problem.suggestion == "use 'vendedor/a, or comercial'"
    check(tmp_path / "en", text, RULE, [])  # English lists by default


@pytest.mark.parametrize(
    "text",
    [
        "Vendedor/a sénior",
        "Vendedor / a sénior",
        "Vendedor/-a sénior",
        "Gestor(a) de cuentas sénior",
        "Vendedor sénior (h/m)",
        "Vendedor sénior (m/f/d)",
        "Vendedor/Vendedora sénior",
        "Vendedor o vendedora sénior",
        "Vendedora o vendedor sénior",
        "Jefe/Jefa de ventas",
        "Comercial sénior",
    ],
)
def test_spanish_titles_that_give_both_forms_pass(tmp_path, text):
    check(tmp_path, title(text), RULE, [], config=language("es"))


def test_two_different_gendered_words_are_not_a_pair(tmp_path):
    problems = check(
        tmp_path, title("Director y gestor"), RULE, [(1, 8), (1, 19)], config=language("es")
    )
    assert [p.suggestion for p in problems] == ["use 'director/a'", "use 'gestor/a'"]


def test_catalan_gendered_titles(tmp_path):
    ca = language("ca")
    [problem] = check(tmp_path, title("Venedora sènior"), RULE, [(1, 8)], config=ca)
    assert problem.suggestion == "use 'venedor/a, or comercial'"
    check(tmp_path / "b", title("Venedor o venedora sènior"), RULE, [], config=ca)
    check(tmp_path / "c", title("Executiu/va de comptes sènior"), RULE, [], config=ca)


# -- the data ------------------------------------------------------------------------------


def test_title_format_data_shape():
    data = data_file("lint/title_format.yaml")
    assert set(data) == {"gendered", "inclusive_markers", "abbreviations", "acronyms"}
    for lang, words in data["gendered"].items():
        assert lang in ("en", "es", "ca")
        for word, neutral in words.items():
            assert word == word.lower() and isinstance(neutral, str) and neutral, word
    for pattern in data["inclusive_markers"]:
        re.compile(pattern)
    for table in ("abbreviations", "acronyms"):
        for short, full in data[table].items():
            assert short == short.lower() and short.isalpha(), short
            assert full[:1].isupper(), full
    assert not set(data["abbreviations"]) & set(data["acronyms"])

"""gender-coded: Gender Decoder's words and verdict, counted more carefully.

The fixture base is feminine-coded on its own (trusted, support, respond versus
competitors), so the tests that need exact counts write ``QUIET``, which replaces every
piece of the base's prose, or count the words of ``coded_words`` directly.
"""

from __future__ import annotations

import pytest

from jdgen.diagnostics import Level
from jdgen.lint.rules.gender_coded import coded_words, verdict
from jdgen.lint.text import Segment, data_file, fold
from tests.rules.common import check, complaints, run

RULE = "gender-coded"

# Role text that replaces every piece of prose the base has, so counts are exact.
QUIET = """\
title: Senior Account Manager
level: senior
duties:
  - Manage a portfolio of accounts
requirements:
  must:
    - Four years in account management
  nice: []
education: []
skills: []
benefits: []
travel: null
salary:
  variable: []
"""


def words(text: str) -> list[tuple[str, str]]:
    """``(word, coding)`` for each coded word in ``text``."""
    found = coded_words([Segment("summary", ("summary",), text, None)])
    return [(text[w.start : w.end], w.coding) for w in found]


def local(problems, rule=RULE):
    return [p for p in problems if p.rule == rule and p.path == "roles/role.yaml"]


# -- each word, at its place -------------------------------------------------------


def test_each_coded_word_is_info_at_its_line_and_column(tmp_path):
    text = """\
    title: Senior Account Manager
    level: senior
    summary: You are competitive and you support your colleagues.
    """
    problems = local(run(tmp_path, text))
    coded = [p for p in problems if p.message.endswith("-coded")]
    assert [(p.line, p.column, p.message, p.level) for p in coded] == [
        (3, 18, "'competitive' is masculine-coded", Level.INFO),
        (3, 38, "'support' is feminine-coded", Level.INFO),
    ]


def test_words_in_a_block_scalar_are_located_on_their_own_line(tmp_path):
    text = """\
    title: Senior Account Manager
    level: senior
    summary: |
      You will work with our customers.

      We want someone ambitious, and
        assertive when it matters.
    """
    coded = [p for p in local(run(tmp_path, text)) if p.message.endswith("-coded")]
    assert [(p.line, p.column, p.message) for p in coded] == [
        (6, 19, "'ambitious' is masculine-coded"),
        (7, 5, "'assertive' is masculine-coded"),
    ]


def test_a_repeated_word_is_located_each_time(tmp_path):
    text = "title: Senior Account Manager\nlevel: senior\nsummary: Lead, then lead again.\n"
    coded = [p for p in local(run(tmp_path, text)) if p.message.endswith("-coded")]
    assert [(p.line, p.column) for p in coded] == [(3, 10), (3, 21)]


def test_report_words_can_be_turned_off(tmp_path):
    config = "lint:\n  rules:\n    gender-coded:\n      report_words: false\n"
    text = "title: Senior Account Manager\nlevel: senior\nsummary: Be competitive.\n"
    problems = [p for p in run(tmp_path, text, config) if p.rule == RULE]
    assert [p.message.split(" (")[0] for p in problems] == ["the posting is feminine-coded"]


# -- the verdict -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("masculine", "feminine", "expected"),
    [
        (0, 0, "empty"),
        (2, 2, "neutral"),
        (0, 1, "feminine-coded"),
        (0, 3, "feminine-coded"),
        (0, 4, "strongly feminine-coded"),
        (1, 5, "strongly feminine-coded"),
        (1, 0, "masculine-coded"),
        (3, 0, "masculine-coded"),
        (4, 1, "masculine-coded"),
        (4, 0, "strongly masculine-coded"),
        (9, 5, "strongly masculine-coded"),
    ],
)
def test_verdict_on_gender_decoders_scale(masculine, feminine, expected):
    assert verdict(masculine, feminine) == expected


def test_verdict_strong_difference():
    assert verdict(0, 2, strong=1) == "strongly feminine-coded"
    assert verdict(2, 0, strong=1) == "strongly masculine-coded"
    assert verdict(2, 0, strong=2) == "masculine-coded"


def test_a_masculine_posting_is_a_warning_at_the_title(tmp_path):
    text = QUIET + "summary: We want a competitive, driven, decisive and fearless seller.\n"
    verdicts = [p for p in local(run(tmp_path, text)) if p.message.startswith("the posting")]
    [problem] = verdicts
    assert (problem.line, problem.column, problem.level) == (1, 8, Level.WARNING)
    assert problem.message == (
        "the posting is strongly masculine-coded (4 masculine-coded words, 0 feminine-coded)"
    )
    assert problem.suggestion == (
        "replace some masculine-coded words (competitive, decisive, driven, fearless)"
    )


def test_one_masculine_word_is_masculine_coded(tmp_path):
    text = QUIET + "summary: Be competitive.\n"
    [problem] = complaints(run(tmp_path, text), RULE)
    assert problem.message == (
        "the posting is masculine-coded (1 masculine-coded word, 0 feminine-coded)"
    )


@pytest.mark.parametrize(
    ("summary", "result"),
    [
        ("Be competitive and supportive.", "neutral (1 masculine-coded word, 1 feminine-coded)"),
        ("Be supportive.", "feminine-coded (0 masculine-coded words, 1 feminine-coded)"),
    ],
)
def test_neutral_and_feminine_verdicts_are_info(tmp_path, summary, result):
    problems = local(run(tmp_path, QUIET + f"summary: {summary}\n"))
    [problem] = [p for p in problems if p.message.startswith("the posting")]
    assert problem.level is Level.INFO
    assert problem.message == f"the posting is {result}"
    assert problem.suggestion is None


def test_no_coded_words_no_verdict(tmp_path):
    problems = local(run(tmp_path, QUIET + "summary: You will manage accounts.\n"))
    assert problems == []


def test_the_verdict_goes_in_the_role_file_when_the_title_is_inherited(tmp_path):
    text = "level: senior\nsummary: We want a competitive, driven, decisive, fearless seller.\n"
    [problem] = complaints(run(tmp_path, text), RULE)
    assert (problem.path, problem.line, problem.column) == ("roles/role.yaml", 1, 1)


# -- better than Gender Decoder --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Responsibilities: manage accounts.",
        "Your responsibility is the account.",
        "You are responsible for twelve accounts.",
        "We keep records in Salesforce and track the workforce.",
        "We test for competency and competence.",
        "You are a competent negotiator.",
        "You practise active listening.",
        "Analysts use Google Analytics.",
        "The analyst's report.",
        "Meet the decision makers.",
        "Qualify inbound leads and work on lead generation.",
        "Negotiate the agreement.",
        "Keep information confidential.",
        "Pay depending on experience; cover for your dependents.",
        "Report to the committee.",
        "Work in Connecticut.",
        "A competitive salary.",
        "We have a flat hierarchy.",
        "Submit bids for public tenders.",
        "Grow market share and share of wallet.",
        "Our customer support team.",
        "Feel free to ask.",
    ],
)
def test_not_coded(text):
    assert words(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Competitive people.", [("Competitive", "masculine")]),
        ("COMPETITIVE people.", [("COMPETITIVE", "masculine")]),
        ("You are self-confident.", [("self-confident", "masculine")]),
        ("You are Self-Confident.", [("Self-Confident", "masculine")]),
        ("A co-operative colleague.", [("co-operative", "feminine")]),
        ("A dominant player.", [("dominant", "masculine")]),  # two stems, one word
        ("Strong interpersonal skills.", [("interpersonal", "feminine")]),
        ("A data-driven, self-driven seller.", [("driven", "masculine")]),
        ("You are responsive.", [("responsive", "feminine")]),
        ("A responsible person.", [("responsible", "feminine")]),
        (
            "Analytical and analysis skills.",
            [("Analytical", "masculine"), ("analysis", "masculine")],
        ),
        ("Track competitors' moves.", [("competitors", "masculine")]),
        ("Salesforce's force.", [("force", "masculine")]),
        ("Un líder decisivo y decisive.", [("decisive", "masculine")]),
    ],
)
def test_coded(text, expected):
    assert words(text) == expected


def test_a_word_matching_two_stems_counts_once_in_the_verdict(tmp_path):
    text = QUIET + "summary: A dominant player.\n"
    [problem] = complaints(run(tmp_path, text), RULE)
    assert "(1 masculine-coded word, 0 feminine-coded)" in problem.message


def test_hyphenated_self_confident_counts_once(tmp_path):
    text = QUIET + "summary: You are self-confident.\n"
    [problem] = complaints(run(tmp_path, text), RULE)
    assert "(1 masculine-coded word, 0 feminine-coded)" in problem.message
    [word] = [p for p in local(run(tmp_path / "b", text)) if p.message.endswith("-coded")]
    assert (word.line, word.column) == (15, 18)


# -- the data -----------------------------------------------------------------------------


def test_gender_coded_data_shape():
    data = data_file("lint/gender_coded.yaml")
    assert data["languages"] == ["en"]
    assert data["verdicts"]["strong_margin"] == 3
    for coding in ("masculine", "feminine"):
        assert data[coding], coding
        for item in data[coding]:
            assert set(item) <= {"stem", "exclude", "exclude_phrases", "note"}, item
            stem = item["stem"]
            assert stem == stem.lower() and stem.replace("-", "").isalpha(), stem
            for word in item.get("exclude", []):
                assert fold(word).startswith(fold(stem)), (stem, word)
            for phrase in item.get("exclude_phrases", []):
                assert isinstance(phrase, str) and phrase == phrase.lower(), phrase


def test_a_stem_is_not_both_masculine_and_feminine():
    data = data_file("lint/gender_coded.yaml")
    masculine = {i["stem"] for i in data["masculine"]}
    feminine = {i["stem"] for i in data["feminine"]}
    assert not masculine & feminine


def test_the_fixture_base_is_not_masculine_coded(tmp_path):
    assert complaints(run(tmp_path, "title: Senior Account Manager\n"), RULE) == []
    check(tmp_path / "b", "title: Senior Account Manager\n", RULE, [(1, 8)])

"""vague-title: hyperbolic words in the title, found whole and through any spelling."""

from __future__ import annotations

import pytest

from jdgen.diagnostics import Level
from jdgen.lint.rules.vague_title import find, plain_title
from jdgen.lint.text import data_file, normalize_phrase
from tests.rules.common import check, complaints, run

RULE = "vague-title"


def title(text: str, level: str = "senior") -> str:
    return f"title: {text}\nlevel: {level}\n"


def test_reports_the_word_with_a_plain_title(tmp_path):
    [problem] = check(tmp_path, title("Rockstar Account Manager"), RULE, [(1, 8)])
    assert problem.level is Level.ERROR
    assert problem.message == (
        "'Rockstar' is a vague title word; job seekers search for plain titles"
    )
    assert problem.suggestion == "use a plain title such as 'Senior Account Manager'"


@pytest.mark.parametrize(
    ("text", "column", "said"),
    [
        ("ninja Account Manager", 8, "ninja"),
        ("NINJA Account Manager", 8, "NINJA"),
        ("Account Manager Guru", 24, "Guru"),
        ("Account Manager (Hero)", 25, "Hero"),
        ("Rock-Star Account Manager", 8, "Rock-Star"),
        ("Rock Star Account Manager", 8, "Rock Star"),
        ("rock  star Account Manager", 8, "rock  star"),
        ("Super-Hero Account Manager", 8, "Super-Hero"),
        ("N.I.N.J.A Account Manager", 8, "N.I.N.J.A"),
        ("n i n j a Account Manager", 8, "n i n j a"),
        ("NINJA! Account Manager", 8, "NINJA"),
        ("Account Manager – Superstar", 26, "Superstar"),
        ("Go-Getter Account Manager", 8, "Go-Getter"),
        ("Account Manager, Gurú", 25, "Gurú"),
    ],
)
def test_sees_through_case_separators_and_punctuation(tmp_path, text, column, said):
    [problem] = check(tmp_path, title(text), RULE, [(1, column)])
    assert problem.message.startswith(f"{said!r} is a vague title word")


def test_each_word_is_reported_at_its_own_column(tmp_path):
    problems = check(tmp_path, title("Ninja Guru Account Manager"), RULE, [(1, 8), (1, 14)])
    assert [p.message.split()[0] for p in problems] == ["'Ninja'", "'Guru'"]
    assert {p.suggestion for p in problems} == {
        "use a plain title such as 'Senior Account Manager'"
    }


def test_a_quoted_title_is_located_inside_its_quotes(tmp_path):
    check(tmp_path, 'title: "Senior Account Manager, Ninja"\nlevel: senior\n', RULE, [(1, 33)])


@pytest.mark.parametrize(
    "text",
    [
        "Gurugram Account Manager",
        "Heroku Account Manager",
        "Starbucks Account Manager",
        "Guardian Account Manager",
        "Superstition Account Manager",
        "Ninjago Account Manager",
        "Rockstarring Account Manager",
        "Legendary Account Manager",
        "Wizards Account Manager",
        "Acer Account Manager",
        "Godfrey Account Manager",
        "Rock Climbing Gear Account Manager",
    ],
)
def test_no_false_alarm_for_words_that_only_contain_a_listed_word(tmp_path, text):
    check(tmp_path, title(text), RULE, [])


def test_a_client_company_named_like_a_listed_word_is_a_name(tmp_path):
    # A listed word followed by a capitalised word that is no job word starts a name
    # (issue #15: "Rockstar Games" is not a vague title word).
    check(tmp_path, title("Senior Account Manager, Heroes Inc"), RULE, [])
    check(tmp_path / "b", title("QA Tester, Rockstar Games"), RULE, [])
    check(tmp_path / "c", title("Rockstar Account Manager"), RULE, [(1, 8)])


@pytest.mark.parametrize("text", ["Senior Account Manager", "Senior Account Manager (B2B)"])
def test_plain_titles_pass(tmp_path, text):
    check(tmp_path, title(text), RULE, [])


def test_the_company_name_in_the_title_is_not_a_vague_word(tmp_path):
    text = title("Senior Account Manager, Ninja Logistics")
    check(tmp_path, text, RULE, [], company="Ninja Logistics")
    check(tmp_path / "other", text, RULE, [])  # any other company's name too


def test_the_company_name_hides_only_itself(tmp_path):
    text = title("Ninja Account Manager, Ninja Logistics")
    check(tmp_path, text, RULE, [(1, 8)], company="Ninja Logistics")


def test_a_match_may_not_run_into_the_company_name(tmp_path):
    # "Rock Star" reads as "rockstar", but here "Star Alliance" is the company.
    text = title("Senior Account Manager, Rock Star Alliance")
    check(tmp_path, text, RULE, [], company="Star Alliance")
    # Beside another capitalised word that is not a job word, it reads as a name anyway.
    check(tmp_path / "other", text, RULE, [])
    [problem] = check(
        tmp_path / "bare", title("Senior Account Manager, Rock Star"), RULE, [(1, 32)]
    )
    assert problem.message.startswith("'Rock Star' is a vague title word")


def test_the_company_name_is_matched_ignoring_case_and_accents(tmp_path):
    text = title("Senior Account Manager, NINJA LOGÍSTICA")
    check(tmp_path, text, RULE, [], company="Ninja Logística")


def test_low_confidence_words_are_warnings_with_their_note(tmp_path):
    # Seen by default (issue #15), but not an error: sometimes a real title.
    [problem] = check(tmp_path, title("Evangelist Account Manager"), RULE, [(1, 8)])
    assert problem.level is Level.WARNING
    assert problem.message == (
        "'Evangelist' is a vague title word (an established title in developer relations, "
        'but "Developer Advocate" is plainer); job seekers search for plain titles'
    )
    assert [
        p.level
        for p in complaints(run(tmp_path / "again", title("Evangelist Account Manager")), RULE)
    ] == [Level.WARNING]


def test_a_note_is_shown_for_high_confidence_words_too(tmp_path):
    [problem] = check(tmp_path, title("Cowboy Account Manager"), RULE, [(1, 8)])
    assert problem.level is Level.ERROR
    assert "(also gendered)" in problem.message


@pytest.mark.parametrize(
    ("text", "column", "said"),
    [
        ("Gestor de cuentas sénior Crack", 33, "Crack"),
        ("Comercial sénior Tiburón", 25, "Tiburón"),
        ("Comercial sénior número uno", 25, "número uno"),
        ("Gestor de comptes sènior Crac", 33, "Crac"),
        ("Comercial sènior Llegenda", 25, "Llegenda"),
    ],
)
def test_spanish_and_catalan_words_by_default(tmp_path, text, column, said):
    [problem] = check(tmp_path, title(text), RULE, [(1, column)])
    assert problem.message.startswith(f"{said!r} is a vague title word")


def test_the_languages_option_limits_the_lists(tmp_path):
    text = title("Comercial sénior Tiburón")
    config = "lint:\n  rules:\n    vague-title:\n      languages: [en]\n"
    assert [p for p in run(tmp_path, text, config) if p.rule == RULE] == []
    # ...while English words are still found
    problems = run(tmp_path / "en", title("Ninja Account Manager"), config)
    assert [(p.line, p.column) for p in problems if p.rule == RULE] == [(1, 8)]


def test_a_suppression_comment_silences_it(tmp_path):
    check(tmp_path, title("Rockstar Account Manager  # jdgen: disable=vague-title"), RULE, [])


@pytest.mark.parametrize(
    ("text", "level", "suggestion"),
    [
        ("Rockstar Account Manager", "senior", "Senior Account Manager"),
        ("Rockstar Account Manager", "mid", "Account Manager"),
        ("Rockstar Account Manager", "entry", "Entry-level Account Manager"),
        ("Senior Rockstar Account Manager", "senior", "Senior Account Manager"),
        ("Sr. Ninja Account Manager", "senior", "Sr. Account Manager"),
        ("NINJA! Account Manager", "junior", "Junior Account Manager"),
        ("Account Manager (Rockstar)", "senior", "Senior Account Manager"),
        ("Account Manager - Ninja", "senior", "Senior Account Manager"),
        ("Account Manager, Guru", "senior", "Senior Account Manager"),
        ("Ninja / Guru Account Manager", "senior", "Senior Account Manager"),
        ("Sales & Marketing Ninja", "mid", "Sales & Marketing"),
        ("Data Entry Ninja", "entry", "Entry-level Data Entry"),
        ("Ninja Key Account Manager", "senior", "Key Account Manager"),
        ("Lead Ninja", "lead", "Lead"),
    ],
)
def test_plain_title(text, level, suggestion):
    spans = [(start, end) for start, end, _ in find(text, ("en",))]
    assert plain_title(text, spans, level) == suggestion


def test_a_title_that_is_only_vague_words_gets_no_plain_title(tmp_path):
    [problem] = check(tmp_path, title("Ninja"), RULE, [(1, 8)])
    assert problem.suggestion == "use a plain title"


# -- the word list -----------------------------------------------------------------


def test_word_list_shape():
    data = data_file("lint/vague_title_words.yaml")
    assert set(data) == {"en", "es", "ca"}
    for language, entries in data.items():
        assert entries, language
        for entry in entries:
            assert set(entry) <= {"word", "variants", "confidence", "note"}, entry
            assert isinstance(entry["word"], str) and entry["word"] == entry["word"].lower()
            assert all(isinstance(v, str) for v in entry.get("variants", []))
            assert entry.get("confidence", "high") in ("high", "low"), entry
            assert isinstance(entry.get("note", ""), str)


@pytest.mark.parametrize("language", ["en", "es", "ca"])
def test_no_spelling_is_listed_under_two_words(language):
    owner: dict[str, str] = {}
    for entry in data_file("lint/vague_title_words.yaml")[language]:
        for form in [entry["word"], *entry.get("variants", [])]:
            key = normalize_phrase(form).replace(" ", "")
            assert owner.setdefault(key, entry["word"]) == entry["word"], form


@pytest.mark.parametrize("language", ["en", "es", "ca"])
def test_every_listed_spelling_is_found(language):
    for entry in data_file("lint/vague_title_words.yaml")[language]:
        for form in [entry["word"], *entry.get("variants", [])]:
            text = f"Account Manager {form.title()}"
            assert [e.word for _, _, e in find(text, (language,))] == [entry["word"]], form

"""title-level: the title says the level, and agrees with level, years and bands."""

from __future__ import annotations

import pytest

from jdgen.diagnostics import Level
from jdgen.lint.rules.title_level import title_levels
from jdgen.lint.text import data_file, normalize_phrase
from jdgen.model import LEVELS
from tests.rules.common import check, complaints, run

RULE = "title-level"


def role(title: str, level: str, years: float | None = None) -> str:
    text = f"title: {title}\nlevel: {level}\n"
    if years is not None:
        text += f"experience_years:\n  min: {years:g}\n"
    return text


def config(language: str | None = None, **options: str) -> str:
    """Rule options; ``language`` is the language the role files are written in."""
    lines = "".join(f"      {k}: {v}\n" for k, v in options.items())
    build = f"build:\n  default_locale: {language}\n" if language else ""
    return build + (f"lint:\n  rules:\n    title-level:\n{lines}" if lines else "")


# -- no level in the title -------------------------------------------------------


def test_a_title_without_a_level_is_reported_with_a_suggestion(tmp_path):
    [problem] = check(tmp_path, role("Account Manager", "senior"), RULE, [(1, 8)])
    assert problem.level is Level.ERROR
    assert problem.message == "the title does not say the level (senior)"
    assert problem.suggestion == "say it plainly, as in 'Senior Account Manager'"


@pytest.mark.parametrize(
    ("level", "years", "suggested"),
    [
        ("entry", 0, "Entry-level Account Manager"),
        ("junior", 1, "Junior Account Manager"),
        ("lead", 6, "Lead Account Manager"),
        ("principal", 9, "Principal Account Manager"),
    ],
)
def test_the_suggestion_names_the_level(tmp_path, level, years, suggested):
    [problem] = check(tmp_path, role("Account Manager", level, years), RULE, [(1, 8)])
    assert problem.suggestion == f"say it plainly, as in {suggested!r}"


def test_a_bare_title_is_fine_for_mid_level(tmp_path):
    check(tmp_path, role("Account Manager", "mid", 2), RULE, [])


def test_bare_title_levels_is_an_option(tmp_path):
    options = config(bare_title_levels="[mid, senior]")
    check(tmp_path, role("Account Manager", "senior"), RULE, [], config=options)
    [problem] = check(
        tmp_path / "none",
        role("Account Manager", "mid", 2),
        RULE,
        [(1, 8)],
        config=config(bare_title_levels="[]"),
    )
    assert problem.suggestion == "say it plainly, as in 'Mid-level Account Manager'"


# -- a level word that disagrees -------------------------------------------------


def test_a_level_word_that_disagrees_is_reported_at_the_word(tmp_path):
    [problem] = check(tmp_path, role("Account Manager, Junior", "senior", 1), RULE, [(1, 25)])
    assert problem.level is Level.ERROR
    assert problem.message == ("the title says 'Junior' (entry or junior), but level is 'senior'")
    assert problem.suggestion == "make the title and 'level' agree"


@pytest.mark.parametrize(
    ("title", "level", "years"),
    [
        ("Senior Account Manager", "senior", 4),
        ("Sr. Account Manager", "senior", 4),
        ("Senior Account Manager", "lead", 6),  # senior is a lead's title on many ladders
        ("Junior Account Manager", "entry", 0),
        ("Jr Account Manager", "junior", 1),
        ("Entry-level Account Manager", "junior", 0),
        ("Lead Account Manager", "lead", 6),
        ("Head of Account Management", "lead", 6),
        ("Mid-level Account Manager", "mid", 2),
        ("Intermediate Account Manager", "mid", 2),
        ("Associate Account Manager", "junior", 1),
        ("Associate Director, Accounts", "lead", 6),
        ("Account Manager Intern", "entry", 0),
    ],
)
def test_agreeing_titles_pass(tmp_path, title, level, years):
    check(tmp_path, role(title, level, years), RULE, [])


@pytest.mark.parametrize(
    ("title", "level", "years", "said"),
    [
        ("Associate Account Manager", "senior", 4, "Associate"),
        ("Staff Account Manager", "junior", 4, "Staff"),
        ("VP of Sales", "mid", 6, "VP"),
    ],
)
def test_low_confidence_signals_disagree_as_info(tmp_path, title, level, years, said):
    [problem] = check(tmp_path, role(title, level, years), RULE, [(1, 8)])
    assert problem.level is Level.INFO
    assert problem.message.startswith(f"the title says {said!r} (")


def test_a_high_confidence_word_beside_a_low_one_makes_it_an_error(tmp_path):
    [problem] = check(tmp_path, role("Senior Associate, Accounts", "junior", 1), RULE, [(1, 8)])
    assert problem.level is Level.ERROR
    assert "'Senior Associate' (mid or senior)" in problem.message


# -- established titles ------------------------------------------------------------


def test_a_family_title_carries_its_level(tmp_path):
    check(tmp_path, role("Key Account Manager", "senior", 4), RULE, [])
    [problem] = check(tmp_path / "junior", role("Key Account Manager", "junior", 1), RULE, [(1, 8)])
    assert problem.message == (
        "the title says 'Key Account Manager' (mid or senior or lead), but level is 'junior'"
    )


def test_a_family_title_is_found_inside_a_longer_title(tmp_path):
    [problem] = check(
        tmp_path, role("EMEA Strategic Account Manager", "junior", 4), RULE, [(1, 13)]
    )
    assert "'Strategic Account Manager' (senior or lead or principal)" in problem.message


def test_a_level_word_wins_over_the_family(tmp_path):
    # "Junior" decides, even though "Key Account Manager" alone would not fit a junior.
    check(tmp_path, role("Junior Key Account Manager", "junior", 1), RULE, [])


# -- phrases that only look like a level -------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Lead Generation Specialist",
        "Inbound Lead Qualification Representative",
        "Graduate Recruiter",
        "Staff Accountant",
        "Account Manager, Senior Care",
        "Internship Coordinator",
    ],
)
def test_not_signals_say_nothing_about_level(tmp_path, title):
    # A mid-level bare title passes; if the phrase counted, it would disagree with mid.
    check(tmp_path, role(title, "mid", 2), RULE, [])
    [problem] = check(tmp_path / "senior", role(title, "senior", 4), RULE, [(1, 8)])
    assert problem.message == "the title does not say the level (senior)"


def test_a_real_lead_beside_lead_generation_still_counts(tmp_path):
    check(tmp_path, role("Lead, Lead Generation", "lead", 6), RULE, [])
    [problem] = check(tmp_path / "mid", role("Lead, Lead Generation", "mid", 6), RULE, [(1, 8)])
    assert problem.message.startswith("the title says 'Lead' (lead or principal)")


# -- Spanish and Catalan -------------------------------------------------------------


def test_spanish_signals_and_families(tmp_path):
    es = config(language="es")
    check(tmp_path, role("Gestor/a de cuentas sénior", "senior", 4), RULE, [], config=es)
    check(tmp_path / "b", role("Gestora de cuentas clave", "senior", 4), RULE, [], config=es)
    check(tmp_path / "c", role("Key Account Manager", "senior", 4), RULE, [], config=es)
    [problem] = check(
        tmp_path / "d", role("Comercial júnior", "senior", 1), RULE, [(1, 18)], config=es
    )
    assert problem.message.startswith("the title says 'júnior' (entry or junior)")


def test_catalan_not_signals(tmp_path):
    ca = config(language="ca")
    [problem] = check(
        tmp_path, role("Comercial de cap de setmana", "junior", 1), RULE, [(1, 8)], config=ca
    )
    assert problem.message == "the title does not say the level (junior)"
    check(tmp_path / "b", role("Cap de vendes", "lead", 6), RULE, [], config=ca)


# -- experience ------------------------------------------------------------------------


def test_a_title_and_years_that_both_disagree_are_two_problems(tmp_path):
    problems = check(tmp_path, role("Junior Account Manager", "senior", 4), RULE, [(1, 8), (4, 8)])
    assert [p.message for p in problems] == [
        "the title says 'Junior' (entry or junior), but level is 'senior'",
        "an entry or junior title asking for at least 4 years of experience",
    ]


def test_a_junior_title_asking_for_many_years_is_reported_at_the_years(tmp_path):
    text = role("Junior Account Manager", "junior", 8)
    [problem] = check(tmp_path, text, RULE, [(4, 8)])
    assert problem.message == ("an entry or junior title asking for at least 8 years of experience")
    assert problem.suggestion == (
        "expected at most 1 year for entry; at most 2 years for junior; "
        "change the title, the level or the years"
    )


def test_a_senior_title_asking_for_no_experience_is_reported(tmp_path):
    [problem] = check(tmp_path, role("Senior Account Manager", "senior", 0), RULE, [(4, 8)])
    assert problem.message == (
        "a senior or lead or principal title asking for at least 0 years of experience"
    )


def test_a_bare_title_is_checked_against_its_level(tmp_path):
    [problem] = check(tmp_path, role("Account Manager", "mid", 8), RULE, [(4, 8)])
    assert problem.message == "a mid title asking for at least 8 years of experience"
    assert problem.suggestion.startswith("expected 1 to 6 years for mid;")


@pytest.mark.parametrize(("years", "ok"), [(0, True), (2, True), (3, False)])
def test_experience_bounds_are_inclusive(tmp_path, years, ok):
    expected = [] if ok else [(4, 8)]
    check(tmp_path, role("Junior Account Manager", "junior", years), RULE, expected)


def test_inherited_years_are_reported_where_they_are_written(tmp_path):
    # The fixture base asks for 4 years: a junior title disagrees, in the base file.
    problems = [
        p for p in run(tmp_path, role("Junior Account Manager", "junior")) if p.rule == RULE
    ]
    assert [(p.path, p.line, p.column) for p in problems] == [("roles/_base.yaml", 41, 8)]


# -- bands across the workspace -----------------------------------------------------------

SENIOR = """\
title: Senior Account Manager
level: senior
salary:
  min: 64000
  max: 86000
"""


def test_a_junior_band_above_a_senior_band_is_reported_at_the_title(tmp_path):
    text = """\
    title: Junior Account Manager
    level: junior
    experience_years:
      min: 1
    salary:
      min: 90000
      max: 120000
    """
    [problem] = check(tmp_path, text, RULE, [(1, 8)], senior=SENIOR)
    assert problem.message == (
        "the title reads as entry or junior, but its band is above the senior band "
        "of senior ($64,000 – $86,000)"
    )
    assert problem.suggestion == "check the title, the level and the band"


def test_bands_in_other_currencies_or_overlapping_are_not_compared(tmp_path):
    text = """\
    title: Junior Account Manager
    level: junior
    experience_years:
      min: 1
    salary:
      min: 90000
      max: 120000
      currency: EUR
    """
    check(tmp_path, text, RULE, [], senior=SENIOR)
    overlapping = text.replace("90000", "60000").replace("      currency: EUR\n", "")
    check(tmp_path / "b", overlapping, RULE, [], senior=SENIOR)


# -- the data -----------------------------------------------------------------------------


def test_level_signals_shape():
    data = data_file("lint/level_signals.yaml")
    assert tuple(data["levels"]) == LEVELS
    assert set(data["signals"]) == set(data["families"]) == {"en", "es", "ca"}
    for groups in data["signals"].values():
        for group in groups:
            assert set(group) <= {"words", "levels", "confidence", "note"}, group
            assert group["words"] and all(isinstance(w, str) for w in group["words"])
            assert group["levels"] and set(group["levels"]) <= set(LEVELS), group
            assert group.get("confidence", "high") in ("high", "low")
    for families in data["families"].values():
        for family in families:
            assert set(family) <= {"title", "variants", "levels", "note"}, family
            assert set(family["levels"]) <= set(LEVELS)
    for level, bounds in data["experience"].items():
        assert level in LEVELS
        assert set(bounds) <= {"min_years_min", "min_years_max"}
    assert set(data["experience"]) == set(LEVELS)


@pytest.mark.parametrize("language", ["en", "es", "ca"])
def test_no_signal_word_has_two_meanings(language):
    data = data_file("lint/level_signals.yaml")
    meaning: dict[str, tuple] = {}
    for group in data["signals"][language]:
        levels = (tuple(group["levels"]), group.get("confidence", "high"))
        for word in group["words"]:
            key = normalize_phrase(word)
            assert meaning.setdefault(key, levels) == levels, word
    for phrase in data["not_signals"].get(language, []):
        assert normalize_phrase(phrase) not in meaning, phrase
        # ...and each hides a real signal word, or it would be pointless
        assert any(w in meaning for w in _subphrases(normalize_phrase(phrase))), phrase


def _subphrases(phrase: str) -> set[str]:
    words = phrase.split()
    return {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}


def test_title_levels_without_a_signal_allows_every_level():
    assert title_levels("Account Manager", "en") == ([], set(LEVELS))


def test_the_shipped_roles_pass(tmp_path):
    # A sanity check against the fixture: a clean senior role has no title-level complaint.
    assert complaints(run(tmp_path, role("Senior Account Manager", "senior")), RULE) == []


def test_the_suggestion_leaves_out_vague_words(tmp_path):
    # The two title rules suggest the same plain title, not "Senior Rockstar Account Manager".
    text = "title: Rockstar Account Manager\nlevel: senior\n"
    [problem] = [p for p in run(tmp_path, text) if p.rule == RULE]
    assert problem.suggestion == "say it plainly, as in 'Senior Account Manager'"

"""exclusionary-language: listed phrases across the posting, with their alternatives."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdgen.diagnostics import Level
from jdgen.lint.rules.exclusionary_language import CATEGORY_NAMES
from jdgen.lint.text import data_file, normalize_phrase
from tests.rules.common import check, run

RULE = "exclusionary-language"
LANGUAGES = ("en", "es", "ca")


def summary(text: str) -> str:
    return f"title: Senior Account Manager\nlevel: senior\nsummary: {text}\n"


def options(language: str | None = None, **values: str) -> str:
    """Rule options; ``language`` is the language the role files are written in."""
    lines = "".join(f"      {k}: {v}\n" for k, v in values.items())
    build = f"build:\n  default_locale: {language}\n" if language else ""
    rules = f"lint:\n  rules:\n    exclusionary-language:\n{lines}" if lines else ""
    return build + rules


def found(tmp_path, text: str, config: str | None = None) -> list[str]:
    return [
        p.message.split("'")[1]
        for p in run(tmp_path, text, config)
        if p.rule == RULE and p.path == "roles/role.yaml"
    ]


# -- one case per category -------------------------------------------------------------


def test_age(tmp_path):
    [problem] = check(tmp_path, summary("Join a young and dynamic team."), RULE, [(3, 17)])
    assert problem.level is Level.WARNING
    assert problem.message == (
        "'young and dynamic team' is age bias: states a preference for young applicants"
    )
    assert problem.suggestion == (
        "describe the work instead, e.g. 'you will visit 10 to 15 customers a week'"
    )


@pytest.mark.parametrize(
    ("text", "column", "phrase", "category", "level", "suggestion_starts"),
    [
        (
            "You must be able to lift 25 kg.",
            14,
            "must be able to lift",
            "physical",
            Level.WARNING,
            "if the job needs it, say what and how often",
        ),
        (
            "We work hard, play hard.",
            13,
            "work hard, play hard",
            "culture",
            Level.WARNING,
            "state the hours and what social events there are",
        ),
        (
            "Hit the ground running.",
            10,
            "Hit the ground running",
            "jargon",
            Level.WARNING,
            "describe onboarding",
        ),
        (
            "A competitive salary.",
            12,
            "competitive salary",
            "perk",
            Level.WARNING,
            "state the pay range",
        ),
        (
            "Not a job for a salesman.",
            26,
            "salesman",
            "gendered",
            Level.WARNING,
            "salesperson",
        ),
        ("No crazy hours.", 13, "crazy", "ability", Level.WARNING, "very, intense"),
        (
            "Native speakers preferred.",
            10,
            "Native speakers",
            "origin",
            Level.WARNING,
            "fluent (C1 or above)",
        ),
    ],
)
def test_each_category(tmp_path, text, column, phrase, category, level, suggestion_starts):
    [problem] = check(tmp_path, summary(text), RULE, [(3, column)])
    assert problem.message.startswith(f"{phrase!r} is {CATEGORY_NAMES[category]}: ")
    assert problem.level is level
    assert problem.suggestion.startswith(suggestion_starts)


def test_the_why_is_part_of_the_message(tmp_path):
    [problem] = check(tmp_path, summary("Free snacks."), RULE, [(3, 10)])
    assert problem.message == (
        "'Free snacks' is a hollow perk: a hollow perk (joblint) that often stands in "
        "for real benefits"
    )


# -- matching ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Our youthfulness programme.",  # youthful
        "A handicappedness index.",  # handicapped
        "Dumbbells in the gym.",  # dumb
        "Synergyx is our product.",  # synergy
        "We value crazyness less.",  # crazy
        "Guyana and Paraguay offices.",  # guys
        "Warner Bros. is a customer.",
        "Tell the broker.",
    ],
)
def test_whole_words_only(tmp_path, text):
    assert found(tmp_path, summary(text)) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Low-hanging fruit.", "Low-hanging fruit"),
        ("Low hanging fruit.", "Low hanging fruit"),
        ("LOW—HANGING FRUIT.", "LOW—HANGING FRUIT"),
        ("Work hard / play hard.", "Work hard / play hard"),
        ("He/she will sell.", "He/she"),
    ],
)
def test_any_separator_between_words(tmp_path, text, phrase):
    assert found(tmp_path, summary(text)) == [phrase]


def test_the_longest_phrase_wins(tmp_path):
    assert found(tmp_path, summary("Salary commensurate with experience.")) == [
        "Salary commensurate with experience"
    ]


def test_the_title_is_left_to_the_title_rules(tmp_path):
    check(tmp_path, "title: Rockstar Salesman\nlevel: senior\n", RULE, [])


def test_phrases_are_found_in_every_part_of_the_posting(tmp_path):
    text = """\
    title: Senior Account Manager
    level: senior
    duties+:
      - Be a team player
    requirements:
      must+:
        - A valid driver's license
    benefits+:
      - Free lunch on Fridays
    travel: You must be physically fit.
    """
    check(tmp_path, text, RULE, [(4, 10), (7, 9), (9, 5), (10, 21)])


def test_positions_inside_a_multi_line_block_scalar(tmp_path):
    text = """\
    title: Senior Account Manager
    level: senior
    summary: |
      You will look after our customers.

      We need a digital native who can
      hit the ground
        running from day one.
    """
    problems = check(tmp_path, text, RULE, [(6, 13), (7, 3)])
    assert [p.message.split("'")[1] for p in problems] == [
        "digital native",
        "hit the ground running from day one",
    ]


def test_positions_in_a_folded_scalar_and_a_quoted_string(tmp_path):
    text = """\
    title: Senior Account Manager
    level: senior
    summary: >
      Our culture is
      like a family.
    travel: "Must have own car; \\"whatever it takes\\", \\u00abwhatever it takes."
    """
    # The phrase in quotation marks is mentioned, not used; the one after an escape is.
    check(tmp_path, text, RULE, [(5, 3), (6, 20), (6, 58)])


def test_each_occurrence_is_reported(tmp_path):
    check(tmp_path, summary("Synergy, synergy and synergy."), RULE, [(3, 10), (3, 19), (3, 31)])


# -- except ---------------------------------------------------------------------------------


def test_except_phrases_hide_the_phrase_inside_them(tmp_path):
    es = options(language="es")
    assert found(tmp_path, summary("Una empresa joven busca vendedor/a."), es) == []
    assert found(tmp_path / "b", summary("Vendedor o vendedora, por favor."), es) == []
    assert found(tmp_path / "c", summary("Somos un equipo joven."), es) == ["equipo joven"]
    assert found(tmp_path / "d", summary("Un vendedor joven."), es) == ["vendedor", "joven"]


# -- options ----------------------------------------------------------------------------------


def test_the_categories_option(tmp_path):
    text = summary("A young and dynamic team with free snacks.")
    assert found(tmp_path, text) == ["young and dynamic team", "free snacks"]
    assert found(tmp_path / "b", text, options(categories="[perk]")) == ["free snacks"]
    assert found(tmp_path / "c", text, options(categories="[age, perk]")) == [
        "young and dynamic team",
        "free snacks",
    ]


def test_spanish(tmp_path):
    text = summary("Buscamos buena presencia y salario competitivo.")
    problems = check(tmp_path, text, RULE, [(3, 19), (3, 37)], config=options(language="es"))
    assert problems[0].message.startswith("'buena presencia' is a physical demand: ")
    assert problems[0].suggestion.startswith("trato cordial con clientes")
    assert problems[1].level is Level.WARNING
    check(tmp_path / "en", text, RULE, [])  # English by default


def test_catalan(tmp_path):
    text = summary("Busquem un venedor o venedora jove, empresa jove, amb bona presència.")
    problems = check(tmp_path, text, RULE, [(3, 40), (3, 64)], config=options(language="ca"))
    assert [p.message.split("'")[1] for p in problems] == ["jove", "bona presència"]
    assert problems[0].level is Level.WARNING  # every category at warning (issue #15)


def test_accents_are_optional(tmp_path):
    text = summary("Buscamos un recien titulado.")
    assert found(tmp_path, text, options(language="es")) == ["recien titulado"]


def test_a_suppression_comment_silences_it(tmp_path):
    text = summary("A competitive salary.  # jdgen: disable=exclusionary-language")
    check(tmp_path, text, RULE, [])


# -- the data -----------------------------------------------------------------------------------

REQUIRED = {"phrase", "category", "level", "suggestion", "why"}
ALLOWED = REQUIRED | {"variants", "except", "note", "source", "pattern", "trigger", "capitalised"}


def entries(language: str) -> list[dict]:
    return data_file("lint/exclusionary.yaml")[language]


def test_every_language_has_entries():
    assert set(data_file("lint/exclusionary.yaml")) == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_entry_shape(language):
    for entry in entries(language):
        assert REQUIRED <= set(entry) <= ALLOWED, entry
        assert entry["category"] in CATEGORY_NAMES, entry["phrase"]
        assert entry["level"] in ("warning", "info"), entry["phrase"]
        for key in ("phrase", "suggestion", "why"):
            assert isinstance(entry[key], str) and entry[key].strip(), (entry["phrase"], key)
        assert entry["phrase"] == entry["phrase"].lower(), entry["phrase"]
        assert entry["why"].endswith("."), entry["phrase"]
        for key in ("variants", "except"):
            forms = entry.get(key, [])
            assert isinstance(forms, list) and all(isinstance(f, str) for f in forms)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_normalised_phrase_twice(language):
    owner: dict[str, str] = {}
    for entry in entries(language):
        if "pattern" in entry:
            continue  # a pattern's phrase and variants are examples, not matched as phrases
        for form in [entry["phrase"], *entry.get("variants", [])]:
            key = normalize_phrase(form)
            assert key not in owner, f"{form!r} in {entry['phrase']!r} and {owner.get(key)!r}"
            owner[key] = entry["phrase"]
    for entry in entries(language):
        for fine in entry.get("except", []):
            key = normalize_phrase(fine)
            # an exception that equals a listed phrase would silently switch it off
            assert key not in owner, f"except {fine!r} hides the entry {owner.get(key)!r}"
            # ...and one that does not contain its phrase hides nothing
            forms = [normalize_phrase(f) for f in [entry["phrase"], *entry.get("variants", [])]]
            assert any(f" {f} " in f" {key} " for f in forms), fine


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_category_is_used(language):
    assert {e["category"] for e in entries(language)} == set(CATEGORY_NAMES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_listed_form_is_found(tmp_path, language):
    forms = [
        form
        for entry in entries(language)
        for form in [entry["phrase"], *entry.get("variants", [])]
    ]
    missing = []
    size = 300  # forms per role: a summary may not pass 20,000 characters
    for n in range(0, len(forms), size):
        chunk = forms[n : n + size]
        text = "summary: |\n" + "".join(f"  {i}. {form}\n" for i, form in enumerate(chunk))
        text = "title: Senior Account Manager\nlevel: senior\n" + text
        hits = [
            p for p in run(tmp_path / str(n), text, options(language=language)) if p.rule == RULE
        ]
        lines = {p.line for p in hits if p.path == "roles/role.yaml"}
        missing += [form for i, form in enumerate(chunk) if i + 4 not in lines]
    assert missing == []


def test_every_source_is_cited_in_the_docs():
    doc = (Path(__file__).parents[2] / "docs" / "word-list-sources.md").read_text(encoding="utf-8")
    keys = {
        k for lang in LANGUAGES for e in entries(lang) for k in str(e.get("source", "")).split()
    }
    missing = [k for k in sorted(keys) if f"`{k}`" not in doc and f"| {k} |" not in doc]
    assert keys and missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_pattern_finds_its_examples(language):
    import re

    from jdgen.lint.canonical import canonical

    for entry in entries(language):
        if "pattern" in entry:
            for example in [entry["phrase"], *entry.get("variants", [])]:
                folded = canonical(example).text
                assert re.search(entry["pattern"], folded), example
                # ...and holds one of its triggers, which decide whether it is tried at all
                assert any(
                    (re.search(r"\d", folded) if t == "digit" else t in folded)
                    for t in entry["trigger"]
                ), example

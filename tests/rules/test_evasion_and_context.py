"""Wording that hides from the word lists is still found, at the words as written; and
words that are names, quotations or about what the company sells are left alone."""

from __future__ import annotations

import pytest

from jdgen.lint.canonical import canonical
from tests.rules.common import run


def role(
    title: str = "Senior Account Manager", summary: str = "You will look after customers."
) -> str:
    return f'title: "{title}"\nlevel: senior\nsummary: "{summary}"\n'


def problems(tmp_path, text: str, rule: str) -> list[tuple[int, int, str]]:
    return [
        (p.line, p.column, p.message)
        for p in run(tmp_path, text)
        if p.rule == rule and p.path == "roles/role.yaml"
    ]


def warnings_in(tmp_path, sentence: str, language: str) -> list[tuple[int, str]]:
    """exclusionary-language's warnings and errors on ``sentence`` as a summary, in a
    workspace written in ``language``."""
    config = f"build:\n  default_locale: {language}\n  locales: [{language}]\n"
    return [
        (p.line, p.message)
        for p in run(tmp_path, role(summary=sentence), config)
        if p.rule == "exclusionary-language" and p.path == "roles/role.yaml" and p.level >= 2
    ]


# -- disguised titles -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "column", "word"),
    [
        ("R\u043eckstar Account Manager", 9, "R\u043eckstar"),  # Cyrillic o
        ("Sales N\u0456nja", 15, "N\u0456nja"),  # Cyrillic i
        ("R\u03bfckstar Account Manager", 9, "R\u03bfckstar"),  # Greek omicron
        ("Sales N1nja", 15, "N1nja"),
        ("Gr0wth H4cker", 9, "Gr0wth H4cker"),
        ("SalesNinja", 14, "Ninja"),
        ("RockstarAccountManager", 9, "Rockstar"),
        ("Ｒｏｃｋｓｔａｒ Account Manager", 9, "Ｒｏｃｋｓｔａｒ"),  # full-width letters, NFKC
    ],
)
def test_disguised_vague_titles_are_found_where_written(tmp_path, title, column, word) -> None:
    found = problems(tmp_path, role(title), "vague-title")
    assert found, title
    line, col, message = found[0]
    assert (line, col) == (1, column)
    assert message.startswith(f"{word!r} is a vague title word")


def test_a_gendered_title_with_a_digit_is_found(tmp_path) -> None:
    found = problems(tmp_path, role("Sale5man"), "title-format")
    assert [m for _, _, m in found if "gendered" in m] == ["'Sale5man' is a gendered title"]


def test_numbers_and_units_in_titles_are_not_read_as_letters() -> None:
    assert canonical("Level 2 Support, 10x Team, B2B", title=True).text == (
        "level 2 support, 10x team, b2b"
    )


# -- disguised sentences ----------------------------------------------------------------


@pytest.mark.parametrize("hidden", ["\u200b", "\u200d", "\u00ad", "\u2060", "\ufeff"])
def test_invisible_characters_inside_a_phrase_do_not_hide_it(tmp_path, hidden) -> None:
    text = role(summary=f"We want a digi{hidden}tal native on the team.")
    found = problems(tmp_path, text, "exclusionary-language")
    assert [(line, col) for line, col, _ in found] == [(3, 21)]
    assert "digi" in found[0][2] and "native" in found[0][2]


def test_look_alike_letters_in_a_sentence_do_not_hide_a_phrase(tmp_path) -> None:
    found = problems(
        tmp_path, role(summary="Join a y\u043eung and dynamic team."), "exclusionary-language"
    )
    assert [(line, col) for line, col, _ in found] == [(3, 18)]


def test_positions_map_back_through_removed_characters() -> None:
    view = canonical("a\u200bb\u00adc digital")
    assert view.text == "abc digital"
    assert view.span(4, 11) == (6, 13)


# -- context ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Experience with Rockstar Games titles is a plus.",
        "We sell Ninja blenders to retailers across Spain.",
        "Our customers include Guru Systems and Acme.",
        "The office is in Gurugram.",
        'Avoid words like "ninja" and "rockstar" in job ads.',
        "We avoid \u201crockstar\u201d titles in our own ads.",
    ],
)
def test_names_places_quotations_and_products_are_not_hyperbole(tmp_path, sentence) -> None:
    assert problems(tmp_path, role(summary=sentence), "exclusionary-language") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "We need a rockstar to join our team.",
        "Are you a Sales Ninja?",
        "You are a ninja at closing deals.",
        "Rockstars wanted for our growing team.",
    ],
)
def test_hyperbole_about_the_candidate_is_found(tmp_path, sentence) -> None:
    found = problems(tmp_path, role(summary=sentence), "exclusionary-language")
    assert found, sentence


@pytest.mark.parametrize(
    ("title", "language", "word"),
    [
        ("Gurús de ventas", "es", "gurú"),
        ("Ninjas de ventas", "es", "ninja"),
        ("Titanes de las ventas", "es", "titán"),
        ("Estrelles comercials", "ca", "estrella"),
    ],
)
def test_spanish_and_catalan_plurals_of_vague_words(title, language, word) -> None:
    from jdgen.lint.rules.vague_title import find

    assert [e.word for _, _, e in find(title, (language,))] == [word]


@pytest.mark.parametrize(
    "sentence",
    [
        "You will sell Craftsman hand tools to hardware retailers.",
        "You will coordinate activities at the Boys & Girls Club of Dane County.",
        "You will pack orders for our Ninja air fryers.",
        "You will deliver kegs to pubs across the region.",
    ],
)
def test_brands_and_tasks_are_not_flagged(tmp_path, sentence) -> None:
    assert problems(tmp_path, role(summary=sentence), "exclusionary-language") == []


@pytest.mark.parametrize(
    "sentence",
    ["Now Hiring Salesmen For Our Busy Store.", "We are hiring a Salesman for our store."],
)
def test_capitals_in_a_headline_or_after_a_determiner_do_not_hide_a_word(
    tmp_path, sentence
) -> None:
    assert problems(tmp_path, role(summary=sentence), "exclusionary-language")


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Our CEO, Ana, says she wants every call answered within a day.", "en"),
        ("Your manager, Tom, says he looks forward to meeting you.", "en"),
        ("You will lead SHE audits on our construction sites.", "en"),
        ("You will teach maths to pupils aged 11 to 16.", "en"),
        ("We are a family-owned business, trading since 1950.", "en"),
        ("We sponsor the local table tennis club.", "en"),
        ("You will perform at superhero-themed children's parties.", "en"),
        ("Somos una joven empresa de logística fundada en 2020.", "es"),
        ("Atenderás a jóvenes en riesgo de exclusión social.", "es"),
        ("Mejorarás nuestra buena presencia en redes sociales.", "es"),
        ("Millorem la nostra bona presència a les xarxes socials.", "ca"),
    ],
)
def test_what_a_review_found_flagged_wrongly(tmp_path, sentence, language) -> None:
    assert warnings_in(tmp_path, sentence, language) == []


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("We're looking for a girl to run our front desk.", "en"),
        ("Only men need apply.", "en"),
        ("We need a SalesNinja to close deals.", "en"),
        ("Applicants must not be dyslexic.", "en"),
        ("Not suitable for wheelchair users.", "en"),
        ("Buscamos un camarero para el turno de noche.", "es"),
        ("Se requiere levantar cajas de 25 kg.", "es"),
        ("Busquem infermera per a residència.", "ca"),
        ("Cal aixecar caixes de 25 kg.", "ca"),
    ],
)
def test_what_a_review_found_missed(tmp_path, sentence, language) -> None:
    assert warnings_in(tmp_path, sentence, language), sentence


def test_an_acronym_in_a_title_is_no_pronoun(tmp_path) -> None:
    for title in ("SHE Manager", "Head of HE Partnerships"):
        found = problems(tmp_path / title.replace(" ", "-"), role(title), "title-format")
        assert [m for _, _, m in found if "gendered" in m] == [], title

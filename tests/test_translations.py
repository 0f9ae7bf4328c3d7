"""Role text in other languages: translation files laid over the originals."""

from __future__ import annotations

import pytest

from jdgen.build.options import build_options
from jdgen.build.runner import BuildOptions, build
from jdgen.errors import ConfigFileError
from jdgen.lint.check import read_settings
from jdgen.lint.run import lint_paths
from jdgen.load.discover import split_locale

BASE = """\
department: Sales
requirements:
  must:
    - id: crm
      text: Experience with a CRM
benefits: [Health insurance]
"""
ROLE = """\
extends: _base.yaml
title: Senior Account Manager
level: senior
summary: Look after our customers.
duties:
  - Manage accounts
  - Negotiate renewals
requirements:
  must+:
    - Three years in sales
salary: {min: 50000, max: 60000, currency: EUR, period: year}
date_posted: 2026-11-23
"""
ES = """\
title: Gerente de cuentas sénior
summary: Cuida de nuestros clientes.
duties:
  - Gestionar cuentas
requirements:
  must+:
    - text: Tres años en ventas
"""


@pytest.fixture
def ws(make_workspace):
    return make_workspace(
        {
            "roles/_base.yaml": BASE,
            "roles/_base.es.yaml": "requirements:\n  must:\n    - id: crm\n      text: Experiencia con un CRM\n",
            "roles/sam.yaml": ROLE,
            "roles/sam.es.yaml": ES,
            "roles/_company.yaml": "name: Acme\nabout: We make things.\n",
            "roles/_company.es.yaml": "about: Fabricamos cosas.\n",
        }
    )


def test_split_locale():
    from pathlib import Path

    assert split_locale(Path("roles/sam.es.yaml")) == (Path("roles/sam.yaml"), "es")
    assert split_locale(Path("roles/_base.pt-BR.yaml")) == (Path("roles/_base.yaml"), "pt_BR")
    assert split_locale(Path("roles/sam.yaml")) == (Path("roles/sam.yaml"), None)


def test_a_translation_lays_text_over_the_original_item_by_item(ws):
    role = ws.load_role(ws.roles_dir / "sam.yaml", "es").role
    assert role.title == "Gerente de cuentas sénior"
    assert role.duties == ["Gestionar cuentas", "Negotiate renewals"]  # the 2nd falls back
    assert [r.text for r in role.requirements.must] == [
        "Experiencia con un CRM",
        "Tres años en ventas",
    ]
    assert [r.id for r in role.requirements.must] == ["crm", "three-years-in-sales"]  # ids stay
    assert role.salary.min == 50000 and role.department == "Sales"
    assert ws.company_in("es")[0].about == "Fabricamos cosas."
    assert ws.company_in(None)[0].about == "We make things."


def test_translated_values_keep_the_translation_files_positions(ws):
    loaded = ws.load_role(ws.roles_dir / "sam.yaml", "es")
    assert (loaded.mark("title").file, loaded.mark("title").line) == ("roles/sam.es.yaml", 1)
    assert (loaded.mark("duties", 1).file, loaded.mark("duties", 1).line) == ("roles/sam.yaml", 7)
    assert loaded.mark("requirements", "must", 0, "text").file == "roles/_base.es.yaml"
    assert {p.name for p in loaded.files} >= {"sam.es.yaml", "_base.es.yaml", "_company.es.yaml"}


def test_translation_files_are_not_roles(ws):
    assert [p.name for p in ws.role_files()] == ["sam.yaml"]
    assert [p.name for p in ws.role_files([ws.roles_dir / "sam.es.yaml"])] == ["sam.yaml"]


@pytest.mark.parametrize(
    ("translation", "message"),
    [
        (
            "level: junior\n",
            "roles/sam.es.yaml:1:1: error [schema] level: not text, so it cannot be translated",
        ),
        (
            "salary: {min: 1}\n",
            "roles/sam.es.yaml:1:10: error [schema] salary.min: not text, so it cannot be translated",
        ),
        (
            "travel: A menudo\n",
            "roles/sam.es.yaml:1:1: error [schema] travel: not in the original, so there is nothing to translate",
        ),
        (
            "duties: [a, b, c]\n",
            "roles/sam.es.yaml:1:1: error [schema] duties: 3 items, but the original has 2",
        ),
        (
            "title: [a]\n",
            "roles/sam.es.yaml:1:1: error [schema] title: the original has no list here to translate",
        ),
        ("duties: [3]\n", "roles/sam.es.yaml:1:10: error [schema] duties[0]: expected text, got 3"),
    ],
)
def test_bad_translations_are_reported_at_their_line(ws, translation, message):
    (ws.roles_dir / "sam.es.yaml").write_text(translation, encoding="utf-8")
    from jdgen.errors import RoleFileError

    with pytest.raises(RoleFileError) as caught:
        ws.load_role(ws.roles_dir / "sam.yaml", "es")
    assert caught.value.format_message() == message


def test_a_mismatched_id_is_an_error(ws):
    (ws.roles_dir / "_base.es.yaml").write_text(
        "requirements:\n  must:\n    - id: erp\n      text: ERP\n"
    )
    from jdgen.errors import RoleFileError

    with pytest.raises(RoleFileError) as caught:
        ws.load_role(ws.roles_dir / "sam.yaml", "es")
    assert caught.value.format_message() == (
        "roles/_base.es.yaml:3:7: error [schema] requirements.must[0].id: id 'erp' does not match the original's 'crm'"
    )


def test_build_writes_each_locale_beside_the_default(ws, tmp_path):
    out = tmp_path / "out"
    report = build(ws, None, BuildOptions(out, ("md", "html"), locales=("en", "es", "ca")))
    assert report.failed == []
    names = sorted(p.name for p in (out / "sam").iterdir())
    # Catalan has no translation of the role: no Catalan posting (not Catalan headings
    # over an English body), and the summary says so.
    assert names == ["posting.es.html", "posting.es.md", "posting.html", "posting.md"]
    assert report.untranslated == {"sam": ["ca"]}
    es = (out / "sam" / "posting.es.md").read_text()
    assert es.startswith("# Gerente de cuentas sénior\n")
    assert "Fabricamos cosas." in es
    assert '<html lang="es">' in (out / "sam" / "posting.es.html").read_text()


def test_untranslated_original_publishes_the_role_in_its_own_language(ws, tmp_path):
    (ws.root / ".jdgen.yaml").write_text("build:\n  untranslated: original\n")
    out = tmp_path / "out"
    report = build(ws, None, BuildOptions(out, ("md", "html"), locales=("en", "ca")))
    assert (report.failed, report.untranslated) == ([], {})
    english = (out / "sam" / "posting.md").read_text()
    assert (out / "sam" / "posting.ca.md").read_text() == english  # headings too
    assert '<html lang="en">' in (out / "sam" / "posting.ca.html").read_text()


def test_money_and_dates_follow_the_locale(ws, tmp_path):
    out = tmp_path / "out"
    build(ws, None, BuildOptions(out, ("md",), locales=("es",), default_locale="en"))
    es = (out / "sam" / "posting.es.md").read_text()
    assert "50.000 € – 60.000 €" in es


def test_build_options_read_the_config(ws):
    (ws.root / ".jdgen.yaml").write_text("build:\n  locales: [en, es]\n  page_size: letter\n")
    config = read_settings(ws).config
    options = build_options(config, ws.root)
    assert (options.locales, options.default_locale, options.page_size) == (
        ("en", "es"),
        "en",
        "letter",
    )
    assert build_options(config, ws.root, locales=("ca",)).locales == ("ca",)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            "build:\n  locales: [en, xx-qq]\n",
            ".jdgen.yaml:2:17: error: build.locales[1]: unknown locale 'xx-qq'; use a code "
            "such as en, es or ca",
        ),
        (
            "build:\n  locale: [en]\n",
            ".jdgen.yaml:2:3: error: build: unknown key 'locale' (did you mean 'locales'?)",
        ),
        (
            "build:\n  formats: [docx]\n",
            ".jdgen.yaml:2:13: error: build.formats[0]: expected one of 'md', 'html', 'pdf' or "
            "'json', got 'docx'",
        ),
        (
            "build:\n  locales: []\n",
            ".jdgen.yaml:2:12: error: build.locales: list at least one locale, such as [en]",
        ),
    ],
)
def test_bad_build_config_is_an_error_at_its_line(ws, config, message):
    (ws.root / ".jdgen.yaml").write_text(config)
    with pytest.raises(ConfigFileError) as caught:
        read_settings(ws)
    assert caught.value.format_message() == message


def test_lint_reads_translations_with_their_language_lists(ws):
    (ws.root / ".jdgen.yaml").write_text("build:\n  locales: [en, es]\n")
    (ws.roles_dir / "sam.es.yaml").write_text(ES + "travel: null\n".replace("travel: null\n", ""))
    text = (
        (ws.roles_dir / "sam.es.yaml")
        .read_text()
        .replace("Cuida de nuestros clientes.", "Buscamos buena presencia.")
    )
    (ws.roles_dir / "sam.es.yaml").write_text(text)
    problems = lint_paths(ws, [ws.roles_dir / "sam.yaml"]).problems
    found = [(p.path, p.line, p.rule) for p in problems if p.rule == "exclusionary-language"]
    assert found == [("roles/sam.es.yaml", 2, "exclusionary-language")]


def test_missing_translations_are_reported_where_the_original_says_it(ws):
    (ws.root / ".jdgen.yaml").write_text("build:\n  locales: [en, es]\n")
    problems = [
        p
        for p in lint_paths(ws, [ws.roles_dir / "sam.yaml"]).problems
        if p.rule == "missing-translation"
    ]
    assert [(p.path, p.line, p.message, p.suggestion) for p in problems] == [
        (
            "roles/_base.yaml",
            6,
            "benefits[0] has no Spanish (es) translation",
            "add it to roles/_base.es.yaml",
        ),
        (
            "roles/sam.yaml",
            7,
            "duties[1] has no Spanish (es) translation",
            "add it to roles/sam.es.yaml",
        ),
    ]


def test_a_role_with_no_translation_at_all_gets_one_problem(ws):
    (ws.root / ".jdgen.yaml").write_text("build:\n  locales: [en, ca]\n")
    problems = [
        p
        for p in lint_paths(ws, [ws.roles_dir / "sam.yaml"]).problems
        if p.rule == "missing-translation"
    ]
    assert [(p.path, p.line, p.message, p.suggestion) for p in problems] == [
        (
            "roles/sam.yaml",
            2,
            "the role has no Catalan (ca) translation, so no Catalan posting is written",
            "add roles/sam.ca.yaml, or set build.untranslated: original",
        )
    ]

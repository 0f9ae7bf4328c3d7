"""gettext catalogs: complete, in step with the templates, and used by the renderer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from jdgen.i18n import LOCALE_DIR, language_name, shipped_locales, translations
from jdgen.load.config import check_locale

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = [code for code in shipped_locales() if code != "en"]


def catalog(language: str):
    with (LOCALE_DIR / language / "LC_MESSAGES" / "jdgen.po").open("rb") as handle:
        return read_po(handle)


def test_spanish_and_catalan_are_shipped():
    assert shipped_locales() == ["en", "ca", "es"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    strings = {
        m.id: m.string if isinstance(m.string, tuple) else (m.string,) for m in catalog(language)
    }
    missing = [message for message, string in strings.items() if message and not all(string)]
    fuzzy = [m.id for m in catalog(language) if m.id and m.fuzzy]
    assert (missing, fuzzy) == ([], [])


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    for message in catalog(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"%\((\w+)\)s", ids[0]))
        for string in strings:
            assert set(re.findall(r"%\((\w+)\)s", string)) == wanted, message.id


def test_catalogs_hold_every_message_in_the_templates_and_code():
    """A template string added without running scripts/update-catalogs.sh fails here."""
    method_map = [("jdgen/**.py", "python"), ("templates/**.j2", "jinja2")]
    options = {"templates/**.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true"}}
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    extracted = {
        message if isinstance(message, str) else message[0]
        for _, _, message, *_ in extract_from_dir(str(REPO), method_map, options, keywords)
    }
    assert "What you will do" in extracted and "Entry level" in extracted
    for language in LANGUAGES:
        known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(language) if m.id}
        assert extracted - known == set(), f"run scripts/update-catalogs.sh ({language})"


def test_translations_are_used():
    assert translations("es").gettext("What you will do") != "What you will do"
    assert translations("en").gettext("What you will do") == "What you will do"
    assert translations("es_ES").gettext("Pay and benefits") == translations("es").gettext(
        "Pay and benefits"
    )


def test_locale_codes_are_checked():
    assert check_locale("pt-BR") == "pt_BR"
    with pytest.raises(ValueError, match=r"unknown locale 'klingon'"):
        check_locale("klingon")
    assert language_name("ca") == "Catalan"

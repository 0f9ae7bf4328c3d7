"""Languages: gettext catalogs for template text, and the locales a build writes.

Template text and Python labels are English message ids, translated through the
gettext catalogs in ``jdgen/locale/<lang>/LC_MESSAGES/jdgen.po``. The catalogs
are compiled in memory when first used, so the repository holds only ``.po``
files. Refresh them after changing template text with ``scripts/update-catalogs.sh``.

A role's own text is translated in sibling files (``key-account-manager.es.yaml``);
see :mod:`jdgen.load.translate`.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

DOMAIN = "jdgen"
DEFAULT_LOCALE = "en"
LOCALE_DIR = Path(str(files("jdgen") / "locale"))


def N_(message: str) -> str:
    """Mark a string for extraction into the catalogs without translating it yet."""
    return message


def shipped_locales() -> list[str]:
    """The languages jdgen's own text is translated into, plus English."""
    found = sorted(
        p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
    )
    return [DEFAULT_LOCALE, *found]


@lru_cache(maxsize=16)
def translations(locale: str) -> gettext.NullTranslations:
    """The catalog for ``locale`` (its language's, if there is none for the region).

    English, and any language without a catalog, get the message ids as they are.
    """
    # Babel is imported here, not at the top: lint imports this module for its
    # constants, and Babel would add a fifth to lint's start on one file.
    from babel import Locale
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    language = Locale.parse(locale).language
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == DEFAULT_LOCALE or not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def language_name(locale: str, in_locale: str | None = None) -> str:
    """``language_name("es")`` → ``"Spanish"``; in Spanish, ``"español"``."""
    from babel import Locale

    return Locale.parse(locale).get_language_name(in_locale or DEFAULT_LOCALE) or locale

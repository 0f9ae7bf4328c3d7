"""A posting published in several languages says everything in each of them.

When ``build.locales`` lists locales besides the one the role files are written
in, each piece of posting text (title, summary, every duty, requirement and
benefit...) should appear in the translation files (``role.es.yaml``,
``_base.es.yaml``, ``_company.es.yaml``). What a translation leaves out is
published in the original language; this rule reports it at the original
value's line, with the file the translation belongs in. Certification names are
proper names and are not required.

A role with no translation at all for a published locale (no ``role.es.yaml``,
nor a translation of a file it extends) gets one warning naming the locale, and a
build writes no posting in that locale, unless ``build.untranslated: original``
says to publish the role's own language there.

Passing example::

    title: Senior Account Manager
    level: senior

Failing example::

    title: Senior Account Manager
    level: senior
    # file: .jdgen.yaml
    build:
      locales: [en, es]
    # file: roles/role.es.yaml
    title: Gerente de cuentas sénior
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdgen.lint.problem import Finding
from jdgen.load.discover import split_locale, translation_path
from jdgen.load.source import dotted
from jdgen.load.workspace import LoadedRole

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext

ID = "missing-translation"
LEVEL = "warning"
DEFAULT: dict[str, Any] = {}
PER_LOCALE = True
_PROPER_NAMES = ("certification",)


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """For the role as written, each published locale it has no translation for; for a
    translation, each piece of posting text still in the original language."""
    if role.locale is None:
        untranslated = context.untranslated.get(role.path, {})
        for locale, mode in untranslated.items():
            wanted = translation_path(Path(role.display), locale)
            language = _language(locale)
            plain = language.split(" (")[0]
            if mode == "original":
                source = _language(context.default_locale)
                message = (
                    f"the role has no {language} translation: its {plain} posting "
                    f"shows the {source.split(' (')[0]} text"
                )
                hint = f"add {wanted}"
            else:
                message = (
                    f"the role has no {language} translation, so no {plain} posting is written"
                )
                hint = f"add {wanted}, or set build.untranslated: original"
            yield context.at(
                context.in_role(role, role.mark("title")), message, hint, fallback=role
            )
        return
    for segment in context.segments(role):
        mark = segment.mark
        if segment.field in _PROPER_NAMES or mark is None:
            continue
        if split_locale(Path(mark.file))[1] != role.locale:
            yield context.at(
                mark,
                f"{dotted(segment.path)} has no {_language(role.locale)} translation",
                f"add it to {translation_path(Path(mark.file), role.locale)}",
            )


def _language(locale: str) -> str:
    """``Spanish (es)``. Babel's locale data takes a fifth of a second's lint of one
    file to load, so it is looked up only for a problem to report."""
    from jdgen.i18n import language_name

    return f"{language_name(locale)} ({locale})"

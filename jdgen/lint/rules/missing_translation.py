"""A posting published in several languages says everything in each of them.

When ``build.locales`` lists locales besides the one the role files are written
in, each piece of posting text (title, summary, every duty, requirement and
benefit...) should appear in the translation files (``role.es.yaml``,
``_base.es.yaml``, ``_company.es.yaml``). What a translation leaves out is
published in the original language; this rule reports it at the original
value's line, with the file the translation belongs in. Certification names are
proper names and are not required.

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
from jdgen.load.source import dotted
from jdgen.load.translate import split_locale, translation_path
from jdgen.load.workspace import LoadedRole

if TYPE_CHECKING:
    from jdgen.lint.check import LintContext

ID = "missing-translation"
LEVEL = "warning"
DEFAULT: dict[str, Any] = {}
PER_LOCALE = True
_PROPER_NAMES = ("certification",)


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """Posting text of a translated role that still comes from an original file."""
    if role.locale is None:
        return
    if not any(split_locale(f)[1] == role.locale for f in role.files):
        wanted = translation_path(Path(role.display), role.locale)
        yield context.at(
            role.mark(),
            f"the role has no {_language(role.locale)} translation",
            f"add {wanted}, or drop {role.locale!r} from build.locales",
            fallback=role,
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

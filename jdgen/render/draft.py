"""How a draft says so: a role built with ``jdgen build --draft`` despite its lint errors.

Every page of a draft says plainly that it is one, whatever templates the workspace
uses: the notice is added to what the templates render, not left to them. The
Markdown starts with it; the HTML page shows it above everything else (first in its
``main``), and when printed (the PDF) repeats it at the top of every page.
"""

from __future__ import annotations

import html
import re

from jdgen.i18n import translations

_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_MAIN = re.compile(r"<main\b[^>]*>", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
MARKER = "jdgen-draft"


def notice(errors: int, locale: str) -> str:
    """``Draft, not for publication: 3 lint errors (see jdgen lint).``"""
    tr = translations(locale)
    count = tr.ngettext("%(n)s lint error", "%(n)s lint errors", errors) % {"n": errors}
    return tr.gettext("Draft, not for publication: %(errors)s (see jdgen lint).") % {
        "errors": count
    }


def mark_markdown(text: str, errors: int, locale: str) -> str:
    """The Markdown with the notice as its first paragraph."""
    return f"> **{notice(errors, locale)}**\n\n{text}"


def mark_html(page: str, errors: int, locale: str) -> str:
    """The page with the notice at the top of its body, and on every printed page."""
    text = html.escape(notice(errors, locale))
    banner = (
        f'<p class="{MARKER}" role="note" style="margin:0 0 1em;padding:.6em 1em;'
        "background:#fff3cd;color:#3d2e00;border:2px solid #8a6d00;font-weight:bold;"
        f'font-family:sans-serif">{text}</p>'
    )
    # The printed page's top margin box: quotes and backslashes escaped for CSS.
    css_text = notice(errors, locale).replace("\\", "\\\\").replace('"', '\\"')
    style = (
        f'<style>@page {{ @top-center {{ content: "{css_text}"; '
        "font: bold 8pt sans-serif; color: #3d2e00; }}</style>"
    )
    page = _HEAD_END.sub(lambda m: style + m.group(0), page, count=1)
    # At the top of the main landmark, so that a screen reader's tour of the page's
    # landmarks meets it (axe-core's "region" rule); at the top of the body without one.
    found = _MAIN.search(page) or _BODY.search(page)
    if found is None:
        return banner + page
    return page[: found.end()] + banner + page[found.end() :]

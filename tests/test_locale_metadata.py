"""What a Spanish or Catalan reader sees first: page and PDF metadata, and dates."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
from babel.messages.pofile import read_po

from jdgen.build.runner import BuildOptions, build
from jdgen.i18n import LOCALE_DIR
from jdgen.load.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def english_words(language: str) -> set[str]:
    """Words of jdgen's English messages that the language's catalogue does not share.

    "Senior", "at", "Remote", "Contract"... are in it; "PDF" and "No", which
    Spanish writes the same way, are not.
    """
    catalog = read_po((LOCALE_DIR / language / "LC_MESSAGES" / "jdgen.po").open("rb"))
    english: set[str] = set()
    translated: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            english |= {w.lower() for w in WORD.findall(re.sub(r"%\(\w+\)s", " ", text))}
        for text in strings:
            translated |= {w.lower() for w in WORD.findall(text)}
    return english - translated


class Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._in_title = tag == "title"
        if tag == "meta" and attrs.get("name") in ("description", "author", "keywords"):
            self.texts.append(attrs.get("content") or "")

    def handle_data(self, data):
        if self._in_title:
            self.texts.append(data)

    def handle_endtag(self, tag):
        self._in_title = False


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shipped")
    options = BuildOptions(out, ("html", "pdf"), locales=("en", "es", "ca"))
    roles = [
        REPO / "roles" / f"{r}.yaml" for r in ("key-account-manager", "junior-account-manager")
    ]
    report = build(Workspace(REPO), roles, options)
    assert report.failed == []
    return out


def _names(ws: Workspace) -> set[str]:
    """Proper names the metadata may carry in any language: the company and its place."""
    company = ws.company_in()[0]
    where = ws.load_role(ws.roles_dir / "key-account-manager.yaml").role.location
    names = [company.name, where.city or "", where.region or ""]
    return {w.lower() for name in names for w in WORD.findall(name)}


@pytest.mark.parametrize("language", ["es", "ca"])
def test_spanish_and_catalan_metadata_have_no_english_words(shipped, language):
    english = english_words(language) - _names(Workspace(REPO))
    # The check can find what it looks for.
    assert {"at", "senior", "full-time", "contract", "lead"} <= english
    found = {}
    for page in shipped.glob(f"*/*.{language}.html"):
        head = Head()
        head.feed(page.read_text(encoding="utf-8"))
        found[str(page.relative_to(shipped))] = head.texts
    for pdf in shipped.glob(f"*/*.{language}.pdf"):
        with pikepdf.open(pdf) as doc:
            info = [str(doc.docinfo.get(k, "")) for k in ("/Title", "/Subject", "/Keywords")]
            with doc.open_metadata() as xmp:
                info += [str(xmp.get(k, "")) for k in ("dc:title", "dc:description")]
        found[str(pdf.relative_to(shipped))] = info
    assert len(found) == 4  # two roles, each as HTML and PDF
    for name, texts in found.items():
        words = {w.lower() for text in texts for w in WORD.findall(text)}
        assert words & english == set(), (name, texts)


def test_an_english_words_check_catches_an_english_page_description():
    english = english_words("es")
    head = Head()
    head.feed('<title>Key Account Manager</title><meta name="description" content="Senior, at X">')
    words = {w.lower() for text in head.texts for w in WORD.findall(text)}
    assert {"senior", "at"} <= words & english


ROLE = """\
title: Senior Account Manager
level: senior
summary: Look after our customers.
duties: [Manage accounts, Negotiate renewals]
requirements: {must: [Three years in sales]}
salary: {min: 50000, max: 60000, currency: EUR, period: year}
location: {city: Barcelona, country: %s}
date_posted: 2026-11-23
apply: {url: "https://example.com/jobs/1", deadline: 2027-02-28}
"""


@pytest.mark.parametrize(
    ("country", "locale", "deadline"),
    [
        ("ES", "en", "on 28 February 2027"),
        ("US", "en", "on February 28, 2027"),
        ("CO", "en", "on 28 February 2027"),
        ("ES", "es", "el 28 de febrero de 2027"),
    ],
)
def test_dates_in_a_posting_follow_the_jobs_country(
    make_workspace, tmp_path, country, locale, deadline
):
    ws = make_workspace({"roles/r.yaml": ROLE % country})
    out = tmp_path / "out"
    translation = {"es": "title: Responsable de cuentas sénior\n"}
    if locale == "es":
        (ws.roles_dir / "r.es.yaml").write_text(translation["es"], encoding="utf-8")
    report = build(ws, None, BuildOptions(out, ("md",), locales=(locale,), default_locale=locale))
    assert report.failed == []
    text = next((out / "r").glob("posting*.md")).read_text(encoding="utf-8")
    assert deadline in text

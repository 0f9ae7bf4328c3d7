"""Role text in a real browser: no script from a role file ever runs.

A role stuffed with script (in plain text fields, in the Markdown summary, in
list items and in the company file) is built to HTML and opened in Debian's
Chromium. Every payload tries to set ``window.__pwned`` or open a dialog; none
may, and each must show on the page as the text it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from jdgen.build.runner import BuildOptions, build
from jdgen.load.workspace import Workspace

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
COMPANY = """\
name: "Acme\\"><script>window.__pwned='company'</script>"
website: https://acme.example
about: "<img src=x onerror=\\"window.__pwned='about'\\"> We make things."
"""
ROLE = """\
title: "Account Manager <img src=x onerror=\\"window.__pwned='title'\\">"
level: mid
department: "</span><script>window.__pwned='department'</script>"
summary: |
  <script>window.__pwned='summary'</script>
  <iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>
  [click me](javascript:window.__pwned='link') and <a href="javascript:alert(1)">raw</a>
  <svg onload="window.__pwned='svg'"></svg> **bold** stays.
duties:
  - "<script>window.__pwned='duty'</script> is text"
  - "</li></ul><script>window.__pwned='list'</script>"
  - "javascript:alert(document.domain)"
skills: ["<style>body{display:none}</style>"]
benefits: ["<body onload=\\"window.__pwned='benefit'\\">"]
travel: "{{ 7 * 7 }} {% raw %}"
apply:
  url: "https://acme.example/apply?q='onmouseover='window.__pwned=1"
salary: {min: 48000, max: 56000, currency: EUR}
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def posting(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-role")
    (root / "roles").mkdir()
    (root / "roles/_company.yaml").write_text(COMPANY)
    (root / "roles/hostile.yaml").write_text(ROLE)
    report = build(
        Workspace(root),
        None,
        BuildOptions(root / "out", ("html",), jobs=1),
    )
    assert [o.errors for o in report.outcomes] == [[]]
    return root / "out/hostile/posting.html"


def test_no_script_from_role_text_runs(browser: Browser, posting: Path) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(posting.as_uri(), wait_until="load")
    page.wait_for_timeout(300)  # time for any onerror/onload handler to fire
    # Anything that reacts to the pointer: hover and focus every element.
    page.evaluate(
        "document.querySelectorAll('*').forEach(e => {"
        " for (const type of ['mouseover', 'mouseenter', 'focus', 'click'])"
        "  if (!(type === 'click' && e.closest('a'))) e.dispatchEvent(new Event(type)); })"
    )
    page.wait_for_timeout(100)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    # The only script element is jdgen's own JobPosting data, which never runs.
    kinds = page.evaluate("[...document.scripts].map(s => s.type)")
    assert kinds == ["application/ld+json"]
    assert (
        page.evaluate("document.querySelectorAll('iframe, svg, img, style:not(head style)').length")
        == 0
    )
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
        ".filter(a => a.name.startsWith('on')).map(a => a.name)"
    )
    assert handlers == []
    hrefs = page.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h and not h.startswith(("https://", "http://", "mailto:"))]
    page.close()


def test_the_payloads_show_as_text(browser: Browser, posting: Path) -> None:
    page = browser.new_page()
    page.goto(posting.as_uri())
    text = page.inner_text("body")
    for shown in (
        "<script>window.__pwned='duty'</script> is text",
        "</li></ul><script>window.__pwned='list'</script>",
        "Account Manager <img src=x onerror=\"window.__pwned='title'\">",
        "<script>window.__pwned='summary'</script>",
        "{{ 7 * 7 }} {% raw %}",
        "<style>body{display:none}</style>",
    ):
        assert shown in text, shown
    assert page.is_visible("h1")
    page.close()

"""The built site in a real browser: Debian's Chromium, driven by Playwright.

The shipped roles are built once (HTML and JSON-LD) into a temporary folder and
opened over ``file://``. Screenshots of every page at each width are kept in
``tests/artifacts/browser/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from jdgen.build.runner import BuildOptions, build
from jdgen.load.workspace import Workspace

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "tests" / "artifacts" / "browser"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WIDTHS = (375, 1280)
ROLE = "key-account-manager"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    report = build(Workspace(REPO), None, BuildOptions(out, ("html", "json"), locales=("en",)))
    assert report.exit_code == 0 and report.workspace_written == [out / "index.html"]
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def pages(site: Path) -> list[Path]:
    return [site / "index.html", *sorted(site.glob("*/*.html"))]


def test_the_index_has_its_title_and_language(site: Path, page: Page) -> None:
    page.goto((site / "index.html").as_uri())
    assert page.title() == "Roles · Tramuntana Software"
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("table.roles tbody tr").count() == 4


def test_a_posting_has_its_title_language_and_json_ld(site: Path, page: Page) -> None:
    page.goto((site / ROLE / "posting.html").as_uri())
    assert page.title() == "Key Account Manager · Tramuntana Software"
    assert page.get_attribute("html", "lang") == "en"
    scripts = page.locator('script[type="application/ld+json"]')
    assert scripts.count() == 1
    data = page.evaluate("(s) => JSON.parse(s.textContent)", scripts.element_handle())
    assert data["@type"] == "JobPosting" and data["title"] == "Key Account Manager"
    assert data == json.loads((site / ROLE / "posting.json").read_text())


def test_every_link_of_the_index_opens_its_document(site: Path, page: Page) -> None:
    index = (site / "index.html").as_uri()
    page.goto(index)
    links = page.locator("td.links a")
    count = links.count()
    assert count == 8  # a posting and a hiring plan for each of the four roles
    for i in range(count):
        page.goto(index)
        link = page.locator("td.links a").nth(i)
        label = link.inner_text()
        title = link.locator("xpath=ancestor::tr//span[@class='role-title']").inner_text()
        link.click()
        page.wait_for_load_state()
        assert page.url != index
        expected = f"{title} · Tramuntana Software"
        if label == "Hiring plan":
            expected = f"Hiring plan: {expected}"
        assert page.title() == expected
        assert page.locator("h1").inner_text() == title


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_scrolls_sideways(site: Path, page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    wide = []
    for path in pages(site):
        page.goto(path.as_uri())
        name = "-".join(path.relative_to(site).with_suffix("").parts)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            wide.append((name, scroll))
    assert len(pages(site)) == 9
    assert wide == []

"""Every HTML page jdgen writes passes the Nu Html Checker and axe-core, with zero errors.

The shipped workspace is built once (postings in every locale, hiring plans, the index),
with a draft beside it (a page that ``--draft`` marks). The Nu Html Checker (npm
``vnu-jar``, run with Java) checks every page in one run: the JVM takes seconds to start.
axe-core (npm ``axe-core``) runs inside Debian's Chromium, through Playwright, on every
page at a phone's width and a desktop's, and every rule counts, whatever its impact.

Both are pinned in ``tests/validators/package-lock.json`` and installed by
``bash scripts/setup.sh --test``. A page with known errors goes through each validator
too, so that a validator that checks nothing cannot pass.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from jdgen.build.runner import BuildOptions, build
from jdgen.load.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
VALIDATORS = REPO / "tests" / "validators"
VNU = VALIDATORS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = VALIDATORS / "node_modules" / "axe-core" / "axe.min.js"
SETUP = "run: bash scripts/setup.sh --test"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run"]
WIDTHS = (375, 1280)
GOLDEN = REPO / "tests" / "fixtures" / "golden" / "workspace"

# Known errors for each validator: ARIA on an element that takes none, paged-media CSS
# in a page's stylesheet, an image without alternative text, text too faint to read.
BAD_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Known errors</title>
<style>h1 { string-set: doc-title content(); }</style></head>
<body><main><h1>Known errors</h1>
<p><span class="box" aria-label="Strong no"></span> Strong no</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color: #eeeeee; background: #ffffff">Faint text</p>
</main></body>
</html>
"""


def _installed(path: Path, package: str) -> Path:
    """A validator's file, from the version tests/validators/package.json pins."""
    pinned = json.loads((VALIDATORS / "package.json").read_text())["devDependencies"][package]
    manifest = VALIDATORS / "node_modules" / package / "package.json"
    if not path.is_file() or not manifest.is_file():
        pytest.fail(f"npm package {package} is not installed in {VALIDATORS}; {SETUP}")
    version = json.loads(manifest.read_text())["version"]
    if version != pinned:
        pytest.fail(f"npm package {package} is {version}, not the pinned {pinned}; {SETUP}")
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped workspace as HTML, a draft page and the page with known errors."""
    out = tmp_path_factory.mktemp("validate")
    report = build(Workspace(REPO), None, BuildOptions(out / "site", ("html",)))
    assert report.exit_code == 0 and report.workspace_written == [out / "site" / "index.html"]
    drafts = tmp_path_factory.mktemp("draft-ws")
    shutil.copytree(GOLDEN, drafts, dirs_exist_ok=True)
    role = drafts / "roles" / "support-specialist.yaml"
    role.write_text(role.read_text().replace("title: Entry-level", "title: Rockstar Entry-level"))
    options = BuildOptions(out / "draft", ("html",), draft=True)
    report = build(Workspace(drafts), [role], options)
    assert [o.role_id for o in report.outcomes if o.draft] == ["support-specialist"]
    (out / "bad").mkdir()
    (out / "bad" / "known-errors.html").write_text(BAD_PAGE, encoding="utf-8")
    return out


def pages(site: Path) -> list[Path]:
    """Every page the build wrote, the draft's and the index included."""
    found = sorted((site / "site").rglob("*.html"))
    return [*found, site / "draft" / "support-specialist" / "posting.html"]


def test_the_build_writes_the_pages_expected(site: Path) -> None:
    names = {p.relative_to(site).as_posix() for p in pages(site)}
    # Four roles: a posting in three locales and a hiring plan each; the index; the draft.
    assert len(names) == 4 * 4 + 1 + 1
    assert {"site/index.html", "draft/support-specialist/posting.html"} <= names
    assert len({n for n in names if n.endswith("posting.ca.html")}) == 4


@pytest.fixture(scope="module")
def vnu_messages(site: Path) -> dict[Path, list[str]]:
    """The Nu Html Checker's errors on every page (and the known-bad one), by page."""
    jar = _installed(VNU, "vnu-jar")
    java = shutil.which("java")
    if java is None:
        pytest.fail(f"the Nu Html Checker needs Java, and there is no java here; {SETUP}")
    files = [*pages(site), site / "bad" / "known-errors.html"]
    run = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--errors-only", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode in (0, 1), run.stderr  # 1: it found errors
    found: dict[Path, list[tuple[int | str, str]]] = {path: [] for path in files}
    for message in json.loads(run.stdout)["messages"]:
        path = Path(message["url"].removeprefix("file:"))
        text = f"{message['type']}: {message['message']}"
        found.setdefault(path, []).append((message.get("lastLine", "?"), text))
    return found


def grouped(site: Path, found: dict[Path, list[tuple[int | str, str]]]) -> list[str]:
    """``page:line: message`` once per page and message, with the other lines it is on."""
    lines = []
    for path, messages in found.items():
        where: dict[str, list[int | str]] = {}
        for line, text in messages:
            where.setdefault(text, []).append(line)
        for text, at in where.items():
            more = f" (and {len(at) - 1} more, lines {', '.join(map(str, at[1:6]))}...)"
            lines.append(f"{path.relative_to(site)}:{at[0]}: {text}{more if len(at) > 1 else ''}")
    return lines


def test_every_page_passes_the_nu_html_checker(site: Path, vnu_messages) -> None:
    errors = grouped(site, {path: vnu_messages[path] for path in pages(site)})
    if errors:
        total = sum(len(vnu_messages[path]) for path in pages(site))
        pytest.fail(f"{total} Nu Html Checker errors:\n" + "\n".join(errors), pytrace=False)


def test_the_nu_html_checker_finds_known_errors(site: Path, vnu_messages) -> None:
    found = "\n".join(text for _, text in vnu_messages[site / "bad" / "known-errors.html"])
    assert "aria-label" in found and "string-set" in found


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def axe_violations(browser: Browser, page_path: Path, width: int) -> list[dict]:
    """axe-core's violations on one page at one width: every rule axe runs by default."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(page_path.as_uri())
        page.add_script_tag(path=str(_installed(AXE, "axe-core")))
        return page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ["violations"]}))
                 .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.map(n => n.target.join(" "))}))"""
        )
    finally:
        context.close()


def readable(page: str, width: int, violation: dict) -> str:
    nodes = violation["nodes"]
    shown = "; ".join(nodes[:3]) + (f"; and {len(nodes) - 3} more" if len(nodes) > 3 else "")
    return (
        f"{page} at {width}px: {violation['id']} ({violation['impact']}): "
        f"{violation['help']}: {shown}"
    )


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_passes_axe(site: Path, browser: Browser, width: int) -> None:
    problems = [
        readable(str(path.relative_to(site)), width, violation)
        for path in pages(site)
        for violation in axe_violations(browser, path, width)
    ]
    if problems:
        pytest.fail(f"{len(problems)} axe-core violations:\n" + "\n".join(problems), pytrace=False)


@pytest.mark.browser
def test_axe_finds_known_errors(site: Path, browser: Browser) -> None:
    found = {v["id"] for v in axe_violations(browser, site / "bad" / "known-errors.html", 1280)}
    assert {"aria-prohibited-attr", "image-alt", "color-contrast"} <= found

"""The JobPosting data and the page agree: the description in Google's tags, and every fact
of the data (where, pay, dates, hours) in the page's visible text, in every locale.

Checked on every posting of the shipped workspace, and on a remote job with an office
address and two countries applicants may live in.
"""

from __future__ import annotations

import datetime as dt
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel import Locale, localedata
from babel.dates import format_date

from jdgen.build.runner import BuildOptions, build
from jdgen.i18n import translations
from jdgen.load.workspace import Workspace
from jdgen.money import money
from jdgen.publish.jobposting import EMPLOYMENT_TYPES, description_html
from jdgen.render.posting import EMPLOYMENT_LABELS
from tests.test_jobposting import embedded, visible

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "fixtures" / "golden" / "workspace"
# What Google documents for the description: "Valid tags include <p>, <ul>, <li>, and
# headings <h1> through <h5>", <br> for paragraph breaks, and character-level formatting
# such as <strong> and <em> (developers.google.com/search/docs/appearance/structured-data/
# job-posting, the description property).
GOOGLE_TAGS = {"p", "br", "ul", "li", "h1", "h2", "h3", "h4", "h5", "strong", "em"}
REMOTE_OFFICE = """location:
  street: Carrer de Pere IV 29
  city: Barcelona
  region: null
  postal_code: "08018"
  country: ES
  workplace: remote
  remote_regions: [ES, PT]
"""


@pytest.fixture(scope="module")
def postings(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every posting page of the shipped workspace (three locales), and the remote job's."""
    out = tmp_path_factory.mktemp("postings")
    report = build(Workspace(REPO), None, BuildOptions(out / "shipped", ("html", "json")))
    assert report.exit_code == 0
    remote = tmp_path_factory.mktemp("remote-ws")
    shutil.copytree(GOLDEN, remote, dirs_exist_ok=True)
    role = remote / "roles" / "support-specialist.yaml"
    text = role.read_text()
    start, end = text.index("location:"), text.index("salary:")
    role.write_text(text[:start] + REMOTE_OFFICE + text[end:])
    report = build(Workspace(remote), [role], BuildOptions(out / "remote", ("html", "json")))
    assert report.exit_code == 0
    found = sorted(out.rglob("posting*.html"))
    assert len(found) == 4 * 3 + 1
    return found


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs) -> None:
        self.tags.add(tag)


def tags(html: str) -> set[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_every_description_uses_only_the_tags_google_documents(postings: list[Path]) -> None:
    used = {}
    for page in postings:
        description = embedded(page.read_text())["description"]
        used[page.name] = tags(description)
        assert used[page.name] <= GOOGLE_TAGS, (page, used[page.name] - GOOGLE_TAGS)
    # The page's sections, lists and pay table still come through as headings and lists.
    assert all({"h2", "h3", "ul", "li", "p", "strong"} <= found for found in used.values())


def test_the_description_keeps_the_pages_text() -> None:
    page = (
        '<section id="pay"><h2>Pay</h2><dl class="pay"><div><dt>Base</dt><dd>$1 &amp; up'
        '</dd></div></dl><p>See <a href="https://x.example">us</a> <span class="tag">'
        "preferred</span></p><ol><li>One</li></ol><script>x()</script><h6>Small</h6></section>"
    )
    assert description_html(page) == (
        "<h2>Pay</h2><ul><li><strong>Base</strong> $1 &amp; up</li></ul>"
        "<p>See us preferred</p><ul><li>One</li></ul><h5>Small</h5>"
    )
    words = "".join(visible(description_html(page))[0].split())
    assert words == "".join(visible(page)[0].split()).replace("x()", "")


def facts(data: dict) -> list[tuple[str, str]]:
    """The JobPosting's facts that a reader must find on the page: (kind, value)."""
    found = [("date", data["datePosted"]), ("employment", data["employmentType"])]
    if "validThrough" in data:
        found.append(("date", data["validThrough"]))
    address = data.get("jobLocation", {}).get("address", {})
    for key in ("streetAddress", "addressLocality", "addressRegion", "postalCode"):
        if key in address:
            found.append(("text", address[key]))
    if "addressCountry" in address:
        found.append(("country", address["addressCountry"]))
    found += [("country", c["name"]) for c in data.get("applicantLocationRequirements", [])]
    value = data.get("baseSalary", {}).get("value", {})
    found += [("money", value[k]) for k in ("minValue", "maxValue", "value") if k in value]
    return found


def shown(kind: str, value, data: dict, lang: str) -> list[str]:
    """The ways the page may write a fact in its language (dates: the language's own
    form, or the form of the job's country)."""
    if kind == "country":
        return [Locale.parse(lang).territories[value]]
    if kind == "money":
        return [money(value, data["baseSalary"]["currency"], lang)]
    if kind == "employment":
        label = {v: k for k, v in EMPLOYMENT_TYPES.items()}[value]
        return [translations(lang).gettext(EMPLOYMENT_LABELS[label])]
    if kind == "date":
        country = data.get("jobLocation", {}).get("address", {}).get("addressCountry")
        forms = [
            lang,
            *[f"{lang}_{country}"] * bool(country and localedata.exists(f"{lang}_{country}")),
        ]
        day = dt.date.fromisoformat(value)
        return [format_date(day, format="long", locale=form) for form in forms]
    return [value]


def test_every_fact_of_the_data_is_on_the_page(postings: list[Path]) -> None:
    missing = []
    kinds = set()
    for page in postings:
        html = page.read_text()
        data, text = embedded(html), visible(html)[0]
        lang = html.split('<html lang="', 1)[1].split('"', 1)[0]
        for kind, value in facts(data):
            kinds.add(kind)
            forms = [" ".join(form.split()) for form in shown(kind, value, data, lang)]
            if not any(form in text for form in forms):  # spaces as visible() leaves them
                missing.append((page.relative_to(page.parents[2]), kind, value))
    assert missing == []
    assert kinds == {"date", "employment", "text", "country", "money"}


def test_a_remote_job_shows_its_office_and_every_country(postings: list[Path]) -> None:
    [page] = [p for p in postings if p.parent.name == "support-specialist"]
    text = visible(page.read_text())[0]
    assert "Carrer de Pere IV 29, Barcelona, 08018, Spain; Remote: Spain, Portugal" in text

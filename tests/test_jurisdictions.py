"""The jurisdiction table: shipped data that loads, cites its sources, and matches the docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jdgen.lint.rules.pay_transparency import WHAT
from jdgen.load.workspace import Workspace
from jdgen.model.jurisdiction import Requires

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "pay-transparency.md"
TABLE_ROW = re.compile(r"^\| `([A-Z-]+)` \| ([^|]+) \|[^|]+\| (\d{4}-\d{2}-\d{2})", re.MULTILINE)


@pytest.fixture(scope="module")
def table():
    return Workspace(REPO).jurisdictions


def test_every_row_cites_an_official_source(table) -> None:
    assert len(table.jurisdictions) >= 18
    for key, row in table.jurisdictions.items():
        assert row.source.startswith("https://"), key
        assert row.citation.strip() and row.law.strip(), key
        assert row.employer_threshold.employees >= 1, key
        assert row.requires.pay_range is not None, f"{key}: every row asks for pay"


def test_every_requirement_in_the_schema_is_checked_or_said_not_to_be() -> None:
    assert set(Requires.model_fields) - set(WHAT) == {"salary_history_question_banned"}


def test_the_docs_table_lists_every_row_with_its_date(table) -> None:
    rows = {key: (name.strip(), date) for key, name, date in TABLE_ROW.findall(DOC.read_text())}
    assert rows == {
        key: (row.name.split(" (")[0], row.effective.isoformat())
        for key, row in table.jurisdictions.items()
    }


def test_the_readme_lists_the_jurisdictions_and_is_plain_about_advice(table) -> None:
    readme = (REPO / "README.md").read_text()
    assert "**jdgen is not legal advice.**" in readme
    assert "docs/pay-transparency.md" in readme
    for key, row in table.jurisdictions.items():
        if key.startswith("EU"):
            continue  # listed together, under the directive
        assert f"{row.name} ({row.effective.isoformat()})" in " ".join(readme.split()), key
    assert "Spain and Germany (2026-06-07)" in " ".join(readme.split())


def test_the_shipped_roles_declare_where_they_are_published() -> None:
    ws = Workspace(REPO)
    for path in ws.role_files():
        assert ws.load_role(path).role.publish_in, path.name

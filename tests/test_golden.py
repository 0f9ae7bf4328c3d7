"""Golden files: the Markdown and HTML built from a fixture workspace, compared exactly.

The workspace is ``tests/fixtures/golden/workspace`` (a company file, a base and
two roles that between them use nearly every section), and the expected output
is in ``tests/fixtures/golden/expected/<role-id>/``: ``posting.md``,
``posting.html`` and ``posting.json``, and ``hiring-plan.md`` and ``hiring-plan.html`` for the role
with a hiring section.
These files are the specification of the output: read them when they change.

After an intended change to the output (a template, the stylesheet, a label),
rewrite them and review the diff::

    .venv/bin/python -m pytest tests/test_golden.py --update-goldens
    git diff tests/fixtures/golden/expected
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jdgen.build.cache import CACHE_FILE
from jdgen.build.runner import BuildOptions, build
from jdgen.load.workspace import Workspace

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden"
EXPECTED = GOLDEN / "expected"
ROLE_IDS = ("key-account-manager", "support-specialist")
FILES = ("posting.md", "posting.html", "posting.json", "hiring-plan.md", "hiring-plan.html")
EXPECTED_FILES = {
    "key-account-manager": FILES,
    "support-specialist": ("posting.md", "posting.html", "posting.json"),  # no hiring section
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture workspace, built once as Markdown, HTML and JSON-LD."""
    out = tmp_path_factory.mktemp("golden")
    report = build(Workspace(GOLDEN / "workspace"), None, BuildOptions(out, ("md", "html", "json")))
    assert [o.errors for o in report.failed] == []
    return out


@pytest.mark.parametrize(
    ("role_id", "name"), [(r, n) for r, names in EXPECTED_FILES.items() for n in names]
)
def test_output_matches_the_golden_file(
    built: Path, role_id: str, name: str, update_goldens: bool
) -> None:
    actual = (built / role_id / name).read_text(encoding="utf-8")
    expected = EXPECTED / role_id / name
    if update_goldens:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(actual, encoding="utf-8")
    assert expected.read_text(encoding="utf-8") == actual


def test_every_role_has_golden_files_and_nothing_else(built: Path) -> None:
    # index.html (the review pack, tests/test_review.py) shows the build date: no golden file.
    assert sorted(p.name for p in built.iterdir()) == sorted([CACHE_FILE, "index.html", *ROLE_IDS])
    for role_id, names in EXPECTED_FILES.items():
        assert sorted(p.name for p in (built / role_id).iterdir()) == sorted(names)
    assert sorted(str(p.relative_to(EXPECTED)) for p in EXPECTED.rglob("*") if p.is_file()) == [
        f"{role_id}/{name}" for role_id in ROLE_IDS for name in sorted(EXPECTED_FILES[role_id])
    ]

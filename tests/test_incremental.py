"""Incremental builds: what a rebuild skips, what it rebuilds, and what the cache claims."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import jdgen.build.cache
from jdgen.build import runner as build_module
from jdgen.build.cache import CACHE_FILE, BuildCache, _json_chunks, signature
from jdgen.build.output import OutputDir
from jdgen.build.runner import BuildOptions, BuildReport, RoleRecord, WorkspaceDocument, build
from jdgen.load.workspace import Workspace

PAY = "salary: {min: 48000, max: 56000, currency: EUR}\n"  # so that every role lints clean
FILES = {
    "roles/_company.yaml": "name: Tramuntana Software\n",
    "roles/_sales.yaml": f"level: mid\ndepartment: Sales\n{PAY}",
    "roles/_support.yaml": f"level: junior\ndepartment: Support\n{PAY}",
    "roles/account-manager.yaml": "extends: _sales.yaml\ntitle: Account Manager\n",
    "roles/sales-lead.yaml": "extends: _sales.yaml\ntitle: Sales Lead\nlevel: lead\n",
    "roles/support-agent.yaml": "extends: _support.yaml\ntitle: Junior Support Agent\n",
    "roles/standalone.yaml": f"title: Office Manager\nlevel: mid\n{PAY}",
}
ALL = ["account-manager", "sales-lead", "standalone", "support-agent"]


@pytest.fixture
def ws(make_workspace) -> Workspace:
    return make_workspace(FILES)


def run(ws: Workspace, **options) -> BuildReport:
    """Build the whole workspace as Markdown and HTML (or as ``options`` say) into output/."""
    options.setdefault("formats", ("md", "html"))
    report = build(Workspace(ws.root), None, BuildOptions(ws.root / "output", **options))
    assert [o.errors for o in report.failed] == []
    return report


def built(report: BuildReport) -> list[str]:
    return [o.role_id for o in report.built]


def snapshot(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every output file's inode, modification time and content."""
    return {
        str(p.relative_to(root)): (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def edit(ws: Workspace, name: str, text: str) -> None:
    path = ws.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_a_rebuild_with_nothing_changed_rewrites_nothing(ws: Workspace) -> None:
    assert built(run(ws)) == ALL
    before = snapshot(ws.root / "output")
    report = run(ws)
    assert (built(report), [o.role_id for o in report.skipped]) == ([], ALL)
    assert report.files == 0
    assert snapshot(ws.root / "output") == before  # not one file touched, the cache included


def test_changing_one_role_rebuilds_only_that_role(ws: Workspace) -> None:
    run(ws)
    edit(ws, "roles/sales-lead.yaml", "extends: _sales.yaml\ntitle: Head of Sales\nlevel: lead\n")
    report = run(ws)
    assert built(report) == ["sales-lead"]
    assert [o.reason for o in report.built] == ["roles/sales-lead.yaml changed"]
    assert "# Head of Sales" in (ws.root / "output/sales-lead/posting.md").read_text()


def test_changing_a_base_rebuilds_the_roles_that_extend_it(ws: Workspace) -> None:
    run(ws)
    edit(ws, "roles/_sales.yaml", f"level: mid\ndepartment: Revenue\n{PAY}")
    report = run(ws)
    assert built(report) == ["account-manager", "sales-lead"]
    assert {o.reason for o in report.built} == {"roles/_sales.yaml changed"}


def test_a_role_that_changes_its_base_is_rebuilt_when_the_new_base_changes(ws: Workspace) -> None:
    run(ws)
    edit(ws, "roles/standalone.yaml", "extends: _support.yaml\ntitle: Junior Office Manager\n")
    assert built(run(ws)) == ["standalone"]
    edit(ws, "roles/_support.yaml", f"level: junior\ndepartment: Customer Support\n{PAY}")
    assert built(run(ws)) == ["standalone", "support-agent"]


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("roles/_company.yaml", "name: Tramuntana\n", "roles/_company.yaml changed"),
        ("templates/posting.md.j2", "# {{ title }}\n", "templates changed"),
        ("roles/_questions.yaml", "negotiation+: []\n", "question bank changed"),
        (".jdgen.yaml", "lint:\n  rules: {}\n", "config changed"),
        ("pyproject.toml", "[tool.jdgen.lint]\nignore = []\n", "config changed"),
    ],
)
def test_changing_a_shared_input_rebuilds_every_role(
    ws: Workspace, name: str, text: str, reason: str
) -> None:
    run(ws)
    edit(ws, name, text)
    report = run(ws)
    assert built(report) == ALL
    assert {o.reason for o in report.built} == {reason}
    assert [o.role_id for o in run(ws).built] == []  # and then it is up to date again


def test_a_pyproject_change_outside_tool_jdgen_rebuilds_nothing(ws: Workspace) -> None:
    edit(ws, "pyproject.toml", "[project]\nname = 'careers'\n")
    run(ws)
    edit(ws, "pyproject.toml", "[project]\nname = 'careers-site'\n")
    assert built(run(ws)) == []


def test_adding_a_company_file_rebuilds_every_role(make_workspace) -> None:
    ws = make_workspace({k: v for k, v in FILES.items() if k != "roles/_company.yaml"})
    run(ws)
    edit(ws, "roles/_company.yaml", "name: Tramuntana Software\n")
    assert {o.reason for o in run(ws).built} == {"roles/_company.yaml changed"}


def test_other_options_rebuild_every_role(ws: Workspace) -> None:
    run(ws)
    report = run(ws, formats=("md",))
    assert built(report) == ALL
    assert {o.reason for o in report.built} == {"options changed"}


def test_another_jdgen_version_rebuilds_every_role(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(ws)
    monkeypatch.setattr(jdgen.build.cache, "__version__", "99.0")
    assert {o.reason for o in run(ws).built} == {"jdgen changed"}


def test_force_rebuilds_every_role(ws: Workspace) -> None:
    run(ws)
    report = run(ws, force=True)
    assert built(report) == ALL
    assert {o.reason for o in report.built} == {"--force"}


def test_a_missing_or_changed_output_is_built_again(ws: Workspace) -> None:
    run(ws)
    (ws.root / "output/standalone/posting.html").unlink()
    (ws.root / "output/sales-lead/posting.md").write_text("edited by hand\n")
    report = run(ws)
    assert [(o.role_id, o.reason) for o in report.built] == [
        ("sales-lead", "sales-lead/posting.md was changed on disk"),
        ("standalone", "standalone/posting.html is missing"),
    ]
    assert (ws.root / "output/standalone/posting.html").is_file()


def test_the_cache_never_claims_a_file_that_is_not_there(ws: Workspace) -> None:
    run(ws)
    (ws.root / "output/sales-lead/posting.md").unlink()
    data = json.loads((ws.root / "output" / CACHE_FILE).read_text())
    claimed = [name for entry in data["roles"].values() for name in entry["outputs"]]
    assert "sales-lead/posting.md" in claimed  # stale on disk, so checked on every build:
    assert built(run(ws)) == ["sales-lead"]
    for entry in json.loads((ws.root / "output" / CACHE_FILE).read_text())["roles"].values():
        for name, recorded in entry["outputs"].items():
            assert signature(ws.root / "output" / name) == recorded


def test_a_failed_role_is_tried_again_and_not_claimed(ws: Workspace) -> None:
    run(ws)
    edit(ws, "roles/standalone.yaml", "title: [\n")
    report = build(Workspace(ws.root), None, BuildOptions(ws.root / "output", ("md", "html")))
    assert [o.role_id for o in report.failed] == ["standalone"]
    data = json.loads((ws.root / "output" / CACHE_FILE).read_text())
    # Only the files its last good build wrote (still there) are remembered, to remove them
    # if the role goes: nothing that would let it be skipped.
    assert data["roles"]["standalone"].keys() == {"failed", "outputs"}
    again = build(Workspace(ws.root), None, BuildOptions(ws.root / "output", ("md", "html")))
    assert [o.role_id for o in again.failed] == ["standalone"]  # not skipped as "unchanged"


def test_a_role_that_failed_and_then_went_has_its_files_removed(ws: Workspace) -> None:
    run(ws)
    edit(ws, "roles/standalone.yaml", "title: [\n")
    build(Workspace(ws.root), None, BuildOptions(ws.root / "output", ("md", "html")))
    assert (ws.root / "output/standalone/posting.md").is_file()  # a failure loses nothing
    (ws.root / "roles/standalone.yaml").unlink()
    assert run(ws).removed == ["standalone/posting.html", "standalone/posting.md"]
    assert not (ws.root / "output/standalone").exists()


def test_nothing_is_removed_through_a_symbolic_link(ws: Workspace, tmp_path: Path) -> None:
    run(ws)
    published = tmp_path / "published"
    (ws.root / "output/standalone").rename(published)  # same files: same size, time, inode
    (ws.root / "output/standalone").symlink_to(published)
    (ws.root / "roles/standalone.yaml").unlink()
    assert run(ws).removed == []
    assert sorted(p.name for p in published.iterdir()) == ["posting.html", "posting.md"]


def test_a_removed_role_is_forgotten(ws: Workspace) -> None:
    run(ws)
    (ws.root / "roles/standalone.yaml").unlink()
    run(ws)
    data = json.loads((ws.root / "output" / CACHE_FILE).read_text())
    assert sorted(data["roles"]) == ["account-manager", "sales-lead", "support-agent"]


def test_a_removed_roles_files_are_removed(ws: Workspace) -> None:
    # A stale posting left in output/ could be published with the rest.
    run(ws)
    (ws.root / "roles/standalone.yaml").unlink()
    report = run(ws)
    assert not (ws.root / "output/standalone").exists()
    assert report.removed == ["standalone/posting.html", "standalone/posting.md"]
    assert (ws.root / "output/account-manager/posting.md").is_file()


def test_a_file_changed_since_jdgen_wrote_it_is_kept(ws: Workspace) -> None:
    run(ws)
    notes = ws.root / "output/standalone/posting.md"
    notes.write_text("HR's notes, written over the posting\n")
    (ws.root / "roles/standalone.yaml").unlink()
    report = run(ws)
    assert notes.read_text() == "HR's notes, written over the posting\n"
    assert report.removed == ["standalone/posting.html"]
    assert report.kept == ["standalone/posting.md"]


def test_files_a_build_no_longer_makes_are_removed(ws: Workspace) -> None:
    run(ws, formats=("md", "html"))
    report = run(ws, formats=("md",))
    assert sorted(report.removed) == sorted([*(f"{r}/posting.html" for r in ALL), "index.html"])
    assert sorted(p.name for p in (ws.root / "output/standalone").iterdir()) == ["posting.md"]


def test_building_some_roles_removes_nothing_of_the_others(ws: Workspace) -> None:
    run(ws)
    (ws.root / "roles/standalone.yaml").unlink()
    only = [ws.root / "roles/account-manager.yaml"]
    report = build(ws, only, BuildOptions(ws.root / "output", ("md", "html")))
    assert report.removed == []
    assert (ws.root / "output/standalone/posting.md").is_file()


def test_building_some_roles_keeps_what_the_cache_knows_of_the_others(ws: Workspace) -> None:
    run(ws)
    only = [ws.root / "roles/standalone.yaml"]
    report = build(ws, only, BuildOptions(ws.root / "output", ("md", "html"), force=True))
    assert built(report) == ["standalone"]
    assert built(run(ws)) == []


def test_an_unreadable_cache_file_means_a_full_build(ws: Workspace) -> None:
    run(ws)
    (ws.root / "output" / CACHE_FILE).write_text('{"format": 1, "roles": {"standalone": [}')
    assert built(run(ws)) == ALL
    (ws.root / "output" / CACHE_FILE).write_text(
        '{"format": 1, "roles": {"standalone": {"key": 5}, "sales-lead": []}}'
    )
    assert built(run(ws)) == ALL


def test_a_posting_dated_the_day_of_the_build_is_rebuilt_the_next_day(ws: Workspace) -> None:
    run(ws)
    edit(
        ws,
        "roles/sales-lead.yaml",
        "extends: _sales.yaml\ntitle: Sales Lead\nlevel: lead\ndate_posted: 2026-11-02\n",
    )
    run(ws)
    shared = json.loads((ws.root / "output" / CACHE_FILE).read_text())["shared"]
    cache = BuildCache.load(OutputDir(ws.root / "output"), ws.root, shared)
    assert cache.stale("sales-lead", "roles/sales-lead.yaml", "2099-01-01") is None
    assert cache.stale("standalone", "roles/standalone.yaml", "2099-01-01") == (
        "its posting date is the day of the build"
    )


# -- workspace documents: built after the roles, from every role ----------------------------------


@pytest.fixture
def index(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """A workspace document listing every role's title; returns the role ids of each render."""
    renders: list[list[str]] = []

    def render(workspace: Workspace, roles: list[RoleRecord], options: BuildOptions) -> dict:
        renders.append([r.role_id for r in roles if not r.errors])
        lines = [
            f"- {r.summary['title']} ({r.role_id}/{r.files[0]})" for r in roles if not r.errors
        ]
        return {"index.md": "\n".join(lines) + "\n"}

    monkeypatch.setattr(build_module, "WORKSPACE_DOCUMENTS", [WorkspaceDocument("index", render)])
    return renders


def test_workspace_documents_list_every_role(ws: Workspace, index: list[list[str]]) -> None:
    report = run(ws)
    assert index == [ALL]
    assert report.workspace_written == [ws.root / "output/index.md"]
    assert (ws.root / "output/index.md").read_text().splitlines()[0] == (
        "- Account Manager (account-manager/account-manager/posting.md)"
    )


def test_workspace_documents_are_skipped_when_no_role_changed(
    ws: Workspace, index: list[list[str]]
) -> None:
    run(ws)
    report = run(ws)
    assert (index, report.workspace_written) == ([ALL], [])


def test_workspace_documents_follow_a_changed_role(ws: Workspace, index: list[list[str]]) -> None:
    run(ws)
    edit(ws, "roles/sales-lead.yaml", "extends: _sales.yaml\ntitle: Head of Sales\nlevel: lead\n")
    run(ws)
    assert index == [ALL, ALL]  # skipped roles come from the cache, with their summaries
    assert "- Head of Sales (" in (ws.root / "output/index.md").read_text()


def test_workspace_documents_follow_a_removed_or_failed_role(
    ws: Workspace, index: list[list[str]]
) -> None:
    run(ws)
    (ws.root / "roles/standalone.yaml").unlink()
    run(ws)
    edit(ws, "roles/sales-lead.yaml", "title: [\n")
    build(Workspace(ws.root), None, BuildOptions(ws.root / "output", ("md", "html")))
    assert index == [
        ALL,
        ["account-manager", "sales-lead", "support-agent"],
        ["account-manager", "support-agent"],
    ]


def test_workspace_documents_are_written_again_when_missing(
    ws: Workspace, index: list[list[str]]
) -> None:
    run(ws)
    (ws.root / "output/index.md").unlink()
    run(ws)
    assert len(index) == 2
    assert (ws.root / "output/index.md").is_file()


def test_building_some_roles_leaves_the_workspace_documents(
    ws: Workspace, index: list[list[str]]
) -> None:
    build(ws, [ws.root / "roles/standalone.yaml"], BuildOptions(ws.root / "output", ("md",)))
    assert index == []


WATCH_IMPORTS = """
import sys
from jdgen.cli import main

code = main.main(sys.argv[1:], standalone_mode=False)
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"weasyprint", "jinja2", "pydantic", "markdown", "babel"})
print("imported:", " ".join(heavy))
sys.exit(code or 0)
"""


def test_a_rebuild_with_nothing_to_do_loads_no_rendering_or_schema(ws: Workspace) -> None:
    """Only hashing and looking at files: no Jinja2, pydantic, Markdown, Babel or WeasyPrint."""
    import subprocess
    import sys

    args = ["build", "-C", str(ws.root), "-f", "md,html"]
    first = subprocess.run(
        [sys.executable, "-c", WATCH_IMPORTS, *args], capture_output=True, text=True
    )
    assert "imported: babel jinja2 markdown pydantic" in first.stdout  # the check can see them
    again = subprocess.run(
        [sys.executable, "-c", WATCH_IMPORTS, *args], capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1].strip() == "imported:"
    assert again.stdout.startswith("Built 0 roles (0 files) in ")


def test_the_cache_is_written_a_role_at_a_time_as_one_json_document() -> None:
    data = {
        "format": 3,
        "roles": {"b": {"x": [1, 2], "s": "é\"'"}, "a": {"summary": {"lint": '{"k":1}'}}},
        "shared": {"jdgen": "abc"},
        "workspace": {},
    }
    pieces = list(_json_chunks(data))
    assert len(pieces) > 6  # not one string
    assert "".join(pieces) == json.dumps(data, separators=(",", ":"), sort_keys=True)

"""jdgen.build and role discovery: every role in, postings out, one failure never stops the rest."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdgen.build.cache import CACHE_FILE
from jdgen.build.output import OutputDir
from jdgen.build.runner import BuildOptions, RoleOutcome, build
from jdgen.cli import main
from jdgen.errors import ConfigError
from jdgen.load.workspace import Workspace
from jdgen.render import pdf

REPO = Path(__file__).resolve().parent.parent
SHIPPED_ROLES = [
    "junior-account-manager",
    "key-account-manager",
    "senior-account-manager",
    "strategic-account-manager",
]
ROLE = "title: Account Manager\nlevel: mid\nsalary: {min: 48000, max: 56000, currency: EUR}\n"
UNPAID = "title: Account Manager\nlevel: mid\n"


def test_the_shipped_roles_build(tmp_path: Path) -> None:
    report = build(Workspace(REPO), None, BuildOptions(tmp_path, ("md", "html")))
    assert [(o.role_id, o.errors) for o in report.outcomes] == [(r, []) for r in SHIPPED_ROLES]
    assert report.exit_code == 0
    for role_id in SHIPPED_ROLES:
        md = (tmp_path / role_id / "posting.md").read_text()
        assert md.startswith("# ") and "## How to apply" in md
        assert "<title>" in (tmp_path / role_id / "posting.html").read_text()


def test_one_broken_role_never_stops_the_others(make_workspace, tmp_path: Path) -> None:
    ws = make_workspace(
        {
            "roles/a.yaml": ROLE,
            "roles/b.yaml": "title: [\n",
            "roles/c.yaml": UNPAID + "salary: {min: lots}\n",
            "roles/d.yaml": ROLE,
        }
    )
    seen: list[RoleOutcome] = []
    report = build(ws, None, BuildOptions(tmp_path / "out", ("md",)), on_outcome=seen.append)
    assert seen == report.outcomes
    assert [(o.role_id, o.ok) for o in report.outcomes] == [
        ("a", True),
        ("b", False),
        ("c", False),
        ("d", True),
    ]
    assert [o.role_id for o in report.built] == ["a", "d"]
    assert report.failed[1].messages == [
        "roles/c.yaml:3:15: error [schema] salary.min: expected a number, got 'lots'"
    ]
    assert report.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [CACHE_FILE, "a", "d"]


def test_two_files_with_one_role_id_both_fail(make_workspace, tmp_path: Path) -> None:
    ws = make_workspace({"roles/x.yaml": ROLE, "roles/sales/x.yml": ROLE, "roles/y.yaml": ROLE})
    report = build(ws, None, BuildOptions(tmp_path / "out", ("md",)))
    message = (
        "role id 'x' is used by more than one file (roles/sales/x.yml, roles/x.yaml) "
        "(rename one of them: the role id is the file name)"
    )
    assert [(o.display, o.messages) for o in report.failed] == [
        ("roles/sales/x.yml", [f"roles/sales/x.yml:1:1: error [schema] {message}"]),
        ("roles/x.yaml", [f"roles/x.yaml:1:1: error [schema] {message}"]),
    ]
    assert [o.role_id for o in report.built] == ["y"]


def test_role_files_skip_bases_and_hidden_folders(make_workspace) -> None:
    ws = make_workspace(
        {
            "roles/_company.yaml": "name: Tramuntana\n",
            "roles/_base.yaml": ROLE,
            "roles/b.yaml": ROLE,
            "roles/a.yml": ROLE,
            "roles/sales/c.yaml": ROLE,
            "roles/_drafts/d.yaml": ROLE,
            "roles/.git/e.yaml": ROLE,
            "roles/notes.txt": "not a role",
        }
    )
    names = [str(p.relative_to(ws.roles_dir)) for p in ws.role_files()]
    assert names == ["a.yml", "b.yaml", "sales/c.yaml"]


def test_role_files_do_not_follow_a_linked_folder(make_workspace) -> None:
    ws = make_workspace({"roles/a.yaml": ROLE})
    (ws.roles_dir / "loop").symlink_to(ws.roles_dir)  # would list a.yaml over and over
    assert [p.name for p in ws.role_files()] == ["a.yaml"]


def test_a_role_folder_that_cannot_be_read_is_an_error(
    make_workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its roles would otherwise look deleted, and a build removes a deleted role's files.
    # (The suite runs as root, who reads any folder: the walk is told it could not.)
    ws = make_workspace({"roles/a.yaml": ROLE, "roles/sales/b.yaml": ROLE})
    walk = os.walk

    def failing_walk(top, onerror=None, **kwargs):
        for here, folders, names in walk(top, onerror=onerror, **kwargs):
            if Path(here).name == "sales":
                onerror(PermissionError(13, "Permission denied", here))
            yield here, folders, names

    monkeypatch.setattr(os, "walk", failing_walk)
    with pytest.raises(ConfigError, match=r"cannot read .*sales: Permission denied"):
        ws.role_files()


def test_role_files_of_given_paths(make_workspace) -> None:
    ws = make_workspace(
        {"roles/_base.yaml": ROLE, "roles/a.yaml": ROLE, "roles/sales/c.yaml": ROLE}
    )
    found = ws.role_files([ws.roles_dir / "sales", ws.roles_dir / "_base.yaml"])
    assert found == [ws.roles_dir / "sales/c.yaml"]
    with pytest.raises(ConfigError, match="no such file or folder: "):
        ws.role_files([ws.roles_dir / "nobody.yaml"])


def test_an_empty_workspace_builds_nothing(make_workspace, tmp_path: Path) -> None:
    report = build(make_workspace({}), None, BuildOptions(tmp_path / "out", ("md",)))
    assert (report.outcomes, report.exit_code) == ([], 0)


class _NoPango:
    """An import finder that fails to load WeasyPrint as a machine without Pango does."""

    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return None


def test_without_pdf_libraries_markdown_and_html_are_still_written(
    make_workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace({"roles/x.yaml": ROLE})
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    pdf._weasyprint.cache_clear()
    try:
        result = CliRunner().invoke(main, ["build", "-C", str(ws.root)])
    finally:
        pdf._weasyprint.cache_clear()  # the next PDF test imports the real one again
    assert result.exit_code == 1
    assert sorted(p.name for p in (ws.root / "output/x").iterdir()) == [
        "posting.html",
        "posting.json",
        "posting.md",
    ]
    assert result.stderr.startswith(
        "warning: no PDFs written: PDF output needs WeasyPrint's system libraries; install them "
        "with: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 ("
    )
    assert result.stdout.startswith("Built 1 role (4 files) in ")  # and index.html


def test_without_the_pdf_extra_the_build_says_what_to_install(
    make_workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace({"roles/x.yaml": ROLE})
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # not installed: a lint-only install
    pdf._weasyprint.cache_clear()
    try:
        result = CliRunner().invoke(main, ["build", "-C", str(ws.root), "-f", "pdf"])
    finally:
        pdf._weasyprint.cache_clear()
    assert result.exit_code == 1
    assert "pip install 'jdgen[pdf]'" in result.stderr


def test_without_pdf_libraries_a_markdown_build_is_clean(
    make_workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace({"roles/x.yaml": ROLE})
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    pdf._weasyprint.cache_clear()
    try:
        report = build(ws, None, BuildOptions(tmp_path / "out", ("md", "html")))
    finally:
        pdf._weasyprint.cache_clear()
    assert (report.warnings, report.exit_code) == ([], 0)


def test_a_file_named_twice_is_built_once(make_workspace, tmp_path: Path, monkeypatch) -> None:
    ws = make_workspace({"roles/x.yaml": ROLE})
    monkeypatch.chdir(ws.root)
    paths = [Path("roles"), ws.roles_dir / "x.yaml", Path("roles/../roles/x.yaml")]
    report = build(ws, paths, BuildOptions(tmp_path / "out", ("md",)))
    assert [(o.role_id, o.errors) for o in report.outcomes] == [("x", [])]


# -- outputs stay inside --out ------------------------------------------------------------------


def test_a_role_folder_linked_out_of_the_output_folder_is_refused(
    make_workspace, tmp_path: Path
) -> None:
    ws = make_workspace({"roles/a.yaml": ROLE, "roles/b.yaml": ROLE})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".jdgen-posting.md.abcd1234.tmp").write_text("not ours to clean\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a").symlink_to(elsewhere)
    report = build(ws, None, BuildOptions(out, ("md", "html")))
    assert [(o.role_id, o.messages) for o in report.failed] == [
        ("a", [f"roles/a.yaml:1:1: error: refusing to write through the symbolic link {out}/a"])
    ]
    assert [o.role_id for o in report.built] == ["b"]
    assert sorted(p.name for p in elsewhere.iterdir()) == [".jdgen-posting.md.abcd1234.tmp"]


def test_an_output_file_linked_elsewhere_is_replaced_not_followed(
    make_workspace, tmp_path: Path
) -> None:
    ws = make_workspace({"roles/a.yaml": ROLE})
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n")
    (tmp_path / "out/a").mkdir(parents=True)
    (tmp_path / "out/a/posting.md").symlink_to(precious)
    assert build(ws, None, BuildOptions(tmp_path / "out", ("md",))).exit_code == 0
    assert precious.read_text() == "keep me\n"
    assert not (tmp_path / "out/a/posting.md").is_symlink()


def test_a_second_build_into_the_same_folder_is_refused(make_workspace, tmp_path: Path) -> None:
    ws = make_workspace({"roles/a.yaml": ROLE})
    out = OutputDir(tmp_path / "out")
    with out.lock(), pytest.raises(ConfigError) as caught:
        build(ws, None, BuildOptions(tmp_path / "out", ("md",)))
    assert caught.value.format_message() == (
        f"error: another jdgen build is writing to {tmp_path}/out; wait for it to finish"
    )
    assert caught.value.exit_code == 2
    assert build(ws, None, BuildOptions(tmp_path / "out", ("md",))).exit_code == 0

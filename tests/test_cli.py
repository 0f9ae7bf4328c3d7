"""The ``jdgen`` command line, through click's CliRunner: exit codes and exact messages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdgen import __version__
from jdgen.build.cache import CACHE_FILE
from jdgen.cli import main

BROKEN_ROLE = "title: Broken\nlevel: mid\nsalary:\n  min: lots\n"
SUMMARY = re.compile(r"Built (\d+) roles? \((\d+) files\) in \d+\.\ds(; .*)?\n")


@pytest.fixture
def workspace(make_workspace, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace with two good roles, which is also the current folder."""
    root = make_workspace(
        {
            "roles/_company.yaml": (
                "name: Tramuntana Software\n"
                "defaults:\n  salary: {min: 48000, max: 56000, currency: EUR}\n"
            ),
            "roles/account-manager.yaml": "title: Account Manager\nlevel: mid\n",
            "roles/sales-lead.yaml": "title: Sales Lead\nlevel: lead\n",
        }
    ).root
    monkeypatch.chdir(root)
    return root


def jdgen(*args: str):
    return CliRunner().invoke(main, list(args))


def outputs(root: Path) -> list[str]:
    """The files built under ``root``, without the build cache."""
    return sorted(
        str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and p.name != CACHE_FILE
    )


def test_version() -> None:
    result = jdgen("--version")
    assert (result.exit_code, result.output) == (0, f"jdgen, version {__version__}\n")


@pytest.mark.pdf
def test_build_writes_four_files_per_role_and_the_review_pack(workspace: Path) -> None:
    (workspace / "roles/sales-lead.yaml").unlink()  # one PDF is enough
    result = jdgen("build")
    assert result.exit_code == 0, result.output
    assert outputs(workspace / "output") == [
        "account-manager/posting.html",
        "account-manager/posting.json",
        "account-manager/posting.md",
        "account-manager/posting.pdf",
        "index.html",
        "review.pdf",
    ]
    assert SUMMARY.fullmatch(result.stdout).groups() == ("1", "6", None)
    assert result.stderr == ""
    assert (workspace / "output/account-manager/posting.pdf").read_bytes()[:5] == b"%PDF-"


def test_format_md_html_writes_no_pdf(workspace: Path) -> None:
    result = jdgen("build", "--format", "md,html")
    assert result.exit_code == 0, result.output
    assert outputs(workspace / "output") == [
        "account-manager/posting.html",
        "account-manager/posting.md",
        "index.html",
        "sales-lead/posting.html",
        "sales-lead/posting.md",
    ]
    assert SUMMARY.fullmatch(result.stdout).groups() == ("2", "5", None)


def test_format_is_case_and_space_tolerant(workspace: Path) -> None:
    assert jdgen("build", "-f", " MD , md").exit_code == 0
    assert outputs(workspace / "output") == ["account-manager/posting.md", "sales-lead/posting.md"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("bogus", "bogus is not one of md, html, pdf, json"),
        ("md,docx,odt", "docx, odt is not one of md, html, pdf, json"),
        (",", "nothing is not one of md, html, pdf, json"),
    ],
)
def test_bad_format_is_a_usage_error(workspace: Path, value: str, message: str) -> None:
    result = jdgen("build", "--format", value)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: Invalid value for '-f' / '--format': {message}\n")
    assert not (workspace / "output").exists()


def test_bad_page_size_is_a_usage_error(workspace: Path) -> None:
    result = jdgen("build", "--page-size", "a5")
    assert result.exit_code == 2
    assert "Error: Invalid value for '--page-size': 'a5' is not one of 'a4', 'letter'." in (
        result.stderr
    )


def test_a_broken_role_fails_alone(workspace: Path) -> None:
    (workspace / "roles/broken.yaml").write_text(BROKEN_ROLE)
    result = jdgen("build", "-f", "md,html")
    assert result.exit_code == 1
    assert outputs(workspace / "output") == [
        "account-manager/posting.html",
        "account-manager/posting.md",
        "index.html",
        "sales-lead/posting.html",
        "sales-lead/posting.md",
    ]
    first, summary = result.stderr.splitlines(keepends=True)
    assert (
        first == "roles/broken.yaml:4:8: error [schema] salary.min: expected a number, got 'lots'\n"
    )
    assert SUMMARY.fullmatch(summary).groups() == ("2", "5", "; 1 failed lint: broken")
    assert result.stdout == ""


def test_every_error_of_a_role_is_shown(workspace: Path) -> None:
    (workspace / "roles/broken.yaml").write_text("level: boss\ndutes: []\n")
    result = jdgen("build", "-f", "md", "roles/broken.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:3] == [
        "roles/broken.yaml:1:1: error [schema] missing required key 'title'",
        "roles/broken.yaml:1:8: error [schema] level: expected one of 'entry', 'junior', 'mid', "
        "'senior', 'lead' or 'principal', got 'boss'",
        "roles/broken.yaml:2:1: error [schema] unknown key 'dutes' (did you mean 'duties'?)",
    ]


def test_build_only_the_paths_given(workspace: Path) -> None:
    result = jdgen("build", "-f", "md", "roles/sales-lead.yaml")
    assert result.exit_code == 0
    assert outputs(workspace / "output") == ["sales-lead/posting.md"]


def test_a_missing_path_is_a_usage_error(workspace: Path) -> None:
    result = jdgen("build", "roles/nobody.yaml")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: no such file or folder: roles/nobody.yaml\n",
    )


def test_a_broken_company_file_fails_every_role_once(workspace: Path) -> None:
    (workspace / "roles/_company.yaml").write_text("name: [Tramuntana\n")
    result = jdgen("build", "-f", "md")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "roles/_company.yaml:2:1: error [schema] invalid YAML: did not find expected ',' or ']' "
        "(while parsing a flow sequence)"
    )
    assert result.stderr.splitlines()[1].endswith("; 2 failed lint: account-manager, sales-lead")
    assert outputs(workspace / "output") == []


def test_an_invalid_company_file_fails_every_role_at_its_line(workspace: Path) -> None:
    (workspace / "roles/_company.yaml").write_text("name: Tramuntana\nwebsite: 5\n")
    result = jdgen("build", "-f", "md")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        "roles/_company.yaml:2:10: error [schema] website: expected text, got 5",
    )
    lint = jdgen("lint")
    assert (lint.exit_code, lint.stdout) == (
        1,
        "roles/_company.yaml:2:10: error [schema] website: expected text, got 5\n",
    )


def test_workspace_option(workspace: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = jdgen("build", "-f", "md", "-C", str(workspace))
    assert result.exit_code == 0, result.output
    assert outputs(workspace / "output") == ["account-manager/posting.md", "sales-lead/posting.md"]
    assert not (tmp_path / "output").exists()


def test_the_workspace_is_found_from_the_path_given(workspace: Path, tmp_path, monkeypatch) -> None:
    (workspace / "roles/_base.yaml").write_text("level: mid\n")
    (workspace / "roles/extended.yaml").write_text("extends: _base.yaml\ntitle: Extended\n")
    monkeypatch.chdir(tmp_path)
    result = jdgen("build", "-f", "md", str(workspace / "roles/extended.yaml"))
    assert result.exit_code == 0, result.output
    assert outputs(workspace / "output") == ["extended/posting.md"]


def test_the_workspace_is_found_from_a_subfolder(workspace: Path, monkeypatch) -> None:
    monkeypatch.chdir(workspace / "roles")
    assert jdgen("build", "-f", "md").exit_code == 0
    assert outputs(workspace / "output") == ["account-manager/posting.md", "sales-lead/posting.md"]


def test_out_option(workspace: Path, tmp_path: Path) -> None:
    result = jdgen("build", "-f", "html", "--out", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    assert outputs(tmp_path / "site") == [
        "account-manager/posting.html",
        "index.html",
        "sales-lead/posting.html",
    ]
    assert not (workspace / "output").exists()


def test_out_linked_from_the_workspace_to_outside_is_refused(
    workspace: Path, tmp_path: Path
) -> None:
    (tmp_path / "elsewhere").mkdir()
    (workspace / "linked").symlink_to(tmp_path / "elsewhere")
    result = jdgen("build", "-f", "md", "--out", "linked")
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: output folder {workspace.absolute() / 'linked'} is a link to "
        f"{(tmp_path / 'elsewhere').resolve()}, outside the workspace; jdgen writes only "
        "inside it (give the real folder with --out to write there)\n",
    )
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_the_console_script_shows_no_traceback(make_workspace) -> None:
    files = {"roles/broken.yaml": "title: [\n", "roles/bad-bytes.yaml": b"\xff\n"}
    root = make_workspace(files).root
    script = Path(sys.executable).parent / "jdgen"
    done = subprocess.run(
        [str(script), "build", "-f", "md"], cwd=root, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "roles/bad-bytes.yaml:1:1: error [schema] invalid UTF-8 (byte 0xff); save the file as UTF-8",
        "roles/broken.yaml:2:1: error [schema] invalid YAML: did not find expected node content "
        "(while parsing a flow node)",
        done.stderr.splitlines()[-1],
    ]
    assert SUMMARY.fullmatch(done.stderr.splitlines(keepends=True)[-1]).groups() == (
        "0",
        "0",
        "; 2 failed lint: bad-bytes, broken",
    )


def test_the_console_script_exits_2_on_a_usage_error(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "jdgen"
    done = subprocess.run(
        [str(script), "build", "nowhere"], cwd=tmp_path, capture_output=True, text=True
    )
    assert (done.returncode, done.stderr) == (2, "error: no such file or folder: nowhere\n")

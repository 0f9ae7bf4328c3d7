"""What a CI maintainer installs and runs: the real pre-commit tool with the config
``jdgen init`` writes, and a lint-only install of jdgen in a fresh virtual environment.

Both run real programs (git, pre-commit, pip) in subprocesses, as a new user would.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from jdgen.cli import main

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # jdgen and pre-commit, as the test extras installed them


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={
            **os.environ,
            "PATH": f"{BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}",
            **(env or {}),
        },
    )


def git(repo: Path, *args: str) -> None:
    done = run("git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args, cwd=repo)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A fresh git repository with a jdgen workspace made by ``jdgen init`` in hiring/."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    result = CliRunner().invoke(main, ["init", str(repo / "hiring")])
    assert result.exit_code == 0, result.output
    assert "pre-commit install" in result.stdout
    git(repo, "add", "-A")
    return repo


def pre_commit(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    return run(
        "pre-commit",
        "run",
        "--all-files",
        "--color",
        "never",
        cwd=repo,
        env={"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")},
    )


def test_init_puts_the_hook_at_the_repository_root(repository: Path) -> None:
    assert not (repository / "hiring/.pre-commit-config.yaml").exists()
    config = yaml.safe_load((repository / ".pre-commit-config.yaml").read_text())
    [hook] = config["repos"][0]["hooks"]
    assert config["repos"][0]["repo"] == "local"
    assert hook["entry"] == "jdgen lint --strict"
    assert re.search(hook["files"], "hiring/roles/account-manager.yaml")
    assert re.search(hook["files"], "hiring/.jdgen.yaml")
    assert not re.search(hook["files"], "roles/other.yaml")
    assert not re.search(hook["files"], "hiring/output/x/posting.md")


def test_the_hook_fails_on_a_rockstar_title_and_passes_when_fixed(
    repository: Path, tmp_path: Path
) -> None:
    assert pre_commit(repository, tmp_path).returncode == 0
    role = repository / "hiring/roles/account-manager.yaml"
    good = role.read_text()
    role.write_text(re.sub(r"(?m)^title: .*$", "title: Rockstar Senior Account Manager", good))
    git(repository, "add", "-A")
    failed = pre_commit(repository, tmp_path)
    assert failed.returncode == 1, failed.stdout
    assert "jdgen lint" in failed.stdout and "Failed" in failed.stdout
    assert re.search(
        r"hiring/roles/account-manager\.yaml:\d+:8: error \[vague-title\] 'Rockstar'", failed.stdout
    )
    role.write_text(good)
    git(repository, "add", "-A")
    fixed = pre_commit(repository, tmp_path)
    assert fixed.returncode == 0, fixed.stdout
    assert "Passed" in fixed.stdout


def test_the_hook_fails_on_a_warning_in_a_base_file(repository: Path, tmp_path: Path) -> None:
    company = repository / "hiring/roles/_company.yaml"
    company.write_text(company.read_text() + "\n# a change to the base\n")
    base = repository / "hiring/roles/_base.yaml"
    base.write_text("benefits:\n  - A team of digital natives\n")
    role = repository / "hiring/roles/account-manager.yaml"
    role.write_text("extends: _base.yaml\n" + role.read_text())
    git(repository, "add", "-A")
    failed = pre_commit(repository, tmp_path)
    assert failed.returncode == 1, failed.stdout
    assert "hiring/roles/_base.yaml:2:" in failed.stdout
    assert "warning [exclusionary-language]" in failed.stdout


def test_init_leaves_an_existing_pre_commit_config_alone(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".pre-commit-config.yaml").write_text("repos: []\n")
    result = CliRunner().invoke(main, ["init", str(repo / "hiring")])
    assert result.exit_code == 0, result.output
    assert (repo / ".pre-commit-config.yaml").read_text() == "repos: []\n"
    assert "add this under its repos:" in result.stderr
    assert "files: '^hiring/(roles/" in result.stderr


def test_the_shipped_hook_manifest_is_valid_and_finds_nested_workspaces() -> None:
    done = run("pre-commit", "validate-manifest", ".pre-commit-hooks.yaml", cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    for path in (
        "roles/a.yaml",
        "hiring/roles/a.yaml",
        "a/b/roles/_base.yaml",
        "hiring/.jdgen.yaml",
    ):
        assert re.search(hook["files"], path), path
    assert not re.search(hook["files"], "hiring/output/a/posting.json")


# -- a lint-only install ------------------------------------------------------------------


@pytest.fixture(scope="module")
def lint_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with ``pip install`` of this checkout, no extras."""
    home = tmp_path_factory.mktemp("lint-only")
    source = home / "src"
    ignore = shutil.ignore_patterns(
        ".venv", "output", "bench", "node_modules", ".git", "*.egg-info"
    )
    shutil.copytree(REPO, source, ignore=ignore, symlinks=True)
    venv.create(home / "venv", with_pip=True)
    python = home / "venv" / "bin" / "python"
    done = run(
        str(python),
        "-m",
        "pip",
        "install",
        "-q",
        "-c",
        str(REPO / "scripts/constraints.txt"),
        str(source),
        cwd=home,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return home / "venv" / "bin"


def test_a_lint_only_install_has_no_pdf_stack(lint_only: Path) -> None:
    done = run(str(lint_only / "python"), "-m", "pip", "list", "--format", "freeze", cwd=lint_only)
    installed = {line.split("==")[0].lower() for line in done.stdout.splitlines()}
    assert "jdgen" in installed
    assert not installed & {"weasyprint", "pikepdf", "pydyf", "cffi", "fonttools", "pillow"}


def test_a_lint_only_install_lints_the_shipped_roles(lint_only: Path, tmp_path: Path) -> None:
    done = run(
        str(lint_only / "jdgen"),
        "lint",
        "--strict",
        "-C",
        str(REPO),
        cwd=tmp_path,
        env={"JDGEN_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == "4 files checked: no problems\n"


def test_a_lint_only_install_says_what_pdfs_need(lint_only: Path, tmp_path: Path) -> None:
    shutil.copytree(REPO / "roles", tmp_path / "ws/roles")
    env = {"JDGEN_CACHE_DIR": str(tmp_path / "cache")}
    done = run(
        str(lint_only / "jdgen"), "build", "--format", "pdf", "-C", "ws", cwd=tmp_path, env=env
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "pip install 'jdgen[pdf]'" in done.stderr
    assert "libpango-1.0-0" in done.stderr
    built = run(
        str(lint_only / "jdgen"),
        "build",
        "--format",
        "md,html,json",
        "-C",
        "ws",
        cwd=tmp_path,
        env=env,
    )
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "ws/output/key-account-manager/posting.html").is_file()


def test_init_at_a_repository_root_with_a_config_prints_the_hook(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / ".pre-commit-config.yaml").read_text() == "repos: []\n"
    assert "files: '^(roles/" in result.stderr


def test_a_lint_only_install_lints_postings_and_says_what_docx_needs(
    lint_only: Path, tmp_path: Path
) -> None:
    """python-docx is the ``docx`` extra: without it, a .md posting lints and a .docx gets
    a one-line message naming the extra."""
    (tmp_path / "p.md").write_text("# Rockstar Account Manager\n\nText.\n")
    (tmp_path / "p.docx").write_bytes(b"PK\x03\x04")
    env = {"JDGEN_CACHE_DIR": str(tmp_path / "cache")}
    done = run(str(lint_only / "jdgen"), "lint", "p.md", "p.docx", cwd=tmp_path, env=env)
    assert "p.md:1:3: error [vague-title] 'Rockstar'" in done.stdout
    assert "p.docx:1:1: error [schema] reading .docx needs python-docx" in done.stdout
    assert "pip install 'jdgen[docx]'" in done.stdout and "Traceback" not in done.stderr

"""jdgen init and jdgen new, through the CLI: what they write, and that they never overwrite."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from jdgen.cli import main

REPO = Path(__file__).resolve().parent.parent
INIT_FILES = [
    ".gitignore",
    ".jdgen.yaml",
    ".pre-commit-config.yaml",
    "roles/_company.yaml",
    "roles/account-manager.yaml",
    "schema/role.schema.json",
    "templates/README.md",
]


def jdgen(*args: str):
    return CliRunner().invoke(main, list(args))


def files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    result = jdgen("init", str(tmp_path / "hiring"))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Created a jdgen workspace in {tmp_path / 'hiring'} (7 files). Next:\n"
        f"  cd {tmp_path / 'hiring'} && jdgen lint && jdgen build\n"
        "  pre-commit install  # then each commit runs the hook in hiring/.pre-commit-config.yaml\n"
    )
    return tmp_path / "hiring"


def test_init_writes_a_workspace(fresh: Path) -> None:
    assert files(fresh) == INIT_FILES
    assert (
        (fresh / "roles/account-manager.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=../schema/role.schema.json\n")
    )
    assert (fresh / "schema/role.schema.json").read_text() == jdgen("schema").stdout


def test_the_pre_commit_config_runs_the_installed_jdgen(fresh: Path) -> None:
    # Outside a git repository, the workspace is taken to be the repository's root to be.
    config = yaml.safe_load((fresh / ".pre-commit-config.yaml").read_text())
    [repo] = config["repos"]
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert repo["repo"] == "local"
    assert [h["id"] for h in repo["hooks"]] == [h["id"] for h in hooks] == ["jdgen-lint"]
    [hook] = repo["hooks"]
    assert (hook["entry"], hook["language"]) == ("jdgen lint --strict", "system")
    assert hook["files"] == r"^(roles/.*\.ya?ml|\.jdgen\.yaml|templates/.*)$"


def test_a_fresh_workspace_lints_clean(fresh: Path) -> None:
    result = jdgen("lint", "--strict", "-C", str(fresh))
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "1 file checked: no problems\n",
    )


def test_a_fresh_workspace_builds(fresh: Path) -> None:
    result = jdgen("build", "-f", "md,html,json", "-C", str(fresh))
    assert result.exit_code == 0, result.output
    assert files(fresh / "output") == [
        ".jdgen-cache.json",
        "account-manager/posting.html",
        "account-manager/posting.json",
        "account-manager/posting.md",
        "index.html",
    ]


@pytest.mark.pdf
def test_a_fresh_workspace_builds_pdfs_too(fresh: Path) -> None:
    result = jdgen("build", "-C", str(fresh))
    assert (result.exit_code, result.stderr) == (0, "")
    assert {"account-manager/posting.pdf", "review.pdf"} <= set(files(fresh / "output"))


def test_init_never_overwrites(fresh: Path) -> None:
    (fresh / "roles/_company.yaml").write_text("name: Mine\n")
    result = jdgen("init", str(fresh))
    assert result.exit_code == 2
    assert result.stderr == (
        # Its .pre-commit-config.yaml is not in the way: the hook is printed instead.
        f"error: {fresh} already has .jdgen.yaml, .gitignore, "
        "roles/_company.yaml, roles/account-manager.yaml, templates/README.md, "
        "schema/role.schema.json; jdgen init never overwrites files\n"
    )
    assert (fresh / "roles/_company.yaml").read_text() == "name: Mine\n"


def test_init_into_a_folder_with_other_files(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("mine\n")
    assert jdgen("init", str(tmp_path)).exit_code == 0
    assert files(tmp_path) == sorted(["README.md", *INIT_FILES])


# -- jdgen new -----------------------------------------------------------------------------


def test_new_copies_a_role_with_title_and_level_to_fill_in(fresh: Path) -> None:
    result = jdgen("new", "key-account-manager", "--from", "account-manager", "-C", str(fresh))
    assert (result.exit_code, result.stdout) == (
        0,
        "Wrote roles/key-account-manager.yaml: fill in its title and level, then run: jdgen lint\n",
    )
    text = (fresh / "roles/key-account-manager.yaml").read_text()
    assert text.splitlines()[:5] == [
        "# yaml-language-server: $schema=../schema/role.schema.json",
        "# Scaffolded by jdgen new from roles/account-manager.yaml. Fill in the title and level, then",
        "# read every line below: the rest is still the other role's.",
        'title:  # fill in: the job title, saying the level, like "Senior Account Manager"',
        "level:  # fill in: entry, junior, mid, senior, lead or principal",
    ]
    assert "url: https://example.com/careers/key-account-manager" in text
    original = (fresh / "roles/account-manager.yaml").read_text()
    assert (
        text.split("department:", 1)[1].replace("key-account-manager", "account-manager")
        == (original.split("department:", 1)[1])
    )


def test_a_new_role_lints_with_what_to_fill_in(fresh: Path) -> None:
    jdgen("new", "key-account-manager", "--from", "account-manager", "-C", str(fresh))
    result = jdgen("lint", "-C", str(fresh), str(fresh / "roles/key-account-manager.yaml"))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [  # from tmp_path, where the test runs
        "hiring/roles/key-account-manager.yaml:4:1: error [schema] missing required key 'level'",
        "hiring/roles/key-account-manager.yaml:4:1: error [schema] missing required key 'title'",
    ]


def test_new_keeps_extends_and_the_role_body(make_workspace) -> None:
    ws = make_workspace(
        {
            "roles/_base.yaml": "department: Sales\n",
            "roles/senior-rep.yaml": "extends: _base.yaml\nlevel: senior\ntitle: Senior Rep\nduties: [Sell]\n",
        }
    )
    assert jdgen("new", "lead-rep", "--from", "senior-rep", "-C", str(ws.root)).exit_code == 0
    lines = (ws.roles_dir / "lead-rep.yaml").read_text().splitlines()
    assert lines[2:] == [
        "extends: _base.yaml",
        "level:  # fill in: entry, junior, mid, senior, lead or principal",
        'title:  # fill in: the job title, saying the level, like "Senior Account Manager"',
        "duties: [Sell]",
    ]


def test_new_without_from_starts_from_the_example_role(make_workspace) -> None:
    ws = make_workspace({})
    assert jdgen("new", "analyst", "-C", str(ws.root)).exit_code == 0
    text = (ws.roles_dir / "analyst.yaml").read_text()
    assert text.startswith("# Scaffolded by jdgen new from the example role.")  # no schema here
    assert "https://example.com/careers/analyst" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["account-manager"],
            "roles/account-manager.yaml already exists; jdgen new never overwrites",
        ),
        (
            ["x", "--from", "acount-manager"],
            "no role 'acount-manager' to copy in roles/ (did you mean 'account-manager'?)",
        ),
        (
            ["Bad_Id"],
            "role id 'Bad_Id' must be lowercase letters, digits and hyphens, like 'key-account-manager'",
        ),
    ],
)
def test_new_refuses(fresh: Path, args: list[str], message: str) -> None:
    before = files(fresh)
    result = jdgen("new", *args, "-C", str(fresh))
    assert (result.exit_code, result.stderr) == (2, f"error: {message}\n")
    assert files(fresh) == before

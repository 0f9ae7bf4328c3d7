"""Lint output as CI hosts read it: paths from the repository's root, results that are
byte-identical between runs, fingerprints that survive edits above a problem, and the
shared options (-C, -q, -v, --color) before or after the subcommand."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import click
import jsonschema
import pytest
from click.testing import CliRunner

from jdgen.cli import main
from jdgen.console import use_colour

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "tests/fixtures/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
ROCKSTAR = "title: Rockstar Junior Account Manager"


def jdgen(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env={"GITHUB_ACTIONS": "", **(env or {})})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository (its .git folder is what jdgen looks for) with the shipped roles
    in a workspace in its subfolder hiring/, one title made vague."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(REPO / "roles", tmp_path / "hiring" / "roles")
    role = tmp_path / "hiring/roles/junior-account-manager.yaml"
    role.write_text(role.read_text().replace("title: Junior Account Manager", ROCKSTAR))
    return tmp_path


def sarif(*args: str) -> dict:
    result = jdgen("lint", "-f", "sarif", *args)
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def results(log: dict) -> list[dict]:
    return log["runs"][0]["results"]


def where(result: dict) -> tuple[str, dict]:
    location = result["locations"][0]["physicalLocation"]
    return location["artifactLocation"]["uri"], location["region"]


# -- paths ------------------------------------------------------------------------------


def test_sarif_paths_are_relative_to_the_repository_root(repo: Path) -> None:
    log = sarif("-C", str(repo / "hiring"))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    [vague] = [r for r in results(log) if r["ruleId"] == "vague-title"]
    uri, region = where(vague)
    assert uri == "hiring/roles/junior-account-manager.yaml"
    assert region == {"startLine": 2, "startColumn": 8, "endLine": 2, "endColumn": 16}
    run = log["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}
    assert run["automationDetails"] == {"id": "jdgen/hiring/"}


def test_paths_are_the_same_from_any_folder_of_the_repository(repo: Path) -> None:
    os.chdir(repo / "hiring" / "roles")
    from_inside = jdgen("lint", "-f", "github")
    os.chdir(repo)
    from_root = jdgen("lint", "-f", "github", "hiring/roles")
    assert from_inside.stdout == from_root.stdout
    assert from_root.stdout.startswith(
        "::error file=hiring/roles/junior-account-manager.yaml,line=2,col=8,endLine=2,"
    )


def test_text_paths_open_from_where_jdgen_ran(repo: Path) -> None:
    line = "junior-account-manager.yaml:2:8: error [vague-title] 'Rockstar'"
    os.chdir(repo)
    assert jdgen("-C", "hiring", "lint").stdout.startswith("hiring/roles/" + line)
    os.chdir(repo / "hiring" / "roles")
    assert jdgen("lint").stdout.startswith(line)
    os.chdir(repo / "hiring")
    assert jdgen("lint").stdout.startswith("roles/" + line)


def test_outside_a_repository_paths_are_relative_to_here(repo: Path) -> None:
    (repo / ".git").rmdir()
    os.chdir(repo)
    log = sarif("-C", "hiring")
    assert where(results(log)[0])[0] == "hiring/roles/junior-account-manager.yaml"
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.as_uri() + "/"


def test_gitlab_code_quality_report(repo: Path) -> None:
    result = jdgen("-C", str(repo / "hiring"), "lint", "-f", "gitlab")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    [vague] = [r for r in report if r["check_name"] == "vague-title"]
    assert vague["location"] == {
        "path": "hiring/roles/junior-account-manager.yaml",
        "lines": {"begin": 2, "end": 2},
    }
    assert vague["severity"] == "major"
    assert len({r["fingerprint"] for r in report}) == len(report)
    assert all(
        set(r) == {"description", "check_name", "fingerprint", "severity", "location"}
        for r in report
    )


# -- stable results ---------------------------------------------------------------------


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """120 roles (enough for two lint processes), each with findings in several files."""
    ws = tmp_path / "many"
    shutil.copytree(REPO / "roles", ws / "roles")
    text = (ws / "roles/junior-account-manager.yaml").read_text()
    for i in range(120):
        (ws / f"roles/am-{i:03}.yaml").write_text(
            text.replace("title: Junior Account Manager", f"title: Sales Ninja {i}").replace(
                "  - Call and visit", "  - Responsible for calling and visiting", 1
            )
        )
    return ws


@pytest.mark.parametrize("fmt", ["sarif", "json", "gitlab", "github", "text"])
def test_two_runs_give_identical_bytes(many: Path, fmt: str) -> None:
    first = jdgen("lint", "-C", str(many), "-f", fmt, "-j", "2", "--level", "info")
    second = jdgen("lint", "-C", str(many), "-f", fmt, "-j", "2", "--level", "info")
    assert first.exit_code == second.exit_code == 1
    assert first.stdout.count("Ninja") >= 120
    assert first.stdout == second.stdout


def test_results_are_sorted_by_path_line_column_rule_message(many: Path) -> None:
    report = json.loads(jdgen("lint", "-C", str(many), "-f", "json", "--level", "info").stdout)
    keys = [(p["path"], p["line"], p["column"], p["rule"], p["message"]) for p in report]
    assert keys == sorted(keys)


def fingerprints(log: dict) -> dict[tuple, tuple[str, int]]:
    """(file, rule, message) → (fingerprint, line) for each result."""
    return {
        (where(r)[0], r["ruleId"], r["message"]["text"]): (
            r["partialFingerprints"]["jdgen/v1"],
            where(r)[1]["startLine"],
        )
        for r in results(log)
    }


def test_fingerprints_survive_a_line_inserted_above(repo: Path) -> None:
    role = repo / "hiring/roles/junior-account-manager.yaml"
    role.write_text(
        role.read_text().replace(
            "  - Call and visit", "  - Responsible for calling and visiting", 1
        )
    )
    before = fingerprints(sarif("-C", str(repo / "hiring"), "--level", "info"))
    role.write_text("# a comment added above everything\n\n" + role.read_text())
    after = fingerprints(sarif("-C", str(repo / "hiring"), "--level", "info"))
    moved = [key for key in before if key[0] == "hiring/roles/junior-account-manager.yaml"]
    assert len(moved) >= 2
    assert before.keys() == after.keys()
    for key, (fingerprint, line) in before.items():
        shift = 2 if key in moved else 0
        assert after[key] == (fingerprint, line + shift), key


def test_fingerprints_change_with_the_words(repo: Path) -> None:
    role = repo / "hiring/roles/junior-account-manager.yaml"
    first = fingerprints(sarif("-C", str(repo / "hiring")))
    role.write_text(role.read_text().replace("Rockstar", "Ninja"))
    second = fingerprints(sarif("-C", str(repo / "hiring")))
    assert {f for f, _ in first.values()} != {f for f, _ in second.values()}


def test_the_same_word_twice_gets_two_fingerprints(repo: Path) -> None:
    role = repo / "hiring/roles/junior-account-manager.yaml"
    role.write_text(
        role.read_text().replace(ROCKSTAR, "title: Rockstar Rockstar Junior Account Manager")
    )
    log = sarif("-C", str(repo / "hiring"), "--level", "info")
    prints = [r["partialFingerprints"]["jdgen/v1"] for r in results(log)]
    assert len(prints) == len(set(prints))


# -- shared options ---------------------------------------------------------------------


def test_workspace_option_before_the_subcommand(repo: Path) -> None:
    before = jdgen("-C", str(repo / "hiring"), "lint")
    after = jdgen("lint", "-C", str(repo / "hiring"))
    assert before.exit_code == after.exit_code == 1
    assert before.stdout == after.stdout
    assert "Rockstar" in before.stdout


def test_the_option_after_the_subcommand_wins(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere/roles").mkdir(parents=True)
    result = jdgen("-C", str(tmp_path / "elsewhere"), "lint", "-C", str(repo / "hiring"))
    assert "Rockstar" in result.stdout


def test_build_takes_the_workspace_before_the_subcommand(tmp_path: Path) -> None:
    shutil.copytree(REPO / "roles", tmp_path / "ws/roles")
    result = jdgen("-C", str(tmp_path / "ws"), "build", "-f", "md", "-q")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ws/output/key-account-manager/posting.md").is_file()


def test_quiet_lint_prints_problems_only(repo: Path) -> None:
    result = jdgen("lint", "-C", str(repo / "hiring"), "--quiet")
    assert "Rockstar" in result.stdout
    assert result.stderr == ""
    assert jdgen("-q", "lint", "-C", str(repo / "hiring")).stderr == ""


def test_verbose_lint_says_what_it_checked(repo: Path) -> None:
    result = jdgen("lint", "-C", str(repo / "hiring"), "-v")
    assert "checked hiring/roles/junior-account-manager.yaml: 1 error" in result.stderr
    assert "checked hiring/roles/key-account-manager.yaml: no problems" in result.stderr
    assert result.stderr.endswith("4 files checked: 1 error\n")


def test_quiet_and_verbose_together_is_a_usage_error(repo: Path) -> None:
    result = jdgen("lint", "-C", str(repo / "hiring"), "-q", "-v")
    assert result.exit_code == 2
    assert "--quiet and --verbose cannot be used together" in result.stderr


@pytest.mark.parametrize("command", ["lint", "build", "init", "new", "rules", "schema"])
def test_every_command_takes_quiet_and_verbose(command: str) -> None:
    help_text = jdgen(command, "--help").stdout
    assert "--quiet" in help_text and "--verbose" in help_text


def test_colour_on_request(repo: Path) -> None:
    coloured = jdgen("lint", "-C", str(repo / "hiring"), "--color")
    plain = jdgen("lint", "-C", str(repo / "hiring"))
    assert "\x1b[" in coloured.stdout
    assert "\x1b[" not in plain.stdout
    assert click.unstyle(coloured.stdout) == plain.stdout
    no = jdgen("--color", "lint", "-C", str(repo / "hiring"), "--no-color")
    assert "\x1b[" not in no.stdout


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_follows_the_terminal_and_no_color() -> None:
    ctx = click.Context(main)
    assert use_colour(ctx, None, _Terminal(), {}) is True
    assert use_colour(ctx, None, io.StringIO(), {}) is False
    assert use_colour(ctx, None, _Terminal(), {"NO_COLOR": "1"}) is False
    assert use_colour(ctx, True, _Terminal(), {"NO_COLOR": "1"}) is True
    assert use_colour(ctx, False, _Terminal(), {}) is False


def test_shell_completion_is_documented_and_works() -> None:
    assert "_JDGEN_COMPLETE=bash_source jdgen" in jdgen("--help").stdout
    assert "_JDGEN_COMPLETE=bash_source jdgen" in (REPO / "docs/ci.md").read_text()
    from click.shell_completion import ShellComplete

    completions = ShellComplete(main, {}, "jdgen", "_JDGEN_COMPLETE").get_completions([], "li")
    assert [c.value for c in completions] == ["lint"]


# -- what a review found ------------------------------------------------------------------


def test_fingerprints_are_unique_across_two_workspaces(repo: Path) -> None:
    shutil.copytree(repo / "hiring", repo / "hiring2")
    os.chdir(repo)
    args = ("lint", "-f", "gitlab", "--level", "info", "hiring/roles", "hiring2/roles")
    report = json.loads(jdgen(*args).stdout)
    assert {r["location"]["path"].split("/")[0] for r in report} == {"hiring", "hiring2"}
    assert len({r["fingerprint"] for r in report}) == len(report)


def test_same_named_files_in_two_folders_keep_their_own_fingerprints(repo: Path) -> None:
    roles = repo / "hiring" / "roles"
    role = (roles / "key-account-manager.yaml").read_text()
    for folder in ("a", "b"):
        (roles / folder).mkdir()
        (roles / folder / "_base.yaml").write_text(
            "extends: ../_base.yaml\nskills:\n  - Digital native\n"
        )
        (roles / folder / f"am-{folder}.yaml").write_text(role)

    def prints() -> dict[str, str]:
        report = json.loads(jdgen("lint", "-C", str(repo / "hiring"), "-f", "json").stdout)
        return {p["path"]: p["fingerprint"] for p in report if "_base" in p["path"]}

    before = prints()
    assert set(before) == {"hiring/roles/a/_base.yaml", "hiring/roles/b/_base.yaml"}
    (roles / "a" / "_base.yaml").write_text("extends: ../_base.yaml\nskills:\n  - Negotiation\n")
    assert prints() == {"hiring/roles/b/_base.yaml": before["hiring/roles/b/_base.yaml"]}


def test_a_message_that_names_a_line_keeps_its_fingerprint(repo: Path) -> None:
    role = repo / "hiring/roles/key-account-manager.yaml"
    role.write_text(role.read_text() + "level: senior\n")

    def duplicate() -> tuple[str, str]:
        report = json.loads(jdgen("lint", "-C", str(repo / "hiring"), "-f", "json").stdout)
        [p] = [p for p in report if "duplicate key" in p["message"]]
        return p["message"], p["fingerprint"]

    message, fingerprint = duplicate()
    role.write_text("# a line above\n" + role.read_text())
    moved, again = duplicate()
    assert message != moved  # "first defined on line N" moved with it
    assert again == fingerprint


@pytest.mark.parametrize("given", ["hiring/.jdgen.yaml", "hiring/templates/posting.md.j2"])
def test_a_config_or_template_path_lints_every_role_with_or_without_c(repo: Path, given) -> None:
    shutil.copy(REPO / ".jdgen.yaml", repo / "hiring/.jdgen.yaml")
    (repo / "hiring/templates").mkdir()
    (repo / "hiring/templates/posting.md.j2").write_text("{{ role.title }}\n")
    os.chdir(repo)
    for args in (("lint", given), ("-C", "hiring", "lint", given)):
        result = jdgen(*args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.startswith("4 files checked"), args
        assert "Rockstar" in result.stdout


def test_a_broken_config_is_reported_in_every_format(repo: Path) -> None:
    shutil.copytree(repo / "hiring", repo / "hiring2")
    (repo / "hiring2/.jdgen.yaml").write_text("build: [oops\n")
    os.chdir(repo)
    result = jdgen("lint", "-f", "sarif", "hiring/roles", "hiring2/roles")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    uris = {where(r)[0] for r in results(log)}
    assert "hiring2/.jdgen.yaml" in uris
    assert "hiring/roles/junior-account-manager.yaml" in uris  # the other one still linted
    text = jdgen("lint", "hiring/roles", "hiring2/roles")
    assert "hiring2/.jdgen.yaml:2:1: error: invalid YAML" in text.stderr
    assert "Rockstar" in text.stdout


def test_a_workspace_reached_through_a_link_is_named_by_its_real_place(repo: Path) -> None:
    (repo / "link").symlink_to(repo / "hiring")
    os.chdir(repo)
    report = json.loads(jdgen("lint", "-f", "json", "link/roles", "hiring/roles").stdout)
    paths = [p["path"] for p in report]
    assert paths == ["hiring/roles/junior-account-manager.yaml"]  # once, by its real path

"""``jdgen lint`` through click's CliRunner, as CI and pre-commit run it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from jdgen.cli import main

REPO = Path(__file__).resolve().parent.parent


def lint(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, ["lint", *args], env=env or {"GITHUB_ACTIONS": ""})


def copy_shipped(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "roles", tmp_path / "roles")
    return tmp_path


def test_shipped_roles_lint_clean():
    result = lint("-C", str(REPO), str(REPO / "roles"), "--strict")
    assert result.exit_code == 0, result.output
    assert "4 files checked" in result.stderr


def test_a_rockstar_title_fails_at_the_title_line(tmp_path):
    ws = copy_shipped(tmp_path)
    role = ws / "roles" / "key-account-manager.yaml"
    text = role.read_text().replace("title: Key Account Manager", "title: Rockstar Account Manager")
    role.write_text(text)
    title_line = text.splitlines().index("title: Rockstar Account Manager") + 1
    result = lint("-C", str(ws), str(role))
    assert result.exit_code == 1
    assert (
        f"roles/key-account-manager.yaml:{title_line}:8: error [vague-title] 'Rockstar' is a vague "
        "title word; job seekers search for plain titles (use a plain title such as "
        "'Senior Account Manager')"
    ) in result.stdout


def test_json_output_is_parseable(tmp_path):
    ws = copy_shipped(tmp_path)
    role = ws / "roles" / "junior-account-manager.yaml"
    role.write_text(role.read_text().replace("title: Junior Account Manager", "title: Sales Ninja"))
    result = lint("-C", str(ws), str(role), "--format", "json")
    problems = json.loads(result.stdout)
    assert {"path", "line", "column", "rule", "level", "message", "suggestion"} <= set(problems[0])
    assert "vague-title" in {p["rule"] for p in problems}
    assert result.stderr == ""


def test_github_format_is_automatic_on_github_actions(tmp_path):
    ws = copy_shipped(tmp_path)
    role = ws / "roles" / "junior-account-manager.yaml"
    role.write_text(role.read_text().replace("title: Junior Account Manager", "title: Sales Ninja"))
    result = lint("-C", str(ws), str(role), env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::error file=roles/junior-account-manager.yaml,line=")
    assert result.exit_code == 1


def test_strict_fails_on_warnings(tmp_path):
    ws = copy_shipped(tmp_path)
    role = ws / "roles" / "senior-account-manager.yaml"
    role.write_text(
        role.read_text().replace("  - Manage a portfolio", "  - Responsible for a portfolio")
    )
    assert lint("-C", str(ws), str(role)).exit_code == 0
    assert lint("-C", str(ws), str(role), "--strict").exit_code == 1


def test_unreadable_yaml_exits_2(tmp_path):
    ws = copy_shipped(tmp_path)
    (ws / "roles" / "broken.yaml").write_text("title: [unclosed\n")
    result = lint("-C", str(ws), str(ws / "roles" / "broken.yaml"))
    assert result.exit_code == 2
    assert result.stdout.startswith("roles/broken.yaml:2:1: error [schema] invalid YAML:")


def test_schema_errors_are_problems_that_fail(tmp_path):
    ws = copy_shipped(tmp_path)
    role = ws / "roles" / "x.yaml"
    role.write_text(
        "extends: _base.yaml\ntitle: Junior Account Manager\nlevel: junior\ndutes: []\n"
    )
    result = lint("-C", str(ws), str(role))
    assert result.exit_code == 1
    assert (
        "roles/x.yaml:4:1: error [schema] unknown key 'dutes' (did you mean 'duties'?)"
        in result.stdout
    )


def test_unknown_rule_in_config_exits_2(tmp_path):
    ws = copy_shipped(tmp_path)
    (ws / ".jdgen.yaml").write_text("lint:\n  rules:\n    ninja-title: off\n")
    result = lint("-C", str(ws))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        ".jdgen.yaml:3:5: error: lint.rules: unknown rule 'ninja-title' (did you mean 'vague-title'?)"
    )


def test_linting_a_base_lints_the_roles_that_use_it(tmp_path):
    ws = copy_shipped(tmp_path)
    base = ws / "roles" / "_base.yaml"
    base.write_text(base.read_text().replace("  - Negotiation\n", "  - Synergy\n"))
    result = lint("-C", str(ws), str(base))
    assert "4 files checked" in result.stderr


def test_lint_never_imports_weasyprint():
    code = (
        "import sys\n"
        "from jdgen.cli import main\n"
        "try:\n"
        f"    main.main(['lint', '-C', {str(REPO)!r}], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'jinja2', 'markdown')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"

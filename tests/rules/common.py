"""Helpers for rule tests, in the spirit of yamllint's ``RuleTestCase``.

A rule test writes one role file that extends ``fixture/_base.yaml`` (a complete
role that passes every rule), lints it, and compares the problems of the rule
under test with the expected ``(line, column)`` pairs. The ``extends`` line goes
last, so line numbers in the test match the lines of the YAML text as written.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import textwrap
from pathlib import Path

from jdgen.diagnostics import Level, Problem
from jdgen.lint.run import lint_paths
from jdgen.load.workspace import Workspace

FIXTURE = Path(__file__).parent / "fixture"
TODAY = dt.date(2026, 11, 23)


def workspace(
    tmp_path: Path, roles: dict[str, str], config: str | None = None, company: str | None = None
) -> Workspace:
    """A workspace in ``tmp_path`` with the fixture base and company, and ``roles``.

    ``company`` replaces the fixture's company name (the rest of its file is kept).
    """
    folder = tmp_path / "roles"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("_base.yaml", "_company.yaml"):
        shutil.copy(FIXTURE / name, folder / name)
    if company is not None:
        company_file = folder / "_company.yaml"
        text = company_file.read_text(encoding="utf-8")
        assert text.startswith("name: Example Company\n")
        company_file.write_text(f"name: {company}\n" + text.split("\n", 1)[1], encoding="utf-8")
    for role_id, text in roles.items():
        text = textwrap.dedent(text).lstrip("\n")
        if "extends:" not in text:
            text = text.rstrip("\n") + "\nextends: _base.yaml\n"
        (folder / f"{role_id}.yaml").write_text(text, encoding="utf-8")
    if config is not None:
        (tmp_path / ".jdgen.yaml").write_text(textwrap.dedent(config), encoding="utf-8")
    return Workspace(tmp_path)


FILE_MARKER = re.compile(r"^# file: (\S+)\n", re.MULTILINE)


def split_files(text: str) -> tuple[str, dict[str, str]]:
    """A role's text, and the other files an example writes after ``# file: <path>`` lines.

    This lets a rule's docstring example show a translation file or the config too.
    """
    role, *rest = FILE_MARKER.split(textwrap.dedent(text))
    return role, dict(zip(rest[::2], rest[1::2], strict=True))


def run(
    tmp_path: Path,
    text: str,
    config: str | None = None,
    company: str | None = None,
    **others: str,
) -> list[Problem]:
    """Lint the role ``text`` (as ``roles/role.yaml``), with ``others`` roles beside it.

    ``text`` may carry more files after ``# file: <path>`` lines (see :func:`split_files`).
    """
    text, files = split_files(text)
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    ws = workspace(tmp_path, {"role": text, **others}, config, company)
    report = lint_paths(ws, [ws.roles_dir / "role.yaml"], today=TODAY)
    return report.problems


def complaints(problems: list[Problem], rule_id: str | None = None) -> list[Problem]:
    """Problems at warning level or above (infos are notes, not complaints)."""
    return [p for p in problems if p.level >= Level.WARNING and rule_id in (None, p.rule)]


def check(
    tmp_path: Path,
    text: str,
    rule: str,
    expected: list[tuple[int, int]],
    config: str | None = None,
    **others: str,
) -> list[Problem]:
    """Assert that ``rule`` reports exactly at ``expected`` (line, column) positions."""
    problems = [p for p in run(tmp_path, text, config, **others) if p.rule == rule]
    where = [(p.line, p.column) for p in problems if p.path == "roles/role.yaml"]
    assert where == expected, "\n".join(f"{p.line}:{p.column} {p.message}" for p in problems)
    return problems

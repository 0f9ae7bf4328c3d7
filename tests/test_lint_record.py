"""A role's lint result as the build keeps it in its cache, and reads it back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jdgen.lint import record
from jdgen.lint.registry import RULES
from jdgen.load.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent


def test_it_keeps_every_field_the_workspace_wide_rules_read() -> None:
    wanted = {f for module in RULES.values() for f in getattr(module, "WORKSPACE_FIELDS", ())}
    assert set(record._FIELDS) == wanted


def test_a_result_reads_back_as_it_was_kept() -> None:
    ws = Workspace(REPO)
    today = dt.date(2026, 11, 23)
    for path in ws.role_files():
        checked, read = record.check(ws, path, today)
        assert path in read and {p.name for p in read} >= {f"{path.stem}.es.yaml"}
        back = record.from_data(record.to_data(checked), path)
        assert back.findings == checked.findings and back.files == checked.files
        assert back.mine and checked.mine
        mine, theirs = checked.role, back.role
        assert (theirs.id, theirs.display, theirs.locale) == (mine.id, mine.display, mine.locale)
        for kind in ("values", "keys"):
            kept, read = getattr(mine.positions, kind), getattr(theirs.positions, kind)
            assert {p: m[:3] for p, m in read.items()} == {p: m[:3] for p, m in kept.items()}
        full = ws.load_role(path)  # the marks the workspace-wide rules read, as they are
        for where in [("title",), ("level",), ("salary",), ("salary", "min"), ("salary", "max")]:
            assert theirs.mark(*where)[:3] == full.mark(*where)[:3], where
        assert (theirs.role.title, theirs.role.level) == (mine.role.title, mine.role.level)
        for name in ("min", "max", "currency", "period"):
            assert getattr(theirs.role.salary, name) == getattr(mine.role.salary, name)


def test_findings_keep_their_level(make_workspace) -> None:
    ws = make_workspace({"roles/x.yaml": "title: Sales Ninja\nlevel: mid\n"})
    checked, _ = record.check(ws, ws.roles_dir / "x.yaml", dt.date(2026, 11, 23))
    assert checked.findings  # the premise: a title lint flags, and no salary
    back = record.from_data(record.to_data(checked), checked.path)
    assert back.findings == checked.findings
    assert back.role is not None and back.role.role.salary is None

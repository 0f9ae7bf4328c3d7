"""The review pack's size bound: 40 roles in three locales, 3 changed since their approval,
make a pack of at most 30 pages (the figure is in bench/notes.md). Slow: ~2 minutes."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdgen.cli import main

REPO = Path(__file__).resolve().parent.parent
ROLES, CHANGED = 40, 3


def forty_roles(folder: Path) -> list[str]:
    """bench/generate.py's workspace of 40 roles, with every translation, in en, es, ca."""
    spec = importlib.util.spec_from_file_location("generate", REPO / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(ROLES, folder)
    roles = folder / "roles"
    for shared in (REPO / "roles").glob("_*.*.yaml"):
        shutil.copy(shared, roles / shared.name)
    ids = sorted(p.stem for p in roles.glob("[!_]*.yaml"))
    for role_id in ids:
        for locale in ("es", "ca"):
            source = REPO / "roles" / f"{role_id.rsplit('-', 1)[0]}.{locale}.yaml"
            shutil.copy(source, roles / f"{role_id}.{locale}.yaml")
    shutil.copy(REPO / ".jdgen.yaml", folder / ".jdgen.yaml")
    return ids


def run(folder: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["-C", str(folder), *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.pdf
def test_forty_roles_three_locales_three_changed_make_at_most_30_pages(tmp_path: Path) -> None:
    import pikepdf

    ids = forty_roles(tmp_path)
    assert len(ids) == ROLES
    run(tmp_path, "approve", "--by", "Marta Puig")
    run(tmp_path, "build", "-q")
    for role_id in ids[:: ROLES // CHANGED][:CHANGED]:  # a pay rise in three roles
        path = tmp_path / "roles" / f"{role_id}.yaml"
        text = path.read_text(encoding="utf-8")
        raised = re.sub(
            r"(?m)^(salary:\n  min: )(\d+)$", lambda m: f"{m[1]}{int(m[2]) + 1000}", text
        )
        assert raised != text
        path.write_text(raised, encoding="utf-8")
    status = run(tmp_path, "status")
    assert status.splitlines()[-1] == f"{ROLES} roles: 37 approved, 3 changed since approval, 0 new"
    run(tmp_path, "build", "-q")
    with pikepdf.open(tmp_path / "output" / "review.pdf") as pack:
        pages = len(pack.pages)
        with pack.open_outline() as outline:
            titles = [item.title for item in outline.root]
    print(f"review pack: {ROLES} roles, 3 locales, {CHANGED} changed: {pages} pages")
    assert pages <= 30
    # Each changed role's postings in its three locales, and nothing of the others.
    assert len([t for t in titles if ": Posting (" in t]) == CHANGED * 3

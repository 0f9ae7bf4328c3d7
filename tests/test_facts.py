"""What the workspace-wide rules know of each role, and how it is kept between runs.

Linting one file compares it with every other role (the salary ladder, titles
against bands). The others' facts come from a cache keyed by the content of the
files each was read from, so that a lint of one file does not load every role.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from jdgen import runtime, usercache
from jdgen.lint.check import load_facts, read_settings
from jdgen.lint.facts import FactsCache, RoleFacts, facts_of
from jdgen.lint.run import lint_paths
from jdgen.load.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent


def _role(title: str, level: str, low: int, high: int) -> str:
    return f"title: {title}\nlevel: {level}\nsalary: {{min: {low}, max: {high}, currency: EUR}}\n"


@pytest.fixture
def cache_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The per-user cache on, in a folder of this test."""
    monkeypatch.setenv("JDGEN_CACHE_DIR", str(tmp_path / "cache"))
    usercache.enable()
    yield tmp_path / "cache"
    usercache.disable()


def test_facts_read_back_as_they_were_kept() -> None:
    ws = Workspace(REPO)
    for path in ws.role_files():
        facts = facts_of(ws.load_role(path), ws.store, "en")
        assert RoleFacts.from_data(json.loads(json.dumps(facts.to_data()))) == facts
        assert facts.mark("title")[:3] == ws.load_role(path).mark("title")[:3]
        assert facts.inputs[0] == ws.display(path) and "roles/_company.yaml" in facts.inputs


def test_the_cache_is_off_unless_the_command_line_turns_it_on(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("JDGEN_CACHE_DIR", str(tmp_path / "cache"))
    usercache.disable()
    lint_paths(Workspace(REPO), [REPO / "roles/key-account-manager.yaml"])
    assert not (tmp_path / "cache").exists()
    monkeypatch.setenv("JDGEN_CACHE_DIR", "")
    runtime.setup()
    try:
        assert usercache.folder() is None  # JDGEN_CACHE_DIR="" keeps it off
    finally:
        usercache.disable()


def test_linting_one_file_does_not_load_the_others_twice(
    make_workspace, cache_on, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(
        {
            "roles/junior.yaml": _role("Junior Account Manager", "junior", 40000, 45000),
            "roles/senior.yaml": _role("Senior Account Manager", "senior", 50000, 60000),
            "roles/lead.yaml": _role("Lead Account Manager", "lead", 70000, 80000),
        }
    )
    first = lint_paths(Workspace(ws.root), [ws.roles_dir / "senior.yaml"])
    loaded: list[str] = []
    real = Workspace.load_role

    def spy(self, path, *args, **kwargs):
        loaded.append(path.name)
        return real(self, path, *args, **kwargs)

    monkeypatch.setattr(Workspace, "load_role", spy)
    again = lint_paths(Workspace(ws.root), [ws.roles_dir / "senior.yaml"])
    assert set(loaded) == {"senior.yaml"}
    assert again.problems == first.problems


def test_a_changed_role_is_loaded_again_and_its_new_band_counts(make_workspace, cache_on) -> None:
    ws = make_workspace(
        {
            "roles/junior.yaml": _role("Junior Account Manager", "junior", 40000, 45000),
            "roles/senior.yaml": _role("Senior Account Manager", "senior", 50000, 60000),
        }
    )
    senior = [ws.roles_dir / "senior.yaml"]
    assert lint_paths(Workspace(ws.root), senior).count(3) == 0
    # Same size, new content: the digest, not the size and time, decides.
    text = _role("Junior Account Manager", "junior", 55000, 65000)
    assert len(text) == len((ws.roles_dir / "junior.yaml").read_text())
    stat = os.stat(ws.roles_dir / "junior.yaml")
    (ws.roles_dir / "junior.yaml").write_text(text)
    os.utime(ws.roles_dir / "junior.yaml", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    problems = lint_paths(Workspace(ws.root), senior).problems
    assert [p.rule for p in problems if p.level == 3] == ["salary-band"]
    assert "below the junior band of junior" in problems[-1].message


def test_a_base_that_changes_changes_the_facts_of_the_roles_using_it(
    make_workspace, cache_on
) -> None:
    ws = make_workspace(
        {
            "roles/_base.yaml": "salary: {min: 40000, max: 45000, currency: EUR}\n",
            "roles/junior.yaml": "extends: _base.yaml\ntitle: Junior Account Manager\nlevel: junior\n",
            "roles/senior.yaml": _role("Senior Account Manager", "senior", 50000, 60000),
        }
    )
    senior = [ws.roles_dir / "senior.yaml"]
    assert lint_paths(Workspace(ws.root), senior).count(3) == 0
    (ws.roles_dir / "_base.yaml").write_text("salary: {min: 55000, max: 65000, currency: EUR}\n")
    assert any(p.rule == "salary-band" for p in lint_paths(Workspace(ws.root), senior).problems)


def test_a_broken_or_foreign_cache_file_is_made_again(make_workspace, cache_on) -> None:
    ws = make_workspace({"roles/a.yaml": _role("Account Manager", "mid", 40000, 45000)})
    settings = read_settings(ws)
    cache = FactsCache(ws.store, "en")
    cache.put(ws.roles_dir / "a.yaml", load_facts(ws, ws.roles_dir / "a.yaml", settings))
    cache.save()
    assert cache.path.is_file()
    for junk in (b"{not json", b"[]", json.dumps({"format": 2, "roles": {"x": 1}}).encode()):
        cache.path.write_bytes(junk)
        again = FactsCache(Workspace(ws.root).store, "en")
        assert again.get(ws.roles_dir / "a.yaml") is None
        assert lint_paths(Workspace(ws.root), None).files == 1


def test_an_entry_for_another_default_locale_is_not_used(make_workspace, cache_on) -> None:
    ws = make_workspace({"roles/a.yaml": _role("Account Manager", "mid", 40000, 45000)})
    settings = read_settings(ws)
    english = FactsCache(ws.store, "en")
    english.put(ws.roles_dir / "a.yaml", load_facts(ws, ws.roles_dir / "a.yaml", settings))
    english.save()
    assert FactsCache(Workspace(ws.root).store, "en").get(ws.roles_dir / "a.yaml") is not None
    assert FactsCache(Workspace(ws.root).store, "es").get(ws.roles_dir / "a.yaml") is None


def test_a_full_disk_only_means_no_cache(make_workspace, cache_on, monkeypatch) -> None:
    ws = make_workspace({"roles/a.yaml": _role("Account Manager", "mid", 40000, 45000)})

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("tempfile.mkstemp", full)
    assert lint_paths(Workspace(ws.root), None).files == 1
    assert not list(Path(cache_on).rglob("*.json"))


def test_a_company_file_added_later_changes_every_roles_facts(make_workspace, cache_on) -> None:
    ws = make_workspace(
        {
            "roles/junior.yaml": "title: Junior Account Manager\nlevel: junior\n"
            "salary: {min: 55000, max: 65000}\n",
            "roles/senior.yaml": _role("Senior Account Manager", "senior", 50000, 60000),
        }
    )
    senior = [ws.roles_dir / "senior.yaml"]
    assert not any(p.rule == "salary-band" for p in lint_paths(Workspace(ws.root), senior).problems)
    # The junior band gets its currency from the new company file: now it is above the senior's.
    (ws.roles_dir / "_company.yaml").write_text(
        "name: Acme\ndefaults:\n  salary: {currency: EUR}\n"
    )
    problems = lint_paths(Workspace(ws.root), senior).problems
    assert any("below the junior band of junior" in p.message for p in problems)


def test_a_role_that_stops_loading_leaves_the_comparison(make_workspace, cache_on) -> None:
    ws = make_workspace(
        {
            "roles/junior.yaml": _role("Junior Account Manager", "junior", 55000, 65000)
            + "publish_in: [US-WA]\n",
            "roles/senior.yaml": _role("Senior Account Manager", "senior", 50000, 60000),
        }
    )
    senior = [ws.roles_dir / "senior.yaml"]
    assert any(p.rule == "salary-band" for p in lint_paths(Workspace(ws.root), senior).problems)
    # Without the row it names, the junior role does not load: no band to compare with.
    (ws.roles_dir / "_jurisdictions.yaml").write_text("jurisdictions:\n  US-WA: null\n")
    assert not any(p.rule == "salary-band" for p in lint_paths(Workspace(ws.root), senior).problems)
    everyone = lint_paths(Workspace(ws.root), None).problems
    assert any(
        p.path == "roles/junior.yaml" and "unknown jurisdiction" in p.message for p in everyone
    )
    assert not any(p.rule == "salary-band" and p.path == "roles/senior.yaml" for p in everyone)

"""The per-user cache of what jdgen makes from its own data files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jdgen.hiring.bank import load_bank
from jdgen.jurisdictions import _load as load_table_afresh
from jdgen.jurisdictions import load_jurisdictions
from jdgen.usercache import remembered


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("JDGEN_CACHE_DIR", str(folder))
    return folder


class Maker:
    """Counts its calls; returns what the source file says."""

    def __init__(self, source: Path) -> None:
        self.source, self.calls = source, 0

    def __call__(self) -> dict[str, str]:
        self.calls += 1
        return {"text": self.source.read_text()}


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "data.yaml"
    path.write_text("one\n")
    return path


def test_a_result_is_made_once_then_read_back(cache: Path, source: Path) -> None:
    make = Maker(source)
    assert remembered("data", [source], make) == {"text": "one\n"}
    assert remembered("data", [source], make) == {"text": "one\n"}
    assert make.calls == 1
    assert len(list(cache.glob("data-*.pickle"))) == 1


def test_a_changed_source_is_read_again(cache: Path, source: Path) -> None:
    make = Maker(source)
    remembered("data", [source], make)
    source.write_text("two, and longer\n")
    assert remembered("data", [source], make) == {"text": "two, and longer\n"}
    assert make.calls == 2
    # The older one stays a day, in case another install of jdgen still uses it.
    assert len(list(cache.glob("data-*.pickle"))) == 2


def test_a_broken_cache_file_is_read_around(cache: Path, source: Path) -> None:
    make = Maker(source)
    remembered("data", [source], make)
    for path in cache.glob("data-*.pickle"):
        path.write_bytes(b"\x80\x05truncated")
    assert remembered("data", [source], make) == {"text": "one\n"}
    assert make.calls == 2


def test_an_empty_cache_setting_turns_the_cache_off(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JDGEN_CACHE_DIR", "")
    make = Maker(source)
    remembered("data", [source], make)
    remembered("data", [source], make)
    assert make.calls == 2


def test_a_cache_folder_that_cannot_be_written_is_no_error(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("JDGEN_CACHE_DIR", str(blocker / "cache"))
    assert remembered("data", [source], Maker(source)) == {"text": "one\n"}


def test_the_remembered_table_is_the_table(cache: Path, tmp_path: Path) -> None:
    roles = tmp_path / "roles"
    roles.mkdir()
    first = load_jurisdictions(roles, str)
    again = load_jurisdictions(roles, str)
    assert again == first == load_table_afresh(roles, str, with_override=False)
    assert [p.name.split("-")[0] for p in cache.iterdir()] == ["jurisdictions"]


def test_a_workspace_table_is_never_taken_from_the_cache(cache: Path, tmp_path: Path) -> None:
    roles = tmp_path / "roles"
    roles.mkdir()
    assert "US-NJ" in load_jurisdictions(roles, str).jurisdictions
    (roles / "_jurisdictions.yaml").write_text("jurisdictions:\n  US-NJ: null\n")
    assert "US-NJ" not in load_jurisdictions(roles, str).jurisdictions
    (roles / "_questions.yaml").write_text(
        "negotiation+:\n  - id: negotiation-own\n"
        "    text: Tell me about a price you defended.\n"
        "    strong: [Knew the walk-away point, Traded rather than conceded]\n"
        "    warning: [Gave in at once, Blamed the customer]\n"
    )
    assert load_bank(roles, str).question("negotiation-own") is not None
    assert not list(cache.glob("question_bank-*"))


def test_a_file_pickle_cannot_read_is_made_again_and_replaced(cache: Path, source: Path) -> None:
    make = Maker(source)
    remembered("data", [source], make)
    [path] = cache.glob("data-*.pickle")
    path.write_bytes(b"\x80\x05X\x03\x00\x00\x00ab")  # a string cut short: not an EOFError
    assert remembered("data", [source], make) == {"text": "one\n"}
    assert remembered("data", [source], make) == {"text": "one\n"}
    assert make.calls == 2  # made again once, then read back


def test_a_different_library_version_is_a_different_result(cache: Path, source: Path) -> None:
    make = Maker(source)
    remembered("data", [source], make, also="pydantic 2.14")
    remembered("data", [source], make, also="pydantic 2.15")
    assert make.calls == 2


def test_results_from_older_files_go_once_a_day_old(cache: Path, source: Path) -> None:
    make = Maker(source)
    remembered("data", [source], make)
    [older] = cache.glob("data-*.pickle")
    two_days_ago = older.stat().st_mtime - 2 * 86400
    os.utime(older, (two_days_ago, two_days_ago))
    source.write_text("two, and longer\n")
    remembered("data", [source], make)
    assert len(list(cache.glob("data-*.pickle"))) == 1 and not older.exists()

"""jdgen.build.output: atomic writes that stay inside the output folder."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from jdgen.build.output import JOURNAL, TEMPORARY, OutputDir, write_atomic
from jdgen.errors import ConfigError


def listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_write_creates_the_folders_and_the_file(tmp_path: Path) -> None:
    out = OutputDir(tmp_path / "output")
    out.write(out.path("key-account-manager", "posting.md"), "# Key Account Manager\n")
    assert listing(tmp_path / "output") == [
        "key-account-manager",
        "key-account-manager/posting.md",
    ]
    target = tmp_path / "output/key-account-manager/posting.md"
    assert target.read_text() == "# Key Account Manager\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_write_bytes_and_text_as_utf8(tmp_path: Path) -> None:
    out = OutputDir(tmp_path)
    out.write(out.path("a.pdf"), b"%PDF-1.7\x00\xff")
    out.write(out.path("b.md"), "Café – 51.933 €")
    assert (tmp_path / "a.pdf").read_bytes() == b"%PDF-1.7\x00\xff"
    assert (tmp_path / "b.md").read_bytes() == "Café – 51.933 €".encode()


def test_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    out = OutputDir(tmp_path)
    target = out.path("role", "posting.md")
    out.write(target, "a long first version\n" * 100)
    inode = target.stat().st_ino
    out.write(target, "short\n")
    assert target.read_text() == "short\n"
    assert target.stat().st_ino != inode  # a new file renamed into place, not rewritten
    assert listing(tmp_path) == ["role", "role/posting.md"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "posting.md"
    target.write_text("old\n")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new\n")
    assert target.read_text() == "old\n"
    assert listing(tmp_path) == ["posting.md"]


def test_refuses_a_symlinked_folder_inside_the_output_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "output").mkdir()
    (tmp_path / "output/role").symlink_to(elsewhere)
    out = OutputDir(tmp_path / "output")
    with pytest.raises(ConfigError) as caught:
        out.write(out.path("role", "posting.md"), "text")
    assert caught.value.format_message() == (
        f"error: refusing to write through the symbolic link {tmp_path}/output/role"
    )
    assert list(elsewhere.iterdir()) == []


def test_refuses_a_symlinked_output_folder(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "output").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(ConfigError) as caught:
        OutputDir(tmp_path / "output")
    assert caught.value.format_message() == (
        f"error: output folder {tmp_path}/output is a symbolic link; refusing to write through it"
    )
    assert caught.value.exit_code == 2


def test_a_symlinked_file_is_replaced_not_followed(tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n")
    (tmp_path / "output/role").mkdir(parents=True)
    (tmp_path / "output/role/posting.md").symlink_to(precious)
    out = OutputDir(tmp_path / "output")
    out.write(out.path("role", "posting.md"), "new\n")
    assert precious.read_text() == "keep me\n"
    target = tmp_path / "output/role/posting.md"
    assert not target.is_symlink()
    assert target.read_text() == "new\n"


@pytest.mark.parametrize("parts", [("..", "x.md"), ("role", "..", "..", "x.md"), ("/etc", "x")])
def test_refuses_paths_outside_the_output_folder(tmp_path: Path, parts: tuple[str, ...]) -> None:
    out = OutputDir(tmp_path / "output")
    with pytest.raises(ConfigError, match="refusing to write outside the output folder"):
        out.path(*parts)


def killed_run(out: OutputDir, run: str, *names: str) -> list[Path]:
    """What a build of run ``run`` killed while writing ``names`` leaves: its temporary
    files, and its entry in the journal."""
    left = []
    for name in names:
        target = out.root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.parent / f".jdgen-{run}-{target.name}.k2j4h5x1.tmp"
        temp.write_text("half")
        left.append(temp)
    (out.root / JOURNAL).write_text(json.dumps({"format": 1, "runs": [run]}))
    return left


def test_begin_deletes_only_the_temporary_files_of_unfinished_runs(tmp_path: Path) -> None:
    out = OutputDir(tmp_path, "aaaaaaaaaaaa")
    left = killed_run(out, "0123456789ab", "role/posting.pdf", ".jdgen-cache.json")
    theirs = [  # the user's, however much they look like jdgen's
        "role/.notes.20250101.tmp",
        "role/.jdgen-posting.pdf.k2j4h5x1.tmp",
        "role/.jdgen-ffffffffffff-posting.pdf.k2j4h5x1.tmp",  # no unfinished run of that id
        "role/.jdgen-0123456789ab-posting.pdf.k2j4h5x1.tmp.keep",
        "role/draft.tmp",
        "role/posting.pdf",
    ]
    for name in theirs:
        (tmp_path / name).write_text("x")
    assert sorted(out.begin()) == sorted(left)
    assert listing(tmp_path) == sorted([JOURNAL, "role", *theirs])
    assert json.loads((tmp_path / JOURNAL).read_text())["runs"] == ["aaaaaaaaaaaa"]
    out.finish()
    assert listing(tmp_path) == sorted(["role", *theirs])  # the journal goes with the run


def test_a_build_with_nothing_to_do_deletes_nothing(tmp_path: Path) -> None:
    out = OutputDir(tmp_path)
    for name in (".notes.20250101.tmp", ".jdgen-posting.pdf.k2j4h5x1.tmp"):
        (tmp_path / name).write_text("x")
    assert out.begin() == []
    out.finish()
    assert listing(tmp_path) == [".jdgen-posting.pdf.k2j4h5x1.tmp", ".notes.20250101.tmp"]


@pytest.mark.parametrize(
    "journal",
    [
        "not json",
        '{"runs": "0123456789ab"}',
        '{"runs": ["../../x", "0123456789ab/"]}',
        '["0123456789ab"]',
        "{" * 100_000,
    ],
)
def test_a_journal_of_the_users_or_a_broken_one_deletes_nothing(
    tmp_path: Path, journal: str
) -> None:
    out = OutputDir(tmp_path)
    [left] = killed_run(out, "0123456789ab", "role/posting.pdf")
    (tmp_path / JOURNAL).write_text(journal)
    assert out.begin() == []
    assert left.exists()


def test_begin_never_reaches_through_a_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    theirs = elsewhere / ".jdgen-0123456789ab-posting.pdf.k2j4h5x1.tmp"
    theirs.write_text("x")
    (tmp_path / "output").mkdir()
    (tmp_path / "output/role").symlink_to(elsewhere)
    out = OutputDir(tmp_path / "output")
    killed_run(out, "0123456789ab")
    assert out.begin() == []
    assert theirs.exists()


def test_write_atomic_names_its_temporary_files_for_its_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def refuse(src: str, dst: str) -> None:
        seen.append(Path(src).name)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomic(tmp_path / "posting.pdf", b"%PDF-", "0123456789ab")
    [name] = seen
    assert TEMPORARY.match(name) and name.startswith(".jdgen-0123456789ab-posting.pdf."), name

"""What a build shows: the summary line, the progress bar (terminals only), quiet and verbose."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdgen.build.progress import summary, wants_progress_bar
from jdgen.build.runner import BuildReport, RoleOutcome
from jdgen.cli import main


def outcome(role_id: str, *, files: int = 2, skipped: bool = False, error: str | None = None):
    written = [] if skipped or error else [Path(f"{role_id}/f{n}") for n in range(files)]
    return RoleOutcome(
        role_id, f"roles/{role_id}.yaml", written, [error] if error else [], skipped=skipped
    )


@pytest.mark.parametrize(
    ("outcomes", "extra", "text"),
    [
        ([outcome("a")], {}, "Built 1 role (2 files) in 1.5s"),
        ([outcome("a"), outcome("b", files=1)], {}, "Built 2 roles (3 files) in 1.5s"),
        (
            [outcome("a", skipped=True), outcome("b", skipped=True)],
            {},
            "Built 0 roles (0 files) in 1.5s; skipped 2 unchanged",
        ),
        (
            [outcome("a"), outcome("b", skipped=True), outcome("c", error="x")],
            {},
            "Built 1 role (2 files) in 1.5s; skipped 1 unchanged; 1 failed: c",
        ),
        (
            [outcome("a")],
            {"interrupted": True, "not_built": 3},
            "Built 1 role (2 files) in 1.5s; interrupted, 3 roles not built",
        ),
        (
            [outcome("a", skipped=True)],
            {"removed": ["old/posting.md"], "kept": ["old/posting.html"]},
            "Built 0 roles (0 files) in 1.5s; skipped 1 unchanged; removed 1 file no longer "
            "built (kept, as changed by hand: old/posting.html)",
        ),
    ],
)
def test_summary(outcomes: list[RoleOutcome], extra: dict, text: str) -> None:
    assert summary(BuildReport(outcomes, seconds=1.46, **extra)) == text


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "roles", "environ", "shown"),
    [
        (Terminal(), 6, {}, True),
        (Terminal(), 5, {}, False),  # a few roles: done before a bar is worth drawing
        (io.StringIO(), 100, {}, False),  # piped or redirected
        (Terminal(), 100, {"CI": "true"}, False),
        (Terminal(), 100, {"CI": "false"}, True),
    ],
)
def test_when_a_progress_bar_is_shown(stream, roles: int, environ: dict, shown: bool) -> None:
    assert wants_progress_bar(stream, roles, environ) is shown


def roles(root: Path, n: int) -> None:
    (root / "roles").mkdir(parents=True)
    for i in range(n):
        (root / f"roles/r{i}.yaml").write_text(
            f"title: Role {i}\nlevel: mid\nsalary: {{min: 48000, max: 56000, currency: EUR}}\n"
        )


def in_a_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run the jdgen script with stdout and stderr on a pseudo-terminal; return what it showed."""
    leader, follower = pty.openpty()
    script = Path(sys.executable).parent / "jdgen"
    process = subprocess.Popen(
        [str(script), *args], cwd=cwd, stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    shown = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the process closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=60)
    os.close(leader)
    return shown.decode()


def test_a_terminal_shows_a_progress_bar_and_ci_does_not(tmp_path: Path) -> None:
    roles(tmp_path, 8)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    shown = in_a_terminal(["build", "-f", "md", "-j", "2"], tmp_path, env)
    assert "Building" in shown and "8/8" in shown
    assert shown.rstrip().splitlines()[-1].startswith("Built 8 roles (8 files) in ")
    shown = in_a_terminal(["build", "-f", "md", "--force"], tmp_path, {**env, "CI": "true"})
    assert "Building" not in shown
    assert shown.startswith("Built 8 roles (8 files) in ")


def test_no_progress_bar_when_piped(tmp_path: Path) -> None:
    roles(tmp_path, 8)
    result = CliRunner().invoke(main, ["build", "-C", str(tmp_path), "-f", "md"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.startswith("Built 8 roles (8 files) in ")

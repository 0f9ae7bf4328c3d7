"""Nothing lost: a build killed (SIGKILL) or stopped (Ctrl-C) half-way leaves whole files.

Each test builds a workspace, changes every role, and starts a second build in a
subprocess through a harness that makes writing output files slow and stalls
half-way through writing one chosen file. Once that file is half-written, the
test kills or interrupts the whole process group, as the OOM killer or a
terminal would. Then every output must be its old version or its new version,
the build cache must claim only what is on disk, and the next build must finish
the job.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest

from jdgen.build.cache import CACHE_FILE, signature, text_digest
from jdgen.build.output import JOURNAL, TEMPORARY
from jdgen.build.runner import BuildOptions, build
from jdgen.load.workspace import Workspace

# Run jdgen with slow writes: every write of an output file sleeps PAUSE seconds half-way
# through, and the first write of the file named STALL sleeps STALL_SECONDS there, after
# creating MARKER. The patch wraps every way of opening a file for writing, so it slows
# down a plain (non-atomic) write just as well as jdgen's own.
HARNESS = """
import builtins, io, os, sys, time
from pathlib import Path

stall, stall_seconds, pause, marker = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), Path(sys.argv[4])
sys.argv = ["jdgen", *sys.argv[5:]]
stall_role, stall_file = stall.split("/")


class SlowFile:
    def __init__(self, handle, path):
        self.handle, self.path = handle, str(path)

    def write(self, data):
        if "/output/" not in self.path:
            return self.handle.write(data)
        half = len(data) // 2
        written = self.handle.write(data[:half])
        self.handle.flush()
        folder, name = os.path.split(self.path)
        if os.path.basename(folder) == stall_role and stall_file in name and not marker.exists():
            marker.write_text(str(os.getpid()))
            time.sleep(stall_seconds)
        else:
            time.sleep(pause)
        return written + self.handle.write(data[half:])

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)


def wrap(real, path_of):
    def opened(file, mode="r", *args, **kwargs):
        handle = real(file, mode, *args, **kwargs)
        return SlowFile(handle, path_of(file)) if any(c in mode for c in "wax+") else handle
    return opened


fd_path = lambda fd: os.readlink(f"/proc/self/fd/{fd}") if isinstance(fd, int) else fd
os.fdopen = wrap(os.fdopen, fd_path)
builtins.open = io.open = wrap(io.open, fd_path)

from jdgen.cli import run
run()
"""

ROLE = (
    "title: {title}\nlevel: mid\nduties:\n  - Look after {title} customers\n"
    "salary: {{min: 48000, max: 56000, currency: EUR}}\n"
)


def write_roles(root: Path, n: int, version: str) -> None:
    for i in range(n):
        (root / f"roles/r{i}.yaml").write_text(ROLE.format(title=f"Role {i} {version}"))


def contents(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name not in (CACHE_FILE, JOURNAL) and not TEMPORARY.match(p.name)
    }


def temporary_files(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if TEMPORARY.match(p.name))


def start(root: Path, stall: str, *args: str, stall_seconds: float, pause: float, marker: Path):
    """The harness running ``jdgen build -C root *args`` in its own process group."""
    command = [sys.executable, "-c", HARNESS, stall, str(stall_seconds), str(pause), str(marker)]
    process = subprocess.Popen(
        [*command, "build", "-C", str(root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the build never reached {stall}: {process.communicate()}")
        time.sleep(0.01)
    time.sleep(0.2)  # let the other worker get on with its roles
    return process


def assert_whole(name: str, data: bytes) -> None:
    if name.endswith(".pdf"):
        with pikepdf.open(__import__("io").BytesIO(data)) as pdf:
            assert len(pdf.pages) >= 1
    elif name.endswith(".html"):
        assert data.rstrip().endswith(b"</html>"), name


def text_of(name: str, data: bytes) -> str:
    if name.endswith(".pdf"):
        done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
        return done.stdout.decode()
    return data.decode()


def assert_cache_consistent(out: Path) -> list[str]:
    """Every role the cache would skip has on disk the files of the version it recorded.

    Roles whose files changed under an old entry are not checked: the next build sees
    the change and rebuilds them. Returns the roles the cache holds as up to date.
    """
    data = json.loads((out / CACHE_FILE).read_text()) if (out / CACHE_FILE).exists() else {}
    current = []
    for role_id, entry in data.get("roles", {}).items():
        if any(signature(out / n) != s for n, s in entry["outputs"].items()):
            continue
        i = int(role_id[1:])
        digest = entry["inputs"][f"roles/{role_id}.yaml"]
        version = {text_digest(ROLE.format(title=f"Role {i} {v}")): v for v in ("v1", "v2")}
        for name in entry["outputs"]:
            assert version[digest] in text_of(name, (out / name).read_bytes()), name
        current.append(role_id)
    return current


@pytest.mark.pdf
def test_a_killed_build_leaves_every_output_old_or_new(make_workspace, tmp_path: Path) -> None:
    ws = make_workspace({})
    out = ws.root / "output"
    write_roles(ws.root, 3, "v1")
    assert build(Workspace(ws.root), None, BuildOptions(out)).exit_code == 0
    old = contents(out)
    write_roles(ws.root, 3, "v2")

    process = start(
        ws.root,
        "r1/posting.pdf",
        "-j",
        "2",
        stall_seconds=600,
        pause=0.05,
        marker=tmp_path / "stalled",
    )
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    after_kill = contents(out)
    for name, data in after_kill.items():
        assert_whole(name, data)
    # The kill landed half-way through writing r1's PDF: its temporary file is still there.
    assert [name.split("/")[0] for name in temporary_files(out)].count("r1") >= 1
    assert_cache_consistent(out)

    report = build(Workspace(ws.root), None, BuildOptions(out))
    assert report.exit_code == 0
    new = contents(out)
    assert sorted(after_kill) == sorted(old) == sorted(new)
    for name, data in after_kill.items():
        assert data in (old[name], new[name]), f"{name} is neither the old nor the new version"
    assert after_kill["r1/posting.pdf"] == old["r1/posting.pdf"]
    for name, data in new.items():
        assert "v2" in text_of(name, data) and "v1" not in text_of(name, data), name
    assert temporary_files(out) == []  # the next build cleans up after the killed one
    assert not (out / JOURNAL).exists()  # and takes the killed build out of the journal
    assert_cache_consistent(out)
    assert [o.role_id for o in build(Workspace(ws.root), None, BuildOptions(out)).built] == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_cleanly_and_keeps_what_was_finished(
    make_workspace, tmp_path: Path, jobs: str
) -> None:
    ws = make_workspace({})
    out = ws.root / "output"
    write_roles(ws.root, 8, "v1")
    options = BuildOptions(out, ("md", "html"))
    assert build(Workspace(ws.root), None, options).exit_code == 0
    old = contents(out)
    write_roles(ws.root, 8, "v2")

    process = start(
        ws.root,
        "r2/posting.html",
        "-f",
        "md,html",
        "-j",
        jobs,
        "-v",
        stall_seconds=2,
        pause=0.1,
        marker=tmp_path / "stalled",
    )
    os.killpg(process.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    summary = stderr.splitlines()[-1]
    assert summary.startswith("Built "), stderr
    not_built = int(summary.split("interrupted, ")[1].split()[0])
    finished = [
        line.split()[1].rstrip(":") for line in stdout.splitlines() if line.startswith("built ")
    ]
    assert not_built >= 1 and len(finished) + not_built == 8, (stdout, stderr)

    now = contents(out)
    for name, data in now.items():
        role = name.split("/")[0]
        if role in finished:
            assert data != old[name], f"{name} was reported built but is old"
        assert_whole(name, data)
    assert temporary_files(out) == []  # stopped cleanly: nothing left half-way
    assert_cache_consistent(out)

    # The next build builds exactly what the interrupted one did not.
    report = build(Workspace(ws.root), None, options)
    assert sorted(o.role_id for o in report.skipped) == sorted(finished)
    assert len(report.built) == not_built
    for name, data in contents(out).items():
        assert b"v2" in data and b"v1" not in data, name

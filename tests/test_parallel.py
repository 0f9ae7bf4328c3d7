"""Parallel builds: the same files as a serial build, in the same order, in less time."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jdgen.build import runner as build_module
from jdgen.build.runner import BuildOptions, build
from jdgen.load.workspace import Workspace
from jdgen.pool import batches

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden" / "workspace"


def tree(root: Path) -> dict[str, bytes]:
    """Every output file's content, without the cache (which records inodes and times)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def many_roles(make_workspace, n: int) -> Workspace:
    """The golden fixture's roles, copied ``n`` times under new ids."""
    roles = GOLDEN / "roles"
    files = {f"roles/{p.name}": p.read_text() for p in roles.glob("_*.yaml")}
    for i in range(n):
        for p in roles.glob("[!_]*.yaml"):
            files[f"roles/{p.stem}-{i}.yaml"] = p.read_text()
    return make_workspace(files)


def test_parallel_markdown_and_html_are_byte_identical_to_serial(
    make_workspace, tmp_path: Path
) -> None:
    ws = many_roles(make_workspace, 6)
    serial = build(ws, None, BuildOptions(tmp_path / "serial", ("md", "html"), jobs=1))
    parallel = build(ws, None, BuildOptions(tmp_path / "parallel", ("md", "html"), jobs=3))
    assert [o.role_id for o in parallel.outcomes] == [o.role_id for o in serial.outcomes]
    assert len(parallel.built) == 12
    assert tree(tmp_path / "parallel") == tree(tmp_path / "serial")
    assert len(tree(tmp_path / "serial")) == 37  # 6 roles x 6 files, and index.html


@pytest.mark.pdf
def test_parallel_pdfs_are_byte_identical_to_serial(make_workspace, tmp_path: Path) -> None:
    role = "title: Account Manager {n}\nlevel: mid\nduties: [Call customers]\nsalary: {{min: 48000, max: 56000, currency: EUR}}\n"
    ws = make_workspace({f"roles/role-{n}.yaml": role.format(n=n) for n in range(3)})
    build(ws, None, BuildOptions(tmp_path / "serial", ("pdf",), jobs=1))
    build(ws, None, BuildOptions(tmp_path / "parallel", ("pdf",), jobs=2))
    serial, parallel = tree(tmp_path / "serial"), tree(tmp_path / "parallel")
    assert sorted(serial) == sorted(["review.pdf", *(f"role-{n}/posting.pdf" for n in range(3))])
    assert parallel == serial


def test_outcomes_and_errors_come_in_file_order(make_workspace, tmp_path: Path) -> None:
    files = {
        f"roles/r{n:02}.yaml": f"title: Role {n}\nlevel: mid\nsalary: {{min: 48000, max: 56000, currency: EUR}}\n"
        for n in range(20)
    }
    files["roles/r07.yaml"] = "title: [\n"
    files["roles/r13.yaml"] = "title: Role\nlevel: boss\n"
    ws = make_workspace(files)
    seen: list[str] = []
    report = build(
        ws,
        None,
        BuildOptions(tmp_path / "out", ("md",), jobs=2),
        on_outcome=lambda o: seen.append(o.role_id),
    )
    assert seen == [f"r{n:02}" for n in range(20)] == [o.role_id for o in report.outcomes]
    assert [o.role_id for o in report.failed] == ["r07", "r13"]
    assert report.failed[1].messages == [
        "roles/r13.yaml:2:8: error [schema] level: expected one of 'entry', 'junior', 'mid', 'senior', "
        "'lead' or 'principal', got 'boss'"
    ]


def test_a_worker_that_dies_fails_its_roles_without_a_traceback(
    make_workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(
        {
            f"roles/r{n}.yaml": f"title: Role {n}\nlevel: mid\nsalary: {{min: 48000, max: 56000, currency: EUR}}\n"
            for n in range(4)
        }
    )
    real = build_module.build_role

    def crash_on_r2(state, path, extra, out):
        if path.stem == "r2":
            os._exit(3)  # as if the process were killed
        return real(state, path, extra, out)

    monkeypatch.setattr(build_module, "build_role", crash_on_r2)  # inherited by forked workers
    report = build(ws, None, BuildOptions(tmp_path / "out", ("md",), jobs=2))
    failed = {o.role_id: o.messages for o in report.failed}
    assert failed["r2"] == [
        "roles/r2.yaml:1:1: error: the process building this role stopped unexpectedly"
    ]
    assert report.exit_code == 1
    # The other roles are tried again, each in a worker of its own: only r2 fails.
    assert [o.role_id for o in report.built] == ["r0", "r1", "r3"]


def test_batches() -> None:
    paths = [Path(f"r{n}.yaml") for n in range(100)]
    assert [len(b) for b in batches(paths, 2, 1)] == [1] * 100
    assert [len(b) for b in batches(paths, 2)] == [6] * 16 + [4]
    assert [len(b) for b in batches(paths[:5], 2)] == [1] * 5
    assert [p for batch in batches(paths, 3) for p in batch] == paths


def test_the_roles_are_built_in_worker_processes_set_up_once(
    make_workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(
        {
            f"roles/r{n}.yaml": f"title: Role {n}\nlevel: mid\nsalary: {{min: 48000, max: 56000, currency: EUR}}\n"
            for n in range(8)
        }
    )
    log = tmp_path / "log"
    real_build_role, real_start = build_module.build_role, build_module._start_worker

    def build_role(state, path, extra, out):
        time.sleep(0.05)  # long enough that every worker gets a share
        with log.open("a") as f:
            f.write(f"role {os.getpid()} {id(state.workspace)}\n")
        return real_build_role(state, path, extra, out)

    def start(state):
        with log.open("a") as f:
            f.write(f"start {os.getpid()}\n")
        real_start(state)

    monkeypatch.setattr(build_module, "build_role", build_role)
    monkeypatch.setattr(build_module, "_start_worker", start)
    report = build(ws, None, BuildOptions(tmp_path / "out", ("md",), jobs=2))
    assert len(report.built) == 8
    lines = [line.split() for line in log.read_text().splitlines()]
    starts = [line[1] for line in lines if line[0] == "start"]
    roles = {(line[1], line[2]) for line in lines if line[0] == "role"}
    assert len(starts) == len(set(starts)) == 2  # each worker is set up once...
    assert {pid for pid, _ in roles} == set(starts)  # ...both build roles...
    assert len(roles) == 2  # ...each with one workspace, kept between roles
    assert str(os.getpid()) not in starts


# -- a lean build: Markdown and HTML never import WeasyPrint, in any process ----------------------

NO_WEASYPRINT = """
import sys
from pathlib import Path

log = Path(sys.argv[1])


class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "weasyprint":
            with log.open("a") as f:
                f.write(name + "\\n")
        return None


sys.meta_path.insert(0, Refuse())  # forked workers inherit it
from jdgen.cli import main

code = main.main(sys.argv[2:], standalone_mode=False)
sys.exit(code or 0)
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_markdown_and_html_builds_never_import_weasyprint(
    make_workspace, tmp_path: Path, jobs: str
) -> None:
    ws = make_workspace(
        {
            f"roles/r{n}.yaml": f"title: Role {n}\nlevel: mid\nsalary: {{min: 48000, max: 56000, currency: EUR}}\n"
            for n in range(4)
        }
    )
    log = tmp_path / "imports.log"
    args = ["build", "-C", str(ws.root), "-f", "md,html", "-j", jobs]
    done = subprocess.run(
        [sys.executable, "-c", NO_WEASYPRINT, str(log), *args], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Built 4 roles (9 files)" in done.stdout  # 4 x 2, and index.html
    assert not log.exists(), log.read_text()
    # And the check itself works: a PDF build does import it.
    subprocess.run(
        [sys.executable, "-c", NO_WEASYPRINT, str(log), "build", "-C", str(ws.root), "-f", "pdf"],
        capture_output=True,
        check=True,
    )
    assert "weasyprint" in log.read_text().split()

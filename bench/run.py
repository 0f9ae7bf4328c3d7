"""Measure jdgen against its floors and write bench/RESULTS.md. Run by hand, not by pytest.

    .venv/bin/python bench/run.py                 # everything: about half an hour
    .venv/bin/python bench/run.py --quick         # 100 and 500 roles, no PDFs: a minute

Every command runs as its own process, as a user would run it, with byte-code
caching on (PYTHONDONTWRITEBYTECODE unset) and CI=1 (no progress bar). Each time
is the fastest of --repeat runs. Peak memory is the largest total resident size
of the process and its workers, sampled every 20 ms from /proc. Work files go
to bench/work/ (git-ignored). bench/notes.md, which reads the results (why a
target is missed), is appended to RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from generate import generate

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work"
PYTHON = REPO / ".venv" / "bin" / "python"
JDGEN = REPO / ".venv" / "bin" / "jdgen"
CACHE = WORK / "user-cache"  # the per-user cache of the benchmark's own runs
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
    "CI": "1",
    "JDGEN_CACHE_DIR": str(CACHE),
}


@dataclass
class Run:
    """One command's best time, its peak memory (MB), and its memory over time."""

    seconds: float
    peak_mb: float
    largest_mb: float  # the largest single process
    returncode: int
    timeline: list[tuple[float, float]] = field(default_factory=list)  # (seconds, MB)
    output: str = ""


def _tree_rss(root: int) -> tuple[float, float]:
    """Total and largest resident size (MB) of ``root`` and its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total = largest = 0.0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        mb = int(line.split()[1]) / 1024
                        total, largest = total + mb, max(largest, mb)
        except OSError:
            pass
    return total, largest


class _Sampler(threading.Thread):
    """Samples the memory of a process tree until stopped."""

    def __init__(self, pid: int, started: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.started = pid, started
        self.timeline: list[tuple[float, float]] = []
        self.peak = self.largest = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            total, big = _tree_rss(self.pid)
            self.timeline.append((time.perf_counter() - self.started, total))
            self.peak, self.largest = max(self.peak, total), max(self.largest, big)
            self.done.wait(0.02)


def measure(command: list[str], repeat: int = 1, before=None, env: dict | None = None) -> Run:
    """The fastest of ``repeat`` runs of ``command``; ``before()`` runs before each."""
    best: Run | None = None
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            env=ENV | (env or {}),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        sampler = _Sampler(process.pid, started)
        sampler.start()
        output = process.communicate()[0]
        seconds = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
        run = Run(
            seconds, sampler.peak, sampler.largest, process.returncode, sampler.timeline, output
        )
        if run.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed ({run.returncode}):\n{output}")
        if best is None or run.seconds < best.seconds:
            best = run
    assert best is not None
    return best


def workspace(n: int) -> Path:
    folder = WORK / f"ws-{n}"
    if not (folder / "roles").is_dir() or len(list((folder / "roles").glob("*.yaml"))) != n + 2:
        generate(n, folder)
    return folder


def build(ws: Path, out: Path, *args: str) -> list[str]:
    return [str(JDGEN), "build", "-C", str(ws), "-o", str(out), "-q", *args]


def fresh(out: Path):
    return lambda: shutil.rmtree(out, ignore_errors=True)


def markdown_html(n: int, repeat: int) -> dict[str, Run]:
    ws, out = workspace(n), WORK / f"out-{n}"
    runs = {"build": measure(build(ws, out, "-f", "md,html"), repeat, before=fresh(out))}
    runs["rebuild"] = measure(build(ws, out, "-f", "md,html"), repeat)
    runs["lint"] = measure([str(JDGEN), "lint", "-C", str(ws), "-f", "json"], repeat)
    runs["yaml floor"] = measure(
        [str(PYTHON), str(BENCH / "floors.py"), "yaml", str(ws / "roles")], repeat
    )
    return runs


def pdf(n: int, repeat: int) -> dict[str, Run]:
    """The roles' PDFs (posting and hiring plan) against printing the same pages with bare
    WeasyPrint; then, apart, the review pack a build of the whole workspace adds."""
    ws, out = workspace(n), WORK / f"pdf-{n}"
    roles = str(ws / "roles")  # named, so that the build writes only the roles' files
    runs = {"build": measure(build(ws, out, "-f", "html,pdf", roles), repeat, before=fresh(out))}
    runs["rebuild"] = measure(build(ws, out, "-f", "html,pdf", roles), 3)
    pages = sorted(str(p) for p in out.rglob("*.html"))
    # The whole workspace: every role is up to date, so this writes index.html and review.pdf.
    runs["review pack"] = measure(build(ws, out, "-f", "html,pdf"), 1)
    runs["weasyprint floor"] = measure(
        [str(PYTHON), str(BENCH / "floors.py"), "weasyprint", *pages], repeat
    )
    runs["pages"] = Run(len(pages), 0, 0, 0)
    return runs


def lint_one_file(repeat: int, big: int) -> dict[str, Run]:
    """`jdgen lint` of one role file: in the shipped workspace (four roles, three
    languages), and in a generated one of ``big`` roles, where the workspace-wide rules
    compare it with every other role; with the per-user cache warm (as a pre-commit
    hook runs it again and again) and without it (JDGEN_CACHE_DIR="", or a first run)."""
    role = REPO / "roles" / "key-account-manager.yaml"
    ws = workspace(big)
    other = ws / "roles" / "key-account-manager-00001.yaml"
    small = [str(JDGEN), "lint", "-C", str(REPO), str(role)]
    large = [str(JDGEN), "lint", "-C", str(ws), str(other)]
    cache = {"JDGEN_CACHE_DIR": str(CACHE)}
    for command in (small, large):  # warm the cache
        measure(command, 1, env=cache)
    return {
        "lint": measure(small, repeat, env=cache),
        "lint, no user cache": measure(small, repeat, env={"JDGEN_CACHE_DIR": ""}),
        f"lint in a workspace of {big}": measure(large, repeat, env=cache),
        f"lint in a workspace of {big}, no user cache": measure(
            large, max(1, repeat // 3), env={"JDGEN_CACHE_DIR": ""}
        ),
        "imports": measure([str(PYTHON), "-c", "import click, yaml, jdgen.model"], repeat),
        "python": measure([str(PYTHON), "-c", "pass"], repeat),
    }


def load(n: int) -> Run:
    ws, out = workspace(n), WORK / f"load-{n}"
    return measure(build(ws, out, "-f", "md,html", "--jobs", "2"), 1, before=fresh(out))


def quarters(run: Run) -> list[float]:
    """The peak memory (MB) in each quarter of the run."""
    end = run.timeline[-1][0] if run.timeline else 0
    return [
        max((mb for t, mb in run.timeline if q * end / 4 <= t <= (q + 1) * end / 4), default=0)
        for q in range(4)
    ]


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def report(args, results: dict) -> str:
    sizes, pdfs = results["sizes"], results.get("pdf")
    lines = [
        "# Benchmark results",
        "",
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} at commit {results['commit']} on "
        f"{platform.node() or 'this machine'}: "
        f"{os.cpu_count()} CPU cores, Python {platform.python_version()}, "
        f"load average before {results['load_before']:.2f}, after {os.getloadavg()[0]:.2f}.",
        f"Each time is the fastest of {args.repeat} runs (PDF builds and the WeasyPrint floor: "
        f"{args.pdf_repeat}); each run is a whole process, as a user runs it. Peak memory is "
        "the largest total resident size of jdgen and its worker processes (forked workers "
        "share pages, so this overstates it).",
        "",
        "Reproduce with:",
        "",
        "```sh",
        f".venv/bin/python bench/run.py {' '.join(results['argv'])}".rstrip(),
        "```",
        "",
        "## Targets",
        "",
        "| target | measured | ratio | limit | |",
        "|---|---|---|---|---|",
    ]
    if pdfs:
        b, f, r = pdfs["build"], pdfs["weasyprint floor"], pdfs["rebuild"]
        n = args.pdf_roles
        lines.append(
            f"| PDF build of {n} roles vs the serial WeasyPrint floor | {b.seconds:.1f} s vs "
            f"{f.seconds:.1f} s | {b.seconds / f.seconds:.2f}× | 0.6× | "
            f"{verdict(b.seconds <= 0.6 * f.seconds)} |"
        )
        lines.append(
            f"| no-change rebuild vs cold PDF build, {n} roles | {r.seconds:.2f} s vs "
            f"{b.seconds:.1f} s | {r.seconds / b.seconds:.1%} | 3% | "
            f"{verdict(r.seconds <= 0.03 * b.seconds)} |"
        )
    for n, runs in sizes.items():
        b, r = runs["build"], runs["rebuild"]
        lines.append(
            f"| no-change rebuild vs cold Markdown+HTML build, {n} roles | {r.seconds:.2f} s vs "
            f"{b.seconds:.1f} s | {r.seconds / b.seconds:.1%} | 3% | "
            f"{verdict(r.seconds <= 0.03 * b.seconds)} |"
        )
    for n, runs in sizes.items():
        lint, floor = runs["lint"], runs["yaml floor"]
        lines.append(
            f"| lint of {n} roles vs the CSafeLoader floor | {lint.seconds:.2f} s vs "
            f"{floor.seconds:.2f} s | {lint.seconds / floor.seconds:.2f}× | 3× | "
            f"{verdict(lint.seconds <= 3 * floor.seconds)} |"
        )
    one = results["one"]
    lines.append(
        f"| `jdgen lint` on one file (no user cache: "
        f"{one['lint, no user cache'].seconds:.2f} s) | {one['lint'].seconds:.2f} s | | 0.3 s | "
        f"{verdict(one['lint'].seconds <= 0.3)} |"
    )
    big = results["one_big"]
    flat, base = one[f"lint in a workspace of {big}"], one["lint"]
    lines.append(
        f"| `jdgen lint` on one file, {big} roles vs 4 | {flat.seconds:.2f} s vs "
        f"{base.seconds:.2f} s | {flat.seconds / base.seconds:.2f}× | 1.3× | "
        f"{verdict(flat.seconds <= 1.3 * base.seconds)} |"
    )
    mem = results["memory"]
    small, big = min(mem), max(mem)
    lines.append(
        f"| peak memory of a Markdown+HTML build, {big} vs {small} roles | "
        f"{mem[big].peak_mb:.0f} MB vs {mem[small].peak_mb:.0f} MB | "
        f"{mem[big].peak_mb / mem[small].peak_mb:.2f}× | 1.5× | "
        f"{verdict(mem[big].peak_mb <= 1.5 * mem[small].peak_mb)} |"
    )
    lines += [
        "",
        "## Every measurement",
        "",
        "| roles | what | seconds | peak MB | largest process MB |",
        "|---|---|---|---|---|",
    ]

    def row(roles: object, what: str, run: Run, digits: int = 2) -> str:
        return (
            f"| {roles} | {what} | {run.seconds:.{digits}f} | {run.peak_mb:.0f} | "
            f"{run.largest_mb:.0f} |"
        )

    for n, runs in sizes.items():
        lines += [row(n, what, run) for what, run in runs.items()]
    if pdfs:
        label = f"{args.pdf_roles} (PDF)"
        lines += [row(label, what, run) for what, run in pdfs.items() if what != "pages"]
        lines.append(f"| {label} | HTML pages printed | {pdfs['pages'].seconds:.0f} | | |")
    lines += [row(n, "build (memory)", run) for n, run in mem.items() if n not in sizes]
    lines += [row(1, what, run, 3) for what, run in one.items()]
    if "load" in results:
        run = results["load"]
        errors = [line for line in run.output.splitlines() if ": error: " in line]
        q = quarters(run)
        lines += [
            "",
            f"## Load: {args.load} roles, Markdown and HTML, `--jobs 2`",
            "",
            f"{run.seconds:.1f} s, exit code {run.returncode}, {len(errors)} errors. "
            f"Peak memory in each quarter of the run: {', '.join(f'{mb:.0f}' for mb in q)} MB "
            f"(last over first: {q[-1] / q[0]:.2f}×).",
        ]
    lines += ["", *lint_judgement()]
    notes = BENCH / "notes.md"  # the reading of these results, written by hand
    if notes.is_file():
        lines += ["", notes.read_text().rstrip()]
    return "\n".join(lines) + "\n"


def lint_judgement() -> list[str]:
    """What the wording rules catch on the labelled sets (bench/lint_eval.py)."""
    sys.path.insert(0, str(BENCH))
    import lint_eval

    lines = [
        "## Lint judgement",
        "",
        "Recall per category at warning and above, and false alarms on clean text, from "
        "`bench/lint_eval.py` (the sets and their sources: `tests/fixtures/lint-eval/`).",
    ]
    for name in lint_eval.SETS:
        result = lint_eval.evaluate(lint_eval.ITEMS.parent / name)
        lines += ["", f"### {name}", "", lint_eval.table(result)]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument(
        "--memory", default="500,5000", help="two sizes whose peak memory is compared"
    )
    parser.add_argument("--pdf-roles", type=int, default=100, help="0: no PDF build")
    parser.add_argument("--load", type=int, default=2000, help="0: no load run")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pdf-repeat", type=int, default=1)
    parser.add_argument(
        "--quick", action="store_true", help="--sizes 100,500 --pdf-roles 0 --load 0"
    )
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.pdf_roles, args.load, args.memory = "100,500", 0, 0, "100,500"
    WORK.mkdir(exist_ok=True)
    subprocess.run([str(JDGEN), "--version"], env=ENV, check=True, capture_output=True)  # byte-code
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    results: dict = {"argv": sys.argv[1:], "load_before": os.getloadavg()[0], "commit": commit}
    big = max(int(n) for n in args.sizes.split(","))
    big = 1000 if big >= 1000 else big
    results["one_big"] = big
    results["one"] = lint_one_file(10, big)
    print("lint one file:", {k: round(v.seconds, 3) for k, v in results["one"].items()}, flush=True)
    results["sizes"] = {}
    for n in map(int, args.sizes.split(",")):
        results["sizes"][n] = markdown_html(n, args.repeat)
        print(n, {k: round(v.seconds, 2) for k, v in results["sizes"][n].items()}, flush=True)
    results["memory"] = {}
    for n in map(int, args.memory.split(",")):
        if n in results["sizes"]:
            results["memory"][n] = results["sizes"][n]["build"]
        else:
            out = WORK / f"out-{n}"
            results["memory"][n] = measure(
                build(workspace(n), out, "-f", "md,html"), 1, before=fresh(out)
            )
    if args.load:
        results["load"] = load(args.load)
        print("load:", f"{results['load'].seconds:.1f} s", flush=True)
    if args.pdf_roles:
        results["pdf"] = pdf(args.pdf_roles, args.pdf_repeat)
        print("pdf:", {k: round(v.seconds, 2) for k, v in results["pdf"].items()}, flush=True)
    args.out.write_text(report(args, results))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

"""Build roles in worker processes, one per core.

Each worker sets up once (:func:`_start_worker`): it keeps the workspace (forked
from the parent, with its company file and question bank loaded), and for a PDF
build it imports WeasyPrint and builds its own font configuration. Then it
builds batches of roles and sends back their outcomes; it writes the files
itself, so only small outcomes cross between processes.

Workers ignore Ctrl-C: the terminal sends it to every process, and the parent
decides. The first Ctrl-C lets the roles in progress finish and cancels the
rest; a second one stops the workers at once (their files are still whole: every
write is atomic, and the next build deletes what they left half-way).
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jdgen.build.output import OutputDir
    from jdgen.build.runner import BuildOptions, RoleOutcome
    from jdgen.load.workspace import Workspace

# What each worker process keeps between batches.
_worker: dict[str, object] = {}


def _start_worker(workspace: Workspace, options: BuildOptions) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from jdgen.build.output import OutputDir

    _worker["workspace"] = workspace
    _worker["out"] = OutputDir(options.out)
    _worker["options"] = options
    if "pdf" in options.formats:
        from jdgen.render.pdf import prepare

        prepare()


def _build_batch(paths: list[Path]) -> list[RoleOutcome]:
    from jdgen.build.runner import build_role

    workspace: Workspace = _worker["workspace"]  # type: ignore[assignment]
    out: OutputDir = _worker["out"]  # type: ignore[assignment]
    options: BuildOptions = _worker["options"]  # type: ignore[assignment]
    return [build_role(workspace, path, options, out) for path in paths]


def batches(paths: list[Path], jobs: int, formats: tuple[str, ...]) -> list[list[Path]]:
    """Split ``paths`` into batches: one role each for PDFs (seconds per role, so balance
    matters), larger for Markdown and HTML (milliseconds per role, so overhead does)."""
    size = 1 if "pdf" in formats else max(1, min(32, len(paths) // (jobs * 8)))
    return [paths[i : i + size] for i in range(0, len(paths), size)]


def build_in_parallel(
    workspace: Workspace,
    paths: list[Path],
    options: BuildOptions,
    jobs: int,
    done: Callable[[RoleOutcome, Path], None],
) -> int:
    """Build ``paths`` in ``jobs`` processes, calling ``done`` as each role finishes.

    Returns how many roles Ctrl-C left undone (0 when all finished).
    """
    # fork: the workers start with what the parent has loaded: the rendering modules, the
    # company file and question bank, and WeasyPrint for a PDF build.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        import jdgen.hiring.plan
        import jdgen.render.posting  # noqa: F401
    executor = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(workspace, options),
    )
    pending: dict[Future, list[Path]] = {
        executor.submit(_build_batch, batch): batch
        for batch in batches(paths, jobs, options.formats)
    }
    finished = 0

    def collect(futures: set[Future]) -> None:
        nonlocal finished
        for future in futures:
            batch = pending.pop(future)
            for path, outcome in zip(batch, _outcomes(future, batch, workspace), strict=True):
                done(outcome, path)
                finished += 1

    try:
        try:
            while pending:
                completed, _ = wait(pending, return_when=FIRST_COMPLETED)
                collect(completed)
        except KeyboardInterrupt:
            # Let the roles in progress finish; drop the rest.
            for future in list(pending):
                if future.cancel():
                    del pending[future]
            print(
                "Stopping after the roles in progress (press Ctrl-C again to stop now)...",
                file=sys.stderr,
            )
            try:
                while pending:
                    completed, _ = wait(pending, return_when=FIRST_COMPLETED)
                    collect(completed)
            except KeyboardInterrupt:
                _terminate(executor)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return len(paths) - finished


def _outcomes(future: Future, batch: list[Path], workspace: Workspace) -> list[RoleOutcome]:
    """The batch's outcomes; when its worker died, a failure for each role."""
    from jdgen.build.runner import RoleOutcome

    try:
        return future.result()
    except BrokenProcessPool:
        return [
            RoleOutcome(
                path.stem,
                workspace.display(path),
                errors=[
                    f"{workspace.display(path)}: error: the process building this role "
                    "stopped unexpectedly"
                ],
            )
            for path in batch
        ]


def _terminate(executor: ProcessPoolExecutor) -> None:
    """Stop the workers now (a second Ctrl-C)."""
    # ProcessPoolExecutor has no public way to stop its workers.
    for process in list(getattr(executor, "_processes", {}).values()):
        process.terminate()

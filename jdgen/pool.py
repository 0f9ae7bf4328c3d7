"""The one worker pool: lint and build run their per-role work in it.

A :class:`Pool` is started once per command, with the state every task needs
(``state``, given to the workers once, not with every task). Work goes in as
batches of items; each batch runs a task function, a module-level function of
``(state, items) -> results``, and each item's result comes back to ``done`` in
the parent as its batch finishes. With one job, tasks run in the calling process
and nothing is forked, so small runs pay nothing for the pool.

Workers are forked (where the system can), so they start with what the parent
has loaded: the workspace and its parsed shared files, the rendering modules, and
WeasyPrint for a PDF build. They ignore Ctrl-C, which the terminal sends to every
process, and the parent decides: the first Ctrl-C lets the batches in progress
finish and drops the rest; a second one stops the workers at once (every output
is written atomically, so nothing is left half-written).
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

Task = Callable[[Any, list[Any]], list[Any]]

_state: dict[str, Any] = {}  # what a worker keeps between batches


def _start(state: Any, setup: Callable[[Any], None] | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _state["state"] = state
    if setup is not None:
        setup(state)


def _nothing() -> None:
    pass


def _run(task: Task, items: list[Any]) -> list[Any]:
    return task(_state["state"], items)


def batches(items: Sequence[T], jobs: int, size: int | None = None) -> list[list[T]]:
    """Split ``items`` into batches of ``size`` (default: small enough that the workers
    finish together, large enough that sending them costs little)."""
    if size is None:
        size = max(1, min(32, len(items) // (jobs * 8)))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


class Pool:
    """Worker processes for one command (none when ``jobs`` is 1)."""

    def __init__(self, jobs: int, state: Any, setup: Callable[[Any], None] | None = None) -> None:
        self.jobs = max(1, jobs)
        self.state = state
        self.setup = setup
        self._executor: ProcessPoolExecutor | None = None

    @staticmethod
    def _context():
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        return multiprocessing.get_context(method)

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=self._context(),
                initializer=_start,
                initargs=(self.state, self.setup),
            )
        return self._executor

    def start(self) -> None:
        """Start the workers now, before the caller grows: a forked worker begins with
        all the memory its parent holds at that moment (no-op with one job)."""
        if self.jobs > 1:
            executor = self._pool()
            for future in [executor.submit(_nothing) for _ in range(self.jobs)]:
                future.result()

    def run(
        self,
        task: Task,
        items: Sequence[T],
        done: Callable[[T, R], None],
        *,
        broken: Callable[[T], R] | None = None,
        batch_size: int | None = None,
        inline_below: int = 0,
    ) -> int:
        """Run ``task`` over ``items`` in batches, calling ``done(item, result)`` as each
        batch finishes. Fewer than ``inline_below`` items run in this process, as
        everything does with one job. ``broken(item)`` stands in for the result of an
        item whose worker died. Returns how many items Ctrl-C left undone (0 when all
        finished).
        """
        if not items:
            return 0
        if self.jobs == 1 or len(items) < inline_below:
            finished = 0
            try:
                for group in batches(items, 1, batch_size or 32):
                    for item, result in zip(group, task(self.state, group), strict=True):
                        done(item, result)
                        finished += 1
            except KeyboardInterrupt:
                return len(items) - finished
            return 0
        groups = batches(items, self.jobs, batch_size)
        executor = self._pool()
        pending: dict[Future, list[T]] = {executor.submit(_run, task, g): g for g in groups}
        finished = 0
        lost: list[T] = []  # items of batches whose worker died, or that died with it

        def collect(futures: set[Future]) -> None:
            nonlocal finished
            for future in futures:
                group = pending.pop(future)
                try:
                    results = future.result()
                except BrokenProcessPool:
                    lost.extend(group)
                    continue
                for item, result in zip(group, results, strict=True):
                    done(item, result)
                    finished += 1

        try:
            while pending:
                completed, _ = wait(pending, return_when=FIRST_COMPLETED)
                collect(completed)
        except KeyboardInterrupt:
            for future in list(pending):  # let the batches in progress finish; drop the rest
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
                self.terminate()
            return len(items) - finished
        # A worker died (killed, out of memory, a crash in a library): every batch not yet
        # done went with it. Try each of their items again, one at a time in a worker of
        # its own, so that only the item that kills its worker fails.
        if lost:
            self.close()
        for item in lost:
            single = ProcessPoolExecutor(
                max_workers=1,
                mp_context=self._context(),
                initializer=_start,
                initargs=(self.state, self.setup),
            )
            try:
                result = single.submit(_run, task, [item]).result()[0]
            except BrokenProcessPool:
                result = _broken(broken, item)
            except KeyboardInterrupt:
                single.shutdown(wait=False, cancel_futures=True)
                break
            finally:
                single.shutdown(wait=True)
            done(item, result)
            finished += 1
        return len(items) - finished

    def terminate(self) -> None:
        """Stop the workers now (a second Ctrl-C)."""
        if self._executor is not None:
            # ProcessPoolExecutor has no public way to stop its workers.
            for process in list(getattr(self._executor, "_processes", {}).values()):
                process.terminate()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _broken(broken: Callable[[T], R] | None, item: T) -> R:
    if broken is None:
        raise BrokenProcessPool("a worker process stopped unexpectedly")
    return broken(item)


def jobs_for(requested: int | None, items: int, per_job: int) -> int:
    """How many processes: as asked (at most one per item), or by default one per core
    with at least ``per_job`` items each."""
    import os

    if requested is not None:
        return max(1, min(requested, items))
    return max(1, min(os.cpu_count() or 1, items // max(1, per_job)))

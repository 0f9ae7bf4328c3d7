"""Check the roles of a large workspace in worker processes, one per core.

Each worker loads a batch of roles and runs the per-role rules on them
(:func:`jdgen.lint.check.check_roles`), then sends back what they found and a
light copy of each role (:func:`jdgen.lint.check.light`) for the workspace-wide
rules, which the parent runs over every role at once. A worker forgets the files
of a batch once it is checked, so memory does not grow with the workspace.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from jdgen.lint.check import Checked, CheckPlan, check_roles, light
from jdgen.load.workspace import Workspace

_worker: dict[str, object] = {}


def _start(workspace: Workspace, plan: CheckPlan) -> None:
    _worker["workspace"], _worker["plan"] = workspace, plan


def _check(paths: list[Path]) -> list[Checked]:
    workspace: Workspace = _worker["workspace"]  # type: ignore[assignment]
    checked = check_roles(workspace, paths, _worker["plan"])  # type: ignore[arg-type]
    for path in paths:  # keep the bases and the company file; let the roles' own go
        workspace.documents.pop(workspace.real(path), None)
    return [light(result) for result in checked]


def check_in_parallel(
    workspace: Workspace, paths: list[Path], plan: CheckPlan, jobs: int
) -> list[Checked]:
    """:func:`check_roles` over ``paths`` in ``jobs`` processes, results in order."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    size = max(1, min(24, len(paths) // (jobs * 8)))  # small enough to finish together
    batches = [paths[i : i + size] for i in range(0, len(paths), size)]
    with ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=_start,
        initargs=(workspace, plan),
    ) as executor:
        return [result for batch in executor.map(_check, batches) for result in batch]

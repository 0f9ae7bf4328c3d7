"""Check the roles of a large workspace in worker processes, one per core.

Each worker loads a batch of roles and runs the per-role rules on them
(:func:`jdgen.lint.engine.check_roles`), then sends back what they found and a
light copy of each role (the fields the workspace-wide rules read, with their
positions: ``WORKSPACE_FIELDS``) for those rules, which the parent runs over every role at once.
A worker forgets the files of a batch once it is checked, so memory does not
grow with the workspace.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from jdgen.lint.engine import Checked, CheckPlan, check_roles
from jdgen.source import Positions
from jdgen.workspace import Workspace

_worker: dict[str, object] = {}


def _start(workspace: Workspace, plan: CheckPlan) -> None:
    _worker["workspace"], _worker["plan"] = workspace, plan


def _check(paths: list[Path]) -> list[Checked]:
    workspace: Workspace = _worker["workspace"]  # type: ignore[assignment]
    checked = check_roles(workspace, paths, _worker["plan"])  # type: ignore[arg-type]
    for path in paths:  # keep the bases and the company file; let the roles' own go
        workspace.documents.pop(workspace.real(path), None)
    return [_light(result) for result in checked]


def _light(result: Checked) -> Checked:
    """The result with only what the workspace-wide rules read of its role.

    Sending whole roles back would cost as much as a quarter of checking them.
    """
    if result.role is None:
        return result
    from jdgen.lint.registry import RULES
    from jdgen.model import Role

    fields = {f for module in RULES.values() for f in getattr(module, "WORKSPACE_FIELDS", ())}
    role = Role.model_construct(**{f: getattr(result.role.role, f) for f in fields})
    values = {p: m for p, m in result.role.positions.values.items() if not p or p[0] in fields}
    keys = {p: m for p, m in result.role.positions.keys.items() if p and p[0] in fields}
    light = replace(result.role, role=role, positions=Positions(values, keys))
    return replace(result, role=light)


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

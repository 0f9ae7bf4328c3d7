"""Reading the build cache file as what it may be: a stranger's.

The output folder can come with the workspace, and the cache decides which files a
build removes, so :func:`read_cache` checks the whole file before a build trusts any
of it: every name relative and inside the output folder, without a NUL, every
signature three integers, every entry of the shape :mod:`jdgen.build.cache` writes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

CACHE_FILE = ".jdgen-cache.json"
CACHE_FORMAT = 1


MAX_CACHE_BYTES = 1 << 30


def read_cache(path: Path) -> dict[str, Any] | None:
    """The cache file's data if it is a cache this jdgen wrote, whole and sound, else
    ``None``: a damaged cache (a NUL in a name, a number where a list should be, a
    name that leaves the output folder) must never stop a build or aim it at a file."""
    from jdgen.load.store import read_bounded

    if os.path.islink(path):
        return None
    try:
        data = json.loads(read_bounded(path, CACHE_FILE, MAX_CACHE_BYTES))
    except (OSError, ValueError, RecursionError):
        return None
    try:
        ok = (
            isinstance(data, dict)
            and data.get("format") == CACHE_FORMAT
            and _strings(data.get("shared"))
            and isinstance(data.get("roles"), dict)
            and all(
                type(k) is str and "\0" not in k and _entry(v) for k, v in data["roles"].items()
            )
            and (data.get("workspace") is None or _workspace_entry(data["workspace"]))
        )
    except (TypeError, ValueError, AttributeError):
        ok = False
    return data if ok else None


def _names(names: Iterable[object]) -> bool:
    """Whether each is a file name the cache may hold: relative, inside its folder, no
    NUL. (Plain loops and string tests: a rebuild checks some twenty names a role, and
    pathlib made that a tenth of a second at a thousand roles.)"""
    for name in names:
        if (
            type(name) is not str
            or not 0 < len(name) <= 4096
            or name[0] == "/"
            or "\0" in name
            or "\\" in name
            or (".." in name and ".." in name.split("/"))
        ):
            return False
    return True


def _signatures(values: Iterable[object], none_ok: bool = False) -> bool:
    """Whether each is ``[size, mtime_ns, inode]`` (or ``None``, if ``none_ok``)."""
    for value in values:
        if value is None and none_ok:
            continue
        if (
            type(value) is not list
            or len(value) != 3
            or type(value[0]) is not int
            or type(value[1]) is not int
            or type(value[2]) is not int
        ):
            return False
    return True


def _strings(value: object) -> bool:
    return isinstance(value, dict) and all(
        type(k) is str and type(v) is str for k, v in value.items()
    )


def _outputs(value: object) -> bool:
    return isinstance(value, dict) and _names(value) and _signatures(value.values())


def _entry(entry: object) -> bool:
    if not isinstance(entry, dict) or not _outputs(entry.get("outputs")):
        return False
    if entry.get("failed") is True:
        return True
    inputs, stats, summary = entry.get("inputs"), entry.get("stats"), entry.get("summary")
    source = entry.get("source")
    return (
        type(source) is str
        and "\0" not in source
        and type(entry.get("key")) is str
        and isinstance(entry.get("today"), str | None)
        and isinstance(inputs, dict)
        and _names(inputs)
        and all(v is None or type(v) is str for v in inputs.values())
        and isinstance(stats, dict)
        and _names(stats)
        and _signatures(stats.values(), none_ok=True)
        and isinstance(summary, dict)
        and type(summary.get("check", "")) is str
    )


def _workspace_entry(entry: object) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("key"), str)
        and _strings(entry.get("roles"))
        and _outputs(entry.get("outputs"))
    )

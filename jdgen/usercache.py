"""jdgen's per-user cache folder: what a run may keep for the next one.

It holds :mod:`jdgen.lint.facts` (what the workspace-wide lint rules need of each
role, so that linting one file does not load every role again). Everything in it
is JSON, made again when missing, stale or unreadable, so deleting the folder is
always safe.

The cache is **off** unless something turns it on: the ``jdgen`` command does, in
:mod:`jdgen.runtime`; a program that imports jdgen gets no files written behind its
back. The folder is ``$JDGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/jdgen``, else
``~/.cache/jdgen``; ``JDGEN_CACHE_DIR=""`` keeps it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from jdgen import __version__

MAX_BYTES = 64 * 1024 * 1024  # a cache file larger than this is not read

_folder: Path | None = None


def enable() -> None:
    """Turn the cache on, in the folder the environment names (see the module docstring)."""
    global _folder
    _folder = cache_dir()


def disable() -> None:
    global _folder
    _folder = None


def cache_dir() -> Path | None:
    chosen = os.environ.get("JDGEN_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "jdgen"


def folder() -> Path | None:
    """The cache folder, or ``None`` when the cache is off."""
    return _folder


def read_json(path: Path) -> Any:
    """A cache file's data, ``None`` if it is missing, too large or not JSON."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return None
        return json.loads(raw)
    except (OSError, ValueError):
        return None


def write_json(path: Path, data: Any) -> None:
    """Write a cache file atomically; a failure (a full disk, no folder) is ignored."""
    with contextlib.suppress(OSError, TypeError, ValueError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            # dumps, not dump: dump encodes in Python, piece by piece, several times slower.
            text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """jdgen's version and the size and time of every one of its modules and data files:
    what a cached result was made by (an edit in a development checkout counts)."""
    h = hashlib.blake2b(__version__.encode(), digest_size=12)
    package = Path(__file__).parent
    for here, folders, names in sorted(os.walk(package)):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".yaml")):
                st = os.stat(os.path.join(here, name))
                h.update(f"{here}/{name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()

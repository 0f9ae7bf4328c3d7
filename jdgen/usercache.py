"""A per-user cache of what jdgen makes from its own data files.

Reading the word lists, the jurisdiction table and the question bank (parsing
their YAML, and checking the last two against the schema) takes about a tenth of
a second, as long as checking a role; a pre-commit hook that lints one file pays
it on every commit. So the result is kept, pickled, in the user's cache folder
(:func:`cache_dir`), keyed by the jdgen version, the size and time of the data
file and of every module of jdgen, and for checked data pydantic's version.
Only files shipped in the package are cached this way, never a workspace's.
Results are pickled: point ``JDGEN_CACHE_DIR`` only at a folder you alone write.

Anything that goes wrong with the cache (no folder, a full disk, a stale or
truncated file) falls back to reading the data again. A result made anew replaces
the one made from the older sources.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from jdgen import __version__

T = TypeVar("T")


def cache_dir() -> Path | None:
    """Where jdgen keeps its cache: ``$JDGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/jdgen``,
    else ``~/.cache/jdgen``; ``JDGEN_CACHE_DIR=""`` turns it off."""
    chosen = os.environ.get("JDGEN_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "jdgen"


def remembered(name: str, sources: Iterable[Path], make: Callable[[], T], *, also: str = "") -> T:
    """``make()``, or what it returned in an earlier run from the same files.

    ``name`` tells the cached results apart; ``sources`` are the data files the
    result is made from. The key also covers every module of jdgen (an edit in a
    development checkout counts) and ``also`` (say, the version of a library that
    shapes the result). An exception from ``make`` is not cached.
    """
    folder = cache_dir()
    if folder is None:
        return make()
    h = hashlib.blake2b(f"{__version__}\0{name}\0{also}\0{_code_stamp()}".encode(), digest_size=12)
    for path in sources:
        st = path.stat()
        h.update(f"\0{path}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    stem = name.replace("/", "-")
    key = folder / f"{stem}-{h.hexdigest()}.pickle"
    try:
        return pickle.loads(key.read_bytes())
    except FileNotFoundError:
        pass
    except Exception:  # a truncated or foreign file: make it again
        with contextlib.suppress(OSError):
            key.unlink()
    result = make()
    with contextlib.suppress(OSError, pickle.PickleError):
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{stem}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temp, key)
        _prune(folder, stem, key)
    return result


def checked_data(name: str, shipped: Path, own: Path, load: Callable[[bool], T]) -> T:
    """Data shipped in the package and checked against the schema: ``load(False)``,
    remembered between runs; or, when the workspace has its own file ``own`` to merge
    over it, ``load(True)``, never cached."""
    if own.is_file():
        return load(True)
    from pydantic.version import VERSION

    return remembered(name, [shipped], lambda: load(False), also=f"pydantic {VERSION}")


STALE_SECONDS = 86400


def _prune(folder: Path, stem: str, keep: Path) -> None:
    """Remove results for ``stem`` made from older files, and temporary files a killed
    run left, once a day old: another install of jdgen may still use a recent one."""
    cutoff = time.time() - STALE_SECONDS
    for path in [*folder.glob(f"{stem}-*.pickle"), *folder.glob(f".{stem}-*.tmp")]:
        with contextlib.suppress(OSError):
            if path != keep and path.stat().st_mtime < cutoff:
                path.unlink()


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """The size and time of every module of jdgen."""
    h = hashlib.blake2b(digest_size=12)
    package = Path(__file__).parent
    for here, folders, names in sorted(os.walk(package)):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                st = os.stat(os.path.join(here, name))
                h.update(f"{here}/{name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()

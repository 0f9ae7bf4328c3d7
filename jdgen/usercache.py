"""A per-user cache of what jdgen makes from its own data files.

Reading the word lists, the jurisdiction table and the question bank (parsing
their YAML, and checking the last two against the schema) takes about a tenth of
a second, as long as checking a role; a pre-commit hook that lints one file pays
it on every commit. So the result is kept, pickled, in the user's cache folder
(:func:`cache_dir`), keyed by the jdgen version and the size and time of every
file it depends on: the data file, and for checked data the schema's modules.
Only files shipped in the package are cached this way, never a workspace's.

Anything that goes wrong with the cache (no folder, a full disk, a stale or
truncated file) falls back to reading the data again. A result made anew replaces
the one made from the older sources.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
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


def remembered(name: str, sources: Iterable[Path], make: Callable[[], T]) -> T:
    """``make()``, or what it returned in an earlier run while ``sources`` were unchanged.

    ``name`` tells the cached results apart; ``sources`` are the files the result
    is made from. An exception from ``make`` is not cached.
    """
    folder = cache_dir()
    if folder is None:
        return make()
    h = hashlib.blake2b(f"{__version__}\0{name}".encode(), digest_size=12)
    for path in sources:
        st = path.stat()
        h.update(f"\0{path}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    stem = name.replace("/", "-")
    key = f"{stem}-{h.hexdigest()}.pickle"
    with contextlib.suppress(OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        return pickle.loads((folder / key).read_bytes())
    result = make()
    with contextlib.suppress(OSError, pickle.PickleError):
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".{key}.{os.getpid()}"
        temp.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temp, folder / key)
        for old in folder.glob(f"{stem}-*.pickle"):  # made from sources since changed
            if old.name != key:
                old.unlink(missing_ok=True)
    return result


def schema_sources() -> list[Path]:
    """The modules that decide what checked data looks like."""
    package = Path(__file__).parent
    return [*sorted((package / "model").glob("*.py")), package / "validation.py"]

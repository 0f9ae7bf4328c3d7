"""Finding role files, and naming translation files.

A workspace's roles are the ``*.yaml`` (or ``*.yml``) files under ``roles/``,
except files and folders whose names start with ``_`` (bases and shared files)
or ``.``, and translations (``<name>.<locale>.yaml``, which stand for the file
they translate). The role id is the file's name without its suffix.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from jdgen.errors import ConfigError

ROLE_SUFFIXES = (".yaml", ".yml")
LOCALE_SUFFIX = re.compile(r"\.([a-z]{2,3}(?:[_-][A-Za-z]{2,4})?)$")
_HIDDEN = ("_", ".")


def split_locale(path: Path) -> tuple[Path, str | None]:
    """``roles/kam.es.yaml`` → ``(roles/kam.yaml, "es")``; an original → ``(path, None)``."""
    match = LOCALE_SUFFIX.search(path.stem)
    if match is None:
        return path, None
    original = path.with_name(path.stem[: match.start()] + path.suffix)
    return original, match.group(1).replace("-", "_")


def translation_path(path: Path, locale: str) -> Path:
    """The translation of ``path`` for ``locale``: ``roles/kam.yaml`` → ``roles/kam.es.yaml``."""
    return path.with_name(f"{path.stem}.{locale}{path.suffix}")


@lru_cache(maxsize=4096)
def locale_of(file: str, default: str) -> str:
    """The locale a file's text is written in: its suffix's, else ``default`` (asked for
    every piece of text of every role: remembered by file)."""
    return split_locale(Path(file))[1] or default


def role_files(roles_dir: Path, paths: list[Path] | None = None) -> list[Path]:
    """Role files under the given files or folders (default ``roles_dir``), sorted.

    A translation given by name stands for the role it translates; a base or shared
    file (``_*.yaml``) given by name is not a role and is left out. A name that does
    not exist is a :class:`ConfigError`.
    """
    found: set[str] = set()
    for target in paths or [roles_dir]:
        if os.path.isdir(target):
            # One spelling per file, so that 'roles' and '/abs/roles/x.yaml' do not count
            # it twice. (Not resolve(): a symbolic link's own name is the role id.)
            found.update(_role_files_in(os.path.abspath(target)))
        elif os.path.lexists(target):
            original, locale = split_locale(target)
            if locale is not None:
                target = original  # a translation stands for the role it translates
            if not target.name.startswith("_") and os.path.lexists(target):
                found.add(os.path.abspath(target))
        else:
            raise ConfigError(f"no such file or folder: {target}")
    return sorted((Path(p) for p in found), key=lambda p: (p.stem, str(p)))


def duplicate_ids(files: list[Path]) -> dict[str, list[Path]]:
    """Role ids used by more than one file, with those files."""
    counts = Counter(p.stem for p in files)
    return {stem: [p for p in files if p.stem == stem] for stem, n in counts.items() if n > 1}


def _role_files_in(folder: str) -> Iterator[str]:
    """The role files in ``folder`` and its subfolders, not translations, skipping
    names that start with ``_`` or ``.``: one walk, where a glob per suffix was twice
    as slow on a thousand roles.

    A linked folder is not followed (a link to a parent would list every role again
    and again), and a folder that cannot be read is an error: its roles would
    otherwise look deleted, and a build removes a deleted role's files.
    """

    def unreadable(error: OSError) -> None:
        raise ConfigError(f"cannot read {error.filename}: {error.strerror}")

    for here, folders, names in os.walk(folder, onerror=unreadable):
        folders[:] = [f for f in folders if not f.startswith(_HIDDEN)]
        for name in names:
            if name.endswith(ROLE_SUFFIXES) and not name.startswith(_HIDDEN):
                stem = name.rsplit(".", 1)[0]
                if LOCALE_SUFFIX.search(stem) is None:  # not a translation
                    yield os.path.join(here, name)

"""The workspace's ``templates/`` folder, looked at as a whole before anything renders.

Templates are read only when a template includes them, but a file no template includes
today may be included tomorrow, so lint and build refuse alike a ``templates/`` holding
a link that leads outside the workspace or to a hidden file of it, or something that is
not a regular file or folder. Hidden plain files (``.DS_Store``, an editor's swap file)
and dangling links (an editor's lock) are left alone: the template loader refuses or
reports them if a template ever includes one.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from jdgen.diagnostics import Problem, error
from jdgen.load.store import DocumentStore, hidden_message, outside

MAX_TEMPLATE_FILES = 10_000  # what template_problems looks at, at most


def template_problems(store: DocumentStore, top: Path) -> list[Problem]:
    """The problems of the template folder ``top``, sorted by path."""
    if not store.exists(top):
        return []
    why = _refusal(store, top, link=True)
    if why is not None:
        return [error("templates", None, None, why, None)]
    problems: list[Problem] = []
    pending, seen, visited = [top], 0, set()
    while pending and seen < MAX_TEMPLATE_FILES:
        folder = pending.pop()
        if store.real(folder) in visited:  # a link back up: seen already
            continue
        visited.add(store.real(folder))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            reason = f"cannot read folder: {exc.strerror}"
            problems.append(error(store.display(folder), None, None, reason, None))
            continue
        for entry in entries:
            seen += 1
            path = Path(entry.path)
            link = entry.is_symlink()
            if entry.name.startswith(".") and not link:
                continue  # .DS_Store, an editor's swap file: hidden files are never read
            why = _refusal(store, path, link)
            if why is None:
                try:
                    mode = os.stat(path).st_mode
                except FileNotFoundError:
                    continue  # a dangling link (an editor's lock file): read only if included
                except OSError as exc:
                    why = f"cannot read file: {exc.strerror or type(exc).__name__}"
                else:
                    if stat.S_ISDIR(mode):
                        pending.append(path)
                    elif not stat.S_ISREG(mode):
                        why = "cannot read file: it is not a regular file"
            if why is not None:
                shown = f"templates/{path.relative_to(top)}"
                problems.append(error(shown, None, None, why, None))
    return sorted(problems, key=lambda p: p.path)


def _refusal(store: DocumentStore, path: Path, link: bool) -> str | None:
    """Why ``path`` may not be read: its real path is outside the workspace, or it is a
    link to a hidden file there."""
    real = store.real(path)
    if not store.inside(path):
        return outside(path, real)
    if link and store.hidden(real):
        return hidden_message(path, real, store.root)
    return None

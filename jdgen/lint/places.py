"""Where problems are shown, and what identifies one across runs.

Problems name files relative to the workspace (``roles/x.yaml``). CI hosts and
editors want other bases: GitHub and GitLab resolve a path from the repository's
root, and a terminal user clicks a path relative to the folder jdgen ran in.
:func:`report_base` picks the base for machine-read formats, :func:`rebase`
rewrites the paths.

:func:`fingerprints` gives each problem an identity that survives edits elsewhere
in its file: a hash of the rule, the file's role id, the YAML key path the problem
is at, and the words it is about, never the line number. Code-scanning services
use it to tell a new alert from one seen before (SARIF ``partialFingerprints``,
GitLab's ``fingerprint``).
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from jdgen.diagnostics import Problem
from jdgen.errors import UnreadableFileError
from jdgen.load.source import Positions, dotted, parse_yaml

if TYPE_CHECKING:
    from jdgen.load.store import DocumentStore

FINGERPRINT = "jdgen/v1"  # the name of jdgen's entry in SARIF partialFingerprints


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` with a ``.git`` entry (a folder, or the
    file a worktree or submodule has), or ``None`` outside any git repository. Links are
    resolved first: the host knows files by their place in the repository."""
    here = Path(os.path.realpath(start))
    for folder in (here, *here.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


UNNAMED = ("?", "<stdin>", "<text>")  # problems in no file: unknown, standard input, a string


def report_base(workspace_root: Path, cwd: Path | None = None) -> Path:
    """The folder paths in machine-read output are relative to: the repository's root
    when the workspace is in a git repository, else the current folder."""
    return repository_root(workspace_root) or Path(os.path.realpath(cwd or Path.cwd()))


def relative(display: str, workspace_root: Path, base: Path) -> str:
    """A workspace-relative name (as problems carry it) relative to ``base`` instead,
    with forward slashes. ``?`` (no file), ``<stdin>`` and ``<text>`` stay as they are."""
    if display in UNNAMED:
        return display
    full = os.path.normpath(os.path.join(os.path.realpath(workspace_root), display))
    return Path(os.path.relpath(full, os.path.realpath(base))).as_posix()


def rebase(problems: list[Problem], workspace_root: Path, base: Path) -> list[Problem]:
    """``problems`` with their paths relative to ``base``."""
    if os.path.realpath(base) == os.path.realpath(workspace_root):
        return problems
    names: dict[str, str] = {}
    out = []
    for p in problems:
        if p.path not in names:
            names[p.path] = relative(p.path, workspace_root, base)
        out.append(replace(p, path=names[p.path]))
    return out


def anchors(problems: list[Problem], store: DocumentStore) -> list[tuple[str, str]]:
    """For each problem (workspace-relative paths), the YAML key path it is at and the
    words it is about: what its fingerprint hashes besides the rule and the file."""
    files: dict[str, _File] = {}
    out = []
    for p in problems:
        file = files.get(p.path)
        if file is None:
            file = files[p.path] = _File(p.path, store)
        out.append(file.anchor(p))
    return out


def fingerprints(problems: list[Problem], found: list[tuple[str, str]]) -> list[str]:
    """A stable identity for each problem, from its rule, its file (as the report names
    it: the role id and where the file is), and its anchor (:func:`anchors`), never its
    line. Two problems alike in all of these (the same vague word twice in one duty) are
    told apart by their order in the report."""
    seen: dict[str, int] = {}
    out = []
    for p, (key, words) in zip(problems, found, strict=True):
        role = Path(p.path).name.split(".", 1)[0] if p.path != "?" else ""
        identity = "\0".join((p.rule or "", role, p.path, key, words))
        nth = seen.get(identity, 0)
        seen[identity] = nth + 1
        out.append(hashlib.sha256(f"{identity}\0{nth}".encode()).hexdigest()[:32])
    return out


class _File:
    """One file's text and the places of its values, read once for all its problems."""

    def __init__(self, display: str, store: DocumentStore) -> None:
        # The document as lint read it, when the store still holds it (else read again).
        doc = store.get(store.root / display) if display != "?" else None
        self.positions = doc.positions if doc is not None else None
        if doc is not None:
            self.text = doc.text
        else:
            self.text = store.text_or_read(display) if display != "?" else ""
        self.starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        self.spans: list[tuple[int, int, str]] | None = None
        self.display = display

    def offset(self, line: int, column: int | None) -> int | None:
        if not 1 <= line <= len(self.starts):
            return None
        return self.starts[line - 1] + max((column or 1) - 1, 0)

    def anchor(self, problem: Problem) -> tuple[str, str]:
        """The YAML key path the problem is at (``duties[2]``; ``""`` when none) and
        the text it is about (the problem's region, or its message where the region
        is unknown)."""
        start = self.offset(problem.line, problem.column)
        # A message may name a line ("first defined on line 5"): not its identity.
        message = re.sub(r"\d+", "#", problem.message)
        if start is None:
            return "", message
        end = None
        if problem.end_line is not None:
            end = self.offset(problem.end_line, problem.end_column)
        words = self.text[start:end] if end is not None and end > start else message
        return self._key_at(start), " ".join(words.split())

    def _key_at(self, offset: int) -> str:
        """The innermost value or key whose text holds ``offset``."""
        if self.spans is None:
            self.spans = []
            positions = self.positions
            if positions is None:
                try:
                    _, positions = parse_yaml(self.text, self.display)
                except UnreadableFileError:
                    positions = Positions()
            for kind, marks in (("", positions.values), (":", positions.keys)):
                for path, mark in marks.items():
                    if path and mark.end > mark.start:
                        self.spans.append((mark.start, mark.end, dotted(path) + kind))
            self.spans.sort()
        best = ""
        best_size = None
        # Spans starting after the offset cannot hold it.
        for first, last, name in self.spans[: bisect.bisect_right(self.spans, (offset, 1 << 62))]:
            if first <= offset <= last and (best_size is None or last - first < best_size):
                best, best_size = name, last - first
        return best

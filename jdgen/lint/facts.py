"""What the workspace-wide rules know of a role: :class:`RoleFacts`, and where they are kept.

Two rules compare roles with each other (``salary-band``'s ladder and
``title-level``'s bands). They need only a few fields of each role: its title, level
and salary band, with where those are written. Linting one file must not load every
other role to learn them, so they are kept between runs in :class:`FactsCache`, by
the content of the files each role was read from: a role whose files are unchanged
keeps its facts; one whose files changed is loaded again.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdgen import usercache
from jdgen.load.source import Mark

if TYPE_CHECKING:
    from jdgen.load.store import DocumentStore
    from jdgen.load.workspace import LoadedRole

FORMAT = 3


@dataclass(frozen=True)
class Band:
    """A salary band as written (either end may be missing)."""

    min: float | None
    max: float | None
    currency: str | None
    period: str


@dataclass(frozen=True)
class RoleFacts:
    """A role as the workspace-wide rules see it."""

    role_id: str
    display: str
    title: str
    level: str
    language: str  # the title's
    band: Band | None
    marks: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    inputs: tuple[str, ...] = ()  # the files it was read from, as shown

    def mark(self, name: str) -> Mark | None:
        """``title``, ``salary`` (its key), ``salary.min``, ``salary.max``, or ``""``: the
        top of the role's file."""
        found = self.marks.get(name)
        return Mark(*found) if found else None

    def to_data(self) -> list:
        band = self.band
        return [
            self.role_id,
            self.display,
            self.title,
            self.level,
            self.language,
            [band.min, band.max, band.currency, band.period] if band else None,
            {k: list(v) for k, v in self.marks.items()},
            list(self.inputs),
        ]

    @classmethod
    def from_data(cls, data: list) -> RoleFacts:
        role_id, display, title, level, language, band, marks, inputs = data
        return cls(
            role_id,
            display,
            title,
            level,
            language,
            Band(*band) if band else None,
            {k: tuple(v) for k, v in marks.items()},
            tuple(inputs),
        )


def facts_of(loaded: LoadedRole, store: DocumentStore, default_locale: str) -> RoleFacts:
    """The facts of a role as written (not a translation)."""
    from jdgen.load.discover import locale_of

    role = loaded.role
    salary = role.salary
    band = Band(salary.min, salary.max, salary.currency, salary.period) if salary else None
    found = {
        "title": loaded.mark("title"),
        "salary": loaded.positions.key_of(("salary",)),
        "salary.min": loaded.positions.values.get(("salary", "min")),
        "salary.max": loaded.positions.values.get(("salary", "max")),
        "": loaded.mark(),
    }
    marks = {k: (m.file, m.line, m.column) for k, m in found.items() if m is not None}
    title = found["title"]
    language = locale_of(title.file if title else loaded.display, default_locale).split("_")[0]
    inputs = tuple(store.display(f) for f in loaded.files)
    return RoleFacts(
        loaded.id, loaded.display, role.title, role.level, language, band, marks, inputs
    )


class FactsCache:
    """Role facts kept between runs, in the per-user cache (:mod:`jdgen.usercache`).

    One file per workspace. An entry holds the facts and, for each file the role was
    read from, the file's digest and its size and times: a file whose size and times
    are unchanged is taken as unchanged; otherwise its digest decides. Off (it keeps
    nothing) when the per-user cache is off.
    """

    def __init__(
        self, store: DocumentStore, default_locale: str, shared: tuple[str, ...] = ()
    ) -> None:
        self.store = store
        # Files every role's facts depend on, whether or not the role read them: the
        # company file (its defaults) and the pay-transparency table's correction (an
        # unknown jurisdiction stops a role from loading). A missing one is recorded as
        # missing, so that adding it later counts as a change.
        self.shared = shared
        self._root = str(store.root) + os.sep
        folder = usercache.folder()
        key = hashlib.blake2b(str(store.root).encode(), digest_size=10).hexdigest()
        self.path = folder / "facts" / f"{key}.json" if folder is not None else None
        self.stamp = f"{usercache.code_stamp()}:{default_locale}"
        self.entries: dict[str, Any] = {}
        self.dirty = False
        self._checked: dict[str, bool] = {}
        if self.path is not None:
            data = usercache.read_json(self.path)
            if (
                isinstance(data, dict)
                and data.get("format") == FORMAT
                and data.get("stamp") == self.stamp
                and isinstance(data.get("roles"), dict)
            ):
                self.entries = data["roles"]

    def key(self, path: Path) -> str:
        """A role file's name in the cache: its path inside the workspace, as written
        (string slicing: resolving a thousand paths costs more than the lint of one)."""
        text = str(path)
        root = self._root
        return text[len(root) :] if text.startswith(root) else text

    def get(self, path: Path) -> RoleFacts | None:
        """The facts of the role file at ``path``, if the files it was read from are
        unchanged."""
        entry = self.entries.get(self.key(path))
        try:
            facts, files = entry
            if not set(self.shared) <= set(files):
                return None
            if not all(self._unchanged(name, recorded) for name, recorded in files.items()):
                return None
            return RoleFacts.from_data(facts)
        except (TypeError, ValueError, KeyError, AttributeError):
            return None

    def put(self, path: Path, facts: RoleFacts) -> None:
        """Keep the facts of the role file at ``path``."""
        if self.path is None:
            return
        data = facts.to_data()
        entry = self.entries.get(self.key(path))
        if (
            isinstance(entry, list)
            and len(entry) == 2
            and entry[0] == data
            and set(entry[1]) == set(dict.fromkeys((*facts.inputs, *self.shared)))
            and all(self._unchanged(name, recorded) for name, recorded in entry[1].items())
        ):
            return  # as kept already: nothing to write
        files: dict[str, list | None] = {}
        for name in dict.fromkeys((*facts.inputs, *self.shared)):
            now = self._now(name)
            if now is None and self.store.exists(self.store.root / name):
                return  # there, but unreadable now: keep nothing
            files[name] = now
        self.entries[self.key(path)] = [data, files]
        self.dirty = True

    def save(self) -> None:
        if self.path is not None and self.dirty:
            usercache.write_json(
                self.path, {"format": FORMAT, "stamp": self.stamp, "roles": self.entries}
            )
            self.dirty = False

    def _unchanged(self, name: str, recorded: list | None) -> bool:
        """Whether a file is as recorded: the same size and times, else the same digest;
        or, recorded as missing, still missing."""
        if recorded is None:
            return not self.store.exists(self.store.root / name)
        if name not in self._checked:
            signature = _signature(self.store.root / name)
            if signature is not None and signature == recorded[:3]:
                self._checked[name] = True
            else:
                now = self._now(name)
                self._checked[name] = now is not None and now[3] == recorded[3]
        return self._checked[name]

    def _now(self, name: str) -> list | None:
        """``[size, mtime_ns, ctime_ns, digest]`` of a workspace file now."""
        path = self.store.root / name
        signature = _signature(path)
        text = self.store.text(name)
        if text is None:
            try:
                text = self.store.read_text(path)
            except Exception:  # gone, or no longer readable: no facts from it
                return None
        if signature is None:
            return None
        return [*signature, hashlib.blake2b(text.encode(), digest_size=12).hexdigest()]


def _signature(path: Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns]

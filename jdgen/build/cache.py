"""The build cache: which outputs are up to date, so that a rebuild skips them.

The cache is one JSON file in the output folder, ``.jdgen-cache.json``. For each
role it records what the role was built from and what it wrote:

- ``key``: a digest of everything every role shares (the jdgen version, the build
  options, the templates, the question bank and the config), see :func:`shared_inputs`;
- ``inputs``: a digest of each file the role was read from: the role file, its
  ``extends`` chain and the company file, and their translations (a translation
  that does not exist is recorded as missing, so that adding one rebuilds the role);
- ``outputs``: each file written, with its size, modification time and inode.

A role is skipped only when all three still hold. Outputs are checked on disk
every time, so the cache never claims a file that is missing or was changed or
replaced since. A role that fails is forgotten, so it is tried again next time.

Nothing here imports pydantic, Jinja2 or WeasyPrint: a rebuild with nothing to do
needs only to hash some files and look at some others.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdgen import __version__
from jdgen.build.cachefile import CACHE_FILE, CACHE_FORMAT, read_cache
from jdgen.build.output import OutputDir
from jdgen.diagnostics import Level, Problem
from jdgen.errors import ConfigError
from jdgen.lint.facts import RoleFacts

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from jdgen.build.options import BuildOptions
    from jdgen.load.workspace import Workspace

BOM = b"\xef\xbb\xbf"

Signature = list[int]  # [size, mtime_ns, inode]


def text_digest(text: str) -> str:
    """The digest of a file's text, as :func:`file_digest` computes it from its bytes."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def file_digest(path: Path | str) -> str | None:
    """A digest of the file's content (a UTF-8 byte order mark aside), ``None`` if it is
    unreadable, not a regular file, or larger than jdgen would read."""
    from jdgen.load.source import MAX_FILE_BYTES
    from jdgen.load.store import read_bounded

    try:
        raw = read_bounded(path, str(path), MAX_FILE_BYTES)
    except (OSError, ValueError):
        return None
    return hashlib.blake2b(raw.removeprefix(BOM), digest_size=16).hexdigest()


def signature(path: Path | str) -> Signature | None:
    """What identifies one version of an output file on disk, ``None`` if it is not there."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _tree_digest(folders: list[Path]) -> str:
    """A digest of every file under ``folders``: names and contents, in order."""
    h = hashlib.blake2b(digest_size=16)
    for folder in folders:
        if not folder.is_dir():
            continue
        h.update(f"\0{folder}\0".encode())
        for path in sorted(_files_under(folder)):
            h.update(f"{path.relative_to(folder)}\0{file_digest(path)}\0".encode())
    return h.hexdigest()


def _files_under(folder: Path) -> Iterator[Path]:
    """Every file under ``folder``, through linked folders too (a template may include
    ``shared/x.txt`` through one), each real folder once."""
    seen: set[str] = set()
    for here, dirs, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(here)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        for name in names:
            path = Path(here, name)
            if path.is_file():
                yield path


def _package_digest() -> str:
    """The jdgen version, and the size and age of its files: its modules, and the word
    lists and other data its lint rules read (a development checkout changes)."""
    root = Path(str(files("jdgen")))
    h = hashlib.blake2b(__version__.encode(), digest_size=16)
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"):
        st = path.stat()
        h.update(f"{path.relative_to(root)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


def shared_inputs(
    root: Path,
    template_folders: list[Path],
    bank_files: list[Path],
    options: dict[str, Any],
) -> dict[str, str]:
    """A digest of each input every role shares, by name (for messages)."""
    config = root / ".jdgen.yaml"
    if config.is_file():
        config_digest = file_digest(config)
    else:
        config_digest = _pyproject_section(root / "pyproject.toml")
    bank = hashlib.blake2b(digest_size=16)
    for path in bank_files:
        bank.update(f"{path}\0{file_digest(path)}\0".encode())
    return {
        "jdgen": _package_digest(),
        "options": json.dumps(options, sort_keys=True),
        "templates": _tree_digest(template_folders),
        "question bank": bank.hexdigest(),
        "config": str(config_digest),
    }


def _pyproject_section(path: Path) -> str | None:
    """A digest of ``[tool.jdgen]`` alone: the rest of pyproject.toml does not matter."""
    if not path.is_file():
        return None
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
        return file_digest(path)
    section = data.get("tool", {}).get("jdgen")
    return None if section is None else text_digest(json.dumps(section, sort_keys=True))


def combined(shared: dict[str, str]) -> str:
    """One key for all the shared inputs."""
    return text_digest(json.dumps(shared, sort_keys=True))


@dataclass
class BuildCache:
    """The cache file of one output folder, read at the start of a build, saved as it goes."""

    out: OutputDir
    root: Path
    shared: dict[str, str]
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    workspace: dict[str, Any] | None = None
    previous_shared: dict[str, str] = field(default_factory=dict)
    dirty: bool = False
    damaged: str | None = None  # why a cache file there was not used, if it was not
    _digests: dict[str, str | None] = field(default_factory=dict, repr=False)
    _stats: dict[str, list[int] | None] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, out: OutputDir, root: Path, shared: dict[str, str]) -> BuildCache:
        """The cache in ``out``; empty when there is none or it cannot be read."""
        cache = cls(out, root, shared)
        path = out.root / CACHE_FILE
        if not os.path.lexists(path):
            return cache
        data = read_cache(path)
        if data is None:
            cache.damaged = (
                f"{out.root / CACHE_FILE} is damaged or not jdgen's: it was ignored, and "
                "this build replaces it (every role is built again)"
            )
            cache.dirty = True  # replaced by this build's
            return cache
        cache.entries = data["roles"]
        cache.workspace = data["workspace"]
        cache.previous_shared = data["shared"]
        return cache

    @cached_property
    def key(self) -> str:
        return combined(self.shared)

    # -- checking --------------------------------------------------------

    def digest(self, name: str) -> str | None:
        """The digest of an input file (by its name in the cache), computed once per build."""
        if name not in self._digests:
            self._digests[name] = file_digest(os.path.join(self.root, name))
        return self._digests[name]

    def stat(self, name: str) -> list[int] | None:
        """``[size, mtime_ns, ctime_ns]`` of an input file now, once per build."""
        if name not in self._stats:
            try:
                st = os.stat(os.path.join(self.root, name))
                self._stats[name] = [st.st_size, st.st_mtime_ns, st.st_ctime_ns]
            except (OSError, ValueError):
                self._stats[name] = None
        return self._stats[name]

    def stale(self, role_id: str, source: str, today: str, draft: bool = False) -> str | None:
        """Why role ``role_id`` (read from ``source``) must be built, or ``None`` if it is
        fresh. A role built as a draft is built again by a build that is not one."""
        entry = self.entries.get(role_id)
        if not isinstance(entry, dict) or entry.get("source") != source:
            return "new"
        try:
            if not draft and entry["summary"].get("draft"):
                return "it was built as a draft"
            if entry["key"] != self.key:
                return self._shared_change()
            if entry["today"] not in (None, today):
                return "its posting date is the day of the build"
            stats = entry.get("stats") or {}
            for name, digest in entry["inputs"].items():
                # The same size and times as when it was read: the same file, unread.
                if stats.get(name) is not None and stats[name] == self.stat(name):
                    continue
                if self.digest(name) != digest:
                    return f"{name} changed"
            return self._outputs_change(entry["outputs"])
        except (KeyError, TypeError, AttributeError):
            return "new"

    def _shared_change(self) -> str:
        changed = [k for k, v in self.shared.items() if self.previous_shared.get(k) != v]
        return f"{' and '.join(changed) or 'the build inputs'} changed"

    def _outputs_change(self, outputs: dict[str, Signature]) -> str | None:
        root = str(self.out.root)
        for name, recorded in outputs.items():
            now = signature(os.path.join(root, name))
            if now is None:
                return f"{name} is missing"
            if now != recorded:
                return f"{name} was changed on disk"
        return None

    # -- recording -------------------------------------------------------

    def record(
        self,
        role_id: str,
        source: str,
        inputs: dict[str, str],
        written: list[Path],
        today: str | None,
        summary: dict[str, Any],
    ) -> None:
        """Remember a role that was just built."""
        outputs = {}
        for path in written:
            sig = signature(path)
            if sig is None:  # gone already: claim nothing, build it again next time
                self.forget(role_id)
                return
            outputs[self.out.name(path)] = sig
        self.entries[role_id] = {
            "source": source,
            "key": self.key,
            "inputs": inputs,
            # Each input's size and times: a file whose are unchanged is not read again to
            # tell (its digest decides when they moved).
            "stats": {name: self.stat(name) for name, digest in inputs.items() if digest},
            "today": today,
            "outputs": outputs,
            "summary": summary,
        }
        self.dirty = True

    def retire(self, role_id: str, keep: Iterable[str] = ()) -> tuple[list[str], list[str]]:
        """Delete the files recorded for ``role_id`` that are not in ``keep``: those a
        build no longer makes. Return the names removed, and those kept because they
        changed on disk since jdgen wrote them (someone else's now).

        Only a file exactly as recorded (size, time and inode, as :func:`signature`
        sees it, without following links) is deleted, so nothing jdgen did not write
        is touched; a folder left empty goes too.
        """
        entry = self.entries.get(role_id)
        outputs = entry.get("outputs") if isinstance(entry, dict) else None
        return self._retire(outputs, keep)

    def retire_workspace(self, keep: Iterable[str]) -> tuple[list[str], list[str]]:
        """:meth:`retire` for the workspace documents (``review.pdf`` after PDFs are dropped)."""
        outputs = self.workspace.get("outputs") if isinstance(self.workspace, dict) else None
        return self._retire(outputs, keep)

    def _retire(self, outputs: object, keep: Iterable[str]) -> tuple[list[str], list[str]]:
        if not isinstance(outputs, dict):
            return [], []
        removed, kept = [], []
        for name in sorted(set(outputs) - set(keep)):
            try:
                target = self.out.path(*Path(name).parts)
            except ConfigError:
                continue  # not a name this cache would write: leave it
            now = signature(target)
            if now is None or self.out.through_link(target):
                continue  # gone already, or reached through a link: not ours to delete
            if now != outputs[name]:
                kept.append(name)
                continue
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
            removed.append(name)
            self._remove_empty_folders(target.parent)
        return removed, kept

    def _remove_empty_folders(self, folder: Path) -> None:
        while folder != self.out.root and folder.is_relative_to(self.out.root):
            try:
                folder.rmdir()
            except OSError:  # not empty (or not ours to remove)
                return
            folder = folder.parent

    def fail(self, role_id: str, written: Iterable[Path] = ()) -> None:
        """A role that failed: build it next time, but remember the files it wrote
        before (they are still there), and those it wrote now before it failed, so
        that they are removed if the role goes."""
        entry = self.entries.get(role_id)
        outputs = entry.get("outputs") if isinstance(entry, dict) else None
        outputs = dict(outputs) if isinstance(outputs, dict) else {}
        for path in written:
            sig = signature(path)
            if sig is not None:
                outputs[self.out.name(path)] = sig
        if outputs:
            self.entries[role_id] = {"failed": True, "outputs": outputs}
            self.dirty = True
        else:
            self.forget(role_id)

    def update_shared(self, role_id: str, shared: list[Problem]) -> None:
        """Keep what the workspace-wide rules now find in a role that was not rebuilt."""
        try:
            summary = self.entries[role_id]["summary"]
            check = json.loads(summary["check"])
        except (KeyError, TypeError, ValueError):
            return
        rows = problems_to_data(shared)
        if check.get("shared") != rows:
            check["shared"] = rows
            summary["check"] = json.dumps(check, separators=(",", ":"), ensure_ascii=False)
            self.dirty = True

    def forget(self, role_id: str) -> None:
        """Drop a role: its file is gone."""
        if self.entries.pop(role_id, None) is not None:
            self.dirty = True

    def record_workspace(
        self, roles: dict[str, str], written: list[Path], carry: bool = False
    ) -> None:
        """Remember the workspace documents, built from ``roles`` (id: entry digest).
        ``carry``: keep claiming the files recorded before that were not written now
        (a document that failed left its earlier file), with their recorded signature."""
        outputs = {}
        previous = self.workspace.get("outputs") if isinstance(self.workspace, dict) else None
        if carry and isinstance(previous, dict):
            outputs.update(previous)
        outputs.update({str(p.relative_to(self.out.root)): signature(p) for p in written})
        self.workspace = {"key": self.key, "roles": roles, "outputs": outputs}
        self.dirty = True

    def workspace_stale(self, roles: dict[str, str]) -> str | None:
        """Why the workspace documents must be built, or ``None`` if they are fresh."""
        entry = self.workspace
        if not entry or entry.get("key") != self.key:
            return "new"
        if entry.get("roles") != roles:
            return "roles changed"
        outputs = entry.get("outputs")
        return self._outputs_change(outputs) if isinstance(outputs, dict) else "new"

    def workspace_outputs_fresh(self) -> bool:
        """Whether the workspace documents were written by a build like this one (the
        same shared inputs) and their files are as it left them."""
        entry = self.workspace
        if not entry or entry.get("key") != self.key:
            return False
        outputs = entry.get("outputs")
        return isinstance(outputs, dict) and self._outputs_change(outputs) is None

    def entry_digest(self, role_id: str) -> str:
        """A digest of what the cache knows of one role, for the workspace documents."""
        return text_digest(json.dumps(self.entries.get(role_id), sort_keys=True))

    def save(self) -> None:
        """Write the cache file (atomically) if anything changed."""
        if not self.dirty:
            return
        data = {
            "format": CACHE_FORMAT,
            "shared": self.shared,
            "roles": self.entries,
            "workspace": self.workspace,
        }
        self.out.write(self.out.path(CACHE_FILE), _json_chunks(data))
        self.dirty = False


def _json_chunks(data: dict[str, Any]) -> Iterator[str]:
    """``json.dumps(data)``, compact with sorted keys, a role at a time.

    A build saves its cache every few seconds; at 5,000 roles, the whole file as one
    string (and again as bytes) put 20 MB on the build's peak memory each time.
    """
    dump = functools.partial(json.dumps, separators=(",", ":"), sort_keys=True)
    yield "{"
    for i, key in enumerate(sorted(data)):
        yield ("," if i else "") + dump(key) + ":"
        value = data[key]
        if key == "roles" and isinstance(value, dict):
            yield "{"
            for j, role_id in enumerate(sorted(value)):
                yield ("," if j else "") + dump(role_id) + ":" + dump(value[role_id])
            yield "}"
        else:
            yield dump(value)
    yield "}"


def build_inputs(workspace: Workspace, options: BuildOptions) -> dict[str, str]:
    """What every role of a build shares: templates, question bank, config, options."""
    package = Path(str(files("jdgen")))
    folders = [workspace.templates_dir, package / "templates"]
    bank = [
        package / "data" / "question_bank.yaml",
        workspace.roles_dir / "_questions.yaml",
        workspace.roles_dir / "_jurisdictions.yaml",  # the review pack shows lint results
    ]
    settings: dict[str, Any] = {
        "formats": sorted(options.formats),
        "page_size": options.page_size,
        "locales": list(options.locales),
        "default_locale": options.default_locale,
    }
    if "pdf" in options.formats:
        from importlib.metadata import PackageNotFoundError, version

        try:
            settings["weasyprint"] = version("weasyprint")
        except PackageNotFoundError:
            settings["weasyprint"] = None
    return shared_inputs(workspace.root, folders, bank, settings)


def role_inputs(
    workspace: Workspace, files: tuple[Path, ...], candidates: Iterable[Path] = ()
) -> dict[str, str | None]:
    """The digest of each file the role was read from, as read, and of each translation
    it could gain (``candidates``): a missing one is recorded as missing (``None``), so
    that adding it later rebuilds the role."""
    digests: dict[str, str | None] = {}
    for path in dict.fromkeys((*files, *candidates)):
        doc = workspace.store.get(path)
        name = workspace.display(path)
        digests[name] = text_digest(doc.text) if doc is not None else file_digest(path)
    return digests


def problems_to_data(problems: list[Problem]) -> list[list]:
    """Warnings and errors as JSON rows (notes are not kept)."""
    return [
        [p.path, p.line, p.column, p.rule, int(p.level), p.message, p.suggestion]
        + ([p.end_line, p.end_column] if p.end_line is not None else [])
        for p in problems
        if p.level >= Level.WARNING
    ]


def problems_from_data(rows: Any) -> list[Problem]:
    return [
        Problem(path, line, column, rule, Level(level), message, suggestion, *end)
        for path, line, column, rule, level, message, suggestion, *end in rows
    ]


def check_to_data(
    problems: list[Problem],
    shared: list[Problem],
    facts: RoleFacts | None,
    locales: dict[str, str],
    draft: int,
) -> str:
    """What a build keeps of a role's check: its warnings and errors (those of the role's
    own check, and those the workspace-wide rules found), its facts, how it is published
    in each locale, and whether it was built as a draft."""
    keys = {p.key() for p in shared}
    # One compact string, not lists and dicts: a build holds every role's record until
    # it saves its cache, and at 5,000 roles the difference is tens of megabytes.
    return json.dumps(
        {
            "problems": problems_to_data([p for p in problems if p.key() not in keys]),
            "shared": problems_to_data(shared),
            "facts": facts.to_data() if facts is not None else None,
            "locales": locales,
            "draft": draft,
        },
        separators=(",", ":"),
        ensure_ascii=False,
    )


def check_from_data(
    data: Any,
) -> tuple[list[Problem], list[Problem], RoleFacts | None, dict[str, str], int]:
    """What :func:`check_to_data` kept (nothing, from a cache that is not jdgen's)."""
    try:
        data = json.loads(data)
        own = problems_from_data(data["problems"])
        shared = problems_from_data(data["shared"])
        facts = RoleFacts.from_data(data["facts"]) if data["facts"] is not None else None
        locales = {str(k): str(v) for k, v in data["locales"].items()}
        return own, shared, facts, locales, int(data["draft"])
    except (TypeError, ValueError, KeyError, AttributeError):
        return [], [], None, {}, 0

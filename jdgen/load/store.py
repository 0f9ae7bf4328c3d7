"""The document store: every workspace file a run reads, read safely and parsed once.

There is one key rule: a file is known by its **real path** (links resolved). A role
reached as ``roles/x.yaml`` and as ``/abs/ws/roles/x.yaml``, or through a linked
folder, is the same document, read once. Every other module asks the store, never
the file system, for a workspace file's text or data.

Files come from strangers (a pull request can add any of them), so a file is read
only when its real path is inside the workspace, only when it is a regular file
(not a device, a pipe or a folder), and never past :data:`MAX_FILE_BYTES`: a link
to ``/dev/zero`` or to a file outside the workspace is refused before a byte is read.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from jdgen.errors import UnreadableFileError
from jdgen.load.source import MAX_FILE_BYTES, YamlDocument, decode_text, parse_document

MAX_REMEMBERED = 4096  # paths whose real path and name the store remembers


class DocumentStore:
    """The files of one workspace, by real path."""

    def __init__(self, root: Path) -> None:
        self.root = _resolve(root.absolute())
        self._prefix = str(self.root).rstrip(os.sep) + os.sep
        self._docs: dict[Path, YamlDocument] = {}
        self._real: dict[Path, Path] = {}
        self._shown: dict[Path, str] = {}
        self._by_display: dict[str, Path] = {}

    # -- paths -----------------------------------------------------------------

    def real(self, path: Path) -> Path:
        """``path`` with every link resolved (once per path: it costs a system call per
        folder). A path the system cannot resolve (a name too long, a link loop) is
        returned as it is, and reading it then fails with a message."""
        real = self._real.get(path)
        if real is None:
            parent = path.parent
            if path.is_absolute() and parent != path and path.name not in ("", ".", ".."):
                try:
                    is_link = os.path.islink(path)
                except (OSError, ValueError):
                    is_link = False
                real = _resolve(path) if is_link else _child(self.real(parent), path.name)
            else:
                real = _resolve(path.absolute())
            if len(self._real) >= MAX_REMEMBERED:
                self._real.clear()  # a worker that builds thousands of roles stays small
            self._real[path] = real
        return real

    def inside(self, path: Path) -> bool:
        """Whether ``path``'s real path is inside the workspace."""
        return self.real(path).is_relative_to(self.root)

    def display(self, path: Path) -> str:
        """How a workspace file is named in messages: its real path relative to the
        workspace; a link that leads outside it, by its own name."""
        shown = self._shown.get(path)
        if shown is None:
            real = str(self.real(path))
            if real.startswith(self._prefix):  # the usual case, without pathlib's parsing
                shown = real[len(self._prefix) :]
            elif real == str(self.root):
                shown = "."
            else:
                try:
                    shown = str(Path(os.path.abspath(path)).relative_to(self.root))
                except ValueError:
                    shown = str(path)
            if len(self._shown) >= MAX_REMEMBERED:
                self._shown.clear()
            self._shown[path] = shown
        return shown

    def hidden(self, real: Path) -> bool:
        """Whether ``real`` (a real path inside the workspace) is a hidden file or lies in
        a hidden folder (``.git/config``, ``.env``), the config file aside."""
        return is_hidden(real, self.root)

    def is_file(self, path: Path) -> bool:
        """Whether ``path`` is a regular file inside the workspace (never raises)."""
        if not self.inside(path):
            return False
        try:
            return stat.S_ISREG(os.stat(self.real(path)).st_mode)
        except (OSError, ValueError):
            return False

    def exists(self, path: Path) -> bool:
        """Whether anything is at ``path`` (a file, or a link, even a broken one)."""
        try:
            return os.path.lexists(path)
        except (OSError, ValueError):
            return False

    # -- reading ---------------------------------------------------------------

    def read(self, path: Path, *, empty_ok: bool = False) -> YamlDocument:
        """The parsed document at ``path``; :class:`UnreadableFileError` when it cannot be
        read safely or is not valid YAML (or is empty, unless ``empty_ok``)."""
        real = self.real(path)
        doc = self._docs.get(real)
        if doc is None:
            display = self.display(path)
            doc = parse_document(real, display, self.read_text(path, empty_ok=empty_ok))
            self._docs[real] = doc
            self._by_display[display] = real
        return doc

    def read_text(self, path: Path, *, empty_ok: bool = False) -> str:
        """The text of a workspace file, with the checks the module docstring lists."""
        display = self.display(path)
        real = self.real(path)
        if not real.is_relative_to(self.root):
            raise UnreadableFileError.at(display, 1, 1, outside(path, real))
        if self.hidden(real):  # named as the user named it, not by the hidden file's name
            with contextlib.suppress(ValueError):
                display = str(Path(os.path.abspath(path)).relative_to(self.root))
            raise UnreadableFileError.at(display, 1, 1, hidden_message(path, real, self.root))
        try:
            raw = read_bounded(real, display, MAX_FILE_BYTES)
        except FileNotFoundError:
            raise UnreadableFileError.at(display, 1, 1, "no such file") from None
        except TooLarge as exc:
            raise UnreadableFileError.at(display, 1, 1, exc.strerror) from None
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise UnreadableFileError.at(display, 1, 1, f"cannot read file: {reason}") from None
        except ValueError as exc:  # a NUL in the name
            raise UnreadableFileError.at(display, 1, 1, f"cannot read file: {exc}") from None
        return decode_text(raw, display, empty_ok=empty_ok)

    def add(self, doc: YamlDocument) -> None:
        """Hold a document that is not read from the workspace (a posting lint reads as a
        role), under its own name, so that rules place findings in its text."""
        self._docs[self.real(doc.path)] = doc
        self._by_display[doc.display] = self.real(doc.path)

    def get(self, path: Path) -> YamlDocument | None:
        """The document at ``path`` if it was read already."""
        return self._docs.get(self.real(path))

    def text(self, display: str) -> str | None:
        """The text of a document read already, by the name messages use."""
        real = self._by_display.get(display)
        doc = self._docs.get(real) if real is not None else None
        return doc.text if doc is not None else None

    def text_or_read(self, display: str) -> str:
        """The text of the file messages call ``display``, read now if need be ('' if it
        cannot be read)."""
        known = self.text(display)
        if known is not None:
            return known
        try:
            return self.read_text(self.root / display)
        except UnreadableFileError:
            return ""

    def forget(self, path: Path) -> None:
        """Let a document go (a role's own files, once the role is done)."""
        doc = self._docs.pop(self.real(path), None)
        if doc is not None:
            self._by_display.pop(doc.display, None)

    def forget_role(self, path: Path) -> None:
        """Let a role file go with its translations (``x.es.yaml``), keeping the shared
        files (bases, the company file) parsed for the next role. Looks only at what the
        store holds: listing the roles folder for each role made a lint of many roles
        quadratic."""
        from jdgen.load.discover import split_locale

        real = self.real(path)
        for held in list(self._docs):
            if held == real or split_locale(held)[0] == real:
                self.forget(held)

    def documents(self) -> Iterator[YamlDocument]:
        return iter(list(self._docs.values()))


class NotRegularFile(OSError):
    """What :func:`read_bounded` raises for a folder, a device or a pipe."""


class TooLarge(OSError):
    """What :func:`read_bounded` raises for a file longer than its limit."""


def read_bounded(path: Path | str, display: str, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, never more than ``limit``.

    The file is opened first and then looked at (``fstat``), so what is checked is what
    is read, even if the name is swapped for something else in between; opening does
    not wait on a pipe (``O_NONBLOCK``); and at most ``limit + 1`` bytes are read, so
    a file that grows after the check (or ``/proc``'s, which say they are empty) cannot
    make the read go on. Raises :class:`NotRegularFile` or :class:`TooLarge` (with a
    message for ``display``), or the system's :class:`OSError`.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
    except BaseException:
        os.close(fd)
        raise
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise NotRegularFile(0, f"it is {kind}")
    with os.fdopen(fd, "rb") as handle:
        raw = b""
        if info.st_size <= limit:
            # What fstat says, and a byte more to see whether there is more (a file that
            # grew, or one of /proc's, which say they are empty); asking for the whole limit
            # each time allocated a megabyte per file, a tenth of a lint of many roles.
            raw = handle.read(info.st_size + 1)
            if len(raw) > info.st_size:
                raw += handle.read(limit + 1 - len(raw))
        if info.st_size > limit or len(raw) > limit:
            raise TooLarge(0, f"file is larger than {limit:,} bytes")
    return raw


VISIBLE = (".jdgen.yaml",)  # the hidden files of a workspace that jdgen reads


def is_hidden(real: Path, root: Path) -> bool:
    """Whether ``real``, inside ``root``, is hidden there: a name starting with a dot, or
    under such a folder. Hidden files are where secrets live (``.git/config`` holds the
    token ``actions/checkout`` uses, ``.env`` holds whatever it is given), and a role or
    template link to one would print it, so jdgen never reads them for a workspace."""
    parts = real.relative_to(root).parts
    return any(p.startswith(".") for p in parts) and parts not in ((v,) for v in VISIBLE)


def hidden_message(path: Path, real: Path, root: Path) -> str:
    """The message for a workspace file jdgen will not read because it is hidden."""
    shown = real.relative_to(root)
    lead = f"is a link to {shown}, a hidden file" if os.path.islink(path) else "is a hidden file"
    return (
        f"{lead} of the workspace; jdgen does not read hidden files, where secrets such as "
        ".git/config and .env are kept"
    )


def outside(path: Path, real: Path) -> str:
    """The message for a file whose real path is outside the workspace: the link's own
    target when ``path`` is the link (``/proc/self/environ``, not what it resolves to)."""
    try:
        target = os.readlink(path) if os.path.islink(path) else str(real)
    except (OSError, ValueError):
        target = str(real)
    return f"is a link to {target}, outside the workspace; jdgen reads only files inside it"


def _child(folder: Path, name: str) -> Path:
    """``folder / name``, without parsing ``name`` again (pathlib's own shortcut, where
    this Python has it: a thousand roles' paths are joined several times each)."""
    make = getattr(folder, "_make_child_relpath", None)
    return make(name) if make is not None else folder / name


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # a name too long, a link loop, a NUL
        return path

"""Writing output files so that nothing is ever half-written or written elsewhere.

Every file is written to a temporary file in its own folder and then renamed over
the old one, so a reader (or a build killed midway) only ever sees the old
complete file or the new complete file. Paths are checked to stay inside the
output folder, and no symbolic link inside it is followed.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from jdgen.errors import ConfigError

# What write_atomic names its temporary files: ".jdgen-posting.pdf.k2j4h5x1.tmp". Only
# names of this form are ever swept: a file of the user's that merely ends in ".tmp"
# (".notes.20250101.tmp") is not jdgen's to delete.
TEMPORARY = re.compile(r"^\.jdgen-.+\.[a-z0-9_]{8}\.tmp$")


class OutputDir:
    """An output folder that files can only be written inside of."""

    def __init__(self, root: Path) -> None:
        if root.is_symlink():
            raise ConfigError(
                f"output folder {root} is a symbolic link; refusing to write through it"
            )
        self.root = root.absolute()

    def path(self, *parts: str) -> Path:
        """The path of an output file, checked to stay inside the folder."""
        target = self.root.joinpath(*parts)
        if ".." in parts or not target.absolute().is_relative_to(self.root):
            raise ConfigError(f"refusing to write outside the output folder: {target}")
        return target

    def through_link(self, target: Path) -> bool:
        """Whether a folder between the output folder and ``target`` is a symbolic link."""
        return any(
            level.is_symlink()
            for level in target.parents
            if level != self.root and level.is_relative_to(self.root)
        )

    def name(self, target: Path) -> str:
        """How the cache names an output file: its path inside the folder."""
        return str(target.relative_to(self.root))

    def prepare(self, target: Path) -> None:
        """Create the folders leading to ``target``, refusing any symbolic link on the way."""
        relative = target.relative_to(self.root)
        folder = self.root
        self.root.mkdir(parents=True, exist_ok=True)
        for part in relative.parts[:-1]:
            folder = folder / part
            if folder.is_symlink():
                raise ConfigError(f"refusing to write through the symbolic link {folder}")
            folder.mkdir(exist_ok=True)
        if target.is_symlink():
            target.unlink()

    def write(self, target: Path, content: str | bytes | Iterable[str]) -> None:
        """Atomically replace ``target`` with ``content``."""
        self.prepare(target)
        write_atomic(target, content)

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the folder for one build.

        Two builds writing into one folder at once would undo each other's cache, so
        the second one stops with an error. The lock is on the folder itself and goes
        with the process, however it ends.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY)
        try:
            try:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except ImportError:  # pragma: no cover - not on POSIX: no locking
                pass
            except OSError:
                raise ConfigError(
                    f"another jdgen build is writing to {self.root}; wait for it to finish"
                ) from None
            yield
        finally:
            os.close(fd)

    def sweep(self, *parts: str) -> list[Path]:
        """Delete the temporary files a killed build left in one folder; return them."""
        folder = self.path(*parts) if parts else self.root
        swept: list[Path] = []
        if folder != self.root and (folder.is_symlink() or self.through_link(folder)):
            return swept  # never reach through a link
        try:
            names = [e.name for e in os.scandir(folder) if e.is_file(follow_symlinks=False)]
        except (FileNotFoundError, NotADirectoryError):
            return swept
        for name in names:
            if TEMPORARY.match(name):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(folder / name)
                    swept.append(folder / name)
        return swept


def write_atomic(target: Path, content: str | bytes | Iterable[str]) -> None:
    """Write ``content`` (or its pieces, in turn) to a temporary file beside ``target``,
    then rename it into place."""
    if isinstance(content, str | bytes):
        content = [content]
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".jdgen-{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            # No fsync: a killed process cannot lose what it wrote to the page cache, and
            # rename makes the swap atomic. (Power loss is out of scope; see docs/design.md.)
            for piece in content:
                handle.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise

"""Writing output files so that nothing is ever half-written or written elsewhere.

Every file is written to a temporary file in its own folder and then renamed over
the old one, so a reader (or a build killed midway) only ever sees the old
complete file or the new complete file. Paths are checked to stay inside the
output folder, and no symbolic link inside it is followed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from jdgen.errors import ConfigError


def document_file(document: str, fmt: str, locale: str | None = None) -> str:
    """The file name of a document: ``posting.html``, or ``posting.es.html`` for a locale.

    ``locale`` is ``None`` for the workspace's default locale, whose files keep plain names.
    """
    return f"{document}.{locale}.{fmt}" if locale else f"{document}.{fmt}"


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

    def write(self, target: Path, content: str | bytes) -> None:
        """Atomically replace ``target`` with ``content``."""
        self.prepare(target)
        write_atomic(target, content)


def write_atomic(target: Path, content: str | bytes) -> None:
    """Write ``content`` to a temporary file beside ``target``, then rename it into place."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            # No fsync: a killed process cannot lose what it wrote to the page cache, and
            # rename makes the swap atomic. (Power loss is out of scope; see docs/design.md.)
            handle.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise

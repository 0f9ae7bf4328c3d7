"""Writing output files so that nothing is ever half-written or written elsewhere.

Every file is written to a temporary file in its own folder and then renamed over
the old one, so a reader (or a build killed midway) only ever sees the old
complete file or the new complete file. Paths are checked to stay inside the
output folder, and no symbolic link inside it is followed.

A build deletes only what it knows to be its own, never a file because of its name:
the outputs its cache records (:mod:`jdgen.build.cache`), and its temporary files.
Each build has a run id, and its temporary files carry it
(``.jdgen-3f9a0c1b2d4e-posting.pdf.k2j4h5x1.tmp``). The run is entered in a journal
in the output folder (``.jdgen-runs.json``) when it begins, and taken out when it
ends; a build that was killed stays in the journal, so the next build deletes the
temporary files of that run id, and only those.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from jdgen.errors import ConfigError

# What write_atomic names its temporary files (for tests and for readers: nothing is
# deleted for matching it; see the module docstring).
TEMPORARY = re.compile(r"^\.jdgen-[0-9a-f]{12}-.+\.[a-z0-9_]{8}\.tmp$")
RUN_ID = re.compile(r"^[0-9a-f]{12}$")
JOURNAL = ".jdgen-runs.json"
MAX_JOURNAL_BYTES = 64_000


def new_run() -> str:
    """A run id for one build."""
    return secrets.token_hex(6)


def output_folder(out: Path, workspace: Path) -> Path:
    """The folder a build writes to, links resolved once. ``--out`` may name a link
    (the user chose it), but a link inside the workspace, which came with it, must lead
    to a folder inside the workspace."""
    out = Path(os.path.abspath(out))
    try:
        real = out.resolve()
        home = workspace.resolve()
    except (OSError, RuntimeError, ValueError):
        return out
    if real == out:
        return out
    lexical = Path(os.path.abspath(workspace))
    if (out.is_relative_to(lexical) or out.is_relative_to(home)) and not real.is_relative_to(home):
        raise ConfigError(
            f"output folder {out} is a link to {real}, outside the workspace; jdgen writes "
            "only inside it (give the real folder with --out to write there)"
        )
    return real


class OutputDir:
    """An output folder that files can only be written inside of, by one build run."""

    def __init__(self, root: Path, run: str | None = None) -> None:
        if root.is_symlink():
            raise ConfigError(
                f"output folder {root} is a symbolic link; refusing to write through it"
            )
        self.root = root.absolute()
        self.run = run or new_run()

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
        write_atomic(target, content, self.run)

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the folder for one build.

        Two builds writing into one folder at once would undo each other's cache, so
        the second one stops with an error. The lock is on the folder itself and goes
        with the process, however it ends.
        """
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY)
        except OSError as exc:
            raise ConfigError(
                f"cannot use the output folder {self.root}: {exc.strerror or type(exc).__name__}"
            ) from None
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

    # -- the journal of runs -----------------------------------------------------

    def begin(self) -> list[Path]:
        """Enter this run in the journal, after deleting the temporary files of the runs
        it lists (builds that were killed: the lock says no other is running). Returns
        the files deleted. A journal jdgen did not write, or cannot read, deletes
        nothing."""
        swept: list[Path] = []
        for run in self._journal():
            if run != self.run:
                swept += self._sweep(run)
        self._save_journal([self.run])
        return swept

    def finish(self) -> None:
        """Take this run out of the journal: it ended, its temporary files are gone."""
        if self._journal() == [self.run]:
            with contextlib.suppress(OSError):  # a read-only folder: the next run sweeps
                os.unlink(self.root / JOURNAL)
        else:
            self._save_journal([r for r in self._journal() if r != self.run])

    def _journal(self) -> list[str]:
        from jdgen.load.store import read_bounded

        try:
            path = self.root / JOURNAL
            if path.is_symlink():
                return []
            data = json.loads(read_bounded(path, JOURNAL, MAX_JOURNAL_BYTES))
        except (OSError, ValueError):
            return []
        runs = data.get("runs") if isinstance(data, dict) else None
        if not isinstance(runs, list) or not all(isinstance(r, str) for r in runs):
            return []
        return [r for r in runs if RUN_ID.match(r)]

    def _save_journal(self, runs: list[str]) -> None:
        # A journal that cannot be written (a full or read-only folder) costs only the
        # sweep after a killed build; the outputs' own writes report the folder's state.
        with contextlib.suppress(OSError):
            self.write(self.path(JOURNAL), json.dumps({"format": 1, "runs": runs}) + "\n")

    def _sweep(self, run: str) -> list[Path]:
        """Delete the temporary files of run ``run``: in the output folder and the
        folders in it, never through a link."""
        prefix = f".jdgen-{run}-"
        swept: list[Path] = []
        folders = [self.root]
        with contextlib.suppress(OSError):
            folders += [
                Path(e.path) for e in os.scandir(self.root) if e.is_dir(follow_symlinks=False)
            ]
        for folder in folders:
            try:
                names = [e.name for e in os.scandir(folder) if e.is_file(follow_symlinks=False)]
            except OSError:
                continue
            for name in names:
                if name.startswith(prefix) and name.endswith(".tmp"):
                    with contextlib.suppress(OSError):  # gone, or a folder made read-only
                        os.unlink(folder / name)
                        swept.append(folder / name)
        return swept


def write_atomic(
    target: Path, content: str | bytes | Iterable[str], run: str | None = None
) -> None:
    """Write ``content`` (or its pieces, in turn) to a temporary file beside ``target``,
    named for build run ``run``, then rename it into place."""
    if isinstance(content, str | bytes):
        content = [content]
    prefix = f".jdgen-{run or new_run()}-{target.name}."
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            # No fsync: a killed process cannot lose what it wrote to the page cache, and
            # rename makes the swap atomic. (Power loss is out of scope; see docs/design.md.)
            for piece in content:
                handle.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise

"""Shared fixtures: small workspaces written into ``tmp_path``, and ``--update-goldens``."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from jdgen.errors import RoleFileError
from jdgen.load.workspace import LoadedRole, Workspace

Files = dict[str, str | bytes]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="Rewrite the expected golden files from the current output instead of comparing.",
    )


@pytest.fixture(autouse=True, scope="session")
def _user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """jdgen's per-user cache goes to a folder of this test run, not ``~/.cache``
    (subprocesses inherit it)."""
    patch = pytest.MonkeyPatch()
    patch.setenv("JDGEN_CACHE_DIR", str(tmp_path_factory.mktemp("user-cache")))
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def _run_in_tmp_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test with a ``tmp_path`` runs in it, as a user runs jdgen in a workspace: jdgen
    prints paths relative to the folder it runs in, so that they can be opened there."""
    if "tmp_path" in request.fixturenames:
        monkeypatch.chdir(request.getfixturevalue("tmp_path"))


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """Whether this run rewrites the golden files on purpose."""
    return bool(request.config.getoption("--update-goldens"))


def write_files(root: Path, files: Files) -> None:
    """Write ``{relative path: text or bytes}`` under ``root``; text is dedented."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")


@pytest.fixture
def make_workspace(tmp_path: Path) -> Callable[[Files], Workspace]:
    """A function that writes ``{path: text}`` into a fresh workspace folder and returns it."""

    def make(files: Files) -> Workspace:
        root = tmp_path / "ws"
        root.mkdir(exist_ok=True)
        (root / "roles").mkdir(exist_ok=True)
        write_files(root, files)
        return Workspace(root)

    return make


@pytest.fixture
def load_role(make_workspace) -> Callable[..., LoadedRole]:
    """Load ``roles/<name>.yaml`` from a workspace of ``files``."""

    def load(files: Files, name: str = "x") -> LoadedRole:
        ws = make_workspace(files)
        return ws.load_role(ws.roles_dir / f"{name}.yaml")

    return load


@pytest.fixture
def role_errors(make_workspace) -> Callable[..., list[str]]:
    """The error lines a user sees for ``roles/<name>.yaml`` of ``files`` (it must fail)."""

    def errors(files: Files, name: str = "x") -> list[str]:
        ws = make_workspace(files)
        with pytest.raises(RoleFileError) as caught:
            ws.load_role(ws.roles_dir / f"{name}.yaml")
        return caught.value.format_message().splitlines()

    return errors


GOLDEN_WORKSPACE = Path(__file__).resolve().parent / "fixtures" / "golden" / "workspace"


@pytest.fixture(scope="session")
def golden_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden fixture workspace built once as PDFs, review pack (with the hiring plans)
    included (slow: ~10 s). Neither role is approved: both are in the pack in full."""
    from jdgen.build.runner import BuildOptions, build

    out = tmp_path_factory.mktemp("golden-pdfs")
    report = build(Workspace(GOLDEN_WORKSPACE), None, BuildOptions(out, ("pdf",), with_plans=True))
    assert (report.warnings, [o.errors for o in report.outcomes]) == ([], [[], []])
    return out

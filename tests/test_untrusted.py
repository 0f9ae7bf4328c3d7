"""Untrusted workspaces (issue #14): nothing leaks, nothing of the user's is deleted,
every read is bounded.

Role files and templates arrive in pull requests, and CI builds them with secrets in
its environment. Each numbered case of the issue is tried here as a new user would,
through the command line, on a copy of the shipped workspace laid out two ways: as
plain folders, and with ``roles/``, ``templates/`` and the output folder as links to
folders elsewhere in the workspace (which jdgen follows: they stay inside it).
docs/hostile-input.md lists each protection with the test here that proves it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdgen.build.cache import CACHE_FILE
from jdgen.build.output import JOURNAL, TEMPORARY
from jdgen.cli import main

REPO = Path(__file__).resolve().parent.parent
KAM = "key-account-manager"
ROLES = sorted(p.stem for p in (REPO / "roles").glob("*.yaml") if not p.name.startswith("_"))
ROLES = [r for r in ROLES if "." not in r]
SECRET = "SECRET-CI-TOKEN-5f1c"


class Workspace:
    """A copy of the shipped workspace, which is also the current folder."""

    def __init__(self, root: Path, linked: bool) -> None:
        self.root, self.linked = root, linked

    @property
    def roles(self) -> Path:
        return self.root / "roles"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def out(self) -> Path:
        return self.root / "output"


def _workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, linked: bool) -> Workspace:
    """The shipped roles, an empty ``templates/`` and ``output/``: real folders, or links
    to folders inside the workspace."""
    root = tmp_path / "ws"
    root.mkdir()
    for name in ("roles", "templates", "output"):
        real = root / "src" / name if linked else root / name
        real.mkdir(parents=True)
        if linked:
            (root / name).symlink_to(Path("src") / name, target_is_directory=True)
    shutil.copytree(REPO / "roles", root / "roles", dirs_exist_ok=True)
    shutil.copy(REPO / ".jdgen.yaml", root / ".jdgen.yaml")
    (tmp_path / "secret.txt").write_text(f"{SECRET}\n")
    monkeypatch.chdir(root)
    return Workspace(root, linked)


@pytest.fixture(params=["plain", "linked"])
def ws(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The workspace, in each layout."""
    return _workspace(tmp_path, monkeypatch, request.param == "linked")


@pytest.fixture
def plain_ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """The workspace with plain folders only (for a test too slow to run twice)."""
    return _workspace(tmp_path, monkeypatch, linked=False)


def jdgen(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert "internal error" not in result.output and "Traceback" not in result.output, result.output
    return result


def build(ws: Workspace, *args: str):
    return jdgen("build", "-f", "md,html,json", "-o", str(ws.out), *args)


def everything_under(folder: Path) -> str:
    """All the text of every file under ``folder``, links followed."""
    return "".join(p.read_text(errors="replace") for p in sorted(folder.rglob("*")) if p.is_file())


# -- 1. A template link publishes any local file --------------------------------------------


def _include_notes(ws: Workspace) -> None:
    (ws.templates / "posting.md.j2").write_text("{% include 'notes.txt' %}\n")


@pytest.mark.parametrize("target", ["secret", "/proc/self/environ"])
def test_a_template_linked_outside_the_workspace_is_refused_by_lint_and_build(
    ws: Workspace, target: str
) -> None:
    _include_notes(ws)
    link = ws.root.parent / "secret.txt" if target == "secret" else Path(target)
    (ws.templates / "notes.txt").symlink_to(link)
    expected = (
        f"templates/notes.txt:1:1: error: is a link to {link}, outside the workspace; "
        "jdgen reads only files inside it"
    )
    lint, built = jdgen("lint"), build(ws)
    assert (lint.exit_code, built.exit_code) == (2, 2)
    assert expected in lint.output.splitlines()
    assert expected in built.stderr.splitlines()
    assert SECRET not in everything_under(ws.out)
    assert list(ws.out.iterdir()) == []


def test_the_template_loader_refuses_what_the_workspace_check_would(tmp_path: Path) -> None:
    """At render time too (a file could become a link after lint looked): the loader
    itself reads only regular files inside the workspace, and no more than its limit."""
    import jinja2

    from jdgen.render import environment as env_module
    from jdgen.render.environment import UnsafeTemplate, environment, search_path

    root = tmp_path / "ws"
    (root / "templates").mkdir(parents=True)
    (root / "shared").mkdir()
    (root / "shared" / "inside.txt").write_text("INSIDE\n")
    (tmp_path / "secret.txt").write_text(SECRET)
    (root / "templates" / "inside.txt").symlink_to(root / "shared" / "inside.txt")
    (root / "templates" / "outside.txt").symlink_to(tmp_path / "secret.txt")
    (root / "templates" / "folder.txt").mkdir()
    os.mkfifo(root / "templates" / "pipe.txt")
    (root / "templates" / "big.txt").write_text("x" * 2000)
    env = environment(tuple(search_path(root / "templates", root)))
    assert env.get_template("inside.txt").render() == "INSIDE\n"
    for name, reason in [
        ("outside.txt", "outside the workspace"),
        ("folder.txt", "it is a folder"),
        ("pipe.txt", "not a regular file"),
    ]:
        with pytest.raises(UnsafeTemplate, match=reason):
            env.get_template(name)
    with pytest.raises(jinja2.TemplateNotFound):
        env.get_template("../secret.txt")
    env_module.environment.cache_clear()
    limit = env_module.MAX_TEMPLATE_BYTES
    try:
        env_module.MAX_TEMPLATE_BYTES = 1000
        env = environment(tuple(search_path(root / "templates", root)))
        with pytest.raises(UnsafeTemplate, match="larger than 1,000 bytes"):
            env.get_template("big.txt")
    finally:
        env_module.MAX_TEMPLATE_BYTES = limit
        env_module.environment.cache_clear()


def test_a_template_linked_inside_the_workspace_is_used(ws: Workspace) -> None:
    _include_notes(ws)
    (ws.root / "shared").mkdir()
    (ws.root / "shared" / "notes.txt").write_text("Notes from inside\n")
    (ws.templates / "notes.txt").symlink_to(ws.root / "shared" / "notes.txt")
    assert jdgen("lint").exit_code == 0
    assert build(ws).exit_code == 0
    assert (ws.out / KAM / "posting.md").read_text() == "Notes from inside\n"


def test_a_templates_folder_linked_outside_the_workspace_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "ws"
    shutil.copytree(REPO / "roles", root / "roles")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "posting.md.j2").write_text(SECRET)
    (root / "templates").symlink_to(tmp_path / "elsewhere")
    monkeypatch.chdir(root)
    expected = f"templates:1:1: error: is a link to {tmp_path / 'elsewhere'}, outside the workspace"
    lint = jdgen("lint")
    built = jdgen("build", "-f", "md", "-o", str(root / "output"))
    assert (lint.exit_code, built.exit_code) == (2, 2)
    assert lint.output.startswith(expected) and built.stderr.startswith(expected)
    assert not (root / "output" / KAM).exists()


@pytest.mark.parametrize("secret", [".git/config", ".env"])
def test_a_link_to_a_hidden_file_of_the_workspace_is_refused(ws: Workspace, secret: str) -> None:
    """The real path is inside the workspace, but hidden files hold secrets: the token
    actions/checkout keeps in .git/config, whatever .env is given."""
    (ws.root / secret).parent.mkdir(exist_ok=True)
    (ws.root / secret).write_text(f"token = {SECRET}\n")
    _include_notes(ws)
    (ws.templates / "notes.txt").symlink_to(ws.root / secret)
    (ws.roles / "x.yaml").symlink_to(ws.root / secret)
    expected = (
        f"templates/notes.txt:1:1: error: is a link to {secret}, a hidden file of the "
        "workspace; jdgen does not read hidden files, where secrets such as .git/config and "
        ".env are kept"
    )
    lint, built = jdgen("lint"), build(ws)
    assert (lint.exit_code, built.exit_code) == (2, 2)
    assert expected in lint.output.splitlines() and expected in built.stderr.splitlines()
    (ws.templates / "notes.txt").unlink()
    lint, built = jdgen("lint"), build(ws)
    assert expected.replace(
        "templates/notes.txt:1:1: error:", "roles/x.yaml:1:1: error [schema]"
    ) in (lint.output.splitlines())
    assert SECRET not in lint.output + built.output + everything_under(ws.out)


def test_hidden_files_and_an_editors_dangling_links_in_templates_are_left_alone(
    ws: Workspace,
) -> None:
    (ws.templates / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (ws.templates / ".#posting.md.j2").symlink_to("root@host.12345:1700000000")  # Emacs
    assert jdgen("lint").exit_code == 0
    assert build(ws).exit_code == 0


def test_a_change_under_a_linked_template_folder_rebuilds(ws: Workspace) -> None:
    (ws.root / "shared").mkdir()
    (ws.root / "shared" / "x.txt").write_text("first\n")
    (ws.templates / "d").symlink_to(ws.root / "shared", target_is_directory=True)
    (ws.templates / "posting.md.j2").write_text("{% include 'd/x.txt' %}")
    assert build(ws).exit_code == 0
    (ws.root / "shared" / "x.txt").write_text("second\n")
    assert build(ws).exit_code == 0
    assert (ws.out / KAM / "posting.md").read_text() == "second\n"


# -- 2. Role files that are links ---------------------------------------------------------


@pytest.mark.parametrize("target", ["secret", "/dev/zero"])
def test_a_role_file_linked_outside_the_workspace_is_refused_unread(
    ws: Workspace, target: str
) -> None:
    link = ws.root.parent / "secret.txt" if target == "secret" else Path(target)
    (ws.roles / "x.yaml").symlink_to(link)
    expected = (
        f"roles/x.yaml:1:1: error [schema] is a link to {link}, outside the workspace; "
        "jdgen reads only files inside it"
    )
    started = time.perf_counter()
    lint, built = jdgen("lint"), build(ws)
    assert time.perf_counter() - started < 60  # /dev/zero is never read
    assert (lint.exit_code, built.exit_code) == (2, 1)  # lint: 2 for a file it cannot read
    assert expected in lint.output.splitlines()
    assert expected in built.stderr.splitlines()
    assert SECRET not in lint.output + built.output
    for role in ROLES:  # the others still build
        assert (ws.out / role / "posting.md").is_file()


def test_a_role_file_that_is_a_pipe_is_refused_without_waiting(ws: Workspace) -> None:
    os.mkfifo(ws.roles / "x.yaml")
    lint = jdgen("lint")
    assert lint.exit_code == 2
    shown = "src/roles/x.yaml" if ws.linked else "roles/x.yaml"  # files go by their real path
    assert f"{shown}:1:1: error [schema] cannot read file: it is not a regular file" in (
        lint.output.splitlines()
    )


def test_reads_are_bounded_before_they_start(tmp_path: Path) -> None:
    """A file that says it is small but grows (or one of /proc's, which say they are
    empty) is read no further than the limit plus one byte."""
    from jdgen.load.store import TooLarge, read_bounded

    path = tmp_path / "x.yaml"
    path.write_bytes(b"a" * 100)
    assert read_bounded(path, "x.yaml", 100) == b"a" * 100
    with pytest.raises(TooLarge, match="larger than 99 bytes"):
        read_bounded(path, "x.yaml", 99)
    assert len(read_bounded("/proc/self/status", "status", 1_000_000)) > 0
    with pytest.raises(TooLarge):
        read_bounded("/proc/self/status", "status", 10)


# -- 3. The build deletes files it never wrote ----------------------------------------------


THEIRS = [".notes.20250101.tmp", ".jdgen-posting.md.k2j4h5x1.tmp", "draft.tmp"]
THEIRS.append(".jdgen-0123456789ab-posting.md.k2j4h5x1.tmp")  # jdgen's form, no run of ours


def test_a_build_deletes_no_file_it_did_not_write(ws: Workspace) -> None:
    assert build(ws).exit_code == 0
    mine = sorted(p.relative_to(ws.out) for p in ws.out.rglob("*"))
    for folder in (ws.out, ws.out / KAM):
        for name in THEIRS:
            (folder / name).write_text("the user's\n")
    assert build(ws).exit_code == 0  # nothing to do
    (ws.roles / f"{KAM}.yaml").write_text(
        (ws.roles / f"{KAM}.yaml").read_text().replace("title:", "title: ", 1)
    )
    assert build(ws, "--force").exit_code == 0  # everything rebuilt
    for folder in (ws.out, ws.out / KAM):
        for name in THEIRS:
            assert (folder / name).read_text() == "the user's\n", folder / name
    left = sorted(p.relative_to(ws.out) for p in ws.out.rglob("*"))
    assert sorted(set(left) - set(mine)) == sorted(
        Path(f).relative_to(ws.out) for d in (ws.out, ws.out / KAM) for f in map(d.joinpath, THEIRS)
    )
    assert not (ws.out / JOURNAL).exists()


def test_a_build_into_the_workspace_root_deletes_nothing_of_the_users(ws: Workspace) -> None:
    for name in THEIRS:
        (ws.root / name).write_text("the user's\n")
    result = jdgen("build", "-f", "md", "-o", ".")
    assert result.exit_code == 0, result.output
    assert result.exit_code == 0 and jdgen("build", "-f", "md", "-o", ".").exit_code == 0
    for name in THEIRS:
        assert (ws.root / name).read_text() == "the user's\n"
    assert (ws.root / KAM / "posting.md").is_file()


def test_a_cache_that_names_files_outside_the_output_folder_deletes_nothing(
    ws: Workspace,
) -> None:
    """The cache decides what a build removes, and an output folder can come with the
    workspace: a cache entry that names a file outside it, or a file jdgen did not
    write, is not followed."""
    victim = ws.root / "victim.txt"
    victim.write_text("keep me\n")
    st = victim.stat()
    ws.out.mkdir(exist_ok=True)
    cache = {
        "format": 1,
        "shared": {},
        "roles": {
            "gone": {
                "failed": True,
                "outputs": {"../victim.txt": [st.st_size, st.st_mtime_ns, st.st_ino]},
            }
        },
        "workspace": None,
    }
    (ws.out / CACHE_FILE).write_text(json.dumps(cache))
    result = build(ws)
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "keep me\n"


def test_temporary_files_that_cannot_be_deleted_do_not_stop_the_build(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder made read-only after a build was killed: its leftovers stay, the build
    goes on."""
    assert build(ws).exit_code == 0
    left = ws.out / KAM / ".jdgen-aaaaaaaaaaaa-posting.md.abcdefgh.tmp"
    left.write_text("half")
    (ws.out / JOURNAL).write_text('{"format": 1, "runs": ["aaaaaaaaaaaa"]}')
    real_unlink = os.unlink

    def refuse(path, *args, **kwargs):
        if ".jdgen-aaaaaaaaaaaa-" in str(path):
            raise PermissionError(1, "Operation not permitted")
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", refuse)
    assert build(ws, "--force").exit_code == 0
    assert left.exists()


def test_an_output_folder_that_cannot_be_made_is_a_clear_error(ws: Workspace) -> None:
    (ws.root / "a-file").write_text("not a folder\n")
    result = jdgen("build", "-f", "md", "-o", "a-file/out")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot use the output folder ")
    assert (ws.root / "a-file").read_text() == "not a folder\n"


# -- 4. Empty build.locales, and other settings that would write nothing ------------------


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("locales: []", ".jdgen.yaml:2:12: error: build.locales: list at least one locale"),
        ("formats: []", ".jdgen.yaml:2:12: error: build.formats: list at least one format"),
    ],
)
def test_a_config_that_would_write_nothing_is_an_error(
    ws: Workspace, setting: str, message: str
) -> None:
    assert build(ws).exit_code == 0
    before = sorted(ws.out.rglob("*"))
    (ws.root / ".jdgen.yaml").write_text(f"build:\n  {setting}\n")
    lint, built = jdgen("lint"), jdgen("build", "-o", str(ws.out))
    assert (lint.exit_code, built.exit_code) == (2, 2)
    assert lint.output.startswith(message) and built.stderr.startswith(message)
    assert sorted(ws.out.rglob("*")) == before  # nothing removed


# -- 5. Markdown links whose scheme is not http, https or mailto -------------------------

UNSAFE_MARKDOWN = [
    "- [r]: javascript:alert(1)\n\nSee [the page][r].",
    "1. [r]: javascript:alert(1)\n\nSee [the page][r].",
    "> [r]: javascript:alert(1)\n\nSee [the page][r].",
    "- > [r]:\n  >   javascript:alert(1)\n\nSee [r].",
    "[r]:\n  javascript:alert(1)\n\nSee [r].",
    "[a\\]b]: javascript:alert(1)\n\nSee [a\\]b].",
    "[multi\nline]: javascript:alert(1)\n\nSee [multi line].",
    "[r]: <javascript:alert(1)>\n\nSee [r].",
    "[r]: data:text/html,x\n\nSee [r].",
    "See [x](javascript:alert(1)) and [y](<javascript:alert(1)>).",
    "See [x](&#106;avascript:alert(1)) and [y]( JAVASCRIPT:alert(1) ).",
    "See [x](\njavascript:alert(1)).",
    "See <javascript:alert(1)> and <a href='javascript:alert(1)'>here</a>.",
    "<div onclick='alert(1)'>x</div>",
    "![x](javascript:alert(1)) ![y][r]\n\n[r]: javascript:alert(1)",
    "See [x](vbscript:msgbox(1)) [z](file:///etc/passwd)",
    "See [the page][r].\n\n[r][](x): javascript:alert(1)",  # a definition made by a drop
]


def unsafe_links(markdown_text: str) -> list[str]:
    """Every link, image or raw HTML that a CommonMark renderer (markdown-it-py, as
    GitHub and most others follow CommonMark) would make of ``markdown_text`` and that
    is not an http, https or mailto link."""
    from markdown_it import MarkdownIt

    found = []
    md = MarkdownIt("commonmark")
    md.validateLink = lambda url: True  # see every link, not only those it would keep

    def walk(tokens) -> None:
        for token in tokens:
            if token.type in ("html_inline", "html_block"):
                found.append(token.content)
            for attr in ("href", "src"):
                url = token.attrGet(attr) if token.attrs else None
                if url is not None and not str(url).lower().startswith(
                    ("http://", "https://", "mailto:")
                ):
                    found.append(str(url))
            if token.children:
                walk(token.children)

    walk(md.parse(markdown_text))
    return found


def test_the_checker_sees_what_a_renderer_would_make_live() -> None:
    assert unsafe_links(UNSAFE_MARKDOWN[0]) == ["javascript:alert(1)"]
    assert unsafe_links("[ok](https://example.com) <mailto:a@b.c>") == []


@pytest.mark.parametrize("summary", UNSAFE_MARKDOWN)
def test_markdown_output_neutralises_every_unsafe_link_form(summary: str) -> None:
    from jdgen.render.prose import prose_markdown

    assert unsafe_links(summary), "the payload should be live before jdgen sees it"
    assert unsafe_links(prose_markdown(summary)) == []


def test_safe_links_survive_in_every_form() -> None:
    from jdgen.render.prose import prose_markdown

    text = (
        "See [the site](https://example.com), [the list][r], <https://example.org> and "
        "[mail](mailto:jobs@example.com).\n\n- [r]: https://example.net"
    )
    out = prose_markdown(text)
    assert unsafe_links(out) == []
    assert "[the site](https://example.com)" in out and "[r]: https://example.net" in out


def test_a_posting_with_a_reference_in_a_list_item_is_safe_end_to_end(ws: Workspace) -> None:
    role = ws.roles / f"{KAM}.yaml"
    text = role.read_text()
    start = text.index("summary:")
    end = text.index("\n", text.index("\n", start) + 1)
    role.write_text(
        text[:start]
        + "summary: |\n  Look after our key accounts. See [the page][r].\n\n"
        + "  - [r]: javascript:alert(1)\n"
        + text[end:]
    )
    result = build(ws, "--draft")
    posting = (ws.out / KAM / "posting.md").read_text()
    assert "javascript:alert(1)" in posting, result.output  # shown as text...
    assert unsafe_links(posting) == []  # ...never as a link


# -- 6. No time limit on the index and review templates -----------------------------------

LOOP = (
    "{% for a in range(100000) %}{% for b in range(100000) %}{{ a * b }}{% endfor %}{% endfor %}\n"
)


def build_past_the_limit(ws: Workspace, fmt: str, seconds: int, what: str, within: float):
    """Build with a looping template for ``what`` in place: the build must stop it in
    time, fail, and say which document took too long."""
    started = time.perf_counter()
    result = jdgen("build", "-f", fmt, "-o", str(ws.out), "--time-limit", str(seconds))
    assert time.perf_counter() - started < within
    assert result.exit_code == 1
    assert (
        f"warning: review pack: error: rendering the {what} took longer than {seconds} "
        "seconds, the time limit (--time-limit)" in result.stderr.splitlines()
    ), result.stderr
    return result


def test_the_index_template_runs_under_the_time_limit(ws: Workspace) -> None:
    (ws.templates / "index.html.j2").write_text(LOOP)
    build_past_the_limit(ws, "md,html", 2, "index.html", within=40)
    assert (ws.out / KAM / "posting.html").is_file()  # the roles were built
    assert not (ws.out / "index.html").exists()


@pytest.mark.pdf
def test_the_review_template_runs_under_the_time_limit(plain_ws: Workspace) -> None:
    ws = plain_ws  # one PDF build is enough: the index test runs in both layouts
    assert jdgen("build", "-f", "pdf", "-o", str(ws.out)).exit_code == 0
    before = (ws.out / "review.pdf").read_bytes()
    (ws.templates / "review.html.j2").write_text(LOOP)
    build_past_the_limit(ws, "pdf", 20, "review pack's front matter", within=120)
    assert (ws.out / KAM / "posting.pdf").is_file()
    assert (ws.out / "review.pdf").read_bytes() == before  # kept, as a refused role's files are


# -- 7. A damaged cache ------------------------------------------------------------------


def _damage_name(data: dict) -> None:
    entry = data["roles"][KAM]
    name = next(iter(entry["outputs"]))
    entry["outputs"][name + "\0"] = entry["outputs"].pop(name)


def _damage_signature(data: dict) -> None:
    entry = data["roles"][KAM]
    entry["outputs"][next(iter(entry["outputs"]))] = "big"


def _damage_inputs(data: dict) -> None:
    data["roles"][KAM]["inputs"] = [1, 2]


def _damage_stats(data: dict) -> None:
    data["roles"][KAM]["stats"] = {f"roles/{KAM}.yaml": [1, "2", 3]}


def _damage_entry(data: dict) -> None:
    data["roles"][KAM] = "entry"


def _damage_workspace(data: dict) -> None:
    data["workspace"] = {"key": 1}


def _damage_source(data: dict) -> None:
    data["roles"][KAM]["source"] = "roles/\0.yaml"


DAMAGE = {
    "NUL in an output name": _damage_name,
    "a string for a signature": _damage_signature,
    "a list for the inputs": _damage_inputs,
    "a string in a signature": _damage_stats,
    "a string for an entry": _damage_entry,
    "a broken workspace entry": _damage_workspace,
    "NUL in a source": _damage_source,
}
RAW_DAMAGE = {
    "cut short": lambda text: text[: len(text) // 2],
    "not JSON": lambda text: "\x00\xff garbage",
    "a list": lambda text: "[1, 2, 3]",
    "deep nesting": lambda text: "[" * 100_000 + "]" * 100_000,
    "another format": lambda text: text.replace('"format":1', '"format":99'),
    "empty": lambda text: "",
}


@pytest.mark.parametrize("damage", [*DAMAGE, *RAW_DAMAGE])
def test_a_damaged_cache_is_set_aside_with_one_warning(ws: Workspace, damage: str) -> None:
    assert build(ws).exit_code == 0
    path = ws.out / CACHE_FILE
    if damage in DAMAGE:
        data = json.loads(path.read_text())
        DAMAGE[damage](data)
        path.write_text(json.dumps(data))
    else:
        path.write_text(RAW_DAMAGE[damage](path.read_text()))
    result = build(ws)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {ws.out.resolve() / CACHE_FILE} is damaged or not jdgen's: it was ignored, "
        "and this build replaces it (every role is built again)"
    ]
    assert f"Built {len(ROLES)} roles" in result.output
    again = build(ws)  # the cache it wrote is whole again
    assert again.exit_code == 0 and "warning" not in again.stderr
    assert "Built 0 roles" in again.output


# -- 8. Every lint rule is linear in its input's length -----------------------------------


def _lint_seconds(ws_root: Path, role: str, repeat: int = 3) -> float:
    from jdgen.lint.check import check_role, read_settings
    from jdgen.load.workspace import Workspace as Loaded

    best = float("inf")
    for _ in range(repeat):
        workspace = Loaded(ws_root)
        settings = read_settings(workspace)
        started = time.perf_counter()
        check_role(workspace, ws_root / "roles" / role, settings, None)
        best = min(best, time.perf_counter() - started)
    return best


def _role(title: str, summary: str) -> str:
    return (
        f"title: {json.dumps(title)}\nlevel: senior\n"
        f"summary: {json.dumps(summary)}\n"
        "salary: {min: 48000, max: 56000, currency: EUR}\n"
    )


# Text that gives every kind of finding many times: vague and gendered words, an
# age-coded phrase, jargon, a long sentence, a pronoun, and plain words between.
NOISY = (
    "Rockstar ninja wanted: he must be a digital native and a dominant, competitive "
    "guru who works hard and plays hard, a young and energetic self-starter, able to "
    "lift 50 pounds; he will synergize deliverables going forward. "
)
# A title of everything the title rules look at: abbreviations (whose spelled-out
# suggestion was quadratic), codes, vague and gendered words.
NOISY_TITLE = (
    "Sr Mgr Sr. Mgr Sr Rockstar Ninja Salesman (m/f) REQ-1042 Lead, a-b-c-d-a-b-c-d "
    "NinjaNinjaNinjaNinjaNinjaNinja N1njaN1nja aBaBaBaB "
)  # runs of one-letter words and long camelCase words once made it cubic


@pytest.mark.parametrize("kind", ["title", "summary"])
def test_lint_is_linear_in_a_long_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """A 20,000-character title (the longest jdgen reads) and a 1 MB summary (past the
    longest, with the limits raised for the test) take a time in proportion to their
    length: four times the text, well under sixteen times the time."""
    from jdgen.load import source, store

    if kind == "summary":
        monkeypatch.setattr(source, "MAX_SCALAR_CHARS", 2_000_000)
        monkeypatch.setattr(source, "MAX_FILE_BYTES", 4_000_000)
        monkeypatch.setattr(store, "MAX_FILE_BYTES", 4_000_000)
    sizes = (5_000, 20_000) if kind == "title" else (250_000, 1_000_000)
    seconds = []
    for size in sizes:
        root = tmp_path / str(size)
        (root / "roles").mkdir(parents=True)
        noise = NOISY_TITLE if kind == "title" else NOISY
        text = (noise * (size // len(noise) + 1))[:size]
        if kind == "title":
            role = _role(text, "Look after our key accounts.")
        else:
            role = _role("Senior Account Manager", text)
        (root / "roles" / "x.yaml").write_text(role)
        seconds.append(_lint_seconds(root, "x.yaml", repeat=2 if kind == "summary" else 3))
    small, large = seconds
    assert large < 8 * small + 0.05, f"{sizes}: {small:.3f} s, then {large:.3f} s"
    if kind == "title":
        assert large < 3, f"a 20,000-character title took {large:.1f} s to lint"


# -- the output folder, linked and full ---------------------------------------------------


def test_an_output_folder_linked_outside_the_workspace_is_refused(
    ws: Workspace, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.rename(ws.out, tmp_path / "moved") if not ws.linked else ws.out.unlink()
    ws.out.symlink_to(elsewhere)
    result = build(ws)
    assert result.exit_code == 2
    assert "is a link to" in result.stderr and "outside the workspace" in result.stderr
    assert list(elsewhere.iterdir()) == []
    # Named on the command line by its real path, it is the user's choice.
    assert jdgen("build", "-f", "md", "-o", str(elsewhere)).exit_code == 0
    assert (elsewhere / KAM / "posting.md").is_file()


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A 1 MB file system (a tmpfs): the build writes about 700 KB."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_build_into_a_full_file_system_fails_cleanly(ws: Workspace, tiny_disk: Path) -> None:
    (tiny_disk / "filler").write_bytes(b"x" * 600_000)  # room for half the build
    out = tiny_disk / "out"
    result = jdgen("build", "-f", "md,html,json", "-o", str(out), "-j", "1")
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if "error" in line]
    assert lines and all("No space left on device" in line for line in lines), lines
    assert not [p for p in out.rglob("*") if TEMPORARY.match(p.name)]  # no half-written file
    for path in out.rglob("*.html"):
        assert path.read_text().rstrip().endswith("</html>"), path
    (tiny_disk / "filler").unlink()
    result = jdgen("build", "-f", "md,html,json", "-o", str(out), "-j", "1")
    assert result.exit_code == 0, result.output  # and the next build, with room, works
    for role in ROLES:
        assert (out / role / "posting.html").is_file()
    assert not (out / JOURNAL).exists()

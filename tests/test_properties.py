"""Property-based tests: no role file, however broken or odd, makes jdgen raise.

Two kinds of input are generated: broken YAML (random text in YAML's alphabet,
random bytes, and shipped role files with characters inserted, deleted and
replaced), and valid roles mutated (keys dropped, values of the wrong type,
unknown keys, odd Unicode in the text). For each, loading must return a role or
raise :class:`RoleFileError` with one-line ``path:line:col: error: ...``
messages; a role that loads must render and lint; and the CLI must exit 0, 1 or
2 with no traceback.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jdgen.cli import main
from jdgen.errors import JdgenError, RoleFileError
from jdgen.lint.run import lint_paths
from jdgen.load.workspace import Workspace
from jdgen.render.documents import render_files
from jdgen.render.posting import posting_context

REPO = Path(__file__).resolve().parent.parent
SHIPPED = sorted((REPO / "roles").glob("[!_]*.yaml"))
MESSAGE = re.compile(r"^roles/[\w./-]+:\d+(:\d+)?: error( \[schema\]|:) [^\n]+$")
# Tracebacks, and the CLI's last line of defence, which means something escaped.
ESCAPED = ("Traceback", "internal error")

FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SLOW = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped workspace; each example writes its role to roles/x.yaml."""
    root = tmp_path_factory.mktemp("properties")
    shutil.copytree(REPO / "roles", root / "roles")
    return root


def load(root: Path, content: str | bytes):
    """Load roles/x.yaml holding ``content``: the role, or the error lines a user sees."""
    path = root / "roles/x.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    ws = Workspace(root)
    try:
        return ws, ws.load_role(path), []
    except RoleFileError as exc:
        lines = exc.format_message().split("\n")
        for line in lines:
            assert MESSAGE.match(line), line
        assert exc.exit_code in (1, 2)
        return ws, None, lines


def render_and_lint(ws: Workspace, role) -> None:
    """A role that loads must render as Markdown and HTML, and lint, without raising."""
    company = ws.company
    context = posting_context(role.id, role.role, company[0] if company else None)
    try:
        files = render_files({"posting": context}, ws, ("md", "html"))
    except JdgenError:
        return  # a clear error is fine; an exception is not
    assert set(files) == {"posting.md", "posting.html"}
    report = lint_paths(ws, [role.path])
    assert report.files == 1


# -- broken YAML -----------------------------------------------------------------------------

YAML_ALPHABET = st.sampled_from(
    list(":-[]{}!&*#|>'\"\t\n ,?%@`\\=~<.") + list("aZ09 ") + ["\u202e", "\u200b", "é", "\ufeff"]
)


def mutated_text(draw, text: str) -> str:
    """``text`` with a few characters inserted, deleted or replaced."""
    chars = list(text)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(chars)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        char = draw(YAML_ALPHABET)
        if action == "insert" or at == len(chars):
            chars.insert(at, char)
        elif action == "delete":
            del chars[at]
        else:
            chars[at] = char
    return "".join(chars)


@st.composite
def broken_role_files(draw) -> str | bytes:
    kind = draw(st.sampled_from(["alphabet", "bytes", "mutated", "indent"]))
    if kind == "alphabet":
        return draw(st.text(YAML_ALPHABET, max_size=120))
    if kind == "bytes":
        return draw(st.binary(max_size=120))
    text = draw(st.sampled_from(SHIPPED)).read_text()
    if kind == "indent":  # tabs, and indentation shifted on random lines
        lines = text.splitlines()
        for _ in range(draw(st.integers(1, 4))):
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = draw(st.sampled_from(["\t", " ", "   ", "\t "])) + lines[i]
        return "\n".join(lines) + "\n"
    return mutated_text(draw, text)


@FAST
@given(content=broken_role_files())
def test_broken_yaml_never_raises(root: Path, content: str | bytes) -> None:
    _, role, errors = load(root, content)
    assert (role is None) != (errors == [])


# -- valid roles, mutated --------------------------------------------------------------------

ODD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\u202eReversed\u202c",
        "Zero\u200bwidth\u200djoiner",
        "Combining e\u0301\u0301\u0301",
        "Emoji 👩🏽‍💼 and 𝕄𝕒𝕥𝕙",
        "NUL \x00 and bell \x07",
        "<script>alert(1)</script>",
        "[link](javascript:alert(1)) **bold** # heading",
        "Line\nbreak\r\nand\u2028separator",
        "x" * 5000,
        "İstanbul ǅ ß ﬁ",
        "'quotes' \"double\" `ticks` | pipes",
    ]
)
ODD_VALUE = st.one_of(
    ODD_TEXT,
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.lists(ODD_TEXT, max_size=3),
    st.dictionaries(st.sampled_from(["id", "text", "min", "max", "x"]), ODD_TEXT, max_size=3),
    st.dates().map(str),
)


def paths_in(value: object, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside nested dicts and lists."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths_in(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += paths_in(child, (*prefix, i))
    return found


def at(data: object, path: tuple) -> object:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data


@st.composite
def mutated_roles(draw) -> str:
    data = yaml.safe_load(draw(st.sampled_from(SHIPPED)).read_text())
    for _ in range(draw(st.integers(1, 4))):
        paths = paths_in(data)
        path = draw(st.sampled_from(paths))
        parent, last = at(data, path[:-1]), path[-1]
        action = draw(st.sampled_from(["drop", "retype", "unicode", "unknown"]))
        if action == "drop":
            del parent[last]  # type: ignore[union-attr]
        elif action == "retype":
            parent[last] = draw(ODD_VALUE)  # type: ignore[index]
        elif action == "unicode" and isinstance(parent[last], str):  # type: ignore[index]
            text = parent[last]  # type: ignore[index]
            cut = draw(st.integers(0, len(text)))
            parent[last] = text[:cut] + draw(ODD_TEXT) + text[cut:]  # type: ignore[index]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["dutes", "x-extra", "title ", "Level"]))] = draw(ODD_VALUE)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@SLOW
@given(content=mutated_roles())
def test_mutated_roles_load_render_and_lint_without_raising(root: Path, content: str) -> None:
    ws, role, _ = load(root, content)
    if role is not None:
        render_and_lint(ws, role)


# -- the command line ------------------------------------------------------------------------


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.one_of(broken_role_files(), mutated_roles()))
def test_the_cli_exits_with_a_message_never_a_traceback(root: Path, content: str | bytes) -> None:
    load(root, content)  # writes roles/x.yaml
    runner = CliRunner()
    target = str(root / "roles/x.yaml")
    for args in (["build", "-f", "md,html", "-j", "1", "--force"], ["lint"]):
        result = runner.invoke(main, [*args, "-C", str(root), target])
        assert result.exit_code in (0, 1, 2), (args, result.output, result.exception)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args,
            result.exception,
        )
        assert not any(word in result.output for word in ESCAPED), result.output

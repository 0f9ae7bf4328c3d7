"""jdgen.load.source: YAML to plain data with positions, and one clear error per bad file."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import pytest

from jdgen.errors import RoleFileError
from jdgen.load.source import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_SCALAR_CHARS,
    Mark,
    load_yaml,
    parse_yaml,
)

FILE = "roles/x.yaml"


def parse(text: str) -> tuple[object, object]:
    return parse_yaml(textwrap.dedent(text), FILE)


def error(text: str) -> str:
    """The one message a user sees for YAML ``text`` that must be rejected."""
    with pytest.raises(RoleFileError) as caught:
        parse_yaml(text, FILE)
    assert len(caught.value.problems) == 1
    return caught.value.format_message()


def file_error(tmp_path: Path, content: bytes) -> str:
    path = tmp_path / "x.yaml"
    path.write_bytes(content)
    with pytest.raises(RoleFileError) as caught:
        load_yaml(path, FILE)
    assert len(caught.value.problems) == 1
    return caught.value.format_message()


def at(line: int, column: int) -> tuple[int, int]:
    return line, column


def where(mark: Mark | None) -> tuple[str, int, int] | None:
    return (mark.file, mark.line, mark.column) if mark else None


# -- good files ------------------------------------------------------------


GOOD = """\
title: Key Account Manager
salary:
  min: 51933
  max: 94871.5
duties:
  - Plan each account
  - "Review it: every quarter"
location: {city: Denver, country: US}
summary: |
  Two lines
  of text.
date_posted: 2026-11-23
empty:
"""


def test_good_file_becomes_plain_data() -> None:
    data, _ = parse(GOOD)
    assert data == {
        "title": "Key Account Manager",
        "salary": {"min": 51933, "max": 94871.5},
        "duties": ["Plan each account", "Review it: every quarter"],
        "location": {"city": "Denver", "country": "US"},
        "summary": "Two lines\nof text.\n",
        "date_posted": dt.date(2026, 11, 23),
        "empty": None,
    }
    assert type(data["salary"]["min"]) is int


def test_values_keep_their_line_and_column() -> None:
    _, positions = parse(GOOD)
    assert {path: (m.line, m.column) for path, m in positions.values.items()} == {
        (): (1, 1),
        ("title",): (1, 8),
        ("salary",): (3, 3),
        ("salary", "min"): (3, 8),
        ("salary", "max"): (4, 8),
        ("duties",): (6, 3),
        ("duties", 0): (6, 5),
        ("duties", 1): (7, 5),
        ("location",): (8, 11),
        ("location", "city"): (8, 18),
        ("location", "country"): (8, 35),
        ("summary",): (9, 10),
        ("date_posted",): (12, 14),
        ("empty",): (13, 7),
    }
    assert all(m.file == FILE for m in positions.values.values())


def test_keys_keep_their_line_and_column() -> None:
    _, positions = parse(GOOD)
    assert {path: (m.line, m.column) for path, m in positions.keys.items()} == {
        ("title",): (1, 1),
        ("salary",): (2, 1),
        ("salary", "min"): (3, 3),
        ("salary", "max"): (4, 3),
        ("duties",): (5, 1),
        ("location",): (8, 1),
        ("location", "city"): (8, 12),
        ("location", "country"): (8, 26),
        ("summary",): (9, 1),
        ("date_posted",): (12, 1),
        ("empty",): (13, 1),
    }


def test_marks_hold_character_offsets_into_the_text() -> None:
    text = textwrap.dedent(GOOD)
    _, positions = parse_yaml(text, FILE)
    mark = positions.values[("salary", "min")]
    assert text[mark.start : mark.end] == "51933"


def test_positions_fall_back_to_the_nearest_located_parent() -> None:
    _, positions = parse(GOOD)
    assert where(positions.of(("salary", "currency"))) == (FILE, 3, 3)
    assert where(positions.of(("duties", 7, "text"))) == (FILE, 6, 3)
    assert where(positions.key_of(("salary", "min"))) == (FILE, 3, 3)
    # No key names a list item: its key mark is the value's own.
    assert where(positions.key_of(("duties", 1))) == (FILE, 7, 5)
    assert sorted(p for p, _ in positions.subtree(("salary",))) == [
        ("salary",),
        ("salary", "max"),
        ("salary", "min"),
    ]


def test_a_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("\ufefftitle: Café\n".encode())
    doc = load_yaml(path, FILE)
    assert doc.data == {"title": "Café"}
    assert where(doc.positions.values[("title",)]) == (FILE, 1, 8)


def test_quoted_and_tagged_strings_stay_text() -> None:
    data, _ = parse(
        """\
        a: "123"
        b: !!str 2026-01-01
        c: ! yes
        d: 'null'
        """
    )
    assert data == {"a": "123", "b": "2026-01-01", "c": "yes", "d": "null"}


def test_yaml_1_1_booleans_are_read_as_booleans() -> None:
    # Validation explains these (quote it if you meant text); the reader stays standard.
    data, _ = parse("country: NO\nremote: yes\n")
    assert data == {"country": False, "remote": True}


def test_a_timestamp_with_a_time_stays_a_datetime() -> None:
    data, _ = parse("at: 2026-01-02T10:30:00\nmidnight: 2026-01-02T00:00:00\n")
    assert data == {"at": dt.datetime(2026, 1, 2, 10, 30), "midnight": dt.date(2026, 1, 2)}


def test_whole_number_keys_become_text() -> None:
    data, _ = parse("1: one\n")
    assert data == {"1": "one"}


def test_anchors_and_aliases_copy_values() -> None:
    data, positions = parse(
        """\
        base: &where {city: Denver}
        other: *where
        name: &name Tramuntana
        again: *name
        """
    )
    assert data == {
        "base": {"city": "Denver"},
        "other": {"city": "Denver"},
        "name": "Tramuntana",
        "again": "Tramuntana",
    }
    assert data["base"] is not data["other"]
    assert where(positions.values[("again",)]) == (FILE, 4, 8)


def test_one_explicit_document_is_fine() -> None:
    data, _ = parse("---\ntitle: T\n...\n")
    assert data == {"title": "T"}


def test_nesting_up_to_the_limit_is_fine() -> None:
    data, _ = parse("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    for _ in range(MAX_DEPTH - 1):
        data = data[0]
    assert data == []


def test_a_value_up_to_the_limit_is_fine() -> None:
    data, _ = parse("x: " + "a" * MAX_SCALAR_CHARS + "\n")
    assert len(data["x"]) == MAX_SCALAR_CHARS


# -- malformed YAML --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "title: [a, b\nlevel: mid\n",
            "roles/x.yaml:2:6: error [schema] invalid YAML: did not find expected ',' or ']' "
            "(while parsing a flow sequence)",
        ),
        (
            "title: a: b\n",
            "roles/x.yaml:1:9: error [schema] invalid YAML: mapping values are not allowed in this context",
        ),
        (
            "title: 'unclosed\n",
            "roles/x.yaml:2:1: error [schema] invalid YAML: found unexpected end of stream "
            "(while scanning a quoted scalar)",
        ),
        (
            "duties:\n  - a\n b: c\n",
            "roles/x.yaml:3:2: error [schema] invalid YAML: did not find expected key "
            "(while parsing a block mapping)",
        ),
    ],
    ids=["unclosed-bracket", "colon-in-value", "unclosed-quote", "bad-indent"],
)
def test_malformed_yaml(text: str, message: str) -> None:
    assert error(text) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "salary:\n\tmin: 5\n",
            "roles/x.yaml:2:1: error [schema] invalid YAML: tab character in indentation; "
            "indent with spaces",
        ),
        (
            "salary:\n  min: 5\n\tmax: 3\n",
            "roles/x.yaml:3:1: error [schema] invalid YAML: tab character in indentation; "
            "indent with spaces",
        ),
    ],
    ids=["first-line", "later-line"],
)
def test_tab_indentation(text: str, message: str) -> None:
    assert error(text) == message


def test_a_tab_after_a_key_is_not_called_indentation() -> None:
    assert error("title:\tSales: Lead\n") == (
        "roles/x.yaml:1:13: error [schema] invalid YAML: mapping values are not allowed in this context"
    )


def test_duplicate_key() -> None:
    assert error("title: a\nlevel: mid\ntitle: b\n") == (
        "roles/x.yaml:3:1: error [schema] duplicate key 'title' (first defined on line 1)"
    )


def test_duplicate_nested_key() -> None:
    assert error("salary:\n  min: 1\n  min: 2\n") == (
        "roles/x.yaml:3:3: error [schema] duplicate key 'min' (first defined on line 2)"
    )


def test_duplicate_key_with_a_mapping_value() -> None:
    assert error("salary: {min: 1}\nlevel: mid\nsalary:\n  max: 2\n") == (
        "roles/x.yaml:3:1: error [schema] duplicate key 'salary' (first defined on line 1)"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("~: 1\n", "roles/x.yaml:1:1: error [schema] a mapping key must be text, not None"),
        ("yes: 1\n", "roles/x.yaml:1:1: error [schema] a mapping key must be text, not True"),
        ("? [a]\n: 1\n", "roles/x.yaml:1:3: error [schema] a mapping key must be plain text"),
        (
            "a: &k key\n*k : 2\n",
            "roles/x.yaml:2:1: error [schema] a mapping key must be plain text",
        ),
    ],
    ids=["null", "bool", "list", "alias"],
)
def test_keys_must_be_text(text: str, message: str) -> None:
    assert error(text) == message


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/name:os.system",
        "!!python/object:os.system",
    ],
)
def test_python_tags_are_rejected_and_never_run(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "pwned"
    text = f"title: T\nlevel: {tag} ['touch {marker}']\n"
    assert error(text) == (
        f"roles/x.yaml:2:8: error [schema] unsupported YAML tag {tag!r}; only plain data is allowed"
    )
    assert not marker.exists()


def test_a_python_tag_on_the_whole_document_is_rejected(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    assert error(f"!!python/object/apply:os.system ['touch {marker}']\n") == (
        "roles/x.yaml:1:1: error [schema] unsupported YAML tag '!!python/object/apply:os.system'; "
        "only plain data is allowed"
    )
    assert not marker.exists()


def test_custom_tags_are_rejected() -> None:
    assert error("title: !secret T\n") == (
        "roles/x.yaml:1:8: error [schema] unsupported YAML tag '!secret'; only plain data is allowed"
    )


def test_a_value_that_does_not_fit_its_tag() -> None:
    assert error("min: !!int lots\n") == (
        "roles/x.yaml:1:6: error [schema] cannot read 'lots' as int: invalid literal for int() "
        "with base 10: 'lots'"
    )


def test_merge_keys_are_rejected() -> None:
    assert error("base: &b {a: 1}\nx:\n  <<: *b\n  c: 2\n") == (
        "roles/x.yaml:3:3: error [schema] YAML merge keys (<<) are not supported; use 'extends'"
    )


def test_multiple_documents_are_rejected() -> None:
    assert error("title: a\n---\ntitle: b\n") == (
        "roles/x.yaml:2:1: error [schema] more than one YAML document; use one file per role"
    )


def test_a_recursive_alias_is_rejected() -> None:
    assert error("a: &a [*a]\n") == "roles/x.yaml:1:8: error [schema] unknown alias *a"


def test_too_long_value() -> None:
    assert error("title: T\nsummary: " + "a" * (MAX_SCALAR_CHARS + 1) + "\n") == (
        "roles/x.yaml:2:10: error [schema] value is longer than 20,000 characters"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 40 + "]" * 40, "roles/x.yaml:1:33: error [schema] nesting deeper than 32 levels"),
        (
            "".join("  " * i + f"k{i}:\n" for i in range(40)) + "  " * 40 + "v\n",
            "roles/x.yaml:33:65: error [schema] nesting deeper than 32 levels",
        ),
    ],
    ids=["flow", "block"],
)
def test_too_deep_nesting(text: str, message: str) -> None:
    assert error(text) == message


DEEP_SCRIPT = """\
import sys
from jdgen.errors import RoleFileError
from jdgen.load.source import parse_yaml
n = 100_000
for text in ("[" * n + "]" * n, "{a: " * n + "}" * n, "- " * n + "x"):
    try:
        parse_yaml(text, "deep.yaml")
    except RoleFileError as exc:
        print(exc.format_message())
"""


def test_100000_levels_of_nesting_fail_cleanly_without_crashing() -> None:
    # In a child process: a crash in libyaml or a stack overflow would kill pytest itself.
    done = subprocess.run(
        [sys.executable, "-c", DEEP_SCRIPT], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "deep.yaml:1:33: error [schema] nesting deeper than 32 levels",
        "deep.yaml:1:129: error [schema] nesting deeper than 32 levels",
        "deep.yaml:1:65: error [schema] nesting deeper than 32 levels",
    ]


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_an_alias_bomb_fails_fast_with_little_memory() -> None:
    # Fully expanded, this "billion laughs" file would hold 9**9 (387 million) strings.
    tracemalloc.start()
    try:
        message = error(BOMB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message == (
        "roles/x.yaml:5:12: error [schema] too many values (an alias expands to too much data)"
    )
    assert peak < 5_000_000


def test_too_many_plain_values() -> None:
    text = "duties:\n" + "".join(f"  - d{i}\n" for i in range(20_001))
    assert error(text) == "roles/x.yaml:19999:5: error [schema] too many values (more than 20,000)"


# -- unreadable files --------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    assert file_error(tmp_path, b"") == "roles/x.yaml:1:1: error [schema] file is empty"


def test_blank_file(tmp_path: Path) -> None:
    assert file_error(tmp_path, b"\n  \n\n") == "roles/x.yaml:1:1: error [schema] file is empty"


def test_comment_only_file(tmp_path: Path) -> None:
    assert file_error(tmp_path, b"# a role\n\n  # to do\n") == (
        "roles/x.yaml:1:1: error [schema] file is empty"
    )


def test_invalid_utf8(tmp_path: Path) -> None:
    assert file_error(tmp_path, b"title: T\nlevel: caf\xe9\n") == (
        "roles/x.yaml:2:11: error [schema] invalid UTF-8 (byte 0xe9); save the file as UTF-8"
    )


def test_latin1_file_is_reported_at_its_first_bad_byte(tmp_path: Path) -> None:
    text = "title: Diseñador\nlevel: mid\ncity: Málaga\n"
    assert file_error(tmp_path, text.encode("latin-1")) == (
        "roles/x.yaml:1:12: error [schema] invalid UTF-8 (byte 0xf1); save the file as UTF-8"
    )


def test_binary_content(tmp_path: Path) -> None:
    assert file_error(tmp_path, b"title: T\nlevel: \x00\x01\x02\n") == (
        "roles/x.yaml:2:1: error [schema] binary content: this is not a text file"
    )


def test_utf16_file_is_binary(tmp_path: Path) -> None:
    assert file_error(tmp_path, "title: T\n".encode("utf-16")) == (
        "roles/x.yaml:1:1: error [schema] binary content: this is not a text file"
    )


def test_huge_file(tmp_path: Path) -> None:
    content = b"# padding\n" * (MAX_FILE_BYTES // 10 + 1)
    assert file_error(tmp_path, content) == (
        "roles/x.yaml:1:1: error [schema] file is larger than 1,000,000 bytes"
    )


def test_unreadable_path(tmp_path: Path) -> None:
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    with pytest.raises(RoleFileError) as caught:
        load_yaml(folder, FILE)
    assert (
        caught.value.format_message()
        == "roles/x.yaml:1:1: error [schema] cannot read file: Is a directory"
    )


def test_load_yaml_names_the_file_by_its_path_by_default(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("title: [\n")
    with pytest.raises(RoleFileError) as caught:
        load_yaml(path)
    assert caught.value.format_message().startswith(f"{path}:2:1: error [schema] invalid YAML: ")


# -- the top level must be a mapping (checked when a role is loaded) ---------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "- a\n- b\n",
            "roles/x.yaml:1:1: error [schema] expected a mapping of keys at the top level, got a list",
        ),
        (
            "Account Manager\n",
            "roles/x.yaml:1:1: error [schema] expected a mapping of keys at the top level, "
            "got 'Account Manager'",
        ),
        (
            "42\n",
            "roles/x.yaml:1:1: error [schema] expected a mapping of keys at the top level, got 42",
        ),
        (
            "~\n",
            "roles/x.yaml:1:1: error [schema] expected a mapping of keys at the top level, got nothing",
        ),
    ],
    ids=["list", "text", "number", "null"],
)
def test_top_level_must_be_a_mapping(role_errors, text: str, message: str) -> None:
    assert role_errors({"roles/x.yaml": text}) == [message]


def test_an_undefined_alias_is_rejected() -> None:
    assert error("title: *nowhere\n") == "roles/x.yaml:1:8: error [schema] unknown alias *nowhere"

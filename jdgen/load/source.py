"""Read a YAML file into plain Python data, keeping where every value came from.

PyYAML's loaders throw positions away and silently keep the last of two
duplicate keys. This module builds the data itself from libyaml's event stream
(``yaml.CSafeLoader`` when available), so that:

- every value and every mapping key keeps its file, line and column (:class:`Mark`);
- duplicate keys, unknown tags and merge keys (``<<``) are errors;
- nesting depth, scalar length and alias expansion are bounded, so a hostile file
  (deep brackets, a "billion laughs" alias bomb) fails fast with a clear message
  instead of exhausting the stack or memory.

Positions are stored in :class:`Positions`, keyed by the path to a value:
``("salary", "min")`` or ``("duties", 2)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml

from jdgen.errors import UnreadableFileError

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_NODES = 20_000
MAX_SCALAR_CHARS = 20_000

YamlPath = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {None, "!"} | {
    _CORE + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
}
_RESOLVER = yaml.resolver.Resolver()
# The first characters of plain values that may be something other than text (a number,
# a boolean, null, a date...): the resolver looks only at these. Most values are text.
_TYPED_FIRST = frozenset(k for k in _RESOLVER.yaml_implicit_resolvers if k)
assert None not in _RESOLVER.yaml_implicit_resolvers
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class Mark(NamedTuple):
    """Where a value starts in its file. ``line`` and ``column`` are 1-based;
    ``start`` and ``end`` are character offsets into the file's text.

    A named tuple rather than a frozen dataclass: a role file has hundreds of
    values, and a tuple is made three times as fast.
    """

    file: str
    line: int
    column: int
    start: int = 0
    end: int = 0


# Mark(...) goes through a generated __new__; the parser makes one per value and key
# (some 200,000 for a thousand roles), and tuple.__new__ is twice as fast.
_mark = tuple.__new__


@dataclass
class Positions:
    """Marks of values and of mapping keys, by path."""

    values: dict[YamlPath, Mark] = field(default_factory=dict)
    keys: dict[YamlPath, Mark] = field(default_factory=dict)

    def of(self, path: YamlPath) -> Mark | None:
        """The mark of the value at ``path``, or of its nearest located ancestor."""
        for cut in range(len(path), -1, -1):
            mark = self.values.get(path[:cut])
            if mark is not None:
                return mark
        return None

    def key_of(self, path: YamlPath) -> Mark | None:
        """The mark of the key that names ``path``, else the value's mark."""
        return self.keys.get(path) or self.of(path)

    def subtree(self, path: YamlPath) -> Iterator[tuple[YamlPath, Mark]]:
        """Value marks at ``path`` and below it."""
        n = len(path)
        for p, mark in self.values.items():
            if p[:n] == path:
                yield p, mark


def dotted(path: YamlPath) -> str:
    """``("requirements", "must", 2)`` → ``requirements.must[2]``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass
class YamlDocument:
    """A parsed YAML file: its text, its data and the positions of its values."""

    path: Path
    display: str
    text: str
    data: object
    positions: Positions


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as a user should see it: relative to ``root`` when inside it."""
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)


def read_text(path: Path, display: str) -> str:
    """Read a UTF-8 text file that jdgen trusts (its own data), with the checks of
    :func:`decode_text`. Workspace files are read through the document store
    (:mod:`jdgen.load.store`)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UnreadableFileError.at(display, 1, 1, f"cannot read file: {exc.strerror}") from None
    return decode_text(raw, display)


def decode_text(raw: bytes, display: str, *, empty_ok: bool = False, limit: int = 0) -> str:
    """Bytes as text, refusing files over ``limit`` (default: 1 MB), binary, mis-encoded
    or (unless ``empty_ok``) empty: nothing but blank lines and comments."""
    if len(raw) > (limit := limit or MAX_FILE_BYTES):
        raise UnreadableFileError.at(display, 1, 1, f"file is larger than {limit:,} bytes")
    if b"\0" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\0")) + 1
        raise UnreadableFileError.at(display, line, 1, "binary content: this is not a text file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UnreadableFileError.at(
            display,
            line,
            column,
            f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
        ) from None
    text = text.removeprefix("\ufeff")
    if empty_ok:
        return text
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise UnreadableFileError.at(display, 1, 1, "file is empty")
    return text


def load_yaml(path: Path, display: str | None = None) -> YamlDocument:
    """Read and parse one YAML file jdgen trusts; raise :class:`UnreadableFileError` on any
    problem. Workspace files are read through :class:`~jdgen.load.store.DocumentStore`."""
    display = display or str(path)
    return parse_document(path, display, read_text(path, display))


def parse_document(path: Path, display: str, text: str) -> YamlDocument:
    """A file's text parsed, with its data and positions."""
    data, positions = parse_yaml(text, display)
    return YamlDocument(path=path, display=display, text=text, data=data, positions=positions)


def parse_yaml(text: str, display: str) -> tuple[object, Positions]:
    """Parse YAML text into plain data and positions."""
    builder = _Builder(display, text)
    loader = None
    try:
        loader = Loader(text)  # what yaml.parse() does, without a generator around each event
        while loader.check_event():
            builder.feed(loader.get_event())
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, display, text) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow anywhere
        raise _character_error(exc, display, text) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml marks its other errors
        message = str(exc).splitlines()[0]
        raise UnreadableFileError.at(display, 1, 1, f"invalid YAML: {message}") from None
    finally:
        if loader is not None:
            loader.dispose()
    return builder.result, builder.positions


def _syntax_error(exc: yaml.MarkedYAMLError, display: str, text: str) -> UnreadableFileError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    problem = exc.problem or "invalid YAML"
    if mark is not None and 0 <= mark.index < len(text):
        line_text = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
        indent = line_text[: len(line_text) - len(line_text.lstrip())]
        if "\t" in indent[: mark.column + 1]:
            problem = "tab character in indentation; indent with spaces"
    if exc.context and not problem.startswith("tab"):
        problem = f"{problem} ({exc.context})"
    return UnreadableFileError.at(display, line, column, f"invalid YAML: {problem}")


def _character_error(exc: yaml.reader.ReaderError, display: str, text: str) -> UnreadableFileError:
    # libyaml counts the position in bytes; finding the character itself gives line and column.
    index = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
    if index < 0:  # pragma: no cover - the reader names a character it read
        return UnreadableFileError.at(display, 1, 1, f"invalid YAML: {exc.reason}")
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return UnreadableFileError.at(
        display,
        line,
        column,
        f"character U+{exc.character:04X} is not allowed in YAML; remove it, or write it "
        f'as "\\u{exc.character:04x}" inside double quotes',
    )


@dataclass
class _Frame:
    container: dict | list
    path: YamlPath
    anchor: str | None
    pending_key: str | None = None
    key_mark: Mark | None = None


class _Builder:
    """Turn a libyaml event stream into data and positions, one event at a time."""

    def __init__(self, display: str, text: str) -> None:
        self.display = display
        self.text = text
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[object, int]] = {}
        self.positions = Positions()
        self.result: object = None
        self.nodes = 0
        self.documents = 0

    # -- errors ---------------------------------------------------------

    def fail(self, event: yaml.Event, message: str) -> UnreadableFileError:
        mark = event.start_mark
        return UnreadableFileError.at(self.display, mark.line + 1, mark.column + 1, message)

    def mark(self, event: yaml.Event) -> Mark:
        start, end = event.start_mark, event.end_mark
        return _mark(Mark, (self.display, start.line + 1, start.column + 1, start.index, end.index))

    # -- events ---------------------------------------------------------

    def feed(self, event: yaml.Event) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            # Most values are untagged plain text: take them without the general path.
            value = event.value
            if (
                event.tag is not None
                or event.style
                or not value
                or value[0] in _TYPED_FIRST
                or len(value) > MAX_SCALAR_CHARS
            ):
                self.check_tag(event)
                value = self.scalar(event)
            self.add(event, value)
            if event.anchor:
                self.anchors[event.anchor] = (value, 1)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self.check_tag(event)
            if len(self.stack) >= MAX_DEPTH:
                raise self.fail(event, f"nesting deeper than {MAX_DEPTH} levels")
            container: dict | list = {} if kind is yaml.MappingStartEvent else []
            path = self.add(event, container)
            self.stack.append(_Frame(container, path, event.anchor))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = self.stack.pop()
            if frame.anchor:
                self.anchors[frame.anchor] = (frame.container, self.count(frame.container))
        elif kind is yaml.AliasEvent:
            if event.anchor not in self.anchors:  # undefined, or its container is still open
                raise self.fail(event, f"unknown alias *{event.anchor}")
            value, size = self.anchors[event.anchor]
            self.nodes += size
            if self.nodes > MAX_NODES:
                raise self.fail(event, "too many values (an alias expands to too much data)")
            self.add(event, _copy(value), alias=True)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise self.fail(event, "more than one YAML document; use one file per role")

    def check_tag(self, event: yaml.NodeEvent) -> None:
        if event.tag not in _ALLOWED_TAGS:
            shown = event.tag.replace(_CORE, "!!")
            raise self.fail(event, f"unsupported YAML tag {shown!r}; only plain data is allowed")

    def scalar(self, event: yaml.ScalarEvent) -> object:
        value = event.value
        if len(value) > MAX_SCALAR_CHARS:
            raise self.fail(event, f"value is longer than {MAX_SCALAR_CHARS:,} characters")
        tag = event.tag
        if tag in (None, "!"):
            if event.style or tag == "!":
                return value
            if value and value[0] not in _TYPED_FIRST:  # text: no type starts this way
                return value
            tag = _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == _CORE + "str":
            return value
        if tag == _CORE + "null":
            return None
        if tag == _CORE + "merge":
            raise self.fail(event, "YAML merge keys (<<) are not supported; use 'extends'")
        node = yaml.ScalarNode(tag, value)
        try:
            result = _CONSTRUCTOR.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            kind = tag.replace(_CORE, "")
            raise self.fail(event, f"cannot read {value!r} as {kind}: {exc}") from None
        if isinstance(result, dt.datetime):
            return result.date() if result.time() == dt.time() else result
        return result

    def add(self, event: yaml.Event, value: object, alias: bool = False) -> YamlPath:
        """Attach a value to the container on top of the stack; return its path."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(event, f"too many values (more than {MAX_NODES:,})")
        start = event.start_mark  # self.mark(event), inlined: this runs for every value
        mark = _mark(
            Mark,
            (self.display, start.line + 1, start.column + 1, start.index, event.end_mark.index),
        )
        if not self.stack:
            self.result = value
            self.positions.values[()] = mark
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
            self.positions.values[path] = mark
            return path
        if frame.pending_key is None:
            return self.add_key(frame, event, value, alias)
        key, frame.pending_key = frame.pending_key, None
        path = (*frame.path, key)
        frame.container[key] = value
        self.positions.values[path] = mark
        if frame.key_mark is not None:
            self.positions.keys[path] = frame.key_mark
        return path

    def add_key(self, frame: _Frame, event: yaml.Event, key: object, alias: bool) -> YamlPath:
        if alias or isinstance(key, dict | list):
            raise self.fail(event, "a mapping key must be plain text")
        if key is None or isinstance(key, bool):
            raise self.fail(event, f"a mapping key must be text, not {key!r}")
        key = str(key)
        if key in frame.container:
            first = self.positions.keys.get((*frame.path, key))
            where = f" (first defined on line {first.line})" if first else ""
            raise self.fail(event, f"duplicate key {key!r}{where}")
        frame.pending_key = key
        frame.key_mark = self.mark(event)
        # Reserve the slot so a later duplicate is caught even before the value arrives.
        frame.container[key] = None
        self.positions.keys[(*frame.path, key)] = frame.key_mark
        return frame.path

    def count(self, value: object) -> int:
        if isinstance(value, dict):
            return 1 + sum(self.count(v) for v in value.values())
        if isinstance(value, list):
            return 1 + sum(self.count(v) for v in value)
        return 1


def _copy(value: object) -> object:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value

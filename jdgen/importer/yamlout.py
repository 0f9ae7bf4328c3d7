"""Write a draft as a role file a person can read: block scalars for long text, one
item a line, a comment on each value that was guessed, and what could not be placed
in a comment block at the end.

Each scalar is written by PyYAML (so quoting is always right) and the whole text is
parsed back before it is returned: if it does not give the same data, the plain
PyYAML dump (comments kept) is returned instead, so the file always loads as meant.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from jdgen.importer.draft import Draft
from jdgen.load.source import YamlPath, parse_yaml

INDENT = "  "
WIDTH = 100  # a line longer than this gets its comment on the line above


def role_yaml(draft: Draft, header: list[str]) -> str:
    """The role file's text: ``header`` comment lines, the keys, the leftovers."""
    data = _numbers(draft.ordered())
    lines = [f"# {line}" if line else "#" for line in header]
    body: list[str] = []
    for key, value in data.items():
        _node(body, (key,), key, value, 0, draft.guesses)
    text = "\n".join([*lines, *body]) + "\n"
    if _parsed(text) != data:  # a value the hand-written layout got wrong: PyYAML's own
        dump = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        text = "\n".join(lines) + "\n" + dump
    return text + _leftovers(draft.leftovers)


def _node(out: list[str], path: YamlPath, key: str | None, value: Any, depth: int, guesses):
    pad = INDENT * depth
    lead = f"{pad}{key}:" if key is not None else f"{pad}-"
    note = f"  # guessed: {_comment(guesses[path])}" if path in guesses else ""
    if isinstance(value, dict):
        if key is None:  # a list item that is a mapping: its first key on the dash's line
            first = True
            for inner_key, inner in value.items():
                start = len(out)
                _node(out, (*path, inner_key), inner_key, inner, depth + 1, guesses)
                if first:
                    out[start] = f"{pad}- " + out[start][len(pad) + len(INDENT) :] + note
                    first = False
            return
        out.append(lead + note)
        for inner_key, inner in value.items():
            _node(out, (*path, inner_key), inner_key, inner, depth + 1, guesses)
    elif isinstance(value, list):
        out.append(lead + note)
        for i, item in enumerate(value):
            _node(out, (*path, i), None, item, depth + 1 if key is not None else depth, guesses)
    elif isinstance(value, str) and "\n" in value and _literal_ok(value):
        if note:  # above the text: a comment after "|" reads as part of it
            out.append(f"{pad}#{note[3:]}")
        out.append(f"{lead} |" if value.endswith("\n") else f"{lead} |-")
        inner = INDENT * (depth + 1)
        out += [f"{inner}{line}" if line else "" for line in value.rstrip("\n").split("\n")]
    elif note and len(lead) + len(_scalar(value)) + len(note) > WIDTH and key is not None:
        out += [f"{pad}#{note[3:]}", f"{lead} {_scalar(value)}"]
    else:
        out.append(f"{lead} {_scalar(value)}{note}")


def _scalar(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_style=None)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _literal_ok(text: str) -> bool:
    """Whether a literal block scalar (``|``) keeps the text exactly."""
    lines = text.rstrip("\n").split("\n")
    return (
        text.strip() == text.rstrip("\n")
        and not text.endswith("\n\n")
        and all(line == line.rstrip() for line in lines)
        and all(c.isprintable() for line in lines for c in line)
        and not lines[0].startswith((" ", "\t"))
    )


def _comment(text: str) -> str:
    """Text made safe for a YAML comment: one line, and never a suppression comment."""
    return " ".join(text.split()).replace("jdgen:", "jdgen :")


def _leftovers(leftovers: list[str]) -> str:
    if not leftovers:
        return ""
    lines = [
        "",
        "# ---------------------------------------------------------------------------------",
        "# Not placed: the posting's text that jdgen import could not put in a role key.",
        "# Move what belongs to this role into it (text about the company belongs in",
        "# roles/_company.yaml), then delete this block.",
        "# ---------------------------------------------------------------------------------",
    ]
    for text in leftovers:
        lines.append("#")
        lines += [f"#   {_comment(line)}" if line.strip() else "#" for line in text.splitlines()]
    return "\n".join(lines) + "\n"


def _numbers(value: Any) -> Any:
    """Whole amounts as integers (``64000``, not ``64000.0``)."""
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _parsed(text: str) -> Any:
    try:
        return parse_yaml(text, "import")[0]
    except Exception:  # a layout mistake of this module's: fall back to PyYAML's dump
        return None

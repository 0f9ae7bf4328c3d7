"""Validate loaded data against the schema and explain failures at their lines.

Pydantic reports errors by location (``("salary", "min")``) and type
(``float_type``). This module turns each one into a :class:`SourceError` that
reads like a compiler message: ``roles/x.yaml:12:5: error: salary.min: expected a
number, got 'lots'``, and suggests the closest key for a misspelt one.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from jdgen.diagnostics import Problem, error
from jdgen.errors import RoleFileError
from jdgen.load.source import Positions, YamlPath, dotted

M = TypeVar("M", bound=BaseModel)

_EXPECTED = {
    "string_type": "expected text",
    "float_type": "expected a number",
    "finite_number": "expected a finite number",
    "int_type": "expected a whole number",
    "bool_type": "expected true or false",
    "list_type": "expected a list",
    "dict_type": "expected a mapping",
    "model_type": "expected a mapping",
    "model_attributes_type": "expected a mapping",
    "date_type": "expected a date like 2026-01-31",
    "date_parsing": "expected a date like 2026-01-31",
    "date_from_datetime_parsing": "expected a date like 2026-01-31",
    "date_from_datetime_inexact": "expected a date without a time",
    "url_type": "expected a web address starting with https:// or http://",
    "email_type": "expected an email address like careers@example.com",
    "id_type": "expected an id of lowercase letters, digits and hyphens, like 'crm-records'",
    "duration_type": "expected minutes, or a duration like '45m', '1h' or '1h30m'",
}


def validate(model: type[M], data: object, positions: Positions, display: str) -> M:
    """Validate ``data`` as ``model``; raise one :class:`RoleFileError` listing every problem."""
    if not isinstance(data, dict):
        mark = positions.of(())
        raise RoleFileError.at(
            display,
            mark.line if mark else 1,
            mark.column if mark else 1,
            f"expected a mapping of keys at the top level, got {describe(data)}",
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [_explain(model, err, data, positions, display) for err in exc.errors()]
        raise RoleFileError(_in_file_order(errors)) from None


def describe(value: object) -> str:
    """How a value reads in a message: ``'lots'``, ``a list``, ``nothing``."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (quote it if you meant text)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _explain(
    model: type[BaseModel], err: dict[str, Any], data: object, positions: Positions, display: str
) -> Problem:
    loc: YamlPath = tuple(err["loc"])
    kind = err["type"]
    if kind == "missing":
        parent = loc[:-1]
        mark = positions.of(parent)
        where = f"{dotted(parent)}: " if parent else ""
        message = f"{where}missing required key {loc[-1]!r}"
    elif kind == "extra_forbidden":
        mark = positions.key_of(loc)
        parent = loc[:-1]
        where = f"{dotted(parent)}: " if parent else ""
        message = (
            f"{where}unknown key {loc[-1]!r}{_did_you_mean(str(loc[-1]), fields_at(model, parent))}"
        )
    else:
        mark = positions.of(loc)
        message = f"{dotted(loc)}: {_what(kind, err, err.get('input', _value_at(data, loc)))}"
    line, column = (mark.line, mark.column) if mark else (None, None)
    return error(mark.file if mark else display, line, column, message)


def _what(kind: str, err: dict[str, Any], value: object) -> str:
    if kind in _EXPECTED:
        return f"{_EXPECTED[kind]}, got {describe(value)}"
    if kind == "literal_error":
        allowed = err.get("ctx", {}).get("expected", "")
        hint = ""
        if isinstance(value, str):
            choices = [c.strip(" '") for c in allowed.replace(" or ", ", ").split(",")]
            hint = _did_you_mean(value, choices)
        return f"expected one of {allowed}, got {describe(value)}{hint}"
    if kind == "value_error":
        return err["msg"].removeprefix("Value error, ")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{err['msg'].lower()}, got {describe(value)}"
    return err["msg"]


def _value_at(data: object, loc: YamlPath) -> object:
    for part in loc:
        try:
            data = data[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def fields_at(model: type[BaseModel], path: YamlPath) -> list[str]:
    """The keys the schema allows at ``path`` (empty if it is not a mapping)."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            current = _item_type(current)
            continue
        if typing.get_origin(_model_in(current)) is dict:  # a mapping keyed by the user
            current = _model_in(typing.get_args(_model_in(current))[1])
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _model_in(field.annotation)
    current = _model_in(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    """The model class inside ``Optional[...]``/``Annotated[...]``, or the list type."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                return _model_in(arg)
    return annotation


def _item_type(annotation: Any) -> Any:
    annotation = _model_in(annotation)
    if typing.get_origin(annotation) is list:
        return _model_in(typing.get_args(annotation)[0])
    return None


def _in_file_order(errors: list[Problem]) -> list[Problem]:
    """Each problem once, in the order pydantic found them (the order of the keys)."""
    seen: set[tuple] = set()
    out = []
    for p in errors:
        if p.key() not in seen:
            seen.add(p.key())
            out.append(p)
    return out

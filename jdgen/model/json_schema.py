"""The role file's JSON Schema, for editors (``jdgen schema``) and for tests.

Pydantic describes the validated model; a role *file* may say more than that:

- ``extends: _base.yaml``;
- ``key+:`` to append to an inherited list, and ``key: null`` to remove an inherited value;
- short forms: a requirement, education line, certification or question as a plain
  string, ``apply`` as a URL or an email address, a stage ``duration`` as ``"1h30m"``;
- and any key may be left out, since a base or the company defaults may supply it.

So the editor schema checks key names and value types, and leaves which keys are
required to ``jdgen lint``, which sees the file after the merge. The strict schema
(``editor=False``) keeps pydantic's required keys, for a role after the merge.
"""

from __future__ import annotations

import copy
from typing import Any

from jdgen.model.role import Role

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Models whose values may also be written as a plain string (see the model's BeforeValidators).
STRING_SHORT_FORMS = {
    "Requirement": "A requirement's text, or a mapping with id and text.",
    "Education": "An education line's text, or a mapping with text, credential and required.",
    "Certification": "A certification's name, or a mapping with name, issuer, url and required.",
    "Question": "A question-bank id, or a mapping with use or text.",
    "Apply": "A URL or an email address, or a mapping with url, email, instructions and deadline.",
}
DURATION = {
    "anyOf": [
        {"type": "integer", "exclusiveMinimum": 0, "maximum": 1440},
        {"type": "string", "pattern": r"^\s*(\d+\s*h\w*)?\s*(\d+\s*m\w*)?\s*$"},
    ],
    "description": "Minutes, or a duration like '45m', '1h' or '1h30m'.",
}


def role_schema(*, editor: bool = True) -> dict[str, Any]:
    """The JSON Schema of a role file (``editor``), or of a role after the merge."""
    schema = copy.deepcopy(Role.model_json_schema())
    defs = schema["$defs"]
    for name, description in STRING_SHORT_FORMS.items():
        defs[name] = {"anyOf": [{"type": "string"}, defs[name]], "description": description}
    defs["Stage"]["properties"]["duration"] = DURATION
    if editor:
        for model in [schema, *defs.values()]:
            for target in [model, *model.get("anyOf", [])]:
                if "properties" in target:
                    _loosen(target)
        schema["properties"] = {
            "extends": {
                "type": "string",
                "description": "A file to inherit from, relative to this one, like '_base.yaml'.",
            },
            **schema["properties"],
        }
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "jdgen role file" if editor else "jdgen role, after extends",
        "description": "A role in a jdgen workspace, roles/<role-id>.yaml: "
        "see docs/editor-support.md.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def _loosen(model: dict[str, Any]) -> None:
    """Any key may be left out or null, and a list key also has its ``key+`` form.

    In a mapping by id (``hiring.stages``), an entry may be null too: that removes it.
    """
    model.pop("required", None)
    properties: dict[str, Any] = {}
    for key, value in model["properties"].items():
        if isinstance(value.get("additionalProperties"), dict):  # a mapping by id: stages
            value = {**value, "additionalProperties": _nullable(value["additionalProperties"])}
        properties[key] = _nullable(value)
        if _is_list(value):
            properties[f"{key}+"] = {
                **{k: v for k, v in _list_of(value).items() if k != "default"},
                "description": f"Items appended to the inherited {key}.",
            }
    model["properties"] = properties


def _is_list(value: dict[str, Any]) -> bool:
    return value.get("type") == "array" or any(
        option.get("type") == "array" for option in value.get("anyOf", [])
    )


def _list_of(value: dict[str, Any]) -> dict[str, Any]:
    if value.get("type") == "array":
        return value
    return next(option for option in value["anyOf"] if option.get("type") == "array")


def _nullable(value: dict[str, Any]) -> dict[str, Any]:
    """``value``, or null (which removes an inherited value)."""
    if any(option.get("type") == "null" for option in value.get("anyOf", [])):
        return value
    outer = {k: v for k, v in value.items() if k in ("title", "description", "default")}
    inner = {k: v for k, v in value.items() if k not in outer}
    return {**outer, "anyOf": [inner, {"type": "null"}]}

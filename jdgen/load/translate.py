"""A role's text in other languages: sibling files laid over the original.

Beside any role, base or company file, ``<name>.<locale>.yaml`` holds its text
in that locale::

    roles/key-account-manager.yaml        # English (the default locale)
    roles/key-account-manager.es.yaml     # Spanish: title, summary, duties...
    roles/_base.es.yaml                   # Spanish for what the base says
    roles/_company.es.yaml                # Spanish for the company's about text

A translation file has the same shape as its original but only **text** keys
(:data:`TRANSLATABLE`). It is laid over the original before ``extends`` is
merged: mappings key by key, lists item by item (the n-th duty translates the
n-th duty). Anything it leaves out stays in the original language, and lint's
``missing-translation`` rule reports it.
"""

from __future__ import annotations

from functools import lru_cache

from jdgen.diagnostics import Problem, error
from jdgen.errors import RoleFileError
from jdgen.load.merge import APPEND
from jdgen.load.source import Positions, YamlPath, dotted

# Paths of text values a translation may give. "*" is any list index or mapping
# key. The same patterns apply inside the company file's `defaults`.
TRANSLATABLE: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split("."))
    for p in (
        "title",
        "department",
        "reports_to",
        "summary",
        "duties.*",
        "requirements.must.*.text",
        "requirements.nice.*.text",
        "requirements.must.*.id",
        "requirements.nice.*.id",
        "education.*.text",
        "certifications.*.name",
        "certifications.*.issuer",
        "skills.*",
        "benefits.*",
        "salary.variable.*.description",
        "salary.equity",
        "travel",
        "location.city",
        "location.region",
        "apply.instructions",
        "competencies.*.name",
        "competencies.*.description",
        "competencies.*.category",
        "competencies.*.id",
        "hiring.stages.*.name",
        "hiring.stages.*.instructions",
        "hiring.stages.*.interviewers.*",
        # the company file
        "name",
        "about",
        "equal_opportunity",
    )
)


def is_translatable(path: YamlPath, prefix: YamlPath = ()) -> bool:
    """Whether the value at ``path`` is text a translation may give."""
    if prefix and path[: len(prefix)] == prefix:
        path = path[len(prefix) :]
    return _is_translatable(path)


def translatable_prefix(path: YamlPath, prefix: YamlPath = ()) -> bool:
    """Whether ``path`` leads to (or is) a translatable value."""
    if prefix and path[: len(prefix)] == prefix:
        path = path[len(prefix) :]
    return _leads_to_translatable(path)


# Every file of a role, in every locale, asks about the same few hundred paths.
@lru_cache(maxsize=4096)
def _is_translatable(path: YamlPath) -> bool:
    return any(_matches(pattern, path) for pattern in TRANSLATABLE)


@lru_cache(maxsize=4096)
def _leads_to_translatable(path: YamlPath) -> bool:
    return any(
        _matches(pattern[: len(path)], path)
        for pattern in TRANSLATABLE
        if len(pattern) >= len(path)
    )


def overlay(
    original: dict, positions: Positions, translation: dict, tpos: Positions, display: str
) -> tuple[dict, Positions]:
    """``original`` with the text of ``translation`` laid over it, and their positions."""
    layer = _Overlay(tpos, Positions(dict(positions.values), dict(positions.keys)), display)
    data = layer.apply(original, translation, ())
    if layer.errors:
        raise RoleFileError(layer.errors)
    return data, layer.out


_TEXT_KEYS = ("text", "name")


class _Overlay:
    """Lays a translation's values over the original's, collecting what does not fit."""

    def __init__(self, tpos: Positions, out: Positions, display: str) -> None:
        self.tpos, self.out, self.display = tpos, out, display
        self.errors: list[Problem] = []

    def fail(self, where: YamlPath, message: str) -> None:
        mark = self.tpos.key_of(where)
        line, column = (mark.line, mark.column) if mark else (None, None)
        self.errors.append(error(self.display, line, column, f"{dotted(where)}: {message}"))

    def apply(self, base: object, over: object, path: YamlPath) -> object:
        prefix = ("defaults",) if path[:1] == ("defaults",) else ()
        # A list item may be a bare string or a mapping ({text: ...}, {name: ...}) on
        # either side: "- Three years" translates as "- text: Tres años", and back.
        if isinstance(base, str) and isinstance(over, dict):
            key = next((k for k in _TEXT_KEYS if k in over), None)
            if key is not None and set(over) <= {key, "id"}:
                if (*path, key) in self.tpos.values:
                    self.tpos.values[path] = self.tpos.values[(*path, key)]
                return self.apply(base, over[key], path)
        if isinstance(base, dict) and isinstance(over, str):
            key = next((k for k in _TEXT_KEYS if k in base), None)
            if key is not None:
                if path in self.tpos.values:
                    self.tpos.values[(*path, key)] = self.tpos.values[path]
                return {**base, key: self.apply(base[key], over, (*path, key))}
        if isinstance(over, dict):
            return self.mapping(base, over, path, prefix)
        if isinstance(over, list):
            return self.sequence(base, over, path)
        if path[-1:] == ("id",):
            if over != base:
                self.fail(path, f"id {over!r} does not match the original's {base!r}")
            return base
        if not isinstance(over, str):
            self.fail(path, f"expected text, got {over!r}")
            return base
        if isinstance(base, dict | list):
            shape = "a mapping" if isinstance(base, dict) else "a list"
            self.fail(path, f"expected {shape}, as in the original, got {over!r}")
            return base
        if path in self.tpos.values:
            self.out.values[path] = self.tpos.values[path]
        return over

    def mapping(self, base: object, over: dict, path: YamlPath, prefix: YamlPath) -> object:
        if not isinstance(base, dict):
            self.fail(path, "the original has no mapping here to translate")
            return base
        result = dict(base)
        for key, value in over.items():
            where = (*path, key)
            if key not in base:
                self.fail(where, "not in the original, so there is nothing to translate")
            elif where == ("defaults",) or translatable_prefix(where, prefix):
                result[key] = self.apply(base[key], value, where)
            else:
                self.fail(where, "not text, so it cannot be translated")
        return result

    def sequence(self, base: object, over: list, path: YamlPath) -> object:
        if not isinstance(base, list):
            self.fail(path, "the original has no list here to translate")
            return base
        if len(over) > len(base):
            self.fail(path, f"{len(over)} items, but the original has {len(base)}")
            return base
        result = list(base)
        for i, value in enumerate(over):
            result[i] = self.apply(base[i], value, (*path, i))
        return result


def _matches(pattern: tuple[str, ...], path: YamlPath) -> bool:
    """``("duties", "*")`` matches ``("duties", 3)``; ``must+`` (an append) counts as ``must``."""
    if len(pattern) != len(path):
        return False
    return all(
        p == "*" or p == str(q).removesuffix(APPEND) for p, q in zip(pattern, path, strict=True)
    )

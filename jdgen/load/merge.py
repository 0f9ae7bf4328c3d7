"""Merge a role file over the files it extends, keeping every value's position.

The rules, applied key by key from the bottom layer up (company defaults, then
each base in the ``extends`` chain, then the role itself):

- a mapping merges into the inherited mapping key by key;
- any other value, lists included, **replaces** the inherited one;
- ``key+: [...]`` **appends** to the inherited list (``duties+:``, ``benefits+:``);
- ``key: null`` **removes** the inherited value.
"""

from __future__ import annotations

from jdgen.errors import RoleFileError
from jdgen.load.source import Mark, Positions, YamlPath

APPEND = "+"


def merge(
    base: dict, base_pos: Positions, child: dict, child_pos: Positions
) -> tuple[dict, Positions]:
    """Return ``child`` merged over ``base``; neither input is modified."""
    out_pos = Positions(dict(base_pos.values), dict(base_pos.keys))
    if () in child_pos.values:
        # The merged document is the child's: a missing key is its to add, not a base's.
        out_pos.values[()] = child_pos.values[()]
    data = _merge(base, child, (), _Subtrees(child_pos), out_pos)
    return data, out_pos


class _Subtrees:
    """A file's positions, found by the path of the subtree they are in.

    Copying one key's positions then costs the size of that key's subtree, not the
    size of the whole file (which, key after key, made a merge quadratic). The
    positions are grouped by their top-level key once; a deeper subtree is picked
    out of its top-level group.
    """

    def __init__(self, positions: Positions) -> None:
        self.positions = positions
        self._groups: tuple[dict, dict] | None = None

    def under(self, table: int, path: YamlPath) -> list[tuple[YamlPath, Mark]]:
        """Positions at and below ``path`` (not the root) in the values (0) or keys (1) table."""
        if self._groups is None:
            self._groups = ({}, {})
            for group, source in zip(
                self._groups, (self.positions.values, self.positions.keys), strict=True
            ):
                for p, mark in source.items():
                    if p:
                        group.setdefault(p[0], []).append((p, mark))
        top = self._groups[table].get(path[0], [])
        if len(path) == 1:
            return top
        n = len(path)
        return [(p, mark) for p, mark in top if p[:n] == path]

    def key_of(self, path: YamlPath) -> Mark | None:
        return self.positions.key_of(path)


def _merge(base: dict, child: dict, path: YamlPath, cpos: _Subtrees, out: Positions) -> dict:
    result = dict(base)
    for raw_key, value in child.items():
        appending = raw_key.endswith(APPEND) and len(raw_key) > 1
        key = raw_key[: -len(APPEND)] if appending else raw_key
        src, dst = (*path, raw_key), (*path, key)
        if appending:
            inherited = result.get(key, [])
            if not isinstance(value, list) or not isinstance(inherited, list):
                mark = cpos.key_of(src)
                raise RoleFileError.at(
                    mark.file if mark else "?",
                    mark.line if mark else None,
                    mark.column if mark else None,
                    f"'{raw_key}' appends to a list, but "
                    + (
                        "its value is not a list"
                        if not isinstance(value, list)
                        else f"'{key}' is not a list"
                    ),
                )
            _copy_positions(cpos, src, out, dst, shift=len(inherited))
            result[key] = [*inherited, *value]
        elif value is None:
            result.pop(key, None)
            _drop_positions(out, dst)
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            out.keys[dst] = cpos.positions.keys.get(src, out.keys.get(dst))
            result[key] = _merge(result[key], value, dst, cpos, out)
        else:
            _drop_positions(out, dst)
            if _appends(value):
                _copy_positions(cpos, src, out, dst)
                result[key] = _strip_append_keys(value)
            else:  # the usual case: the value and its positions are taken as they are
                out.values.update(cpos.under(0, src))
                out.keys.update(cpos.under(1, src))
                result[key] = value
    return result


def _appends(value: object) -> bool:
    """Whether ``value`` holds a ``key+`` anywhere."""
    if isinstance(value, dict):
        return any((k.endswith(APPEND) and len(k) > 1) or _appends(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_appends(v) for v in value)
    return False


def _strip_append_keys(value: object) -> object:
    """A replaced subtree has nothing to append to: ``key+`` just means ``key`` there."""
    if isinstance(value, dict):
        return {
            (k[: -len(APPEND)] if k.endswith(APPEND) and len(k) > 1 else k): _strip_append_keys(v)
            for k, v in value.items()
        }
    return value


def _drop_positions(out: Positions, path: YamlPath) -> None:
    if path not in out.values and path not in out.keys:
        return  # nothing is inherited there, so nothing lies below it either
    n = len(path)
    for table in (out.values, out.keys):
        for p in [p for p in table if p[:n] == path]:
            del table[p]


def _copy_positions(
    src_pos: _Subtrees, src: YamlPath, out: Positions, dst: YamlPath, shift: int = 0
) -> None:
    n = len(src)
    for table, table_out in ((0, out.values), (1, out.keys)):
        for p, mark in src_pos.under(table, src):
            rest = list(p[n:])
            if shift and rest and isinstance(rest[0], int):
                rest[0] += shift
            rest = [
                r[: -len(APPEND)] if isinstance(r, str) and r.endswith(APPEND) else r for r in rest
            ]
            if shift and not rest and table == 0:
                continue  # the list as a whole keeps the inherited list's position
            table_out[(*dst, *rest)] = mark


def reroot(positions: Positions, prefix: YamlPath) -> Positions:
    """Positions of the subtree at ``prefix``, with ``prefix`` removed from their paths."""
    n = len(prefix)
    return Positions(
        {p[n:]: m for p, m in positions.values.items() if p[:n] == prefix},
        {p[n:]: m for p, m in positions.keys.items() if p[:n] == prefix and len(p) > n},
    )

"""Make a draft schema-valid: a value the role schema refuses goes to the leftovers."""

from __future__ import annotations

from jdgen.importer.draft import Draft


def make_valid(draft: Draft) -> None:
    """Move every value :class:`~jdgen.model.Role` refuses into ``draft.leftovers``."""
    from pydantic import ValidationError

    from jdgen.load.source import dotted
    from jdgen.model import Role

    for _ in range(20):
        try:
            Role.model_validate(draft.data)
            return
        except ValidationError as exc:
            wrong = {tuple(err["loc"][:2]) if len(err["loc"]) > 1 else tuple(err["loc"][:1])
                     for err in exc.errors()}  # fmt: skip
        for path in sorted(wrong, key=len, reverse=True):
            _drop(draft, path, dotted(path))
    raise AssertionError("the draft did not become valid")  # pragma: no cover


def _drop(draft: Draft, path: tuple, shown: str) -> None:
    node = draft.data
    for part in path[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict) and path[-1] in node:
        draft.leave(f"{shown}: {node.pop(path[-1])}")
        if isinstance(node, dict) and not node and len(path) > 1:
            _drop(draft, path[:-1], shown)
    elif isinstance(node, list) and isinstance(path[-1], int) and path[-1] < len(node):
        draft.leave(f"{shown}: {node.pop(path[-1])}")
    elif len(path) > 1:
        _drop(draft, path[:-1], shown)
    else:  # nothing to drop: the title is wrong
        draft.data.pop(path[0], None)

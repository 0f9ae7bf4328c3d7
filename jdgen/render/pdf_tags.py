"""The PDF's structure tree, completed after WeasyPrint has written it (with pikepdf)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf


def scope_table_headers(data: bytes) -> bytes:
    """The PDF with a ``/Scope`` (``/Column`` or ``/Row``) on every table header cell.

    PDF readers tie a data cell to its headers through them, and PDF/UA asks for them
    (Matterhorn checkpoint 15-003); WeasyPrint 70 writes ``/A << /O /Table >>`` on a
    ``TH`` without one. Where the page said it, WeasyPrint has kept the HTML ``scope``
    in the data cells' ``/Headers``: a header that the cells of its own row name is a
    row header, one that cells of other rows name a column header. A header no cell
    names goes by its place: in the table head, or not first in its row, a column
    header; first in a body row, a row header.
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        elements = _structure(tree.get("/K")) if tree is not None else ()
        changed = False
        for table in [e for e in elements if e.get("/S") == "/Table"]:
            changed |= _scope_table(table)
        if not changed:
            return data
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)  # the same page, the same bytes
        return out.getvalue()


def _structure(node) -> Iterator:
    """Every structure element under ``node`` (a ``/K``), parents first."""
    if isinstance(node, pikepdf.Array):
        for child in node:
            yield from _structure(child)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        yield node
        yield from _structure(node.get("/K"))


def _kids(element, *types: str) -> list:
    return [k for k in _structure_kids(element) if k.get("/S") in types]


def _structure_kids(element) -> list:
    kids = element.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _scope_table(table) -> bool:
    """Scope the headers of one ``/Table`` element; whether any changed."""
    rows = []  # (in the table head, the row's cells)
    for part in _structure_kids(table):
        if part.get("/S") == "/TR":
            rows.append((False, _kids(part, "/TH", "/TD")))
        elif part.get("/S") in ("/THead", "/TBody", "/TFoot"):
            head = part.get("/S") == "/THead"
            rows.extend((head, _kids(row, "/TH", "/TD")) for row in _kids(part, "/TR"))
    named = [{str(h) for c in cells for h in _headers(c)} for _, cells in rows]
    changed = False
    for i, (head, cells) in enumerate(rows):
        for j, cell in enumerate(cells):
            if cell.get("/S") != "/TH" or _scope(cell) is not None:
                continue
            key = str(cell.get("/ID", ""))
            if key and key in named[i]:
                scope = "/Row"
            elif key and any(key in names for names in named):
                scope = "/Column"
            else:
                scope = "/Row" if (j == 0 and not head) else "/Column"
            _set_scope(cell, pikepdf.Name(scope))
            changed = True
    return changed


def _headers(cell) -> list:
    attributes = cell.get("/A")
    for owned in _attribute_dicts(attributes):
        if "/Headers" in owned:
            return list(owned.Headers)
    return []


def _attribute_dicts(attributes) -> list:
    if isinstance(attributes, pikepdf.Dictionary):
        return [attributes]
    if isinstance(attributes, pikepdf.Array):
        return [a for a in attributes if isinstance(a, pikepdf.Dictionary)]
    return []


def _scope(cell):
    for owned in _attribute_dicts(cell.get("/A")):
        if owned.get("/O") == "/Table" and "/Scope" in owned:
            return owned.Scope
    return None


def _set_scope(cell, scope) -> None:
    """``/Scope`` in the cell's table attributes, made if it has none."""
    for owned in _attribute_dicts(cell.get("/A")):
        if owned.get("/O") == "/Table":
            owned.Scope = scope
            return
    table = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=scope)
    existing = cell.get("/A")
    if existing is None:
        cell.A = table
    elif isinstance(existing, pikepdf.Array):
        existing.append(table)
    else:
        cell.A = pikepdf.Array([existing, table])

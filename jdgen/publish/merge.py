"""Join tagged PDFs into one: the review pack from the PDFs a build already wrote.

Laying out a hundred roles' postings and plans again, in one document, took
WeasyPrint eight minutes, one page after another; each role's PDF is written
already, in parallel. So the review pack is its front matter (summary table,
career ladder, review sheets), rendered by WeasyPrint, followed by those files,
joined here with pikepdf. What makes each part accessible comes with it:

- the structure tree: each part's elements go under the pack's root, and the
  numbers that tie page content and links to them (``StructParents``, the
  ``ParentTree``) are shifted so that they do not collide;
- links: one to a named place in the same part points to that place directly,
  since the parts' names are not kept;
- bookmarks: one per part, holding the part's own.

The front matter's contents link to the parts through ``jdgen-part:N`` links,
which are made into links to the first page of part N.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

PART_SCHEME = "jdgen-part:"


@dataclass(frozen=True)
class Part:
    """A PDF to append, and the bookmark it gets."""

    path: Path
    title: str


def page_count(path: Path) -> int:
    import pikepdf

    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def join(front: bytes, parts: list[Part]) -> bytes:
    """``front`` followed by each part. The result keeps front's metadata and language."""
    import pikepdf

    out = pikepdf.open(io.BytesIO(front))
    tree = out.Root.StructTreeRoot
    kids = tree.K if isinstance(tree.K, pikepdf.Array) else pikepdf.Array([tree.K])
    nums = list(tree.ParentTree.Nums)
    next_key = max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1
    starts: list[int] = []
    with out.open_outline() as outline:
        for part in parts:
            start = len(out.pages)
            starts.append(start)
            with pikepdf.open(part.path) as src:
                offset, used = next_key, _prepare(src)
                next_key += used
                out.pages.extend(src.pages)  # first, so that the elements' /Pg find them
                copied = [_copy(out, src, element) for element in _elements(src)]
                for element in copied:
                    element.P = tree
                    if element.get("/S") == "/Document":
                        element.S = pikepdf.Name.Part
                    kids.append(element)
                src_nums = src.Root.StructTreeRoot.ParentTree.Nums
                for i in range(0, len(src_nums), 2):
                    nums += [int(src_nums[i]) + offset, _copy(out, src, src_nums[i + 1])]
                for page in out.pages[start:]:
                    if "/StructParents" in page.obj:
                        page.obj.StructParents = int(page.obj.StructParents) + offset
                    for annot in page.obj.get("/Annots", []):
                        if "/StructParent" in annot:
                            annot.StructParent = int(annot.StructParent) + offset
                item = pikepdf.OutlineItem(part.title, start)
                item.children.extend(_bookmarks(out, src, start))
                outline.root.append(item)
        tree.K = kids
        tree.ParentTree = out.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
        tree.ParentTreeNextKey = next_key
    _link_parts(out, starts, [part.title for part in parts])
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def _copy(out, src, obj):
    """``obj`` of ``src``, copied into ``out`` (an object held inside another one is
    made a standalone object first, as pikepdf copies only those)."""
    return out.copy_foreign(obj if obj.is_indirect else src.make_indirect(obj))


def _elements(src) -> list:
    """The top elements of the part's structure tree, cut loose from its root, so that
    copying them does not copy the root (and through it, everything else) too."""
    import pikepdf

    k = src.Root.StructTreeRoot.K
    elements = list(k) if isinstance(k, pikepdf.Array) else [k]
    for element in elements:
        if "/P" in element:
            del element.P
    return elements


def _prepare(src) -> int:
    """Point the part's links to named places at the places themselves (the joined
    document keeps no names: two parts may use the same one); return how many
    structure-parent numbers the part uses."""
    import pikepdf

    names = src.Root.get("/Names")
    tree = pikepdf.NameTree(names.Dests) if names is not None and "/Dests" in names else None

    def place(name: object) -> object | None:
        if not isinstance(name, pikepdf.String | pikepdf.Name) or tree is None:
            return None
        found = tree.get(str(name).removeprefix("/"))
        return found.D if isinstance(found, pikepdf.Dictionary) else found

    for page in src.pages:
        for annot in page.obj.get("/Annots", []):
            if "/Dest" in annot and not isinstance(annot.Dest, pikepdf.Array):
                found = place(annot.Dest)
                if found is None:
                    del annot.Dest  # a link to nowhere, rather than to the wrong part
                else:
                    annot.Dest = found
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/GoTo":
                target = action.get("/D")
                if not isinstance(target, pikepdf.Array):
                    found = place(target)
                    if found is not None:
                        action.D = found
    nums = src.Root.StructTreeRoot.ParentTree.Nums
    return max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1


def _bookmarks(out, src, start: int) -> list:
    """The part's own bookmarks, pointing into the joined document."""
    import pikepdf

    pages = {page.objgen: i for i, page in enumerate(src.pages)}

    def convert(item) -> pikepdf.OutlineItem | None:
        dest = item.destination
        if isinstance(dest, pikepdf.Array) and len(dest) and dest[0].objgen in pages:
            page = out.pages[start + pages[dest[0].objgen]].obj  # the same place on it
            new = pikepdf.OutlineItem(item.title, pikepdf.Array([page, *list(dest)[1:]]))
        else:
            new = pikepdf.OutlineItem(item.title, start)
        new.children.extend(c for c in map(convert, item.children) if c is not None)
        return new

    with src.open_outline() as outline:
        return [c for c in map(convert, outline.root) if c is not None]


def _link_parts(out, starts: list[int], titles: list[str]) -> None:
    """Make each ``jdgen-part:N`` link of the front matter a link to part N."""
    import pikepdf

    for page in out.pages[: starts[0] if starts else len(out.pages)]:
        for annot in page.obj.get("/Annots", []):
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if uri.startswith(PART_SCHEME):
                n = int(uri.removeprefix(PART_SCHEME))
                if 0 <= n < len(starts):
                    target = out.pages[starts[n]].obj
                    annot.A = pikepdf.Dictionary(
                        Type=pikepdf.Name.Action,
                        S=pikepdf.Name.GoTo,
                        D=pikepdf.Array([target, pikepdf.Name.Fit]),
                    )
                    annot.Contents = pikepdf.String(titles[n])  # what the link says (PDF/UA)

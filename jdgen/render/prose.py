"""Role text, made safe for each output format.

Most role values (a title, a duty, a benefit) are **plain text**: HTML output
escapes them through Jinja's autoescaping, and Markdown output escapes the
characters that would change the document's structure (:func:`md_escape`).

A few longer values (``summary``, the company's ``about`` and equal-opportunity
statement) are **Markdown, in a safe subset**: paragraphs, emphasis, lists and
links. Raw HTML is shown as text, never passed through, and links may only use
``http``, ``https`` or ``mailto``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_SCHEMES = ("http://", "https://", "mailto:")

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Headings and quotes need no space after them in some Markdown dialects ("#1"); list
# markers do, so "50.000 €" and "-5%" stay as they are.
_MD_LINE_START = re.compile(r"^(\s*)([>#=]|[-+*](?=\s|$))", re.MULTILINE)
# A backslash escapes punctuation only: "1. " becomes "1\. ", never "\1. ".
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)", re.MULTILINE)
_MD_SAFE_AUTOLINK = re.compile(r"(<(?:https?://|mailto:)[^\s<>]*>)", re.IGNORECASE)
# What may come between a reference definition's "]:" and its destination: spaces, at
# most one line break, and the next line's container marks (a quote's ">").
_MD_DEFINITION_GAP = re.compile(r"[ \t]*(?:\r?\n[ \t>]*)?<?")


def md_escape(text: object) -> str:
    """Escape plain text for Markdown, so it stays text: ``a*b*`` → ``a\\*b\\*``."""
    text = " ".join(str(text).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    text = _MD_ORDERED.sub(r"\1\\\2", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


class _SafeLinks(Treeprocessor):
    """Drop links and images whose URL is not http, https or mailto."""

    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    parent.remove(child)
                elif child.tag == "a":
                    href = child.get("href", "").strip()
                    if not href.lower().startswith(SAFE_SCHEMES):
                        child.attrib.pop("href", None)
                        child.tag = "span"
                    else:
                        child.set("rel", "nofollow noopener")


class _SafeSubset(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        for name in ("image_link", "image_reference", "short_image_ref"):
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)
        md.treeprocessors.register(_SafeLinks(md), "jdgen_safe_links", 0)


def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_SafeSubset()], output_format="html")


_MARKDOWN = _converter()


def prose_html(text: str | None) -> Markup:
    """Markdown (safe subset) to HTML. Raw HTML in the text comes out escaped."""
    if not text:
        return Markup("")
    _MARKDOWN.reset()
    return Markup(_MARKDOWN.convert(text))


def prose_markdown(text: str | None) -> str:
    """Markdown (safe subset) for a Markdown document.

    As in :func:`prose_html`: raw HTML and images show as text, and a link to
    anything but http, https or mailto keeps only its text.
    """
    if not text:
        return ""
    parts = _MD_SAFE_AUTOLINK.split(text.strip())
    for i in range(0, len(parts), 2):  # the odd parts are safe autolinks, kept as they are
        parts[i] = parts[i].replace("<", "&lt;").replace(">", "&gt;")
    text = "".join(parts)
    text = re.sub(r"!\[", lambda m: m.group() if _escaped(text, m.start()) else "!\\[", text)
    # Dropping a link can join what was around it into a new definition ("[r][](x):
    # javascript:..." becomes "[r]: javascript:..."), so both run until nothing changes.
    for _ in range(8):
        safe = _drop_unsafe_links(_neutralise_definitions(text))
        if safe == text:
            return safe
        text = safe
    return _MD_SPECIAL.sub(r"\\\1", text)  # still changing: show it all as text


def _neutralise_definitions(text: str) -> str:
    """Escape the ``]`` of every ``]:`` that a safe destination does not follow.

    A reference definition (``[r]: javascript:alert(1)``) can stand wherever a line can
    start: at the margin, in a list item, in a quote, after a label that spans lines.
    Rather than find every place one may begin, this spoils each possible end: a
    definition needs an unescaped ``]`` right before its ``:``, and ``\\]`` shows as
    ``]`` in any case.
    """
    out, start = [], 0
    for match in re.finditer(r"\]:", text):
        i = match.start()
        if _escaped(text, i):
            continue
        gap = _MD_DEFINITION_GAP.match(text, i + 2)
        if not text[gap.end() : gap.end() + 10].lower().startswith(SAFE_SCHEMES):
            out.append(text[start:i] + "\\")
            start = i
    out.append(text[start:])
    return "".join(out)


def _drop_unsafe_links(text: str) -> str:
    """Replace each inline link ``[words](url)`` whose url is unsafe by ``words``."""
    i = 0
    while (i := text.find("](", i)) != -1:
        if _escaped(text, i) or _safe(text[i + 2 : i + 200]):  # a prefix is enough
            i += 2
            continue
        start, end = _link_start(text, i), _link_end(text, i + 1)
        if start is None or end is None:  # not a whole link: make sure it never becomes one
            text = text[:i] + "\\" + text[i:]
            i += 3
        else:
            text = text[:start] + text[start + 1 : i] + text[end + 1 :]
            i = start
    return text


def _safe(destination: str) -> bool:
    return destination.lstrip().removeprefix("<").lower().startswith(SAFE_SCHEMES)


def _escaped(text: str, i: int) -> bool:
    """Whether ``text[i]`` follows an odd number of backslashes."""
    n = 0
    while i - n > 0 and text[i - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _link_start(text: str, close: int) -> int | None:
    """The ``[`` that the ``]`` at ``close`` closes."""
    depth = 0
    for j in range(close - 1, -1, -1):
        if text[j] in "[]" and not _escaped(text, j):
            if text[j] == "]":
                depth += 1
            elif depth == 0:
                return j
            else:
                depth -= 1
    return None


def _link_end(text: str, open_: int) -> int | None:
    """The ``)`` that closes the ``(`` at ``open_``."""
    depth = 0
    for j in range(open_ + 1, len(text)):
        if text[j] in "()" and not _escaped(text, j):
            if text[j] == "(":
                depth += 1
            elif depth == 0:
                return j
            else:
                depth -= 1
    return None


def prose_text(text: str | None) -> str:
    """Markdown (safe subset) reduced to plain text, for lint and metadata."""
    if not text:
        return ""
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    plain = re.sub(r"[*_`]+", "", plain)
    return " ".join(plain.split())

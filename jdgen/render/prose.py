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
_MD_LINE_START = re.compile(r"^(\s*)([-+*>#=]|\d+[.)])", re.MULTILINE)


def md_escape(text: object) -> str:
    """Escape plain text for Markdown, so it stays text: ``a*b*`` → ``a\\*b\\*``."""
    text = " ".join(str(text).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
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
    """Markdown (safe subset) for a Markdown document: raw HTML is escaped, links kept."""
    if not text:
        return ""
    text = text.strip()
    return text.replace("<", "&lt;").replace(">", "&gt;")


def prose_text(text: str | None) -> str:
    """Markdown (safe subset) reduced to plain text, for lint and metadata."""
    if not text:
        return ""
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    plain = re.sub(r"[*_`]+", "", plain)
    return " ".join(plain.split())

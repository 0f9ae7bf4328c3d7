"""Read a saved job page: its JobPosting JSON-LD when it has one, else its main text
(:mod:`jdgen.importer.htmltext`)."""

from __future__ import annotations

import json

from jdgen.importer.blocks import Posting
from jdgen.importer.htmltext import page_blocks
from jdgen.importer.jsonld import job_postings, read_job_posting


def read_html(display: str, text: str) -> Posting:
    """The posting on a saved page: from its JobPosting JSON-LD, else from its text."""
    blocks, scripts = page_blocks(text)
    for script, offset in scripts:
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        for found in job_postings(data):
            posting = read_job_posting(display, text, found, offset, offset + len(script))
            posting.kind = "html"
            posting.notes.append("read the page's JobPosting data (JSON-LD)")
            return posting
    posting = Posting(display, text, "html", blocks)
    posting.notes.append("the page has no JobPosting data: read its main text")
    return posting

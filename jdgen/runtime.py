"""Process-wide settings for the ``jdgen`` command, and nothing else calls them.

The library (``import jdgen``) changes nothing about the process it runs in; the
command line applies these two, measured in ``bench/`` (see ``bench/RESULTS.md``):

- **The garbage collector's pace.** jdgen makes many small objects and few
  reference cycles: a YAML mark per value, some 200,000 for a thousand roles.
  Python's cyclic collector, run every 700 new objects, takes a large share of a
  lint of many roles; run every 50,000, next to nothing. A build that prints PDFs
  keeps Python's usual pace: WeasyPrint's layout makes cycles that only the
  collector frees, and left slow, a PDF build's memory grows.
- **The per-user cache** (:mod:`jdgen.usercache`), which keeps what the
  workspace-wide lint rules need of each role between runs.
"""

from __future__ import annotations

import gc

from jdgen import usercache

LINT_PACE = (50_000, 20, 100)
USUAL_PACE = (700, 10, 10)


def setup() -> None:
    """What the ``jdgen`` command does first."""
    gc.set_threshold(*LINT_PACE)
    usercache.enable()


def printing_pdfs() -> None:
    """Back to Python's usual collector pace, for a build that prints PDFs."""
    gc.set_threshold(*USUAL_PACE)

"""What the ``jdgen`` command sets up for its process, and nothing else calls.

The library (``import jdgen``) leaves the process it runs in as it found it and
writes no file behind its caller's back. The command line turns on one thing:

- **the per-user cache** (:mod:`jdgen.usercache`), which keeps what the
  workspace-wide lint rules need of each role between runs, so that linting one
  file does not load every role again (``bench/RESULTS.md``: in a workspace of
  1,000 roles, one-file lint takes about as long as in one of four with it, more
  than twice as long without).

It no longer slows Python's garbage collector: that helped while lint held every
role in memory until the end, and measured within 2% once it stopped (see
``bench/notes.md``).
"""

from __future__ import annotations

from jdgen import usercache


def setup() -> None:
    """What the ``jdgen`` command does first."""
    usercache.enable()

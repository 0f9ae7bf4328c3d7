"""Lint: the checks ``jdgen lint`` reports and ``jdgen build`` obeys.

- :mod:`jdgen.lint.check`: the pipeline, from a role file to its problems;
- :mod:`jdgen.lint.run`: ``jdgen lint`` over the files asked for;
- :mod:`jdgen.lint.report`: what the command shows, and where (:mod:`jdgen.lint.places`,
  :mod:`jdgen.lint.formats`);
- :mod:`jdgen.lint.wording` and :mod:`jdgen.lint.canonical`: reading text as the word
  lists do (through disguises, and with its context);
- :mod:`jdgen.lint.registry` and :mod:`jdgen.lint.rules`: the rules, one per module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jdgen.lint.posting import check_text

__all__ = ["check_text"]


def __getattr__(name: str) -> Any:
    """``jdgen.lint.check_text``, imported when first asked for: importing this package
    (as every lint module does) loads no rule."""
    if name == "check_text":
        from jdgen.lint.posting import check_text

        return check_text
    raise AttributeError(f"module 'jdgen.lint' has no attribute {name!r}")

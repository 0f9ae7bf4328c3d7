"""``python -m jdgen``: the same as the ``jdgen`` command."""

from jdgen.cli import run

run()

"""Lint: the checks ``jdgen lint`` reports and ``jdgen build`` obeys.

- :mod:`jdgen.lint.check`: the pipeline, from a role file to its problems;
- :mod:`jdgen.lint.run`: ``jdgen lint`` over the files asked for;
- :mod:`jdgen.lint.registry` and :mod:`jdgen.lint.rules`: the rules, one per module.
"""

"""Lint: the checks ``jdgen lint`` reports and ``jdgen build`` obeys.

- :mod:`jdgen.lint.check`: the pipeline, from a role file to its problems;
- :mod:`jdgen.lint.run`: ``jdgen lint`` over the files asked for;
- :mod:`jdgen.lint.report`: what the command shows, and where (:mod:`jdgen.lint.places`,
  :mod:`jdgen.lint.formats`);
- :mod:`jdgen.lint.wording` and :mod:`jdgen.lint.canonical`: reading text as the word
  lists do (through disguises, and with its context);
- :mod:`jdgen.lint.registry` and :mod:`jdgen.lint.rules`: the rules, one per module.
"""

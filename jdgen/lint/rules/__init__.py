"""Lint rules, one per module. The registry is :mod:`jdgen.lint.registry`."""

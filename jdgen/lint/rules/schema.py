"""Role files must load: readable YAML, with the keys and types the schema knows.

This rule reports what stops a file from being read or validated: a YAML
syntax error, a duplicate key, an unknown key (with the closest known one), a
value of the wrong type, a broken ``extends``, a translation that does not fit its
original, two role files with one id. It is reported wherever the problem is: in
the role file, a base it extends, the company file, or a translation. It cannot be
turned off, and a comment cannot silence it: a role that does not load cannot be
built.

Passing example::

    title: Senior Account Manager
    level: senior
    duties:
      - Manage a portfolio of mid-sized accounts

Failing example::

    title: Senior Account Manager
    level: senior
    dutes:
      - Manage a portfolio of mid-sized accounts
"""

from __future__ import annotations

ID = "schema"
LEVEL = "error"
DEFAULT: dict = {}
# Loading reports these problems itself (jdgen.load); the rule has no check of its own.

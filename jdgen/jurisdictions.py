"""The pay-transparency table: shipped in the package, corrected by the workspace.

``jdgen/data/jurisdictions.yaml`` holds one row per jurisdiction. A workspace may
add ``roles/_jurisdictions.yaml`` in the same format; it is merged over the
shipped file with the rules role files use for ``extends``: a row's mapping
merges key by key (so ``US-NJ: {requires: {max_range_spread: null}}`` drops one
requirement), a new key adds a row, and ``US-NJ: null`` removes a row.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from jdgen.errors import ConfigFileError, RoleFileError
from jdgen.load.merge import merge
from jdgen.load.source import load_yaml
from jdgen.load.validate import validate
from jdgen.model.jurisdiction import JurisdictionTable
from jdgen.usercache import checked_data

OVERRIDE_FILE = "_jurisdictions.yaml"
PACKAGE_DISPLAY = "jdgen/data/jurisdictions.yaml"


def package_table_path() -> Path:
    return Path(str(files("jdgen") / "data" / "jurisdictions.yaml"))


def load_jurisdictions(roles_dir: Path, display: Callable[[Path], str]) -> JurisdictionTable:
    """The shipped table, with the workspace's ``roles/_jurisdictions.yaml`` merged over it.

    The shipped table alone, checked, is kept between runs (:mod:`jdgen.usercache`).
    """
    return checked_data(
        "jurisdictions",
        package_table_path(),
        roles_dir / OVERRIDE_FILE,
        lambda with_override: _load(roles_dir, display, with_override=with_override),
    )


def _load(
    roles_dir: Path, display: Callable[[Path], str], *, with_override: bool
) -> JurisdictionTable:
    shipped = load_yaml(package_table_path(), PACKAGE_DISPLAY)
    data, positions, where = shipped.data, shipped.positions, PACKAGE_DISPLAY
    override = roles_dir / OVERRIDE_FILE
    try:
        if with_override and override.is_file():
            own = load_yaml(override, display(override))
            where = own.display
            if not isinstance(own.data, dict):
                mark = own.positions.of(())
                raise RoleFileError(
                    own.display,
                    mark.line if mark else 1,
                    1,
                    "expected a mapping with 'jurisdictions' (and optionally 'last_reviewed')",
                )
            data, positions = merge(data, positions, own.data, own.positions)
        return validate(JurisdictionTable, data, positions, where)
    except RoleFileError as exc:
        raise ConfigFileError.collect(exc.errors) from None


def unknown_key_message(key: str, known: list[str]) -> str:
    """``unknown jurisdiction 'US-CX' (did you mean 'US-CO'?)``, listing keys when none is close."""
    upper = key.strip().upper()
    close = [upper] if upper in known else difflib.get_close_matches(upper, known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(sorted(known))
    return f"unknown jurisdiction {key!r} ({hint})"

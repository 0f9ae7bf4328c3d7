"""Data jdgen ships, and the workspace files that correct it: one loader for all of it.

jdgen ships its word lists, its pay-transparency table and its interview question
bank in ``jdgen/data/``. Two of them a workspace may correct with a file of its own
in ``roles/``, merged over the shipped data with the rules role files use for
``extends`` (a mapping merges key by key, ``key+:`` appends, ``key: null`` removes):

=================================  ==============================  =====================
shipped                            workspace file                  checked as
=================================  ==============================  =====================
``jdgen/data/jurisdictions.yaml``  ``roles/_jurisdictions.yaml``   ``JurisdictionTable``
``jdgen/data/question_bank.yaml``  ``roles/_questions.yaml``       ``QuestionBank``
``jdgen/data/lint/*.yaml``         (none yet: word lists have no   (used as read)
                                   schema to check a change by)
=================================  ==============================  =====================

Shipped data is jdgen's own and trusted: it is read with libyaml's plain loader,
without positions (the tests check that it validates). A workspace file is read
through the workspace's document store like every other workspace file, and its
problems are reported at its lines as a :class:`~jdgen.errors.ConfigFileError`:
every role depends on it, so a broken one stops lint and build alike.
"""

from __future__ import annotations

import difflib
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from jdgen.errors import ConfigFileError, RoleFileError
from jdgen.load.merge import merge
from jdgen.load.source import Positions

if TYPE_CHECKING:
    from jdgen.load.store import DocumentStore
    from jdgen.model import QuestionBank
    from jdgen.model.jurisdiction import JurisdictionTable

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DATA = Path(str(files("jdgen") / "data"))

JURISDICTIONS_FILE = "_jurisdictions.yaml"
QUESTIONS_FILE = "_questions.yaml"
GUIDELINES = "interview_guidelines"
# Workspace attribute: the file in roles/ that corrects it.
OVERRIDES = {"jurisdictions": JURISDICTIONS_FILE, "question_bank": QUESTIONS_FILE}


@cache
def data_file(name: str) -> Any:
    """A YAML data file shipped in ``jdgen/data`` (``"lint/exclusionary.yaml"``), parsed
    once per process."""
    return yaml.load((DATA / name).read_bytes(), Loader=_Loader)


def workspace_overrides(store: DocumentStore, roles_dir: Path) -> list[str]:
    """The shipped data the workspace corrects with a file of its own (the names of the
    workspace attributes that load them)."""
    return [name for name, file in OVERRIDES.items() if store.exists(roles_dir / file)]


def jurisdictions(store: DocumentStore, roles_dir: Path) -> JurisdictionTable:
    """The shipped pay-transparency table, with ``roles/_jurisdictions.yaml`` merged over it."""
    from jdgen.model.jurisdiction import JurisdictionTable

    data, positions, where = _merged(store, roles_dir / JURISDICTIONS_FILE, "jurisdictions.yaml")
    if where is None:
        return _shipped_table()
    return _validate(JurisdictionTable, data, positions, where)


@cache
def _shipped_table() -> JurisdictionTable:
    from jdgen.model.jurisdiction import JurisdictionTable

    return JurisdictionTable.model_validate(data_file("jurisdictions.yaml"))


def question_bank(store: DocumentStore, roles_dir: Path) -> QuestionBank:
    """The shipped question bank, with ``roles/_questions.yaml`` merged over it."""
    from jdgen.model import QuestionBank

    data, positions, where = _merged(store, roles_dir / QUESTIONS_FILE, "question_bank.yaml")
    if where is None:
        bank = _shipped_bank()
    else:
        # The file lists competencies at the top level beside the guidelines; the model
        # keeps them apart, so their positions move under "competencies" too.
        shaped = {
            GUIDELINES: data.get(GUIDELINES, []),
            "competencies": {k: v for k, v in data.items() if k != GUIDELINES},
        }
        moved = Positions(
            {_under(p): m for p, m in positions.values.items()},
            {_under(p): m for p, m in positions.keys.items()},
        )
        bank = _validate(QuestionBank, shaped, moved, where)
    _check_unique(bank, where or "jdgen/data/question_bank.yaml")
    return bank


@cache
def _shipped_bank() -> QuestionBank:
    from jdgen.model import QuestionBank

    data = data_file("question_bank.yaml")
    return QuestionBank.model_validate(
        {
            GUIDELINES: data.get(GUIDELINES, []),
            "competencies": {k: v for k, v in data.items() if k != GUIDELINES},
        }
    )


def unknown_key_message(key: str, known: list[str]) -> str:
    """``unknown jurisdiction 'US-CX' (did you mean 'US-CO'?)``, listing keys when none is close."""
    upper = key.strip().upper()
    close = [upper] if upper in known else difflib.get_close_matches(upper, known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(sorted(known))
    return f"unknown jurisdiction {key!r} ({hint})"


def _merged(store: DocumentStore, own: Path, shipped: str) -> tuple[Any, Positions, str | None]:
    """The shipped data with the workspace's file merged over it, its positions, and the
    workspace file's name (``None`` when it has none: the shipped data alone)."""
    if not store.exists(own):
        return data_file(shipped), Positions(), None
    try:
        doc = store.read(own)
        if not isinstance(doc.data, dict):
            mark = doc.positions.of(())
            raise ConfigFileError.at(
                doc.display, mark.line if mark else 1, 1, "expected a mapping of keys"
            )
        data, positions = merge(data_file(shipped), Positions(), doc.data, doc.positions)
    except RoleFileError as exc:
        raise ConfigFileError(exc.problems) from None
    return data, positions, doc.display


def _validate(model, data: Any, positions: Positions, where: str):
    from jdgen.load.validate import validate

    try:
        return validate(model, data, positions, where)
    except RoleFileError as exc:
        raise ConfigFileError(exc.problems) from None


def _under(path: tuple) -> tuple:
    return path if not path or path[0] == GUIDELINES else ("competencies", *path)


def _check_unique(bank: QuestionBank, where: str) -> None:
    seen: dict[str, str] = {}
    for competency, questions in bank.competencies.items():
        for question in questions:
            if question.id in seen:
                raise ConfigFileError.at(
                    where,
                    1,
                    1,
                    f"question id {question.id!r} is used under both {seen[question.id]!r} "
                    f"and {competency!r}",
                )
            seen[question.id] = competency

"""The interview question bank: shipped in the package, extended by the workspace.

``jdgen/data/question_bank.yaml`` holds questions by competency id. A workspace
may add ``roles/_questions.yaml``, merged over it with the usual rules: a
competency key replaces the shipped list, ``<competency>+:`` appends to it, and
``<competency>: null`` removes it.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from jdgen.errors import ConfigFileError, RoleFileError
from jdgen.load.merge import merge
from jdgen.load.source import Positions, load_yaml
from jdgen.load.validate import validate
from jdgen.model import QuestionBank
from jdgen.usercache import checked_data

BANK_FILE = "_questions.yaml"
GUIDELINES = "interview_guidelines"


def package_bank_path() -> Path:
    return Path(str(files("jdgen") / "data" / "question_bank.yaml"))


def load_bank(roles_dir: Path, display: Callable[[Path], str]) -> QuestionBank:
    """The shipped bank, with the workspace's ``roles/_questions.yaml`` merged over it.

    The shipped bank alone, checked, is kept between runs (:mod:`jdgen.usercache`).
    """
    return checked_data(
        "question_bank",
        package_bank_path(),
        roles_dir / BANK_FILE,
        lambda with_override: _load(roles_dir, display, with_override=with_override),
    )


def _load(roles_dir: Path, display: Callable[[Path], str], *, with_override: bool) -> QuestionBank:
    shipped = load_yaml(package_bank_path(), "jdgen/data/question_bank.yaml")
    data, positions = shipped.data, shipped.positions
    override = roles_dir / BANK_FILE
    try:
        if with_override and override.is_file():
            own = load_yaml(override, display(override))
            if not isinstance(own.data, dict):
                mark = own.positions.of(())
                raise RoleFileError(
                    own.display, mark.line if mark else 1, 1, "expected a mapping of competency ids"
                )
            data, positions = merge(data, positions, own.data, own.positions)
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
        bank = validate(QuestionBank, shaped, moved, display(override))
    except RoleFileError as exc:
        raise ConfigFileError.collect(exc.errors) from None
    _check_unique(bank, display(override))
    return bank


def _under(path: tuple) -> tuple:
    return path if not path or path[0] == GUIDELINES else ("competencies", *path)


def _check_unique(bank: QuestionBank, where: str) -> None:
    seen: dict[str, str] = {}
    for competency, questions in bank.competencies.items():
        for question in questions:
            if question.id in seen:
                raise ConfigFileError(
                    where,
                    None,
                    None,
                    f"question id {question.id!r} is used under both {seen[question.id]!r} "
                    f"and {competency!r}",
                )
            seen[question.id] = competency

"""The hiring plan in a role file: competencies, and interview stages that assess them.

.. code-block:: yaml

    competencies:
      - id: negotiation
        name: Negotiation
        description: Agrees renewals, prices and terms that work for both sides.
        category: Commercial skills
    hiring:
      stages:                        # a mapping, so a role can change one stage it inherits
        manager:                     # the stage id
          name: Hiring manager interview
          kind: interview            # screen, interview, exercise, reference or offer
          order: 20                  # stages run in this order
          duration: 60               # minutes, or "1h", "45m", "1h30m"
          interviewers: [Hiring manager]
          assesses: [negotiation, revenue-targets]   # competency and requirement ids
          questions: [negotiation-walk-away]        # question-bank ids, or inline questions
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from jdgen.model.base import Id, Model

StageKind = Literal["screen", "interview", "exercise", "reference", "offer"]
_DURATION = re.compile(
    r"^\s*(?:(\d+)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:utes?|s)?)?)?\s*$", re.IGNORECASE
)


def _minutes(value: Any) -> Any:
    """``45`` → 45; ``"1h30m"``, ``"1h 30 min"`` → 90; ``"2 hours"`` → 120."""
    if isinstance(value, str):
        match = _DURATION.match(value)
        if not value.strip() or match is None or not (match.group(1) or match.group(2)):
            raise PydanticCustomError(
                "duration_type", "expected minutes, or a duration like '45m', '1h' or '1h30m'"
            )
        return int(match.group(1) or 0) * 60 + int(match.group(2) or 0)
    return value


Minutes = Annotated[int, BeforeValidator(_minutes), Field(gt=0, le=24 * 60)]


class Competency(Model):
    """Something the interviews assess that is not a line of the requirements."""

    id: Id
    name: str
    description: str
    category: str = "Competencies"


class Question(Model):
    """A stage's question: a question-bank entry (``use``), or one written inline."""

    use: Id | None = Field(None, description="The id of a question-bank question.")
    text: str | None = None
    strong: list[str] = Field([], description="What a strong answer shows.")
    warning: list[str] = Field([], description="Warning signs in an answer.")

    @model_validator(mode="after")
    def _one_kind(self) -> Question:
        if (self.use is None) == (self.text is None):
            raise ValueError("a question has either 'use' (a question-bank id) or 'text'")
        return self


def _question_item(value: Any) -> Any:
    return {"use": value} if isinstance(value, str) else value


class Stage(Model):
    """One step of the interview plan."""

    name: str
    kind: StageKind
    duration: Minutes
    order: int | None = Field(None, description="Stages run in ascending order.")
    interviewers: list[str] = []
    assesses: list[Id] = Field([], description="Requirement and competency ids.")
    questions: list[Annotated[Question, BeforeValidator(_question_item)]] = []
    instructions: str | None = None


class Hiring(Model):
    """The interview plan: stages by id."""

    stages: dict[Id, Stage] = {}

    def ordered(self) -> list[tuple[str, Stage]]:
        """Stages by ``order``; a stage without one keeps its place, as if numbered 10, 20..."""
        indexed = [
            (stage.order if stage.order is not None else (i + 1) * 10, i, sid, stage)
            for i, (sid, stage) in enumerate(self.stages.items())
        ]
        return [(sid, stage) for _, _, sid, stage in sorted(indexed)]


class BankQuestion(Model):
    """A question in the question bank, filed under a competency."""

    id: Id
    text: str
    strong: list[str] = []
    warning: list[str] = []


class QuestionBank(Model):
    """Questions by competency id, and guidelines shown at the top of every kit."""

    interview_guidelines: list[str] = []
    competencies: dict[Id, list[BankQuestion]] = {}

    def question(self, question_id: str) -> tuple[str, BankQuestion] | None:
        """``(competency id, question)`` for a question id."""
        for competency, questions in self.competencies.items():
            for question in questions:
                if question.id == question_id:
                    return competency, question
        return None

"""Building blocks shared by the schema models: the strict base model and checked types."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
)
from pydantic_core import PydanticCustomError

LEVELS: tuple[str, ...] = ("entry", "junior", "mid", "senior", "lead", "principal")
Level = Literal["entry", "junior", "mid", "senior", "lead", "principal"]
EmploymentType = Literal["full-time", "part-time", "contract", "temporary", "internship"]
Workplace = Literal["onsite", "hybrid", "remote"]
PERIODS: tuple[str, ...] = ("year", "month", "hour")
Period = Literal["year", "month", "hour"]
ROLE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _no_number_dates(value: Any) -> Any:
    """Refuse numbers (and digit strings) as dates: pydantic reads them as Unix timestamps."""
    if (isinstance(value, int | float) and not isinstance(value, bool)) or (
        isinstance(value, str) and value.strip().isdigit()
    ):
        raise PydanticCustomError("date_type", "Input should be a valid date")
    return value


# Lax, so that a quoted '2026-01-31' is a date too.
Date = Annotated[dt.date, Field(strict=False), BeforeValidator(_no_number_dates)]


def _shaped(pattern: str, error_type: str):
    """An after-validator that accepts only text matching ``pattern``."""
    regex = re.compile(pattern, re.IGNORECASE)

    def check(value: str) -> str:
        if not regex.match(value):
            raise PydanticCustomError(error_type, f"Input should match {pattern}")
        return value

    return AfterValidator(check)


# Links end up in href attributes and Markdown autolinks: no javascript: or data: URLs,
# and nothing (spaces, <, >, ") that could end the link early.
Url = Annotated[str, _shaped(r'^https?://[^\s<>"]+$', "url_type")]
Email = Annotated[str, _shaped(r'^[^\s<>"@:/]+@[^\s<>"@:/]+\.[^\s<>"@:/]+$', "email_type")]


Id = Annotated[str, _shaped(ROLE_ID.pattern, "id_type")]


def _text_item(key: str):
    """A before-validator that turns a bare string into ``{key: string}``."""

    def wrap(value: Any) -> Any:
        return {key: value} if isinstance(value, str) else value

    return BeforeValidator(wrap)


class Model(BaseModel):
    """Base for every schema model: unknown keys are errors, types are strict, and a
    number is finite (``.nan`` and ``.inf`` are refused before anything formats them)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


MAX_AMOUNT = 1_000_000_000


def _plausible_amount(value: float) -> float:
    if abs(value) > MAX_AMOUNT:
        raise PydanticCustomError(
            "amount_range",
            f"expected an amount of at most {MAX_AMOUNT:,}, got {value:g}",
        )
    return value


# Money: finite (as every number) and of a size a posting can show.
Amount = Annotated[float, AfterValidator(_plausible_amount)]


def slug(text: str, max_words: int = 6) -> str:
    """A stable, readable id from free text.

    ``"Three years in B2B sales"`` → ``three-years-in-b2b-sales``.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:max_words]) or "item"

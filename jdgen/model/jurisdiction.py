"""The pay-transparency data: what a job posting must contain, per jurisdiction.

The shipped table is ``jdgen/data/jurisdictions.yaml``; its top comment documents
every field, and ``docs/pay-transparency.md`` explains the data and its sources.
These models check the table's shape, so that a misspelt requirement in a
workspace's own ``roles/_jurisdictions.yaml`` is an error at its line, not a rule
that silently never runs.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, field_validator

from jdgen.model.base import Date, Model, Period, Url

Status = Literal["in-force", "enacted", "proposed", "directive-based"]
Confidence = Literal["high", "medium", "low"]

JURISDICTION_KEY = re.compile(r"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$")

#: Statuses whose requirements are advice, not law: proposed rules, and rows that
#: follow an EU directive while the national law is unknown.
ADVISORY: tuple[str, ...] = ("proposed", "directive-based")


class Threshold(Model):
    """The smallest employer a law covers."""

    employees: Annotated[int, Field(ge=1)]
    note: str | None = None


class Requirement(Model):
    """One thing a posting must contain, with where the law says so."""

    cite: str | None = Field(None, description="Where it differs from the row's citation.")
    effective: Date | None = Field(None, description="When it started later than the row.")
    status: Status | None = None
    note: str | None = None


class Ceiling(Model):
    """A pay level at or below which (``inclusive``) or below which a requirement applies."""

    amount: Annotated[float, Field(gt=0)]
    currency: str
    period: Period = "year"
    inclusive: bool = False


class Scoped(Requirement):
    """A requirement that applies only below a pay level (Ontario's CAD 200,000)."""

    applies_below: Ceiling | None = None


class RangeSpread(Scoped):
    """A cap on the width of the pay range: a percentage of its minimum, or an amount."""

    percent_of_min: Annotated[float, Field(gt=0)] | None = None
    amount: Annotated[float, Field(gt=0)] | None = None
    currency: str | None = None
    period: Period = "year"

    @field_validator("currency")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        return value.upper() if value else value


class LinkRule(Requirement):
    """Whether a link may stand in for the pay information in the posting."""

    allowed: bool


class Requires(Model):
    """What a posting must contain. Only the requirements a law imposes are set."""

    pay_range: Scoped | None = None
    no_open_ended: Requirement | None = None
    benefits: Requirement | None = None
    other_compensation: Requirement | None = None
    commission_range: Requirement | None = None
    application_deadline: Requirement | None = None
    how_to_apply: Requirement | None = None
    commission_only_statement: Requirement | None = None
    max_range_spread: RangeSpread | None = None
    link_allowed_instead_of_range: LinkRule | None = None
    gender_neutral_title: Requirement | None = None
    salary_history_question_banned: Requirement | None = None


class Jurisdiction(Model):
    """One row: a place, its law, and what a posting published there must contain."""

    name: str
    law: str
    citation: str
    source: Url
    effective: Date
    employer_threshold: Threshold
    status: Status
    confidence: Confidence
    requires: Requires = Requires()
    notes: str | None = None


class JurisdictionTable(Model):
    """The whole data file: rows by key (``US-CO``, ``CA-ON``, ``EU-DE``...)."""

    last_reviewed: Date
    jurisdictions: dict[str, Jurisdiction]

    @field_validator("jurisdictions")
    @classmethod
    def _keys(cls, value: dict[str, Jurisdiction]) -> dict[str, Jurisdiction]:
        for key in value:
            if not JURISDICTION_KEY.match(key):
                raise ValueError(
                    f"jurisdiction key {key!r} should be a country code, optionally with a "
                    "region after a hyphen, like 'US-CO', 'CA-ON' or 'EU-DE'"
                )
        return value

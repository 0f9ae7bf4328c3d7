"""The role file schema: what a role, and the company that hires for it, may say.

These pydantic models check *types and vocabularies* when a file is loaded: a
salary minimum must be a number, a level one of :data:`LEVELS`. Whether the
values make a good posting (a band that is too wide, a title with "Rockstar" in
it) is the linter's business, so lint can report those problems at their lines
instead of refusing the file.

Plain strings are accepted where a list item can also be a mapping (a
requirement, an education line, a certification); they are normalised to the
mapping form before validation.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from jdgen.model.base import (
    ROLE_ID,
    Amount,
    Date,
    Email,
    EmploymentType,
    Level,
    Model,
    Period,
    Url,
    Workplace,
    _text_item,
    slug,
)
from jdgen.model.hiring import Competency, Hiring, Question, _question_item

RequirementKind = Literal["experience", "credential", "language", "skill"]


class Requirement(Model):
    """One must-have or nice-to-have line. ``id`` is derived from the text if absent."""

    id: str | None = Field(None, description="Stable id, used by hiring plans and lint.")
    text: str
    kind: RequirementKind | None = Field(
        None,
        description="How interviews check it: 'experience' and 'credential' with a factual "
        "question, 'language' by holding part of a stage in it, 'skill' with a behavioural "
        "question. Inferred from the text when absent.",
    )
    question: Annotated[Question, BeforeValidator(_question_item)] | None = Field(
        None,
        description="The question interviews ask about it: a question-bank id, or a question "
        "with its own strong answers and warning signs.",
    )

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str | None) -> str | None:
        if value is not None and not ROLE_ID.match(value):
            raise ValueError(
                "an id is lowercase letters, digits and hyphens, like 'crm-experience'"
            )
        return value


RequirementItem = Annotated[Requirement, _text_item("text")]


class Requirements(Model):
    must: list[RequirementItem] = []
    nice: list[RequirementItem] = []

    @model_validator(mode="after")
    def _derive_ids(self) -> Requirements:
        """Give every requirement without an ``id`` one derived from its text."""
        taken = {item.id for item in (*self.must, *self.nice) if item.id}

        def filled(items: list[Requirement]) -> list[Requirement]:
            out = []
            for item in items:
                if item.id is None:
                    base = candidate = slug(item.text)
                    n = 2
                    while candidate in taken:
                        candidate, n = f"{base}-{n}", n + 1
                    taken.add(candidate)
                    item = item.model_copy(update={"id": candidate})
                out.append(item)
            return out

        object.__setattr__(self, "must", filled(self.must))
        object.__setattr__(self, "nice", filled(self.nice))
        return self

    def all(self) -> list[Requirement]:
        """Must-haves, then nice-to-haves."""
        return [*self.must, *self.nice]


class ExperienceYears(Model):
    min: Annotated[float, Field(ge=0, le=60)]
    max: Annotated[float, Field(ge=0, le=60)] | None = None


class Education(Model):
    text: str
    credential: (
        Literal["high-school", "associate", "bachelor", "master", "doctorate", "certificate"] | None
    ) = None
    required: bool = True


class Certification(Model):
    name: str
    issuer: str | None = None
    url: Url | None = None
    required: bool = False


class VariablePay(Model):
    """Pay on top of the base: commission, bonus, profit sharing.

    Amounts are per ``period``, which is its own (a yearly commission on an hourly
    base is common), and defaults to a year.
    """

    kind: Literal["commission", "bonus", "profit-sharing", "other"]
    min: Amount | None = None
    max: Amount | None = None
    target: Amount | None = Field(None, description="Amount at 100% of plan, for OTE.")
    period: Period = "year"
    description: str | None = None


class PayRange(Model):
    """An amount, or a range of amounts, in the salary's currency and period."""

    min: Amount
    max: Amount | None = None


def _amount_item(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"min": value, "max": value}
    return value


class Salary(Model):
    """What the job pays. ``min`` and ``max`` are the **base** pay band and nothing else.

    Pay beyond the base is kept apart, so that a consumer such as schema.org's
    ``baseSalary`` can take the base alone: ``variable`` (commission, bonus...),
    ``ote`` (on-target earnings, base plus variable pay at target, when stated) and
    ``equity``. ``commission_only`` marks a job paid wholly on commission (no base),
    and ``url`` a page with more about pay and benefits.
    """

    min: Amount | None = None
    max: Amount | None = None
    currency: str | None = Field(None, description="ISO 4217 code, such as USD or EUR.")
    period: str = Field("year", description="year, month or hour.")
    variable: list[VariablePay] = []
    ote: Annotated[PayRange, BeforeValidator(_amount_item)] | None = Field(
        None, description="On-target earnings, if not computed from the variable targets."
    )
    equity: str | None = None
    commission_only: bool = False
    url: Url | None = Field(None, description="A page about pay and benefits.")

    def on_target_earnings(self) -> PayRange | None:
        """On-target earnings: ``ote`` as given, else computed when it can be.

        Computed as the base band plus the ``target`` of every commission and bonus,
        when each of them has one in the base's period; otherwise ``None``.
        """
        if self.ote is not None:
            return self.ote
        at_target = [v for v in self.variable if v.kind in ("commission", "bonus")]
        if self.min is None or self.max is None or not at_target:
            return None
        if any(v.target is None or v.period != self.period for v in at_target):
            return None
        extra = sum(v.target or 0 for v in at_target)
        return PayRange(min=self.min + extra, max=self.max + extra)


class Location(Model):
    city: str | None = None
    region: str | None = Field(None, description="State, province or region code or name.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code, such as US or ES.")
    postal_code: str | None = None
    street: str | None = None
    workplace: Workplace = "onsite"
    remote_regions: list[str] = Field(
        [], description="Where a remote applicant may live, such as ['US'] or ['ES', 'PT']."
    )


class Apply(Model):
    url: Url | None = None
    email: Email | None = None
    instructions: str | None = None
    deadline: Date | None = None
    ongoing: bool = Field(False, description="Applications are accepted until the job is filled.")


def _apply_item(value: Any) -> Any:
    if isinstance(value, str):
        return {"email": value} if "@" in value and "://" not in value else {"url": value}
    return value


class Role(Model):
    """A role file, after ``extends`` and company defaults are merged in."""

    title: str
    level: Level
    department: str | None = None
    reports_to: str | None = None
    summary: str | None = Field(None, description="What the job is and what success looks like.")
    duties: list[str] = []
    requirements: Requirements = Requirements()
    experience_years: ExperienceYears | None = None
    education: list[Annotated[Education, _text_item("text")]] = []
    certifications: list[Annotated[Certification, _text_item("name")]] = []
    skills: list[str] = []
    benefits: list[str] = []
    salary: Salary | None = None
    employment_type: EmploymentType = "full-time"
    location: Location | None = None
    apply: Annotated[Apply, BeforeValidator(_apply_item)] | None = None
    travel: str | None = None
    date_posted: Date | None = None
    valid_through: Date | None = None
    publish_in: list[str] = Field(
        [], description="Jurisdiction keys where the posting is published, such as US-CO."
    )
    occupational_category: str | None = Field(
        None,
        description="An occupation code for job search engines, such as the O*NET-SOC code "
        "41-3091.00.",
    )
    competencies: list[Competency] = []
    hiring: Hiring | None = None

    @field_validator("title")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the title is empty")
        if "\n" in value.strip():
            raise ValueError("the title must fit on one line")
        return value.strip()


class Company(Model):
    """The hiring organisation, from ``roles/_company.yaml``."""

    name: str
    website: Url | None = None
    about: str | None = None
    equal_opportunity: str | None = None
    employees: Annotated[int, Field(ge=1)] | None = Field(
        None, description="How many people the company employs, for pay-transparency thresholds."
    )
    defaults: dict[str, Any] = Field(
        {}, description="Role keys every role starts from, such as location or benefits."
    )

"""A posting gives what the pay-transparency laws where it is published require.

A role says where it is published in ``publish_in``, a list of jurisdiction keys
such as ``US-CO``, ``US-NYC``, ``CA-ON`` or ``EU-DE`` (the company file's
``defaults`` can set it for every role). For each of them, the rule checks the
role against that jurisdiction's row in ``jdgen/data/jurisdictions.yaml``
(corrected by the workspace's ``roles/_jurisdictions.yaml``), and names the
jurisdiction, the requirement and the law: ``US-CO requires a description of
benefits (C.R.S. § 8-5-201(2)(b); ...)``. It checks:

- a pay range with a minimum and a maximum (or one fixed amount), with no open
  end, in the posting itself where a link may not stand in for it;
- the widest range allowed (New Jersey's proposed 60% of the minimum, Ontario's
  CAD 50,000);
- a description of the benefits, and of any other compensation: every commission
  or bonus described or given an amount, and commission, bonus or stock options
  mentioned in the text listed under ``salary``; the commission range where the
  law asks for it (California);
- a statement when pay is commission only (``salary.commission_only``);
- an application deadline (or ``apply.ongoing``), and how to apply;
- a gender-neutral title (EU).

Levels: a requirement in force on the posting date (``date_posted``, or the day of
the lint) is an error; one from proposed rules, or from an EU-directive row with no
national law confirmed, is a warning; one not yet in force is info. A law whose
employer threshold is above the company's ``employees`` is skipped; when the
company file does not say, the law is assumed to apply.

jdgen is not legal advice: see ``docs/pay-transparency.md``.

Passing example::

    title: Senior Account Manager
    level: senior
    publish_in: [US-CO]

Failing example::

    title: Senior Account Manager
    level: senior
    publish_in: [US-CO]
    benefits: []
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jdgen.lint.problem import Finding, Level
from jdgen.lint.rules import title_format
from jdgen.lint.text import TermMatcher, data_file
from jdgen.load.source import Mark, YamlPath
from jdgen.load.workspace import LoadedRole
from jdgen.model import Role, Salary
from jdgen.model.jurisdiction import ADVISORY, Ceiling, Jurisdiction, Requirement
from jdgen.money import money_range

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext

ID = "pay-transparency"
LEVEL = "error"
DEFAULT: dict[str, Any] = {}

# What each requirement asks for, as it reads after "US-CO requires ...".
WHAT = {
    "pay_range": "a pay range with a minimum and a maximum, or a fixed amount",
    "no_open_ended": "a closed pay range, not an open-ended one",
    "benefits": "a description of benefits",
    "other_compensation": "a description of other compensation (bonus, commission, equity)",
    "commission_range": "the commission range expected, where pay includes commission",
    "application_deadline": "an application deadline",
    "how_to_apply": "how to apply",
    "commission_only_statement": "a statement that pay is commission only",
    "max_range_spread": "a pay range no wider than {limit}",
    "link_allowed_instead_of_range": "the pay range in the posting itself, not behind a link",
    "gender_neutral_title": "a gender-neutral title",
}

# Converting a band to a yearly amount, to compare it with a yearly cap.
PER_YEAR = {"year": 1, "month": 12, "hour": 2080}

# Other compensation the text may mention, and the salary field that should describe it.
_MENTIONS = TermMatcher(
    {
        "commission": "commission",
        "commissions": "commission",
        "bonus": "bonus",
        "bonuses": "bonus",
        "on-target earnings": "commission",
        "OTE": "commission",
        "stock options": "equity",
        "RSU": "equity",
        "RSUs": "equity",
        "restricted stock": "equity",
    }
)
_TEXT_FIELDS = ("summary", "duty", "requirement", "benefit", "travel", "apply")


@dataclass(frozen=True)
class Gap:
    """One way a posting falls short of one requirement."""

    requirement: str
    why: str
    where: tuple[YamlPath, ...]  # places to report at, most relevant first
    suggestion: str
    mark: Mark | None = None  # an exact place, when known (a word in the text)
    level: Level | None = None  # lower than the requirement's own level


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """The role against each jurisdiction it is published in."""
    if not role.role.publish_in:
        return
    table = context.workspace.jurisdictions.jurisdictions
    company = context.company[0] if context.company else None
    employees = company.employees if company else None
    posted = role.role.date_posted or context.today
    for key in dict.fromkeys(role.role.publish_in):
        row = table.get(key)
        if row is None:  # the loader refuses unknown keys; a defensive skip
            continue
        if employees is not None and employees < row.employer_threshold.employees:
            continue
        for gap in gaps(role, row, context):
            requirement = getattr(row.requires, gap.requirement)
            yield _finding(role, context, key, row, requirement, gap, posted, employees)


def gaps(role: LoadedRole, row: Jurisdiction, context: LintContext) -> Iterator[Gap]:
    """Every way the role falls short of the row's requirements."""
    r = role.role
    req = row.requires
    salary = r.salary
    linked = bool(
        salary
        and salary.url
        and req.link_allowed_instead_of_range
        and req.link_allowed_instead_of_range.allowed
    )
    if req.pay_range and not linked and _applies(req.pay_range.applies_below, salary):
        yield from _pay_range(r, row)
    elif req.no_open_ended and not linked:
        yield from _open_end(salary, "no_open_ended")
    if req.max_range_spread and salary and _applies(req.max_range_spread.applies_below, salary):
        yield from _spread(salary, row)
    if req.benefits and not r.benefits and not linked:
        yield Gap(
            "benefits",
            "the role lists no benefits",
            (("benefits",), ("title",)),
            "list them under 'benefits' (or in the company file's defaults)",
        )
    if req.other_compensation:
        yield from _other_compensation(role, context)
    if req.commission_range and salary:
        for i, item in enumerate(salary.variable):
            if item.kind == "commission" and item.target is None and None in (item.min, item.max):
                yield Gap(
                    "commission_range",
                    "the commission has no range",
                    (("salary", "variable", i), ("salary",)),
                    "give the commission's min and max (or its target)",
                )
    if req.commission_only_statement and salary and not salary.commission_only:
        no_base = salary.min is None and salary.max is None
        if no_base and any(v.kind == "commission" for v in salary.variable):
            yield Gap(
                "commission_only_statement",
                "the pay is commission alone, but the posting does not say so",
                (("salary",),),
                "set salary.commission_only: true, and the posting states it",
            )
    how = r.apply
    if req.application_deadline and not (how and (how.deadline or how.ongoing)):
        yield Gap(
            "application_deadline",
            "apply.deadline is missing",
            (("apply",), ("title",)),
            "add apply.deadline, or apply.ongoing: true if applications stay open until filled",
        )
    if req.how_to_apply and not (how and (how.url or how.email or how.instructions)):
        yield Gap(
            "how_to_apply",
            "the role has no apply.url, apply.email or apply.instructions",
            (("apply",), ("title",)),
            "add apply.url or apply.email",
        )
    if req.gender_neutral_title:
        yield from _gendered_title(role, context)


def _pay_range(r: Role, row: Jurisdiction) -> Iterator[Gap]:
    salary = r.salary
    req = row.requires
    if salary and salary.commission_only and req.commission_only_statement:
        return  # the statement stands in for a range there (New York, Vermont)
    if salary is None or (salary.min is None and salary.max is None):
        link = req.link_allowed_instead_of_range
        if salary and salary.url and link and not link.allowed:
            yield Gap(
                "link_allowed_instead_of_range",
                "salary.url links to the pay, but the posting gives no range",
                (("salary", "url"), ("salary",)),
                "add salary.min and salary.max; the link may stay as well",
            )
            return
        yield Gap(
            "pay_range",
            "the posting gives no base pay",
            (("salary",), ("title",)),
            "add salary.min and salary.max",
        )
        return
    yield from _open_end(salary, "no_open_ended" if req.no_open_ended else "pay_range")


def _open_end(salary: Salary | None, requirement: str) -> Iterator[Gap]:
    if salary is None or (salary.min is None) == (salary.max is None):
        return
    if salary.max is None:
        missing, given, wording = "max", "min", "from"
    else:
        missing, given, wording = "min", "max", "up to"
    yield Gap(
        requirement,
        f"salary.{missing} is missing, so the range reads '{wording}' an amount",
        (("salary", given), ("salary",)),
        f"add salary.{missing}",
    )


def _spread(salary: Salary, row: Jurisdiction) -> Iterator[Gap]:
    rule = row.requires.max_range_spread
    if rule is None or salary.min is None or salary.max is None or salary.min <= 0:
        return
    width = salary.max - salary.min
    if rule.percent_of_min is not None and width > salary.min * rule.percent_of_min / 100:
        yield Gap(
            "max_range_spread",
            f"this one is {width / salary.min * 100:.0f}% of its minimum",
            (("salary", "max"), ("salary",)),
            "narrow the range",
        )
    if rule.amount is not None and rule.currency:
        limit = money_range(rule.amount, None, rule.currency, "en_US")
        yearly = _per_year(width, salary.period, rule.period)
        if salary.currency != rule.currency or yearly is None:
            yield Gap(
                "max_range_spread",
                f"the cap is {limit} a {rule.period} and the range is in "
                f"{salary.currency} per {salary.period}; jdgen cannot compare them",
                (("salary", "max"), ("salary",)),
                "check the width yourself",
                level=Level.INFO,
            )
        elif yearly > rule.amount:
            width_text = money_range(yearly, None, rule.currency, "en_US")
            yield Gap(
                "max_range_spread",
                f"this one is {width_text} wide a {rule.period}",
                (("salary", "max"), ("salary",)),
                "narrow the range",
            )


def _per_year(amount: float, period: str, target: str) -> float | None:
    """``amount`` per ``period`` as an amount per ``target`` period (None if unknown)."""
    if period not in PER_YEAR or target not in PER_YEAR:
        return None
    return amount * PER_YEAR[period] / PER_YEAR[target]


def _applies(ceiling: Ceiling | None, salary: Salary | None) -> bool:
    """Whether pay at this level is under the ceiling (unknown pay: assume it is)."""
    if ceiling is None or salary is None or salary.currency != ceiling.currency:
        return True
    top = salary.max if salary.max is not None else salary.min
    top = _per_year(top, salary.period, ceiling.period) if top is not None else None
    if top is None:
        return True
    return top <= ceiling.amount if ceiling.inclusive else top < ceiling.amount


def _other_compensation(role: LoadedRole, context: LintContext) -> Iterator[Gap]:
    salary = role.role.salary
    variable = salary.variable if salary else []
    for i, item in enumerate(variable):
        if not item.description and item.target is None and item.min is None and item.max is None:
            yield Gap(
                "other_compensation",
                f"the {item.kind} has neither a description nor an amount",
                (("salary", "variable", i), ("salary",)),
                "add a description (how it is earned and paid) or its min and max",
            )
    kinds = {v.kind for v in variable} | ({"equity"} if salary and salary.equity else set())
    for segment in context.segments(role):
        if segment.field not in _TEXT_FIELDS:
            continue
        for start, end, kind in _MENTIONS.finditer(segment.text):
            if kind in kinds:
                continue
            kinds.add(kind)  # once per kind
            file, line, column = context.locator.locate(segment, start, end)
            field = "salary.equity" if kind == "equity" else f"a {kind} under salary.variable"
            yield Gap(
                "other_compensation",
                f"the text mentions {segment.text[start:end]!r}, but the pay does not describe it",
                (),
                f"add {field}, with a description",
                mark=Mark(file, line, column),
            )


def _gendered_title(role: LoadedRole, context: LintContext) -> Iterator[Gap]:
    segment = next(s for s in context.segments(role) if s.field == "title")
    found: list[tuple[int, int, str]] = []

    def note(start: int, end: int, message: str, suggestion: str | None = None) -> None:
        found.append((start, end, suggestion or ""))

    for language in data_file("lint/title_format.yaml")["gendered"]:
        for _ in title_format._gendered(segment.text, language, note):
            pass
    for start, end, suggestion in sorted(set(found))[:1]:
        file, line, column = context.locator.locate(segment, start, end)
        word = segment.text[start:end]
        yield Gap(
            "gender_neutral_title",
            f"{word!r} is gendered",
            (),
            suggestion or "use a neutral form",
            mark=Mark(file, line, column),
        )


def _finding(
    role: LoadedRole,
    context: LintContext,
    key: str,
    row: Jurisdiction,
    requirement: Requirement | None,
    gap: Gap,
    posted: dt.date,
    employees: int | None,
) -> Finding:
    """The finding for one gap: the law named, at its level, in the role's own file."""
    cite = (requirement.cite if requirement else None) or row.citation
    status = (requirement.status if requirement else None) or row.status
    effective = (requirement.effective if requirement else None) or row.effective
    what = WHAT[gap.requirement]
    if gap.requirement == "max_range_spread" and row.requires.max_range_spread:
        what = what.format(limit=_limit(row))
    level = gap.level
    who = key
    if status in ADVISORY:
        who, level = f"{key} ({status})", min(level or Level.WARNING, Level.WARNING)
    when = ""
    if effective > posted:
        when, level = f", from {effective.isoformat()},", Level.INFO
    message = f"{who} requires{when} {what}: {gap.why} ({cite})"
    suggestion = gap.suggestion
    threshold = row.employer_threshold.employees
    if employees is None and threshold > 1:
        suggestion += (
            f"; this assumes {threshold} or more employees (set 'employees' in the company file)"
        )
    mark = gap.mark or _own_mark(role, gap.where)
    return context.at(mark, message, suggestion, level, fallback=role)


def _limit(row: Jurisdiction) -> str:
    rule = row.requires.max_range_spread
    assert rule is not None
    if rule.percent_of_min is not None:
        return f"{rule.percent_of_min:g}% of its minimum"
    return f"{money_range(rule.amount, None, rule.currency or '', 'en_US')} a {rule.period}"


def _own_mark(role: LoadedRole, paths: tuple[YamlPath, ...]) -> Mark | None:
    """The first of ``paths`` set in the role's own file, else its ``publish_in`` or title.

    Reporting in the role's own file keeps one problem per role, even when the
    value at fault is inherited from a base or the company defaults.
    """
    for path in (*paths, ("publish_in",), ("title",)):
        # A section's key line, a nested value's own line.
        table = role.positions.keys if len(path) == 1 else role.positions.values
        mark = table.get(path)
        if mark is not None and mark.file == role.display:
            return mark
    return None

"""Every posting states its pay as a closed band that makes sense.

It reports:

- a missing band (no ``salary``, or neither ``min`` nor ``max``), unless the job is
  paid on commission alone (``commission_only: true``, with a commission and no band);
- an open-ended band ("from $50,000", "up to $90,000"): both ends are needed;
- a minimum above the maximum, or an amount that is not positive;
- a currency that is not an ISO 4217 code, or a period other than year, month or hour;
- an amount implausible for its period (a yearly band of 40 to 60, say);
- a band wider than ``max_spread_percent`` of its minimum (a warning);
- across the workspace, a band that lies below the band of a lower level in the same
  currency and period (the *ladder*): a senior band must not start or end below a
  junior one.

Passing example::

    title: Senior Account Manager
    level: senior
    salary:
      min: 64000
      max: 86000
      currency: USD
      period: year

Failing example::

    title: Senior Account Manager
    level: senior
    salary:
      min: 86000
      max: 64000
      currency: USD
      period: year
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from jdgen.lint.problem import Finding, Level
from jdgen.load.workspace import LoadedRole
from jdgen.model import LEVELS, PERIODS
from jdgen.money import is_currency, money_range

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext
    from jdgen.lint.facts import RoleFacts

ID = "salary-band"
LEVEL = "error"
DEFAULT: dict[str, Any] = {"max_spread_percent": 100.0}

# Amounts outside these bounds are almost certainly in the wrong period.
_PLAUSIBLE = {"year": (1_000, 10_000_000), "month": (100, 1_000_000), "hour": (1, 10_000)}


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """The role's own band."""
    salary = role.role.salary
    at_salary = context.in_role(
        role,
        context.own_key(role, "salary"),
        role.positions.key_of(("salary",)),
        role.mark("title"),
    )
    if salary is not None and salary.commission_only:
        yield from _commission_only(role, context)
        return
    if salary is None or (salary.min is None and salary.max is None):
        yield context.at(
            at_salary,
            "no pay band: the posting does not say what the job pays",
            "add salary.min and salary.max; many places require the range by law",
            fallback=role,
        )
        return
    if salary.min is None or salary.max is None:
        missing, given = ("min", "max") if salary.min is None else ("max", "min")
        wording = "up to" if salary.min is None else "from"
        yield context.at(
            role.mark("salary", given),
            f"open-ended band ('{wording}' an amount): salary.{missing} is missing",
            f"add salary.{missing}; applicants and pay-transparency laws expect both ends",
        )
    for end in ("min", "max"):
        value = getattr(salary, end)
        if value is not None and value <= 0:
            yield context.at(
                role.mark("salary", end), f"salary.{end} must be positive, got {value:g}"
            )
    if salary.min is not None and salary.max is not None and salary.min > salary.max:
        yield context.at(
            role.mark("salary", "min"),
            f"salary.min ({salary.min:g}) is above salary.max ({salary.max:g})",
            "swap them",
        )
    currency_ok = salary.currency is not None and is_currency(salary.currency)
    if salary.currency is None:
        yield context.at(
            context.own_key(role, "salary", "currency") or at_salary,
            "salary.currency is missing",
            "add an ISO 4217 code such as USD or EUR",
        )
    elif not currency_ok:
        upper = salary.currency.strip().upper().replace("$", "D")
        hint = (
            f"write {upper!r}" if is_currency(upper) else "use an ISO 4217 code such as USD or EUR"
        )
        yield context.at(
            role.mark("salary", "currency"),
            f"{salary.currency!r} is not an ISO 4217 currency code",
            hint,
        )
    if salary.period not in PERIODS:
        close = difflib.get_close_matches(salary.period, PERIODS, n=1)
        yield context.at(
            role.mark("salary", "period"),
            f"salary.period must be year, month or hour, got {salary.period!r}",
            f"did you mean {close[0]!r}?" if close else None,
        )
        return
    low, high = _PLAUSIBLE[salary.period]
    for end in ("min", "max"):
        value = getattr(salary, end)
        if value is not None and value > 0 and not low <= value <= high:
            yield context.at(
                role.mark("salary", end),
                f"salary.{end} of {value:g} per {salary.period} looks implausible",
                "check the amount and the period",
            )
            break
    if salary.min and salary.max and salary.min > 0 and salary.max > salary.min:
        spread = (salary.max - salary.min) / salary.min * 100
        if spread > options["max_spread_percent"]:
            yield context.at(
                role.mark("salary", "max"),
                f"the band is {spread:.0f}% wide (max over min); "
                f"more than {options['max_spread_percent']:g}% tells applicants little",
                "narrow the band, or split the role by level",
                level=Level.WARNING,
            )


def _commission_only(role: LoadedRole, context: LintContext) -> Iterator[Finding]:
    """A job paid on commission alone has no base band, and says what the commission is."""
    salary = role.role.salary
    if salary.min is not None or salary.max is not None:
        yield context.at(
            role.mark("salary", "commission_only"),
            "salary.commission_only is set, but the role also has a base band",
            "remove salary.min and salary.max, or salary.commission_only",
        )
    if not any(v.kind == "commission" for v in salary.variable):
        yield context.at(
            role.mark("salary", "commission_only"),
            "salary.commission_only is set, but salary.variable lists no commission",
            "add a commission with its range and a description",
        )


def check_workspace(
    roles: list[RoleFacts], context: LintContext, options: dict[str, Any]
) -> Iterator[tuple[str, Finding]]:
    """The ladder: no band below the band of a lower level, per currency and period."""
    groups: dict[tuple[str, str], list[RoleFacts]] = {}
    for role in roles:
        band = role.band
        if band and band.min and band.max and band.currency and band.min <= band.max:
            groups.setdefault((band.currency, band.period), []).append(role)
    for (currency, _period), members in groups.items():
        members.sort(key=lambda r: LEVELS.index(r.level))
        # The highest minimum and maximum among the levels below each level: a role
        # needs looking at pair by pair only when its band falls below one of them.
        highest: dict[int, tuple[float, float]] = {}
        top_min = top_max = float("-inf")
        for rank in range(len(LEVELS)):
            highest[rank] = (top_min, top_max)
            for r in members:
                if LEVELS.index(r.level) == rank:
                    top_min = max(top_min, r.band.min)
                    top_max = max(top_max, r.band.max)
        for i, high in enumerate(members):
            rank = LEVELS.index(high.level)
            b = high.band
            if b.min >= highest[rank][0] and b.max >= highest[rank][1]:
                continue
            for low in members[:i]:
                if LEVELS.index(low.level) >= rank:
                    continue
                a, b = low.band, high.band
                if b.min < a.min or b.max < a.max:
                    mine = money_range(b.min, b.max, currency, "en_US")
                    theirs = money_range(a.min, a.max, currency, "en_US")
                    below = "min" if b.min < a.min else "max"
                    yield (
                        high.display,
                        context.at(
                            context.in_facts(high, f"salary.{below}", "salary"),
                            f"the {high.level} band {mine} lies below the {low.level} "
                            f"band of {low.role_id} ({theirs})",
                            "a higher level's band should start and end at or above a "
                            "lower level's",
                        ),
                    )
                    break

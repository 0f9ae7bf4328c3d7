"""salary-band: a closed, plausible band in a known currency, and a ladder across roles."""

from __future__ import annotations

import pytest

from jdgen.diagnostics import Level
from tests.rules.common import check, run

RULE = "salary-band"
HEAD = "title: Senior Account Manager\nlevel: senior\n"


def salary(**values: object) -> str:
    return HEAD + "salary:\n" + "".join(f"  {k}: {v}\n" for k, v in values.items())


def test_the_fixture_band_passes(tmp_path):
    check(tmp_path, HEAD, RULE, [])


# -- missing and open bands ---------------------------------------------------------------


def test_no_band_at_all(tmp_path):
    [problem] = check(tmp_path, HEAD + "salary: null\n", RULE, [(3, 1)])
    assert problem.level is Level.ERROR
    assert problem.message == "no pay band: the posting does not say what the job pays"
    assert problem.suggestion == (
        "add salary.min and salary.max; many places require the range by law"
    )


def test_neither_end(tmp_path):
    [problem] = check(tmp_path, salary(min="null", max="null"), RULE, [(3, 1)])
    assert problem.message.startswith("no pay band")


def test_no_band_goes_in_the_role_file_when_the_title_is_inherited(tmp_path):
    problems = [p for p in run(tmp_path, "level: senior\nsalary: null\n") if p.rule == RULE]
    assert [(p.path, p.line, p.column) for p in problems] == [("roles/role.yaml", 2, 1)]


def test_open_ended_from(tmp_path):
    [problem] = check(tmp_path, salary(min=64000, max="null"), RULE, [(4, 8)])
    assert problem.message == "open-ended band ('from' an amount): salary.max is missing"
    assert problem.suggestion == (
        "add salary.max; applicants and pay-transparency laws expect both ends"
    )


def test_open_ended_up_to(tmp_path):
    [problem] = check(tmp_path, salary(min="null", max=86000), RULE, [(5, 8)])
    assert problem.message == "open-ended band ('up to' an amount): salary.min is missing"


# -- amounts ------------------------------------------------------------------------------------


def test_min_above_max(tmp_path):
    [problem] = check(tmp_path, salary(min=86000, max=64000), RULE, [(4, 8)])
    assert problem.message == "salary.min (86000) is above salary.max (64000)"
    assert problem.suggestion == "swap them"


def test_a_zero_minimum(tmp_path):
    [problem] = check(tmp_path, salary(min=0, max=86000), RULE, [(4, 8)])
    assert problem.message == "salary.min must be positive, got 0"
    assert problem.suggestion is None


def test_a_zero_maximum_is_also_below_the_minimum(tmp_path):
    problems = check(tmp_path, salary(min=64000, max=0), RULE, [(4, 8), (5, 8)])
    assert [p.message for p in problems] == [
        "salary.min (64000) is above salary.max (0)",
        "salary.max must be positive, got 0",
    ]


def test_a_negative_minimum(tmp_path):
    [problem] = check(tmp_path, salary(min=-5, max=86000), RULE, [(4, 8)])
    assert problem.message == "salary.min must be positive, got -5"


@pytest.mark.parametrize(
    ("values", "line", "message"),
    [
        ({"min": 40, "max": 60}, 4, "salary.min of 40 per year looks implausible"),
        ({"min": 64000, "max": 20_000_000}, 5, "salary.max of 2e+07 per year looks implausible"),
        (
            {"min": 50, "max": 60, "period": "month"},
            4,
            "salary.min of 50 per month looks implausible",
        ),
        (
            {"min": 25, "max": 20000, "period": "hour"},
            5,
            "salary.max of 20000 per hour looks implausible",
        ),
    ],
)
def test_implausible_amounts_for_the_period(tmp_path, values, line, message):
    problems = [p for p in run(tmp_path, salary(**values)) if p.rule == RULE]
    implausible = [p for p in problems if "implausible" in p.message]
    assert [(p.line, p.column, p.message) for p in implausible] == [(line, 8, message)]
    assert implausible[0].suggestion == "check the amount and the period"


@pytest.mark.parametrize(
    "values",
    [
        {"min": 25, "max": 40, "period": "hour"},
        {"min": 4000, "max": 6000, "period": "month"},
        {"min": 1000, "max": 1900},
    ],
)
def test_plausible_amounts(tmp_path, values):
    check(tmp_path, salary(**values), RULE, [])


# -- width --------------------------------------------------------------------------------------


def test_a_wide_band_is_a_warning(tmp_path):
    [problem] = check(tmp_path, salary(min=40000, max=100000), RULE, [(5, 8)])
    assert problem.level is Level.WARNING  # though the rule's level is error
    assert problem.message == (
        "the band is 150% wide (max over min); more than 100% tells applicants little"
    )
    assert problem.suggestion == "narrow the band, or split the role by level"


def test_exactly_the_maximum_spread_is_fine(tmp_path):
    check(tmp_path, salary(min=50000, max=100000), RULE, [])


def test_max_spread_percent_is_an_option(tmp_path):
    config = "lint:\n  rules:\n    salary-band:\n      max_spread_percent: 20\n"
    problems = [p for p in run(tmp_path, HEAD, config) if p.rule == RULE]
    # The fixture band, 64,000 to 86,000, is in the base file.
    assert [(p.path, p.line, p.message) for p in problems] == [
        (
            "roles/_base.yaml",
            53,
            "the band is 34% wide (max over min); more than 20% tells applicants little",
        )
    ]


# -- currency and period -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("usd", "write 'USD'"),
        ("US$", "write 'USD'"),
        ("eur", "write 'EUR'"),
        ("dollars", "use an ISO 4217 code such as USD or EUR"),
        ("'$'", "use an ISO 4217 code such as USD or EUR"),
    ],
)
def test_a_currency_that_is_not_iso_4217(tmp_path, code, hint):
    [problem] = check(tmp_path, salary(currency=code), RULE, [(4, 13)])
    shown = code.strip("'")
    assert problem.message == f"{shown!r} is not an ISO 4217 currency code"
    assert problem.suggestion == hint


def test_a_missing_currency_is_reported_where_it_was_removed(tmp_path):
    [problem] = check(tmp_path, salary(currency="null"), RULE, [(4, 3)])
    assert problem.message == "salary.currency is missing"
    assert problem.suggestion == "add an ISO 4217 code such as USD or EUR"


@pytest.mark.parametrize(
    ("period", "hint"),
    [("yearly", "did you mean 'year'?"), ("months", "did you mean 'month'?"), ("annum", None)],
)
def test_a_period_that_is_not_known(tmp_path, period, hint):
    [problem] = check(tmp_path, salary(period=period), RULE, [(4, 11)])
    assert problem.message == f"salary.period must be year, month or hour, got {period!r}"
    assert problem.suggestion == hint


# -- the ladder across roles -------------------------------------------------------------------

JUNIOR = """\
title: Junior Account Manager
level: junior
experience_years:
  min: 1
salary:
  min: 45000
  max: 60000
"""


def test_a_senior_band_below_a_junior_band_is_reported_at_the_senior_salary(tmp_path):
    text = salary(min=40000, max=50000)
    [problem] = check(tmp_path, text, RULE, [(4, 8)], junior=JUNIOR)
    assert problem.message == (
        "the senior band $40,000 – $50,000 lies below the junior band of junior ($45,000 – $60,000)"
    )
    assert problem.suggestion == (
        "a higher level's band should start and end at or above a lower level's"
    )


def test_a_senior_band_ending_below_is_reported_at_its_max(tmp_path):
    check(tmp_path, salary(min=50000, max=55000), RULE, [(5, 8)], junior=JUNIOR)


def test_a_senior_band_at_or_above_passes(tmp_path):
    check(tmp_path, salary(min=45000, max=60000), RULE, [], junior=JUNIOR)


def test_an_inherited_band_below_is_reported_in_the_role_file(tmp_path):
    junior = JUNIOR.replace("45000", "70000").replace("60000", "90000")
    problems = [p for p in run(tmp_path, "level: senior\n", junior=junior) if p.rule == RULE]
    assert [(p.path, p.line, p.column) for p in problems] == [("roles/role.yaml", 1, 1)]


def test_different_currencies_are_not_compared(tmp_path):
    text = salary(min=40000, max=50000, currency="EUR")
    check(tmp_path, text, RULE, [], junior=JUNIOR)


def test_different_periods_are_not_compared(tmp_path):
    text = salary(min=4000, max=5000, period="month")
    check(tmp_path, text, RULE, [], junior=JUNIOR)


def test_the_junior_role_is_not_blamed(tmp_path):
    # Linting the junior role alone: the problem is the senior role's, in its own file.
    senior = salary(min=40000, max=50000)
    check(tmp_path, JUNIOR, RULE, [], senior=senior)

"""How a posting shows pay: base, variable pay, on-target earnings and equity, apart.

Pay-transparency laws want the range in the posting body and the other
compensation described; schema.org's ``baseSalary`` wants the base alone.
"""

from __future__ import annotations

import datetime as dt

import pytest

from jdgen.model import PayRange, Role, Salary
from jdgen.render.environment import search_path
from jdgen.render.posting import posting_context, render_posting

SALES = {
    "min": 60000,
    "max": 80000,
    "currency": "USD",
    "variable": [
        {"kind": "commission", "min": 10000, "max": 40000, "target": 25000},
        {"kind": "bonus", "target": 5000, "description": "Paid yearly on team goals."},
        {"kind": "profit-sharing", "description": "Paid yearly from the company's profit."},
    ],
    "equity": "Stock options vesting over four years",
}


def role(**fields: object) -> Role:
    return Role.model_validate({"title": "Account Executive", "level": "mid", **fields})


def pay(salary: dict) -> dict:
    return posting_context("x", role(salary=salary), None)["pay"]


def render(fmt: str, **fields: object) -> str:
    context = posting_context("x", role(**fields), None, today=dt.date(2026, 11, 23))
    return render_posting(context, fmt, tuple(search_path(None)))


def test_base_variable_ote_and_equity_are_shown_apart() -> None:
    shown = pay(SALES)
    assert shown["base"] == "$60,000 – $80,000 per year"
    assert shown["base_range"] == {"min": 60000, "max": 80000, "currency": "USD", "period": "year"}
    assert [(v["label"], v["amount"]) for v in shown["variable"]] == [
        ("Commission", "$10,000 – $40,000 per year; $25,000 per year at target"),
        ("Bonus", "$5,000 per year at target"),
        ("Profit sharing", None),
    ]
    # Base plus commission and bonus at target; profit sharing is not part of OTE.
    assert shown["ote"] == "$90,000 – $110,000 per year"
    assert shown["equity"] == "Stock options vesting over four years"


def test_ote_is_computed_only_when_every_commission_and_bonus_has_a_target() -> None:
    salary = Salary.model_validate(SALES)
    assert salary.on_target_earnings() == PayRange(min=90000, max=110000)
    no_target = {**SALES, "variable": [{"kind": "commission", "min": 1000, "max": 2000}]}
    assert Salary.model_validate(no_target).on_target_earnings() is None
    other_period = {**SALES, "variable": [{"kind": "bonus", "target": 500, "period": "month"}]}
    assert Salary.model_validate(other_period).on_target_earnings() is None


def test_a_stated_ote_wins_and_may_be_one_amount() -> None:
    assert pay({**SALES, "ote": 120000})["ote"] == "$120,000 per year"
    assert pay({**SALES, "ote": {"min": 95000, "max": 125000}})["ote"] == (
        "$95,000 – $125,000 per year"
    )


def test_variable_pay_has_its_own_period() -> None:
    hourly = {
        "min": 18,
        "max": 22,
        "currency": "USD",
        "period": "hour",
        "variable": [{"kind": "bonus", "max": 1500}],
    }
    shown = pay(hourly)
    assert shown["base"] == "$18 – $22 per hour"
    assert shown["variable"][0]["amount"] == "up to $1,500 per year"
    assert shown["ote"] is None


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_posting_body_shows_every_part_of_pay(fmt: str) -> None:
    text = render(fmt, salary=SALES, benefits=["Medical insurance"])
    for part in (
        "Base salary",
        "$60,000 – $80,000 per year",
        "Commission",
        "$10,000 – $40,000 per year; $25,000 per year at target",
        "Paid yearly on team goals.",
        "On-target earnings",
        "$90,000 – $110,000 per year (base salary plus commission and bonus at target)",
        "Stock options vesting over four years",
        "Medical insurance",
    ):
        assert part in text, part


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_commission_only_job_says_so(fmt: str) -> None:
    salary = {
        "currency": "USD",
        "commission_only": True,
        "variable": [{"kind": "commission", "min": 20000, "max": 90000}],
    }
    text = render(fmt, salary=salary)
    assert "This job is paid on commission only, with no base salary." in text
    assert "Base salary" not in text
    assert "$20,000 – $90,000 per year" in text


def test_a_pay_link_is_shown_beside_the_range_not_instead_of_it() -> None:
    salary = {"min": 50000, "max": 60000, "currency": "USD", "url": "https://example.com/pay"}
    text = render("md", salary=salary)
    assert "- **Base salary:** $50,000 – $60,000 per year" in text
    assert "- **More about pay and benefits:** <https://example.com/pay>" in text
    html = render("html", salary=salary)
    assert '<a href="https://example.com/pay">https://example.com/pay</a>' in html


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_an_open_application_window_is_stated(fmt: str) -> None:
    text = render(fmt, apply={"url": "https://example.com/apply", "ongoing": True})
    assert "Applications are accepted on an ongoing basis, until the job is filled." in text
    dated = render(fmt, apply={"url": "https://example.com/apply", "deadline": "2027-01-15"})
    assert "Applications close on January 15, 2027." in dated
    assert "ongoing basis" not in dated

"""pay-transparency: each supported jurisdiction, passed and failed, with the law named.

The fixture base (``fixture/_base.yaml``) is a Denver role with a closed USD band,
a described commission, benefits, an apply link and a deadline; each case changes
only what it is about. Line numbers count the case's own text.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from jdgen.diagnostics import Level, Problem
from jdgen.errors import ConfigFileError
from jdgen.lint.run import lint_paths
from jdgen.load.workspace import Workspace
from tests.rules.common import TODAY, run, workspace

RULE = "pay-transparency"
HEAD = "title: Senior Account Manager\nlevel: senior\npublish_in: [{key}]\n"

CO_BENEFITS = "(C.R.S. § 8-5-201(2)(b); 7 CCR 1103-18, Rule 11.1.1(C))"
DIRECTIVE = "(Directive (EU) 2023/970, Art. 5(3))"
# A commission with a range, as California asks; the other fields as in the base.
CA_PAY = """\
salary:
  variable:
    - kind: commission
      min: 5000
      max: 20000
      description: Paid quarterly on renewal revenue.
"""
NO_BASE = "salary:\n  min: null\n  max: null\n"
COMMISSION_ONLY = "salary:\n  min: null\n  max: null\n  commission_only: true\n"

# key, what to add for a passing role, what to add for a failing one,
# and the failure: (line, column, level, message).
CASES = [
    (
        "US-CO",
        "",
        "benefits: []\n",
        (
            4,
            1,
            Level.ERROR,
            f"US-CO requires a description of benefits: the role lists no benefits {CO_BENEFITS}",
        ),
    ),
    (
        "US-NYC",
        "",
        "salary:\n  min: 64000\n  max: null\n",
        (
            5,
            8,
            Level.ERROR,
            "US-NYC requires a closed pay range, not an open-ended one: salary.max is missing, so the "
            "range reads 'from' an amount (N.Y.C. Admin. Code § 8-107(32); NYC Commission on Human Rights guidance)",
        ),
    ),
    (
        "US-NY",
        COMMISSION_ONLY,
        NO_BASE,
        (
            4,
            1,
            Level.ERROR,
            "US-NY requires a statement that pay is commission only: the pay is commission alone, "
            "but the posting does not say so (N.Y. Lab. Law § 194-b(1)(b))",
        ),
    ),
    (
        "US-CA",
        CA_PAY,
        "salary:\n  min: null\n  max: null\n  url: https://example.com/pay\n",
        (
            7,
            8,
            Level.ERROR,
            "US-CA requires the pay range in the posting itself, not behind a link: salary.url links "
            "to the pay, but the posting gives no range (Labor Commissioner (DLSE) Equal Pay Act FAQ)",
        ),
    ),
    (
        "US-WA",
        "",
        "salary:\n  variable:\n    - kind: bonus\n",
        (
            6,
            7,
            Level.ERROR,
            "US-WA requires a description of other compensation (bonus, commission, equity): the "
            "bonus has neither a description nor an amount (RCW 49.58.110(1))",
        ),
    ),
    (
        "US-IL",
        "",
        "benefits: []\n",
        (
            4,
            1,
            Level.ERROR,
            "US-IL requires a description of benefits: the role lists no benefits (820 ILCS 112/10(b-25))",
        ),
    ),
    (
        "US-MD",
        "",
        "summary: You also earn a yearly bonus.\n",
        (
            4,
            33,
            Level.ERROR,
            "US-MD requires a description of other compensation (bonus, commission, equity): the text "
            "mentions 'bonus', but the pay does not describe it (Md. Code, Lab. & Empl. § 3-304.2(a)(2)(i))",
        ),
    ),
    (
        "US-MN",
        "",
        "salary:\n  min: null\n  max: 86000\n",
        (
            6,
            8,
            Level.ERROR,
            "US-MN requires a closed pay range, not an open-ended one: salary.min is missing, so the "
            "range reads 'up to' an amount (Minn. Stat. § 181.173)",
        ),
    ),
    (
        "US-NJ",
        "",
        "salary:\n  min: 50000\n  max: 90000\n",
        (
            6,
            8,
            Level.WARNING,
            "US-NJ (proposed) requires a pay range no wider than 60% of its minimum: this one is 80% "
            "of its minimum (NJDOL proposed rules published 2025-09-15)",
        ),
    ),
    (
        "US-VT",
        COMMISSION_ONLY,
        NO_BASE,
        (
            4,
            1,
            Level.ERROR,
            "US-VT requires a statement that pay is commission only: the pay is commission alone, "
            "but the posting does not say so (21 V.S.A. § 495o)",
        ),
    ),
    (
        "US-HI",
        "",
        "salary: null\n",
        (
            1,
            1,
            Level.ERROR,
            "US-HI requires a pay range with a minimum and a maximum, or a fixed amount: the posting "
            "gives no base pay (HRS § 378-2.8(a))",
        ),
    ),
    (
        "US-MA",
        "",
        NO_BASE,
        (
            4,
            1,
            Level.ERROR,
            "US-MA requires a pay range with a minimum and a maximum, or a fixed amount: the posting "
            "gives no base pay (M.G.L. c. 149, § 105F)",
        ),
    ),
    (
        "US-DC",
        "",
        "salary:\n  min: null\n  max: 86000\n",
        (
            6,
            8,
            Level.ERROR,
            "US-DC requires a closed pay range, not an open-ended one: salary.min is missing, so the "
            "range reads 'up to' an amount (D.C. Code § 32-1453.01(a)(1))",
        ),
    ),
    (
        "CA-ON",
        "salary:\n  min: 70000\n  max: 100000\n  currency: CAD\n",
        "salary:\n  min: 70000\n  max: 130000\n  currency: CAD\n",
        (
            6,
            8,
            Level.ERROR,
            "CA-ON requires a pay range no wider than CA$50,000 a year: this one is CA$60,000 wide "
            "a year (O. Reg. 476/24)",
        ),
    ),
    (
        "CA-BC",
        "",
        "salary:\n  min: 64000\n  max: null\n",
        (
            5,
            8,
            Level.ERROR,
            "CA-BC requires a closed pay range, not an open-ended one: salary.max is missing, so the "
            "range reads 'from' an amount (B.C. guidance on wage or salary information on job postings)",
        ),
    ),
    (
        "EU",
        "",
        "",
        (
            1,
            15,
            Level.WARNING,
            f"EU (directive-based) requires a gender-neutral title: 'Salesman' is gendered {DIRECTIVE}",
        ),
    ),
    (
        "EU-ES",
        "",
        "",
        (
            1,
            8,
            Level.WARNING,
            f"EU-ES (directive-based) requires a gender-neutral title: 'Vendedor' is gendered {DIRECTIVE}",
        ),
    ),
    (
        "EU-DE",
        "",
        "",
        (
            1,
            15,
            Level.WARNING,
            f"EU-DE (directive-based) requires a gender-neutral title: 'Salesman' is gendered {DIRECTIVE}",
        ),
    ),
]
TITLES = {"EU": "Senior Salesman", "EU-ES": "Vendedor senior", "EU-DE": "Senior Salesman"}


def ours(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.rule == RULE]


def text_for(key: str, extra: str, failing: bool) -> str:
    head = HEAD.format(key=key)
    if failing and key in TITLES:
        head = head.replace("Senior Account Manager", TITLES[key])
    return head + extra


def test_every_shipped_jurisdiction_has_a_case(tmp_path):
    table = Workspace(tmp_path).jurisdictions.jurisdictions
    assert sorted(key for key, *_ in CASES) == sorted(table)


@pytest.mark.parametrize(
    ("key", "passing", "failing", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_jurisdiction_passes(tmp_path, key, passing, failing, expected):
    problems = ours(run(tmp_path, text_for(key, passing, failing=False)))
    assert problems == [], [p.message for p in problems]


@pytest.mark.parametrize(
    ("key", "passing", "failing", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_jurisdiction_fails_naming_the_law(tmp_path, key, passing, failing, expected):
    problems = ours(run(tmp_path, text_for(key, failing, failing=True)))
    line, column, level, message = expected
    found = [(p.line, p.column, p.level, p.message) for p in problems]
    assert (line, column, level, message) in found, found
    assert all(p.path == "roles/role.yaml" for p in problems)


def test_the_suggestion_says_how_to_fix_and_what_size_is_assumed(tmp_path):
    (problem,) = ours(run(tmp_path, HEAD.format(key="US-CO") + "benefits: []\n"))
    assert problem.suggestion == "list them under 'benefits' (or in the company file's defaults)"
    (problem,) = ours(run(tmp_path, HEAD.format(key="US-IL") + "benefits: []\n"))
    assert problem.suggestion == (
        "list them under 'benefits' (or in the company file's defaults); this assumes 15 or more "
        "employees (set 'employees' in the company file)"
    )


# -- dates, sizes and levels ------------------------------------------------------------


def test_a_rule_not_yet_in_force_on_the_posting_date_is_info(tmp_path):
    text = HEAD.format(key="CA-ON") + (
        "date_posted: 2025-11-01\nsalary:\n  min: 70000\n  max: 130000\n  currency: CAD\n"
    )
    (problem,) = ours(run(tmp_path, text))
    assert problem.level is Level.INFO
    assert problem.message == (
        "CA-ON requires, from 2026-01-01, a pay range no wider than CA$50,000 a year: this one is "
        "CA$60,000 wide a year (O. Reg. 476/24)"
    )


def test_a_requirement_with_its_own_later_date(tmp_path):
    # Colorado's deadline rule started in 2024, three years after the rest of the Act.
    text = HEAD.format(key="US-CO") + "date_posted: 2023-06-01\napply:\n  deadline: null\n"
    (problem,) = ours(run(tmp_path, text))
    assert (problem.line, problem.level) == (5, Level.INFO)
    assert problem.message.startswith("US-CO requires, from 2024-01-01, an application deadline")
    # In force on the lint date when the role gives no posting date of its own.
    problems = ours(
        run(tmp_path, HEAD.format(key="US-CO") + "date_posted: null\napply:\n  deadline: null\n")
    )
    assert [(p.level, p.message.split(":")[0]) for p in problems] == [
        (Level.ERROR, "US-CO requires an application deadline")
    ]


def test_an_ongoing_application_window_meets_the_deadline_rule(tmp_path):
    text = HEAD.format(key="US-CO") + "apply:\n  deadline: null\n  ongoing: true\n"
    assert ours(run(tmp_path, text)) == []


def lint_workspace(ws: Workspace) -> list[Problem]:
    report = lint_paths(ws, [ws.roles_dir / "role.yaml"], today=TODAY)
    return ours(report.problems)


def with_employees(tmp_path: Path, employees: int, text: str) -> list[Problem]:
    ws = workspace(tmp_path, {"role": text})
    company = ws.roles_dir / "_company.yaml"
    company.write_text(company.read_text() + f"employees: {employees}\n")
    return lint_workspace(ws)


def test_employers_below_the_threshold_are_not_covered(tmp_path):
    text = HEAD.format(key="US-WA") + "benefits: []\n"  # Washington: 15 or more employees
    assert with_employees(tmp_path / "small", 14, text) == []
    (problem,) = with_employees(tmp_path / "large", 15, text)
    assert problem.message.startswith("US-WA requires a description of benefits")
    assert problem.suggestion == "list them under 'benefits' (or in the company file's defaults)"


def test_the_company_default_applies_to_every_role_and_a_role_can_opt_out(tmp_path):
    ws = workspace(tmp_path, {"role": "title: Senior Account Manager\nbenefits: []\n"})
    company = ws.roles_dir / "_company.yaml"
    company.write_text(company.read_text() + "defaults:\n  publish_in: [US-CO]\n")
    (problem,) = lint_workspace(ws)
    assert (problem.path, problem.line, problem.column) == ("roles/role.yaml", 2, 1)
    role = ws.roles_dir / "role.yaml"
    role.write_text("publish_in: []\n" + role.read_text())
    assert lint_workspace(Workspace(tmp_path)) == []


def test_a_problem_with_an_inherited_value_is_reported_in_the_role_file(tmp_path):
    # The deadline is removed in the base; the role's publish_in line carries the problem.
    ws = workspace(tmp_path, {"role": "publish_in: [US-CO]\nextends: _mid.yaml\n"})
    (ws.roles_dir / "_mid.yaml").write_text("extends: _base.yaml\napply:\n  deadline: null\n")
    (problem,) = lint_workspace(ws)
    assert (problem.path, problem.line, problem.column) == ("roles/role.yaml", 1, 1)


# -- what counts as meeting a requirement -------------------------------------------------


def test_a_link_stands_in_for_pay_and_benefits_only_where_allowed(tmp_path):
    linked = "salary:\n  min: null\n  max: null\n  url: https://example.com/pay\nbenefits: []\n"
    assert ours(run(tmp_path, HEAD.format(key="US-CO") + linked)) == []
    problems = ours(run(tmp_path, HEAD.format(key="US-MD") + linked))
    assert [p.message.split(":")[0] for p in problems] == [
        "US-MD requires a pay range with a minimum and a maximum, or a fixed amount",
        "US-MD requires a description of benefits",
    ]


def test_a_commission_only_job_needs_no_base_where_a_statement_is_asked(tmp_path):
    assert ours(run(tmp_path, HEAD.format(key="US-NY") + COMMISSION_ONLY)) == []
    problems = ours(run(tmp_path, HEAD.format(key="US-CO") + COMMISSION_ONLY))
    assert [p.message.split(":")[0] for p in problems] == [
        "US-CO requires a pay range with a minimum and a maximum, or a fixed amount"
    ]


def test_california_asks_for_the_commission_range(tmp_path):
    (problem,) = ours(run(tmp_path, HEAD.format(key="US-CA")))
    assert problem.message == (
        "US-CA requires the commission range expected, where pay includes commission: the "
        "commission has no range (Labor Commissioner (DLSE) Equal Pay Act FAQ)"
    )
    target = "salary:\n  variable:\n    - kind: commission\n      target: 12000\n"
    assert ours(run(tmp_path, HEAD.format(key="US-CA") + target)) == []


def test_ontario_does_not_cover_pay_above_200000_a_year(tmp_path):
    high = "salary:\n  min: 150000\n  max: 240000\n  currency: CAD\n"
    assert ours(run(tmp_path, HEAD.format(key="CA-ON") + high)) == []
    hourly = "salary:\n  min: 40\n  max: 70\n  currency: CAD\n  period: hour\n"
    (problem,) = ours(run(tmp_path, HEAD.format(key="CA-ON") + hourly))
    assert "this one is CA$62,400 wide a year" in problem.message  # 30 an hour, 2080 hours


def test_a_cap_in_another_currency_is_a_note(tmp_path):
    (problem,) = ours(run(tmp_path, HEAD.format(key="CA-ON")))
    assert problem.level is Level.INFO
    assert "the range is in USD per year; jdgen cannot compare them" in problem.message


def test_mentions_of_pay_the_salary_does_not_describe(tmp_path):
    text = HEAD.format(key="US-WA") + (
        "summary: A yearly bonus, commission and stock options.\n"
        "salary:\n  equity: Stock options vesting over four years\n"
    )
    # The commission is in the base's salary.variable, the options in salary.equity.
    (problem,) = ours(run(tmp_path, text))
    assert (problem.line, problem.column) == (4, 19)
    assert "the text mentions 'bonus'" in problem.message
    assert problem.suggestion.startswith("add a bonus under salary.variable")


def test_inclusive_titles_pass_the_directive(tmp_path):
    for title in ("Vendedor/a senior", "Salesperson", "Gestor de cuentas (h/m)"):
        text = HEAD.format(key="EU-ES").replace("Senior Account Manager", title)
        assert ours(run(tmp_path, text)) == [], title


# -- the data and its keys ------------------------------------------------------------------


def test_an_unknown_jurisdiction_is_an_error_with_a_suggestion(tmp_path):
    text = "title: Senior Account Manager\npublish_in: [US-CO, us-ny, US-COL]\n"
    problems = [p for p in run(tmp_path, text) if p.rule == "schema"]
    assert [(p.line, p.column, p.message) for p in problems] == [
        (2, 21, "publish_in[1]: unknown jurisdiction 'us-ny' (did you mean 'US-NY'?)"),
        (2, 28, "publish_in[2]: unknown jurisdiction 'US-COL' (did you mean 'US-CO'?)"),
    ]


def test_a_key_like_nothing_known_lists_the_keys(tmp_path):
    (problem,) = [p for p in run(tmp_path, "publish_in: [ZZ]\n") if p.rule == "schema"]
    assert problem.message.startswith(
        "publish_in[0]: unknown jurisdiction 'ZZ' (known: CA-BC, CA-ON, EU,"
    )


def override(tmp_path: Path, data: str, role: str) -> Workspace:
    ws = workspace(tmp_path, {"role": role})
    (ws.roles_dir / "_jurisdictions.yaml").write_text(textwrap.dedent(data))
    return ws


def test_the_workspace_corrects_a_row_and_adds_one(tmp_path):
    data = """\
        jurisdictions:
          US-NJ:
            requires:
              max_range_spread: null
          US-JC:
            name: Jersey City
            law: Ordinance 22-026
            citation: Jersey City Mun. Code § 34-26
            source: https://www.jerseycitynj.gov/
            effective: 2022-04-01
            employer_threshold: {employees: 5}
            status: in-force
            confidence: low
            requires:
              benefits: {}
        """
    role = HEAD.format(key="US-NJ, US-JC") + "salary:\n  min: 50000\n  max: 90000\nbenefits: []\n"
    problems = lint_workspace(override(tmp_path, data, role))
    assert [p.message for p in problems] == [
        "US-JC requires a description of benefits: the role lists no benefits (Jersey City Mun. Code § 34-26)",
        "US-NJ requires a description of benefits: the role lists no benefits (P.L. 2024, c. 91 (N.J.S.A. 34:6B-23 et seq.))",
    ]


def test_a_bad_override_is_an_error_at_its_line(tmp_path):
    data = "jurisdictions:\n  US-CO:\n    requires:\n      benfits: {}\n"
    ws = override(tmp_path, data, HEAD.format(key="US-CO"))
    with pytest.raises(ConfigFileError) as caught:
        lint_workspace(ws)
    assert caught.value.format_message() == (
        "roles/_jurisdictions.yaml:4:7: error: jurisdictions.US-CO.requires: unknown key "
        "'benfits' (did you mean 'benefits'?)"
    )

"""Render a role's posting as Markdown and HTML.

:func:`posting_context` turns a validated role into the values a template shows:
labels, formatted money and dates, lists. Templates only lay those values out,
so a workspace can restyle a posting without re-implementing any formatting.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date

from jdgen import __version__
from jdgen.errors import RenderError
from jdgen.hiring.plan import HiringPlan
from jdgen.model import Company, Role
from jdgen.money import money_range, number_range
from jdgen.publish.jobposting import job_posting
from jdgen.render.environment import environment

LEVEL_LABELS = {
    "entry": "Entry level",
    "junior": "Junior",
    "mid": "Mid-level",
    "senior": "Senior",
    "lead": "Lead",
    "principal": "Principal",
}
EMPLOYMENT_LABELS = {
    "full-time": "Full-time",
    "part-time": "Part-time",
    "contract": "Contract",
    "temporary": "Temporary",
    "internship": "Internship",
}
WORKPLACE_LABELS = {"onsite": "On-site", "hybrid": "Hybrid", "remote": "Remote"}
PERIOD_LABELS = {"year": "per year", "month": "per month", "hour": "per hour"}
ATTRIBUTE_KIND_LABELS = {"must": "must-have", "nice": "nice-to-have", "competency": "competency"}
LADDER_LABELS = {
    "title": "Base salary bands by level, {period} ({currency})",
    "axis": "Base salary {period} ({currency})",
}
VARIABLE_LABELS = {
    "commission": "Commission",
    "bonus": "Bonus",
    "profit-sharing": "Profit sharing",
    "other": "Variable pay",
}


def posting_context(
    role_id: str,
    role: Role,
    company: Company | None,
    *,
    locale: str = "en_US",
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Everything a posting template shows, formatted for ``locale``."""
    loc = Locale.parse(locale)
    posted = role.date_posted or today or dt.date.today()

    def date(value: dt.date | None) -> str | None:
        return format_date(value, format="long", locale=loc) if value else None

    return {
        "generator": f"jdgen {__version__}",
        "lang": loc.language,
        "role_id": role_id,
        "title": role.title,
        "level": LEVEL_LABELS[role.level],
        "department": role.department,
        "reports_to": role.reports_to,
        "experience": _experience(role, locale),
        "employment": EMPLOYMENT_LABELS[role.employment_type],
        "workplace": WORKPLACE_LABELS[role.location.workplace] if role.location else None,
        "location": _location(role, loc),
        "travel": role.travel,
        "summary": role.summary,
        "duties": list(role.duties),
        "must": [r.text for r in role.requirements.must],
        "nice": [r.text for r in role.requirements.nice],
        "education": role.education,
        "certifications": role.certifications,
        "skills": list(role.skills),
        "benefits": list(role.benefits),
        "pay": _pay(role, locale),
        "apply": _apply(role, date),
        "company": company,
        "date_posted": date(posted),
        "date_posted_iso": posted.isoformat(),
        "valid_through": date(role.valid_through),
        "occupational_category": role.occupational_category,
    }


def _experience(role: Role, locale: str) -> str | None:
    years = role.experience_years
    if years is None:
        return None
    if years.max is None:
        return f"{number_range(years.min, None, locale)}+ years"
    if years.min == 0:
        return f"up to {number_range(years.max, None, locale)} years"
    return f"{number_range(years.min, years.max, locale)} years"


def _location(role: Role, loc: Locale) -> str | None:
    where = role.location
    if where is None:
        return None
    country = loc.territories.get(where.country.upper(), where.country) if where.country else None
    parts = [p for p in (where.city, where.region, country) if p]
    if where.workplace == "remote" and where.remote_regions:
        regions = [loc.territories.get(r.upper(), r) for r in where.remote_regions]
        return ", ".join(parts) if parts else ", ".join(regions)
    return ", ".join(parts) or None


def _pay(role: Role, locale: str) -> dict[str, Any] | None:
    salary = role.salary
    if salary is None or salary.currency is None or (salary.min is None and salary.max is None):
        return None
    period = PERIOD_LABELS.get(salary.period, f"per {salary.period}")
    variable = []
    for item in salary.variable:
        amount = None
        if item.min is not None or item.max is not None:
            amount = f"{money_range(item.min, item.max, salary.currency, locale)} {period}"
        elif item.target is not None:
            amount = f"{money_range(item.target, None, salary.currency, locale)} {period} at target"
        variable.append(
            {"label": VARIABLE_LABELS[item.kind], "amount": amount, "description": item.description}
        )
    return {
        "base": f"{money_range(salary.min, salary.max, salary.currency, locale)} {period}",
        "variable": variable,
        "equity": salary.equity,
    }


def _apply(role: Role, date) -> dict[str, Any] | None:
    how = role.apply
    if how is None:
        return None
    return {
        "url": how.url,
        "email": how.email,
        "instructions": how.instructions,
        "deadline": date(how.deadline),
    }


def render_document(
    document: str, fmt: str, context: dict[str, Any], folders: tuple[Path, ...]
) -> str:
    """Render ``document`` (``posting``, ``hiring-plan``) as ``md`` or ``html``."""
    template = environment(folders).get_template(f"{document}.{fmt}.j2")
    return template.render(context)


def render_block(
    document: str, fmt: str, block: str, context: dict[str, Any], folders: tuple[Path, ...]
) -> str:
    """Render one block of a document's template, such as the posting's ``body``."""
    template = environment(folders).get_template(f"{document}.{fmt}.j2")
    if block not in template.blocks:
        raise RenderError(f"template {template.name} has no block {block!r}")
    return "".join(template.blocks[block](template.new_context(context)))


def with_job_posting(
    context: dict[str, Any],
    role_id: str,
    role: Role,
    company: Company | None,
    folders: tuple[Path, ...],
) -> dict[str, Any]:
    """The posting's context with its schema.org ``JobPosting`` data as ``job_posting``.

    The description is the posting's ``body`` block (its sections, without the page
    frame); a workspace template without that block gives its whole ``content``.
    """
    template = environment(folders).get_template("posting.html.j2")
    block = "body" if "body" in template.blocks else "content"
    description = render_block("posting", "html", block, context, folders)
    data = job_posting(
        role_id,
        role,
        company,
        description=description,
        posted=dt.date.fromisoformat(context["date_posted_iso"]),
    )
    return {**context, "job_posting": data}


def render_posting(context: dict[str, Any], fmt: str, folders: tuple[Path, ...]) -> str:
    """Render the posting as ``md`` or ``html`` with the templates in ``folders``."""
    return render_document("posting", fmt, context, folders)


def plan_context(posting: dict[str, Any], plan: HiringPlan) -> dict[str, Any]:
    """The hiring plan's template values: the posting's, plus the plan."""
    return {**posting, "plan": plan, "kind_labels": ATTRIBUTE_KIND_LABELS}

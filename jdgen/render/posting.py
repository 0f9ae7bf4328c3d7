"""Render a role's posting as Markdown and HTML.

:func:`posting_context` turns a validated role into the values a template shows:
labels, formatted money and dates, lists. Templates only lay those values out,
so a workspace can restyle a posting without re-implementing any formatting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from babel import Locale, localedata
from babel.dates import format_date

from jdgen import __version__
from jdgen.errors import RenderError
from jdgen.hiring.plan import HiringPlan
from jdgen.i18n import DEFAULT_LOCALE, N_, translations
from jdgen.model import Company, Role
from jdgen.money import money_range, number_range
from jdgen.publish.jobposting import job_posting
from jdgen.render.environment import Folder, environment

LEVEL_LABELS = {
    "entry": N_("Entry level"),
    "junior": N_("Junior"),
    "mid": N_("Mid-level"),
    "senior": N_("Senior"),
    "lead": N_("Lead"),
    "principal": N_("Principal"),
}
EMPLOYMENT_LABELS = {
    "full-time": N_("Full-time"),
    "part-time": N_("Part-time"),
    "contract": N_("Contract"),
    "temporary": N_("Temporary"),
    "internship": N_("Internship"),
}
WORKPLACE_LABELS = {"onsite": N_("On-site"), "hybrid": N_("Hybrid"), "remote": N_("Remote")}
PERIOD_LABELS = {"year": N_("per year"), "month": N_("per month"), "hour": N_("per hour")}
ATTRIBUTE_KIND_LABELS = {
    "must": N_("must-have"),
    "nice": N_("nice-to-have"),
    "competency": N_("competency"),
}
LADDER_LABELS = {
    "title": N_("Base salary bands by level, %(period)s (%(currency)s)"),
    "axis": N_("Base salary %(period)s (%(currency)s)"),
}
VARIABLE_LABELS = {
    "commission": N_("Commission"),
    "bonus": N_("Bonus"),
    "profit-sharing": N_("Profit sharing"),
    "other": N_("Variable pay"),
}
PAY_LABELS = {
    "at_target": N_("%(amount)s at target"),
    "up_to": N_("up to %(amount)s"),
    "from": N_("from %(amount)s"),
}


def posting_context(
    role_id: str,
    role: Role,
    company: Company | None,
    *,
    locale: str = DEFAULT_LOCALE,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Everything a posting template shows, translated and formatted for ``locale``."""
    loc = Locale.parse(locale)
    _ = translations(locale).gettext
    posted = role.date_posted or today or dt.date.today()

    dates = date_locale(loc, role.location.country if role.location else None)

    def date(value: dt.date | None) -> str | None:
        return format_date(value, format="long", locale=dates) if value else None

    return {
        "generator": f"jdgen {__version__}",
        "lang": loc.language,
        "locale": locale,
        "role_id": role_id,
        "title": role.title,
        "level": _(LEVEL_LABELS[role.level]),
        "department": role.department,
        "reports_to": role.reports_to,
        "experience": _experience(role, locale),
        "employment": _(EMPLOYMENT_LABELS[role.employment_type]),
        "workplace": _(WORKPLACE_LABELS[role.location.workplace]) if role.location else None,
        "location": _location(role, loc, _),
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
    tr = translations(locale)
    if years.max is None:
        n = years.min
        text = tr.ngettext("%(n)s+ year", "%(n)s+ years", int(n))
    elif years.min == 0:
        n = years.max
        text = tr.ngettext("up to %(n)s year", "up to %(n)s years", int(n))
    else:
        n = years.max
        return tr.ngettext("%(n)s year", "%(n)s years", int(n)) % {
            "n": number_range(years.min, years.max, locale)
        }
    return text % {"n": number_range(n, None, locale)}


def date_locale(loc: Locale, country: str | None) -> Locale:
    """The locale dates are written in: the posting's language, as used in the job's country.

    An English posting for a job in Barcelona says "28 February 2027", not
    "February 28, 2027". A locale that names its own territory ("en-GB") keeps it;
    English for a country CLDR has no English data for uses international English.
    """
    if loc.territory or not country:
        return loc
    regional = f"{loc.language}_{country.upper()}"
    if localedata.exists(regional):
        return Locale.parse(regional)
    if loc.language == "en" and country.upper() != "US":
        return Locale.parse("en_001")
    return loc


def _location(role: Role, loc: Locale, _: Callable[[str], str]) -> str | None:
    """Where the job is, as the JobPosting data says it: the whole address, and for a
    remote job every country applicants may live in, unless that is the address's own
    country. Nothing the data gives is left off the page
    (docs/publishing.md)."""
    where = role.location
    if where is None:
        return None

    def country(code: str) -> str:
        return loc.territories.get(code.upper(), code)

    nation = country(where.country) if where.country else None
    address = ", ".join(
        p for p in (where.street, where.city, where.region, where.postal_code, nation) if p
    )
    codes = [r.upper() for r in where.remote_regions]
    if where.workplace == "remote" and codes and codes != [(where.country or "").upper()]:
        regions = ", ".join(country(r) for r in codes)
        return (
            f"{address}; {_(WORKPLACE_LABELS[where.workplace])}: {regions}" if address else regions
        )
    return address or None


def _pay(role: Role, locale: str) -> dict[str, Any] | None:
    """Base pay, variable pay, on-target earnings and equity, each shown apart.

    ``base_range`` holds the base band's raw numbers: all that schema.org's
    ``baseSalary`` may carry.
    """
    salary = role.salary
    if salary is None:
        return None
    _ = translations(locale).gettext
    currency = salary.currency
    has_base = currency is not None and (salary.min is not None or salary.max is not None)
    if not (has_base or salary.commission_only or salary.variable or salary.equity or salary.url):
        return None

    def per(period: str) -> str:
        return _(PERIOD_LABELS[period]) if period in PERIOD_LABELS else period

    def amount(low: float | None, high: float | None, period: str) -> str | None:
        if currency is None or (low is None and high is None):
            return None
        shown = money_range(low, high, currency, locale)
        if low is None or high is None:  # one end: say which
            label = PAY_LABELS["up_to" if low is None else "from"]
            shown = _(label) % {"amount": shown}
        return f"{shown} {per(period)}"

    variable = []
    for item in salary.variable:
        shown = amount(item.min, item.max, item.period)
        target = amount(item.target, item.target, item.period)
        if target:
            label = PAY_LABELS["at_target"]
            target = _(label) % {"amount": target}
            shown = f"{shown}; {target}" if shown else target
        variable.append(
            {
                "label": _(VARIABLE_LABELS[item.kind]),
                "amount": shown,
                "description": item.description,
            }
        )
    ote = salary.on_target_earnings()
    return {
        "base": amount(salary.min, salary.max, salary.period) if has_base else None,
        "base_range": {
            "min": salary.min,
            "max": salary.max,
            "currency": currency,
            "period": salary.period,
        }
        if has_base
        else None,
        "commission_only": salary.commission_only,
        "variable": variable,
        "ote": amount(ote.min, ote.max, salary.period) if ote else None,
        "equity": salary.equity,
        "url": salary.url,
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
        "ongoing": how.ongoing,
    }


def render_document(
    document: str, fmt: str, context: dict[str, Any], folders: tuple[Folder, ...]
) -> str:
    """Render ``document`` (``posting``, ``hiring-plan``) as ``md`` or ``html``.

    Template text is translated into the context's ``locale``.
    """
    env = environment(folders, context.get("locale", DEFAULT_LOCALE))
    return env.get_template(f"{document}.{fmt}.j2").render(context)


def render_stylesheets(names: tuple[str, ...], folders: tuple[Folder, ...]) -> str:
    """The stylesheets ``names`` (``posting.print.css``...) from the templates, joined."""
    env = environment(folders)
    return "\n".join(env.get_template(name).render() for name in names)


def render_block(
    document: str, fmt: str, block: str, context: dict[str, Any], folders: tuple[Folder, ...]
) -> str:
    """Render one block of a document's template, such as the posting's ``body``."""
    template = environment(folders, context.get("locale", DEFAULT_LOCALE)).get_template(
        f"{document}.{fmt}.j2"
    )
    if block not in template.blocks:
        raise RenderError(f"template {template.name} has no block {block!r}")
    return "".join(template.blocks[block](template.new_context(context)))


def with_job_posting(
    context: dict[str, Any],
    role_id: str,
    role: Role,
    company: Company | None,
    folders: tuple[Folder, ...],
) -> dict[str, Any]:
    """The posting's context with its schema.org ``JobPosting`` data as ``job_posting``.

    The description is the posting's ``body`` block (its sections, without the page
    frame); a workspace template without that block gives its whole ``content``.
    """
    template = environment(folders, context.get("locale", DEFAULT_LOCALE)).get_template(
        "posting.html.j2"
    )
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


def render_posting(context: dict[str, Any], fmt: str, folders: tuple[Folder, ...]) -> str:
    """Render the posting as ``md`` or ``html`` with the templates in ``folders``."""
    return render_document("posting", fmt, context, folders)


def plan_context(posting: dict[str, Any], plan: HiringPlan) -> dict[str, Any]:
    """The hiring plan's template values: the posting's, plus the plan."""
    _ = translations(posting.get("locale", DEFAULT_LOCALE)).gettext
    labels = {kind: _(label) for kind, label in ATTRIBUTE_KIND_LABELS.items()}
    return {**posting, "plan": plan, "kind_labels": labels}

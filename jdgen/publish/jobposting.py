"""schema.org ``JobPosting`` data for a role, as Google for Jobs reads it.

:func:`job_posting` builds the data from the validated role and company, and the
posting's description rendered as HTML; it reads no file and renders nothing.
:func:`script_json` makes it safe to embed in ``<script type="application/ld+json">``,
and :func:`file_json` is the text of ``posting.json``.

What goes in (see docs/publishing.md):

- required: ``title``, ``description``, ``datePosted``, ``hiringOrganization`` and
  ``jobLocation`` (or, for a remote job, ``jobLocationType: TELECOMMUTE`` with
  ``applicantLocationRequirements``);
- recommended, when the role says them: ``validThrough`` (``valid_through``, else the
  apply deadline), ``employmentType``,
  ``baseSalary`` (the base band only, never variable pay), ``identifier``,
  ``educationRequirements``, ``experienceRequirements`` and ``occupationalCategory``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from html.parser import HTMLParser
from typing import Any

from markupsafe import Markup

from jdgen.model import Company, Role

CONTEXT = "https://schema.org/"
EMPLOYMENT_TYPES = {
    "full-time": "FULL_TIME",
    "part-time": "PART_TIME",
    "contract": "CONTRACTOR",
    "temporary": "TEMPORARY",
    "internship": "INTERN",
}
UNIT_TEXT = {"year": "YEAR", "month": "MONTH", "hour": "HOUR"}
# The credential categories Google lists for educationRequirements.
CREDENTIAL_CATEGORIES = {
    "high-school": "high school",
    "associate": "associate degree",
    "bachelor": "bachelor degree",
    "master": "postgraduate degree",
    "doctorate": "postgraduate degree",
    "certificate": "professional certificate",
}
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
# The tags Google documents for a JobPosting's description (Google Search Central, "Job
# posting (JobPosting) structured data", the description property: "Valid tags include
# <p>, <ul>, <li>, and headings <h1> through <h5>", paragraph breaks with <br>, and
# character-level formatting such as <strong> and <em>;
# https://developers.google.com/search/docs/appearance/structured-data/job-posting).
DESCRIPTION_TAGS = frozenset({"p", "br", "ul", "li", "h1", "h2", "h3", "h4", "h5", "strong", "em"})
# Tags the page uses that have one of those for a near equivalent.
_DESCRIPTION_AS = {"b": "strong", "i": "em", "ol": "ul", "dl": "ul", "h6": "h5"}
_DROPPED = frozenset({"script", "style", "template"})


def job_posting(
    role_id: str,
    role: Role,
    company: Company | None,
    *,
    description: str,
    posted: dt.date,
) -> dict[str, Any]:
    """The ``JobPosting`` for a role; ``description`` is the posting body as HTML."""
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "JobPosting",
        "title": role.title,
        "description": description_html(description),
        "datePosted": posted.isoformat(),
    }
    valid_through = role.valid_through or (role.apply.deadline if role.apply else None)
    if valid_through is not None:
        data["validThrough"] = valid_through.isoformat()
    data["employmentType"] = EMPLOYMENT_TYPES[role.employment_type]
    if company is not None:
        organization: dict[str, Any] = {"@type": "Organization", "name": company.name}
        if company.website:
            organization["sameAs"] = company.website
        data["hiringOrganization"] = organization
        data["identifier"] = {"@type": "PropertyValue", "name": company.name, "value": role_id}
    data.update(_location(role))
    if (salary := base_salary(role)) is not None:
        data["baseSalary"] = salary
    if (education := _education(role)) is not None:
        data["educationRequirements"] = education
    if role.experience_years is not None and role.experience_years.min > 0:
        data["experienceRequirements"] = {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": round(role.experience_years.min * 12),
        }
    if role.occupational_category:
        data["occupationalCategory"] = role.occupational_category
    return data


class _Description(HTMLParser):
    """The posting's HTML in :data:`DESCRIPTION_TAGS` only, its text as it was.

    Other tags are left out and their text kept (a section, a link, a tag's span); a
    term and its definition (``dt``, ``dd``) become one list item, the term in bold.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._dropped = 0
        self._term_open = False  # a dt's list item, waiting for its dd

    def _close_term(self) -> None:
        if self._term_open:
            self.out.append("</li>")
            self._term_open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self._dropped += 1
        elif self._dropped:
            return
        elif tag == "dt":
            self._close_term()
            self.out.append("<li><strong>")
        elif tag == "dd":
            self.out.append(" " if self._term_open else "<li>")
            self._term_open = False
        else:
            tag = _DESCRIPTION_AS.get(tag, tag)
            if tag in DESCRIPTION_TAGS:
                self._close_term()
                self.out.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self._dropped = max(0, self._dropped - 1)
        elif self._dropped:
            return
        elif tag == "dt":
            self.out.append("</strong>")
            self._term_open = True
        elif tag == "dd":
            self.out.append("</li>")
        else:
            tag = _DESCRIPTION_AS.get(tag, tag)
            if tag in DESCRIPTION_TAGS and tag != "br":
                self._close_term()
                self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self._dropped:
            self.out.append(html.escape(data, quote=False))


def description_html(page_html: str) -> str:
    """``page_html`` (the posting's body) with only the tags Google documents for the
    description (:data:`DESCRIPTION_TAGS`), one line per line of text."""
    parser = _Description()
    parser.feed(page_html)
    parser.close()
    parser._close_term()
    lines = (line.strip() for line in "".join(parser.out).splitlines())
    return "\n".join(line for line in lines if line)


def _location(role: Role) -> dict[str, Any]:
    """``jobLocation``, and for remote jobs ``jobLocationType`` and where applicants may live."""
    out: dict[str, Any] = {}
    where = role.location
    if where is None:
        return out
    address = {
        key: value
        for key, value in (
            ("streetAddress", where.street),
            ("addressLocality", where.city),
            ("addressRegion", where.region),
            ("postalCode", where.postal_code),
            ("addressCountry", where.country.upper() if where.country else None),
        )
        if value
    }
    if address:
        out["jobLocation"] = {
            "@type": "Place",
            "address": {"@type": "PostalAddress", **address},
        }
    if where.workplace == "remote":
        out["jobLocationType"] = "TELECOMMUTE"
        if where.remote_regions:
            out["applicantLocationRequirements"] = [
                {"@type": "Country", "name": region.upper()} for region in where.remote_regions
            ]
    return out


def base_salary(role: Role) -> dict[str, Any] | None:
    """The base band as a ``MonetaryAmount``; variable pay and equity stay out."""
    salary = role.salary
    if salary is None or salary.currency is None or salary.period not in UNIT_TEXT:
        return None
    if salary.min is None and salary.max is None:
        return None
    value: dict[str, Any] = {"@type": "QuantitativeValue"}
    if salary.min is not None and salary.max is not None and salary.min != salary.max:
        value["minValue"] = _number(salary.min)
        value["maxValue"] = _number(salary.max)
    else:
        value["value"] = _number(salary.min if salary.min is not None else salary.max)
    value["unitText"] = UNIT_TEXT[salary.period]
    return {"@type": "MonetaryAmount", "currency": salary.currency.upper(), "value": value}


def _education(role: Role) -> list[dict[str, Any]] | dict[str, Any] | None:
    """The required credentials; preferred ones are left to the page."""
    credentials = [
        {"@type": "EducationalOccupationalCredential", "credentialCategory": category}
        for category in dict.fromkeys(
            CREDENTIAL_CATEGORIES[item.credential]
            for item in role.education
            if item.required and item.credential
        )
    ]
    if not credentials:
        return None
    return credentials[0] if len(credentials) == 1 else credentials


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else value


def script_json(data: dict[str, Any]) -> Markup:
    """JSON for a ``<script>`` element: no ``<``, ``>`` or ``&`` can end the script early."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return Markup(text.translate(_SCRIPT_ESCAPES))


def file_json(data: dict[str, Any]) -> str:
    """The text of ``posting.json``."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

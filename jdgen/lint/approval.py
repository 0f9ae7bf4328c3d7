"""What HR approves of a role, and what changed since: snapshots and their comparison.

A snapshot is what a reader of the role's postings sees, taken from the loaded,
merged role in every locale the workspace builds (the same :class:`LoadedRole`
the build renders): each locale's posting text, section by section, in reading
order (:func:`~jdgen.lint.text.posting_segments`, the text lint reads), the
details the posting shows (level, location, experience...) and the pay. ``jdgen
approve`` records it (:mod:`jdgen.load.approvals`); the ``unapproved-change``
rule, ``jdgen status`` and the review pack compare it with the role as it is now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jdgen.lint.text import posting_segments

if TYPE_CHECKING:
    from jdgen.load.workspace import LoadedRole, Workspace

# Each segment field's section of the snapshot, in the order the posting shows them.
SECTIONS = {
    "title": "title",
    "summary": "summary",
    "duty": "duties",
    "requirement": "requirements",
    "education": "education",
    "certification": "certifications",
    "skill": "skills",
    "pay": "pay",
    "benefit": "benefits",
    "travel": "travel",
    "apply": "apply",
    "company": "company",
}


def snapshot(
    workspace: Workspace, original: LoadedRole, versions: dict[str, LoadedRole]
) -> dict[str, Any]:
    """The snapshot of a role: the details and pay of the role as written (``original``),
    and the posting text of each of its ``versions`` (by locale: those the workspace builds)."""
    postings: dict[str, dict[str, list[str]]] = {}
    for locale, loaded in versions.items():
        text: dict[str, list[str]] = {}
        company = workspace.company_in(loaded.locale)
        for segment in posting_segments(loaded, company, locale):
            section = SECTIONS.get(segment.field, segment.field)
            if segment.field == "requirement" and segment.path[1] == "nice":
                section = "nice_to_have"
            text.setdefault(section, []).append(segment.text.strip())
        postings[locale] = text
    return {"details": _details(original), "pay": _pay(original), "postings": postings}


def _details(loaded: LoadedRole) -> dict[str, Any]:
    role = loaded.role
    where = role.location
    place = ", ".join(x for x in (where.city, where.region, where.country) if x) if where else ""
    years = role.experience_years
    apply = role.apply
    out = {
        "level": role.level,
        "department": role.department,
        "reports_to": role.reports_to,
        "employment_type": role.employment_type,
        "location": f"{place} ({where.workplace})" if where else None,
        "remote_regions": list(where.remote_regions) if where else [],
        "experience_years": [years.min, years.max] if years else None,
        "apply": [apply.url, apply.email, _iso(apply.deadline)] if apply else None,
        "valid_through": _iso(role.valid_through),
        "publish_in": list(role.publish_in),
    }
    return {k: v for k, v in out.items() if v not in (None, [], "")}


def _pay(loaded: LoadedRole) -> dict[str, Any]:
    salary = loaded.role.salary
    if salary is None:
        return {}
    out: dict[str, Any] = {
        "min": salary.min,
        "max": salary.max,
        "currency": salary.currency,
        "period": salary.period,
        "variable": [
            {
                k: x
                for k, x in (
                    ("kind", v.kind),
                    ("min", v.min),
                    ("max", v.max),
                    ("target", v.target),
                    ("period", v.period),
                )
                if x is not None
            }
            for v in salary.variable
        ],
        "ote": [salary.ote.min, salary.ote.max] if salary.ote else None,
        "commission_only": salary.commission_only,
    }
    return {k: v for k, v in out.items() if v not in (None, [])}


def _iso(day: Any) -> str | None:
    return day.isoformat() if day is not None else None

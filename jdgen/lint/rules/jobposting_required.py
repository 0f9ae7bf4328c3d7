"""The role gives everything Google for Jobs requires in a posting's JobPosting data.

``jdgen build`` embeds schema.org ``JobPosting`` data (JSON-LD) in ``posting.html`` and
writes it as ``posting.json``. Google shows a posting in its job search only when
that data has its required properties. The rule reports, at the line that should
supply the value:

- no ``hiringOrganization``: the workspace has no company file
  (``roles/_company.yaml`` with the company's ``name``); reported at the title;
- no ``jobLocation``: no ``location``, or one without a city, region or country, for a
  job that is not fully remote;
- a remote job (``location.workplace: remote``) without ``location.remote_regions``,
  which Google needs as ``applicantLocationRequirements``;
- no ``description``: a role with no summary, duties or requirements.

``title`` is always there (a role file without one does not load), and ``datePosted``
is never missing: without ``date_posted`` the build date is used.

Passing example::

    title: Senior Account Manager
    level: senior
    location:
      workplace: remote
      remote_regions: [US]

Failing example::

    title: Senior Account Manager
    level: senior
    location:
      workplace: remote
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from jdgen.lint.problem import Finding
from jdgen.load.workspace import LoadedRole

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext

ID = "jobposting-required"
LEVEL = "warning"
DEFAULT: dict[str, Any] = {}


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """Missing organization, location, remote regions or description."""
    model = role.role
    title = role.mark("title")
    if context.company is None:
        yield context.at(
            title,
            "no hiring organization for the JobPosting data: the workspace has no company file",
            "add roles/_company.yaml with the company's name",
            fallback=role,
        )
    where = model.location
    remote = where is not None and where.workplace == "remote"
    has_address = where is not None and any((where.city, where.region, where.country))
    if where is None:
        yield context.at(
            title,
            "no location: the JobPosting data has no jobLocation",
            "add location with city and country, or location.workplace: remote",
            fallback=role,
        )
    elif not remote and not has_address:
        yield context.at(
            role.mark("location"),
            "the location has no city, region or country: the JobPosting data has no jobLocation",
            "add location.city and location.country, or set location.workplace: remote",
        )
    if remote and not where.remote_regions:
        yield context.at(
            role.mark("location", "workplace"),
            "a remote job must say where applicants may live "
            "(JobPosting applicantLocationRequirements)",
            "add location.remote_regions, such as [US] or [ES, PT]",
        )
    if not (model.summary or model.duties or model.requirements.all()):
        yield context.at(
            title,
            "no description for the JobPosting data: the role has no summary, duties or "
            "requirements",
            "add a summary",
            fallback=role,
        )

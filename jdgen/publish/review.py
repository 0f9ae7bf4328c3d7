"""The HR review pack: ``index.html`` and ``review.pdf`` for the whole workspace.

``index.html`` lists every role with its title, level, salary band and lint
status, and links to its posting and hiring plan. ``review.pdf`` has a summary
table, the career-ladder chart of salary bands, then a review sheet and the
postings of each new or changed role (docs/review.md). Both are rendered from
templates on the same search path as the postings (``index.html.j2``,
``review.html.j2``, ``review.css``).

The review PDF's front matter is rendered here; the postings and plans that
follow are the PDFs the build wrote for each role, joined to it by
:mod:`jdgen.publish.merge` rather than laid out a second time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from babel.dates import format_date

from jdgen import __version__
from jdgen.diagnostics import Level, Problem
from jdgen.errors import RenderError
from jdgen.i18n import DEFAULT_LOCALE, language_name, translations
from jdgen.load.workspace import Workspace
from jdgen.money import money_range
from jdgen.publish.ladder import Band, ladder_svg
from jdgen.publish.signoff import SignOff, ote_range, pay_text, sign_off
from jdgen.render.documents import PRINT_STYLESHEETS, document_file
from jdgen.render.environment import Folder, environment, search_path
from jdgen.render.posting import (
    LADDER_LABELS,
    LEVEL_LABELS,
    PERIOD_LABELS,
    render_stylesheets,
)

if TYPE_CHECKING:
    from jdgen.build.options import BuildOptions
    from jdgen.build.outcome import RoleRecord

INDEX, REVIEW = "index", "review"
# The front matter's pages: plain page numbers in their footers.
REVIEW_PRINT_STYLESHEETS = (*PRINT_STYLESHEETS, "review.print.css")
T = TypeVar("T")


@dataclass
class LintStatus:
    """A role's lint result, as the index shows it."""

    errors: int = 0
    warnings: int = 0
    problems: list[str] = field(default_factory=list)
    failed: bool = False
    gate: str = ""  # "new" or "changed" when every error is the approval gate's

    @property
    def state(self) -> str:
        """``failed``, ``error``, ``warning`` or ``clean``: a CSS class and a sort key."""
        if self.failed:
            return "failed"
        return "error" if self.errors else "warning" if self.warnings else "clean"


@dataclass
class RoleEntry:
    """One role in the pack: what the index lists and the review prints."""

    role_id: str
    display: str
    title: str
    level: str | None = None
    level_key: str | None = None
    band: str | None = None
    lint: LintStatus = field(default_factory=LintStatus)
    links: dict[str, str] = field(default_factory=dict)  # document name -> relative href
    translations: dict[str, str] = field(default_factory=dict)  # "ES" -> the Spanish posting
    has_plan: bool = False
    # In the review PDF: each document's file, link (jdgen-part:N) and first page.
    parts: list[PackPart] = field(default_factory=list)
    signoff: SignOff | None = None
    locales: list[str] = field(default_factory=list)  # "EN", "ES": the postings built
    variable: str = "—"
    ote: str = "—"
    jurisdictions: list[str] = field(default_factory=list)
    pay_law_problems: int = 0
    sheet: bool = False  # in the review PDF in full: new, changed, or --full


@dataclass
class PackPart:
    """One role's posting or hiring plan, as the review PDF's contents list it."""

    name: str  # "posting" or "hiring-plan"
    path: Path
    href: str = ""
    page: int = 0
    label: str = ""  # "Posting (Spanish)"


def render_review_pack(
    workspace: Workspace, roles: list[RoleRecord], options: BuildOptions
) -> dict[str, str | bytes]:
    """``index.html`` (with html) and ``review.pdf`` (with pdf), by file name."""
    wanted = [fmt for fmt in ("html", "pdf") if fmt in options.formats]
    if not wanted or not roles:
        return {}
    folders = tuple(search_path(workspace.templates_dir, workspace.root))
    locale = options.default_locale
    context = pack_context(workspace, roles, options, folders, locale=locale)
    files: dict[str, str | bytes] = {}
    try:
        if "html" in wanted:
            template = environment(folders, locale).get_template(f"{INDEX}.html.j2")
            html = _limited(options, f"{INDEX}.html", lambda: template.render(context))
            files[document_file(INDEX, "html")] = html
        if "pdf" in wanted:
            files[document_file(REVIEW, "pdf")] = _review_pdf(context, folders, locale, options)
    except RenderError:
        raise
    except Exception as exc:  # a workspace template can fail in any way Python can
        from jdgen.render.documents import template_error

        raise template_error(exc, workspace) from None
    return files


def _review_pdf(
    context: dict[str, Any], folders: tuple[Folder, ...], locale: str, options: BuildOptions
) -> bytes:
    """The front matter, then every role's posting and plan PDF as the build wrote them."""
    import pikepdf

    from jdgen.publish.merge import Part, join, page_count

    parts = [part for entry in context["built"] for part in entry.parts]
    missing = [p.path for p in parts if not p.path.is_file()]
    if missing:
        raise RenderError(f"cannot make the review pack: {missing[0]} is missing")
    joined = [
        Part(part.path, f"{entry.title}: {part.label}")
        for entry in context["built"]
        for part in entry.parts
    ]
    try:
        lengths = [page_count(p.path) for p in parts]
        front = _limited(
            options,
            "review pack's front matter",
            lambda: _front_matter(context, folders, locale, options, parts, lengths),
        )
        return join(front, joined)
    except pikepdf.PdfError as exc:  # a part that is not a PDF jdgen wrote
        raise RenderError(f"cannot make the review pack: {exc}") from None


def _limited(options: BuildOptions, what: str, render: Callable[[], T]) -> T:
    """``render()`` under the build's time limit, as a role's render runs: the
    templates of the workspace documents come from the workspace too."""
    from jdgen.build.timeout import TimeLimitExceeded, time_limit

    try:
        with time_limit(options.time_limit):
            return render()
    except TimeLimitExceeded:
        raise RenderError(
            f"rendering the {what} took longer than {options.time_limit:g} seconds, the time "
            "limit (--time-limit)"
        ) from None


def _front_matter(
    context: dict[str, Any],
    folders: tuple[Folder, ...],
    locale: str,
    options: BuildOptions,
    parts: list[PackPart],
    lengths: list[int],
) -> bytes:
    """Cover, contents and ladder. The contents give each part's page, which follows
    the front matter's own length: render, count, and render again if it changed."""
    from jdgen.publish.merge import PART_SCHEME
    from jdgen.render.pdf import lay_out, write_pdf

    template = environment(folders, locale).get_template(f"{REVIEW}.html.j2")
    print_css = render_stylesheets(REVIEW_PRINT_STYLESHEETS, folders)
    assumed = 0
    for _attempt in range(5):
        page = assumed + 1
        for i, (part, length) in enumerate(zip(parts, lengths, strict=True)):
            part.href, part.page = f"{PART_SCHEME}{i}", page
            page += length
        document = lay_out(
            template.render(context),
            base_dir=folders[0][0],
            allowed=tuple(f for f, _ in folders),
            page_size=options.page_size,
            print_css=print_css,
        )
        # Longer page numbers can only lengthen the contents, so this settles in two
        # layouts, or three when the numbers' width adds a page.
        if len(document.pages) <= assumed:
            break
        assumed = len(document.pages)
    return write_pdf(document)


def pack_context(
    workspace: Workspace,
    roles: list[RoleRecord],
    options: BuildOptions,
    folders: tuple[Folder, ...],
    *,
    locale: str = DEFAULT_LOCALE,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """What ``index.html.j2`` and ``review.html.j2`` show, in ``locale``.

    Each role's title, band and lint result come from its build (the cache's
    record of it), so no role is loaded or linted again here; only the
    workspace-wide lint rules run, over every role's result together.
    """
    _ = translations(locale).gettext
    default = options.default_locale or DEFAULT_LOCALE
    axis, heading = LADDER_LABELS["axis"], LADDER_LABELS["title"]
    entries: list[RoleEntry] = []
    bands: dict[tuple[str, str], list[Band]] = {}
    for record in roles:
        entry = RoleEntry(record.role_id, record.source, record.role_id)
        entries.append(entry)
        facts = record.facts
        if facts is not None:
            entry.title, entry.level_key = facts.title, facts.level
            entry.level = _(LEVEL_LABELS[facts.level])
        if record.failed:
            entry.lint = LintStatus(problems=[p.format() for p in record.problems], failed=True)
            entry.lint.gate = _gate(record.problems)
            continue
        entry.lint = _lint_status(record.problems)
        current = record.summary.get("approval")
        ote = ote_range((current or {}).get("pay") or {})
        band = facts.band if facts is not None else None
        if band and band.currency and (band.min is not None or band.max is not None):
            period = _(PERIOD_LABELS[band.period]) if band.period in PERIOD_LABELS else band.period
            entry.band = f"{money_range(band.min, band.max, band.currency, locale)} {period}"
            if band.min is not None and band.max is not None and band.period in PERIOD_LABELS:
                bands.setdefault((band.currency.upper(), band.period), []).append(
                    Band(facts.title, facts.level, entry.level, band.min, band.max, *ote)
                )
        entry.has_plan = bool(record.summary.get("has_plan"))
        names = ["posting"] + (["hiring-plan"] if entry.has_plan else [])
        for name in names:
            if "html" in options.formats:
                entry.links[name] = f"{record.role_id}/{document_file(name, 'html')}"
            if "pdf" in options.formats:
                entry.links[f"{name}-pdf"] = f"{record.role_id}/{document_file(name, 'pdf')}"
        if "html" in options.formats:
            published = dict(record.locales)
            for other in options.locales or ():
                if other != options.default_locale and published.get(other) != "skipped":
                    href = f"{record.role_id}/{document_file('posting', 'html', other)}"
                    entry.translations[other.split("_")[0].upper()] = href
        entry.signoff = sign_off(workspace, record.role_id, current, locale, default)
        entry.locales = [x.split("_")[0].upper() for x, how in record.locales if how != "skipped"]
        if current:
            _base, entry.variable, entry.ote = pay_text(current.get("pay") or {}, locale)
            entry.jurisdictions = list(current.get("details", {}).get("publish_in", []))
        entry.pay_law_problems = sum(1 for p in record.problems if p.rule == "pay-transparency")
        entry.sheet = options.full or entry.signoff.state in ("new", "changed", "")
        if "pdf" in options.formats and entry.sheet:  # the postings of the roles to review
            for other, how in record.locales:
                if how == "skipped":
                    continue
                shown = None if other == default else other
                path = Path(options.out) / record.role_id / document_file("posting", "pdf", shown)
                label = f"{_('Posting')} ({language_name(other, locale)})"
                entry.parts.append(PackPart("posting", path, label=label))
            if entry.has_plan and options.with_plans:
                path = Path(options.out) / record.role_id / document_file("hiring-plan", "pdf")
                entry.parts.append(PackPart("hiring-plan", path, label=_("Hiring plan")))
    company = workspace.company[0] if workspace.company else None
    charts = [
        ladder_svg(
            members,
            currency=currency,
            axis_label=_(axis) % {"period": _(PERIOD_LABELS[period]), "currency": currency},
            title=_(heading) % {"period": _(PERIOD_LABELS[period]), "currency": currency},
            locale=locale,
            chart_id=f"ladder-{i}",
            ote_label=_("OTE"),
        )
        for i, ((currency, period), members) in enumerate(sorted(bands.items()))
    ]
    built = [e for e in entries if not e.lint.failed]
    return {
        "generator": f"jdgen {__version__}",
        "lang": locale.split("_")[0],
        "company": company,
        "date_posted": None,
        "today": format_date(today or dt.date.today(), format="long", locale=locale),
        "roles": entries,
        "built": built,
        "charts": charts,
        "review_pdf": document_file(REVIEW, "pdf") if "pdf" in options.formats else None,
        "sheets": [e for e in built if e.sheet],
        "counts": {
            state: sum(1 for e in built if e.signoff and e.signoff.state == state)
            for state in ("new", "changed", "approved")
        },
        "full": options.full,
    }


def _lint_status(problems: tuple[Problem, ...]) -> LintStatus:
    """The warnings and errors lint found in the role's files: its own, its translations',
    and the shared files it is built from."""
    found = [p for p in problems if p.level >= Level.WARNING]
    return LintStatus(
        errors=sum(1 for p in found if p.level == Level.ERROR),
        warnings=sum(1 for p in found if p.level == Level.WARNING),
        problems=[p.format() for p in found],
        gate=_gate(problems),
    )


def _gate(problems: tuple[Problem, ...]) -> str:
    """``new`` or ``changed`` when the role's only errors are the approval gate's (it is
    held back until approved, not broken), else ``""``."""
    errors = [p for p in problems if p.level == Level.ERROR]
    if not errors or any(p.rule != "unapproved-change" for p in errors):
        return ""
    return "new" if all("never been approved" in p.message for p in errors) else "changed"

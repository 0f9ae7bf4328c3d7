"""The HR review pack: ``index.html`` and ``review.pdf`` for the whole workspace.

``index.html`` lists every role with its title, level, salary band and lint
status, and links to its posting and hiring plan. ``review.pdf`` has a cover, a
table of contents, the career-ladder chart of salary bands, then each role's
posting and hiring plan. Both are rendered from templates on the same search
path as the postings (``index.html.j2``, ``review.html.j2``, ``review.css``).

The review PDF's front matter is rendered here; the postings and plans that
follow are the PDFs the build wrote for each role, joined to it by
:mod:`jdgen.publish.merge` rather than laid out a second time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from babel.dates import format_date

from jdgen import __version__
from jdgen.build.output import document_file
from jdgen.errors import RenderError
from jdgen.i18n import DEFAULT_LOCALE, translations
from jdgen.lint.formats import format_text
from jdgen.lint.problem import Level, Problem
from jdgen.load.workspace import Workspace
from jdgen.money import money_range
from jdgen.publish.ladder import Band, ladder_svg
from jdgen.render.environment import environment, search_path
from jdgen.render.posting import (
    LADDER_LABELS,
    LEVEL_LABELS,
    PERIOD_LABELS,
)

if TYPE_CHECKING:
    from jdgen.build.runner import BuildOptions, RoleRecord
    from jdgen.lint.check import Checked

INDEX, REVIEW = "index", "review"


@dataclass
class LintStatus:
    """A role's lint result, as the index shows it."""

    errors: int = 0
    warnings: int = 0
    problems: list[str] = field(default_factory=list)
    failed: bool = False

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


@dataclass
class PackPart:
    """One role's posting or hiring plan, as the review PDF's contents list it."""

    name: str  # "posting" or "hiring-plan"
    path: Path
    href: str = ""
    page: int = 0


def render_review_pack(
    workspace: Workspace, roles: list[RoleRecord], options: BuildOptions
) -> dict[str, str | bytes]:
    """``index.html`` (with html) and ``review.pdf`` (with pdf), by file name."""
    wanted = [fmt for fmt in ("html", "pdf") if fmt in options.formats]
    if not wanted or not roles:
        return {}
    folders = tuple(search_path(workspace.templates_dir))
    locale = options.default_locale
    context = pack_context(workspace, roles, options, folders, locale=locale)
    files: dict[str, str | bytes] = {}
    try:
        if "html" in wanted:
            html = environment(folders, locale).get_template(f"{INDEX}.html.j2").render(context)
            files[document_file(INDEX, "html")] = html
        if "pdf" in wanted:
            files[document_file(REVIEW, "pdf")] = _review_pdf(context, folders, locale, options)
    except jinja2.TemplateError as exc:
        from jdgen.render.documents import template_error

        raise template_error(exc, workspace) from None
    return files


def _review_pdf(
    context: dict[str, Any], folders: tuple[Path, ...], locale: str, options: BuildOptions
) -> bytes:
    """The front matter, then every role's posting and plan PDF as the build wrote them."""
    import pikepdf

    from jdgen.publish.merge import Part, join, page_count

    parts = [part for entry in context["built"] for part in entry.parts]
    missing = [p.path for p in parts if not p.path.is_file()]
    if missing:
        raise RenderError(f"cannot make the review pack: {missing[0]} is missing")
    _ = translations(locale).gettext
    titles = {"posting": _("Posting"), "hiring-plan": _("Hiring plan")}
    joined = [
        Part(part.path, f"{entry.title}: {titles[part.name]}")
        for entry in context["built"]
        for part in entry.parts
    ]
    try:
        lengths = [page_count(p.path) for p in parts]
        front = _front_matter(context, folders, locale, options, parts, lengths)
        return join(front, joined)
    except pikepdf.PdfError as exc:  # a part that is not a PDF jdgen wrote
        raise RenderError(f"cannot make the review pack: {exc}") from None


def _front_matter(
    context: dict[str, Any],
    folders: tuple[Path, ...],
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
    assumed = 0
    for _attempt in range(5):
        page = assumed + 1
        for i, (part, length) in enumerate(zip(parts, lengths, strict=True)):
            part.href, part.page = f"{PART_SCHEME}{i}", page
            page += length
        document = lay_out(
            template.render(context),
            base_dir=folders[0],
            allowed=folders,
            page_size=options.page_size,
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
    folders: tuple[Path, ...],
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
    axis, heading = LADDER_LABELS["axis"], LADDER_LABELS["title"]
    checked = {r.role_id: _checked(workspace, r, today) for r in roles if not r.errors}
    problems = _workspace_lint(workspace, list(checked.values()), today)
    entries: list[RoleEntry] = []
    bands: dict[tuple[str, str], list[Band]] = {}
    for record in roles:
        entry = RoleEntry(record.role_id, record.source, record.role_id)
        entries.append(entry)
        if record.errors:
            entry.lint = LintStatus(problems=list(record.errors), failed=True)
            continue
        result = checked[record.role_id]
        role = result.role.role  # it built, so it loads
        entry.title, entry.level_key = role.title, role.level
        entry.level = _(LEVEL_LABELS[role.level])
        entry.lint = _lint_status(result, problems)
        salary = role.salary
        if salary and salary.currency and (salary.min is not None or salary.max is not None):
            period = (
                _(PERIOD_LABELS[salary.period]) if salary.period in PERIOD_LABELS else salary.period
            )
            entry.band = f"{money_range(salary.min, salary.max, salary.currency, locale)} {period}"
            if salary.min is not None and salary.max is not None and salary.period in PERIOD_LABELS:
                bands.setdefault((salary.currency.upper(), salary.period), []).append(
                    Band(role.title, role.level, entry.level, salary.min, salary.max)
                )
        entry.has_plan = _has_plan(workspace, record)
        names = ["posting"] + (["hiring-plan"] if entry.has_plan else [])
        for name in names:
            if "html" in options.formats:
                entry.links[name] = f"{record.role_id}/{document_file(name, 'html')}"
            if "pdf" in options.formats:
                entry.links[f"{name}-pdf"] = f"{record.role_id}/{document_file(name, 'pdf')}"
        if "html" in options.formats:
            for other in options.locales:
                if other != options.default_locale:
                    href = f"{record.role_id}/{document_file('posting', 'html', other)}"
                    entry.translations[other.split("_")[0].upper()] = href
        if "pdf" in options.formats:  # the review PDF holds every document in full
            for name in names:
                path = Path(options.out) / record.role_id / document_file(name, "pdf")
                entry.parts.append(PackPart(name, path))
    company = workspace.company[0] if workspace.company else None
    charts = [
        ladder_svg(
            members,
            currency=currency,
            axis_label=_(axis) % {"period": _(PERIOD_LABELS[period]), "currency": currency},
            title=_(heading) % {"period": _(PERIOD_LABELS[period]), "currency": currency},
            locale=locale,
            chart_id=f"ladder-{i}",
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
    }


def _checked(workspace: Workspace, record: RoleRecord, today: dt.date | None) -> Checked:
    """The role's lint result as its build kept it; checked now if it has none (its
    build could not lint it: a broken lint config, which this reports)."""
    from jdgen.lint import record as lint_record

    path = workspace.root / record.source
    if "lint" in record.summary:
        return lint_record.from_data(record.summary["lint"], path)
    return lint_record.check(workspace, path, today or dt.date.today())[0]


def _has_plan(workspace: Workspace, record: RoleRecord) -> bool:
    """Whether the role has hiring stages, hence a hiring plan, as its build found."""
    if "has_plan" in record.summary:
        return record.summary["has_plan"]
    hiring = workspace.load_role(workspace.root / record.source).role.hiring
    return bool(hiring and hiring.stages)


def _workspace_lint(
    workspace: Workspace, checked: list[Checked], today: dt.date | None
) -> list[Problem]:
    """Every problem of a whole-workspace lint, from the roles' own results."""
    from jdgen.lint import record as lint_record
    from jdgen.lint.check import conclude

    found = lint_record.settings(workspace)
    return conclude(
        workspace,
        checked,
        found.config,
        set(),  # besides the files each checked role was read from, its own among them
        today=today or dt.date.today(),
        default_locale=found.default_locale,
    )


def _lint_status(result: Checked, problems: list[Problem]) -> LintStatus:
    """The problems in the role's files: its own, its translations', and the shared
    files it is built from."""
    mine = {result.role.display, *result.files}
    found = [p for p in problems if p.path in mine and p.level >= Level.WARNING]
    return LintStatus(
        errors=sum(1 for p in found if p.level == Level.ERROR),
        warnings=sum(1 for p in found if p.level == Level.WARNING),
        problems=[format_text(p) for p in found],
    )

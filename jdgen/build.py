"""``jdgen build``: every role in, postings out.

For each role file: load and validate it, render its posting as Markdown and
HTML, print the HTML to PDF, and write the files into ``<out>/<role-id>/``. A
role that fails is reported and skipped; the others still build. A build of the
whole workspace then writes the HR review pack (``index.html``, ``review.pdf``).
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from jdgen.config import configured_locales, read_config
from jdgen.errors import (
    ConfigError,
    ExitCode,
    JdgenError,
    PdfUnavailableError,
    RenderError,
    RoleFileError,
    SourceError,
)
from jdgen.hiring.plan import hiring_plan
from jdgen.i18n import DEFAULT_LOCALE, check_locale
from jdgen.output import OutputDir, document_file
from jdgen.publish.jobposting import file_json
from jdgen.render.environment import search_path
from jdgen.render.posting import (
    plan_context,
    posting_context,
    render_document,
    with_job_posting,
)
from jdgen.workspace import LoadedRole, Workspace

FORMATS = ("md", "html", "pdf", "json")
PAGE_SIZES = ("a4", "letter")


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where."""

    out: Path
    formats: tuple[str, ...] = FORMATS
    page_size: str = "a4"
    locales: tuple[str, ...] = (DEFAULT_LOCALE,)
    default_locale: str = DEFAULT_LOCALE  # the language the role files are written in


def build_options(
    workspace: Workspace,
    out: Path | None = None,
    formats: tuple[str, ...] | None = None,
    page_size: str | None = None,
    locales: tuple[str, ...] | None = None,
) -> BuildOptions:
    """Options from the command line, else the ``build`` section of the config, else defaults.

    .. code-block:: yaml

        build:
          locales: [en, es, ca]      # the languages `jdgen build` writes
          default_locale: en         # the language the role files are written in
          formats: [md, html, pdf]
          page_size: a4
    """
    config = read_config(workspace.root)
    section = config.section("build")
    where = f"{config.source}: build" if config.source else "build"
    known = {"locales", "default_locale", "formats", "page_size"}
    for key in section:
        if key not in known:
            raise ConfigError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(known))})")
    default_locale, configured = configured_locales(config)
    chosen = tuple(dict.fromkeys(check_locale(code) for code in locales)) if locales else configured
    chosen_formats = formats or tuple(_strings(section, "formats", where)) or FORMATS
    for fmt in chosen_formats:
        if fmt not in FORMATS:
            raise ConfigError(f"{where}.formats: unknown format {fmt!r} (known: md, html, pdf)")
    size = (page_size or str(section.get("page_size", "a4"))).lower()
    if size not in PAGE_SIZES:
        raise ConfigError(f"{where}.page_size: expected a4 or letter, got {size!r}")
    return BuildOptions(
        out=out or workspace.root / "output",
        formats=tuple(chosen_formats),
        page_size=size,
        locales=chosen,
        default_locale=default_locale,
    )


def _strings(section: dict, key: str, where: str) -> list[str]:
    value = section.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}.{key}: expected a list of names")
    return value


@dataclass
class RoleOutcome:
    """What happened to one role: the files written, or the errors that stopped it."""

    role_id: str
    display: str
    written: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class BuildReport:
    """The result of a build, for the summary line and the exit code."""

    outcomes: list[RoleOutcome] = field(default_factory=list)
    documents: list[Path] = field(default_factory=list)  # the review pack: index.html, review.pdf
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> list[RoleOutcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def built(self) -> list[RoleOutcome]:
        return [o for o in self.outcomes if o.ok]

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.FAILED if self.failed or self.warnings else ExitCode.OK


def build(
    workspace: Workspace,
    paths: list[Path] | None,
    options: BuildOptions,
    on_outcome: Callable[[RoleOutcome], None] | None = None,
) -> BuildReport:
    """Build the postings for the role files under ``paths`` (default: ``roles/``)."""
    started = time.perf_counter()
    report = BuildReport()
    # Usage and config errors first: they should not wait a second for WeasyPrint to import.
    files = workspace.role_files(paths)
    workspace.company  # noqa: B018 - a broken company file stops the build before any role
    out = OutputDir(options.out)

    formats = options.formats
    if "pdf" in formats:
        from jdgen.render.pdf import check_available

        try:
            check_available()
        except PdfUnavailableError as exc:
            report.warnings.append(f"no PDFs written: {exc.message}")
            formats = tuple(f for f in formats if f != "pdf")
    options = dataclasses.replace(options, formats=formats)

    duplicates = {stem for stem, n in Counter(p.stem for p in files).items() if n > 1}
    for path in files:
        if path.stem in duplicates:
            others = ", ".join(workspace.display(p) for p in files if p.stem == path.stem)
            outcome = RoleOutcome(path.stem, workspace.display(path))
            outcome.errors.append(
                f"{outcome.display}: error: role id {path.stem!r} is used by more than one file "
                f"({others})"
            )
        else:
            outcome = build_role(workspace, path, options, out)
        report.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    if paths is None:  # the review pack covers the whole workspace, so only a full build writes it
        from jdgen.publish.review import write_review_pack

        try:
            report.documents = write_review_pack(workspace, files, report.outcomes, options, out)
        except JdgenError as exc:
            report.warnings.append(f"review pack not written: {exc.message}")
    report.seconds = time.perf_counter() - started
    return report


def build_role(
    workspace: Workspace, path: Path, options: BuildOptions, out: OutputDir
) -> RoleOutcome:
    """Render and write one role's files; errors are caught into the outcome."""
    outcome = RoleOutcome(path.stem, workspace.display(path))
    try:
        files: dict[str, str | bytes] = {}
        for locale in options.locales:
            original = locale == options.default_locale
            loaded = workspace.load_role(path, None if original else locale)
            documents = role_documents(workspace, loaded, locale, plan=original)
            files |= render_files(documents, workspace, options, None if original else locale)
        for name, content in files.items():
            target = out.path(loaded.id, name)
            out.write(target, content)
            outcome.written.append(target)
    except jinja2.TemplateError as exc:
        outcome.errors.append(
            f"{outcome.display}: {template_error(exc, workspace).format_message()}"
        )
    except RoleFileError as exc:
        outcome.errors.extend(SourceError.format_message(e) for e in exc.errors)
    except SourceError as exc:
        outcome.errors.append(exc.format_message())
    except JdgenError as exc:
        outcome.errors.append(f"{outcome.display}: {exc.format_message()}")
    return outcome


def role_documents(
    workspace: Workspace, loaded: LoadedRole, locale: str = DEFAULT_LOCALE, plan: bool = True
) -> dict[str, dict]:
    """A role's documents (``posting``, and ``hiring-plan`` if it has one) and their contexts.

    ``plan=False`` leaves the hiring plan out: it is for the interviewers, so a build
    writes it once, in the language the role files are written in.
    """
    company = workspace.company_in(loaded.locale)
    info = company[0] if company else None
    context = posting_context(loaded.id, loaded.role, info, locale=locale)
    folders = tuple(search_path(workspace.templates_dir))
    documents = {"posting": with_job_posting(context, loaded.id, loaded.role, info, folders)}
    hiring = hiring_plan(loaded.id, loaded.role, workspace.question_bank, locale) if plan else None
    if hiring is not None:
        documents["hiring-plan"] = plan_context(context, hiring)
    return documents


def render_files(
    documents: dict[str, dict],
    workspace: Workspace,
    options: BuildOptions,
    locale: str | None = None,
) -> dict[str, str | bytes]:
    """Render each document (``posting``, ``hiring-plan``) in each format, by file name.

    ``locale`` marks a locale other than the default: ``posting.es.md``.
    """
    folders = tuple(search_path(workspace.templates_dir))
    files: dict[str, str | bytes] = {}
    pages: dict[str, str] = {}
    try:
        for document, context in documents.items():
            if "md" in options.formats:
                files[document_file(document, "md", locale)] = render_document(
                    document, "md", context, folders
                )
            if "html" in options.formats or "pdf" in options.formats:
                pages[document] = render_document(document, "html", context, folders)
                if "html" in options.formats:
                    files[document_file(document, "html", locale)] = pages[document]
            if "json" in options.formats and "job_posting" in context:
                files[document_file(document, "json", locale)] = file_json(context["job_posting"])
    except jinja2.TemplateError as exc:
        raise template_error(exc, workspace) from None
    if "pdf" in options.formats:
        from jdgen.render.pdf import render_pdf

        for document, html in pages.items():
            files[document_file(document, "pdf", locale)] = render_pdf(
                html, base_dir=folders[0], allowed=folders, page_size=options.page_size
            )
    return files


def template_error(exc: jinja2.TemplateError, workspace: Workspace) -> JdgenError:
    """A template problem, as ``template:line: error: ...`` when it has a line."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = workspace.display(Path(exc.filename)) if exc.filename else (exc.name or "template")
        return SourceError(where, exc.lineno, None, f"template syntax error: {exc.message}")
    return RenderError(f"template error: {exc.message}")

"""``jdgen build``: every role in, postings out; in parallel, and only what changed.

For each role file: load and validate it, render its documents (the posting,
with its JobPosting data, and the hiring plan when the role has a hiring
section) as Markdown, HTML and JSON, print the HTML to PDF, and write the files
into ``<out>/<role-id>/``, for each locale the build writes. A role that fails
is reported and skipped; the others still build.

A role whose inputs and outputs are unchanged since the last build is skipped
(see :mod:`jdgen.cache`). The others are built in worker processes, one per core
(see :mod:`jdgen.parallel`). Then the workspace documents, which list every role
(:data:`WORKSPACE_DOCUMENTS`: the HR review pack, ``index.html`` and
``review.pdf``), are rebuilt if any role was built, failed or went away.

Rendering is imported only when there is something to render, so a rebuild with
nothing to do does not pay for Jinja2, pydantic or WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jdgen.cache import BuildCache, file_digest, shared_inputs, text_digest
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
from jdgen.output import OutputDir, document_file
from jdgen.timeout import TimeLimitExceeded, time_limit
from jdgen.workspace import COMPANY_FILE, LoadedRole, Workspace

DEFAULT_LOCALE = "en"  # as jdgen.i18n, which imports Babel: not needed for a rebuild
FORMATS = ("md", "html", "pdf", "json")
PAGE_SIZES = ("a4", "letter")
DEFAULT_TIME_LIMIT = 120.0
CHECKPOINT_SECONDS = 2.0
ROLES_PER_WORKER = 20  # the least Markdown and HTML roles per worker, by default


@dataclass(frozen=True)
class BuildOptions:
    """What to build, where, and how."""

    out: Path
    formats: tuple[str, ...] = FORMATS
    page_size: str = "a4"
    jobs: int | None = None  # worker processes; None: one per core
    force: bool = False  # build every role, changed or not
    time_limit: float | None = DEFAULT_TIME_LIMIT  # seconds for one role's rendering
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
          formats: [md, html, pdf, json]
          page_size: a4
    """
    from jdgen.config import check_locale

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
            raise ConfigError(
                f"{where}.formats: unknown format {fmt!r} (known: {', '.join(FORMATS)})"
            )
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
    skipped: bool = False  # up to date: nothing was written
    reason: str | None = None  # why it was built ("new", "roles/_base.yaml changed"...)
    inputs: dict[str, str | None] = field(default_factory=dict)  # file read: its digest
    today: str | None = None  # the build day, when the posting shows it as its date
    summary: dict[str, Any] = field(default_factory=dict)  # for the workspace documents

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class BuildReport:
    """The result of a build, for the summary line and the exit code."""

    outcomes: list[RoleOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    workspace_written: list[Path] = field(default_factory=list)
    interrupted: bool = False
    not_built: int = 0  # roles left undone when the build was interrupted

    @property
    def failed(self) -> list[RoleOutcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def built(self) -> list[RoleOutcome]:
        return [o for o in self.outcomes if o.ok and not o.skipped]

    @property
    def skipped(self) -> list[RoleOutcome]:
        return [o for o in self.outcomes if o.skipped]

    @property
    def files(self) -> int:
        """How many files were written."""
        return sum(len(o.written) for o in self.outcomes) + len(self.workspace_written)

    @property
    def exit_code(self) -> ExitCode:
        if self.interrupted:
            return ExitCode.INTERRUPTED
        return ExitCode.FAILED if self.failed or self.warnings else ExitCode.OK


@dataclass(frozen=True)
class RoleRecord:
    """A role as the workspace documents see it: built now or earlier, from the cache,
    or failed now (with ``errors``)."""

    role_id: str
    source: str
    files: tuple[str, ...]  # its output files, relative to the output folder
    summary: dict[str, Any]
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class WorkspaceDocument:
    """A file about every role (an index, a review pack), written after the roles.

    ``render(workspace, roles, options)`` returns ``{file name: content}``, with
    names relative to the output folder. It is called only when a role was built,
    failed or went away since the last build (or the document's files are gone).
    A document that needs more than :attr:`RoleRecord.summary` can load a role
    with ``workspace.load_role(workspace.root / record.source)``.
    """

    name: str
    render: Callable[[Workspace, list[RoleRecord], BuildOptions], dict[str, str | bytes]]


def _review_pack(
    workspace: Workspace, roles: list[RoleRecord], options: BuildOptions
) -> dict[str, str | bytes]:
    from jdgen.publish.review import render_review_pack

    return render_review_pack(workspace, roles, options)


WORKSPACE_DOCUMENTS: list[WorkspaceDocument] = [WorkspaceDocument("review pack", _review_pack)]


def build(
    workspace: Workspace,
    paths: list[Path] | None,
    options: BuildOptions,
    on_outcome: Callable[[RoleOutcome], None] | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> BuildReport:
    """Build the postings for the role files under ``paths`` (default: ``roles/``).

    ``on_plan(n)`` is called once the build knows it has ``n`` roles to render,
    and ``on_outcome`` after each role, built, skipped or failed. Ctrl-C stops the
    build after the roles in progress; the report says so and what was finished.
    """
    started = time.perf_counter()
    report = BuildReport()
    # Usage errors first: they should not wait a second for WeasyPrint to import.
    files = workspace.role_files(paths)
    out = OutputDir(options.out)
    cache = BuildCache.load(out, workspace.root, _shared_inputs(workspace, options))
    slots, todo = _plan(workspace, files, options, cache)
    if paths is None:  # the whole workspace: roles whose file is gone are forgotten
        for role_id in set(cache.entries) - {p.stem for p in files}:
            cache.forget(role_id)

    remember = True  # whether this build's results go into the cache
    if todo:
        workspace.company  # noqa: B018 - a broken company file stops the build before any role
        options, remember = _without_missing_pdf(options, report)
    if on_plan is not None:
        on_plan(len(todo))

    # Outcomes are reported in file order, whichever worker finishes first.
    position = {path: i for i, path in enumerate(files)}
    shown = 0
    last_save = time.perf_counter()

    def show() -> None:
        nonlocal shown
        while shown < len(slots) and slots[shown] is not None:
            report.outcomes.append(slots[shown])
            if on_outcome is not None:
                on_outcome(slots[shown])
            shown += 1

    def finish(outcome: RoleOutcome, path: Path) -> None:
        nonlocal last_save
        if outcome.ok:
            cache.record(
                outcome.role_id,
                outcome.display,
                outcome.inputs,
                outcome.written,
                outcome.today,
                outcome.summary,
            )
        else:
            cache.forget(outcome.role_id)
        slots[position[path]] = outcome
        show()
        if remember and time.perf_counter() - last_save > CHECKPOINT_SECONDS:
            cache.save()  # so that a killed build keeps most of what it did
            last_save = time.perf_counter()

    with out.lock():
        out.sweep()  # a temporary file of the cache, left by a killed build
        try:
            show()
            if todo:
                report.not_built = _run(workspace, todo, options, out, finish)
                report.interrupted = report.not_built > 0
                slots = [s for s in slots if s is not None]  # what Ctrl-C left undone
                show()
            if paths is None and not report.interrupted:
                _build_workspace_documents(workspace, options, out, cache, report)
        finally:
            if remember:
                cache.save()
    report.seconds = time.perf_counter() - started
    return report


def _plan(
    workspace: Workspace, files: list[Path], options: BuildOptions, cache: BuildCache
) -> tuple[list[RoleOutcome | None], list[tuple[Path, str]]]:
    """Each role's outcome when it is known already (skipped, or a duplicate id),
    ``None`` when it must be built; and the roles to build, with why."""
    today = dt.date.today().isoformat()
    duplicates = {stem for stem, n in Counter(p.stem for p in files).items() if n > 1}
    slots: list[RoleOutcome | None] = []
    todo: list[tuple[Path, str]] = []
    for path in files:
        display = workspace.display(path)
        if path.stem in duplicates:
            others = ", ".join(workspace.display(p) for p in files if p.stem == path.stem)
            message = f"role id {path.stem!r} is used by more than one file ({others})"
            slots.append(RoleOutcome(path.stem, display, errors=[f"{display}: error: {message}"]))
            cache.forget(path.stem)
            continue
        reason = "--force" if options.force else cache.stale(path.stem, display, today)
        if reason is None:
            slots.append(RoleOutcome(path.stem, display, skipped=True))
        else:
            slots.append(None)
            todo.append((path, reason))
    return slots, todo


def _without_missing_pdf(options: BuildOptions, report: BuildReport) -> tuple[BuildOptions, bool]:
    """The options without PDF when WeasyPrint cannot be loaded (with a warning).

    The second value is whether the build may be remembered: a build that was
    asked for PDFs and wrote none is not done.
    """
    if "pdf" not in options.formats:
        return options, True
    from jdgen.render.pdf import check_available

    try:
        check_available()
    except PdfUnavailableError as exc:
        report.warnings.append(f"no PDFs written: {exc.message}")
        return replace(options, formats=tuple(f for f in options.formats if f != "pdf")), False
    return options, True


def _run(
    workspace: Workspace,
    todo: list[tuple[Path, str]],
    options: BuildOptions,
    out: OutputDir,
    finish: Callable[[RoleOutcome, Path], None],
) -> int:
    """Build the roles in ``todo``; return how many Ctrl-C left undone."""
    reasons = {path: reason for path, reason in todo}
    jobs = options.jobs or os.cpu_count() or 1
    if options.jobs is None and "pdf" not in options.formats:
        # Markdown and HTML take milliseconds a role: a worker pays off only for many roles.
        jobs = min(jobs, len(todo) // ROLES_PER_WORKER)
    jobs = min(jobs, len(todo))

    def done(outcome: RoleOutcome, path: Path) -> None:
        outcome.reason = reasons[path]
        finish(outcome, path)

    if jobs <= 1:
        finished = 0
        try:
            for path, _ in todo:
                done(build_role(workspace, path, options, out), path)
                finished += 1
        except KeyboardInterrupt:
            return len(todo) - finished
        return 0
    from jdgen.parallel import build_in_parallel

    return build_in_parallel(workspace, [p for p, _ in todo], options, jobs, done)


def _shared_inputs(workspace: Workspace, options: BuildOptions) -> dict[str, str]:
    from importlib.resources import files

    package = Path(str(files("jdgen")))
    folders = [workspace.templates_dir, package / "templates"]
    bank = [
        package / "data" / "question_bank.yaml",
        workspace.roles_dir / "_questions.yaml",
        workspace.roles_dir / "_jurisdictions.yaml",  # the review pack shows lint results
    ]
    settings: dict[str, Any] = {
        "formats": sorted(options.formats),
        "page_size": options.page_size,
        "locales": list(options.locales),
        "default_locale": options.default_locale,
    }
    if "pdf" in options.formats:
        from importlib.metadata import PackageNotFoundError, version

        try:
            settings["weasyprint"] = version("weasyprint")
        except PackageNotFoundError:
            settings["weasyprint"] = None
    return shared_inputs(workspace.root, folders, bank, settings)


def build_role(
    workspace: Workspace, path: Path, options: BuildOptions, out: OutputDir
) -> RoleOutcome:
    """Render and write one role's files, in every locale; errors are caught into the outcome."""
    import jinja2

    outcome = RoleOutcome(path.stem, workspace.display(path))
    try:
        files: dict[str, str | bytes] = {}
        read: set[Path] = set()
        today = dt.date.today()
        for locale in options.locales:
            original = locale == options.default_locale
            loaded = workspace.load_role(path, None if original else locale)
            read.update(loaded.files)
            documents = role_documents(workspace, loaded, locale, plan=original, today=today)
            if original:
                if loaded.role.date_posted is None:
                    outcome.today = today.isoformat()
                context = documents["posting"]
                outcome.summary = {k: context[k] for k in SUMMARY_KEYS}
            with time_limit(options.time_limit):
                try:
                    files |= render_files(
                        documents, workspace, options, None if original else locale
                    )
                except SourceError as exc:  # at a line of a template: say which role it was
                    message = f"{exc.message} (rendering {outcome.display})"
                    raise SourceError(exc.path, exc.line, exc.column, message) from None
        out.sweep(path.stem)  # temporary files of a killed build
        for name, content in files.items():
            target = out.path(path.stem, name)
            out.write(target, content)
            outcome.written.append(target)
        outcome.inputs = _inputs(workspace, tuple(sorted(read)))
    except RoleFileError as exc:
        outcome.errors.extend(SourceError.format_message(e) for e in exc.errors)
    except SourceError as exc:
        outcome.errors.append(exc.format_message())
    except JdgenError as exc:
        outcome.errors.append(f"{outcome.display}: {exc.format_message()}")
    except jinja2.TemplateError as exc:  # from the JobPosting description's block
        outcome.errors.append(
            f"{outcome.display}: {template_error(exc, workspace).format_message()}"
        )
    except TimeLimitExceeded:
        outcome.errors.append(
            f"{outcome.display}: error: rendering took longer than {options.time_limit:g} "
            "seconds, the time limit (a template or stylesheet may loop; see --time-limit)"
        )
    finally:
        # Keep shared files (bases, the company file) parsed; let the role's own go.
        for name in (path, *(workspace.roles_dir.glob(f"{path.stem}.*.y*ml"))):
            workspace.documents.pop(workspace.real(name), None)
    return outcome


def role_documents(
    workspace: Workspace,
    loaded: LoadedRole,
    locale: str = DEFAULT_LOCALE,
    plan: bool = True,
    today: dt.date | None = None,
) -> dict[str, dict]:
    """A role's documents (``posting``, and ``hiring-plan`` if it has one) and their contexts.

    ``plan=False`` leaves the hiring plan out: it is for the interviewers, so a build
    writes it once, in the language the role files are written in.
    """
    from jdgen.hiring.plan import hiring_plan
    from jdgen.render.environment import search_path
    from jdgen.render.posting import plan_context, posting_context, with_job_posting

    company = workspace.company_in(loaded.locale)
    info = company[0] if company else None
    context = posting_context(loaded.id, loaded.role, info, locale=locale, today=today)
    folders = tuple(search_path(workspace.templates_dir))
    documents = {"posting": with_job_posting(context, loaded.id, loaded.role, info, folders)}
    hiring = hiring_plan(loaded.id, loaded.role, workspace.question_bank, locale) if plan else None
    if hiring is not None:
        documents["hiring-plan"] = plan_context(context, hiring)
    return documents


SUMMARY_KEYS = ("title", "level", "department", "location", "employment", "date_posted_iso")


def _inputs(workspace: Workspace, files: tuple[Path, ...]) -> dict[str, str | None]:
    """The digest of each file the role was read from, as read (and of the company file)."""
    company = (workspace.roles_dir / COMPANY_FILE).resolve()
    digests: dict[str, str | None] = {}
    for path in (*files, company):
        doc = workspace.documents.get(path)
        name = workspace.display(path)
        digests[name] = text_digest(doc.text) if doc is not None else file_digest(path)
    return digests


def render_files(
    documents: dict[str, dict],
    workspace: Workspace,
    options: BuildOptions,
    locale: str | None = None,
) -> dict[str, str | bytes]:
    """Render each document (``posting``, ``hiring-plan``) in each format, by file name.

    ``locale`` marks a locale other than the default: ``posting.es.md``.
    """
    import jinja2

    from jdgen.publish.jobposting import file_json
    from jdgen.render.environment import search_path
    from jdgen.render.posting import render_document

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


def template_error(exc, workspace: Workspace) -> JdgenError:
    """A template problem, as ``template:line: error: ...`` when it has a line."""
    import jinja2

    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = workspace.display(Path(exc.filename)) if exc.filename else (exc.name or "template")
        return SourceError(where, exc.lineno, None, f"template syntax error: {exc.message}")
    # Jinja2 rewrites the traceback so that a template's frames carry its file and line.
    frame, line = None, None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            frame, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    if frame is not None:
        return SourceError(
            workspace.display(Path(frame)), line, None, f"template error: {exc.message}"
        )
    return RenderError(f"template error: {exc.message}")


def _build_workspace_documents(
    workspace: Workspace,
    options: BuildOptions,
    out: OutputDir,
    cache: BuildCache,
    report: BuildReport,
) -> None:
    """Write the documents about every role, if any role changed since they were written."""
    if not WORKSPACE_DOCUMENTS:
        return
    ok = sorted(o.role_id for o in report.outcomes if o.ok)
    digests = {role_id: cache.entry_digest(role_id) for role_id in ok}
    if not options.force and cache.workspace_stale(digests) is None:
        return
    records = []
    for outcome in report.outcomes:
        if not outcome.ok:  # a role that does not build is listed, with its errors
            records.append(
                RoleRecord(outcome.role_id, outcome.display, (), {}, tuple(outcome.errors))
            )
            continue
        entry = cache.entries.get(outcome.role_id, {})
        records.append(
            RoleRecord(
                outcome.role_id,
                entry.get("source", ""),
                tuple(entry.get("outputs", {})),
                entry.get("summary", {}),
            )
        )
    written: list[Path] = []
    for document in WORKSPACE_DOCUMENTS:
        try:
            for name, content in document.render(workspace, records, options).items():
                target = out.path(*Path(name).parts)
                out.write(target, content)
                written.append(target)
        except JdgenError as exc:
            report.warnings.append(f"{document.name}: {exc.format_message()}")
    report.workspace_written = written
    cache.record_workspace(digests, written)

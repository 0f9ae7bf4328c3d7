"""``jdgen build``: every role in, postings out; in parallel, and only what changed.

For each role file: load and validate it, render its documents (the posting,
with its JobPosting data, and the hiring plan when the role has a hiring
section) as Markdown, HTML and JSON, print the HTML to PDF, and write the files
into ``<out>/<role-id>/``, for each locale the build writes. A role that fails
is reported and skipped; the others still build.

A role whose inputs and outputs are unchanged since the last build is skipped
(see :mod:`jdgen.build.cache`). The others are built in worker processes, one per core
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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jdgen.build.cache import BuildCache, build_inputs, role_inputs
from jdgen.build.options import (  # noqa: F401 - re-exported for callers of jdgen.build
    DEFAULT_LOCALE,
    DEFAULT_TIME_LIMIT,
    FORMATS,
    PAGE_SIZES,
    BuildOptions,
    build_options,
)
from jdgen.build.outcome import BuildReport, RoleOutcome
from jdgen.build.output import OutputDir
from jdgen.build.timeout import TimeLimitExceeded, time_limit
from jdgen.errors import (
    JdgenError,
    PdfUnavailableError,
    RoleFileError,
    SourceError,
)
from jdgen.load.workspace import Workspace

CHECKPOINT_SECONDS = 2.0
ROLES_PER_WORKER = 20  # the least Markdown and HTML roles per worker, by default


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
    cache = BuildCache.load(out, workspace.root, build_inputs(workspace, options))
    slots, todo = _plan(workspace, files, options, cache)
    # Building the whole workspace, the roles whose file is gone are forgotten, and their
    # files removed: a stale posting left in the output could be published with the rest.
    gone = sorted(set(cache.entries) - {p.stem for p in files}) if paths is None else []

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

    def retire(role_id: str, keep: set[str]) -> None:
        removed, kept = cache.retire(role_id, keep)
        report.removed += removed
        report.kept += kept

    def finish(outcome: RoleOutcome, path: Path) -> None:
        nonlocal last_save
        if outcome.ok:
            if remember:  # files this build no longer makes (a format or locale dropped)
                retire(outcome.role_id, {out.name(p) for p in outcome.written})
            cache.record(
                outcome.role_id,
                outcome.display,
                outcome.inputs,
                outcome.written,
                outcome.today,
                outcome.summary,
            )
        else:
            cache.fail(outcome.role_id)
        slots[position[path]] = outcome
        show()
        if remember and time.perf_counter() - last_save > CHECKPOINT_SECONDS:
            cache.save()  # so that a killed build keeps most of what it did
            last_save = time.perf_counter()

    with out.lock():
        out.sweep()  # a temporary file of the cache, left by a killed build
        for role_id in gone:
            retire(role_id, set())
            cache.forget(role_id)
        try:
            show()
            if todo:
                report.not_built = _run(workspace, todo, options, out, finish)
                report.interrupted = report.not_built > 0
                slots = [s for s in slots if s is not None]  # what Ctrl-C left undone
                show()
            if paths is None and not report.interrupted:
                _build_workspace_documents(workspace, options, out, cache, report, remember)
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
            cache.fail(path.stem)
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


def build_role(
    workspace: Workspace, path: Path, options: BuildOptions, out: OutputDir
) -> RoleOutcome:
    """Render and write one role's files, in every locale; errors are caught into the outcome."""
    import jinja2

    from jdgen.lint import record as lint_record
    from jdgen.render.documents import render_files, role_documents, template_error

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
            if loaded.role.date_posted is None:  # the posting and its lint go by the date
                outcome.today = today.isoformat()
            if original:
                context = documents["posting"]
                outcome.summary = {k: context[k] for k in SUMMARY_KEYS}
                hiring = loaded.role.hiring
                outcome.summary["has_plan"] = bool(hiring and hiring.stages)
            with time_limit(options.time_limit):
                try:
                    files |= render_files(
                        documents, workspace, options, None if original else locale
                    )
                except SourceError as exc:  # at a line of a template: say which role it was
                    message = f"{exc.message} (rendering {outcome.display})"
                    raise SourceError(exc.path, exc.line, exc.column, message) from None
        # Other locales, whose translations the role may gain: each is an input.
        locales = set(options.locales) - {options.default_locale}
        if {"html", "pdf"} & set(options.formats):  # a build that writes the index
            # The role's lint result, for the index, while its files are parsed.
            kept, linted, lint_locales = lint_record.for_build(workspace, path, today)
            if kept is not None:
                outcome.summary["lint"] = kept
            read |= linted
            locales |= lint_locales
        out.sweep(path.stem)  # temporary files of a killed build
        for name, content in files.items():
            target = out.path(path.stem, name)
            out.write(target, content)
            outcome.written.append(target)
        outcome.inputs = role_inputs(workspace, tuple(sorted(read)), locales)
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


SUMMARY_KEYS = ("title", "level", "department", "location", "employment", "date_posted_iso")


def _build_workspace_documents(
    workspace: Workspace,
    options: BuildOptions,
    out: OutputDir,
    cache: BuildCache,
    report: BuildReport,
    remember: bool = True,
) -> None:
    """Write the documents about every role, if any role changed since they were written;
    remove the ones written before that are no longer made (``remember``: see build())."""
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
    if remember:
        removed, kept = cache.retire_workspace({out.name(p) for p in written})
        report.removed += removed
        report.kept += kept
    cache.record_workspace(digests, written)

"""``jdgen build``: every role checked as ``jdgen lint`` checks it, and written if it passes.

A build runs the pipeline of :mod:`jdgen.lint.check` and obeys it:

1. **Facts.** Every role's :class:`~jdgen.lint.facts.RoleFacts` (title, level, band):
   from the build's cache for roles that have not changed, from the facts cache, or
   by loading the role. The workspace-wide rules run over them.
2. **Roles.** Each role that changed since the last build is checked
   (:func:`~jdgen.lint.check.check_role`, in every locale it is published in) and,
   when neither it nor the workspace-wide rules found an error, rendered and
   written into ``<out>/<role-id>/``. A role with an error is *refused*: reported
   with the lines ``jdgen lint`` prints, its earlier files left as they were. With
   ``--draft`` it is written anyway, every page marked as a draft, without JobPosting
   data. A role unchanged since the last build is skipped, unless a workspace-wide
   rule now finds an error in it.
3. **The workspace documents** (the review pack: ``index.html``, ``review.pdf``),
   when any role was built, refused or went away.

Roles are checked and rendered in one worker pool (:mod:`jdgen.pool`); a role that
fails never stops the others. Nothing here imports WeasyPrint unless PDFs are asked for.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jdgen.build.cache import CACHE_FILE, BuildCache, build_inputs, role_inputs
from jdgen.build.documents import approvals_by_state, build_workspace_documents, unpack
from jdgen.build.options import BuildOptions
from jdgen.build.outcome import BuildReport, RoleOutcome, RoleRecord, WorkspaceDocument
from jdgen.build.output import OutputDir, new_run, output_folder
from jdgen.build.timeout import TimeLimitExceeded, time_limit
from jdgen.diagnostics import Level, Problem, error, unique
from jdgen.errors import JdgenError, PdfUnavailableError, ProblemsError
from jdgen.lint.approval import snapshot
from jdgen.lint.check import (
    ORIGINAL,
    SOURCE,
    TRANSLATED,
    Settings,
    check_role,
    ignored,
    published,
    read_settings,
    workspace_problems,
)
from jdgen.lint.run import everyone_facts, shared_problems, targets
from jdgen.load.approvals import approval_path
from jdgen.load.discover import duplicate_ids
from jdgen.load.workspace import LoadedRole, Workspace
from jdgen.pool import Pool, jobs_for

CHECKPOINT_SECONDS = 2.0
ROLES_PER_WORKER = 20  # the least Markdown and HTML roles per worker, by default
GATE = "unapproved-change"  # the lint rule that compares a role with its approval
SUMMARY_KEYS = ("title", "level", "department", "location", "employment", "date_posted_iso")


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

    ``on_plan(n)`` is called once the build knows it has ``n`` roles to check and
    render, and ``on_outcome`` after each role, built, skipped, refused or failed.
    Ctrl-C stops the build after the roles in progress; the report says so.
    A broken configuration raises :class:`~jdgen.errors.ConfigFileError`.
    """
    started = time.perf_counter()
    report = BuildReport()
    settings = read_settings(workspace, rules=False)
    options = options.resolved(settings.config)
    workspace.check_shared()
    everyone = workspace.role_files()
    chosen = targets(workspace, paths, everyone)  # a base named: the roles that use it
    files = chosen.files
    report.problems += shared_problems(workspace, chosen.unused)[0]
    every = sorted(set(everyone) | set(files), key=lambda p: (p.stem, str(p)))
    duplicates = duplicate_ids(every)
    options = replace(options, out=output_folder(options.out, workspace.root))
    out = OutputDir(options.out, new_run())
    cache = BuildCache.load(out, workspace.root, build_inputs(workspace, options))
    if cache.damaged:
        report.notes.append(cache.damaged)
    today = dt.date.today()
    slots, todo = _plan(workspace, files, options, cache, today, duplicates)
    # Building the whole workspace, the roles whose file is gone are forgotten, and their
    # files removed: a stale posting left in the output could be published with the rest.
    gone = sorted(set(cache.entries) - {p.stem for p in files}) if paths is None else []

    # Every role unchanged, none gone: what the workspace-wide rules found last time
    # holds, and nothing needs checking (nor importing the rules and the schema).
    rules_needed = bool(todo or gone or paths is not None or not files)
    if rules_needed:
        settings.lint  # noqa: B018 - a broken rule setting stops the build, as it stops lint
    remember = True  # whether this build's results go into the cache
    if todo:
        options, remember = _without_missing_pdf(options, report)
    if on_plan is not None:
        on_plan(len(todo))

    position = {path: i for i, path in enumerate(files)}
    shown = 0
    last_save = time.perf_counter()

    def show() -> None:  # outcomes in file order, whichever worker finishes first
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

    def finish(path: Path, outcome: RoleOutcome) -> None:
        nonlocal last_save
        outcome.reason = reasons[path]
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
            # The cache holds them now; an outcome kept for the report need not, at
            # thousands of roles: what lint found goes back to its compact form, read
            # again (_unpack) by the workspace documents, after the workers are gone.
            check = outcome.summary.get("check")
            outcome.inputs, outcome.summary = {}, {"check": check} if check else {}
            if check:
                outcome.problems, outcome.shared, outcome.facts = [], [], None
                outcome.record = True
        else:
            cache.fail(outcome.role_id, outcome.written)
        slots[position[path]] = outcome
        show()
        if remember and time.perf_counter() - last_save > CHECKPOINT_SECONDS:
            save()  # so that a killed build keeps most of what it did
            last_save = time.perf_counter()

    def save() -> None:
        try:
            cache.save()
        except OSError as exc:  # a full or read-only output folder: the outputs say why
            message = (
                f"cannot write the build cache {out.root / CACHE_FILE} "
                f"({exc.strerror or type(exc).__name__}): the next build checks every role again"
            )
            if message not in report.warnings:
                report.warnings.append(message)

    reasons = dict(todo)
    jobs = _jobs(options, len(todo))
    state = _WorkerState(workspace, settings, options, today, duplicates, out.run)
    with out.lock(), Pool(jobs, state, _start_worker) as pool:
        if todo:
            pool.start()  # before the facts and outcomes of every role fill this process
        out.begin()  # and delete the temporary files of a build that was killed
        for role_id in gone:
            retire(role_id, set())
            cache.forget(role_id)
        try:
            # 1. Every role's facts, and what the workspace-wide rules find in them.
            extra: dict[str, list[Problem]] = {}
            if rules_needed:
                slots = [unpack(o) for o in slots]
                known = {
                    path: o.facts
                    for path, o in zip(files, slots, strict=True)
                    if o is not None and o.facts
                }
                skip = {workspace.display(p) for p in every if ignored(workspace, p, settings)}
                extra = workspace_problems(
                    workspace,
                    everyone_facts(workspace, every, [], settings, options.jobs, known, pool),
                    settings,
                    today,
                    skip=skip,
                )
                del known  # the facts of every role need not stay while roles are built
                for i, outcome in enumerate(slots):  # unchanged roles the others may now fault
                    if outcome is None or not outcome.skipped:
                        continue
                    found = _recheck(outcome, extra.get(outcome.display, []))
                    if not found.refused:
                        slots[i] = found
                        cache.update_shared(outcome.role_id, found.shared)
                    elif options.draft:  # build it again, as a draft this time
                        slots[i] = None
                        todo.append((files[i], "lint now finds errors in it"))
                        reasons[files[i]] = todo[-1][1]
                    else:
                        slots[i] = found
                        cache.fail(outcome.role_id)
            show()
            # 2. Check, render and write each role that changed.
            if todo:
                items = [(p, tuple(extra.get(workspace.display(p), ()))) for p, _ in todo]
                report.not_built = pool.run(
                    _build_batch,
                    items,
                    lambda item, outcome: finish(item[0], outcome),
                    broken=lambda item: _died(workspace, item[0]),
                    batch_size=1 if "pdf" in options.formats else None,
                )
                report.interrupted = report.not_built > 0
                slots = [s for s in slots if s is not None]  # what Ctrl-C left undone
                show()
            pool.close()  # the workers' memory goes before the workspace documents' comes
            if paths is None and not report.interrupted:
                changed = rules_needed or bool(report.failed or report.removed)
                build_workspace_documents(
                    workspace, options, out, cache, report, WORKSPACE_DOCUMENTS, remember, changed
                )
                report.approvals = approvals_by_state(workspace, cache, report, options)
        finally:
            if remember:
                save()
        if not report.interrupted:
            out.finish()  # a build stopped half-way stays in the journal, to be swept
    report.seconds = time.perf_counter() - started
    return report


def _plan(
    workspace: Workspace,
    files: list[Path],
    options: BuildOptions,
    cache: BuildCache,
    today: dt.date,
    duplicates: dict[str, list[Path]],
) -> tuple[list[RoleOutcome | None], list[tuple[Path, str]]]:
    """Each role's outcome when it is known already (skipped: unchanged), ``None`` when
    it must be checked and built; and the roles to build, with why."""
    slots: list[RoleOutcome | None] = []
    todo: list[tuple[Path, str]] = []
    for path in files:
        display = workspace.display(path)
        if options.force:
            reason: str | None = "--force"
        elif path.stem in duplicates:  # another file took its id since it was built
            reason = "its id is used by more than one file"
        else:
            reason = cache.stale(path.stem, display, today.isoformat(), options.draft)
        if reason is None:
            slots.append(_from_record(path.stem, display, cache.entries[path.stem]))
        else:
            slots.append(None)
            todo.append((path, reason))
    return slots, todo


def _from_record(role_id: str, display: str, entry: dict[str, Any]) -> RoleOutcome:
    """A role skipped as unchanged; what its last build found is read when needed
    (:func:`_unpack`): a rebuild with nothing to do needs none of it."""
    summary = entry.get("summary", {})
    return RoleOutcome(role_id, display, skipped=True, summary=summary, record=True)


def _recheck(outcome: RoleOutcome, extra: list[Problem]) -> RoleOutcome:
    """A skipped role with what the workspace-wide rules find in it now (another role may
    have changed); refused after all when that is an error, its files left as they were."""
    old = {p.key() for p in outcome.shared}
    own = [p for p in outcome.problems if p.key() not in old]
    problems = unique([*own, *extra])
    outcome = replace(outcome, problems=problems, shared=list(extra))
    errors = [p for p in problems if p.level == Level.ERROR]
    if not errors:
        return outcome
    return replace(outcome, skipped=False, refused=True, errors=errors)


def _jobs(options: BuildOptions, roles: int) -> int:
    if options.jobs is not None:
        return max(1, min(options.jobs, roles or 1))
    if "pdf" in options.formats:
        return max(1, min(os.cpu_count() or 1, roles or 1))
    # Markdown and HTML take milliseconds a role: a worker pays off only for many roles.
    return jobs_for(None, roles, ROLES_PER_WORKER)


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


# -- in the workers ------------------------------------------------------------------


@dataclass
class _WorkerState:
    workspace: Workspace
    settings: Settings
    options: BuildOptions
    today: dt.date
    duplicates: dict[str, list[Path]]
    run: str | None = None  # the build's run id, that its temporary files carry


def _start_worker(state: _WorkerState) -> None:
    if "pdf" in state.options.formats:
        from jdgen.render.pdf import prepare

        prepare()


def _build_batch(
    state: _WorkerState, items: list[tuple[Path, tuple[Problem, ...]]]
) -> list[RoleOutcome]:
    out = OutputDir(state.options.out, state.run)
    return [build_role(state, path, extra, out) for path, extra in items]


def _died(workspace: Workspace, path: Path) -> RoleOutcome:
    display = workspace.display(path)
    return RoleOutcome(
        path.stem,
        display,
        errors=[error(display, 1, 1, "the process building this role stopped unexpectedly", None)],
    )


def build_role(
    state: _WorkerState,
    path: Path,
    extra: tuple[Problem, ...] = (),
    out: OutputDir | None = None,
) -> RoleOutcome:
    """Check one role as lint does, then render and write its files in every locale,
    unless lint found an error; problems are caught into the outcome."""
    workspace, settings, options = state.workspace, state.settings, state.options
    out = out or OutputDir(options.out, state.run)
    outcome = RoleOutcome(path.stem, workspace.display(path))
    try:
        others = [p for p in state.duplicates.get(path.stem, []) if p != path]
        # Checked in every locale lint checks, and in any other the build writes.
        locales = tuple(dict.fromkeys([*settings.locales, *(options.locales or ())]))
        check = check_role(
            workspace, path, settings, state.today, locales=locales, duplicates=others
        )
        problems = unique([*check.problems, *extra])
        errors = [p for p in problems if p.level == Level.ERROR]
        outcome.problems, outcome.shared = problems, list(extra)
        outcome.facts, outcome.locales = check.facts, check.locales
        if errors and (not options.draft or not check.loaded):
            outcome.errors, outcome.refused = errors, True
            return outcome
        outcome.draft = len(errors)
        files, read = _render(workspace, check.versions, check.locales, options, state, outcome)
        for name, content in files.items():
            target = out.path(path.stem, name)
            try:
                out.write(target, content)
            except OSError as exc:
                raise ProblemsError(
                    [error(_shown(target), 1, None, _write_error(exc, target, outcome), None)]
                ) from None
            outcome.written.append(target)
        from jdgen.lint.check import translation_candidates

        read |= set(check.files)  # lint's verdict on the role depends on them all
        company = workspace.real(workspace.company_path)  # recorded even when missing
        candidates = translation_candidates(
            [*read, company],
            settings.locales + tuple(options.locales or ()),
            settings.default_locale,
        )
        if settings.lint.rules[GATE].enabled:  # lint's verdict depends on the approval too
            candidates.append(approval_path(workspace, path.stem))
        outcome.inputs = role_inputs(workspace, tuple(sorted(read)), [company, *candidates])
        outcome.summary = _summary(check.versions, check.locales, outcome, files)
        # What HR approves, taken from the very roles just rendered (jdgen approve's).
        original, versions = check.versions[settings.default_locale], check.versions
        outcome.summary["approval"] = snapshot(workspace, original, published(versions, settings))
    except ProblemsError as exc:
        outcome.errors = list(exc.problems)
    except JdgenError as exc:
        outcome.errors = [error(outcome.display, 1, 1, exc.message, None)]
    except TimeLimitExceeded:
        outcome.errors = [
            error(
                outcome.display,
                1,
                1,
                f"rendering took longer than {options.time_limit:g} seconds, the time limit "
                "(a template or stylesheet may loop; see --time-limit)",
                None,
            )
        ]
    except Exception as exc:  # a bug in jdgen: this role fails, the others still build
        where = traceback.extract_tb(exc.__traceback__)[-1]
        outcome.errors = [
            error(
                outcome.display,
                1,
                1,
                f"internal error while building this role: {type(exc).__name__}: {exc} "
                f"(at {Path(where.filename).name}:{where.lineno}); please report it",
                None,
            )
        ]
    finally:
        workspace.store.forget_role(path)
    return outcome


def _render(
    workspace: Workspace,
    versions: dict[str, LoadedRole],
    plan: dict[str, str],
    options: BuildOptions,
    state: _WorkerState,
    outcome: RoleOutcome,
) -> tuple[dict[str, str | bytes], set[Path]]:
    """Every file of the role, by name, and the files it was read from."""
    from jdgen.render.documents import render_files, role_documents, template_error

    default = state.settings.default_locale
    files: dict[str, str | bytes] = {}
    read: set[Path] = set()
    for locale in options.locales or ():
        how = plan.get(locale)
        if how == SOURCE:
            loaded, language = versions[default], locale
        elif how == TRANSLATED and locale in versions:
            loaded, language = versions[locale], locale
        elif how == ORIGINAL:  # no translation: the role's own language, under this locale
            loaded, language = versions[default], default
        else:
            continue
        read.update(loaded.files)
        source = locale == default
        try:
            documents = role_documents(
                workspace,
                loaded,
                language,
                plan=source,
                today=state.today,
                draft=outcome.draft,
            )
        except Exception as exc:
            raise template_error(exc, workspace) from None
        if loaded.role.date_posted is None:  # the posting and its lint go by the date
            outcome.today = state.today.isoformat()
        with time_limit(options.time_limit):
            try:
                files |= render_files(
                    documents,
                    workspace,
                    options.formats,
                    None if source else locale,
                    options.page_size,
                )
            except ProblemsError as exc:  # at a line of a template: say which role it was
                raise ProblemsError(
                    [
                        replace(p, message=f"{p.message} (rendering {outcome.display})")
                        for p in exc.problems
                    ]
                ) from None
    return files, read


def _summary(
    versions: dict[str, LoadedRole],
    plan: dict[str, str],
    outcome: RoleOutcome,
    files: dict[str, str | bytes],
) -> dict[str, Any]:
    """What the cache keeps of the role for the workspace documents."""
    from jdgen.build.cache import check_to_data
    from jdgen.render.posting import posting_context

    original = next(iter(versions.values()))
    context = posting_context(original.id, original.role, None)
    summary = {k: context[k] for k in SUMMARY_KEYS if k in context}
    hiring = original.role.hiring
    summary["has_plan"] = bool(hiring and hiring.stages)
    summary["check"] = check_to_data(
        outcome.problems, outcome.shared, outcome.facts, plan, outcome.draft
    )
    summary["draft"] = outcome.draft
    return summary


def _shown(target: Path) -> str:
    """An output file as messages name it: from the current folder."""
    try:
        return os.path.relpath(target)
    except ValueError:
        return str(target)


def _write_error(exc: OSError, target: Path, outcome: RoleOutcome) -> str:
    """Why an output file could not be written, naming what was in the way."""
    reason = exc.strerror or type(exc).__name__
    where = Path(exc.filename) if exc.filename else target
    if where != target:
        reason = f"{_shown(where)}: {reason}"
        if isinstance(exc, FileExistsError | NotADirectoryError):
            reason = f"{_shown(where)} is a file, where its folder should be"
    return f"cannot write this file ({reason}), so {outcome.display} was not built"

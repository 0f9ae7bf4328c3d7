"""The documents about every role (the review pack: ``index.html``, ``review.pdf``), written
after the roles from each role's record, and what the build says of the roles' approvals."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from jdgen.build.cache import BuildCache
from jdgen.build.options import BuildOptions
from jdgen.build.outcome import BuildReport, RoleOutcome, RoleRecord, WorkspaceDocument
from jdgen.build.output import OutputDir
from jdgen.diagnostics import Level, unique
from jdgen.errors import JdgenError, ProblemsError
from jdgen.load.approvals import (
    APPROVALS_DIR,
    APPROVALS_KEY,
    approval_or_problems,
    approvals_digest,
    status,
)
from jdgen.load.workspace import Workspace


def unpack(outcome: RoleOutcome | None) -> RoleOutcome | None:
    """A skipped role with what its last build found: its problems, facts, locales."""
    if outcome is None or not outcome.record:
        return outcome
    from jdgen.build.cache import check_from_data

    own, shared, facts, locales, draft = check_from_data(outcome.summary.get("check"))
    outcome.problems, outcome.shared = unique([*own, *shared]), shared
    outcome.facts, outcome.locales, outcome.draft = facts, locales, draft
    outcome.record = False
    return outcome


def approvals_by_state(
    workspace: Workspace, cache: BuildCache, report: BuildReport, options: BuildOptions
) -> dict[str, list[str]]:
    """The roles built (now or before) by approval status, for the summary line: none
    in a workspace that approves nothing (no ``approvals/`` folder)."""
    found: dict[str, list[str]] = {}
    if not (workspace.root / APPROVALS_DIR).is_dir():
        return found
    for outcome in report.outcomes:
        current = cache.entries.get(outcome.role_id, {}).get("summary", {}).get("approval")
        if not outcome.ok or not current:
            continue
        approval, broken = approval_or_problems(workspace, outcome.role_id)
        state = "broken" if broken else status(current, approval, options.default_locale).state
        found.setdefault(state, []).append(outcome.role_id)
    return found


def build_workspace_documents(
    workspace: Workspace,
    options: BuildOptions,
    out: OutputDir,
    cache: BuildCache,
    report: BuildReport,
    documents: list[WorkspaceDocument],
    remember: bool = True,
    changed: bool = True,
) -> None:
    """Write the documents about every role, if any role changed since they were written;
    remove the ones written before that are no longer made (``remember``: see build()).
    ``changed=False`` (no role built, refused, failed or gone) says that only the
    documents' own files can be out of date."""
    if not documents:
        return
    # An approval changes the pack, not the roles; so do the pack's own options.
    signed = f"{approvals_digest(workspace)}:{int(options.full)}{int(options.with_plans)}"
    recorded = (cache.workspace or {}).get("roles", {}).get(APPROVALS_KEY)
    if not (changed or options.force) and signed == recorded and cache.workspace_outputs_fresh():
        return
    ok = sorted(o.role_id for o in report.outcomes if o.ok)
    digests = {role_id: cache.entry_digest(role_id) for role_id in ok}
    refused = sorted(o.role_id for o in report.outcomes if not o.ok)
    key = {**digests, **{f"!{r}": "refused" for r in refused}, APPROVALS_KEY: signed}
    if not options.force and cache.workspace_stale(key) is None:
        return
    records = []
    for outcome in map(unpack, report.outcomes):
        if not outcome.ok:  # a role that does not build is listed, with what stopped it
            shown = outcome.problems if outcome.refused else outcome.errors
            records.append(
                RoleRecord(
                    outcome.role_id,
                    outcome.display,
                    (),
                    {},
                    tuple(p for p in shown if p.level >= Level.WARNING),
                    failed=True,
                    facts=outcome.facts,
                )
            )
            continue
        entry = cache.entries.get(outcome.role_id, {})
        records.append(
            RoleRecord(
                outcome.role_id,
                entry.get("source", outcome.display),
                tuple(entry.get("outputs", {})),
                entry.get("summary", outcome.summary),
                tuple(p for p in outcome.problems if p.level >= Level.WARNING),
                facts=outcome.facts,
                locales=tuple(outcome.locales.items()),
            )
        )
    written: list[Path] = []
    failed = False
    for document in documents:
        try:
            for name, content in document.render(workspace, records, options).items():
                target = out.path(*Path(name).parts)
                out.write(target, content)
                written.append(target)
        except ProblemsError as exc:  # at a line of a workspace template
            failed = True
            report.problems += [
                replace(p, message=f"{p.message} (rendering the {document.name})")
                for p in exc.problems
            ]
        except JdgenError as exc:
            failed = True
            report.warnings.append(f"{document.name}: {exc.format_message()}")
        except OSError as exc:
            failed = True
            report.warnings.append(f"{document.name}: error: cannot write it: {exc.strerror}")
    report.workspace_written = written
    if failed:
        # A document that failed keeps its earlier file, as a refused role does, and is
        # tried again next time.
        cache.record_workspace({**key, "!": "failed"}, written, carry=True)
        return
    if remember:
        removed, kept = cache.retire_workspace({out.name(p) for p in written})
        report.removed += removed
        report.kept += kept
    cache.record_workspace(key, written)

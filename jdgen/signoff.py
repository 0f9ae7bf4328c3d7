"""HR sign-off: ``jdgen approve`` and ``jdgen status``.

Both check each role as ``jdgen lint`` and ``jdgen build`` do
(:func:`~jdgen.lint.check.check_role`), and take its snapshot from the loaded roles
that check returns, in every locale the workspace builds: what is approved is what
the build renders. ``approve`` writes ``approvals/<role-id>.yaml`` atomically
(:mod:`jdgen.load.approvals` says why one file per role); ``status`` compares.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from jdgen.diagnostics import Level, Problem
from jdgen.errors import ConfigError
from jdgen.lint.approval import snapshot
from jdgen.lint.check import check_role, published, read_settings
from jdgen.load.approvals import (
    HEADER,
    Approval,
    Status,
    approval_or_problems,
    approval_path,
    seal,
    status,
)
from jdgen.load.workspace import Workspace

GATE = "unapproved-change"


@dataclass
class RoleState:
    """One role: its approval status now, or the problems that keep it from having one."""

    role_id: str
    display: str
    status: Status | None = None
    snapshot: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # lint's errors (not the gate's)
    broken: list[Problem] = field(default_factory=list)  # its approval file's


def chosen_roles(workspace: Workspace, names: list[str]) -> list[Path]:
    """The role files named by ids (``key-account-manager``) or paths; every role when
    none is named."""
    everyone = workspace.role_files()
    if not names:
        return everyone
    by_id = {p.stem: p for p in everyone}
    out: list[Path] = []
    for name in names:
        path = by_id.get(name) or by_id.get(Path(name).stem if Path(name).is_file() else "")
        if path is None:
            close = difflib.get_close_matches(name, list(by_id), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(
                f"no role {name!r} in {workspace.display(workspace.roles_dir)}/{hint}"
            )
        if path not in out:
            out.append(path)
    return out


def role_states(
    workspace: Workspace, paths: list[Path], today: dt.date | None = None
) -> list[RoleState]:
    """Each role's status, checked as lint checks it."""
    settings = read_settings(workspace)
    today = today or dt.date.today()
    workspace.check_shared()
    states = []
    for path in paths:
        check = check_role(workspace, path, settings, today)
        state = RoleState(path.stem, check.display)
        state.problems = [p for p in check.errors if p.rule != GATE]
        approval, state.broken = approval_or_problems(workspace, path.stem)
        if check.loaded:
            original = check.versions[settings.default_locale]
            state.snapshot = snapshot(workspace, original, published(check.versions, settings))
            state.status = status(state.snapshot, approval, settings.default_locale)
        states.append(state)
        workspace.store.forget_role(path)
    return states


def approve(
    workspace: Workspace,
    states: list[RoleState],
    by: str,
    note: str = "",
    now: dt.datetime | None = None,
) -> list[RoleState]:
    """Record ``by``'s approval of each role in ``states`` that can be approved (it
    loads and lint finds no error in it but the gate's); the roles approved."""
    from jdgen.build.output import write_atomic

    by = " ".join(by.split())
    if not by:
        raise ConfigError("--by: say who approves, such as --by 'Marta Puig'")
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    done = []
    for state in states:
        if state.problems or state.status is None:
            continue
        sealed = seal(state.role_id, by, stamp, note.strip(), state.snapshot)
        record = Approval(state.role_id, by, stamp, note.strip(), sealed, state.snapshot)
        target = approval_path(workspace, state.role_id)
        target.parent.mkdir(exist_ok=True)
        write_atomic(target, HEADER + dump(record.to_data()))
        done.append(state)
    return done


class _Dumper(yaml.SafeDumper):
    """Block style, text of several lines as ``|`` blocks: one line of the file per
    line of the posting, so that a diff of an approval reads like a diff of the role."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)


def stray_approvals(workspace: Workspace) -> list[tuple[str, str]]:
    """The approval files of no role, as ``(file, what status says of it)``."""
    from jdgen.load.approvals import orphan_message, orphans

    out = []
    for path in orphans(workspace):
        message, suggestion = orphan_message(workspace, path)
        out.append((workspace.display(path), f"{message} ({suggestion})"))
    return out


def status_lines(
    states: list[RoleState], strays: list[tuple[str, str]] | None = None
) -> tuple[list[str], str]:
    """``jdgen status``'s lines, one per role then one per approval file of no role
    (``strays``), and its summary line."""
    from jdgen.load.approvals import describe

    strays = strays or []
    lines, counts = [], {"new": 0, "approved": 0, "changed": 0, "failed": 0}
    width = max(
        (len(s) for s in [*(s.display for s in states), *(f for f, _ in strays)]), default=0
    )
    for state in states:
        if state.status is None or state.broken:
            counts["failed"] += 1
            first = next(
                (p for p in [*state.broken, *state.problems] if p.level == Level.ERROR), None
            )
            why = first.format() if first else "does not load"
            lines.append(f"{'error':<9} {state.display:<{width}}  {why}")
            continue
        counts[state.status.state] += 1
        lines.append(f"{state.status.state:<9} {state.display:<{width}}  {describe(state.status)}")
    parts = [
        f"{counts['approved']} approved",
        f"{counts['changed']} changed since approval",
        f"{counts['new']} new",
    ]
    if counts["failed"]:
        parts.append(f"{counts['failed']} with errors")
    noun = "role" if len(states) == 1 else "roles"
    summary = f"{len(states)} {noun}: {', '.join(parts)}"
    lines += [f"{'orphan':<9} {file:<{width}}  {why}" for file, why in strays]
    if strays:
        files = "file" if len(strays) == 1 else "files"
        summary += f"; {len(strays)} approval {files} of no role"
    return lines, summary

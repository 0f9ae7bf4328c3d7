"""The approvals of a workspace: ``approvals/<role-id>.yaml``, one file per role.

``jdgen approve`` writes them and they are committed with the roles. Each holds the
last approval of one role: who approved it, when, their note, the fingerprint of
what they approved and a snapshot of it (every built locale's posting text and the
pay), from which the review pack shows what changed since. The fingerprint seals the
whole record (who, when, the note and the snapshot), so a hand edit of any of them
is a problem at the fingerprint's line; whether the role changed since is decided by
comparing the snapshots' own digests. One file per role, not
one file for all: two branches that approve two roles touch two files, so they
merge without a conflict, however close the roles' ids sort.

An approval file is read like every workspace file, through the document store, and
checked as a stranger's input: what is wrong is a problem at its line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdgen.errors import ProblemsError, RoleFileError
from jdgen.load.source import Mark

if TYPE_CHECKING:
    from jdgen.load.workspace import Workspace

APPROVALS_DIR = "approvals"
HEADER = (
    "# Written by `jdgen approve`: who approved this role's posting and pay, and what they\n"
    "# approved. Commit it with the roles; do not edit it by hand (see docs/review.md).\n"
)
NEW, APPROVED, CHANGED = "new", "approved", "changed"
# What a change in a section is reported as ("what changed: pay, duties...").
CATEGORIES = {
    "title": "title",
    "summary": "summary",
    "duties": "duties",
    "requirements": "requirements",
    "nice_to_have": "requirements",
    "education": "requirements",
    "certifications": "requirements",
    "skills": "requirements",
    "pay": "pay",
    "benefits": "benefits",
    "travel": "details",
    "apply": "details",
    "company": "company",
}
CATEGORY_ORDER = (
    "pay",
    "title",
    "summary",
    "duties",
    "requirements",
    "benefits",
    "details",
    "company",
    "translations",
)
_TEXT_KEYS = ("role", "approved_by", "approved_at", "fingerprint")
# Version 2: the fingerprint seals who, when and the note too, not the snapshot only.
FORMAT = 2


@dataclass(frozen=True)
class Approval:
    """The last approval of one role."""

    role_id: str
    by: str
    at: str  # ISO 8601, UTC: 2026-12-02T11:58:03Z
    note: str
    fingerprint: str
    snapshot: dict[str, Any]
    display: str = ""  # the file, as messages name it
    mark: Mark | None = None  # where its approved_by value is

    @property
    def day(self) -> str:
        """The date of the approval, ``2026-12-02``."""
        return self.at[:10]

    def to_data(self) -> dict[str, Any]:
        """The file's content, in a fixed order."""
        return {
            "format": FORMAT,
            "role": self.role_id,
            "approved_by": self.by,
            "approved_at": self.at,
            "note": self.note,
            "fingerprint": self.fingerprint,
            "approved": self.snapshot,
        }


def fingerprint(snapshot: dict[str, Any]) -> str:
    """The digest of a snapshot: equal snapshots, and only they, have equal fingerprints."""
    text = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def seal(role_id: str, by: str, at: str, note: str, snapshot: dict[str, Any]) -> str:
    """The fingerprint of a whole approval: who approved which role, when, their note
    and what they approved. Changing any of them by hand breaks it."""
    record = {
        "format": FORMAT,
        "role": role_id,
        "approved_by": by,
        "approved_at": at,
        "note": note,
        "approved": snapshot,
    }
    return fingerprint(record)


def _timestamp(text: str) -> bool:
    """Whether ``text`` is an ISO 8601 date and time, as jdgen approve writes it."""
    try:
        dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return False
    return "T" in text or " " in text.strip()


def approval_path(workspace: Workspace, role_id: str) -> Path:
    return workspace.root / APPROVALS_DIR / f"{role_id}.yaml"


APPROVALS_KEY = "@approvals"  # in the build's record of the workspace documents


def approvals_digest(workspace: Workspace) -> str:
    """A digest of every approval file: the review pack is out of date when it changes."""
    folder = workspace.root / APPROVALS_DIR
    digest = hashlib.sha256()
    names = sorted(p.name for p in folder.glob("*.yaml")) if folder.is_dir() else []
    for name in names:
        try:
            text = workspace.store.read_text(folder / name)
        except ProblemsError as exc:
            text = exc.format_message()
        digest.update(f"{name}\0{text}\0".encode())
    return digest.hexdigest()[:32]


def orphans(workspace: Workspace) -> list[Path]:
    """The approval files of no role (``approvals/ghost.yaml`` with no role ``ghost``: it
    was removed or renamed), which would otherwise lie there unnoticed."""
    folder = workspace.root / APPROVALS_DIR
    if not folder.is_dir():
        return []
    ids = {p.stem for p in workspace.role_files()}
    return sorted(p for p in folder.glob("*.yaml") if p.stem not in ids)


def orphan_message(workspace: Workspace, path: Path) -> tuple[str, str]:
    """What is said of an approval file of no role, and what to do about it."""
    roles = workspace.display(workspace.roles_dir)
    return (
        f"this approval is of no role: there is no role {path.stem!r} in {roles}/",
        "remove the file, or, if the role was renamed, approve it under its new id",
    )


def read_approval(workspace: Workspace, role_id: str) -> Approval | None:
    """The last approval of the role, ``None`` if it was never approved; a file that is
    not one ``jdgen approve`` wrote raises :class:`~jdgen.errors.RoleFileError` at its line."""
    path = approval_path(workspace, role_id)
    store = workspace.store
    if not store.exists(path):
        return None
    doc = store.read(path)
    data, positions = doc.data, doc.positions

    def fail(key: tuple, message: str) -> RoleFileError:
        mark = positions.of(key) or Mark(doc.display, 1, 1)
        return RoleFileError.at(doc.display, mark.line, mark.column, message)

    if not isinstance(data, dict):
        raise fail((), "an approval file must be a mapping (written by jdgen approve)")
    again = f"approve the role again: jdgen approve {role_id} --by NAME"
    if data.get("format") != FORMAT:
        raise fail(
            ("format",) if "format" in data else (),
            f"the approval is not in the format this jdgen writes (format: {FORMAT}); "
            f"it was written by an earlier version or edited by hand ({again})",
        )
    for key in _TEXT_KEYS:
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise fail(
                (key,) if key in data else (), f"{key}: expected text, as jdgen approve writes it"
            )
    if data["role"] != role_id:
        raise fail(("role",), f"role: {data['role']!r} is not {role_id!r}, the file's name")
    if not _timestamp(data["approved_at"]):
        raise fail(
            ("approved_at",),
            f"approved_at: {data['approved_at']!r} is not an ISO 8601 date and time, "
            f"such as 2026-12-02T11:58:03Z ({again})",
        )
    note = data.get("note") or ""
    if not isinstance(note, str):
        raise fail(("note",), "note: expected text")
    snapshot = data.get("approved")
    if not isinstance(snapshot, dict) or not isinstance(snapshot.get("postings"), dict):
        raise fail(
            ("approved",) if "approved" in data else (),
            "approved: expected the snapshot jdgen approve writes",
        )
    if (
        seal(role_id, data["approved_by"], data["approved_at"], note, snapshot)
        != data["fingerprint"]
    ):
        raise fail(
            ("fingerprint",),
            "the approval does not match its fingerprint: who approved it, when, the note "
            f"or what was approved was edited by hand ({again})",
        )
    return Approval(
        role_id,
        data["approved_by"].strip(),
        data["approved_at"],
        note,
        data["fingerprint"],
        snapshot,
        doc.display,
        positions.of(("approved_by",)),
    )


def approval_or_problems(workspace: Workspace, role_id: str) -> tuple[Approval | None, list]:
    """:func:`read_approval`, with what makes the file unreadable as problems."""
    try:
        return read_approval(workspace, role_id), []
    except ProblemsError as exc:
        return None, list(exc.problems)


@dataclass(frozen=True)
class SectionChange:
    """One section of one locale's posting, as approved and as it is now."""

    locale: str
    section: str
    old: tuple[str, ...]
    new: tuple[str, ...]


@dataclass(frozen=True)
class Status:
    """A role's approval status: ``new``, ``approved`` or ``changed`` (and how)."""

    state: str
    approval: Approval | None = None
    categories: tuple[str, ...] = ()  # what changed, in CATEGORY_ORDER
    sections: tuple[SectionChange, ...] = ()
    pay_changed: bool = False

    @property
    def changed(self) -> bool:
        return self.state == CHANGED


def status(current: dict[str, Any], approval: Approval | None, default: str) -> Status:
    """How the role's snapshot now compares with its last approval."""
    if approval is None:
        return Status(NEW)
    if fingerprint(current) == fingerprint(approval.snapshot):
        return Status(APPROVED, approval)
    old = approval.snapshot
    found: set[str] = set()
    sections: list[SectionChange] = []
    pay_changed = old.get("pay") != current.get("pay")
    if pay_changed:
        found.add("pay")
    old_details, new_details = old.get("details", {}), current.get("details", {})
    if old_details != new_details:
        keys = {k for k in {*old_details, *new_details} if old_details.get(k) != new_details.get(k)}
        found |= {"requirements" if k == "experience_years" else "details" for k in keys}
    before, after = old.get("postings", {}), current.get("postings", {})
    if set(before) != set(after):
        found.add("translations")
    for locale in [*after, *(x for x in before if x not in after)]:
        old_text, new_text = before.get(locale) or {}, after.get(locale) or {}
        names = [*new_text, *(s for s in old_text if s not in new_text)]
        for name in names:
            was, now = tuple(old_text.get(name) or ()), tuple(new_text.get(name) or ())
            if was == now:
                continue
            sections.append(SectionChange(locale, name, was, now))
            if locale == default:
                found.add(CATEGORIES.get(name, "details"))
            else:
                found.add("translations")
    categories = tuple(c for c in CATEGORY_ORDER if c in found) or ("details",)
    return Status(CHANGED, approval, categories, tuple(sections), pay_changed)


def describe(result: Status) -> str:
    """One line about the status, as ``jdgen status`` and lint say it."""
    approval = result.approval
    if approval is None:
        return "never approved"
    who = f"approved by {approval.by} on {approval.day}"
    if not result.changed:
        return who
    return f"changed since it was {who} ({', '.join(result.categories)})"

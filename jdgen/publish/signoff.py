"""What the review pack and the index say of each role's approval: its status, the pay
then and now, and a word-by-word redline of what changed since it was approved.

The current snapshot is the one the build took of the roles it rendered (kept in
its record); the approved one is in ``approvals/<role-id>.yaml``. The redline is
:mod:`difflib` over words: deleted words in ``<del>``, inserted ones in ``<ins>``,
which ``review.css`` marks in colour *and* by strike-through and underline, with a
``[-`` ``-]`` and ``{+`` ``+}`` around them that survive black-and-white printing,
text extraction and screen readers.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from jdgen.i18n import N_, language_name, translations
from jdgen.load.approvals import NEW, Approval, Status, approval_or_problems, status
from jdgen.load.workspace import Workspace
from jdgen.money import money_range
from jdgen.render.posting import VARIABLE_LABELS

_TOKEN = re.compile(r"\s+|[^\s]+")
SECTION_LABELS = {
    "title": N_("Title"),
    "summary": N_("Summary"),
    "duties": N_("Duties"),
    "requirements": N_("Requirements"),
    "nice_to_have": N_("Nice to have"),
    "education": N_("Education"),
    "certifications": N_("Certifications"),
    "skills": N_("Skills"),
    "pay": N_("Pay"),
    "benefits": N_("Benefits"),
    "travel": N_("Travel"),
    "apply": N_("How to apply"),
    "company": N_("About the company"),
}
CATEGORY_LABELS = {
    "pay": N_("pay"),
    "title": N_("title"),
    "summary": N_("summary"),
    "duties": N_("duties"),
    "requirements": N_("requirements"),
    "benefits": N_("benefits"),
    "details": N_("details"),
    "company": N_("company"),
    "translations": N_("translations"),
}


@dataclass
class SignOff:
    """A role's approval as the pack shows it."""

    state: str  # new, approved, changed; "" when the role has no snapshot (not built)
    by: str = ""
    day: str = ""
    note: str = ""
    changed: list[str] = field(default_factory=list)  # what changed, in words
    pay: list[tuple[str, str, str]] = field(default_factory=list)  # (what, then, now)
    redlines: list[tuple[str, str, list[Markup]]] = field(default_factory=list)
    problem: str = ""  # a broken approval file


def redline(old: str, new: str) -> Markup:
    """``new`` with the words deleted from ``old`` and inserted into it marked."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(str(escape("".join(a[i1:i2]))))
            continue
        gone = _marked("del", "".join(a[i1:i2])) if op != "insert" else ""
        added = _marked("ins", "".join(b[j1:j2])) if op != "delete" else ""
        between = " " if gone and added and not gone.endswith(" ") else ""
        out.append(gone + between + added)
    return Markup("".join(out))


def _marked(tag: str, text: str) -> str:
    """``text`` in ``<tag>``, the spaces at its ends outside it."""
    core = text.strip()
    if not core:
        return str(escape(text))
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return f"{escape(lead)}<{tag}>{escape(core)}</{tag}>{escape(trail)}"


def item_redlines(old: tuple[str, ...], new: tuple[str, ...]) -> list[Markup]:
    """The items of a section that changed, each as a redline: a changed item against
    what it was, an added one all inserted, a removed one all deleted."""
    out: list[Markup] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        was, now = list(old[i1:i2]), list(new[j1:j2])
        while was and now:
            out.append(redline(was.pop(0), now.pop(0)))
        out += [Markup(_marked("del", x)) for x in was]
        out += [Markup(_marked("ins", x)) for x in now]
    return out


def sign_off(
    workspace: Workspace, role_id: str, current: dict[str, Any] | None, locale: str, default: str
) -> SignOff:
    """The role's approval status, in the words of ``locale``."""
    _ = translations(locale).gettext
    approval, broken = approval_or_problems(workspace, role_id)
    if broken:
        return SignOff("", problem=broken[0].format())
    if not current:
        return SignOff("", by=approval.by if approval else "", day=approval.day if approval else "")
    found: Status = status(current, approval, default)
    view = SignOff(found.state)
    if approval is not None:
        view.by, view.day, view.note = approval.by, approval.day, approval.note
    if found.state == NEW or not found.changed:
        return view
    view.changed = [_(CATEGORY_LABELS[c]) for c in found.categories]
    view.pay = _pay_changes(approval, current, locale)
    for change in found.sections:
        where = _(SECTION_LABELS.get(change.section, change.section))
        if change.locale != default:
            where = f"{where} ({language_name(change.locale, locale)})"
        view.redlines.append((change.locale, where, item_redlines(change.old, change.new)))
    return view


def pay_text(pay: dict[str, Any], locale: str) -> tuple[str, str, str]:
    """The base band, the variable pay and the on-target earnings, as the pack writes them."""
    _ = translations(locale).gettext
    currency = pay.get("currency") or ""
    if not pay or not currency:
        return "—", "—", "—"
    base = money_range(pay.get("min"), pay.get("max"), currency, locale)
    variable = pay.get("variable") or []
    low = sum(v.get("min") or v.get("target") or 0 for v in variable)
    high = sum(v.get("max") or v.get("target") or 0 for v in variable)
    if low or high:
        shown = money_range(low, high, currency, locale)
    elif variable:  # commission or bonus with no figures: say so rather than show none
        labels = [VARIABLE_LABELS[v["kind"]] for v in variable]
        kinds = ", ".join(dict.fromkeys(_(label) for label in labels))
        shown = _("%(kinds)s, no amount given") % {"kinds": kinds}
    else:
        shown = "—"
    earnings = ote_range(pay)
    ote = money_range(*earnings, currency, locale) if earnings[1] is not None else "—"
    return base, shown, ote


def ote_range(pay: dict[str, Any]) -> tuple[float | None, float | None]:
    """On-target earnings: as given, else the base band plus the variable pay's range."""
    if pay.get("ote"):
        return pay["ote"][0], pay["ote"][1] if pay["ote"][1] is not None else pay["ote"][0]
    variable = pay.get("variable") or []
    low = sum(v.get("min") or v.get("target") or 0 for v in variable)
    high = sum(v.get("max") or v.get("target") or 0 for v in variable)
    if not (low or high) or pay.get("min") is None:  # no variable pay, or none in figures
        return None, None
    return pay["min"] + low, (pay.get("max") or pay["min"]) + high


def _pay_changes(
    approval: Approval, current: dict[str, Any], locale: str
) -> list[tuple[str, str, str]]:
    _ = translations(locale).gettext
    then = pay_text(approval.snapshot.get("pay") or {}, locale)
    now = pay_text(current.get("pay") or {}, locale)
    labels = (_("Base salary"), _("Variable pay"), _("On-target earnings"))
    return [(label, a, b) for label, a, b in zip(labels, then, now, strict=True) if a != b]

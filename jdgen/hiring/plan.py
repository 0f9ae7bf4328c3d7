"""Turn a role's hiring section into a plan: stages, interview kits, a scorecard and coverage.

:func:`hiring_plan` is pure: a role and a question bank in, a :class:`HiringPlan`
out. Templates lay the plan out; lint rules read the same references the plan
resolves (:func:`attributes`), so what the posting asks for, what the
interviews assess and what lint checks are one and the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from jdgen.hiring.questions import CLOSING, OPENING, Fitted, KitQuestion, Picker
from jdgen.i18n import DEFAULT_LOCALE, N_, translations
from jdgen.model import QuestionBank, Role
from jdgen.model.hiring import Question

Gettext = Callable[[str], str]

RATING_SCALE = (N_("Strong no"), N_("No"), N_("Mixed"), N_("Yes"), N_("Strong yes"))
KIND_LABELS = {
    "screen": N_("Screen"),
    "interview": N_("Interview"),
    "exercise": N_("Exercise"),
    "reference": N_("Reference check"),
    "offer": N_("Offer"),
}
MUST_CATEGORY = N_("Must-have requirements")
NICE_CATEGORY = N_("Nice-to-have requirements")


@dataclass(frozen=True)
class Attribute:
    """Something a stage assesses: a requirement or a competency."""

    id: str
    name: str
    description: str
    kind: str  # "must", "nice" or "competency"
    category: str
    requirement_kind: str | None = None  # a requirement's own ``kind``, when it sets one
    question: Question | None = None  # a requirement's own question


@dataclass
class StagePlan:
    id: str
    name: str
    kind: str
    kind_label: str
    minutes: int
    interviewers: list[str]
    instructions: str | None
    attributes: list[Attribute] = field(default_factory=list)
    questions: list[KitQuestion] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unasked: list[Attribute] = field(default_factory=list)  # no time left to ask about these
    question_minutes: int | None = None  # the time questions may take; None: not timed
    timing: str | None = None  # how the stage's time is spent, for the kit

    @property
    def duration(self) -> str:
        return format_minutes(self.minutes)

    @property
    def asked_minutes(self) -> int:
        """About how long the kit's questions take (see :data:`jdgen.hiring.questions.MINUTES`)."""
        return sum(q.minutes for q in self.questions)

    @property
    def looks_for(self) -> bool:
        """Whether the kit lists things to look for (an exercise) rather than questions."""
        return self.kind == "exercise"


@dataclass
class HiringPlan:
    role_id: str
    title: str
    stages: list[StagePlan]
    coverage: list[tuple[Attribute, list[bool]]]
    guidelines: list[str]
    scale: tuple[str, ...] = RATING_SCALE

    @property
    def total_minutes(self) -> int:
        return sum(s.minutes for s in self.stages)

    @property
    def total(self) -> str:
        return format_minutes(self.total_minutes)

    @property
    def scorecards(self) -> list[StagePlan]:
        """The stages an interviewer scores: one scorecard each, with its attributes."""
        return [s for s in self.stages if s.attributes and s.kind != "offer"]

    @property
    def unassessed(self) -> list[Attribute]:
        return [a for a, cells in self.coverage if a.kind == "must" and not any(cells)]


def format_minutes(minutes: int) -> str:
    """``90`` → ``1 h 30 min``; ``45`` → ``45 min``; ``120`` → ``2 h``."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


def attributes(role: Role, _: Gettext = str) -> dict[str, Attribute]:
    """Everything a stage may assess, by id: requirements first, then competencies."""
    found: dict[str, Attribute] = {}
    for kind, items, category in (
        ("must", role.requirements.must, _(MUST_CATEGORY)),
        ("nice", role.requirements.nice, _(NICE_CATEGORY)),
    ):
        for item in items:
            found.setdefault(
                item.id,
                Attribute(item.id, item.text, item.text, kind, category, item.kind, item.question),
            )
    for c in role.competencies:
        found.setdefault(c.id, Attribute(c.id, c.name, c.description, "competency", c.category))
    return found


def hiring_plan(
    role_id: str, role: Role, bank: QuestionBank, locale: str = DEFAULT_LOCALE
) -> HiringPlan | None:
    """The plan for a role, or ``None`` when the role has no hiring stages.

    jdgen's own words in the plan (stage kinds, the rating scale, probes) are in
    ``locale``; the role's and the question bank's are as written.
    """
    if role.hiring is None or not role.hiring.stages:
        return None
    _ = translations(locale).gettext
    known = attributes(role, _)
    picker = Picker(bank, _, locale)
    stages = []
    for stage_id, stage in role.hiring.ordered():
        fitted = picker.fit(stage, known)
        plan = StagePlan(
            id=stage_id,
            name=stage.name,
            kind=stage.kind,
            kind_label=_(KIND_LABELS[stage.kind]),
            minutes=stage.duration,
            interviewers=list(stage.interviewers),
            instructions=stage.instructions,
            # What the time leaves no room for is not scored here (stage-overbooked).
            attributes=[
                known[a]
                for a in dict.fromkeys(stage.assesses)
                if a in known and a not in fitted.unasked
            ],
            questions=fitted.questions,
            notes=fitted.notes + _unasked_note(fitted, known, _),
            unasked=[known[a] for a in fitted.unasked],
            question_minutes=fitted.budget,
            timing=_timing(stage.kind, fitted, _),
        )
        stages.append(plan)
    # Every requirement, and the competencies some stage assesses.
    assessed = [{a.id for a in s.attributes} for s in stages]
    coverage = [
        (attribute, cells)
        for attribute in known.values()
        for cells in [[attribute.id in ids for ids in assessed]]
        if attribute.kind != "competency" or any(cells)
    ]
    guidelines = list(bank.interview_guidelines)
    scale = tuple(_(rating) for rating in RATING_SCALE)
    return HiringPlan(role_id, role.title, stages, coverage, guidelines, scale)


def _timing(kind: str, fitted: Fitted, _: Gettext) -> str | None:
    """How a timed stage's minutes are spent, for the top of its kit."""
    if fitted.budget is None or not fitted.questions:
        return None
    asked = format_minutes(fitted.minutes)
    if kind == "reference":
        text = _("Introductions and consent: %(open)s. Questions: about %(asked)s.")
        return text % {"open": format_minutes(OPENING), "asked": asked}
    return _(
        "Welcome and introductions: %(open)s. Questions: about %(asked)s. "
        "The candidate's questions: %(close)s."
    ) % {"open": format_minutes(OPENING), "asked": asked, "close": format_minutes(CLOSING)}


def _unasked_note(fitted: Fitted, known: dict[str, Attribute], _: Gettext) -> list[str]:
    if not fitted.unasked:
        return []
    names = "; ".join(known[a].name for a in fitted.unasked)
    text = _("No time to ask about: %(names)s. Lengthen the stage, or assess them in another.")
    return [text % {"names": names}]

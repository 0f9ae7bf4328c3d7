"""Turn a role's hiring section into a plan: stages, interview kits, a scorecard and coverage.

:func:`hiring_plan` is pure: a role and a question bank in, a :class:`HiringPlan`
out. Templates lay the plan out; lint rules read the same references the plan
resolves (:func:`attributes`), so what the posting asks for, what the
interviews assess and what lint checks are one and the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from jdgen.i18n import DEFAULT_LOCALE, N_, translations
from jdgen.model import BankQuestion, QuestionBank, Role, Stage

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
QUESTIONS_PER_COMPETENCY = 2


@dataclass(frozen=True)
class Attribute:
    """Something a stage assesses: a requirement or a competency."""

    id: str
    name: str
    description: str
    kind: str  # "must", "nice" or "competency"
    category: str


@dataclass(frozen=True)
class KitQuestion:
    text: str
    strong: tuple[str, ...] = ()
    warning: tuple[str, ...] = ()
    about: str | None = None  # the attribute's name, for grouping in the kit


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

    @property
    def duration(self) -> str:
        return format_minutes(self.minutes)

    @property
    def looks_for(self) -> bool:
        """Whether the kit lists things to look for (an exercise) rather than questions."""
        return self.kind == "exercise"


@dataclass
class HiringPlan:
    role_id: str
    title: str
    stages: list[StagePlan]
    scorecard: list[tuple[str, list[Attribute]]]
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
            found.setdefault(item.id, Attribute(item.id, item.text, item.text, kind, category))
    for c in role.competencies:
        found.setdefault(c.id, Attribute(c.id, c.name, c.description, "competency", c.category))
    return found


def stage_questions(
    stage: Stage, known: dict[str, Attribute], bank: QuestionBank, _: Gettext = str
) -> list[KitQuestion]:
    """What the interviewers ask (or look for) in ``stage``.

    The stage's own questions come first: question-bank ids or inline questions.
    Then, for each attribute none of them covers:

    - in a screen or an interview, a competency gets the first question(s) the bank
      has for it (two when the stage assesses one or two competencies, else one),
      and a requirement a probe for a concrete example of it;
    - in an exercise, each attribute becomes something to look for in the work,
      with the bank's signs of a strong answer;
    - in a reference check, each attribute becomes a question for the referee.
    """
    questions: list[KitQuestion] = []
    covered: set[str] = set()
    for item in stage.questions:
        if item.use is not None:
            found = bank.question(item.use)
            if found is None:
                continue  # lint reports unknown question ids (unknown-reference)
            competency, question = found
            covered.add(competency)
            about = known[competency].name if competency in known else None
            questions.append(_from_bank(question, about))
        else:
            questions.append(KitQuestion(item.text or "", tuple(item.strong), tuple(item.warning)))
    todo = [known[a] for a in dict.fromkeys(stage.assesses) if a in known and a not in covered]
    competencies = sum(1 for a in todo if a.kind == "competency")
    per_competency = QUESTIONS_PER_COMPETENCY if competencies <= 2 else 1
    for attribute in todo:
        from_bank = bank.competencies.get(attribute.id, [])
        if attribute.kind != "competency":
            from_bank = []
        if stage.kind in ("exercise", "reference"):
            questions.append(_look_for(stage.kind, attribute, from_bank, _))
        elif from_bank:
            questions.extend(_from_bank(q, attribute.name) for q in from_bank[:per_competency])
        elif attribute.kind != "competency":
            text = _("Ask for a specific, recent example that shows: %(what)s.") % {
                "what": _lower_first(attribute.name).rstrip(".")
            }
            questions.append(KitQuestion(text, (_(_EVIDENCE),), (_(_NO_EVIDENCE),)))
    return questions


_EVIDENCE = N_("A concrete, recent example, with what the candidate did and what came of it")
_NO_EVIDENCE = N_("General statements, or what the candidate would do rather than did")


def _look_for(
    kind: str, attribute: Attribute, from_bank: list[BankQuestion], _: Gettext
) -> KitQuestion:
    """An exercise's 'look for' item, or a reference check's question, for one attribute."""
    strong = tuple(from_bank[0].strong) if from_bank else (_(_EVIDENCE),)
    warning = tuple(from_bank[0].warning) if from_bank else (_(_NO_EVIDENCE),)
    what = _lower_first(attribute.description if attribute.kind == "competency" else attribute.name)
    what = what.rstrip(".")
    if kind == "reference" and attribute.kind == "competency":
        text = _("Ask the referee for an example of the candidate's %(quality)s at work.") % {
            "quality": attribute.name.lower()
        }
    elif kind == "reference":
        text = _("Ask the referee to confirm, with an example: %(what)s.") % {"what": what}
    elif attribute.kind == "competency":
        text = f"{attribute.name}: {attribute.description}"
    else:
        text = attribute.name
    text = text if text.endswith((".", "?")) else text + "."
    return KitQuestion(text, strong, warning, None if kind == "exercise" else attribute.name)


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
    stages = []
    for stage_id, stage in role.hiring.ordered():
        plan = StagePlan(
            id=stage_id,
            name=stage.name,
            kind=stage.kind,
            kind_label=_(KIND_LABELS[stage.kind]),
            minutes=stage.duration,
            interviewers=list(stage.interviewers),
            instructions=stage.instructions,
            attributes=[known[a] for a in dict.fromkeys(stage.assesses) if a in known],
            questions=stage_questions(stage, known, bank, _),
        )
        stages.append(plan)
    assessed = {a.id for s in stages for a in s.attributes}
    categories: dict[str, list[Attribute]] = {}
    for attribute in known.values():
        if attribute.id in assessed:
            categories.setdefault(attribute.category, []).append(attribute)
    order = [_(MUST_CATEGORY), _(NICE_CATEGORY)]
    scorecard = sorted(
        categories.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)
    )
    coverage = [
        (attribute, [any(a.id == attribute.id for a in s.attributes) for s in stages])
        for attribute in known.values()
    ]
    guidelines = list(bank.interview_guidelines)
    scale = tuple(_(rating) for rating in RATING_SCALE)
    return HiringPlan(role_id, role.title, stages, scorecard, coverage, guidelines, scale)


def _from_bank(question: BankQuestion, about: str | None) -> KitQuestion:
    return KitQuestion(question.text, tuple(question.strong), tuple(question.warning), about)


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text

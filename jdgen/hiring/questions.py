"""What a stage asks: questions chosen by the kind of thing assessed, fitted to the stage's time.

A requirement is checked the way its kind calls for (:func:`requirement_kind`):

- **experience** and **credentials** are facts. They are verified at the screen or the
  reference check with a short factual question, not probed with a behavioural one;
- a **language** is assessed by holding part of the stage in it;
- a **skill** or behaviour gets a behavioural question: the requirement's own
  ``question`` (written in the role file, or a question-bank id), else a generic probe.

A competency gets the question bank's questions, each used once in a plan, so two
stages never ask the same thing or score it against the same strong answers.

Time: a screen or interview keeps :data:`OPENING` minutes to open and
:data:`CLOSING` for the candidate's questions; each question then takes the
minutes in :data:`MINUTES`. Questions that do not fit are left out, the least
important first, and listed in :attr:`Fitted.unasked` (lint's ``stage-overbooked``
reports them). docs/hiring-plans.md explains the rule of thumb.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from jdgen.hiring.probes import LANGUAGE_NOTE, PROBES, REFEREE_COMPETENCY
from jdgen.i18n import N_
from jdgen.model import BankQuestion, QuestionBank, Stage

Gettext = Callable[[str], str]

OPENING = 5
CLOSING = 5
MINUTES = {"behavioural": 10, "factual": 3, "language": 10, "referee": 5}

_NUMBER = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty"
_YEARS = re.compile(
    rf"\b(?:{_NUMBER})(?:\s*(?:\+|or more|to\s+(?:{_NUMBER})|-\s*(?:{_NUMBER})))?"
    r"\s*(?:years?|yrs?)\b"
    r"|\byears? of (?:experience|work)\b"
    r"|\b(?:\d+|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|diez|quatre|cinc|sis|set|vuit|deu)"
    r"\s*(?:años|anys)\b",
    re.IGNORECASE,
)
_CREDENTIAL = re.compile(
    r"\b(?:degree|diploma|certificat(?:e|ion)|certified|licen[cs]e|qualification|accreditation"
    r"|mba|bachelor'?s|master'?s|phd|título|titulación|grado|licenciatura|certificado|carnet"
    r"|carné|títol|titulació|grau|llicenciatura|certificat)\b",
    re.IGNORECASE,
)
LANGUAGES = {
    "english": N_("English"),
    "spanish": N_("Spanish"),
    "castilian": N_("Spanish"),
    "catalan": N_("Catalan"),
    "french": N_("French"),
    "german": N_("German"),
    "italian": N_("Italian"),
    "portuguese": N_("Portuguese"),
    "dutch": N_("Dutch"),
    "basque": N_("Basque"),
    "galician": N_("Galician"),
    "arabic": N_("Arabic"),
    "mandarin": N_("Mandarin"),
    "chinese": N_("Chinese"),
    "japanese": N_("Japanese"),
    "inglés": N_("English"),
    "castellano": N_("Spanish"),
    "español": N_("Spanish"),
    "catalán": N_("Catalan"),
    "francés": N_("French"),
    "alemán": N_("German"),
    "anglès": N_("English"),
    "castellà": N_("Spanish"),
    "català": N_("Catalan"),
    "francès": N_("French"),
    "alemany": N_("German"),
}
_LANGUAGE = re.compile(r"\b(" + "|".join(LANGUAGES) + r")\b", re.IGNORECASE)
# The language a plan in each locale is held in.
PLAN_LANGUAGE = {"en": "English", "es": "Spanish", "ca": "Catalan"}


@functools.lru_cache(maxsize=4096)
def requirement_kind(text: str, kind: str | None = None) -> str:
    """``kind`` when the role file gives one; else inferred from the requirement's words."""
    if kind:
        return kind
    if _LANGUAGE.search(text) and not _YEARS.search(text):
        return "language"
    if _YEARS.search(text):
        return "experience"
    if _CREDENTIAL.search(text):
        return "credential"
    return "skill"


def languages_in(text: str) -> list[str]:
    """The languages a requirement names, in order, once each."""
    return list(dict.fromkeys(LANGUAGES[m.group(1).lower()] for m in _LANGUAGE.finditer(text)))


@dataclass(frozen=True)
class KitQuestion:
    text: str
    strong: tuple[str, ...] = ()
    warning: tuple[str, ...] = ()
    about: str | None = None  # the attribute's name, for grouping in the kit
    style: str = "behavioural"  # a key of MINUTES, or "look-for" (no time of its own)

    @property
    def minutes(self) -> int:
        return MINUTES.get(self.style, 0)


@dataclass
class Fitted:
    """A stage's questions, its notes, and what its time left no room for."""

    questions: list[KitQuestion] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unasked: list[str] = field(default_factory=list)  # attribute ids
    budget: int | None = None  # minutes for questions; None: not timed (exercise, offer)

    @property
    def minutes(self) -> int:
        return sum(q.minutes for q in self.questions)


def question_budget(stage: Stage) -> int | None:
    """Minutes a stage has for questions, or ``None`` when its time goes to something else."""
    if stage.kind in ("screen", "interview"):
        return max(stage.duration - OPENING - CLOSING, 0)
    if stage.kind == "reference":
        return max(stage.duration - OPENING, 0)
    return None


class Picker:
    """Chooses questions for the stages of one plan, using each bank question once."""

    def __init__(self, bank: QuestionBank, _: Gettext, locale: str = "en") -> None:
        self.bank = bank
        self._ = _
        self.used: set[str] = set()
        self.language = PLAN_LANGUAGE.get(locale.split("-")[0], "English")

    def fit(self, stage: Stage, known: dict) -> Fitted:
        """The questions for ``stage``, most important first, within its time."""
        out = Fitted(budget=question_budget(stage))
        covered: set[str] = set()
        for item in stage.questions:
            question = self._own(item, known, covered)
            if question is not None:
                out.questions.append(question)
        todo = [known[a] for a in dict.fromkeys(stage.assesses) if a in known and a not in covered]
        todo.sort(key=_priority)
        for attribute in todo:
            used = set(self.used)
            candidates = self._for(stage, attribute, out)
            needed = out.minutes + sum(q.minutes for q in candidates)
            if out.budget is not None and candidates and needed > out.budget:
                out.unasked.append(attribute.id)
                self.used = used
                continue
            out.questions.extend(candidates)
        self._second_questions(stage, todo, out)
        return out

    def _own(self, item, known: dict, covered: set[str]) -> KitQuestion | None:
        if item.use is None:
            return KitQuestion(item.text or "", tuple(item.strong), tuple(item.warning))
        found = self.bank.question(item.use)
        if found is None:
            return None  # lint reports unknown question ids (unknown-reference)
        competency, question = found
        covered.add(competency)
        self.used.add(question.id)
        return _from_bank(question, known[competency].name if competency in known else None)

    def _for(self, stage: Stage, attribute, out: Fitted) -> list[KitQuestion]:
        if attribute.kind == "competency":
            return self._for_competency(stage, attribute)
        kind = requirement_kind(attribute.description, attribute.requirement_kind)
        if kind in ("experience", "credential"):
            return [
                self._probe(f"{kind}-referee" if stage.kind == "reference" else kind, attribute)
            ]
        if kind == "language":
            return self._languages(attribute, out)
        if stage.kind == "reference":
            return [self._probe("skill-referee", attribute)]
        written = self._own_question(attribute)
        if stage.kind == "exercise":
            return [_look(attribute.name, written.strong, written.warning)]
        return [written]

    def _for_competency(self, stage: Stage, attribute) -> list[KitQuestion]:
        if stage.kind == "reference":
            # A bank question's answers belong to its own scenario, which the referee is
            # not asked about: score the referee's example against the competency itself.
            text = self._(REFEREE_COMPETENCY) % {"what": attribute.name.lower()}
            probe = self._probe("skill-referee", attribute)
            return [KitQuestion(text, probe.strong, probe.warning, attribute.name, "referee")]
        question = self._next_from_bank(attribute.id)
        if stage.kind == "exercise":
            found = _from_bank(question, None) if question else self._probe("skill", attribute)
            return [
                _look(f"{attribute.name}: {attribute.description}", found.strong, found.warning)
            ]
        return [_from_bank(question, attribute.name)] if question else []

    def _own_question(self, attribute) -> KitQuestion:
        """A skill requirement's question: its own, a bank question it names, or a generic probe."""
        own = attribute.question
        if own is not None and own.use is None:
            strong, warning = tuple(own.strong), tuple(own.warning)
            return KitQuestion(own.text or "", strong, warning, attribute.name)
        if own is not None:
            found = self.bank.question(own.use)
            if found is not None and found[1].id not in self.used:
                self.used.add(found[1].id)
                return _from_bank(found[1], attribute.name)
        return self._probe("skill", attribute)

    def _probe(self, key: str, attribute) -> KitQuestion:
        probe = PROBES[key]
        what = _lower_first(attribute.name).rstrip(".")
        text, strong, warning = probe.worded(self._, what=what)
        return KitQuestion(text, strong, warning, attribute.name, probe.style)

    def _next_from_bank(self, competency: str) -> BankQuestion | None:
        for question in self.bank.competencies.get(competency, []):
            if question.id not in self.used:
                self.used.add(question.id)
                return question
        return None

    def _second_questions(self, stage: Stage, todo: list, out: Fitted) -> None:
        """A second bank question for each competency, when the time allows one for all."""
        if stage.kind not in ("screen", "interview") or out.budget is None:
            return
        competencies = [a for a in todo if a.kind == "competency" and a.id not in out.unasked]
        if not competencies:
            return
        spare = out.budget - out.minutes
        if spare < MINUTES["behavioural"] * len(competencies):
            return
        for attribute in competencies:
            question = self._next_from_bank(attribute.id)
            if question is not None:
                at = max(i for i, q in enumerate(out.questions) if q.about == attribute.name)
                out.questions.insert(at + 1, _from_bank(question, attribute.name))

    def _languages(self, attribute, out: Fitted) -> list[KitQuestion]:
        _ = self._
        what = _lower_first(attribute.name).rstrip(".")
        questions = []
        for language in languages_in(attribute.description) or [attribute.name]:
            if language == self.language:
                out.notes.append(_(LANGUAGE_NOTE) % {"language": _(language), "what": what})
                continue
            probe = PROBES["language"]
            text, strong, warning = probe.worded(_, language=_(language), what=what)
            questions.append(KitQuestion(text, strong, warning, attribute.name, probe.style))
        return questions


def _priority(attribute) -> tuple[int, int]:
    """Must-haves first, facts before behaviour; then competencies; then nice-to-haves."""
    rank = {"must": 0, "competency": 1, "nice": 2}[attribute.kind]
    if attribute.kind == "competency":
        return rank, 1
    kind = requirement_kind(attribute.description, attribute.requirement_kind)
    return rank, 0 if kind in ("experience", "credential", "language") else 1


def _look(text: str, strong: tuple[str, ...], warning: tuple[str, ...]) -> KitQuestion:
    text = text if text.endswith((".", "?")) else text + "."
    return KitQuestion(text, strong, warning, None, "look-for")


def _from_bank(question: BankQuestion, about: str | None) -> KitQuestion:
    return KitQuestion(question.text, tuple(question.strong), tuple(question.warning), about)


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text

"""The words of generated questions, one entry per kind of requirement and place asked.

Each probe is a question (or an instruction to the interviewer) with the strong
answers and warning signs to score it against. ``%(what)s`` is the requirement,
``%(language)s`` a language it names. The texts are marked for translation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jdgen.i18n import N_


@dataclass(frozen=True)
class Probe:
    text: str
    strong: tuple[str, ...]
    warning: tuple[str, ...]
    style: str  # how long it takes: a key of questions.MINUTES

    def worded(self, _: Callable[[str], str], **values: str) -> tuple[str, tuple, tuple]:
        return (
            _(self.text) % values,
            tuple(_(s) % values for s in self.strong),
            tuple(_(s) % values for s in self.warning),
        )


PROBES = {
    "experience": Probe(
        N_(
            "This role asks for %(what)s. Which of your jobs give you that experience? "
            "For each one, how long did you hold it, and what were you responsible for?"
        ),
        (
            N_("Names the roles and their dates, and they add up to what is asked for"),
            N_("Says what they were responsible for in each: customers, accounts or targets"),
        ),
        (
            N_("Counts jobs that did not involve this work"),
            N_("Can give job titles but not what they did in them"),
        ),
        "factual",
    ),
    "experience-referee": Probe(
        N_(
            "Ask the referee which role the candidate held, from when to when, and what they "
            "were responsible for. This role asks for %(what)s."
        ),
        (
            N_("The referee confirms the roles and dates the candidate gave"),
            N_("The responsibilities the referee describes match the experience asked for"),
        ),
        (N_("The referee's dates or role differ from the candidate's account"),),
        "referee",
    ),
    "credential": Probe(
        N_(
            "This role asks for %(what)s. Which qualification do you hold, who awarded it, "
            "and when?"
        ),
        (
            N_("Names the qualification, the body that awarded it and the year"),
            N_("Offers a copy, or a way to check it with the body that awarded it"),
        ),
        (
            N_("Cannot name the awarding body"),
            N_("Describes a course they attended rather than the qualification asked for"),
        ),
        "factual",
    ),
    "credential-referee": Probe(
        N_(
            "Check %(what)s with the body that awarded it, with the candidate's consent; "
            "a referee cannot confirm a qualification."
        ),
        (N_("The awarding body confirms the qualification and its date"),),
        (N_("The awarding body has no record of it"),),
        "referee",
    ),
    "language": Probe(
        N_(
            "Hold the last ten minutes of this stage in %(language)s, with an interviewer who "
            "speaks it well: ask the candidate to describe a recent conversation with a "
            "customer, then ask one follow-up question."
        ),
        (
            N_("Understands the follow-up question and answers it without switching language"),
            N_(
                "Explains a business point clearly, with the words a customer call needs: "
                "prices, dates, next steps"
            ),
        ),
        (
            N_("Switches language for everyday business words"),
            N_("Answers only with phrases that sound prepared"),
        ),
        "language",
    ),
    "skill": Probe(
        N_(
            "Tell me about a recent situation that called for this: %(what)s. "
            "What did you do, and what came of it?"
        ),
        (
            N_("A recent example that shows %(what)s, with what the candidate did themselves"),
            N_("Says what came of it, with figures where there were any"),
        ),
        (N_("General statements, or what the candidate would do rather than did"),),
        "behavioural",
    ),
    "skill-referee": Probe(
        N_("Ask the referee for an example of the candidate at work that shows %(what)s."),
        (
            N_("The referee gives an example of their own that shows %(what)s"),
            N_("It agrees with what the candidate told the interviewers about %(what)s"),
        ),
        (
            N_("The referee can speak only in general terms"),
            N_("The example contradicts the candidate's account"),
        ),
        "referee",
    ),
}

LANGUAGE_NOTE = N_(
    "The stage is held in %(language)s, so all of it shows the candidate's %(language)s (%(what)s)."
)
REFEREE_COMPETENCY = N_("Ask the referee for an example of the candidate's %(what)s at work.")

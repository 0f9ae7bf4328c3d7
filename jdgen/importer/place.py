"""Put a posting's blocks in role keys: :func:`place`.

The section a heading starts (:mod:`jdgen.importer.headings`) decides where the
items and paragraphs under it go; the lines before the first section give the
title, the line of facts under it ("Senior · 4+ years · Full-time · Hybrid ·
Denver, CO, United States") and the summary. Values a source states as data (a
JobPosting's) come first and are never overwritten by what the text says.
"""

from __future__ import annotations

import re
import textwrap

import jdgen.importer.values as values
from jdgen.importer.blocks import HEADING, ITEM, RULE, Block, Posting
from jdgen.importer.draft import Draft
from jdgen.importer.headings import fold, section_of
from jdgen.importer.language import language_of
from jdgen.importer.level import guess_level
from jdgen.importer.salary import find_salary

LISTS = {
    "duties": ("duties",),
    "must": ("requirements", "must"),
    "nice": ("requirements", "nice"),
    "skills": ("skills",),
    "benefits": ("benefits",),
}
_SALARY_WORDS = (
    "salary",
    "pay",
    "compensation",
    "wage",
    "salario",
    "sueldo",
    "retribucion",
    "sou",
    "salari",
    "remuneracion",
    "remuneracio",
    "base",
)
_VARIABLE = {
    "commission": ("commission", "comision", "comissio"),
    "bonus": ("bonus", "bono", "bonificacion", "bonificacio", "prima"),
    "profit-sharing": (
        "profit sharing",
        "participacion en beneficios",
        "participacio en beneficis",
    ),
}
_APPLY_AT = re.compile(
    r"\b(?:apply|applications?|aplica|inscr[ií]bete|candidatura|envía|envia|presenta|"
    r"presenta-t|inscriu-te|sol·licitud)\b[^.\n]{0,40}?(?P<url>https?://[^\s<>()\"']+[^\s<>()\"'.,;:!?])",
    re.IGNORECASE,
)
# The words of a line that only gives the link, the address or the deadline, as jdgen
# writes them ("Applications close on January 15, 2027.", "Se aceptan candidaturas...").
_FACT_WORDS = {
    "applications", "close", "closes", "closing", "on", "date", "deadline", "apply", "by",
    "online", "email", "e", "mail", "se", "aceptan", "candidaturas", "candidatures", "hasta",
    "el", "s", "accepten", "fins", "al", "de", "del", "d", "presenta", "tu", "la", "teva",
    "candidatura", "correo", "correu", "electronico", "electronic",
} | {str(n) for n in range(1, 32)} | {str(n) for n in range(2000, 2100)}  # fmt: skip
_EQUITY = ("equity", "stock options", "acciones", "accions", "participaciones",
           "participacion en el capital", "participacio en el capital")  # fmt: skip
_TEAM = ("team", "department", "departamento", "equipo", "departament", "equip")
_REPORTS = ("reports to", "depende de", "depen de", "reporting to", "reporta a")
_CLOSES = (
    "close",
    "deadline",
    "apply by",
    "closing",
    "cierre",
    "hasta",
    "plazo",
    "fins",
    "termini",
    "tanca",
    "cierra",
    "before",
    "until",
    "no later than",
    "antes de",
    "abans de",
    "abans del",
)
_LEVEL_WORDS = {
    "entry": ("entry level", "entry", "inicial", "nivel inicial", "nivell inicial"),
    "junior": ("junior",),
    "mid": ("mid level", "mid", "intermedio", "intermedi"),
    "senior": ("senior",),
    "lead": ("lead", "jefe de equipo", "cap d equip"),
    "principal": ("principal",),
}
_STATUS = re.compile(
    r"(?:\s[–—-]\s*|\s+)(preferred|required|preferido|preferible|valorable|obligatorio|"
    r"imprescindible|preferit|obligatori|desitjable)\s*$",
    re.IGNORECASE,
)
_PERIOD_WORDS = re.compile(
    r"^\s*(?:per|a|an|al|por|brutos|bruts)?\s*(?:year|annum|month|hour|"
    r"año|any|mes|hora|anuales|anuals|mensuales|mensuals)\w*",
    re.I,
)
_DEGREES = {
    "doctorate": ("phd", "doctorate", "doctorado", "doctorat"),
    "master": ("master", "mba", "masters"),
    "associate": ("associate",),
    "bachelor": (
        "bachelor",
        "bachelors",
        "grado",
        "grau",
        "licenciatura",
        "llicenciatura",
        "degree",
        "titulacion universitaria",
        "titulacio universitaria",
    ),
    "high-school": ("high school", "secondary", "bachillerato", "batxillerat", "eso"),
}


def place(posting: Posting) -> Draft:
    """The role a posting describes, as far as its text says."""
    draft = Draft(posting, language_of(" ".join(b.text for b in posting.blocks)))
    for path, (value, start, end) in posting.fields.items():
        draft.put(path, value, start, end)
    section: str | None = None
    summary: list[Block] = []
    for block in posting.blocks:
        if block.kind == HEADING:
            found = section_of(block.text)
            if not draft.has("title") and (block.level == 1 or found is None) and not summary:
                draft.put(("title",), block.text, block.start, block.end)
                continue
            section = found or "unknown"
            if section in ("unknown", "company"):
                draft.leave(f"{'#' * max(block.level, 2)} {block.text}")
            continue
        if block.kind == RULE:
            section = "footer"
            continue
        block = _apply_link(draft, block, section)
        if not block.text:
            continue
        if _money(draft, block, section) and section in LISTS:
            continue  # a line used as pay is not a requirement or a benefit too
        if section is None:
            if not draft.has("title") and len(block.text) <= 80 and not summary:
                draft.put(("title",), block.text, block.start, block.end, "the first line")
            elif not summary and _facts(draft, block):
                pass
            else:
                summary.append(block)
        elif section == "summary":
            summary.append(block)
        elif section in LISTS:
            _listed(draft, LISTS[section], block)
        elif section == "education":
            _education(draft, block)
        elif section == "pay":
            _pay(draft, block)
        elif section == "travel" and not draft.has("travel"):
            draft.put(("travel",), block.text, block.start, block.end)
        elif section == "apply":
            _apply(draft, block)
        elif section == "location":
            if not _facts(draft, block):
                draft.leave(block.text)
        else:
            draft.leave(f"- {block.text}" if block.kind == ITEM else block.text)
    if summary and not draft.has("summary"):
        text = "\n\n".join(f"- {b.text}" if b.kind == ITEM else _wrap(b.text) for b in summary)
        guess = None if section_of_first(posting) else "the text before the first heading"
        draft.put(("summary",), text, summary[0].start, summary[-1].end, guess)
    guess_level(draft)
    return draft


def _wrap(text: str) -> str:
    """A paragraph of the summary in lines of a readable length (Markdown joins them)."""
    return textwrap.fill(text, width=88, break_long_words=False, break_on_hyphens=False)


def section_of_first(posting: Posting) -> bool:
    """Whether the posting has a summary heading ("About the role")."""
    return any(b.kind == HEADING and section_of(b.text) == "summary" for b in posting.blocks)


def _listed(draft: Draft, path: tuple, block: Block) -> None:
    if block.kind != ITEM and block.text.endswith(":"):
        draft.leave(block.text)  # "You will:", an introduction to the list
        return
    years = values.find_years(block.text) if path[0] == "requirements" else None
    if years and not draft.has("experience_years"):
        found = {"min": years[0]} | ({"max": years[1]} if years[1] is not None else {})
        draft.put(
            ("experience_years",), found, block.start, block.end, "read from the requirements"
        )
    elif years and years[1] is not None and draft.data["experience_years"] == {"min": years[0]}:
        draft.put(("experience_years", "max"), years[1], block.start, block.end)  # "3 to 5"
    draft.append(path, block.text, block.start, block.end)


def _education(draft: Draft, block: Block) -> None:
    text = block.text
    status = _STATUS.search(text)
    required = True
    if status:
        text = text[: status.start()].strip()
        required = fold(status[1]) in ("required", "obligatorio", "imprescindible", "obligatori")
    words = f" {fold(text)} "
    if "certif" in words:
        name, _, issuer = text.partition(", ")
        item: dict = {"name": name}
        if issuer:
            item["issuer"] = issuer
        item["required"] = required
        draft.append(("certifications",), item, block.start, block.end)
        return
    item = {"text": text}
    for credential, names in _DEGREES.items():
        if any(f" {name} " in words for name in names):
            item["credential"] = credential
            break
    item["required"] = required
    draft.append(("education",), item, block.start, block.end)


def _label(text: str) -> tuple[str, str]:
    label, sep, rest = text.partition(":")
    if sep and len(label) <= 40:
        return fold(label), rest.strip()
    return "", text


def _pay(draft: Draft, block: Block) -> None:
    label, rest = _label(block.text)
    words = f" {label} "
    for kind, names in _VARIABLE.items():
        if any(f" {name} " in words for name in names):
            item: dict = {"kind": kind}
            found = find_salary(rest)
            if found:
                item["min"], item["max"] = found.min, found.max or found.min
                item["period"] = found.period
                rest = _PERIOD_WORDS.sub("", rest[found.end :]).lstrip(". ")
            if rest:
                item["description"] = rest
            draft.append(("salary", "variable"), item, block.start, block.end)
            return
    if any(name in label for name in _EQUITY):
        draft.put(("salary", "equity"), rest, block.start, block.end)
    elif values.urls(rest) and label and not find_salary(rest):
        draft.put(("salary", "url"), values.urls(rest)[0], block.start, block.end)
    elif find_salary(block.text) is not None:
        pass  # the base band: _money took it
    elif label.startswith(("on target", "ote", "ingresos objetivo", "ingressos objectiu")):
        draft.leave(block.text)  # computed from the band and the targets
    else:
        draft.append(("benefits",), block.text, block.start, block.end)


def _apply_link(draft: Draft, block: Block, section: str | None) -> Block:
    """The block without an "Apply at https://..." outside the apply section, whose link
    becomes ``apply.url``."""
    match = _APPLY_AT.search(block.text)
    if section == "apply" or match is None:
        return block
    draft.put(("apply", "url"), match["url"], block.start, block.end)
    if section not in (*LISTS, "pay"):
        return block  # a sentence of the summary stays whole
    rest = block.text[: match.start()].rstrip(" ,;:-–")
    return Block(block.kind, rest, block.start, block.end, block.level)


def _money(draft: Draft, block: Block, section: str | None) -> bool:
    """The base band, from the pay section or any text that says it is pay; whether
    the block gave it."""
    if draft.has("salary", "min"):
        again = find_salary(block.text)
        if again is None or not _said_pay(block.text):
            return False
        salary = draft.data["salary"]
        if (again.min, again.max or again.min) != (salary["min"], salary.get("max", salary["min"])):
            draft.leave(block.text)  # another band: kept for the reader to choose
        return True
    label = _label(block.text)[0]
    if any(name in f" {label} " for names in _VARIABLE.values() for name in names):
        return False
    found = find_salary(block.text)
    if found is None:
        return False
    said = _said_pay(block.text)
    if section != "pay" and not said and (found.max is None or found.period_guessed):
        return False
    band = {"min": found.min}
    if found.max is not None:
        band["max"] = found.max
    band |= {"currency": found.currency, "period": found.period}
    guess = f"from {block.text[found.start : found.end].strip()!r}"
    if found.period_guessed:
        guess += f"; the period ({found.period}) is a guess"
    for key, value in band.items():
        draft.put(("salary", key), value, block.start, block.end, guess if key == "min" else None)
    rest = _PERIOD_WORDS.sub("", block.text[found.end :]).strip(" .,;")
    kind = next((k for k, names in _VARIABLE.items() if any(n in fold(rest) for n in names)), None)
    if kind:  # "... per year plus commission"
        draft.append(("salary", "variable"), {"kind": kind, "description": rest}, block.start,
                     block.end)  # fmt: skip
    return True


def _said_pay(text: str) -> bool:
    """Whether a text says it is about pay ("Salary: ...")."""
    return any(word in fold(text).split() for word in _SALARY_WORDS)


def _apply(draft: Draft, block: Block) -> None:
    text = block.text
    used = False
    for url in values.urls(text)[:1]:
        draft.put(("apply", "url"), url, block.start, block.end)
        used = True
    for email in values.emails(text)[:1]:
        draft.put(("apply", "email"), email, block.start, block.end)
        used = True
    date = values.find_date(text)
    if date is not None and any(word in fold(text) for word in _CLOSES):
        draft.put(("apply", "deadline"), date, block.start, block.end)
        draft.put(("valid_through",), date, block.start, block.end, "the application deadline")
        used = True
    rest = text
    for found in (*values.urls(text), *values.emails(text)):
        rest = rest.replace(found, " ")
    months = {m for names in values.MONTHS.values() for m in names}
    if used and set(fold(rest).split()) <= _FACT_WORDS | months:
        return  # "Apply online https://...", "Applications close on January 15, 2027."
    if not draft.has("apply", "instructions") and (not used or len(text.split()) <= 30):
        draft.put(("apply", "instructions"), text, block.start, block.end)  # "Envía tu CV..."
    else:
        draft.leave(text)


def _facts(draft: Draft, block: Block) -> bool:
    """The line of facts under a title: level, experience, employment type, workplace,
    location; or "Team: ... · Reports to: ...". Whether the block was one."""
    parts = [p.strip() for p in re.split(r"\s[·|•]\s", block.text) if p.strip()]
    if any(_sentence(part) for part in parts):
        return False  # "Buscamos un chico joven, menor de 30 años.": text, not facts
    known = 0
    found: list[tuple[tuple, object]] = []
    unknown: list[str] = []
    for part in parts:
        label, rest = _label(part)
        if label in _TEAM and rest:
            found.append((("department",), rest))
        elif label in _REPORTS and rest:
            found.append((("reports_to",), rest))
        elif years := values.find_years(part):
            span = {"min": years[0]} | ({"max": years[1]} if years[1] is not None else {})
            found.append((("experience_years",), span))
        elif kind := values.choice_in(part, values.EMPLOYMENT):
            found.append((("employment_type",), kind))
        elif workplace := values.choice_in(part, values.WORKPLACE):
            found.append((("location", "workplace"), workplace))
        elif place_ := values.location_of(part):
            for key, value in place_.items():
                found.append((("location", key), value))
        elif level := next((k for k, names in _LEVEL_WORDS.items() if fold(part) in names), None):
            found.append((("level",), level))
        else:
            unknown.append(part)
            continue
        known += 1
    if not known >= max(1, len(parts) - 1) or (len(parts) == 1 and len(block.text) >= 60):
        return False  # a sentence that mentions a fact: not a line of facts
    for path, value in found:
        draft.put(path, value, block.start, block.end)
    for part in unknown:
        draft.leave(part)  # never dropped
    return True


def _sentence(part: str) -> bool:
    """Whether a part of a line reads as a sentence rather than a fact ("4+ years")."""
    return part.rstrip().endswith((".", "!", "?")) or len(part.split()) > 7

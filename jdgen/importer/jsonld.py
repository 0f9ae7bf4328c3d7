"""Read a schema.org JobPosting (``.json``, ``.jsonld``, or a page's JSON-LD).

Its data becomes role keys directly (``title``, ``baseSalary``, ``datePosted``,
``validThrough``, ``employmentType``, ``jobLocation``, ``experienceRequirements``...);
its ``description``, HTML or plain text, is read into blocks like any posting's text.
Each value is marked where it is in the file (found by its JSON spelling), each block
of the description at its first words, else at the description.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

from jdgen.errors import UnreadableFileError
from jdgen.importer.blocks import Block, Posting
from jdgen.importer.htmltext import page_blocks
from jdgen.importer.markdown import read_markdown
from jdgen.importer.values import SCHEMA_EMPLOYMENT, country_code, find_date

_UNITS = {"YEAR": "year", "MONTH": "month", "HOUR": "hour", "WEEK": None, "DAY": None}


def job_postings(data: Any, depth: int = 0) -> Iterator[dict]:
    """Every JobPosting object in JSON-LD data (at its top, in a list or an ``@graph``)."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from job_postings(item, depth + 1)
    elif isinstance(data, dict):
        kind = data.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "JobPosting" in kinds:
            yield data
        elif "@graph" in data:
            yield from job_postings(data["@graph"], depth + 1)


def read_json(display: str, text: str) -> Posting:
    """A ``.json`` or ``.jsonld`` file holding a JobPosting."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", 1)
        column = getattr(exc, "colno", 1)
        message = getattr(exc, "msg", str(exc))
        raise UnreadableFileError.at(display, line, column, f"invalid JSON: {message}") from None
    except RecursionError:
        raise UnreadableFileError.at(display, 1, 1, "invalid JSON: nested too deeply") from None
    found = next(job_postings(data), None)
    if found is None:
        raise UnreadableFileError.at(display, 1, 1, "no JobPosting found in this JSON")
    return read_job_posting(display, text, found, 0, len(text))


def read_job_posting(display: str, text: str, data: dict, start: int, end: int) -> Posting:
    """The posting a JobPosting object describes; ``start``..``end`` is where it is in
    ``text`` (the file)."""
    posting = Posting(display, text, "json")
    where = _Finder(text, start, end)

    def put(path: tuple, value: Any, raw: Any = None) -> None:
        if value is not None and value != "" and value != {}:
            posting.fields[path] = (value, *where.value(raw if raw is not None else value))

    put(("title",), _text(data.get("title")))
    description = _text(data.get("description"), keep=True)
    if description:
        posting.blocks = where.blocks(description)
    for key, path in (("datePosted", ("date_posted",)), ("validThrough", ("valid_through",))):
        raw = data.get(key)
        date = _date(raw)
        put(path, date, raw)
    kinds = data.get("employmentType")
    for kind in kinds if isinstance(kinds, list) else [kinds]:
        if isinstance(kind, str) and kind.upper() in SCHEMA_EMPLOYMENT:
            put(("employment_type",), SCHEMA_EMPLOYMENT[kind.upper()], kind)
            break
    _location(data, put)
    _salary(data.get("baseSalary"), put)
    experience = data.get("experienceRequirements")
    months = experience.get("monthsOfExperience") if isinstance(experience, dict) else None
    if isinstance(months, int | float) and not isinstance(months, bool) and 0 <= months <= 720:
        years = round(months / 12, 1) if months % 12 else int(months // 12)
        put(("experience_years",), {"min": years}, months)
    url = _text(data.get("url"))
    if url and url.startswith(("https://", "http://")):
        put(("apply", "url"), url)
    category = _text(data.get("occupationalCategory"))
    if category and len(category) <= 80:
        put(("occupational_category",), category)
    for key, heading in (("responsibilities", "Responsibilities"),
                         ("qualifications", "Qualifications"), ("skills", "Skills"),
                         ("jobBenefits", "Benefits")):  # fmt: skip
        value = _text(data.get(key), keep=True)
        if value and not description:
            at = where.value(key)
            posting.blocks += [Block("heading", heading, *at, 2), *where.blocks(value)]
    return posting


def _text(value: Any, keep: bool = False) -> str | None:
    if isinstance(value, list):
        value = "\n".join(v for v in value if isinstance(v, str))
    if not isinstance(value, str):
        return None
    return value if keep else " ".join(value.split())


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    return find_date(value)


def _location(data: dict, put) -> None:
    if data.get("jobLocationType") == "TELECOMMUTE":
        put(("location", "workplace"), "remote", "TELECOMMUTE")
        wanted = data.get("applicantLocationRequirements")
        codes = []
        for item in wanted if isinstance(wanted, list) else [wanted]:
            name = item.get("name") if isinstance(item, dict) else item
            code = country_code(name) if isinstance(name, str) else None
            if code and code not in codes:
                codes.append(code)
        put(("location", "remote_regions"), codes or None)
    place = data.get("jobLocation")
    place = place[0] if isinstance(place, list) and place else place
    address = place.get("address") if isinstance(place, dict) else None
    if not isinstance(address, dict):
        return
    for key, path in (("addressLocality", "city"), ("addressRegion", "region"),
                      ("postalCode", "postal_code"), ("streetAddress", "street")):  # fmt: skip
        put(("location", path), _text(address.get(key)))
    country = address.get("addressCountry")
    if isinstance(country, dict):
        country = country.get("name")
    if isinstance(country, str):
        put(("location", "country"), country_code(country), country)


def _salary(pay: Any, put) -> None:
    if not isinstance(pay, dict):
        return
    value = pay.get("value")
    currency = _text(pay.get("currency"))
    if not isinstance(value, dict):
        value = {"value": value}
    numbers = {}
    for key in ("minValue", "maxValue", "value"):
        n = value.get(key)
        if isinstance(n, int | float) and not isinstance(n, bool) and 0 < n <= 1e9:
            numbers[key] = int(n) if float(n).is_integer() else float(n)
    low = numbers.get("minValue", numbers.get("value"))
    if low is None or not currency:
        return
    put(("salary", "min"), low)
    put(("salary", "max"), numbers.get("maxValue", low))
    put(("salary", "currency"), currency.upper())
    unit = _UNITS.get(str(value.get("unitText", "YEAR")).upper())
    put(("salary", "period"), unit or "year")


class _Finder:
    """Where values and description text are in the file: found by their JSON spelling
    (or their first words) in the object's range, in order."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self.cursor = start

    def value(self, raw: Any) -> tuple[int, int]:
        for spelling in (json.dumps(raw, ensure_ascii=False), json.dumps(raw), str(raw)):
            at = self.text.find(spelling, self.start, self.end)
            if at >= 0:
                quoted = spelling.startswith('"')  # the string's place is inside its quotes
                return at + quoted, at + len(spelling) - quoted
        return self.start, self.start

    def blocks(self, description: str) -> list[Block]:
        if re.search(r"<[a-zA-Z][^>]*>", description):
            found, _ = page_blocks(description)
        else:
            found = read_markdown("", description, "txt").blocks
        out = []
        for block in found:
            start, end = self._words(block.text)
            out.append(Block(block.kind, block.text, start, end, block.level))
        return out

    def _words(self, text: str) -> tuple[int, int]:
        words = re.findall(r"\w+", text)[:3]
        if words:
            pattern = re.compile(r"\W+".join(map(re.escape, words)))
            match = pattern.search(self.text, self.cursor, self.end)
            if match:
                self.cursor = match.end()
                # The rest of the block is after its first words: lint finds words there.
                return match.start(), min(self.end, match.start() + len(text) * 2 + 40)
        return self.start, self.end

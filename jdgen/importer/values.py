"""Single values read from posting text: dates, experience, employment type, workplace,
location, links and the level a title or an experience range says."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from jdgen.importer.headings import fold

MONTHS = {
    "en": ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
    "ca": ("gener", "febrer", "marc", "abril", "maig", "juny", "juliol", "agost", "setembre",
           "octubre", "novembre", "desembre"),
}  # fmt: skip
_MONTH = {name: n for names in MONTHS.values() for n, name in enumerate(names, 1)}
_MONTH.update({name[:3]: n for name, n in list(_MONTH.items()) if len(name) > 3})
_MONTH["sept"] = 9

EMPLOYMENT = {
    "full-time": ("full time", "fulltime", "permanent", "jornada completa", "tiempo completo",
                  "temps complet", "indefinido", "indefinit"),
    "part-time": ("part time", "media jornada", "jornada parcial", "tiempo parcial",
                  "mitja jornada", "temps parcial"),
    "contract": ("contract", "contractor", "freelance", "autonomo", "autonom"),
    "temporary": ("temporary", "fixed term", "temporal", "temporal"),
    "internship": ("internship", "intern", "practicas", "practiques", "becario", "becari"),
}  # fmt: skip
WORKPLACE = {
    "remote": ("remote", "fully remote", "remote first", "work from home", "remoto", "teletrabajo",
               "en remoto", "remot", "teletreball", "100 remoto", "100 remot"),
    "hybrid": ("hybrid", "hibrido", "hibrid", "modelo hibrido", "model hibrid"),
    "onsite": ("on site", "onsite", "in office", "in person", "presencial", "en la oficina",
               "a l oficina"),
}  # fmt: skip
# JobPosting's employmentType values, and jobLocationType's one.
SCHEMA_EMPLOYMENT = {
    "FULL_TIME": "full-time", "PART_TIME": "part-time", "CONTRACTOR": "contract",
    "TEMPORARY": "temporary", "INTERN": "internship",
}  # fmt: skip

_URL = re.compile(r"https?://[^\s<>()\"']+[^\s<>()\"'.,;:!?]")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WORDS_DATE = re.compile(r"\b([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s+(\d{4})\b")
_DAY_FIRST = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:(?:de|d)\s+)?([a-z]+)\s+(?:(?:de|del)\s+)?(\d{4})\b"
)
_YEARS = re.compile(
    r"(?:(?:at least|minimum of|minimum|min|mas de|al menos|minimo|minim|almenys)\s+)?"
    r"(\d{1,2})(?:\s*(?:-|–|to|a|y|i)\s*(\d{1,2}))?\s*(\+|or more|o mas|o mes)?\s*"
    r"(?:years?|yrs?|anos|anys|ano|any)\b"
)  # fmt: skip


# An age, which is never experience (and which lint's rules should see, not the level).
_AGE_BEFORE = re.compile(
    r"\b(?:menor(?:es)? de|menos de|mayor(?:es)? de|under|below|younger than|older than|"
    r"over the age of|aged|menys de|major(?:s)? de|edad de|edat de|age of)\s*$"
)
_AGE_AFTER = re.compile(r"\s*(?:of age|old|de edad|d edat|o menos|or younger|or under|o menys)\b")
_AGE_WORD = re.compile(r"\b(?:edad|edat|age|aged|ages|edades|edats)\b")


def find_date(text: str) -> dt.date | None:
    """The first date written out in ``text`` (``2027-01-15``, ``January 15, 2027``,
    ``15 de enero de 2027``, ``15 de gener de 2027``)."""
    plain = fold(text)
    candidates = []
    if m := _ISO.search(text):
        candidates.append((m.start(), (int(m[1]), int(m[2]), int(m[3]))))
    if (m := _WORDS_DATE.search(plain)) and m[1] in _MONTH:
        candidates.append((m.start(), (int(m[3]), _MONTH[m[1]], int(m[2]))))
    for m in _DAY_FIRST.finditer(plain):
        if m[2] in _MONTH:
            candidates.append((m.start(), (int(m[3]), _MONTH[m[2]], int(m[1]))))
            break
    for _, (year, month, day) in sorted(candidates):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


NUMBER_WORDS = {
    word: n
    for names in (
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
        ("un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez"),
        ("un", "dos", "tres", "quatre", "cinc", "sis", "set", "vuit", "nou", "deu"),
    )
    for n, word in enumerate(names, 1)
} | {"uno": 1, "una": 1, "dues": 2}
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b")


def plain(text: str) -> str:
    """Lowercase without accents, punctuation kept: ``"3–5 años"`` -> ``3–5 anos``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def find_years(text: str) -> tuple[int, int | None] | None:
    """The years of experience a text asks for: ``(min, max)``."""
    words = _NUMBER_WORD.sub(lambda m: str(NUMBER_WORDS[m[0]]), plain(text))
    match = next((m for m in _YEARS.finditer(words) if not _is_age(words, m)), None)
    if match is None:
        return None
    low = int(match[1])
    high = int(match[2]) if match[2] else None
    if (high is not None and high < low) or low > 40:
        return None
    return low, high


def _is_age(words: str, match: re.Match) -> bool:
    """Whether the years ``match`` found are an age ("menor de 30 años", "under 30",
    "25 years old", "de 25 a 35 años de edad"), not experience."""
    before, after = words[max(0, match.start() - 40) : match.start()], words[match.end() :]
    return bool(
        _AGE_BEFORE.search(before)
        or _AGE_AFTER.match(after)
        or _AGE_WORD.search(before[-25:] + " " + after[:25])
    )


def choice_in(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    """The key of ``table`` whose words appear in ``text`` (whole words), if one does."""
    words = f" {fold(text)} "
    for key, names in table.items():
        if any(f" {name} " in words for name in names):
            return key
    return None


def urls(text: str) -> list[str]:
    return _URL.findall(text)


def emails(text: str) -> list[str]:
    return _EMAIL.findall(text)


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    from babel import Locale

    found: dict[str, str] = {}
    for language in ("en", "es", "ca"):
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha():
                found.setdefault(fold(name), code)
    found.update({"usa": "US", "us": "US", "uk": "GB", "eeuu": "US", "ee uu": "US"})
    return found


def country_code(name: str) -> str | None:
    """``"United States"`` / ``"España"`` / ``"ES"`` -> ``US`` / ``ES`` / ``ES``."""
    if len(name.strip()) == 2 and name.strip().isalpha() and name.strip().isupper():
        return name.strip()
    return _countries().get(fold(name))


def location_of(text: str) -> dict | None:
    """``"Denver, CO, United States"`` -> city, region and country; ``None`` when the text
    does not end in a country jdgen knows."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts or len(parts) > 4 or any(len(p) > 40 for p in parts):
        return None
    country = country_code(parts[-1])
    if country is None:
        return None
    found: dict[str, str] = {"country": country}
    rest = parts[:-1]
    if rest:
        found["city"] = rest[0]
    if len(rest) > 1:
        found["region"] = rest[1]
    return found


def level_of_years(low: float) -> str:
    """The level that usually asks for ``low`` years of experience at least."""
    for limit, level in ((1, "entry"), (2, "junior"), (4, "mid"), (7, "senior")):
        if low < limit:
            return level
    return "lead"

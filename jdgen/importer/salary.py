"""Pay stated in words: ``$80,000–$100,000 per year``, ``38.000 € - 46.000 € brutos
anuales``, ``45k-55k EUR``, ``from £30,000``, ``$25/hour``.

:func:`find_salary` finds the first amount or range with a currency in a text and
says which period it is for; a period the text does not name is guessed from the
size of the amounts (and the guess said so). Numbers are read with either ``,`` or
``.`` between thousands, as English and Spanish write them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jdgen.importer.headings import fold

_SYMBOLS = {"us$": "USD", "ca$": "CAD", "c$": "CAD", "a$": "AUD", "au$": "AUD", "$": "USD",
            "€": "EUR", "£": "GBP", "¥": "JPY", "chf": "CHF", "fr.": "CHF"}  # fmt: skip
_CODES = ("USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "MXN", "SEK", "NOK", "DKK", "PLN",
          "INR", "BRL", "NZD", "SGD", "CZK", "HUF", "RON")  # fmt: skip
_CURRENCY = r"(?:US\$|CA\$|AU\$|A\$|C\$|\$|€|£|¥|\b(?:" + "|".join(_CODES) + r")\b)"
_NUMBER = r"\d{1,3}(?:[.,  ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_AMOUNT = rf"(?:{_CURRENCY}\s?)?(?:{_NUMBER})\s?(?:[kK]\b|mil\b)?(?:\s?{_CURRENCY})?"
_BETWEEN = r"\s*(?:[-–—‐]|to|a|al|y|i|and|fins a|hasta)\s*"
_RANGE = re.compile(rf"(?P<low>{_AMOUNT})(?:{_BETWEEN}(?P<high>{_AMOUNT}))?", re.IGNORECASE)
_PART = re.compile(
    rf"(?P<before>{_CURRENCY})?\s?(?P<number>{_NUMBER})\s?(?P<k>[kK]\b|mil\b)?\s?(?P<after>{_CURRENCY})?",
    re.IGNORECASE,
)
_PERIODS = (
    ("hour", ("hour", "hourly", "hr", "an hour", "per hour", "hora", "la hora", "por hora",
              "per hora", "a l hora")),
    ("month", ("month", "monthly", "a month", "per month", "mes", "al mes", "mensual",
               "mensuales", "mensuals", "mensualment", "per mes")),
    ("year", ("year", "yearly", "annual", "annually", "a year", "per year", "per annum", "pa",
              "p a", "anual", "anuales", "anuals", "al ano", "ano", "any", "l any", "a l any",
              "brutos anuales", "bruts anuals", "brut anual", "bruto anual")),
)  # fmt: skip


@dataclass
class SalaryText:
    """A salary found in a text: the band, where it is in the text, and what was guessed."""

    min: float
    max: float | None
    currency: str
    period: str
    start: int
    end: int
    period_guessed: bool = False


def find_salary(text: str) -> SalaryText | None:
    """The first amount or range of money in ``text`` that names its currency."""
    for match in _RANGE.finditer(text):
        low = _amount(match["low"])
        high = _amount(match["high"]) if match["high"] else None
        if low is None:
            continue
        currency = low[1] or (high[1] if high else None)
        if currency is None:
            continue
        low_value = low[0]
        high_value = high[0] if high else None
        if high and high[2] and not low[2] and low_value < 1000:  # "45-55k EUR"
            low_value *= 1000
        if high_value is not None and high_value < low_value and high_value * 1000 >= low_value:
            high_value *= 1000  # "45k-55"
        if low_value <= 0 or low_value > 1e9 or (high_value is not None and high_value > 1e9):
            continue
        if high_value is None and low_value < 5 and not low[2]:
            continue  # "$2" is not a salary
        period, guessed = _period(text[match.end() : match.end() + 40], low_value)
        return SalaryText(
            low_value, high_value, currency, period, match.start(), match.end(), guessed
        )
    return None


def _amount(text: str) -> tuple[float, str | None, bool] | None:
    """``(value, currency or None, whether it had a k)`` of one amount."""
    match = _PART.search(text)
    if match is None:
        return None
    symbol = match["before"] or match["after"]
    currency = None
    if symbol:
        currency = _SYMBOLS.get(symbol.lower(), symbol.upper())
    value = _number(match["number"])
    thousands = bool(match["k"])
    if thousands:
        value *= 1000
    return value, currency, thousands


def _number(text: str) -> float:
    """``80,000`` / ``38.000`` / ``38 000`` / ``25.50`` / ``25,5`` as a number."""
    text = text.replace(" ", "").replace(" ", "")
    match = re.fullmatch(r"(\d{1,3}(?:[.,]\d{3})+)(?:([.,])(\d{1,2}))?", text)
    if match:
        whole = re.sub(r"[.,]", "", match[1])
        return float(f"{whole}.{match[3]}" if match[3] else whole)
    return float(text.replace(",", "."))


def _period(after: str, amount: float) -> tuple[str, bool]:
    """The period named just after the amounts, else a guess from their size."""
    words = fold(after.replace("/", " per "))
    for period, names in _PERIODS:
        for name in names:
            if re.match(rf"(?:(?:gross|brutos?|bruts?|brut|per|por|a|al|each|every|de)\s)*"
                        rf"{re.escape(name)}\b", words):  # fmt: skip
                return period, False
    if amount < 200:
        return "hour", True
    if amount < 15000:
        return "month", True
    return "year", True

"""Money and numbers, formatted for a locale by Babel.

Whole amounts are shown without decimals (``$51,933``, ``51.933 €``); amounts
with cents keep them (``$25.50``). Ranges use an en dash: ``$51,933 – $94,871``.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.numbers import NumberPattern, format_currency, format_decimal, parse_pattern

RANGE_DASH = " – "


@lru_cache(maxsize=32)
def _pattern(locale: str, cents: bool) -> NumberPattern:
    pattern = parse_pattern(Locale.parse(locale).currency_formats["standard"].pattern)
    if not cents:
        pattern.frac_prec = (0, 0)
    return pattern


def money(amount: float, currency: str, locale: str) -> str:
    """``money(51933, "USD", "en_US")`` → ``$51,933``."""
    cents = amount != int(amount)
    return format_currency(
        amount, currency, format=_pattern(locale, cents), locale=locale, currency_digits=False
    )


def money_range(low: float | None, high: float | None, currency: str, locale: str) -> str:
    """A range such as ``$51,933 – $94,871``; either end may be missing."""
    if low is not None and high is not None and low != high:
        return f"{money(low, currency, locale)}{RANGE_DASH}{money(high, currency, locale)}"
    amount = low if low is not None else high
    return money(amount, currency, locale) if amount is not None else ""


def number(value: float, locale: str) -> str:
    """A plain number for the locale: ``1,500`` or ``1.500``."""
    return format_decimal(value, locale=locale)


def number_range(low: float, high: float | None, locale: str) -> str:
    """``3–5``, or just ``3`` when there is no upper end."""
    if high is None or high == low:
        return number(low, locale)
    return f"{number(low, locale)}–{number(high, locale)}"


def is_currency(code: str) -> bool:
    """Whether ``code`` is an ISO 4217 currency Babel knows."""
    from babel.numbers import list_currencies

    return code in list_currencies()

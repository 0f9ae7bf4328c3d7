"""The title says the level, and the level agrees with the rest of the role.

A title should tell a job seeker how senior the job is ("Junior", "Senior",
"Lead", "Entry-level"), or be an established title that carries its level
("Key Account Manager", "Strategic Account Manager"). The rule reports:

- a title with no level signal, unless the role's ``level`` is one of
  ``bare_title_levels`` (by default ``mid``: a plain "Account Manager" reads as mid-level);
- a title whose signal disagrees with ``level`` ("Junior" for a senior role);
- a title whose level disagrees with ``experience_years`` (a Junior title asking
  for 8 years);
- a title whose band sits above the band of a higher level elsewhere in the
  workspace (a Junior band above the Senior band).

The signals, families and experience expectations are in
``jdgen/data/lint/level_signals.yaml``.

Passing example::

    title: Senior Account Manager
    level: senior

Failing example::

    title: Junior Account Manager
    level: senior
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from jdgen.lint.levels import Signal, _matchers, title_levels  # noqa: F401 - the rule's own
from jdgen.lint.problem import Finding, Level
from jdgen.lint.text import data_file
from jdgen.load.workspace import LoadedRole
from jdgen.model import LEVELS
from jdgen.money import money_range

if TYPE_CHECKING:
    from jdgen.lint.context import LintContext
    from jdgen.lint.facts import RoleFacts

ID = "title-level"
LEVEL = "error"
DEFAULT: dict[str, Any] = {"bare_title_levels": ["mid"]}
PER_LOCALE = True  # also reads each translation of the role

SUGGESTED_WORD = {
    "entry": "Entry-level",
    "junior": "Junior",
    "mid": "Mid-level",
    "senior": "Senior",
    "lead": "Lead",
    "principal": "Principal",
}


def check(role: LoadedRole, context: LintContext, options: dict[str, Any]) -> Iterator[Finding]:
    """The title's level signal against ``level`` and ``experience_years``."""
    model = role.role
    title_mark = role.mark("title")
    signals, allowed = title_levels(model.title, context.language_at(title_mark, role))
    if not signals:
        if model.level not in options["bare_title_levels"]:
            word = SUGGESTED_WORD[model.level]
            yield context.at(
                title_mark,
                f"the title does not say the level ({model.level})",
                f"say it plainly, as in {f'{word} {_without_vague_words(model.title)}'!r}",
            )
        allowed = {model.level}
    elif model.level not in allowed:
        segment = context.title_segment(role)
        start, end, _ = signals[0]
        said = model.title[start:end]
        shown = sorted(allowed, key=LEVELS.index)
        yield context.in_text(
            segment,
            start,
            end,
            f"the title says {said!r} ({_levels(shown)}), but level is {model.level!r}",
            "make the title and 'level' agree",
            level=Level.INFO if all(v.low_confidence for _, _, v in signals) else None,
        )
    years = model.experience_years
    if years is None:
        return
    expected = data_file("lint/level_signals.yaml").get("experience", {})
    fits = [lvl for lvl in allowed if _fits(years.min, expected.get(lvl, {}))]
    if allowed and not fits:
        shown = sorted(allowed, key=LEVELS.index)
        article = "an" if shown[0][0] in "aeiou" else "a"
        yield context.at(
            role.mark("experience_years", "min"),
            f"{article} {_levels(shown)} title asking for at least {_years(years.min)} "
            "of experience",
            f"expected {_expectation(shown, expected)}; change the title, the level or the years",
        )


def check_workspace(
    roles: list[RoleFacts], context: LintContext, options: dict[str, Any]
) -> Iterator[tuple[str, Finding]]:
    """A title's band above the band of a higher level, in the same currency and period."""
    banded = [r for r in roles if _band(r)]
    lower = _LowerBands(banded)
    for role in banded:
        signals, allowed = title_levels(role.title, role.language)
        if not signals:
            allowed = {role.level}
        top = max(LEVELS.index(level) for level in allowed)
        mine = role.band
        if not lower.any_below(mine, top):
            continue  # the usual case, answered without looking at every other role
        for other in banded:
            theirs = other.band
            if (
                LEVELS.index(other.level) > top
                and (theirs.currency, theirs.period) == (mine.currency, mine.period)
                and mine.min > theirs.min
                and mine.max > theirs.max
            ):
                band = money_range(theirs.min, theirs.max, theirs.currency, "en_US")
                reads_as = _levels(sorted(allowed, key=LEVELS.index))
                yield (
                    role.display,
                    context.at(
                        role.mark("title"),
                        f"the title reads as {reads_as}, but its band is above the "
                        f"{other.level} band of {other.role_id} ({band})",
                        "check the title, the level and the band",
                    ),
                )
                break


class _LowerBands:
    """Answers "is there a band of a level above ``top`` lying wholly below this one?"

    For each currency, period and level, the bands of the levels above it, sorted by
    their minimum, with the lowest maximum so far: a binary search then tells, so a
    workspace of thousands of roles is not compared pair by pair.
    """

    def __init__(self, banded: list[RoleFacts]) -> None:
        self.tables: dict[tuple, tuple[list[float], list[float]]] = {}
        groups: dict[tuple, list] = {}
        for role in banded:
            s = role.band
            groups.setdefault((s.currency, s.period), []).append(
                (LEVELS.index(role.level), s.min, s.max)
            )
        for group, bands in groups.items():
            for top in range(len(LEVELS)):
                above = sorted((low, high) for level, low, high in bands if level > top)
                lowest, so_far = [], float("inf")
                for _, high in above:
                    so_far = min(so_far, high)
                    lowest.append(so_far)
                self.tables[(*group, top)] = ([low for low, _ in above], lowest)

    def any_below(self, band, top: int) -> bool:
        mins, lowest = self.tables.get((band.currency, band.period, top), ([], []))
        k = bisect.bisect_left(mins, band.min)  # bands whose minimum is below ours
        return k > 0 and lowest[k - 1] < band.max


def _band(role: RoleFacts) -> bool:
    s = role.band
    return bool(s and s.min and s.max and s.currency and s.min <= s.max)


def _fits(years: float, rule: dict[str, float]) -> bool:
    low, high = rule.get("min_years_min"), rule.get("min_years_max")
    return (low is None or years >= low) and (high is None or years <= high)


def _levels(levels) -> str:
    return " or ".join(levels)


def _years(n: float) -> str:
    return f"{n:g} year{'' if n == 1 else 's'}"


def _expectation(levels: list[str], expected: dict[str, dict[str, float]]) -> str:
    parts = []
    for level in levels:
        rule = expected.get(level, {})
        low, high = rule.get("min_years_min"), rule.get("min_years_max")
        if low is not None and high is not None:
            parts.append(f"{low:g} to {_years(high)} for {level}")
        elif high is not None:
            parts.append(f"at most {_years(high)} for {level}")
        elif low is not None:
            parts.append(f"at least {_years(low)} for {level}")
    return "; ".join(parts) or "a different number of years"


def _without_vague_words(title: str) -> str:
    """The title without the words vague-title reports, so that the suggestion does not
    keep them ("Rockstar Account Manager" → "Senior Account Manager")."""
    from jdgen.lint.rules import vague_title

    spans = [(s, e) for s, e, _ in vague_title.find(title, ("en", "es", "ca"))]
    return (vague_title.plain_title(title, spans, "mid") if spans else title) or title

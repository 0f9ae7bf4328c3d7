"""The level a draft's role is guessed at, when the posting does not state it: from a
level word in the title ("Senior"), else from the years of experience asked for (kept
within the levels an established title such as "Key Account Manager" allows), else
from such a title alone, else ``mid``. The guess says which it was."""

from __future__ import annotations

from jdgen.importer.draft import Draft
from jdgen.importer.headings import fold


def guess_level(draft: Draft) -> None:
    """Put a guessed ``level`` in ``draft`` unless it has one, with the reason."""
    from jdgen.lint.levels import title_levels
    from jdgen.model import LEVELS

    if draft.has("level"):
        return
    title = draft.data.get("title", "")
    mark = draft.positions.values.get(("title",))
    start, end = (mark.start, mark.end) if mark else (0, 0)
    signals, allowed = title_levels(title, draft.language) if title else ([], set(LEVELS))
    named = [level for level in LEVELS if level in allowed and level in fold(title).split()]
    if signals and named:
        draft.put(("level",), named[0], start, end, "from the title's words")
        return
    choices = [level for level in LEVELS if level in allowed]
    family = f"the title {title!r} is {_either(choices)}" if signals else ""
    years = draft.data.get("experience_years")
    if years:
        typical = (years["min"] + years.get("max", years["min"])) / 2
        wanted = _level_of_years(typical)
        level = min(choices, key=lambda lv: abs(LEVELS.index(lv) - LEVELS.index(wanted)))
        span = f"{years['min']:g}" + (f"–{years['max']:g}" if "max" in years else "")
        where = (
            "the JobPosting's experienceRequirements"
            if ("experience_years",) in draft.posting.fields
            else "the posting's text"
        )
        reason = f"from the {span} years of experience asked for in {where}"
        draft.put(("level",), level, start, end, reason + (f"; {family}" if family else ""))
        return
    if signals:
        draft.put(("level",), choices[0], start, end, f"{family}; {choices[0]} is a guess")
        return
    draft.put(("level",), "mid", start, end, "the posting does not say; mid is a guess")


def _either(levels: list[str]) -> str:
    return levels[0] if len(levels) == 1 else ", ".join(levels[:-1]) + " or " + levels[-1]


def _level_of_years(years: float) -> str:
    from jdgen.importer.values import level_of_years

    return level_of_years(years)

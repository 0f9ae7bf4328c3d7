"""The level a job title says: level words ("Senior", "Junior") and titles that carry a
level ("Key Account Manager"), read from ``jdgen/data/lint/level_signals.yaml``.

Shared by the title rules: ``title-level`` checks that a title says the role's level,
``vague-title`` that its suggested plain title does.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jdgen.lint.text import TermMatcher, data_file
from jdgen.model import LEVELS


@dataclass(frozen=True)
class Signal:
    """Levels a word or an established title in a title agrees with."""

    levels: frozenset[str]
    low_confidence: bool = False


@lru_cache(maxsize=4)
def _matchers(language: str) -> tuple[TermMatcher, TermMatcher]:
    """Level words (with the phrases that only look like them), and level-bearing titles."""
    data = data_file("lint/level_signals.yaml")
    words: dict[str, Signal | None] = {}
    for group in data["signals"].get(language, []):
        signal = Signal(frozenset(group["levels"]), group.get("confidence") == "low")
        for word in group["words"]:
            words[word] = signal
    for phrase in data.get("not_signals", {}).get(language, []):
        words[phrase] = None  # the longest match wins, so these hide the word inside them
    families: dict[str, Signal | None] = {}
    for lang in dict.fromkeys([language, "en"]):
        for family in data.get("families", {}).get(lang, []):
            for title in [family["title"], *family.get("variants", [])]:
                families.setdefault(title, Signal(frozenset(family["levels"])))
    return TermMatcher(words), TermMatcher(families)


def title_levels(title: str, language: str) -> tuple[list[tuple[int, int, Signal]], set[str]]:
    """The level signals in ``title`` and the levels they allow (all levels if none).

    Level words count first; an established title ("Key Account Manager") counts only
    when there is no level word. A title agrees with a level any of its signals allows.
    """
    word_matcher, family_matcher = _matchers(language)
    signals = [(s, e, v) for s, e, v in word_matcher.finditer(title) if v is not None]
    if not signals:
        signals = list(family_matcher.finditer(title))
    if not signals:
        return [], set(LEVELS)
    return signals, set().union(*(v.levels for _, _, v in signals))

"""Inline suppression comments in role files.

- ``# jdgen: disable=rule-id`` at the end of a line silences that rule on that line.
  On a line of its own, it silences the rule on the next line.
- ``# jdgen: disable-file=rule-id`` silences the rule for the whole file (put it
  near the top, where readers will see it).
- Several ids may be given, separated by commas: ``# jdgen: disable=vague-title,title-format``.

An unknown rule id in a comment is itself reported, by the ``bad-suppression`` rule.

Examples::

    title: Growth Hacker  # jdgen: disable=vague-title
    # jdgen: disable=title-level
    title: Account Manager
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

#: ``# jdgen: disable=a,b`` or ``# jdgen: disable-file=a``; group 1 is the kind, 2 the ids.
SUPPRESSION_PATTERN = re.compile(
    r"#\s*jdgen:\s*(disable|disable-file)\s*=\s*([A-Za-z0-9_,\s-]*?)\s*(?:#|$)", re.MULTILINE
)


@dataclass(frozen=True)
class Suppression:
    kind: str  # "disable" or "disable-file"
    rule: str
    line: int  # the line the comment is on
    column: int  # of the rule id
    applies_to: int  # the line it silences (0 for the whole file)


@dataclass
class Suppressions:
    """What a file's comments silence."""

    file_rules: set[str] = field(default_factory=set)
    line_rules: dict[int, set[str]] = field(default_factory=dict)

    def silences(self, rule: str, line: int) -> bool:
        return rule in self.file_rules or rule in self.line_rules.get(line, ())


def parse(text: str) -> Iterator[Suppression]:
    """Every suppression comment in a YAML file's text."""
    if "jdgen:" not in text:
        return
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if "jdgen:" not in line:
            continue
        for match in SUPPRESSION_PATTERN.finditer(line):
            if not _is_comment(line, match.start()):
                continue
            kind = match.group(1)
            own_line = not line[: match.start()].strip()
            # 0 means the whole file; a comment alone on its line covers the next line.
            target = 0 if kind == "disable-file" else number + int(own_line)
            offset = match.start(2)
            for rule_id in match.group(2).split(","):
                stripped = rule_id.strip()
                if stripped:
                    column = offset + rule_id.index(stripped) + 1
                    yield Suppression(kind, stripped, number, column, target)
                offset += len(rule_id) + 1


def suppressions(text: str) -> Suppressions:
    """The rules silenced by a file's comments, by line."""
    result = Suppressions()
    for item in parse(text):
        if item.applies_to == 0:
            result.file_rules.add(item.rule)
        else:
            result.line_rules.setdefault(item.applies_to, set()).add(item.rule)
    return result


def _is_comment(line: str, hash_at: int) -> bool:
    """Whether the ``#`` at ``hash_at`` starts a YAML comment (not inside quotes)."""
    if hash_at > 0 and not line[hash_at - 1].isspace():
        return False
    quote = None
    for char in line[:hash_at]:
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
    return quote is None

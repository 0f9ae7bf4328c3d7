"""The rule reference: every registered rule's id, level, options and documentation.

``jdgen rules`` prints it, and ``docs/rules.md`` is generated from it, so the
reference can never drift from the code (a test compares them).
"""

from __future__ import annotations

import inspect
from types import ModuleType

from jdgen.diagnostics import Level


def rule_summary(module: ModuleType) -> str:
    """The first paragraph of a rule's docstring, on one line."""
    doc = inspect.cleandoc(module.__doc__ or "")
    return " ".join(doc.split("\n\n", 1)[0].split())


def default_level(module: ModuleType) -> str:
    """A rule's level by default: ``error``, or ``off`` for a rule to turn on."""
    return str(Level.parse(module.LEVEL)) if getattr(module, "ENABLED", True) else "off"


def rules_table(rules: dict[str, ModuleType], *, options: bool = False) -> str:
    """One line per rule: ``id  level  summary``; with ``options``, a line more for
    each option and its default."""
    width = max(len(rule_id) for rule_id in rules)
    lines = []
    for rule_id, m in rules.items():
        lines.append(f"{rule_id:<{width}}  {default_level(m):<7}  {rule_summary(m)}")
        if options:
            for name, default in getattr(m, "DEFAULT", {}).items():
                lines.append(f"{'':<{width}}  {'':<7}  option {name}: {default!r}")
    return "\n".join(lines)


def rules_markdown(rules: dict[str, ModuleType]) -> str:
    """``docs/rules.md``: a section per rule with its documentation and examples."""
    lines = [
        "# Lint rules",
        "",
        "Generated from the rules' own documentation by `jdgen rules --markdown`; do not edit.",
        "Set a rule's level or options in `.jdgen.yaml` (`lint.rules`), or silence it on one line",
        "with `# jdgen: disable=rule-id`.",
        "",
        "| rule | default level | what it checks |",
        "|---|---|---|",
    ]
    lines += [
        f"| [`{rule_id}`](#{rule_id}) | {default_level(m)} | {rule_summary(m)} |"
        for rule_id, m in rules.items()
    ]
    for rule_id, module in rules.items():
        doc = inspect.cleandoc(module.__doc__ or "")
        doc = doc.replace("example::\n", "example:\n\n```yaml").replace("\n\n    ", "\n    ")
        body = _fence_examples(doc)
        options = getattr(module, "DEFAULT", {})
        lines += ["", f"## {rule_id}", "", _level_line(module)]
        if options:
            shown = ", ".join(f"`{k}: {v!r}`" for k, v in options.items())
            lines += ["", f"Options (defaults): {shown}."]
        lines += ["", body]
    return "\n".join(lines).rstrip() + "\n"


def _level_line(module: ModuleType) -> str:
    level = Level.parse(module.LEVEL)
    if getattr(module, "ENABLED", True):
        return f"Default level: **{level}**."
    return f"Default level: **off**; turned on, **{level}**."


def _fence_examples(doc: str) -> str:
    """Turn the docstring's indented ``::`` example blocks into fenced YAML."""
    out: list[str] = []
    in_block = False
    for line in doc.splitlines():
        if line.startswith("```yaml"):
            in_block = True
            out.append(line)
            continue
        if in_block and line and not line.startswith("    "):
            while out and not out[-1].strip():
                out.pop()
            out += ["```", ""]
            in_block = False
        out.append(line[4:] if in_block else line)
    if in_block:
        while out and not out[-1].strip():
            out.pop()
        out.append("```")
    return "\n".join(out)

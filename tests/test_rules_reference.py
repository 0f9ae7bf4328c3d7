"""The rule reference (`jdgen rules`, docs/rules.md) comes from the rules themselves."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from jdgen.cli import main
from jdgen.lint.reference import rules_markdown
from jdgen.lint.registry import RULES

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_docs_rules_md_is_up_to_date():
    # Regenerate with: .venv/bin/jdgen rules --markdown > docs/rules.md
    assert DOCS.read_text(encoding="utf-8") == rules_markdown(RULES)


def test_jdgen_rules_lists_every_rule_with_its_level():
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == list(RULES)
    assert lines[list(RULES).index("salary-band")].split()[1] == "error"


def test_every_rule_has_a_section_with_both_examples():
    text = rules_markdown(RULES)
    for rule_id in RULES:
        section = text.split(f"\n## {rule_id}\n", 1)[1].split("\n## ", 1)[0]
        assert "Passing example:\n\n```yaml\n" in section
        assert "Failing example:\n\n```yaml\n" in section

"""The rules jdgen knows, by id. Adding a rule means adding it here, explicitly.

Each rule is a module with ``ID``, ``LEVEL`` (its default level), ``DEFAULT``
(its options), a docstring that is its user documentation with a passing and a
failing example, and ``check(role, context, options)`` and/or
``check_workspace(roles, context, options)``. ``check`` yields findings about one
role (and runs on each translation too when the rule sets ``PER_LOCALE``);
``check_workspace`` compares roles with each other, reading only their
:class:`~jdgen.lint.facts.RoleFacts` (title, level, band: kept between runs so that
linting one file does not load every role), and yields ``(role file, finding)``.
A rule that matches words rather than facts sets ``PRECISION = "medium"`` (SARIF's
``precision``; the default is ``"high"``).
"""

from __future__ import annotations

from types import ModuleType

from jdgen.lint.rules import (
    bad_suppression,
    empty_stage,
    exclusionary_language,
    gender_coded,
    jobposting_required,
    missing_translation,
    pay_transparency,
    pipeline_too_long,
    posting_structure,
    question_missing,
    salary_band,
    schema,
    stage_overbooked,
    title_format,
    title_level,
    unapproved_change,
    unassessed_requirement,
    unknown_reference,
    vague_title,
)

RULES: dict[str, ModuleType] = {
    module.ID: module
    for module in (
        schema,
        bad_suppression,
        vague_title,
        title_level,
        title_format,
        gender_coded,
        exclusionary_language,
        posting_structure,
        salary_band,
        pay_transparency,
        jobposting_required,
        unassessed_requirement,
        unknown_reference,
        empty_stage,
        pipeline_too_long,
        stage_overbooked,
        question_missing,
        missing_translation,
        unapproved_change,
    )
}


def get_rule(rule_id: str) -> ModuleType:
    """The rule module with this id; ``KeyError`` with a suggestion when there is none."""
    from jdgen.lint.config import unknown_rule_message

    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(unknown_rule_message(rule_id, RULES)) from None

"""The rules jdgen knows, by id. Adding a rule means adding it here, explicitly.

Each rule is a module with ``ID``, ``LEVEL`` (its default level), ``DEFAULT``
(its options), a docstring that is its user documentation with a passing and a
failing example, and ``check(role, context, options)`` and/or
``check_workspace(roles, context, options)`` yielding findings. A rule with
``check_workspace`` lists the role fields it reads in ``WORKSPACE_FIELDS``: a
parallel lint checks roles in other processes and sends back only those (with
the positions of those fields and their direct members) for the workspace-wide
rules, and a build keeps the same in its cache for the review pack's index.
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
    title_format,
    title_level,
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
        question_missing,
        missing_translation,
    )
}


def get_rule(rule_id: str) -> ModuleType:
    """The rule module with this id; ``KeyError`` with a suggestion when there is none."""
    from jdgen.lint.config import unknown_rule_message

    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(unknown_rule_message(rule_id, RULES)) from None

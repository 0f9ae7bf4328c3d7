"""Output formats for lint problems. Each is a pure function of the problems.

- ``text``: ``path:line:col: level [rule] message (suggestion)``, one per line;
- ``json``: a list of objects with path, line, column, end, rule, level, message,
  suggestion and fingerprint;
- ``github``: GitHub Actions workflow commands, which annotate the pull request;
- ``sarif``: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers;
- ``gitlab``: a GitLab Code Quality report, which merge requests show.

``auto`` is ``github`` when ``GITHUB_ACTIONS=true`` and ``text`` otherwise. The
command line gives these functions problems whose paths are already relative to
the right folder (:mod:`jdgen.lint.places`) and, for the formats that carry them,
each problem's fingerprint.
"""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path
from types import ModuleType
from urllib.parse import quote

import click

from jdgen import __version__
from jdgen.diagnostics import Level, Problem
from jdgen.lint.places import FINGERPRINT

FORMATS = ("auto", "text", "json", "github", "sarif", "gitlab")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_GITHUB_COMMAND = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice"}
_SARIF_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note"}
# GitHub's problem.severity: how a rule's alerts are ranked in code scanning.
_SARIF_SEVERITY = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "recommendation"}
# GitLab Code Quality severities: info, minor, major, critical, blocker. An error stops
# a build of the role, not the product: "major" (GitLab's own linters' usual choice).
_GITLAB_SEVERITY = {Level.ERROR: "major", Level.WARNING: "minor", Level.INFO: "info"}
_COLOUR = {Level.ERROR: "red", Level.WARNING: "yellow", Level.INFO: "cyan"}


def resolve(fmt: str, environ: dict[str, str] | None = None) -> str:
    """The concrete format for ``auto``."""
    env = os.environ if environ is None else environ
    if fmt == "auto":
        return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"
    return fmt


def format_text(problem: Problem, colour: bool = False) -> str:
    """``roles/x.yaml:3:8: warning [vague-title] message (suggestion)``; with ``colour``,
    the place in bold and the level in its colour (ANSI codes, for a terminal)."""
    if not colour:
        return problem.format()
    tag = f"{problem.level} [{problem.rule}]" if problem.rule else f"{problem.level}:"
    text = (
        f"{click.style(problem.where + ':', bold=True)} "
        f"{click.style(tag, fg=_COLOUR[problem.level], bold=problem.level is Level.ERROR)} "
        f"{problem.message}"
    )
    if problem.suggestion:
        text += " " + click.style(f"({problem.suggestion})", dim=True)
    return text


def format_github(problem: Problem) -> str:
    """``::warning file=...,line=...,col=...,title=rule::message``."""
    message = problem.message + (f" ({problem.suggestion})" if problem.suggestion else "")
    props = ""
    if problem.path != "?":  # a problem of no file: an annotation of the run
        props = f"file={_github_property(problem.path)},line={problem.line},"
        if problem.column is not None:
            props += f"col={problem.column},"
        # GitHub's end is inclusive: the last line the words are on, and on one line
        # the column of their last character.
        last = _last_line(problem)
        if problem.end_line is not None and last > problem.line:
            props += f"endLine={last},"
        elif problem.end_line == problem.line and problem.end_column is not None:
            props += f"endLine={last},endColumn={problem.end_column - 1},"
    props += f"title={_github_property(problem.rule or 'jdgen')}"
    return f"::{_GITHUB_COMMAND[problem.level]} {props}::{_github_data(message)}"


def format_json(problems: list[Problem], fingerprints: list[str]) -> str:
    """The problems as a JSON list."""
    return json.dumps(
        [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "end_line": p.end_line,
                "end_column": p.end_column,
                "rule": p.rule,
                "level": str(p.level),
                "message": p.message,
                "suggestion": p.suggestion,
                "fingerprint": fingerprint,
            }
            for p, fingerprint in zip(problems, fingerprints, strict=True)
        ],
        indent=2,
        ensure_ascii=False,
    )


def format_gitlab(problems: list[Problem], fingerprints: list[str]) -> str:
    """A GitLab Code Quality report: a JSON list of issues with a description, the
    rule, a severity, a fingerprint and the file and lines."""
    return json.dumps(
        [
            {
                "description": _full_message(p),
                "check_name": p.rule or "jdgen",
                "fingerprint": fingerprint,
                "severity": _GITLAB_SEVERITY[p.level],
                "location": {
                    # GitLab needs a file: a problem of no file is put on the config's.
                    "path": p.path if p.path != "?" else ".jdgen.yaml",
                    "lines": {"begin": p.line, "end": _last_line(p)},
                },
            }
            for p, fingerprint in zip(problems, fingerprints, strict=True)
        ],
        indent=2,
        ensure_ascii=False,
    )


def _full_message(problem: Problem) -> str:
    return problem.message + (f" ({problem.suggestion})" if problem.suggestion else "")


def _last_line(problem: Problem) -> int:
    """The last line the problem's words are on (an end at column 1 is the line before)."""
    if problem.end_line is None or problem.end_line <= problem.line:
        return problem.line
    return problem.end_line - 1 if problem.end_column == 1 else problem.end_line


def format_sarif(
    problems: list[Problem],
    fingerprints: list[str],
    rules: dict[str, ModuleType],
    base: Path,
    category: str = "",
) -> str:
    """A SARIF 2.1.0 log with one run, every rule's metadata, and the results.

    Paths are relative to ``base`` (the repository's root, where GitHub resolves
    them), which ``originalUriBaseIds`` names as ``%SRCROOT%``. ``category`` tells
    apart the runs of several workspaces in one repository (``automationDetails``).
    """
    rule_ids = list(rules)
    results = []
    for p, fingerprint in zip(problems, fingerprints, strict=True):
        region: dict = {"startLine": p.line}
        if p.column is not None:
            region["startColumn"] = p.column
        if p.end_line is not None:
            region["endLine"] = p.end_line
            if p.end_column is not None:
                region["endColumn"] = p.end_column
        result: dict = {"ruleId": p.rule or "jdgen"}
        if p.rule in rules:
            result["ruleIndex"] = rule_ids.index(p.rule)
        result |= {"level": _SARIF_LEVEL[p.level], "message": {"text": _full_message(p)}}
        if p.path != "?":  # a problem of no file has no location
            location = {"uri": quote(p.path), "uriBaseId": "%SRCROOT%"}
            result["locations"] = [
                {"physicalLocation": {"artifactLocation": location, "region": region}}
            ]
        result["partialFingerprints"] = {FINGERPRINT: fingerprint}
        if p.suggestion:
            result["properties"] = {"suggestion": p.suggestion}
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "jdgen",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [rule_metadata(m) for m in rules.values()],
                    }
                },
                "automationDetails": {"id": f"jdgen/{category}/" if category else "jdgen/"},
                "originalUriBaseIds": {"%SRCROOT%": {"uri": base.resolve().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)


def rule_metadata(module: ModuleType) -> dict:
    """A SARIF ``reportingDescriptor`` from a rule module's header and docstring."""
    doc = inspect.cleandoc(module.__doc__ or "")
    level = Level.parse(module.LEVEL)
    first_paragraph = doc.split("\n\n", 1)[0].replace("\n", " ")
    return {
        "id": module.ID,
        "name": "".join(part.capitalize() for part in module.ID.split("-")),
        "shortDescription": {"text": first_paragraph},
        "fullDescription": {"text": first_paragraph},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": _SARIF_LEVEL[level]},
        "properties": {
            "precision": getattr(module, "PRECISION", "high"),
            "problem.severity": _SARIF_SEVERITY[level],
            "tags": ["jdgen", *getattr(module, "TAGS", ())],
        },
    }


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")

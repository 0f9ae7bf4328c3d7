"""Output formats for lint problems. Each is a pure function of the problems.

- ``text``: ``path:line:col: level [rule] message (suggestion)``, one per line;
- ``json``: a list of objects with path, line, column, rule, level, message, suggestion;
- ``github``: GitHub Actions workflow commands, which annotate the pull request;
- ``sarif``: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

``auto`` is ``github`` when ``GITHUB_ACTIONS=true`` and ``text`` otherwise.
"""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path
from types import ModuleType
from urllib.parse import quote

from jdgen import __version__
from jdgen.diagnostics import Level, Problem

FORMATS = ("auto", "text", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_GITHUB_COMMAND = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice"}
_SARIF_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note"}


def resolve(fmt: str, environ: dict[str, str] | None = None) -> str:
    """The concrete format for ``auto``."""
    env = os.environ if environ is None else environ
    if fmt == "auto":
        return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"
    return fmt


def format_text(problem: Problem) -> str:
    """``roles/x.yaml:3:8: warning [vague-title] message (suggestion)``."""
    return problem.format()


def format_github(problem: Problem) -> str:
    """``::warning file=...,line=...,col=...,title=rule::message``."""
    message = problem.message + (f" ({problem.suggestion})" if problem.suggestion else "")
    props = (
        f"file={_github_property(problem.path)},line={problem.line},col={problem.column},"
        f"title={_github_property(problem.rule)}"
    )
    return f"::{_GITHUB_COMMAND[problem.level]} {props}::{_github_data(message)}"


def format_json(problems: list[Problem]) -> str:
    """The problems as a JSON list."""
    return json.dumps(
        [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "rule": p.rule,
                "level": str(p.level),
                "message": p.message,
                "suggestion": p.suggestion,
            }
            for p in problems
        ],
        indent=2,
        ensure_ascii=False,
    )


def format_sarif(problems: list[Problem], rules: dict[str, ModuleType], root: Path) -> str:
    """A SARIF 2.1.0 log with one run, every rule's metadata, and the results."""
    rule_ids = list(rules)
    results = [
        {
            "ruleId": p.rule,
            "ruleIndex": rule_ids.index(p.rule),
            "level": _SARIF_LEVEL[p.level],
            "message": {"text": p.message + (f" ({p.suggestion})" if p.suggestion else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(p.path), "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": p.line, "startColumn": p.column},
                    }
                }
            ],
            **({"properties": {"suggestion": p.suggestion}} if p.suggestion else {}),
        }
        for p in problems
    ]
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
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root.resolve().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)


def rule_metadata(module: ModuleType) -> dict:
    """A SARIF ``reportingDescriptor`` from a rule module's header and docstring."""
    doc = inspect.cleandoc(module.__doc__ or "")
    first_paragraph = doc.split("\n\n", 1)[0].replace("\n", " ")
    return {
        "id": module.ID,
        "name": "".join(part.capitalize() for part in module.ID.split("-")),
        "shortDescription": {"text": first_paragraph},
        "fullDescription": {"text": first_paragraph},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": _SARIF_LEVEL[Level.parse(module.LEVEL)]},
    }


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")

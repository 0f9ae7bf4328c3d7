"""Lint of posting text (``jdgen lint posting.md``, and :func:`check_text`): the same
rules as for role files, on the role the importer reads from the posting.

The importer (:func:`jdgen.importer.read_posting`) turns the posting into role data
whose marks point into the posting's own text, so every rule places its findings at
the posting's line and column (for a ``.docx``, the paragraph number), exactly as in
a role file. The role is checked as written in the posting alone: a workspace's
company file adds nothing to it, while its configuration (rule levels and options)
still applies. The rules in :data:`NOT_FOR_POSTINGS` need what only a role file has
(interview stages, translations, the JobPosting data jdgen writes, suppression
comments) and are not run.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

from jdgen.diagnostics import Problem, unique
from jdgen.errors import ConfigError, ProblemsError
from jdgen.lint.check import RoleCheck, Settings, _context, _run_rules
from jdgen.load.source import YamlDocument
from jdgen.load.workspace import LoadedRole, Workspace

NOT_FOR_POSTINGS = frozenset(
    {
        "bad-suppression",
        "jobposting-required",
        "unassessed-requirement",
        "unknown-reference",
        "empty-stage",
        "pipeline-too-long",
        "question-missing",
        "missing-translation",
    }
)
STDIN = "<stdin>"
TEXT = "<text>"


class PostingWorkspace(Workspace):
    """The workspace a posting is checked in: its configuration and shared data files,
    without its company file (a posting says all it says itself)."""

    def company_in(self, locale: str | None = None):
        return None


def check_posting(
    workspace: Workspace,
    raw: bytes,
    path: Path | None,
    kind: str,
    settings: Settings,
    *,
    today: dt.date | None = None,
    publish_in: tuple[str, ...] = (),
    language: str | None = None,
) -> RoleCheck:
    """Lint one posting's bytes (``path`` ``None``: standard input) of ``kind`` (``md``,
    ``txt``, ``html``, ``json``, ``docx``). A posting that cannot be read is a check
    with its one problem, marked unreadable."""
    from jdgen.errors import UnreadableFileError
    from jdgen.importer import read_posting
    from jdgen.load.validate import validate
    from jdgen.model import Role

    space = PostingWorkspace(workspace.root)
    display = STDIN if path is None else posting_display(space, path)
    real = Path(os.path.abspath(path if path is not None else STDIN))
    try:
        draft = read_posting(raw, display, kind)
    except UnreadableFileError as exc:
        return RoleCheck(real, "posting", display, exc.problems, unreadable=True)
    if publish_in:
        known = space.jurisdictions.jurisdictions
        wrong = [key for key in publish_in if key not in known]
        if wrong:
            raise ConfigError(f"--publish-in: unknown jurisdiction {wrong[0]!r} (see jdgen rules)")
        draft.data["publish_in"] = list(publish_in)
    language = language or draft.language
    space.store.add(YamlDocument(real, display, draft.posting.text, draft.data, draft.positions))
    role = validate(Role, draft.data, draft.positions, display)
    loaded = LoadedRole("posting", real, display, role, draft.positions)
    config = settings.config
    mine = Settings(
        replace(config, build=replace(config.build, default_locale=language, locales=(language,))),
        settings.lint,
    )
    context = _context(space, mine, today or dt.date.today(), (language,))
    # The text the importer could not place in a role key (a company paragraph, an
    # unknown section) is still the posting's: the wording rules read it too.
    context.segments(loaded).extend(_leftovers(draft, language))
    problems = _run_rules(context, mine.lint, loaded, [], skip=NOT_FOR_POSTINGS)
    return RoleCheck(real, "posting", display, unique(problems))


def _leftovers(draft, language: str) -> list:
    """A segment for each piece of text the importer left over, at its first words."""
    import re

    from jdgen.lint.text import Segment

    out = []
    text, cursor = draft.posting.text, 0
    for i, piece in enumerate(draft.leftovers):
        words = re.findall(r"\w+", piece)[:3]
        found = (
            re.compile(r"\W+".join(map(re.escape, words))).search(text, cursor) if words else None
        )
        start = found.start() if found else 0
        cursor = found.end() if found else cursor
        mark = draft.posting.mark(start, min(len(text), start + len(piece) * 2 + 40))
        out.append(Segment("company", ("leftovers", i), piece, mark, language))
    return out


def posting_display(workspace: Workspace, path: Path) -> str:
    """A posting's name in problems: relative to the workspace, as every problem's is
    (the report rebases it on the current folder), also when it is outside it, so that
    ``jdgen lint -C ../ws posting.md`` shows ``posting.md``, not ``../ws/posting.md``."""
    shown = workspace.display(path)
    full = os.path.normpath(os.path.join(os.path.realpath(workspace.root), shown))
    if full != os.path.realpath(path):
        shown = os.path.relpath(os.path.realpath(path), os.path.realpath(workspace.root))
    return Path(shown).as_posix()


def check_text(text: str, language: str = "en") -> list[Problem]:
    """The problems jdgen's lint rules find in a posting's text (Markdown or plain text),
    at line and column in ``text``; each problem's ``path`` is ``<text>``.

    For job boards and editors: it reads no workspace (the rules at their default
    levels), and imports neither WeasyPrint nor the build. Text jdgen cannot read as a
    posting (no title) gives one ``schema`` problem saying why.
    """
    from jdgen.lint.config import lint_config
    from jdgen.lint.registry import RULES
    from jdgen.load.config import WorkspaceConfig

    workspace = PostingWorkspace(Path(os.devnull))
    settings = Settings(WorkspaceConfig())
    settings._lint = lint_config(settings.config, RULES)
    raw = text.encode("utf-8")
    check = check_posting(workspace, raw, None, "md", settings, language=language)
    return [replace(p, path=TEXT) for p in check.problems]


def is_posting(path: Path) -> bool:
    """Whether ``jdgen lint`` reads ``path`` as a posting, not a role file: ``-``, or a
    ``.md``, ``.txt``, ``.html``, ``.json`` or ``.docx`` file."""
    from jdgen.importer import kind_of

    return str(path) == "-" or (kind_of(path) is not None and not path.is_dir())


def lint_postings(workspace: Workspace, paths: list[Path], publish_in: tuple[str, ...] = ()):
    """A :class:`~jdgen.lint.run.LintReport` of the postings at ``paths``, checked with
    the workspace's configuration."""
    from jdgen.importer import kind_of, read_bytes, sniff
    from jdgen.lint.check import read_settings
    from jdgen.lint.run import LintReport

    settings = read_settings(workspace)
    report = LintReport()
    for path in paths:
        where = None if str(path) == "-" else path
        try:
            raw, _ = read_bytes(str(path))
        except ProblemsError as exc:
            shown = posting_display(workspace, path) if where is not None else STDIN
            report.problems += [replace(p, path=shown) for p in exc.problems]
            report.unreadable = True
            continue
        kind = sniff(raw) if where is None else kind_of(path) or "md"
        check = check_posting(workspace, raw, where, kind, settings, publish_in=publish_in)
        report.checks.append(check)
        report.problems += check.problems
        report.unreadable = report.unreadable or check.unreadable
        report.files += 1
    return report

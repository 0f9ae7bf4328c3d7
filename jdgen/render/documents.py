"""What one role renders to: its documents, in each format, by file name.

A role's documents are its posting (with its schema.org JobPosting data) and,
when it has a hiring section, its hiring plan. :func:`render_files` turns them
into ``posting.md``, ``posting.html``, ``posting.json``, ``posting.pdf``...
(``posting.es.md`` for another locale). Writing the files, and deciding which
roles to render at all, is :mod:`jdgen.build`'s business.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from jdgen.build.options import DEFAULT_LOCALE
from jdgen.build.output import document_file
from jdgen.errors import JdgenError, RenderError, SourceError
from jdgen.hiring.plan import hiring_plan
from jdgen.load.workspace import LoadedRole, Workspace
from jdgen.publish.jobposting import file_json
from jdgen.render.environment import search_path
from jdgen.render.posting import (
    plan_context,
    posting_context,
    render_document,
    with_job_posting,
)

if TYPE_CHECKING:
    from jdgen.build.options import BuildOptions


def role_documents(
    workspace: Workspace,
    loaded: LoadedRole,
    locale: str = DEFAULT_LOCALE,
    plan: bool = True,
    today: dt.date | None = None,
) -> dict[str, dict]:
    """A role's documents (``posting``, and ``hiring-plan`` if it has one) and their contexts.

    ``plan=False`` leaves the hiring plan out: it is for the interviewers, so a build
    writes it once, in the language the role files are written in.
    """

    company = workspace.company_in(loaded.locale)
    info = company[0] if company else None
    context = posting_context(loaded.id, loaded.role, info, locale=locale, today=today)
    folders = tuple(search_path(workspace.templates_dir))
    documents = {"posting": with_job_posting(context, loaded.id, loaded.role, info, folders)}
    hiring = hiring_plan(loaded.id, loaded.role, workspace.question_bank, locale) if plan else None
    if hiring is not None:
        documents["hiring-plan"] = plan_context(context, hiring)
    return documents


def render_files(
    documents: dict[str, dict],
    workspace: Workspace,
    options: BuildOptions,
    locale: str | None = None,
) -> dict[str, str | bytes]:
    """Render each document (``posting``, ``hiring-plan``) in each format, by file name.

    ``locale`` marks a locale other than the default: ``posting.es.md``.
    """
    folders = tuple(search_path(workspace.templates_dir))
    files: dict[str, str | bytes] = {}
    pages: dict[str, str] = {}
    try:
        for document, context in documents.items():
            if "md" in options.formats:
                files[document_file(document, "md", locale)] = render_document(
                    document, "md", context, folders
                )
            if "html" in options.formats or "pdf" in options.formats:
                pages[document] = render_document(document, "html", context, folders)
                if "html" in options.formats:
                    files[document_file(document, "html", locale)] = pages[document]
            if "json" in options.formats and "job_posting" in context:
                files[document_file(document, "json", locale)] = file_json(context["job_posting"])
    except jinja2.TemplateError as exc:
        raise template_error(exc, workspace) from None
    if "pdf" in options.formats:
        from jdgen.render.pdf import render_pdf

        for document, html in pages.items():
            files[document_file(document, "pdf", locale)] = render_pdf(
                html, base_dir=folders[0], allowed=folders, page_size=options.page_size
            )
    return files


def template_error(exc, workspace: Workspace) -> JdgenError:
    """A template problem, as ``template:line: error: ...`` when it has a line."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = workspace.display(Path(exc.filename)) if exc.filename else (exc.name or "template")
        return SourceError(where, exc.lineno, None, f"template syntax error: {exc.message}")
    # Jinja2 rewrites the traceback so that a template's frames carry its file and line.
    frame, line = None, None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            frame, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    if frame is not None:
        return SourceError(
            workspace.display(Path(frame)), line, None, f"template error: {exc.message}"
        )
    return RenderError(f"template error: {exc.message}")

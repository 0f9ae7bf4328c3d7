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

import jinja2

from jdgen.diagnostics import error
from jdgen.errors import JdgenError, RenderError, RenderProblem
from jdgen.hiring.plan import hiring_plan
from jdgen.load.workspace import LoadedRole, Workspace
from jdgen.publish.jobposting import file_json
from jdgen.render.environment import UnsafeTemplate, search_path
from jdgen.render.posting import (
    plan_context,
    posting_context,
    render_document,
    render_stylesheets,
    with_job_posting,
)

DEFAULT_LOCALE = "en"
# What only the PDF gets: the pages' margins and footers (not inlined in the HTML page).
PRINT_STYLESHEETS = ("posting.print.css",)


def document_file(document: str, fmt: str, locale: str | None = None) -> str:
    """The file name of a document: ``posting.html``, or ``posting.es.html`` for a locale.

    ``locale`` is ``None`` for the workspace's default locale, whose files keep plain names.
    """
    return f"{document}.{locale}.{fmt}" if locale else f"{document}.{fmt}"


def role_documents(
    workspace: Workspace,
    loaded: LoadedRole,
    locale: str = DEFAULT_LOCALE,
    plan: bool = True,
    today: dt.date | None = None,
    draft: int = 0,
) -> dict[str, dict]:
    """A role's documents (``posting``, and ``hiring-plan`` if it has one) and their contexts.

    ``plan=False`` leaves the hiring plan out: it is for the interviewers, so a build
    writes it once, in the language the role files are written in. A ``draft`` (the
    number of lint errors of a role built anyway) has no JobPosting data: nothing a
    search engine reads is made from it.
    """

    company = workspace.company_in(loaded.locale)
    info = company[0] if company else None
    context = posting_context(loaded.id, loaded.role, info, locale=locale, today=today)
    context["draft"] = draft
    folders = tuple(search_path(workspace.templates_dir, workspace.root))
    try:
        posting = (
            context if draft else with_job_posting(context, loaded.id, loaded.role, info, folders)
        )
    except Exception as exc:  # the posting's body block, rendered for the JobPosting data
        raise template_error(exc, workspace) from None
    documents = {"posting": posting}
    hiring = hiring_plan(loaded.id, loaded.role, workspace.question_bank, locale) if plan else None
    if hiring is not None:
        documents["hiring-plan"] = plan_context(context, hiring)
    return documents


def render_files(
    documents: dict[str, dict],
    workspace: Workspace,
    formats: tuple[str, ...],
    locale: str | None = None,
    page_size: str = "a4",
) -> dict[str, str | bytes]:
    """Render each document (``posting``, ``hiring-plan``) in each of ``formats``
    (``md``, ``html``, ``json``, ``pdf``), by file name.

    ``locale`` marks a locale other than the default: ``posting.es.md``.
    """
    folders = tuple(search_path(workspace.templates_dir, workspace.root))
    files: dict[str, str | bytes] = {}
    pages: dict[str, str] = {}
    try:
        for document, context in documents.items():
            if "md" in formats:
                files[document_file(document, "md", locale)] = render_document(
                    document, "md", context, folders
                )
            if "html" in formats or "pdf" in formats:
                pages[document] = render_document(document, "html", context, folders)
                if "html" in formats:
                    files[document_file(document, "html", locale)] = pages[document]
            if "json" in formats and "job_posting" in context:
                files[document_file(document, "json", locale)] = file_json(context["job_posting"])
    except Exception as exc:  # a workspace template can fail in any way Python can
        raise template_error(exc, workspace) from None
    draft = next((c.get("draft", 0) for c in documents.values()), 0)
    if draft:
        from jdgen.render.draft import mark_html, mark_markdown

        language = next(iter(documents.values())).get("locale", DEFAULT_LOCALE)
        for name in files:
            if name.endswith(".md"):
                files[name] = mark_markdown(files[name], draft, language)
        for name in list(pages):
            pages[name] = mark_html(pages[name], draft, language)
            html_name = document_file(name, "html", locale)
            if html_name in files:
                files[html_name] = pages[name]
    if "pdf" in formats:
        from jdgen.render.pdf import render_pdf

        try:
            print_css = render_stylesheets(PRINT_STYLESHEETS, folders)
        except Exception as exc:  # a workspace's posting.print.css is a template too
            raise template_error(exc, workspace) from None
        for document, html in pages.items():
            files[document_file(document, "pdf", locale)] = render_pdf(
                html,
                base_dir=folders[0][0],
                allowed=tuple(f for f, _ in folders),
                page_size=page_size,
                print_css=print_css,
            )
    return files


def template_error(exc: BaseException, workspace: Workspace) -> JdgenError:
    """A template problem, as ``template:line: error: ...`` at the template's line.

    Templates come from the workspace and run in a sandbox, but they can still fail
    the ways any code can (a division by zero, a bad format, a recursion too deep, a
    range too large): each is reported at the template line that failed.
    """
    if isinstance(exc, JdgenError):
        return exc
    if isinstance(exc, UnsafeTemplate):
        return RenderProblem([error(exc.shown, None, None, exc.reason, None)])
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    if isinstance(exc, RecursionError):
        message = "recursion too deep (a macro or include that calls itself?)"
    elif isinstance(exc, MemoryError):
        message = "it asked for more memory than there is"
    elif not isinstance(exc, jinja2.TemplateError):
        message = f"{type(exc).__name__}: {message}"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = workspace.display(Path(exc.filename)) if exc.filename else (exc.name or "template")
        return RenderProblem(
            [error(where, exc.lineno, None, f"template syntax error: {message}", None)]
        )
    # Jinja2 rewrites the traceback so that a template's frames carry its file and line.
    frame, line = None, None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            frame, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    if frame is not None:
        shown = workspace.display(Path(frame))
        return RenderProblem([error(shown, line, None, f"template error: {message}", None)])
    return RenderError(f"template error: {message}")

"""The Jinja2 environment: where templates are found and how values are escaped.

Templates are looked up along a search path: the workspace's ``templates/``
first, then the defaults shipped inside the package. A workspace can therefore
override one template (or just ``posting.css``) and inherit the rest.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import jinja2
import jinja2.sandbox

from jdgen.i18n import DEFAULT_LOCALE, translations
from jdgen.publish.jobposting import script_json
from jdgen.render.prose import md_escape, prose_html, prose_markdown

PACKAGE_TEMPLATES = Path(str(files("jdgen") / "templates"))


def search_path(workspace_templates: Path | None) -> list[Path]:
    """Template folders in lookup order: the workspace's, then the package's."""
    folders = []
    if workspace_templates is not None and workspace_templates.is_dir():
        folders.append(workspace_templates.resolve())
    if PACKAGE_TEMPLATES.resolve() not in folders:
        folders.append(PACKAGE_TEMPLATES.resolve())
    return folders


class _Sandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, remembering which attributes of which types are safe.

    The sandbox asks on every attribute a template reads, and the answer depends only
    on the type of the object and the name of the attribute; asking once per pair
    halves the time a hiring plan takes to render.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._safe: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe


@lru_cache(maxsize=16)
def environment(folders: tuple[Path, ...], locale: str = DEFAULT_LOCALE) -> jinja2.Environment:
    """A strict, autoescaping environment over ``folders``, speaking ``locale``.

    Cached per search path and locale. Templates can come from the workspace, so
    they run sandboxed: no attribute that starts with ``_``, no calling into Python's
    internals, no changing the values they are given (a template cannot run a
    program or read a file).
    """
    env = _Sandbox(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2", "svg.j2")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.filters["md"] = md_escape
    env.filters["prose_html"] = prose_html
    env.filters["prose_md"] = prose_markdown
    env.filters["script_json"] = script_json
    env.install_gettext_translations(translations(locale), newstyle=True)
    return env

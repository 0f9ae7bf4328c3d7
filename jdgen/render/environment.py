"""The Jinja2 environment: where templates are found and how values are escaped.

Templates are looked up along a search path: the workspace's ``templates/``
first, then the defaults shipped inside the package. A workspace can therefore
override one template (or just ``posting.css``) and inherit the rest.

A workspace's templates come from strangers, like its role files: a template (or a
file a template includes) is read only if it is a regular file whose real path is
inside the workspace or the package, and never past :data:`MAX_TEMPLATE_BYTES`.
Jinja2's own file loader follows any link, so that ``templates/notes.txt`` linked to
``/proc/self/environ`` would print the build's environment into the posting.
"""

from __future__ import annotations

import functools
import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import jinja2
import jinja2.sandbox

from jdgen.i18n import DEFAULT_LOCALE, translations
from jdgen.publish.jobposting import script_json
from jdgen.render.prose import md_escape, prose_html, prose_markdown

PACKAGE_TEMPLATES = Path(str(files("jdgen") / "templates")).resolve()
MAX_TEMPLATE_BYTES = 1_000_000

Folder = tuple[Path, Path]  # a template folder, and the folder its files must stay in


def search_path(workspace_templates: Path | None, root: Path | None = None) -> list[Folder]:
    """Template folders in lookup order, the workspace's then the package's, each with
        the folder its files must really be in (the workspace ``root``, or the package's
    templates).
        A workspace ``templates/`` that is not a folder inside the workspace is left out
        (:func:`jdgen.load.workspace.Workspace.check_shared` reports it)."""
    folders: list[Folder] = []
    if workspace_templates is not None and workspace_templates.is_dir():
        home = (root or workspace_templates.parent).resolve()
        real = workspace_templates.resolve()
        if real.is_relative_to(home):
            folders.append((workspace_templates.absolute(), home))
    folders.append((PACKAGE_TEMPLATES, PACKAGE_TEMPLATES))
    return folders


class UnsafeTemplate(jinja2.TemplateError):
    """A template file jdgen will not read: a link out of its folder's workspace, not a
    regular file, too large or not UTF-8."""

    def __init__(self, shown: str, reason: str) -> None:
        super().__init__(f"{shown}: {reason}")
        self.shown, self.reason = shown, reason


class _BoundedLoader(jinja2.BaseLoader):
    """Jinja2's file loader, reading only what the module docstring allows."""

    def __init__(self, folders: tuple[Folder, ...]) -> None:
        self.folders = folders

    def get_source(self, environment: jinja2.Environment, template: str):
        from jdgen.load.store import (
            NotRegularFile,
            TooLarge,
            hidden_message,
            is_hidden,
            outside,
            read_bounded,
        )

        pieces = jinja2.loaders.split_template_path(template)  # refuses ".." and the like
        earlier: list[Path] = []  # where an override could appear later
        for folder, home in self.folders:
            path = folder.joinpath(*pieces)
            if not os.path.lexists(path):
                earlier.append(path)
                continue
            shown = str(path) if home == PACKAGE_TEMPLATES else f"{folder.name}/{template}"
            real = path.resolve()
            if not real.is_relative_to(home):
                raise UnsafeTemplate(shown, outside(path, real))
            if home != PACKAGE_TEMPLATES and is_hidden(real, home):
                raise UnsafeTemplate(shown, hidden_message(path, real, home))
            try:
                raw = read_bounded(real, shown, MAX_TEMPLATE_BYTES)
                source = raw.decode("utf-8")
            except NotRegularFile as exc:
                raise UnsafeTemplate(shown, f"cannot read file: {exc.strerror}") from None
            except TooLarge:
                raise UnsafeTemplate(
                    shown, f"template is larger than {MAX_TEMPLATE_BYTES:,} bytes"
                ) from None
            except UnicodeDecodeError as exc:
                raise UnsafeTemplate(
                    shown, f"invalid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
                ) from None
            except (OSError, ValueError) as exc:
                reason = getattr(exc, "strerror", None) or str(exc)
                raise UnsafeTemplate(shown, f"cannot read file: {reason}") from None
            mtime = _mtime(real)
            return source, str(path), functools.partial(_unchanged, real, mtime, tuple(earlier))
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path, mtime: int | None, earlier: tuple[Path, ...]) -> bool:
    """Whether a template loaded before still holds: the same file, and no folder earlier
    on the search path has gained one of that name (a workspace override)."""
    return _mtime(path) == mtime and not any(os.path.lexists(p) for p in earlier)


def _mtime(path: Path) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


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
def environment(folders: tuple[Folder, ...], locale: str = DEFAULT_LOCALE) -> jinja2.Environment:
    """A strict, autoescaping environment over ``folders`` (see :func:`search_path`),
    speaking ``locale``.

    Cached per search path and locale. Templates can come from the workspace, so
    they run sandboxed: no attribute that starts with ``_``, no calling into Python's
    internals, no changing the values they are given (a template cannot run a
    program or read a file).
    """
    env = _Sandbox(
        loader=_BoundedLoader(folders),
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

"""A workspace: the folder holding ``roles/``, ``templates/`` and the config.

This is where a role file becomes a :class:`LoadedRole`: read through the
document store (with positions), its translation laid over it, merged over its
``extends`` chain and the company defaults, then validated. Whatever stops a
role from loading is raised as a :class:`~jdgen.errors.RoleFileError` carrying
its problems, at the file, line and column where each is (a base, the company
file or a translation included). Loading knows nothing of lint, templates or output.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from jdgen.diagnostics import Problem, error
from jdgen.errors import ConfigFileError, RoleFileError
from jdgen.load import discover
from jdgen.load.discover import split_locale, translation_path
from jdgen.load.merge import merge, reroot
from jdgen.load.source import Mark, Positions, YamlDocument, dotted
from jdgen.load.store import DocumentStore

if TYPE_CHECKING:
    from jdgen.model import Company, QuestionBank, Role
    from jdgen.model.jurisdiction import JurisdictionTable

# The schema (pydantic) is imported when a file is first validated, not with this
# module: finding role files, as a rebuild with nothing to do does, must stay cheap.

ROLES_DIR = "roles"
TEMPLATES_DIR = "templates"
COMPANY_FILE = "_company.yaml"
CONFIG_FILE = ".jdgen.yaml"
MAX_EXTENDS_DEPTH = 10


@dataclass
class LoadedRole:
    """A validated role, with the positions of its values and the files it came from.

    ``locale`` is the locale of its text: ``None`` for the role as written, or a
    locale whose translation files were laid over it. ``files`` are real paths.
    """

    id: str
    path: Path
    display: str
    role: Role
    positions: Positions
    files: tuple[Path, ...] = ()
    locale: str | None = None

    def mark(self, *path: str | int) -> Mark | None:
        """The position of the value at ``path`` (or its nearest located parent)."""
        return self.positions.of(tuple(path))


@dataclass
class Workspace:
    """A folder with ``roles/`` (and optionally ``templates/`` and config)."""

    root: Path
    store: DocumentStore = field(init=False, repr=False)
    # Bases merged over their own chains, once per workspace and locale: every role
    # extending _base.yaml would otherwise merge the same files again.
    _bases: dict[tuple[Path, str | None], tuple[dict, Positions, list[Path]]] = field(
        default_factory=dict, repr=False
    )
    _companies: dict[str | None, object] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.root = Path(os.path.abspath(self.root))
        self.store = DocumentStore(self.root)

    @classmethod
    def find(cls, start: Path | None = None) -> Workspace:
        """The nearest folder at or above ``start`` holding ``roles/`` or ``.jdgen.yaml``."""
        here = Path(os.path.abspath(start or Path.cwd()))
        if here.is_file():
            here = here.parent
        for folder in (here, *here.parents):
            if (folder / ROLES_DIR).is_dir() or (folder / CONFIG_FILE).is_file():
                return cls(folder)
        return cls(Path.cwd())

    @property
    def roles_dir(self) -> Path:
        return self.root / ROLES_DIR

    @property
    def templates_dir(self) -> Path:
        return self.root / TEMPLATES_DIR

    @property
    def company_path(self) -> Path:
        return self.roles_dir / COMPANY_FILE

    def real(self, path: Path) -> Path:
        return self.store.real(path)

    def display(self, path: Path) -> str:
        """How a path inside the workspace is shown in messages."""
        return self.store.display(path)

    def read(self, path: Path) -> YamlDocument:
        return self.store.read(path)

    # -- discovery -------------------------------------------------------

    def role_files(self, paths: list[Path] | None = None) -> list[Path]:
        """Role files under the given files or folders (default ``roles/``), sorted."""
        if paths is None and not self.roles_dir.is_dir():
            return []
        return discover.role_files(self.roles_dir, paths)

    # -- shared files ----------------------------------------------------

    def company_in(self, locale: str | None = None) -> tuple[Company, Positions] | None:
        """The company file with its translation for ``locale`` laid over it; ``None``
        when the workspace has none. A company file that does not load raises
        :class:`RoleFileError`: every role that uses it fails with its problems."""
        if locale not in self._companies:
            try:
                self._companies[locale] = self._load_company(locale)
            except RoleFileError as exc:
                self._companies[locale] = exc
        found = self._companies[locale]
        if isinstance(found, RoleFileError):
            raise RoleFileError(found.problems)
        return found  # type: ignore[return-value]

    @property
    def company(self) -> tuple[Company, Positions] | None:
        return self.company_in(None)

    def _load_company(self, locale: str | None) -> tuple[Company, Positions] | None:
        path = self.company_path
        if not self.store.exists(path):
            return None
        from jdgen.load.validate import validate
        from jdgen.model import Company

        data, positions, _ = self._text_in(self.read(path), locale)
        return validate(Company, data, positions, self.display(path)), positions

    @cached_property
    def question_bank(self) -> QuestionBank:
        """The interview question bank: the package's, extended by ``roles/_questions.yaml``."""
        from jdgen.load.shipped import question_bank

        return question_bank(self.store, self.roles_dir)

    @cached_property
    def jurisdictions(self) -> JurisdictionTable:
        """Pay-transparency rules: the package's, corrected by ``roles/_jurisdictions.yaml``."""
        from jdgen.load.shipped import jurisdictions

        return jurisdictions(self.store, self.roles_dir)

    def check_shared(self) -> None:
        """Load the workspace's own shared data files, if it has them, so that a broken
        one stops lint and build alike (:class:`~jdgen.errors.ConfigFileError`) before
        any role is looked at."""
        from jdgen.load.shipped import workspace_overrides

        for name in workspace_overrides(self.store, self.roles_dir):
            getattr(self, name)
        problems = self.template_problems()
        if problems:
            raise ConfigFileError(problems)

    def template_problems(self) -> list[Problem]:
        """What is wrong with ``templates/`` as a whole (see :mod:`jdgen.load.templates`)."""
        from jdgen.load.templates import template_problems

        return template_problems(self.store, self.templates_dir)

    # -- loading ---------------------------------------------------------

    def chain(self, path: Path) -> set[Path]:
        """The real paths of the role file and the files it extends, as far as they can
        be followed (for a role that does not load, too)."""
        found: set[Path] = set()
        current = path
        for _ in range(MAX_EXTENDS_DEPTH + 2):
            real = self.real(current)
            if real in found or not real.is_relative_to(self.store.root):
                break
            found.add(real)
            try:
                doc = self.read(current)
            except RoleFileError:
                break
            parent = doc.data.get("extends") if isinstance(doc.data, dict) else None
            if not isinstance(parent, str) or "\0" in parent or len(parent) > 1024:
                break
            current = real.parent / parent
        return found

    def translated(self, loaded: LoadedRole, locale: str) -> bool:
        """Whether the role is translated into ``locale``: its own file has a translation;
        or its own file says nothing a translation could give (all its text comes from
        the files it extends), and one of those has a translation. A translated base or
        company file alone does not make a role's own title and duties Spanish."""
        from jdgen.load.translate import is_translatable

        own = loaded.files[0] if loaded.files else self.real(loaded.path)
        if self.store.is_file(translation_path(own, locale)):
            return True
        doc = self.store.get(own)
        if doc is None or any(is_translatable(p) for p in doc.positions.values if p):
            return False
        company = self.real(self.company_path)
        return any(
            self.store.is_file(translation_path(f, locale))
            for f in loaded.files[1:]
            if f != company and split_locale(f)[1] is None
        )

    def load_role(
        self, path: Path, locale: str | None = None, original: LoadedRole | None = None
    ) -> LoadedRole:
        """Read, merge and validate one role file, in ``locale`` if given (``original``,
        the role as written, saves loading it again)."""
        from jdgen.load.validate import validate
        from jdgen.model import ROLE_ID, Role

        display = self.display(path)
        role_id = path.stem
        if not ROLE_ID.match(role_id):
            raise RoleFileError.at(
                display,
                1,
                1,
                f"role id {role_id!r} (the file name) must be lowercase letters, digits and "
                "hyphens, like 'key-account-manager'",
            )
        data, positions, files = self._resolve(path, [], locale)
        if self.company_in(locale) is not None:
            files.append(self.real(self.company_path))
            if locale:
                translated = translation_path(self.company_path, locale)
                if self.store.is_file(translated):
                    files.append(self.real(translated))
        role = validate(Role, data, positions, display)
        if locale is not None:
            original = original or self.load_role(path)
            role = _original_ids(role, original.role)
        _check_unique_ids(role, positions, display)
        if role.publish_in and locale is None:
            self._check_publish_in(role, positions, display)
        return LoadedRole(role_id, path, display, role, positions, tuple(files), locale)

    def _text_in(
        self, doc: YamlDocument, locale: str | None
    ) -> tuple[object, Positions, list[Path]]:
        """A file's data with its translation for ``locale`` laid over it, if there is one."""
        if locale is None:
            return doc.data, doc.positions, []
        path = translation_path(doc.path, locale)
        if not self.store.exists(path):
            return doc.data, doc.positions, []
        from jdgen.load.translate import overlay

        translation = self.read(path)
        real = self.real(path)
        if not isinstance(translation.data, dict):
            mark = translation.positions.of(())
            raise RoleFileError.at(
                translation.display,
                mark.line if mark else 1,
                mark.column if mark else 1,
                "expected a mapping of keys at the top level, as in the original",
            )
        if not isinstance(doc.data, dict):
            return doc.data, doc.positions, [real]
        data, positions = overlay(
            doc.data, doc.positions, translation.data, translation.positions, translation.display
        )
        return data, positions, [real]

    def _resolve(
        self, path: Path, chain: list[Path], locale: str | None = None
    ) -> tuple[dict, Positions, list[Path]]:
        """The file's data (in ``locale``) merged over its ``extends`` chain."""
        doc = self.read(path)
        data, doc_positions, translations = self._text_in(doc, locale)
        if not isinstance(data, dict):
            from jdgen.load.validate import describe

            mark = doc.positions.of(())
            raise RoleFileError.at(
                doc.display,
                mark.line if mark else 1,
                mark.column if mark else 1,
                f"expected a mapping of keys at the top level, got {describe(data)}",
            )
        own = {k: v for k, v in data.items() if k != "extends"}
        parent = data.get("extends")
        here = self.real(path)
        if parent is None:
            # The last file of the chain lies over the company defaults, so that its
            # `key+:` appends to them as any other layer's does.
            base_data, base_pos = self._defaults(locale)
            merged, positions = merge(base_data, base_pos, own, doc_positions)
            return merged, positions, [here, *translations]
        base_path = self._extends_target(doc, parent, [*chain, here])
        key = (base_path, locale)
        if key not in self._bases:
            self._bases[key] = self._resolve(base_path, [*chain, here], locale)
        base_data, base_pos, files = self._bases[key]
        merged, positions = merge(base_data, base_pos, own, doc_positions)
        return merged, positions, [here, *translations, *files]

    def _defaults(self, locale: str | None = None) -> tuple[dict, Positions]:
        """The company defaults, the bottom layer under every role (empty without a company)."""
        company = self.company_in(locale)
        if company is None:
            return {}, Positions()
        # Merged over nothing, so a `key+:` in the defaults just sets the key.
        return merge({}, Positions(), company[0].defaults, reroot(company[1], ("defaults",)))

    def _extends_target(self, doc: YamlDocument, value: object, chain: list[Path]) -> Path:
        mark = doc.positions.of(("extends",))

        def fail(message: str) -> RoleFileError:
            return RoleFileError.at(doc.display, mark.line, mark.column, message)

        if not isinstance(value, str) or not value.strip():
            raise fail("extends: expected the path of a file to inherit from, like '_base.yaml'")
        if "\0" in value or len(value) > 1024 or any(len(p) > 255 for p in value.split("/")):
            shown = value if len(value) <= 40 else value[:40] + "..."
            raise fail(f"extends: {shown!r} is not the name of a file")
        target = self.real(doc.path.parent / value)
        if not target.is_relative_to(self.store.root):
            raise fail(f"extends: {value!r} is outside the workspace")
        if target in chain:
            loop = " -> ".join(self.display(p) for p in [*chain[chain.index(target) :], target])
            raise fail(f"extends: inheritance loop: {loop}")
        if len(chain) > MAX_EXTENDS_DEPTH:
            raise fail(f"extends: more than {MAX_EXTENDS_DEPTH} levels of inheritance")
        if not self.store.exists(target):
            try:
                siblings = [p.name for p in target.parent.glob("*.y*ml")]
            except OSError:
                siblings = []
            close = difflib.get_close_matches(Path(value).name, siblings, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise fail(f"extends: no such file {value!r}{hint}")
        return target

    def _check_publish_in(self, role: Role, positions: Positions, display: str) -> None:
        """Every key in ``publish_in`` names a row of the jurisdiction table."""
        from jdgen.load.shipped import unknown_key_message

        known = list(self.jurisdictions.jurisdictions)
        errors = []
        for i, key in enumerate(role.publish_in):
            if key not in known:
                mark = positions.of(("publish_in", i))
                errors.append(
                    error(
                        mark.file if mark else display,
                        mark.line if mark else None,
                        mark.column if mark else None,
                        f"publish_in[{i}]: {unknown_key_message(key, known)}",
                    )
                )
        if errors:
            raise RoleFileError(errors)


def _original_ids(translated: Role, original: Role) -> Role:
    """Requirement ids derived from the original text, not from its translation."""
    groups = {}
    for group in ("must", "nice"):
        mine, theirs = (
            getattr(translated.requirements, group),
            getattr(original.requirements, group),
        )
        groups[group] = [
            item.model_copy(update={"id": source.id})
            for item, source in zip(mine, theirs, strict=False)
        ]
    requirements = translated.requirements.model_copy(update=groups)
    return translated.model_copy(update={"requirements": requirements})


def _check_unique_ids(role: Role, positions: Positions, display: str) -> None:
    """Requirement and competency ids name what the interviews assess: no two alike."""
    items = [
        (("requirements", group, i), "requirement", item.id)
        for group in ("must", "nice")
        for i, item in enumerate(getattr(role.requirements, group))
    ] + [(("competencies", i), "competency", c.id) for i, c in enumerate(role.competencies)]
    seen: dict[str, tuple] = {}
    errors: list[Problem] = []
    for where, kind, item_id in items:
        if item_id not in seen:
            seen[item_id] = (where, kind)
            continue
        mark = positions.of(where)
        first_where, first_kind = seen[item_id]
        first = positions.of(first_where)
        file = mark.file if mark else display
        if first is None:
            earlier = ""
        elif first.file == file:
            earlier = f" (first used on line {first.line})"
        else:  # inherited from a base or the company defaults
            earlier = f" (first used in {first.file} on line {first.line})"
        if kind == first_kind:
            what = f"duplicate {kind} id"
        else:
            what = f"{kind} id is also a {first_kind} id:"
        errors.append(
            error(
                file,
                mark.line if mark else None,
                mark.column if mark else None,
                f"{dotted(where)}: {what} {item_id!r}{earlier}",
            )
        )
    if errors:
        raise RoleFileError(errors)

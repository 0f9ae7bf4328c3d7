"""A workspace: the folder holding ``roles/``, ``templates/`` and the config.

This is where role files are found and turned into :class:`LoadedRole` values:
read (with positions), merged over their ``extends`` chain and the company
defaults, then validated. Loading knows nothing of templates or output.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from jdgen.errors import ConfigError, ConfigFileError, RoleFileError, SourceError
from jdgen.load.merge import merge, reroot
from jdgen.load.source import Positions, YamlDocument, dotted, load_yaml
from jdgen.load.translate import split_locale, translation_path

if TYPE_CHECKING:
    from collections.abc import Iterator

    from jdgen.model import Company, QuestionBank, Role
    from jdgen.model.jurisdiction import JurisdictionTable

# The schema (pydantic) is imported when a file is first validated, not with this
# module: finding role files, as a rebuild with nothing to do does, must stay cheap.

ROLES_DIR = "roles"
TEMPLATES_DIR = "templates"
COMPANY_FILE = "_company.yaml"
ROLE_SUFFIXES = (".yaml", ".yml")
MAX_EXTENDS_DEPTH = 10


@dataclass
class LoadedRole:
    """A validated role, with the positions of its values and the files it came from.

    ``locale`` is the language of its text: ``None`` for the role as written,
    or a locale whose translation files were laid over it.
    """

    id: str
    path: Path
    display: str
    role: Role
    positions: Positions
    files: tuple[Path, ...] = ()
    locale: str | None = None

    def mark(self, *path: str | int):
        """The position of the value at ``path`` (or its nearest located parent)."""
        return self.positions.of(tuple(path))


@dataclass
class Workspace:
    """A folder with ``roles/`` (and optionally ``templates/`` and config)."""

    root: Path
    documents: dict[Path, YamlDocument] = field(default_factory=dict, repr=False)
    _companies: dict[str | None, tuple[Company, Positions] | None] = field(
        default_factory=dict, repr=False
    )
    # Bases merged over their own chains, once per workspace and locale: every role
    # extending _base.yaml would otherwise merge the same files again.
    _bases: dict[tuple[Path, str | None], tuple[dict, Positions, list[Path]]] = field(
        default_factory=dict, repr=False
    )
    _defaults_in: dict[str | None, tuple[dict, Positions]] = field(default_factory=dict, repr=False)
    _real: dict[Path, Path] = field(default_factory=dict, repr=False)
    _shown: dict[Path, str] = field(default_factory=dict, repr=False)

    @classmethod
    def find(cls, start: Path | None = None) -> Workspace:
        """The nearest folder at or above ``start`` holding ``roles/`` or ``.jdgen.yaml``."""
        here = (start or Path.cwd()).resolve()
        if here.is_file():
            here = here.parent
        for folder in (here, *here.parents):
            if (folder / ROLES_DIR).is_dir() or (folder / ".jdgen.yaml").is_file():
                return cls(folder)
        return cls(Path.cwd().resolve())

    @property
    def roles_dir(self) -> Path:
        return self.root / ROLES_DIR

    @property
    def templates_dir(self) -> Path:
        return self.root / TEMPLATES_DIR

    def real(self, path: Path) -> Path:
        """``path.resolve()``, once per path: it costs a system call per folder.

        A file in a folder already resolved costs one system call (is it a link?).
        """
        real = self._real.get(path)
        if real is None:
            parent = path.parent
            if path.is_absolute() and parent != path and path.name not in ("", ".", ".."):
                real = path.resolve() if os.path.islink(path) else self.real(parent) / path.name
            else:
                real = path.resolve()
            self._real[path] = real
        return real

    def display(self, path: Path) -> str:
        """How a path inside the workspace is shown in messages (once per path:
        lint asks for each role's several times, and pathlib takes its time)."""
        shown = self._shown.get(path)
        if shown is None:
            try:
                shown = str(self.real(path).relative_to(self.real(self.root)))
            except ValueError:
                shown = str(path)
            self._shown[path] = shown
        return shown

    def read(self, path: Path) -> YamlDocument:
        """Read and parse a YAML file once per workspace."""
        path = self.real(path)
        if path not in self.documents:
            self.documents[path] = load_yaml(path, self.display(path))
        return self.documents[path]

    def contains(self, path: Path) -> bool:
        return self.real(path).is_relative_to(self.real(self.root))

    # -- discovery -------------------------------------------------------

    def role_files(self, paths: list[Path] | None = None) -> list[Path]:
        """Role files under the given files or folders (default ``roles/``), sorted.

        Files whose name starts with ``_`` are bases and shared files, never roles.
        """
        found: set[Path] = set()
        for target in paths or [self.roles_dir]:
            if target.is_dir():
                found.update(_role_files_in(target))
            elif target.exists():
                original, locale = split_locale(target)
                if locale is not None:
                    target = original  # a translation stands for the role it translates
                if not target.name.startswith("_") and target.exists():
                    found.add(target)
            else:
                raise ConfigError(f"no such file or folder: {target}")
        # One spelling per file, so that 'roles' and '/abs/roles/x.yaml' do not count it twice.
        # (Not resolve(): a symbolic link's own name is the role id.)
        unique = {Path(os.path.abspath(p)) for p in found}
        return sorted(unique, key=lambda p: (p.stem, str(p)))

    # -- loading ---------------------------------------------------------

    @property
    def company(self) -> tuple[Company, Positions] | None:
        """The company file, or ``None`` when the workspace has none."""
        return self.company_in(None)

    def company_in(self, locale: str | None) -> tuple[Company, Positions] | None:
        """The company file with its translation for ``locale`` laid over it."""
        if locale not in self._companies:
            path = self.roles_dir / COMPANY_FILE
            if not path.is_file():
                self._companies[locale] = None
            else:
                from jdgen.load.validate import validate
                from jdgen.model import Company

                try:
                    data, positions, _ = self._text_in(self.read(path), locale)
                    company = validate(Company, data, positions, self.display(path))
                    self._companies[locale] = (company, positions)
                except RoleFileError as exc:
                    raise ConfigFileError.collect(exc.errors) from None
        return self._companies[locale]

    @cached_property
    def question_bank(self) -> QuestionBank:
        """The interview question bank: the package's, extended by ``roles/_questions.yaml``."""
        from jdgen.hiring.bank import load_bank

        return load_bank(self.roles_dir, self.display)

    @cached_property
    def jurisdictions(self) -> JurisdictionTable:
        """Pay-transparency rules: the package's, corrected by ``roles/_jurisdictions.yaml``."""
        from jdgen.jurisdictions import load_jurisdictions

        return load_jurisdictions(self.roles_dir, self.display)

    def load_role(self, path: Path, locale: str | None = None) -> LoadedRole:
        """Read, merge and validate one role file, in ``locale`` if given."""
        from jdgen.load.validate import validate
        from jdgen.model import ROLE_ID, Role

        display = self.display(path)
        role_id = path.stem
        if not ROLE_ID.match(role_id):
            raise RoleFileError(
                display,
                None,
                None,
                f"role id {role_id!r} (the file name) must be lowercase letters, digits and "
                "hyphens, like 'key-account-manager'",
            )
        data, positions, files = self._resolve(path, [], locale)
        if self.company is not None:
            files.append(self.real(self.roles_dir / COMPANY_FILE))
            translated = translation_path(self.roles_dir / COMPANY_FILE, locale) if locale else None
            if translated is not None and translated.is_file():
                files.append(self.real(translated))
        role = validate(Role, data, positions, display)
        if locale is not None:
            role = _original_ids(role, self.load_role(path).role)
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
        if not path.is_file():
            return doc.data, doc.positions, []
        from jdgen.load.translate import overlay

        translation = self.read(path)
        if not isinstance(doc.data, dict) or not isinstance(translation.data, dict):
            return doc.data, doc.positions, [self.real(path)]
        data, positions = overlay(
            doc.data, doc.positions, translation.data, translation.positions, translation.display
        )
        return data, positions, [self.real(path)]

    def _resolve(
        self, path: Path, chain: list[Path], locale: str | None = None
    ) -> tuple[dict, Positions, list[Path]]:
        """The file's data (in ``locale``) merged over its ``extends`` chain."""
        doc = self.read(path)
        data, doc_positions, translations = self._text_in(doc, locale)
        if not isinstance(data, dict):
            from jdgen.load.validate import describe

            mark = doc.positions.of(())
            raise RoleFileError(
                doc.display,
                mark.line if mark else 1,
                mark.column if mark else 1,
                f"expected a mapping of keys at the top level, got {describe(data)}",
            )
        own = {k: v for k, v in data.items() if k != "extends"}
        parent = data.get("extends")
        if parent is None:
            # The last file of the chain lies over the company defaults, so that its
            # `key+:` appends to them as any other layer's does.
            if locale not in self._defaults_in:
                self._defaults_in[locale] = self._defaults(locale)
            base_data, base_pos = self._defaults_in[locale]
            merged, positions = merge(base_data, base_pos, own, doc_positions)
            return merged, positions, [self.real(path), *translations]
        base_path = self._extends_target(doc, parent, [*chain, self.real(path)])
        key = (base_path, locale)
        if key not in self._bases:
            self._bases[key] = self._resolve(base_path, [*chain, self.real(path)], locale)
        base_data, base_pos, files = self._bases[key]
        files = [*translations, *files]
        merged, positions = merge(base_data, base_pos, own, doc_positions)
        return merged, positions, [self.real(path), *files]

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
            return RoleFileError(doc.display, mark.line, mark.column, message)

        if not isinstance(value, str) or not value.strip():
            raise fail("extends: expected the path of a file to inherit from, like '_base.yaml'")
        target = self.real(doc.path.parent / value)
        if not self.contains(target):
            raise fail(f"extends: {value!r} is outside the workspace")
        if target in chain:
            loop = " -> ".join(self.display(p) for p in [*chain[chain.index(target) :], target])
            raise fail(f"extends: inheritance loop: {loop}")
        if len(chain) > MAX_EXTENDS_DEPTH:
            raise fail(f"extends: more than {MAX_EXTENDS_DEPTH} levels of inheritance")
        if not target.is_file():
            siblings = (
                [p.name for p in target.parent.glob("*.y*ml")] if target.parent.is_dir() else []
            )
            close = difflib.get_close_matches(Path(value).name, siblings, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise fail(f"extends: no such file {value!r}{hint}")
        return target

    def _check_publish_in(self, role: Role, positions: Positions, display: str) -> None:
        """Every key in ``publish_in`` names a row of the jurisdiction table."""
        from jdgen.jurisdictions import unknown_key_message

        known = list(self.jurisdictions.jurisdictions)
        errors = []
        for i, key in enumerate(role.publish_in):
            if key not in known:
                mark = positions.of(("publish_in", i))
                errors.append(
                    SourceError(
                        mark.file if mark else display,
                        mark.line if mark else None,
                        mark.column if mark else None,
                        f"publish_in[{i}]: {unknown_key_message(key, known)}",
                    )
                )
        if errors:
            raise RoleFileError.collect(errors)


def _role_files_in(folder: Path) -> Iterator[Path]:
    """The role files in ``folder`` and its subfolders, not translations, skipping
    names that start with ``_`` or ``.``: one walk, where a glob per suffix was twice
    as slow on a thousand roles.

    A linked folder is not followed (a link to a parent would list every role again
    and again), and a folder that cannot be read is an error: its roles would
    otherwise look deleted, and a build removes a deleted role's files.
    """

    def unreadable(error: OSError) -> None:
        raise ConfigError(f"cannot read {error.filename}: {error.strerror}")

    for here, folders, names in os.walk(folder, onerror=unreadable):
        folders[:] = [f for f in folders if not f.startswith(_HIDDEN)]
        for name in names:
            if name.endswith(ROLE_SUFFIXES) and not name.startswith(_HIDDEN):
                path = Path(here, name)
                if split_locale(path)[1] is None:
                    yield path


_HIDDEN = ("_", ".")


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
            for item, source in zip(mine, theirs, strict=True)
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
    errors: list[SourceError] = []
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
            SourceError(
                file,
                mark.line if mark else None,
                mark.column if mark else None,
                f"{dotted(where)}: {what} {item_id!r}{earlier}",
            )
        )
    if errors:
        raise RoleFileError.collect(errors)

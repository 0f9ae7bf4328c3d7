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

from jdgen.errors import ConfigError, ConfigFileError, RoleFileError, SourceError
from jdgen.inherit import merge, reroot
from jdgen.model import ROLE_ID, Company, QuestionBank, Role
from jdgen.model.jurisdiction import JurisdictionTable
from jdgen.source import Positions, YamlDocument, display_path, load_yaml
from jdgen.validation import describe, dotted, validate

ROLES_DIR = "roles"
TEMPLATES_DIR = "templates"
COMPANY_FILE = "_company.yaml"
ROLE_SUFFIXES = (".yaml", ".yml")
MAX_EXTENDS_DEPTH = 10


@dataclass
class LoadedRole:
    """A validated role, with the positions of its values and the files it came from."""

    id: str
    path: Path
    display: str
    role: Role
    positions: Positions
    files: tuple[Path, ...] = ()

    def mark(self, *path: str | int):
        """The position of the value at ``path`` (or its nearest located parent)."""
        return self.positions.of(tuple(path))


@dataclass
class Workspace:
    """A folder with ``roles/`` (and optionally ``templates/`` and config)."""

    root: Path
    documents: dict[Path, YamlDocument] = field(default_factory=dict, repr=False)

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

    def display(self, path: Path) -> str:
        """How a path inside the workspace is shown in messages."""
        return display_path(path, self.root)

    def read(self, path: Path) -> YamlDocument:
        """Read and parse a YAML file once per workspace."""
        path = path.resolve()
        if path not in self.documents:
            self.documents[path] = load_yaml(path, self.display(path))
        return self.documents[path]

    def contains(self, path: Path) -> bool:
        try:
            path.resolve().relative_to(self.root.resolve())
        except ValueError:
            return False
        return True

    # -- discovery -------------------------------------------------------

    def role_files(self, paths: list[Path] | None = None) -> list[Path]:
        """Role files under the given files or folders (default ``roles/``), sorted.

        Files whose name starts with ``_`` are bases and shared files, never roles.
        """
        found: set[Path] = set()
        for target in paths or [self.roles_dir]:
            if target.is_dir():
                for suffix in ROLE_SUFFIXES:
                    found.update(
                        p for p in target.rglob(f"*{suffix}") if not _hidden(p.relative_to(target))
                    )
            elif target.exists():
                if not target.name.startswith("_"):
                    found.add(target)
            else:
                raise ConfigError(f"no such file or folder: {target}")
        # One spelling per file, so that 'roles' and '/abs/roles/x.yaml' do not count it twice.
        # (Not resolve(): a symbolic link's own name is the role id.)
        unique = {Path(os.path.abspath(p)) for p in found}
        return sorted(unique, key=lambda p: (p.stem, str(p)))

    # -- loading ---------------------------------------------------------

    @cached_property
    def company(self) -> tuple[Company, Positions] | None:
        """The company file, or ``None`` when the workspace has none."""
        path = self.roles_dir / COMPANY_FILE
        if not path.is_file():
            return None
        try:
            doc = self.read(path)
            return validate(Company, doc.data, doc.positions, doc.display), doc.positions
        except RoleFileError as exc:
            raise ConfigFileError.collect(exc.errors) from None

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

    def load_role(self, path: Path) -> LoadedRole:
        """Read, merge and validate one role file."""
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
        data, positions, files = self._resolve(path, [])
        if self.company is not None:
            files.append((self.roles_dir / COMPANY_FILE).resolve())
        role = validate(Role, data, positions, display)
        _check_unique_ids(role, positions, display)
        if role.publish_in:
            self._check_publish_in(role, positions, display)
        return LoadedRole(role_id, path, display, role, positions, tuple(files))

    def _resolve(self, path: Path, chain: list[Path]) -> tuple[dict, Positions, list[Path]]:
        """The file's data merged over its ``extends`` chain."""
        doc = self.read(path)
        data = doc.data
        if not isinstance(data, dict):
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
            base_data, base_pos = self._defaults()
            merged, positions = merge(base_data, base_pos, own, doc.positions)
            return merged, positions, [path.resolve()]
        base_path = self._extends_target(doc, parent, [*chain, path.resolve()])
        base_data, base_pos, files = self._resolve(base_path, [*chain, path.resolve()])
        merged, positions = merge(base_data, base_pos, own, doc.positions)
        return merged, positions, [path.resolve(), *files]

    def _defaults(self) -> tuple[dict, Positions]:
        """The company defaults, the bottom layer under every role (empty without a company)."""
        company = self.company
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
        target = (doc.path.parent / value).resolve()
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


def _hidden(relative: Path) -> bool:
    return any(part.startswith(("_", ".")) for part in relative.parts)


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

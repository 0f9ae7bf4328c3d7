"""``jdgen new`` and ``jdgen init``: start a role, or a whole workspace, from a working example.

Neither ever overwrites a file: each checks every file it would write first and
stops, writing nothing, if one exists.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shlex
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from jdgen.build.output import write_atomic
from jdgen.errors import ConfigError
from jdgen.load.discover import ROLE_SUFFIXES
from jdgen.load.workspace import COMPANY_FILE, ROLES_DIR, TEMPLATES_DIR, Workspace
from jdgen.model import ROLE_ID
from jdgen.model.json_schema import role_schema

SCHEMA_FILE = Path("schema") / "role.schema.json"
EXAMPLE_ROLE = "account-manager"
MODELINE = "# yaml-language-server: $schema="
FILL_IN = {
    "title": '# fill in: the job title, saying the level, like "Senior Account Manager"',
    "level": "# fill in: entry, junior, mid, senior, lead or principal",
}


def _scaffold(name: str) -> str:
    return (files("jdgen") / "data" / "scaffold" / name).read_text(encoding="utf-8")


def schema_text() -> str:
    """The role file's JSON Schema, as ``jdgen schema`` prints it."""
    return json.dumps(role_schema(), indent=2, ensure_ascii=False) + "\n"


def new_role(workspace: Workspace, role_id: str, source: str | None = None) -> Path:
    """Write ``roles/<role_id>.yaml``: a copy of role ``source`` (or of the example role)
    with its title and level left to fill in, and its own id in place of the source's."""
    if not ROLE_ID.match(role_id):
        raise ConfigError(
            f"role id {role_id!r} must be lowercase letters, digits and hyphens, "
            "like 'key-account-manager'"
        )
    target = workspace.roles_dir / f"{role_id}.yaml"
    if any(target.with_suffix(s).exists() for s in ROLE_SUFFIXES):
        raise ConfigError(f"{workspace.display(target)} already exists; jdgen new never overwrites")
    if source is None:
        text, source_id, origin = (
            _scaffold(f"{EXAMPLE_ROLE}.yaml"),
            EXAMPLE_ROLE,
            "the example role",
        )
    else:
        path = _source_file(workspace, source)
        text, source_id = path.read_text(encoding="utf-8"), path.stem
        origin = workspace.display(path)
    schema = workspace.root / SCHEMA_FILE
    header = [f"{MODELINE}../{SCHEMA_FILE.as_posix()}"] if schema.is_file() else []
    header += [
        f"# Scaffolded by jdgen new from {origin}. Fill in the title and level, then",
        "# read every line below: the rest is still the other role's.",
    ]
    body = _blank_title_and_level(text)
    body = re.sub(rf"(?<![a-z0-9-]){re.escape(source_id)}(?![a-z0-9-])", role_id, body)
    workspace.roles_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(target, "\n".join(header) + "\n" + body)
    return target


def _source_file(workspace: Workspace, source: str) -> Path:
    """The role file named by ``source``: a role id, or a path."""
    given = Path(source)
    candidates = [given] if given.suffix in ROLE_SUFFIXES else []
    candidates += [workspace.roles_dir / f"{source}{suffix}" for suffix in ROLE_SUFFIXES]
    for path in candidates:
        if path.is_file():
            return path
    known = [p.stem for p in workspace.role_files()] if workspace.roles_dir.is_dir() else []
    close = difflib.get_close_matches(source, known, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise ConfigError(
        f"no role {source!r} to copy in {workspace.display(workspace.roles_dir)}/{hint}"
    )


def _blank_title_and_level(text: str) -> str:
    """Drop the source's opening comments (they describe it); empty its title and level."""
    lines = text.splitlines()
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    found = set()
    for i, line in enumerate(lines):
        key = line.split(":", 1)[0]
        if key in FILL_IN and ":" in line:
            lines[i] = f"{key}:  {FILL_IN[key]}"
            found.add(key)
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("extends:")), 0)
    for key in [k for k in FILL_IN if k not in found][::-1]:
        lines.insert(at, f"{key}:  {FILL_IN[key]}")
    return "\n".join(lines) + "\n"


@dataclass
class Initialised:
    """What :func:`init_workspace` did: the files written, and where the pre-commit
    hook went (``hook_file``), or the hook to add by hand to the repository's own
    config (``hook_text``), which jdgen does not edit."""

    written: list[Path]
    hook_file: Path | None
    hook_text: str | None = None

    def messages(self, folder: Path, verbosity: int = 0) -> list[tuple[str, bool]]:
        """What ``jdgen init`` prints: ``(line, to standard error)``."""
        from jdgen.console import QUIET, VERBOSE

        out = [(f"wrote {path}", False) for path in self.written] if verbosity == VERBOSE else []
        if self.hook_text is not None:
            out.append(
                (
                    "The repository has a .pre-commit-config.yaml already; to lint role files "
                    "on each commit, add this under its repos:\n" + self.hook_text,
                    True,
                )
            )
        if verbosity > QUIET:
            out.append(
                (f"Created a jdgen workspace in {folder} ({len(self.written)} files). Next:", False)
            )
            out.append((f"  cd {shlex.quote(str(folder))} && jdgen lint && jdgen build", False))
            if self.hook_file is not None:
                shown = os.path.relpath(self.hook_file)
                out.append(
                    (f"  pre-commit install  # then each commit runs the hook in {shown}", False)
                )
        return out


def pre_commit_config(prefix: str) -> str:
    """The pre-commit config for a workspace at ``prefix`` (``hiring/``, or ``""`` at
    the repository's root): a local hook that lints its role files."""
    pattern = "^" + re.escape(prefix) + r"(roles/.*\.ya?ml|\.jdgen\.yaml|templates/.*)$"
    return _scaffold("pre-commit-config.yaml").replace("{pattern}", pattern.replace("'", "''"))


def init_workspace(folder: Path) -> Initialised:
    """Write a new workspace into ``folder``: config, company, an example role, a templates
    folder for overrides, the role schema and a pre-commit config.

    pre-commit reads its config at the root of the git repository: when ``folder`` is
    inside a repository, the config goes there, its hook matching only this
    workspace's files; if the repository already has one, it is left alone and the
    hook is returned to add by hand. Outside a repository, the config goes into
    ``folder``, which will be the root once ``git init`` runs there.
    """
    from jdgen.lint.places import repository_root

    repo = repository_root(folder)
    home = Path(os.path.abspath(folder))
    prefix = "" if repo is None or repo == home else home.relative_to(repo).as_posix() + "/"
    hook = pre_commit_config(prefix)
    example = f"{MODELINE}../{SCHEMA_FILE.as_posix()}\n" + _scaffold(f"{EXAMPLE_ROLE}.yaml")
    planned = {
        Path(".jdgen.yaml"): _scaffold("jdgen.yaml"),
        Path(".gitignore"): _scaffold("gitignore.txt"),
        Path(ROLES_DIR) / COMPANY_FILE: _scaffold(COMPANY_FILE),
        Path(ROLES_DIR) / f"{EXAMPLE_ROLE}.yaml": example,
        Path(TEMPLATES_DIR) / "README.md": _scaffold("templates-README.txt"),
        SCHEMA_FILE: schema_text(),
    }
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{folder} is a file, not a folder")
    hook_file: Path | None = (repo or home) / ".pre-commit-config.yaml"
    if not prefix and not hook_file.exists():
        planned[Path(".pre-commit-config.yaml")] = hook
    taken = [str(name) for name in planned if (folder / name).exists()]
    if taken:
        raise ConfigError(
            f"{folder} already has {', '.join(taken)}; jdgen init never overwrites files"
        )
    written = []
    for name, text in planned.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text)
        written.append(target)
    if Path(".pre-commit-config.yaml") in planned:
        return Initialised(written, hook_file)
    if hook_file.exists():  # the repository's own config: add the hook by hand
        return Initialised(written, None, hook[hook.index("  - repo: local") :])
    write_atomic(hook_file, hook)
    return Initialised([*written, hook_file], hook_file)

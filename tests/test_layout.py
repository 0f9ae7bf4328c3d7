"""The package's layout shows the pipeline, and its imports keep to it.

- No module imports another that imports it back, directly or through others:
  every ``import`` counts, at the top of a module or inside a function, and those
  only for type checkers too.
- The stages import forward only: ``load`` knows nothing of lint, rendering or
  building; ``lint`` nothing of rendering or building; ``render`` and ``publish``
  nothing of building.
- ``jdgen lint`` never imports WeasyPrint, as ``python -X importtime`` shows.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "jdgen"


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports(path: Path) -> set[str]:
    """The jdgen modules ``path`` imports, wherever the import statement is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(n for n in names if n in MODULES)
    found.discard(module_name(path))
    return found


GRAPH = {name: imports(path) for name, path in MODULES.items()}


def test_the_graph_sees_imports() -> None:
    assert "jdgen.lint.check" in GRAPH["jdgen.build.runner"]
    assert "jdgen.render.pdf" in GRAPH["jdgen.build.runner"]  # inside a function


def test_no_module_imports_one_that_imports_it_back() -> None:
    cycles = []
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done

    def walk(name: str, path: list[str]) -> None:
        state[name] = 1
        for other in sorted(GRAPH[name]):
            if state.get(other) == 1:
                cycles.append(" -> ".join([*path[path.index(other) :], other]))
            elif other not in state:
                walk(other, [*path, other])
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            walk(name, [name])
    assert cycles == []


# What each stage may not import: the stages that come after it.
LATER = {
    "jdgen.load": ("jdgen.lint", "jdgen.render", "jdgen.publish", "jdgen.build", "jdgen.hiring"),
    "jdgen.model": ("jdgen.load", "jdgen.lint", "jdgen.render", "jdgen.publish", "jdgen.build"),
    "jdgen.lint": ("jdgen.render", "jdgen.publish", "jdgen.build"),
    "jdgen.render": ("jdgen.build", "jdgen.lint"),
    "jdgen.publish": ("jdgen.build.runner", "jdgen.lint"),
    # The importer reads postings; lint runs its rules on them, not the other way round
    # (it shares lint's level words, jdgen.lint.levels, only).
    "jdgen.importer": (
        "jdgen.lint.check",
        "jdgen.lint.rules",
        "jdgen.lint.posting",
        "jdgen.render",
        "jdgen.publish",
        "jdgen.build.runner",
    ),
}


@pytest.mark.parametrize("stage", sorted(LATER))
def test_a_stage_imports_no_later_stage(stage: str) -> None:
    wrong = sorted(
        f"{name} imports {other}"
        for name, found in GRAPH.items()
        if name == stage or name.startswith(stage + ".")
        for other in found
        if any(other == later or other.startswith(later + ".") for later in LATER[stage])
    )
    assert wrong == []


def test_lint_does_not_import_weasyprint(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "jdgen", "lint", "-C", str(REPO)],
        capture_output=True,
        text=True,
        env={"JDGEN_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "jdgen.lint.check" in imported  # the check sees the imports
    assert not {name for name in imported if name.split(".")[0] == "weasyprint"}
    assert "jdgen.render.pdf" not in imported


def test_check_text_imports_neither_weasyprint_nor_the_build() -> None:
    code = (
        "import sys; from jdgen.lint import check_text; "
        "found = check_text('# Rockstar Developer\\n\\nWe want a ninja.\\n'); "
        "assert any(p.rule == 'vague-title' for p in found), found; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'weasyprint' "
        "or m.startswith(('jdgen.build', 'jdgen.render', 'jdgen.publish'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"

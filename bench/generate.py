"""Generate a workspace of N synthetic roles from the shipped ones.

    python bench/generate.py N FOLDER

FOLDER/roles/ gets the shipped bases and company file, and N role files: the
four shipped roles in turn, each under a new id, with its pay band, apply link,
summary and duties varied, so that no two roles have the same text (as in a real
workspace, only the company file and the bases are shared).
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The shipped roles as written: not their translations (key-account-manager.es.yaml).
SHIPPED = sorted(p for p in (REPO / "roles").glob("[!_]*.yaml") if "." not in p.stem)


def generate(n: int, folder: Path) -> Path:
    """Write the workspace; return it."""
    roles = folder / "roles"
    if roles.exists():
        shutil.rmtree(roles)
    roles.mkdir(parents=True)
    for shared in (REPO / "roles").glob("_*.yaml"):
        if "." not in shared.stem:  # the bases and the company file, not their translations
            shutil.copy(shared, roles / shared.name)
    texts = [(p.stem, p.read_text()) for p in SHIPPED]
    for i in range(n):
        stem, text = texts[i % len(texts)]
        role_id = f"{stem}-{i:05}"
        text = re.sub(
            r"(?m)^(salary:\n  min: )(\d+)$", lambda m, i=i: f"{m[1]}{int(m[2]) + i}", text
        )
        text = text.replace(f"/careers/{stem}", f"/careers/{role_id}")
        text = text.replace("summary: |\n", f"summary: |\n  You join sales territory {i}.\n", 1)
        text = re.sub(
            r"(?m)^(duties:\n)((?:  - .*\n)+)",
            lambda m, i=i: m[1] + re.sub(r"(?m)$(?<=.)", f", in territory {i}", m[2]),
            text,
        )
        (roles / f"{role_id}.yaml").write_text(text)
    return folder


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    generate(int(sys.argv[1]), Path(sys.argv[2]))

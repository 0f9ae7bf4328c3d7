"""The floors jdgen's timings are compared with, each run as a process of its own.

    python bench/floors.py weasyprint FILE.html...   bare WeasyPrint, serially, one process
    python bench/floors.py yaml FOLDER               yaml.CSafeLoader over every .yaml in FOLDER

The WeasyPrint floor prints each HTML file to PDF with nothing of jdgen's around
it (no sandbox, no font configuration kept between files, no writing); the YAML
floor loads each file with libyaml and PyYAML's safe constructor. Their wall
time, imports included, is what jdgen's build and lint are divided by.
"""

from __future__ import annotations

import sys
from pathlib import Path


def weasyprint_floor(files: list[str]) -> None:
    import weasyprint

    for name in files:
        weasyprint.HTML(filename=name).write_pdf()


def yaml_floor(folder: str) -> None:
    import yaml

    for path in sorted(Path(folder).rglob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("weasyprint", "yaml"):
        sys.exit(__doc__)
    if sys.argv[1] == "weasyprint":
        weasyprint_floor(sys.argv[2:])
    else:
        yaml_floor(sys.argv[2])

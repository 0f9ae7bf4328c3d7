"""What a build writes, where and how: :class:`BuildOptions`, from the command line and
the ``build`` section of the workspace config."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jdgen.errors import ConfigError
from jdgen.load.config import check_locale, configured_locales, read_config
from jdgen.load.workspace import Workspace

DEFAULT_LOCALE = "en"  # as jdgen.i18n, which imports Babel: not needed for a rebuild
FORMATS = ("md", "html", "pdf", "json")
PAGE_SIZES = ("a4", "letter")
DEFAULT_TIME_LIMIT = 120.0


@dataclass(frozen=True)
class BuildOptions:
    """What to build, where, and how."""

    out: Path
    formats: tuple[str, ...] = FORMATS
    page_size: str = "a4"
    jobs: int | None = None  # worker processes; None: one per core
    force: bool = False  # build every role, changed or not
    time_limit: float | None = DEFAULT_TIME_LIMIT  # seconds for one role's rendering
    locales: tuple[str, ...] = (DEFAULT_LOCALE,)
    default_locale: str = DEFAULT_LOCALE  # the language the role files are written in


def build_options(
    workspace: Workspace,
    out: Path | None = None,
    formats: tuple[str, ...] | None = None,
    page_size: str | None = None,
    locales: tuple[str, ...] | None = None,
) -> BuildOptions:
    """Options from the command line, else the ``build`` section of the config, else defaults.

    .. code-block:: yaml

        build:
          locales: [en, es, ca]      # the languages `jdgen build` writes
          default_locale: en         # the language the role files are written in
          formats: [md, html, pdf, json]
          page_size: a4
    """
    config = read_config(workspace.root)
    section = config.section("build")
    where = f"{config.source}: build" if config.source else "build"
    known = {"locales", "default_locale", "formats", "page_size"}
    for key in section:
        if key not in known:
            raise ConfigError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(known))})")
    default_locale, configured = configured_locales(config)
    chosen = tuple(dict.fromkeys(check_locale(code) for code in locales)) if locales else configured
    chosen_formats = formats or tuple(_strings(section, "formats", where)) or FORMATS
    for fmt in chosen_formats:
        if fmt not in FORMATS:
            raise ConfigError(
                f"{where}.formats: unknown format {fmt!r} (known: {', '.join(FORMATS)})"
            )
    size = (page_size or str(section.get("page_size", "a4"))).lower()
    if size not in PAGE_SIZES:
        raise ConfigError(f"{where}.page_size: expected a4 or letter, got {size!r}")
    return BuildOptions(
        out=out or workspace.root / "output",
        formats=tuple(chosen_formats),
        page_size=size,
        locales=chosen,
        default_locale=default_locale,
    )


def _strings(section: dict, key: str, where: str) -> list[str]:
    value = section.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}.{key}: expected a list of names")
    return value

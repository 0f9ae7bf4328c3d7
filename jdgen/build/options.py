"""What a build writes, where and how: :class:`BuildOptions`, from the command line and
the ``build`` section of the workspace config (read by :mod:`jdgen.load.config`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from jdgen.load.config import DEFAULT_LOCALE, FORMATS, PAGE_SIZES, WorkspaceConfig

__all__ = ["DEFAULT_LOCALE", "DEFAULT_TIME_LIMIT", "FORMATS", "PAGE_SIZES", "BuildOptions"]

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
    locales: tuple[str, ...] | None = None  # None: the config's build.locales
    default_locale: str | None = None  # the role files' language; None: the config's
    draft: bool = False  # build roles with lint errors too, marked as drafts
    full: bool = False  # the review pack holds every role in full, approved ones too
    with_plans: bool = False  # the review pack holds the hiring plans too

    def resolved(self, config: WorkspaceConfig) -> BuildOptions:
        """These options with what they leave to the config filled in from it."""
        return replace(
            self,
            locales=self.locales or config.locales,
            default_locale=self.default_locale or config.default_locale,
        )


def build_options(
    config: WorkspaceConfig,
    root: Path,
    out: Path | None = None,
    formats: tuple[str, ...] | None = None,
    page_size: str | None = None,
    locales: tuple[str, ...] | None = None,
) -> BuildOptions:
    """Options from the command line, else the ``build`` section of the config, else defaults."""
    section = config.build
    return BuildOptions(
        out=out or root / "output",
        formats=tuple(formats or section.formats or FORMATS),
        page_size=(page_size or section.page_size).lower(),
        locales=tuple(locales) if locales else config.locales,
        default_locale=config.default_locale,
    )

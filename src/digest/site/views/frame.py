"""What every page shares: the site's name, the navigation, the head's metadata, and the
base of a page's own record; base.html reads the frame, each page's template the rest."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ... import GENERATOR
from ...config import Config
from ...text import shorten
from ..urls import (
    ABOUT,
    ARCHIVE,
    AUTHORS,
    FEED,
    HOME,
    NOT_FOUND,
    PEOPLE,
    SEARCH,
    THEMES,
    absolute,
    root_of,
)

# Meta descriptions longer than this are cut: search engines show about this much.
DESCRIPTION_CHARS = 160
NAV = (
    ("Home", HOME),
    ("Themes", THEMES),
    ("Authors", AUTHORS),
    ("People", PEOPLE),
    ("Archive", ARCHIVE),
)


@dataclass(frozen=True, slots=True)
class SiteName:
    """The site as every page names it."""

    title: str
    generator: str


@dataclass(frozen=True, slots=True)
class Head:
    """A page's metadata in its <head>: titles, description, canonical URL, Open Graph type
    and schema.org JSON-LD (a JSON document, printed as JSON)."""

    title: str
    head_title: str
    description: str
    canonical: str
    og_type: str
    jsonld: Mapping[str, Any] | None


@dataclass(frozen=True, slots=True)
class NavLink:
    """A link of the site's navigation."""

    label: str
    href: str
    current: bool


@dataclass(frozen=True, slots=True)
class Frame:
    """What base.html needs; every link is relative to the page (`root` leads to the site's
    root)."""

    site: SiteName
    root: str
    page: Head
    nav: tuple[NavLink, ...]
    feed_href: str
    about_href: str
    search_href: str


@dataclass(frozen=True, slots=True)
class PageView:
    """A page's record: its frame and, in a subclass, what its own template shows."""

    frame: Frame

    def namespace(self) -> dict[str, Any]:
        """The names the page's templates see: the frame's and the page's own fields."""
        return fields_of(self.frame) | {
            name: value for name, value in fields_of(self).items() if name != "frame"
        }


def fields_of(record: Any) -> dict[str, Any]:
    """A record's fields by name, not copied (dataclasses.asdict copies deep). A dataclass
    names its fields in `__match_args__`, as `dataclasses.fields` does at four times the
    cost (every record of a page is made through this)."""
    return {name: getattr(record, name) for name in record.__match_args__}


def frame(
    config: Config,
    path: str,
    title: str,
    summary: str,
    og_type: str = "website",
    jsonld: Mapping[str, Any] | None = None,
) -> Frame:
    """The frame of the page at `path`, titled `title` and described by `summary` (the
    site's description when empty)."""
    root = page_root(config, path)
    head = Head(
        title=title,
        head_title=title if path == HOME else f"{title} · {config.title}",
        description=shorten(summary or config.description, DESCRIPTION_CHARS),
        canonical="" if path == NOT_FOUND else absolute(config.base_url, path),
        og_type=og_type,
        jsonld=jsonld,
    )
    return Frame(
        site=SiteName(config.title, GENERATOR),
        root=root,
        page=head,
        nav=tuple(NavLink(label, root + target, target == path) for label, target in NAV),
        feed_href=root + FEED,
        about_href=root + ABOUT,
        search_href=root + SEARCH,
    )


def page_root(config: Config, path: str) -> str:
    """The prefix from a page to the site root; the 404 page is shown at any depth, so
    with a base URL its links start with the base URL's path (see views.site.not_found_page)."""
    if path == NOT_FOUND and config.base_url:
        return config.base_path
    return root_of(path)

"""The pages about the whole digest: the front page and its numbered pages, the archive,
search, About and the 404 page."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ...text import make_slug
from ..search import FILTERS, filters, merged_folders
from ..urls import ABOUT, ARCHIVE, NOT_FOUND, SEARCH, home_path, page_folders
from .cards import Card, card
from .frame import PageView, fields_of, frame
from .inputs import Inputs
from .links import ArticleLink, DateView, article_link, date_view
from .pager import Pager, pager
from .themes import ThemeRow, theme_row


@dataclass(frozen=True, slots=True)
class HomePage(PageView):
    """A page of the front page: what the digest covers, its themes, and a page of its
    articles as cards, newest first."""

    description: str
    counts: Counts
    themes: tuple[ThemeRow, ...]
    pager: Pager | None
    cards: tuple[Card, ...]


def home_page(made: Inputs, number: int, count: int, slugs: tuple[str, ...]) -> HomePage:
    """Page `number` of the `count` pages of the front page, showing the articles
    `slugs`."""
    config, site = made.config, made.site
    title = config.title if number == 1 else f"Articles, page {number} of {count}"
    page = frame(config, home_path(number), title, config.description)
    used = [e for e in site.themes if e.articles]
    return HomePage(
        page,
        description=config.description,
        counts=Counts(len(site.articles), len(site.authors), len(used)),
        themes=tuple(theme_row(e, page.root) for e in used),
        pager=pager(home_path, number, count, page.root, "Pages of articles"),
        cards=tuple(card(made.by_slug[s], page.root, config.remote_images) for s in slugs),
    )


@dataclass(frozen=True, slots=True)
class Counts:
    """How many articles, authors and themes (those any article is tagged with) the digest
    has."""

    articles: int
    authors: int
    themes: int


@dataclass(frozen=True, slots=True)
class ArchivePage(PageView):
    """Every article by month, newest first; undated articles last."""

    months: tuple[Month, ...]


def archive_page(made: Inputs) -> ArchivePage:
    """The archive: the articles grouped by month in site order, which is newest first
    with the undated last."""
    summary = f"Every article of {made.config.title} by month, newest first."
    page = frame(made.config, ARCHIVE, "Archive", summary)
    months: dict[str, list[DatedLink]] = {}
    for article in made.site.articles:
        date = date_view(article.date)
        months.setdefault(date.month if date else "Undated", []).append(
            DatedLink(**fields_of(article_link(article, page.root)), date=date)
        )
    return ArchivePage(
        page,
        months=tuple(
            Month(label, make_slug(label), tuple(articles)) for label, articles in months.items()
        ),
    )


@dataclass(frozen=True, slots=True)
class Month:
    """The articles of a month on the archive page, under a heading whose id is `id`."""

    label: str
    id: str
    articles: tuple[DatedLink, ...]


@dataclass(frozen=True, slots=True)
class DatedLink(ArticleLink):
    """An article as a link, with its date."""

    date: DateView | None


@dataclass(frozen=True, slots=True)
class SearchPage(PageView):
    """The search page: whether full-text search is on, the folders whose pages Pagefind
    indexes as one, and the filters."""

    full_text: bool
    merged: str
    filters: tuple[SearchFilter, ...]


def search_page(made: Inputs) -> SearchPage:
    """The search page: the query box and a choice of values per filter."""
    config = made.config
    choices: dict[str, set[str]] = {name: set() for name in FILTERS}
    for article in made.site.articles:
        for name, values in filters(article).items():
            choices[name].update(values)
    summary = f"Search the articles of {config.title}."
    return SearchPage(
        frame(config, SEARCH, "Search", summary),
        full_text=config.search,
        merged=" ".join(merged_folders(made.site)) if config.search else "",
        filters=tuple(
            SearchFilter(name, name.capitalize(), tuple(sorted(options)))
            for name, options in choices.items()
            if options
        ),
    )


@dataclass(frozen=True, slots=True)
class SearchFilter:
    """A filter of the search page (`name` is its query parameter) and its values."""

    name: str
    label: str
    options: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AboutPage(PageView):
    """The About page, its body HTML rendered from Markdown."""

    body: Markup


def about_page(made: Inputs) -> AboutPage:
    """The About page, written in Markdown (the config's `about` file)."""
    summary = f"How {made.config.title} was made and what its automatic fields mean."
    return AboutPage(frame(made.config, ABOUT, "About this digest", summary), body=made.about)


@dataclass(frozen=True, slots=True)
class NotFoundPage(PageView):
    """The 404 page: the themes to browse, and the site's folders for the script that finds
    the site's root (none with a base URL; see not_found_page)."""

    themes: tuple[ThemeRow, ...]
    site_folders: tuple[str, ...]


def not_found_page(made: Inputs) -> NotFoundPage:
    """The page a server shows for a missing path, at that path, at any depth.

    With a base URL its links start with the base URL's path. Without one they are
    written as from the site root, which works from disk and when the missing address
    is at the root's depth (`/missing`, `/<repository>/missing`); deeper, a script in
    the page finds the root and sets it as the page's `<base>` before any link is
    read: the part of the address before one of the site's own folders
    (`/<repository>/articles/an-old-title/`), else the server's root (`/a/b/missing`,
    as in `--serve` or on a user site). Links written from `/` instead would break
    from disk and on every project site; nothing in a page served for another address
    can tell the root for sure, so this is the most a page can do, and a project site
    sets its base URL.
    """
    summary = "There is no page at this address."
    page = frame(made.config, NOT_FOUND, "Page not found", summary)
    return NotFoundPage(
        page,
        themes=tuple(theme_row(e, page.root) for e in made.site.themes if e.articles),
        site_folders=() if made.config.base_url else tuple(page_folders()),
    )

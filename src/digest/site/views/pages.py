"""The site's HTML pages: each page's path, template, how to make its record, and what it
shows, of which its key is made (keys.page_key)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from markupsafe import Markup

from ...build.cache import Memo
from ...build.keys import digest_of, record_digest
from ...config import Config
from ...models.article import Article
from ...models.indexes import AuthorEntry, PersonEntry, Site, ThemeEntry
from ..urls import (
    ABOUT,
    ARCHIVE,
    AUTHORS,
    NOT_FOUND,
    PEOPLE,
    SEARCH,
    THEMES,
    TOPICS,
    article_path,
    author_path,
    home_path,
    person_path,
    theme_path,
)
from .article import article_page
from .claims import linked_slugs
from .frame import PageView
from .inputs import Inputs, inputs
from .people import author_page, authors_page, people_page, person_page
from .shown import as_card, as_claimed, as_link, as_linking, as_related, on_theme
from .site import about_page, archive_page, home_page, not_found_page, search_page
from .themes import theme_page, themes_page, topics_page


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML page to render: its output path, template, how to make its record, and
    what it shows (see Shown), of which its key is made: with the same (and the same
    config, templates and code) the page is the same."""

    path: str
    template: str
    view: Callable[[], PageView]
    shown: Callable[[], str]  # made only where keys are needed: not in a worker process

    def namespace(self) -> dict[str, Any]:
        """The names its template sees (see frame.PageView)."""
        return self.view().namespace()


def whole(path: str, template: str, view: Callable[[], PageView]) -> Page:
    """A page that shows what it sums up of the whole site (an index, the search page):
    its record, made once, is what it shows."""
    once = cache(view)
    return Page(path, template, once, lambda: repr(once()))


def chunks(slugs: tuple[str, ...], size: int) -> list[tuple[str, ...]]:
    """The slugs in runs of `size`, in order; one empty run when there are none."""
    return [slugs[i : i + size] for i in range(0, len(slugs), size)] or [()]


class Shown:
    """What each page of a site shows: what it is about, and, of each article it shows,
    what it shows of it (see shown), hashed. The hashes are kept in the memo under the
    way of showing and the article's record: a build after an edit makes only those of the
    articles that changed."""

    def __init__(self, made: Inputs, memo: Memo) -> None:
        self.made = made
        self.memo = memo
        self.records: dict[str, str] = {}
        self.themes: dict[str, str] = {}
        self.forms: dict[tuple[Callable[..., str], str], str] = {}  # this build's, by slug

    def record(self, slug: str) -> str:
        """A hash of an article's whole record, made once."""
        if slug not in self.records:
            self.records[slug] = record_digest(self.made.by_slug[slug])
        return self.records[slug]

    def form(self, way: Callable[[Article], str], slug: str) -> str:
        """A hash of what a page shows of an article shown `way`."""
        if (way, slug) not in self.forms:
            article = self.made.by_slug[slug]
            key = f"{way.__name__} {self.record(slug)}"
            self.forms[way, slug] = self.memo.get(key, lambda: digest_of(way(article)))
        return self.forms[way, slug]

    def on_theme(self, slug: str, theme_id: str) -> str:
        """A hash of what an article's card shows on the page of a theme (see shown.on_theme)."""
        article = self.made.by_slug[slug]
        return self.memo.get(
            f"on_theme {theme_id} {self.record(slug)}",
            lambda: digest_of(on_theme(article, self.made.hit(slug, theme_id))),
        )

    def home(self, number: int, count: int, slugs: tuple[str, ...]) -> str:
        """A page of the front page: what it says of the whole digest (counts, the themes any
        article has and how many each), its place among the pages, and its cards."""
        site = self.made.site
        used = [
            (e.theme.id, e.theme.label, e.theme.description, len(e.articles))
            for e in site.themes
            if e.articles
        ]
        overview = repr((len(site.articles), len(site.authors), used))
        return "\n".join((f"{overview} {number} of {count}", *self.forms_of(as_card, slugs)))

    def article(self, article: Article) -> str:
        """An article's page: its whole record, its related articles as links with their
        themes, and the claims its claims link to."""
        return "\n".join(
            (
                self.record(article.slug),
                *self.forms_of(as_related, article.related),
                *self.forms_of(as_claimed, linked_slugs([article])),
            )
        )

    def theme(self, entry: ThemeEntry, number: int, count: int, slugs: tuple[str, ...]) -> str:
        """A page of a theme: the theme, its place among the theme's pages, its articles as
        cards on the theme, their claims' links to the theme's articles and those articles'
        claims; the first page's charts show all of the theme's articles."""
        theme = entry.theme
        shown = [self.made.by_slug[slug] for slug in slugs]
        members = set(entry.articles)
        linked = [slug for slug in linked_slugs(shown) if slug in members]
        subject = f"{self.theme_digest(entry)} {number} of {count}, {len(entry.articles)}"
        if number == 1:
            subject += repr(self.made.coverages[theme.id])
        cards = (self.form(as_card, slug) + self.on_theme(slug, theme.id) for slug in slugs)
        links = self.forms_of(as_linking, slugs)
        return "\n".join((subject, *cards, *links, *self.forms_of(as_claimed, linked)))

    def theme_digest(self, entry: ThemeEntry) -> str:
        """A hash of a theme as the taxonomy has it, made once for all its pages."""
        if entry.theme.id not in self.themes:
            self.themes[entry.theme.id] = digest_of(repr(entry.theme))
        return self.themes[entry.theme.id]

    def author(self, entry: AuthorEntry) -> str:
        """An author's page: the author and their articles' cards."""
        return "\n".join((repr(entry), *self.forms_of(as_card, entry.articles)))

    def person(self, entry: PersonEntry) -> str:
        """A person's page: the person and what they said, and the titles of the articles
        they wrote, are quoted in or said it in."""
        said = sorted({s.article for s in entry.statements})
        slugs = (*entry.wrote, *entry.quoted_in, *said)
        return "\n".join((repr(entry), *self.forms_of(as_link, slugs)))

    def archive(self) -> str:
        """What the archive shows of each article: its title and date."""
        return repr([(a.slug, a.title, a.date) for a in self.made.site.articles])

    def forms_of(self, way: Callable[[Article], str], slugs: Iterable[str]) -> Iterator[str]:
        """What a page shows of each of these articles, shown `way`."""
        return (self.form(way, slug) for slug in slugs)


def site_pages(site: Site, config: Config, about: Markup, memo: Memo) -> Iterator[Page]:
    """Every HTML page of the site; what each shows hashed with the memo's help."""
    made = inputs(site, config, about)
    shown = Shown(made, memo)
    yield from home_pages(made, shown)
    yield whole(THEMES, "themes.html", partial(themes_page, made))
    yield whole(AUTHORS, "authors.html", partial(authors_page, made))
    yield whole(PEOPLE, "people.html", partial(people_page, made))
    yield whole(TOPICS, "topics.html", partial(topics_page, made))
    yield whole(NOT_FOUND, "404.html", partial(not_found_page, made))
    yield whole(SEARCH, "search.html", partial(search_page, made))
    yield Page(ARCHIVE, "archive.html", partial(archive_page, made), shown.archive)
    yield whole(ABOUT, "about.html", partial(about_page, made))
    for article in site.articles:
        view = partial(article_page, made, article)
        page_shown = partial(shown.article, article)
        yield Page(article_path(article.slug), "article.html", view, page_shown)
    yield from theme_pages(made, shown)
    yield from people_pages(made, shown)


def home_pages(made: Inputs, shown: Shown) -> Iterator[Page]:
    """The front page, and the numbered pages after it when the articles fill several."""
    parts = chunks(tuple(a.slug for a in made.site.articles), made.config.per_page)
    for number, part in enumerate(parts, start=1):
        view = partial(home_page, made, number, len(parts), part)
        yield Page(
            home_path(number), "index.html", view, partial(shown.home, number, len(parts), part)
        )


def theme_pages(made: Inputs, shown: Shown) -> Iterator[Page]:
    """Each theme's pages, its articles split over several when they are many."""
    for entry in made.site.themes:
        parts = chunks(entry.articles, made.config.per_page)
        for number, part in enumerate(parts, start=1):
            view = partial(theme_page, made, entry, number, len(parts), part)
            sourced = partial(shown.theme, entry, number, len(parts), part)
            yield Page(theme_path(entry.theme.id, number), "theme.html", view, sourced)


def people_pages(made: Inputs, shown: Shown) -> Iterator[Page]:
    """Each author's page, then each person's."""
    for author in made.site.authors:
        path = author_path(author.slug)
        yield Page(
            path, "author.html", partial(author_page, made, author), partial(shown.author, author)
        )
    for person in made.site.people:
        path = person_path(person.slug)
        yield Page(
            path, "person.html", partial(person_page, made, person), partial(shown.person, person)
        )

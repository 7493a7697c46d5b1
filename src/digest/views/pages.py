"""The site's HTML pages: each page's path, template, how to make its record, and its
sources, the fingerprint of what it shows that the cache keys it by."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from markupsafe import Markup

from ..article import Article
from ..config import Config
from ..indexes import AuthorEntry, PersonEntry, Site, ThemeEntry
from ..records import record_digest
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
from .site import about_page, archive_page, home_page, not_found_page, search_page
from .themes import theme_page, themes_page, topics_page


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML page to render: its output path, template, and how to make its record.

    `sources` fingerprints everything the record is made from, for a page that shows a
    few articles: with the same sources (and config and templates) the page is the same.
    A page that shows the whole site has none and is always rendered.
    """

    path: str
    template: str
    view: Callable[[], PageView]
    sources: str | None = None

    def namespace(self) -> dict[str, Any]:
        """The names its template sees (see frame.PageView)."""
        return self.view().namespace()


def chunks(slugs: tuple[str, ...], size: int) -> list[tuple[str, ...]]:
    """The slugs in runs of `size`, in order; one empty run when there are none."""
    return [slugs[i : i + size] for i in range(0, len(slugs), size)] or [()]


class Sources:
    """The sources of a site's pages: what a page is about, and the records it shows."""

    def __init__(self, made: Inputs) -> None:
        self.made = made
        self.digests = {a.slug: record_digest(a) for a in made.site.articles}

    def of(self, subject: str, slugs: Iterable[str]) -> str:
        """A page's sources: what it is about, and the records of the articles it shows."""
        parts = [subject, *(self.digests[slug] for slug in slugs)]
        return _hash("\n".join(parts))

    def home(self, number: int, count: int, slugs: tuple[str, ...]) -> str:
        """A page of the front page: what it says of the whole digest (counts, the themes any
        article has and how many each; its description is the config's, in every key), and
        its articles."""
        site = self.made.site
        used = [
            (e.theme.id, e.theme.label, e.theme.description, len(e.articles))
            for e in site.themes
            if e.articles
        ]
        overview = repr((len(site.articles), len(site.authors), used))
        return self.of(f"{overview} {number} of {count}", slugs)

    def article(self, article: Article) -> str:
        """An article: its record, and those of its related articles and of the articles
        its claims link to."""
        return self.of("", (article.slug, *article.related, *linked_slugs([article])))

    def theme(self, entry: ThemeEntry, number: int, count: int, slugs: tuple[str, ...]) -> str:
        """A page of a theme: the theme, its place among the theme's pages, its articles and
        those their claims link to; the first page's charts show all of the theme's
        articles."""
        subject = f"{entry.theme!r} {number} of {count}, {len(entry.articles)}"
        if number == 1:
            subject += repr(self.made.coverages[entry.theme.id])
        linked = linked_slugs(self.made.by_slug[slug] for slug in slugs)
        return self.of(subject, (*slugs, *linked))

    def author(self, entry: AuthorEntry) -> str:
        """An author's page: the author and their articles."""
        return self.of(repr(entry), entry.articles)

    def person(self, entry: PersonEntry) -> str:
        """A person's page: the person, and the articles they wrote or are quoted in."""
        return self.of(repr(entry), (*entry.wrote, *entry.quoted_in))

    def archive(self) -> str:
        """What the archive shows of each article: its title and date."""
        return _hash(repr([(a.slug, a.title, a.date) for a in self.made.site.articles]))


def site_pages(site: Site, config: Config, about: Markup) -> Iterator[Page]:
    """Every HTML page of the site."""
    made = inputs(site, config, about)
    sources = Sources(made)
    yield from home_pages(made, sources)
    yield Page(THEMES, "themes.html", partial(themes_page, made))
    yield Page(AUTHORS, "authors.html", partial(authors_page, made))
    yield Page(PEOPLE, "people.html", partial(people_page, made))
    yield Page(TOPICS, "topics.html", partial(topics_page, made))
    yield Page(NOT_FOUND, "404.html", partial(not_found_page, made))
    yield Page(SEARCH, "search.html", partial(search_page, made))
    yield Page(ARCHIVE, "archive.html", partial(archive_page, made), sources.archive())
    yield Page(ABOUT, "about.html", partial(about_page, made))
    for article in site.articles:
        view = partial(article_page, made, article)
        yield Page(article_path(article.slug), "article.html", view, sources.article(article))
    yield from theme_pages(made, sources)
    yield from people_pages(made, sources)


def home_pages(made: Inputs, sources: Sources) -> Iterator[Page]:
    """The front page, and the numbered pages after it when the articles fill several."""
    parts = chunks(tuple(a.slug for a in made.site.articles), made.config.per_page)
    for number, part in enumerate(parts, start=1):
        view = partial(home_page, made, number, len(parts), part)
        yield Page(home_path(number), "index.html", view, sources.home(number, len(parts), part))


def theme_pages(made: Inputs, sources: Sources) -> Iterator[Page]:
    """Each theme's pages, its articles split over several when they are many."""
    for entry in made.site.themes:
        parts = chunks(entry.articles, made.config.per_page)
        for number, part in enumerate(parts, start=1):
            view = partial(theme_page, made, entry, number, len(parts), part)
            sourced = sources.theme(entry, number, len(parts), part)
            yield Page(theme_path(entry.theme.id, number), "theme.html", view, sourced)


def people_pages(made: Inputs, sources: Sources) -> Iterator[Page]:
    """Each author's page, then each person's."""
    for author in made.site.authors:
        path = author_path(author.slug)
        yield Page(path, "author.html", partial(author_page, made, author), sources.author(author))
    for person in made.site.people:
        path = person_path(person.slug)
        yield Page(path, "person.html", partial(person_page, made, person), sources.person(person))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()

"""The small shapes many pages show: a date, and links to a person, a theme and an article,
each made by one function from what it links to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ...models.article import Article
from ..urls import article_path, theme_path


class Named(Protocol):
    """A person as the site names them: an author (article.Author, AuthorEntry), someone
    quoted (Quoted), anyone (PersonEntry)."""

    @property
    def name(self) -> str: ...

    @property
    def slug(self) -> str: ...


class Labelled(Protocol):
    """A theme as a page names it (taxonomy.Theme, ThemeHit)."""

    @property
    def id(self) -> str: ...

    @property
    def label(self) -> str: ...


@dataclass(frozen=True, slots=True)
class DateView:
    """An ISO date for <time datetime>, as readers read it ("14 March 2025"), and its
    month ("March 2025")."""

    iso: str
    text: str
    month: str


def date_view(date: str | None) -> DateView | None:
    """An ISO date as pages show it; None for none."""
    if not date:
        return None
    day = dt.date.fromisoformat(date)
    return DateView(iso=date, text=f"{day.day} {day:%B %Y}", month=f"{day:%B %Y}")


@dataclass(frozen=True, slots=True)
class PersonLink:
    """A person, linked to their author page or person page."""

    name: str
    href: str


def person_link(person: Named, page: Callable[[str], str], root: str) -> PersonLink:
    """A person as a link from a page at `root` to their page: `page` is urls.author_path
    or urls.person_path."""
    return PersonLink(person.name, root + page(person.slug))


@dataclass(frozen=True, slots=True)
class ThemeLink:
    """A theme, linked to its (first) page."""

    label: str
    href: str


def theme_link(theme: Labelled, root: str) -> ThemeLink:
    """A theme as a link from a page at `root`."""
    return ThemeLink(theme.label, root + theme_path(theme.id))


@dataclass(frozen=True, slots=True)
class ArticleLink:
    """An article as a plain link, titled with its title."""

    title: str
    href: str


def article_link(article: Article, root: str) -> ArticleLink:
    """An article as a link from a page at `root` (its title as its page titles it, which
    a card may not: see cards.card_text)."""
    return ArticleLink(article.title, root + article_path(article.slug))

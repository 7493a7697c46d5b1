"""What assembling makes: the Site, its articles in output order and the indexes across them."""

from __future__ import annotations

from dataclasses import dataclass

from ..analyse.taxonomy import Taxonomy, Theme
from ..problems import Problem
from .article import Article
from .documents import Skip


@dataclass(frozen=True, slots=True)
class AuthorEntry:
    """An author across the digest: the fullest bio any text gives, and their articles."""

    slug: str
    name: str
    bio: str
    articles: tuple[str, ...]  # article slugs, in site order


@dataclass(frozen=True, slots=True)
class Statement:
    """What a person is reported to have said, in one article."""

    article: str  # the article's slug
    text: str  # the sentence, verbatim
    paragraph: int  # its paragraph in the article (-1 when it cannot be placed)


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """A person across the digest, authors and quoted people alike, under one name however
    the texts spell it."""

    slug: str
    name: str  # the fullest spelling the texts give
    variants: tuple[str, ...]  # the other spellings, in order of first appearance
    roles: tuple[str, ...]  # the roles and affiliations the texts give, each once
    bio: str  # the longest bio given where they wrote ("" when none)
    wrote: tuple[str, ...]  # slugs of the articles they wrote, in site order (newest first)
    quoted_in: tuple[str, ...]  # slugs of the articles that quote them, in site order
    statements: tuple[Statement, ...]  # newest article first, in reading order within it


@dataclass(frozen=True, slots=True)
class Topic:
    """A subject the corpus keeps returning to that no theme of the taxonomy covers."""

    label: str
    phrases: tuple[str, ...]  # its most distinctive phrases, most distinctive first
    articles: tuple[str, ...]  # slugs of the articles that discuss it, most central first


@dataclass(frozen=True, slots=True)
class ThemeEntry:
    """A theme of the taxonomy and the articles tagged with it, highest score first."""

    theme: Theme
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Site:
    """All articles of a build, slugged and in output order, with the cross-indexes."""

    articles: tuple[Article, ...]
    skipped: tuple[Skip, ...] = ()
    taxonomy: Taxonomy = Taxonomy(themes=())
    authors: tuple[AuthorEntry, ...] = ()  # by slug
    themes: tuple[ThemeEntry, ...] = ()  # in taxonomy order, every theme
    people: tuple[PersonEntry, ...] = ()  # by slug: every author and quoted person once
    topics: tuple[Topic, ...] = ()  # subjects no theme covers, the largest first
    notices: tuple[Problem, ...] = ()  # the warnings not about one article

    @property
    def unmatched_themes(self) -> tuple[str, ...]:
        """Ids of taxonomy themes that no article was tagged with."""
        used = {hit.id for article in self.articles for hit in article.themes}
        return tuple(t.id for t in self.taxonomy.themes if t.id not in used)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The notices, then every article's warnings."""
        return self.notices + tuple(w for a in self.articles for w in a.warnings)

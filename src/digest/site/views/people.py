"""The pages of authors and people: the index of authors, an author's articles, the index
of everyone the digest names, and one person's roles, statements and articles."""

from __future__ import annotations

from dataclasses import dataclass

from ...models.indexes import AuthorEntry, PersonEntry, Statement
from ..urls import AUTHORS, PEOPLE, article_path, author_path, paragraph_anchor, person_path
from .cards import Card, card
from .frame import PageView, fields_of, frame
from .inputs import Inputs
from .links import ArticleLink, PersonLink, article_link, person_link

# Name endings that are not surnames, for sorting people by surname.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@dataclass(frozen=True, slots=True)
class AuthorsPage(PageView):
    """Every author, by surname."""

    authors: tuple[AuthorRow, ...]
    people_href: str


def authors_page(made: Inputs) -> AuthorsPage:
    """Every author, with their article count and bio."""
    page = frame(made.config, AUTHORS, "Authors", f"The writers of {made.config.title}.")
    authors = sorted(made.site.authors, key=lambda a: surname_key(a.name))
    return AuthorsPage(
        page,
        authors=tuple(author_row(a, page.root) for a in authors),
        people_href=page.root + PEOPLE,
    )


@dataclass(frozen=True, slots=True)
class AuthorRow(PersonLink):
    """An author on the authors index: how many articles they wrote, and their bio."""

    count: int
    bio: str


def author_row(author: AuthorEntry, root: str) -> AuthorRow:
    """An author on the authors index, linked to their page."""
    link = person_link(author, author_path, root)
    return AuthorRow(**fields_of(link), count=len(author.articles), bio=author.bio)


@dataclass(frozen=True, slots=True)
class AuthorPage(PageView):
    """An author: bio and articles."""

    bio: str
    cards: tuple[Card, ...]


def author_page(made: Inputs, entry: AuthorEntry) -> AuthorPage:
    """An author's page, their articles as cards in site order."""
    summary = entry.bio or f"Articles by {entry.name} in {made.config.title}."
    page = frame(made.config, author_path(entry.slug), entry.name, summary)
    remote = made.config.remote_images
    cards = tuple(card(made.by_slug[slug], page.root, remote) for slug in entry.articles)
    return AuthorPage(page, bio=entry.bio, cards=cards)


@dataclass(frozen=True, slots=True)
class PeoplePage(PageView):
    """Everyone the digest names, by surname."""

    people: tuple[PersonRow, ...]


def people_page(made: Inputs) -> PeoplePage:
    """Everyone the digest names: authors and the people their articles quote."""
    summary = f"The authors of {made.config.title} and the people their articles quote."
    page = frame(made.config, PEOPLE, "People", summary)
    people = sorted(made.site.people, key=lambda p: surname_key(p.name))
    return PeoplePage(page, people=tuple(person_row(p, page.root) for p in people))


@dataclass(frozen=True, slots=True)
class PersonRow(PersonLink):
    """A person on the people index: their first role, and how many articles they wrote
    and are quoted in."""

    role: str
    wrote: int
    quoted: int


def person_row(person: PersonEntry, root: str) -> PersonRow:
    """A person on the people index: name, first role, and how often they write and are
    quoted."""
    return PersonRow(
        **fields_of(person_link(person, person_path, root)),
        role=person.roles[0] if person.roles else "",
        wrote=len(person.wrote),
        quoted=len(person.quoted_in),
    )


@dataclass(frozen=True, slots=True)
class PersonPage(PageView):
    """A person: roles, other spellings, bio, statements, and the articles they wrote or
    are quoted in (newest first)."""

    roles: tuple[str, ...]
    variants: tuple[str, ...]
    bio: str
    statements: tuple[StatementView, ...]
    wrote: tuple[ArticleLink, ...]
    quoted_in: tuple[ArticleLink, ...]


def person_page(made: Inputs, person: PersonEntry) -> PersonPage:
    """A person: roles, what they are reported to have said, the articles that name them."""
    summary = f"{person.name} in {made.config.title}: what they wrote and said."
    page = frame(made.config, person_path(person.slug), person.name, summary)
    root = page.root
    return PersonPage(
        page,
        roles=person.roles,
        variants=person.variants,
        bio=person.bio,
        statements=tuple(statement(made, s, root) for s in person.statements),
        wrote=tuple(article_link(made.by_slug[slug], root) for slug in person.wrote),
        quoted_in=tuple(article_link(made.by_slug[slug], root) for slug in person.quoted_in),
    )


@dataclass(frozen=True, slots=True)
class StatementView:
    """What a person is reported to have said, linked to its place in `article` (a title)."""

    text: str
    href: str
    article: str


def statement(made: Inputs, said: Statement, root: str) -> StatementView:
    """A statement, linked to its paragraph (to its article when it cannot be placed)."""
    place = root + article_path(said.article)
    if said.paragraph >= 0:
        place += f"#{paragraph_anchor(said.paragraph)}"
    return StatementView(said.text, place, made.by_slug[said.article].title)


def surname_key(name: str) -> tuple[str, str]:
    """Sort people by surname, then by the whole name ("Jr." and "III" are not surnames)."""
    words = [w for w in name.split() if w.rstrip(".,").lower() not in NAME_SUFFIXES]
    return ((words or [name])[-1].casefold(), name.casefold())

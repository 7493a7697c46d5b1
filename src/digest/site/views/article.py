"""An article's page: everything extracted, the body with its key claims marked, and the
page's JSON-LD."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ...models.article import Article, Author, Quoted, RemovedLine, ThemeHit
from ...models.documents import EDITABLE_FIELDS
from ...text import shorten
from ..urls import absolute, article_path, author_path, person_path
from .body import Paragraph, marked_body
from .cards import headline, kind_label, note_html
from .claims import ClaimGroup, claim_groups, linked_slugs
from .frame import PageView, fields_of, frame
from .inputs import Inputs
from .links import (
    ArticleLink,
    DateView,
    PersonLink,
    ThemeLink,
    article_link,
    date_view,
    person_link,
    theme_link,
)
from .people import surname_key

# Words a reader reads a minute, for the reading time shown.
WORDS_PER_MINUTE = 230
# schema.org headlines longer than this are cut (what search engines show).
HEADLINE_CHARS = 110
# An article this long gets a table of contents: about three screens of text, where a
# reader starts to lose the page's sections.
TOC_WORDS = 600


@dataclass(frozen=True, slots=True)
class ArticlePage(PageView):
    """An article's page."""

    article: ArticleView


def article_page(made: Inputs, article: Article) -> ArticlePage:
    """An article page: everything extracted, the body with its claims marked."""
    path = article_path(article.slug)
    page = frame(
        made.config,
        path,
        article.title,
        article.thesis,
        og_type="article",
        jsonld=jsonld(article, made.config.base_url),
    )
    related = [made.by_slug[slug] for slug in article.related]
    linked = {slug: made.by_slug[slug] for slug in linked_slugs([article])}
    view = article_view(article, related, page.root, made.config.remote_images, linked)
    return ArticlePage(page, view)


@dataclass(frozen=True, slots=True)
class ArticleView:
    """Everything the article template shows of the article; `edited` tells, by field,
    which an editor set; `pieces` when it lists pieces (a profile or listing) rather than
    arguing a case, and so has no thesis or claims."""

    title: str
    edited: Mapping[str, bool]
    date: DateView | None
    note: Markup | None
    kind: str
    authors: tuple[AuthorBio, ...]
    byline: tuple[PersonLink, ...]
    publisher: str
    source: str
    source_url: str
    word_count: int
    minutes: int
    thesis: str
    claim_groups: tuple[ClaimGroup, ...]
    pieces: bool
    themes: tuple[ThemeScore, ...]
    paragraphs: tuple[Paragraph, ...]
    quoted: tuple[QuotedPerson, ...]
    related: tuple[RelatedLink, ...]
    removed: tuple[RemovedLine, ...]

    @property
    def toc(self) -> tuple[TocEntry, ...]:
        """The page's table of contents (see table_of_contents)."""
        return table_of_contents(self)


def article_view(
    article: Article,
    related: Sequence[Article],
    root: str,
    remote_images: bool,
    linked: Mapping[str, Article],
) -> ArticleView:
    """Everything the article template shows, links relative to the article page; `linked`
    holds the articles its claims link to, by slug."""
    argued = article.argues
    return ArticleView(
        title=headline(article),
        edited={field: field in article.overridden for field in EDITABLE_FIELDS},
        date=date_view(article.date),
        note=note_html(article.note, remote_images),
        kind=kind_label(article),
        authors=tuple(
            author_bio(a, root) for a in sorted(article.authors, key=lambda a: surname_key(a.name))
        ),
        byline=tuple(person_link(a, author_path, root) for a in article.authors),
        publisher=article.publisher or "",
        source=article.source,
        source_url=article.source_url or "",
        word_count=article.word_count,
        minutes=max(1, round(article.word_count / WORDS_PER_MINUTE)),
        thesis=article.thesis if argued else "",
        claim_groups=claim_groups(article.claims, linked, root) if argued else (),
        pieces=not argued,
        themes=tuple(theme_score(hit, root) for hit in article.themes),
        paragraphs=marked_body(article, remote_images),
        quoted=tuple(quoted_person(q, root) for q in article.quoted),
        related=tuple(related_link(article, other, root) for other in related),
        removed=article.removed,
    )


@dataclass(frozen=True, slots=True)
class AuthorBio(PersonLink):
    """An author with their bio, to print after their linked name (see bio_after_name)."""

    bio: str


def author_bio(author: Author, root: str) -> AuthorBio:
    """An author of the article, linked, with their bio."""
    link = person_link(author, author_path, root)
    return AuthorBio(**fields_of(link), bio=bio_after_name(author.name, author.bio))


def bio_after_name(name: str, bio: str) -> str:
    """A bio to print after the person's linked name: a bio that opens with the name goes on
    from it ("Ann Lee is a fellow..."), any other follows a colon."""
    if not bio:
        return ""
    if bio.startswith(name):
        return bio[len(name) :]
    return f": {bio}"


@dataclass(frozen=True, slots=True)
class ThemeScore(ThemeLink):
    """A theme of the article, with its score and the sentences that show it."""

    score: str
    evidence: tuple[str, ...]


def theme_score(hit: ThemeHit, root: str) -> ThemeScore:
    """A theme of the article: its link, score (to two places) and evidence."""
    return ThemeScore(
        **fields_of(theme_link(hit, root)), score=f"{hit.score:.2f}", evidence=hit.evidence
    )


@dataclass(frozen=True, slots=True)
class QuotedPerson(PersonLink):
    """Someone the article quotes, with the role or affiliation it gives them."""

    affiliation: str


def quoted_person(quoted: Quoted, root: str) -> QuotedPerson:
    """Someone the article quotes, linked to their person page."""
    link = person_link(quoted, person_path, root)
    return QuotedPerson(**fields_of(link), affiliation=quoted.affiliation)


@dataclass(frozen=True, slots=True)
class RelatedLink(ArticleLink):
    """A related article, with the labels of the themes the two share."""

    shared: tuple[str, ...]


def related_link(article: Article, other: Article, root: str) -> RelatedLink:
    """A related article, with the themes the two share."""
    mine = {h.id for h in article.themes}
    shared = tuple(h.label for h in other.themes if h.id in mine)
    return RelatedLink(**fields_of(article_link(other, root)), shared=shared)


@dataclass(frozen=True, slots=True)
class TocEntry:
    """A section of a long article page in its table of contents."""

    href: str
    label: str


def table_of_contents(view: ArticleView) -> tuple[TocEntry, ...]:
    """The sections of a long article page, in page order, for its table of contents."""
    if view.word_count < TOC_WORDS:
        return ()
    sections = (
        ("thesis", "Thesis", view.thesis),
        ("claims", "Key claims", view.claim_groups),
        ("text", "Pieces" if view.pieces else "Text", True),
        ("themes", "Themes", view.themes),
        ("authors", "About the author" + ("s" if len(view.authors) > 1 else ""), view.authors),
        ("quoted", "People quoted", view.quoted),
        ("related", "Related articles", view.related),
        ("removed", "Removed lines and source", True),
    )
    return tuple(TocEntry(f"#{key}-heading", label) for key, label, shown in sections if shown)


def jsonld(article: Article, base_url: str) -> dict[str, Any]:
    """schema.org Article metadata; URLs only where a base URL makes them absolute."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": shorten(article.title, HEADLINE_CHARS),
        "description": article.thesis,
        "wordCount": article.word_count,
        "author": [
            {"@type": "Person", "name": a.name} | _url(absolute(base_url, author_path(a.slug)))
            for a in article.authors
        ],
        "keywords": [h.label for h in article.themes],
    }
    if article.publisher:
        data["publisher"] = {"@type": "Organization", "name": article.publisher}
    if article.date:
        data["datePublished"] = article.date
    if article.source_url:
        data["isBasedOn"] = article.source_url
    return data | _url(absolute(base_url, article_path(article.slug)))


def _url(url: str) -> dict[str, str]:
    return {"url": url} if url else {}

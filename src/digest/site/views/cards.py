"""An article as a card, as lists show it (front page, author pages), and as a theme page
shows it: with its claims on the theme and the evidence that it is on the theme."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ...md import render
from ...models.article import KIND_LABELS, Article, ThemeHit
from ...text import shorten
from ..urls import article_path, author_path
from .claims import CLAIM_KINDS, claim_href
from .frame import fields_of
from .links import DateView, PersonLink, ThemeLink, date_view, person_link, theme_link

# A claim's kind as a tag beside it on a theme page.
KIND_NAMES = {kind: tag for kind, _, tag in CLAIM_KINDS}
# Claims a card on a theme page shows before folding the rest: enough to see what the
# article argues on the theme, few enough that fifty cards stay a page a reader can scan.
CLAIMS_SHOWN = 2
# A teaser on a card of a profile or listing is cut to this many characters: a line or two.
TEASER_CHARS = 140
# Teasers a card of a profile or listing shows: enough to say what the page lists.
CARD_TEASERS = 3


@dataclass(frozen=True, slots=True)
class Card:
    """An article as a card: headline, byline, thesis (or a profile's or listing's first
    teasers), editor's note and theme chips."""

    title: str
    href: str
    kind: str
    authors: tuple[PersonLink, ...]
    publisher: str
    date: DateView | None
    note: Markup | None
    themes: tuple[ThemeLink, ...]
    thesis: str
    teasers: tuple[str, ...]


def card(article: Article, root: str, remote_images: bool) -> Card:
    """An article as a card, links relative to `root`; no sentence twice."""
    title, thesis, teasers = card_text(article)
    return Card(
        title=title,
        href=root + article_path(article.slug),
        kind=kind_label(article),
        authors=tuple(person_link(a, author_path, root) for a in article.authors),
        publisher=article.publisher or "",
        date=date_view(article.date),
        note=note_html(article.note, remote_images),
        themes=tuple(theme_link(hit, root) for hit in article.themes),
        thesis=thesis,
        teasers=teasers,
    )


def card_text(article: Article) -> tuple[str, str, tuple[str, ...]]:
    """A card's headline, thesis and teasers, never the same sentence twice: the title and
    thesis, or the thesis alone as the headline when the title was derived from it; for a
    profile or listing, its headline and first teasers."""
    if not article.argues:
        teasers = article.paragraphs[:CARD_TEASERS]
        return headline(article), "", tuple(shorten(t, TEASER_CHARS) for t in teasers)
    if article.title_source == "derived":
        return article.thesis, "", ()
    return article.title, article.thesis, ()


def headline(article: Article) -> str:
    """What a page or card is headed with: the title, except for a profile or listing whose
    title was derived from its first teaser; it is headed by what it lists."""
    if article.argues or article.title_source != "derived":
        return article.title
    names = [a.name for a in article.authors]
    if article.kind == "profile" and names:
        return f"Pieces by {' and '.join(names)}"
    where = f" from {article.publisher}" if article.publisher else ""
    return f"A list of {len(article.paragraphs)} pieces{where}"


def kind_label(article: Article) -> str:
    """What kind of piece an article is, as a page tags it; "" for an article."""
    return KIND_LABELS[article.kind] if article.kind != "article" else ""


def note_html(note: str | None, remote_images: bool = False) -> Markup | None:
    """An editor's note, Markdown rendered to HTML; raw HTML in it is escaped."""
    return Markup(render(note, 2, remote_images)) if note else None


@dataclass(frozen=True, slots=True)
class ThemeClaim:
    """A claim on a theme, tagged with its kind, linked to its place in the article."""

    text: str
    kind: str
    href: str


@dataclass(frozen=True, slots=True)
class ThemeCard(Card):
    """A card on a theme page: the article's score for the theme, its claims on the theme
    (the first few, and the rest folded), and the evidence that it is on the theme;
    `edited` when an editor set the theme."""

    score: str
    claims: tuple[ThemeClaim, ...]
    more_claims: tuple[ThemeClaim, ...]
    evidence: tuple[str, ...]
    edited: bool


def theme_card(article: Article, hit: ThemeHit, root: str, remote_images: bool) -> ThemeCard:
    """An article's card on the page of a theme it has `hit`: its claims on the theme by
    kind, and the evidence; a sentence the card already shows (the thesis, a claim) is not
    said again."""
    order = {kind: n for n, (kind, *_) in enumerate(CLAIM_KINDS)}
    on_theme = sorted(hit.claims, key=lambda i: (order[article.claims[i].kind], i))
    rows = [
        ThemeClaim(
            article.claims[i].text, KIND_NAMES[article.claims[i].kind], claim_href(article, i, root)
        )
        for i in on_theme
        if article.argues and article.claims[i].text not in article.thesis
    ]
    said = {article.thesis, *(row.text for row in rows)}
    return ThemeCard(
        **fields_of(card(article, root, remote_images)),
        score=f"{hit.score:.2f}",
        claims=tuple(rows[:CLAIMS_SHOWN]),
        more_claims=tuple(rows[CLAIMS_SHOWN:]),
        evidence=tuple(sentence for sentence in hit.evidence if sentence not in said),
        edited=not hit.evidence,
    )

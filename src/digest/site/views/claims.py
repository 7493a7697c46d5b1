"""How claims read on the pages: an article's key claims by kind, each with the claims of
other articles that make the same point or the opposite; on a theme page, those pairs among
its articles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ...models.article import Article, Claim, ClaimLink, ClaimRelation
from ..urls import article_path, claim_anchor
from .frame import fields_of

# The kinds of claim, in the order pages list them, each with its heading (plural) and its
# tag beside one claim (singular).
CLAIM_KINDS = (
    ("fact", "Facts", "Fact"),
    ("assessment", "Assessments", "Assessment"),
    ("forecast", "Forecasts", "Forecast"),
    ("recommendation", "Recommendations", "Recommendation"),
)
RELATION_LABELS: dict[ClaimRelation, str] = {
    "agrees": "Agrees with",
    "conflicts": "Conflicts with",
}
# Pairs shown per relation on a page of a theme: the strongest links are enough to show
# where the articles meet and part; the rest are on the articles' own pages.
PAIRS_PER_PAGE = 12


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """The key claims of one kind, under its heading."""

    kind: str
    label: str
    claims: tuple[KeyClaim, ...]


@dataclass(frozen=True, slots=True)
class KeyClaim:
    """A key claim: a link to its place in the body, its paragraph's number, the claims
    of other articles that agree or conflict with it, and how many, in words."""

    text: str
    href: str
    paragraph: int
    links: tuple[LinkedClaim, ...]
    links_summary: str


def claim_groups(
    claims: Sequence[Claim], linked: Mapping[str, Article], root: str
) -> tuple[ClaimGroup, ...]:
    """The key claims grouped by kind, each linking to its place in the body, with the
    claims of other articles that agree or conflict with it."""
    groups = []
    for kind, label, _ in CLAIM_KINDS:
        members = tuple(
            KeyClaim(
                text=c.text,
                href=f"#{claim_anchor(i)}",
                paragraph=c.paragraph + 1,
                links=claim_links(c.links, linked, root),
                links_summary=links_summary(c.links),
            )
            for i, c in enumerate(claims)
            if c.kind == kind
        )
        if members:
            groups.append(ClaimGroup(kind, label, members))
    return tuple(groups)


def links_summary(links: Sequence[ClaimLink]) -> str:
    """How a claim's links read folded: "2 other articles agree, 1 disagrees"."""
    agree = sum(link.relation == "agrees" for link in links)
    differ = len(links) - agree
    parts = [f"{agree} agree{'s' if agree == 1 else ''}"] if agree else []
    parts += [f"{differ} disagree{'s' if differ == 1 else ''}"] if differ else []
    other = "other article" if len(links) == 1 else "other articles"
    return f"{len(links)} {other}: " + ", ".join(parts)


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """A claim as a link to where it stands in its article, titled `article`."""

    text: str
    article: str
    href: str


def claim_ref(article: Article, index: int, root: str) -> ClaimRef:
    """A claim as a link to where it stands in its article."""
    return ClaimRef(article.claims[index].text, article.title, claim_href(article, index, root))


def claim_href(article: Article, index: int, root: str) -> str:
    """The address of an article's claim, where it stands in the article's text."""
    return f"{root}{article_path(article.slug)}#{claim_anchor(index)}"


@dataclass(frozen=True, slots=True)
class LinkedClaim(ClaimRef):
    """A claim of another article that agrees or conflicts with one on this page."""

    relation: ClaimRelation
    label: str


def claim_links(
    links: Iterable[ClaimLink], by_slug: Mapping[str, Article], root: str
) -> tuple[LinkedClaim, ...]:
    """A claim's links, as the article page lists them under it."""
    return tuple(
        LinkedClaim(
            **fields_of(claim_ref(by_slug[link.article], link.claim, root)),
            relation=link.relation,
            label=RELATION_LABELS[link.relation],
        )
        for link in links
    )


@dataclass(frozen=True, slots=True)
class ClaimPair:
    """Two claims that agree or conflict, one in an article the page shows."""

    one: ClaimRef
    other: ClaimRef


def claim_pairs(
    shown: Iterable[Article],
    relation: ClaimRelation,
    on_theme: Mapping[str, Article],
    root: str,
) -> tuple[ClaimPair, ...]:
    """Pairs of claims in `relation`, one of each pair in an article shown on the page, the
    other in any article of the theme (`on_theme`, by slug); each pair once."""
    pairs: list[ClaimPair] = []
    seen: set[frozenset[tuple[str, int]]] = set()
    for article in shown:
        for i, claim in enumerate(article.claims):
            for link in claim.links:
                pair = frozenset({(article.slug, i), (link.article, link.claim)})
                if link.relation != relation or link.article not in on_theme or pair in seen:
                    continue
                seen.add(pair)
                other = on_theme[link.article]
                pairs.append(
                    ClaimPair(claim_ref(article, i, root), claim_ref(other, link.claim, root))
                )
                if len(pairs) == PAIRS_PER_PAGE:
                    return tuple(pairs)
    return tuple(pairs)


def linked_slugs(articles: Iterable[Article]) -> tuple[str, ...]:
    """The slugs of the articles the articles' claims link to, each once, sorted."""
    return tuple(sorted({link.article for a in articles for c in a.claims for link in c.links}))

"""How claim links read on the pages: under a claim, the claims of other articles that make
the same point or the opposite; on a theme page, those pairs among its articles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .models import Article, ClaimLink, ClaimRelation
from .urls import article_path, claim_anchor

Context = dict[str, Any]

RELATION_LABELS: dict[ClaimRelation, str] = {
    "agrees": "Agrees with",
    "conflicts": "Conflicts with",
}
# Pairs shown per relation on a page of a theme: the strongest links are enough to show
# where the articles meet and part; the rest are on the articles' own pages.
PAIRS_PER_PAGE = 12


def linked_slugs(articles: Iterable[Article]) -> tuple[str, ...]:
    """The slugs of the articles the articles' claims link to, each once, sorted."""
    return tuple(sorted({link.article for a in articles for c in a.claims for link in c.links}))


def claim_ref(article: Article, index: int, root: str) -> Context:
    """A claim as a link to where it stands in its article."""
    return {
        "text": article.claims[index].text,
        "article": article.title,
        "href": f"{root}{article_path(article.slug)}#{claim_anchor(index)}",
    }


def claim_links(
    links: Iterable[ClaimLink], by_slug: Mapping[str, Article], root: str
) -> list[Context]:
    """A claim's links, as the article page lists them under it."""
    return [
        {
            "relation": link.relation,
            "label": RELATION_LABELS[link.relation],
            **claim_ref(by_slug[link.article], link.claim, root),
        }
        for link in links
    ]


def claim_pairs(
    shown: Iterable[Article],
    relation: ClaimRelation,
    on_theme: Mapping[str, Article],
    root: str,
) -> list[Context]:
    """Pairs of claims in `relation`, one of each pair in an article shown on the page, the
    other in any article of the theme (`on_theme`, by slug); each pair once."""
    pairs: list[Context] = []
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
                    {
                        "one": claim_ref(article, i, root),
                        "other": claim_ref(other, link.claim, root),
                    }
                )
                if len(pairs) == PAIRS_PER_PAGE:
                    return pairs
    return pairs

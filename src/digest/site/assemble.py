"""Assemble the build's articles into a Site: slugs, related articles, and the cross-indexes."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import partial

from ..analyse.people import gather_people
from ..analyse.tagging import matchers
from ..analyse.taxonomy import Taxonomy
from ..build.cache import ClaimLinks, Memo
from ..build.keys import claims_key, leaders_key, related_key, topics_key
from ..models.article import Article
from ..models.documents import Skip
from ..models.indexes import AuthorEntry, Site, ThemeEntry, Topic
from ..problems import Problem
from ..text import make_slug

# Related articles shown per article.
RELATED = 4
# Candidates for related articles are each shared theme's highest-scoring articles only, so
# the cost grows with the number of articles, not with its square.
CANDIDATES_PER_THEME = 50


def assemble(
    articles: Iterable[Article],
    skipped: Iterable[Skip],
    taxonomy: Taxonomy,
    notices: Iterable[Problem] = (),
    memo: Memo | None = None,
    previous_slugs: Mapping[str, str] | None = None,
    links_memo: Memo | None = None,
    topics_memo: Memo | None = None,
) -> Site:
    """Slug the articles and the people they name, order them newest first, and index them.

    Slugs come from titles, or are the ones editors pinned, and stay what the previous
    build gave them (see stable_slugs).
    Related articles already found by an earlier build, for the same theme scores among
    the same candidates, come from the memo; claim links found for the same claims of the
    same articles, from `links_memo`; the topics found for the same articles and taxonomy,
    from `topics_memo`.
    """
    slugged = _slugged(articles, previous_slugs or {}, memo or Memo({}))
    people = gather_people(slugged)
    final = linked([_with_people(a, people.slug_of) for a in slugged], links_memo or Memo({}))
    return Site(
        notices=tuple(notices),
        articles=final,
        skipped=tuple(sorted(skipped, key=lambda s: s.source)),
        taxonomy=taxonomy,
        authors=author_entries(final),
        themes=theme_entries(final, taxonomy),
        people=people.entries,
        topics=uncovered(final, taxonomy, topics_memo or Memo({})),
    )


def _slugged(
    articles: Iterable[Article], previous_slugs: Mapping[str, str], memo: Memo
) -> list[Article]:
    """The articles newest first, each with its slug and its related articles."""
    ordered = sorted(articles, key=lambda a: a.source)
    wanted = [(a.source, a.slug or make_slug(a.title)) for a in ordered]
    pinned = frozenset(a.source for a in ordered if a.slug)
    slugs = stable_slugs(wanted, previous_slugs, pinned)
    slug_of = {a.source: slug for a, slug in zip(ordered, slugs, strict=True)}
    shown = with_pin_warnings(newest_first(ordered), slug_of)
    scores = {slug_of[a.source]: {h.id: h.score for h in a.themes} for a in shown}
    related = related_slugs(scores, memo)
    return [
        replace(article, slug=(slug := slug_of[article.source]), related=related[slug])
        for article in shown
    ]


def _with_people(article: Article, person: Mapping[str, str]) -> Article:
    """The article with the slugs of its authors and of the people it quotes."""
    return replace(
        article,
        authors=tuple(replace(a, slug=person[a.name]) for a in article.authors),
        quoted=tuple(replace(q, slug=person[q.name]) for q in article.quoted),
    )


def linked(articles: list[Article], memo: Memo) -> tuple[Article, ...]:
    """The articles with their claims' links: found again only when a claim or a slug has
    changed since a build the memo remembers (finding them is the costliest step here).

    Only the claims of articles that argue a case are linked: a profile's or a listing's
    sentences come from teasers of several pieces."""
    key = claims_key(articles)

    def found() -> ClaimLinks:
        # Imported here: scikit-learn takes a second to import, which a build whose links
        # are kept, a worker process and `--help` need not pay.
        from ..analyse.claim_links import link_claims

        argued = {a.slug: a for a in link_claims([a for a in articles if a.argues])}
        return tuple(tuple(c.links for c in argued.get(a.slug, a).claims) for a in articles)

    links: ClaimLinks = memo.get(key, found)
    return tuple(
        replace(a, claims=tuple(replace(c, links=ls) for c, ls in zip(a.claims, per, strict=True)))
        if a.claims
        else a
        for a, per in zip(articles, links, strict=True)
    )


def uncovered(articles: tuple[Article, ...], taxonomy: Taxonomy, memo: Memo) -> tuple[Topic, ...]:
    """The subjects the articles discuss that no theme covers: found again only when an
    article or the taxonomy has changed since a build the memo remembers."""
    key = topics_key(taxonomy, articles)

    def found() -> tuple[Topic, ...]:
        from ..analyse.topics import (
            discover_topics,  # imported here, as scikit-learn is (see linked)
        )

        return discover_topics(articles, matchers(taxonomy))

    topics: tuple[Topic, ...] = memo.get(key, found)
    return topics


def stable_slugs(
    wanted: Sequence[tuple[str, str]],
    previous: Mapping[str, str],
    pinned: frozenset[str] = frozenset(),
) -> list[str]:
    """A unique slug for each (source file, slug of its title or the one pinned), in order.

    A pinned slug (an editor's `slug:`) is the file's, whatever its title and the previous
    build; of files that pin the same slug, the first in order gets it. Another file keeps
    the slug the previous build gave it while that still fits its title (the title's slug,
    or it with a numeric suffix) and no file pins it. The others get their slug, with the
    first free suffix ("-2", "-3") where it is taken. So a new file with an existing title
    gets the suffix, and the article that had the plain slug keeps its URL and feed id.
    """
    kept: dict[str, str] = {}
    taken: set[str] = set()
    for source, slug in wanted:
        if source in pinned and slug not in taken:
            kept[source] = slug
            taken.add(slug)
    for source, slug in wanted:
        if source in pinned:
            continue
        old = previous.get(source, "")
        suffix = old.removeprefix(f"{slug}-")
        if old not in taken and (old == slug or (suffix != old and suffix.isdigit())):
            kept[source] = old
            taken.add(old)
    result = []
    for source, slug in wanted:
        candidate, number = kept.get(source, slug), 1
        while source not in kept and candidate in taken:
            number += 1
            candidate = f"{slug}-{number}"
        taken.add(candidate)
        result.append(candidate)
    return result


def with_pin_warnings(articles: list[Article], slug_of: Mapping[str, str]) -> list[Article]:
    """The articles, each whose pinned slug another file pinned first warned of it."""
    holder = {slug: source for source, slug in slug_of.items()}
    return [
        replace(
            a,
            warnings=(
                *a.warnings,
                Problem(
                    a.source,
                    None,
                    "slug-taken",
                    f"slug: {a.slug!r} is pinned by {holder[a.slug]} too; this article's "
                    f"slug is {slug_of[a.source]!r}",
                ),
            ),
        )
        if a.slug and a.slug != slug_of[a.source]
        else a
        for a in articles
    ]


def newest_first(articles: Sequence[Article]) -> list[Article]:
    """Dated articles newest first, then undated ones, each group in the order given."""
    dated = sorted((a for a in articles if a.date), key=lambda a: a.date or "", reverse=True)
    return dated + [a for a in articles if not a.date]


def theme_entries(articles: Sequence[Article], taxonomy: Taxonomy) -> tuple[ThemeEntry, ...]:
    """Every theme of the taxonomy with its articles: newest first, then undated ones, each
    group by score, highest first, then by slug."""
    scored: dict[str, list[tuple[float, str, Article]]] = defaultdict(list)
    for article in articles:
        for hit in article.themes:
            scored[hit.id].append((-hit.score, article.slug, article))
    return tuple(
        ThemeEntry(
            theme, tuple(a.slug for a in newest_first([a for *_, a in sorted(scored[theme.id])]))
        )
        for theme in taxonomy.themes
    )


def related_slugs(scores: dict[str, dict[str, float]], memo: Memo) -> dict[str, tuple[str, ...]]:
    """For each article (slug: its theme scores), the articles that share the most theme
    weight with it, closest first.

    An article's related articles depend only on its slug, its theme scores, and the
    candidates of its themes with their scores; the memo keeps them under a hash of those.
    """
    ranked: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for slug, hits in scores.items():
        for theme_id, score in hits.items():
            ranked[theme_id].append((-score, slug))
    leaders = {
        theme_id: [
            (slug, -negative) for negative, slug in heapq.nsmallest(CANDIDATES_PER_THEME, entries)
        ]
        for theme_id, entries in ranked.items()
    }
    field = {theme_id: leaders_key(entries) for theme_id, entries in leaders.items()}

    def related(slug: str) -> tuple[str, ...]:
        closeness: dict[str, float] = defaultdict(float)
        for theme_id, score in scores[slug].items():
            for other, theirs in leaders[theme_id]:
                closeness[other] += score if score < theirs else theirs
        closeness.pop(slug, None)
        best = heapq.nsmallest(RELATED, [(-weight, other) for other, weight in closeness.items()])
        return tuple(other for _, other in best)

    return {
        slug: memo.get(related_key(slug, hits, [field[t] for t in hits]), partial(related, slug))
        for slug, hits in scores.items()
    }


def author_entries(articles: tuple[Article, ...]) -> tuple[AuthorEntry, ...]:
    """Every author once, by slug, with the longest bio the texts give."""
    people = _people((a.slug, p.slug, p.name, p.bio) for a in articles for p in a.authors)
    return tuple(AuthorEntry(*person) for person in people)


def _people(
    mentions: Iterable[tuple[str, str, str, str]],
) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """Merge (article, person slug, name, detail) mentions into one row per person slug.

    A person keeps the first spelling of their name, the longest detail (bio or
    affiliation) any article gives, and each article once, in site order.
    """
    names: dict[str, str] = {}
    details: dict[str, str] = defaultdict(str)
    where: dict[str, dict[str, None]] = defaultdict(dict)
    for article, slug, name, detail in mentions:
        names.setdefault(slug, name)
        details[slug] = max(details[slug], detail, key=len)
        where[slug][article] = None
    return [(slug, names[slug], details[slug], tuple(where[slug])) for slug in sorted(names)]

"""Assemble the build's articles into a Site: stable unique slugs, authors slugged."""

from __future__ import annotations

from dataclasses import replace

from .models import Article, Site, Skip, Taxonomy
from .text import make_slug, unique_slugs


def assemble(articles: list[Article], skipped: list[Skip], taxonomy: Taxonomy) -> Site:
    """Order articles by source, give each a unique slug, and slug their authors.

    Slugs come from titles; a repeated title gets a numeric suffix in source order, so a
    slug stays the same across rebuilds of the same folder.
    """
    ordered = sorted(articles, key=lambda a: a.source)
    slugs = unique_slugs(make_slug(a.title) for a in ordered)
    slugged = tuple(
        replace(
            article,
            slug=slug,
            authors=tuple(replace(a, slug=make_slug(a.name)) for a in article.authors),
        )
        for article, slug in zip(ordered, slugs, strict=True)
    )
    skips = tuple(sorted(skipped, key=lambda s: s.source))
    return Site(articles=slugged, skipped=skips, taxonomy=taxonomy)

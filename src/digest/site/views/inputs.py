"""What the pages are made from, looked up by many of them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from ...config import Config
from ...models.article import Article, ThemeHit
from ...models.indexes import Site
from .charts import Coverage, coverage


@dataclass(frozen=True, slots=True)
class Inputs:
    """The site and config, the About page's HTML, the articles by slug, and what each
    theme's charts show, by theme id (see charts.Coverage)."""

    site: Site
    config: Config
    about: Markup
    by_slug: Mapping[str, Article]
    coverages: Mapping[str, Coverage]

    def hit(self, slug: str, theme_id: str) -> ThemeHit:
        """An article's hit for a theme it is tagged with."""
        return next(h for h in self.by_slug[slug].themes if h.id == theme_id)


def inputs(site: Site, config: Config, about: Markup) -> Inputs:
    """The inputs of a site's pages."""
    by_slug = {a.slug: a for a in site.articles}
    names = {author.slug: author.name for author in site.authors}
    return Inputs(
        site=site,
        config=config,
        about=about,
        by_slug=by_slug,
        coverages={
            entry.theme.id: coverage([by_slug[slug] for slug in entry.articles], names)
            for entry in site.themes
        },
    )

"""The pages of themes and topics: the themes index, a theme's pages, and the subjects no
theme covers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from ...models.indexes import ThemeEntry
from ..charts import Chart
from ..urls import THEMES, TOPICS, theme_path
from .cards import ThemeCard, theme_card
from .charts import theme_charts, themes_matrix
from .claims import ClaimPair, claim_pairs
from .frame import PageView, fields_of, frame
from .inputs import Inputs
from .links import ArticleLink, ThemeLink, article_link, theme_link
from .pager import Pager, pager

# Pairs of agreeing or conflicting claims a theme page shows before folding the rest: a few
# show where the articles meet and part without burying the theses above them.
PAIRS_SHOWN = 2


@dataclass(frozen=True, slots=True)
class ThemesPage(PageView):
    """Every theme of the taxonomy; how many subjects no theme covers; the theme × article
    matrix (None when no article has a theme)."""

    themes: tuple[ThemeRow, ...]
    topics_href: str
    topics: int
    matrix: Chart | None


def themes_page(made: Inputs) -> ThemesPage:
    """All themes of the taxonomy, with descriptions and counts."""
    summary = f"The {len(made.site.themes)} themes of {made.config.title}."
    page = frame(made.config, THEMES, "Themes", summary)
    return ThemesPage(
        page,
        themes=tuple(theme_row(e, page.root) for e in made.site.themes),
        topics_href=page.root + TOPICS,
        topics=len(made.site.topics),
        matrix=themes_matrix(made.site, page.root),
    )


@dataclass(frozen=True, slots=True)
class ThemeRow(ThemeLink):
    """A theme with its description and how many articles are tagged with it."""

    count: int
    description: str


def theme_row(entry: ThemeEntry, root: str) -> ThemeRow:
    """A theme as a link with its article count and description."""
    link = theme_link(entry.theme, root)
    return ThemeRow(
        **fields_of(link), count=len(entry.articles), description=entry.theme.description
    )


@dataclass(frozen=True, slots=True)
class TopicsPage(PageView):
    """The subjects the articles keep returning to that no theme covers."""

    topics: tuple[TopicView, ...]
    themes_href: str


def topics_page(made: Inputs) -> TopicsPage:
    """The topics page, each topic's articles as links, most central first."""
    summary = f"Subjects the articles of {made.config.title} discuss that no theme covers."
    page = frame(made.config, TOPICS, "Subjects no theme covers", summary)
    topics = tuple(
        TopicView(
            t.label,
            t.phrases,
            tuple(article_link(made.by_slug[slug], page.root) for slug in t.articles),
        )
        for t in made.site.topics
    )
    return TopicsPage(page, topics=topics, themes_href=page.root + THEMES)


@dataclass(frozen=True, slots=True)
class TopicView:
    """A subject no theme covers: its label, its most distinctive phrases, its articles."""

    label: str
    phrases: tuple[str, ...]
    articles: tuple[ArticleLink, ...]


@dataclass(frozen=True, slots=True)
class ThemePage(PageView):
    """A page of a theme: its articles there as cards, the pairs of their claims that agree
    or conflict (`pairs_shown` of each before the rest are folded), and, on the first page,
    the charts of all of the theme's articles."""

    description: str
    total: int
    pager: Pager | None
    articles: tuple[ThemeCard, ...]
    pairs_shown: int
    agreements: tuple[ClaimPair, ...]
    conflicts: tuple[ClaimPair, ...]
    charts: tuple[Chart, ...]


def theme_page(
    made: Inputs, entry: ThemeEntry, number: int, count: int, slugs: tuple[str, ...]
) -> ThemePage:
    """A page of a theme: its articles there with scores and evidence, their theses and
    claims, and links to the theme's other pages."""
    theme = entry.theme
    title = theme.label if number == 1 else f"{theme.label} (page {number} of {count})"
    page = frame(made.config, theme_path(theme.id, number), title, theme.description)
    root = page.root
    shown = [made.by_slug[slug] for slug in slugs]
    on_theme = {slug: made.by_slug[slug] for slug in entry.articles}
    remote = made.config.remote_images
    charts = theme_charts(theme.label, made.coverages[theme.id], root) if number == 1 else ()
    return ThemePage(
        page,
        description=theme.description,
        total=len(entry.articles),
        pager=pager(partial(theme_path, theme.id), number, count, root, "Pages of this theme"),
        articles=tuple(theme_card(a, made.hit(a.slug, theme.id), root, remote) for a in shown),
        pairs_shown=PAIRS_SHOWN,
        agreements=claim_pairs(shown, "agrees", on_theme, root),
        conflicts=claim_pairs(shown, "conflicts", on_theme, root),
        charts=charts,
    )

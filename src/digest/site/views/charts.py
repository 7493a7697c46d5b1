"""The site's data as charts: the themes index's theme × article matrix, and a theme page's
timeline and coverage by outlet and by author (see charts for the drawing)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ...models.article import Article
from ...models.indexes import Site
from ..charts import Bar, Chart, Column, Row, bar_chart, column_chart, matrix_chart
from ..urls import article_path, author_path

# The matrix shows the newest this many articles: 30 columns of 16 px fit beside the theme
# labels in the 44 rem desktop column without scrolling, and scroll sideways on a phone in
# about two screens. A grid of thousands no one could read; the caption says how many of
# how many are shown.
MATRIX_ARTICLES = 30
# The outlets and authors charts show this many, the most prolific first: past ten comes a
# long tail of ones that says little and makes the chart long on a phone.
TOP_BARS = 10
# A timeline spanning more months than this counts per year: at 24 monthly bars each is
# still 11 px wide on a phone, and more would be slivers.
TIMELINE_MONTHS = 24


@dataclass(frozen=True, slots=True)
class Coverage:
    """What a theme page's charts show, over all of the theme's articles, whatever page they
    are listed on. Its repr is part of the first page's cache key, so the page is rendered
    again whenever a date, outlet or author of any of the theme's articles changes."""

    total: int
    dates: tuple[str, ...]  # the ISO dates of the dated articles, oldest first
    outlets: tuple[tuple[str, int], ...]  # (publisher, articles), most first
    authors: tuple[tuple[str, str, int], ...]  # (person slug, name, articles), most first


def coverage(articles: Sequence[Article], names: Mapping[str, str]) -> Coverage:
    """The dates, outlets and authors of a theme's articles; `names` gives each author's
    name by slug, as the author pages spell it."""
    outlets = Counter(a.publisher for a in articles if a.publisher)
    authors = Counter(p.slug for a in articles for p in a.authors)
    return Coverage(
        total=len(articles),
        dates=tuple(sorted(a.date for a in articles if a.date)),
        outlets=tuple(_most_first(outlets)),
        authors=tuple(
            (slug, names.get(slug, slug), count)
            for slug, count in _most_first(authors, lambda s: names.get(s, s))
        ),
    )


def theme_charts(label: str, cover: Coverage, root: str) -> tuple[Chart, ...]:
    """A theme's timeline (when any article is dated) and its outlets and authors charts
    (when any is named), links relative to `root`."""
    charts = []
    if cover.dates:
        charts.append(timeline(label, cover))
    if cover.outlets:
        charts.append(outlets_chart(label, cover))
    if cover.authors:
        charts.append(authors_chart(label, cover, root))
    return tuple(charts)


def outlets_chart(label: str, cover: Coverage) -> Chart:
    """The outlets with the most articles on the theme."""
    bars = [Bar(name, count) for name, count in cover.outlets[:TOP_BARS]]
    unnamed = cover.total - sum(count for _, count in cover.outlets)
    description = (
        f"{_top(len(bars), len(cover.outlets), 'outlets')} that published the most articles "
        f"on {label}, most first: {_leaders(bars)}."
    )
    if unnamed:
        description += f" No outlet is named for {_count(unnamed, 'article')}."
    caption = f"Articles on {label} by outlet, most first"
    return bar_chart("chart-outlets", "Outlets", description, caption, ("Outlet", "Articles"), bars)


def authors_chart(label: str, cover: Coverage, root: str) -> Chart:
    """The authors who wrote the most articles on the theme, each linked to their page."""
    bars = [Bar(name, count, root + author_path(slug)) for slug, name, count in cover.authors]
    description = (
        f"{_top(min(len(bars), TOP_BARS), len(bars), 'authors')} who wrote the most articles "
        f"on {label}, most first: {_leaders(bars)}."
    )
    caption = f"Articles on {label} by author, most first"
    header = ("Author", "Articles")
    return bar_chart("chart-authors", "Authors", description, caption, header, bars[:TOP_BARS])


def timeline(label: str, cover: Coverage) -> Chart:
    """The theme's dated articles per month, or per year over a long span, oldest first."""
    bars = periods(cover.dates)
    unit = "year" if len(bars[0].label) == 4 else "month"
    peak = max(bars, key=lambda bar: bar.value)  # the first of the busiest periods
    undated = cover.total - len(cover.dates)
    description = (
        f"{_count(len(cover.dates), 'dated article')} on {label}, counted per {unit} from "
        f"{bars[0].label} to {bars[-1].label}; the most, {peak.value:,}, in {peak.label}."
    )
    if undated:
        description += f" Not shown: {_count(undated, 'undated article')}."
    return column_chart(
        "chart-timeline",
        f"Articles per {unit}",
        description,
        f"Articles on {label} per {unit}, oldest first",
        (unit.capitalize(), "Articles"),
        bars,
    )


def periods(dates: Sequence[str]) -> list[Bar]:
    """Counts of ISO dates per month from the first to the last, months with none included;
    per year when that spans more than TIMELINE_MONTHS."""
    months = Counter((int(d[:4]), int(d[5:7])) for d in dates)
    (first_year, first_month), (last_year, last_month) = min(months), max(months)
    span = (last_year - first_year) * 12 + last_month - first_month + 1
    if span > TIMELINE_MONTHS:
        years = Counter(year for year, _ in months.elements())
        return [Bar(str(y), years[y]) for y in range(first_year, last_year + 1)]
    bars = []
    for k in range(span):
        year, month = divmod(first_month - 1 + k, 12)
        day = dt.date(first_year + year, month + 1, 1)
        bars.append(Bar(f"{day:%B %Y}", months[(day.year, day.month)]))
    return bars


def themes_matrix(site: Site, root: str) -> Chart | None:
    """The newest MATRIX_ARTICLES articles by the themes any article is tagged with, each
    cell the article's score for the theme; None when no article has a theme."""
    used = [entry.theme for entry in site.themes if entry.articles]
    if not used:
        return None
    shown = site.articles[:MATRIX_ARTICLES]
    total = len(site.articles)
    scores = [{hit.id: hit.score for hit in a.themes} for a in shown]
    which = (
        f"all {_count(total, 'article')}"
        if len(shown) == total
        else (f"the {len(shown)} newest of {total:,} articles")
    )
    return matrix_chart(
        "chart-themes",
        "Themes by article",
        f"A grid of {_count(len(used), 'theme')} by {which}, newest on the left. A square "
        "marks an article tagged with the theme, the stronger its shade the higher the score "
        "(0 to 1), and links to the article.",
        f"Theme scores of {which}, newest first",
        "Article",
        [Column(a.title, root + article_path(a.slug)) for a in shown],
        [Row(theme.label, tuple(s.get(theme.id) for s in scores)) for theme in used],
    )


def _most_first(counts: Counter[str], name: Callable[[str], str] = str) -> list[tuple[str, int]]:
    """The counts, most first; ties in the order of their names."""
    return sorted(counts.items(), key=lambda item: (-item[1], name(item[0]).casefold(), item[0]))


def _leaders(bars: Sequence[Bar]) -> str:
    """The first three bars in words: "A (3), B (2) and C (1)"."""
    named = [f"{bar.label} ({bar.value:,})" for bar in bars[:3]]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


def _top(shown: int, total: int, things: str) -> str:
    """Say how many of how many are shown: "The 3 outlets", "The 10 of 37 outlets"."""
    return f"The {shown:,} {things}" if shown == total else f"The {shown:,} of {total:,} {things}"


def _count(count: int, thing: str) -> str:
    return f"{count:,} {thing}{'s' if count != 1 else ''}"

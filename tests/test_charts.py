"""The charts: inline SVG named by its title and description, the same numbers in a table
beside it, escaped text, links that lead to articles, colours that read in both schemes,
and theme pages that are never left with a stale chart."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from digest.analyse.taxonomy import Taxonomy, Theme
from digest.build.pipeline import build
from digest.config import Config
from digest.models.article import Article, ThemeHit
from digest.models.indexes import Site, ThemeEntry
from digest.site.charts import Bar, bar_chart
from digest.site.views.charts import MATRIX_ARTICLES, periods, themes_matrix

from conftest import charted_seeds

SVG_NS = "{http://www.w3.org/2000/svg}"
FIGURE = re.compile(r'<figure class="chart" id="([^"]+)">(.*?)</figure>', re.DOTALL)
SVG = re.compile(r"<svg .*?</svg>", re.DOTALL)
ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.DOTALL)
HREF = re.compile(r'href="([^"]*)"')
TAG = re.compile(r"<[^>]+>")
HOSTILE = "Reset </svg><script>alert(1)</script> & talks"  # fixtures/chart-overrides.yaml


@dataclass
class Figure:
    """A chart as the page shows it: the SVG, parsed as XML, and its table's text."""

    svg: ET.Element
    header: list[str]
    rows: list[list[str]]
    table_links: list[str]


def text(fragment: str) -> str:
    return html.unescape(TAG.sub("", fragment)).strip()


def figures(page: Path) -> dict[str, Figure]:
    """The charts of a page by id; a chart whose SVG is not well-formed XML fails here."""
    found = {}
    for chart_id, body in FIGURE.findall(page.read_text(encoding="utf-8")):
        svg_markup = SVG.search(body)
        assert svg_markup, chart_id
        table = body[svg_markup.end() :]
        rows = [[text(c) for c in CELL.findall(r)] for r in ROW.findall(table)]
        found[chart_id] = Figure(
            ET.fromstring(svg_markup.group()), rows[0], rows[1:], HREF.findall(table)
        )
    return found


def chart_pages(site: Path) -> list[Path]:
    """The themes index and every page of every theme."""
    return [site / "themes" / "index.html", *sorted((site / "themes").glob("*/**/index.html"))]


def marks(svg: ET.Element) -> Counter[tuple[str, str]]:
    """What the chart draws: (label, value) of each mark."""
    return Counter(
        (e.get("data-label", ""), e.get("data-value", ""))
        for e in svg.iter()
        if "chart-mark" in e.get("class", "").split()
    )


def table_numbers(chart_id: str, figure: Figure) -> Counter[tuple[str, str]]:
    """What the table says, as marks would: a matrix's non-empty scores, a bar chart's
    non-zero counts."""
    if chart_id == "chart-themes":
        themes = figure.header[1:]
        return Counter(
            (f"{row[0]} — {theme}", score)
            for row in figure.rows
            for theme, score in zip(themes, row[1:], strict=True)
            if score
        )
    return Counter((row[0], row[1].replace(",", "")) for row in figure.rows if row[1] != "0")


def records(site: Path) -> list[dict[str, Any]]:
    document = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))
    return list(document["articles"])


# --- the SVG and its table --------------------------------------------------------------


def test_every_chart_is_svg_named_by_its_title_and_description(charted_site: Path) -> None:
    seen: Counter[str] = Counter()
    for page in chart_pages(charted_site):
        for chart_id, figure in figures(page).items():
            seen[chart_id] += 1
            svg = figure.svg
            assert svg.get("role") == ("group" if chart_id == "chart-themes" else "img")
            title_id, desc_id = svg.get("aria-labelledby", "").split()
            named = {e.get("id"): (e.tag, (e.text or "").strip()) for e in svg}
            assert named[title_id][0] == f"{SVG_NS}title" and named[title_id][1]
            assert named[desc_id][0] == f"{SVG_NS}desc" and named[desc_id][1]
            assert not svg.findall(f".//{SVG_NS}script")
    assert seen["chart-themes"] == 1
    assert seen["chart-timeline"] and seen["chart-outlets"] and seen["chart-authors"]


def test_each_table_holds_the_numbers_its_chart_draws(charted_site: Path) -> None:
    checked = 0
    for page in chart_pages(charted_site):
        for chart_id, figure in figures(page).items():
            drawn = marks(figure.svg)
            assert drawn, f"{page}: {chart_id} draws nothing"
            assert drawn == table_numbers(chart_id, figure), f"{page}: {chart_id}"
            checked += 1
    assert checked > 10


def test_hostile_titles_are_text_in_the_svg_and_the_table(charted_site: Path) -> None:
    page = charted_site / "themes" / "index.html"
    assert "<script>alert" not in page.read_text(encoding="utf-8")
    matrix = figures(page)["chart-themes"]
    tooltips = [e.text or "" for e in matrix.svg.iter(f"{SVG_NS}title")]
    assert any(t.startswith(f"{HOSTILE} — ") for t in tooltips)
    assert HOSTILE in [row[0] for row in matrix.rows]


def test_a_chart_escapes_every_label_it_is_given() -> None:
    hostile = '<script>alert("x")</script> & "quotes"'
    chart = bar_chart("c", hostile, hostile, hostile, ("a", "b"), [Bar(hostile, 3, "x.html")])
    svg = ET.fromstring(str(chart.svg))
    assert "<script>" not in str(chart.svg)
    assert [e.text for e in svg.iter(f"{SVG_NS}title")] == [hostile, f"{hostile}: 3 articles"]
    assert marks(svg) == Counter([(hostile, "3")])


# --- what the charts show ---------------------------------------------------------------


def test_the_matrix_links_each_cell_to_an_existing_article_page(seed_site: Path) -> None:
    themes = seed_site / "themes"
    matrix = figures(themes / "index.html")["chart-themes"]
    cells = [a.get("href", "") for a in matrix.svg.iter(f"{SVG_NS}a")]
    assert cells and all((themes / href).resolve().is_file() for href in cells)
    pages = {(seed_site / r["url"]).resolve() for r in records(seed_site)}
    assert {(themes / href).resolve() for href in cells} == pages
    assert {(themes / href).resolve() for href in matrix.table_links} == pages


def test_the_matrix_shows_the_newest_articles_and_says_how_many_of_how_many() -> None:
    theme = Theme("t", "A theme", "")
    articles = tuple(article(f"a{i:02d}", f"2025-01-{i + 1:02d}", theme) for i in range(31))
    newest_first = (*articles[::-1], article("undated", None, theme))
    entry = ThemeEntry(theme, tuple(a.slug for a in newest_first))
    site = Site(newest_first, taxonomy=Taxonomy((theme,)), themes=(entry,))
    chart = themes_matrix(site, "../")
    assert chart is not None
    assert [row[0].text for row in chart.rows] == [a.title for a in newest_first[:MATRIX_ARTICLES]]
    assert f"the {MATRIX_ARTICLES} newest of 32 articles" in chart.caption


def article(slug: str, date: str | None, theme: Theme) -> Article:
    """An article of no text, tagged with the theme."""
    hit = ThemeHit(theme.id, theme.label, 0.5, ())
    none: tuple[Any, ...] = ()
    return Article(slug, "article", slug.upper(), "text", none, None, none, "", none, none, none,
                   slug=slug, date=date, themes=(hit,))  # fmt: skip


def test_a_timeline_counts_per_month_with_empty_months_and_per_year_over_a_long_span() -> None:
    months = periods(["2024-11-20", "2025-03-28", "2025-03-04"])
    assert [(b.label, b.value) for b in months] == [
        ("November 2024", 1),
        ("December 2024", 0),
        ("January 2025", 0),
        ("February 2025", 0),
        ("March 2025", 2),
    ]
    years = periods(["2019-05-01", "2019-06-01", "2022-01-31"])
    assert [(b.label, b.value) for b in years] == [
        ("2019", 2),
        ("2020", 0),
        ("2021", 0),
        ("2022", 1),
    ]


def test_a_theme_pages_charts_cover_all_its_articles_on_its_first_page_only(
    charted_site: Path,
) -> None:
    on_theme: dict[str, list[dict[str, Any]]] = {}
    for record in records(charted_site):
        for hit in record["themes"]:
            on_theme.setdefault(hit["id"], []).append(record)
    paged = [t for t in on_theme if (charted_site / "themes" / t / "page").is_dir()]
    assert paged
    for theme in paged:
        folder = charted_site / "themes" / theme
        charts = figures(folder / "index.html")
        theme_records = on_theme[theme]
        dated = [r for r in theme_records if r["date"]]
        if dated:
            counted = sum(int(row[1]) for row in charts["chart-timeline"].rows)
            assert counted == len(dated), theme
        authors = {a["name"] for r in theme_records for a in r["authors"]}
        if authors:
            assert {row[0] for row in charts["chart-authors"].rows} == authors, theme
        assert all(not figures(p) for p in (folder / "page").glob("*/index.html"))


def test_a_theme_without_dates_has_no_timeline_but_its_other_charts(seed_site: Path) -> None:
    assert all("date" not in r or not r["date"] for r in records(seed_site))
    charts = [figures(p) for p in (seed_site / "themes").glob("*/index.html")]
    assert not any("chart-timeline" in c for c in charts)
    assert any("chart-authors" in c for c in charts) and any("chart-outlets" in c for c in charts)


# --- incremental builds ------------------------------------------------------------------


def test_a_theme_page_is_drawn_again_when_an_article_on_a_later_page_changes(
    tmp_path: Path,
) -> None:
    seeds = charted_seeds(tmp_path / "seeds")
    config = Config(seeds=seeds, out=tmp_path / "site", cache_dir=tmp_path / "cache", per_page=2)
    build(config)
    # The oldest dated article is listed on the second page of the largest theme: moving
    # it a month earlier, and naming its outlet, changes nothing its first page lists.
    counts = Counter(hit["id"] for r in records(config.out) for hit in r["themes"])
    first = config.out / "themes" / counts.most_common(1)[0][0] / "index.html"
    oldest = min((r for r in records(config.out) if r["date"]), key=lambda r: r["date"])
    assert f'<a href="../../{oldest["url"]}">' not in first.read_text(encoding="utf-8")
    timeline = figures(first)["chart-timeline"]
    assert timeline.rows[0][0] == "November 2024"
    overrides = seeds / "overrides.yaml"
    text = overrides.read_text(encoding="utf-8")
    edited = text.replace("date: 2024-11-20", "date: 2024-10-05\n  publisher: The Monthly")
    assert edited != text
    overrides.write_text(edited, encoding="utf-8")
    build(config)
    charts = figures(first)
    assert charts["chart-timeline"].rows[0] == ["October 2024", "1"]
    assert ["The Monthly", "1"] in charts["chart-outlets"].rows


# --- in the browser ----------------------------------------------------------------------


def luminance(rgb: str) -> float:
    """The relative luminance of a computed colour ("rgb(r, g, b)")."""
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


COLOURS = """() => {
    const fill = e => getComputedStyle(e).fill;
    return {
        page: getComputedStyle(document.body).backgroundColor,
        marks: [...document.querySelectorAll(".chart-svg rect")].map(fill),
        texts: [...document.querySelectorAll(".chart-svg text")].map(fill),
        axes: [...document.querySelectorAll(".chart-svg line")]
            .map(e => getComputedStyle(e).stroke),
    };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_marks_and_text_stand_out_from_the_page_in_both_schemes(
    browser: Any, charted_site: Path, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    low = []
    for path in [p for p in chart_pages(charted_site) if figures(p)]:
        page.goto(path.as_uri())
        colours = page.evaluate(COLOURS)
        assert colours["marks"] and colours["texts"]
        low += [(path.name, "mark", c) for c in colours["marks"] + colours["axes"]
                if contrast(c, colours["page"]) < 3]  # fmt: skip
        low += [(path.name, "text", c) for c in colours["texts"]
                if contrast(c, colours["page"]) < 4.5]  # fmt: skip
    context.close()
    assert low == []


def test_no_chart_page_scrolls_sideways_on_a_phone(browser: Any, charted_site: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    wide = []
    for path in chart_pages(charted_site):
        page.goto(path.as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide.append((path.relative_to(charted_site).as_posix(), width))
    context.close()
    assert wide == []

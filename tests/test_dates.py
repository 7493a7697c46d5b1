"""Publication dates from where a page states them, never from the text's prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.build.pipeline import build
from digest.config import Config

from conftest import extract_text
from scoring import CORPUS

LEDE = (
    "Negotiators from both sides met in Geneva for a third round of talks on prisoner "
    "exchanges and the safety of the nuclear plant."
)
MORE = "Both delegations said they would return next week with new proposals on the exchanges."


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a date line above the text
        (f"Talks Resume in Geneva\n\nMarch 3, 2025 · 6 min read\n\n{LEDE}\n\n{MORE}", "2025-03-03"),
        (f"Talks Resume in Geneva\n\nPublished on 14 Feb 2024\n\n{LEDE}\n\n{MORE}", "2024-02-14"),
        # a byline that ends with the date
        (f"Talks Resume in Geneva\n\nBy Jane Doe | June 9, 2023\n\n{LEDE}\n\n{MORE}", "2023-06-09"),
        # a scraper's date stamp before the text
        (f" date 2022-04-04 {LEDE}\n\n{MORE}", "2022-04-04"),
        # below a standfirst, still near the top
        (f"Talks Resume\n\n{MORE}\n\nUpdated: 3 March 2025, 10:32\n\n{LEDE}", "2025-03-03"),
    ],
)
def test_a_date_where_the_page_states_it_dates_the_article(text: str, date: str) -> None:
    article = extract_text(text)
    assert (article.date, article.date_source) == (date, "text")
    assert not any("2025" in p or "2024" in p or "2023" in p for p in article.paragraphs)


@pytest.mark.parametrize(
    "text",
    [
        # dates in the prose are what the article is about
        f"On February 18, 2025, the ministers met in Riyadh. {LEDE}\n\n{MORE}",
        f"{LEDE}\n\n{MORE}\n\nMarch 3, 2025",
        # no day that exists
        f"Talks Resume in Geneva\n\nFebruary 30, 2025\n\n{LEDE}\n\n{MORE}",
        # no year
        f"Talks Resume in Geneva\n\n21 Jul\n\n{LEDE}\n\n{MORE}",
        f"Talks Resume in Geneva\n\n{LEDE}\n\n{MORE}",
    ],
)
def test_an_undated_page_stays_undated(text: str) -> None:
    article = extract_text(text)
    assert (article.date, article.date_source) == (None, None)


# The corpus pages that carry a date line or a scraper's stamp, and the date they state.
CORPUS_DATES = {
    "101_carnegie-stanovaya-peace-deal.txt": "2025-11-28",  # "Published on Nov 28, 2025"
    "107_interfax-jeddah-30day-ceasefire.txt": "2025-03-11",
    "108_indiandefensenews-riyadh-lavrov.txt": "2025-02-18",
    "207_pravda-eu-clusters.txt": "2025-04-11",
    "213_chicken-kiev-recipe-trap.txt": "2024-08-25",
    "313_xerox-earnings-trap.txt": "2022-04-21",
    "412_cnbc-asia-markets.txt": "2022-04-04",
}


def test_corpus_pages_are_dated_by_their_date_lines_and_no_others() -> None:
    for path in sorted((CORPUS / "texts").glob("*.txt")):
        article = extract_text(path.read_text(encoding="utf-8"))
        assert article.date == CORPUS_DATES.get(path.name), path.name


def test_front_matter_dates_win_and_the_archive_orders_by_date(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "dated.txt").write_text(f"Talks Resume\n\nMarch 3, 2025\n\n{LEDE}\n\n{MORE}")
    (seeds / "newer.txt").write_text(f"Talks Go On\n\nMay 5, 2025\n\n{LEDE} Again.\n\n{MORE}")
    (seeds / "edited.md").write_text(
        f"---\ndate: 2024-01-02\n---\nTalks Began\n\nMarch 3, 2025\n\n{LEDE} Later.\n\n{MORE}\n"
    )
    report = build(Config(seeds=seeds, out=tmp_path / "site", search=False))
    articles = {a.source: a for a in report.site.articles}
    assert (articles["edited.md"].date, articles["edited.md"].date_source) == (
        "2024-01-02",
        "front-matter",
    )
    assert [a.source for a in report.site.articles] == ["newer.txt", "dated.txt", "edited.md"]

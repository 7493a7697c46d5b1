"""Headlines, the end of the article, teasers glued after it, and the kind of page."""

from __future__ import annotations

import pytest

from conftest import extract_fixture, extract_text

LEDE = (
    "Negotiators from both governments met in Vienna on Tuesday for the first direct talks "
    "in two years, and agreed to meet again within a month."
)
BODY = "\n".join(
    [
        LEDE,
        "The talks covered prisoner exchanges, grain shipments and a partial ceasefire on "
        "energy infrastructure, officials said.",
        "Neither side expects a settlement soon, but both want to show progress before winter.",
        "Mediators should keep the agenda narrow until trust has been rebuilt on both sides.",
    ]
)


def test_headline_on_the_first_line_is_the_title() -> None:
    article = extract_text("Vienna Talks Resume After Two Years\n" + BODY)
    assert (article.title, article.title_source) == ("Vienna Talks Resume After Two Years", "text")
    assert article.paragraphs[0] == LEDE


def test_headline_repeated_at_the_top_is_taken_once() -> None:
    article = extract_text("Vienna Talks Resume\n\nVienna Talks Resume\n\n" + BODY)
    assert article.title == "Vienna Talks Resume"
    assert [r.reason for r in article.removed] == ["title", "duplicate"]


def test_headline_after_the_body_is_the_title() -> None:
    article = extract_fixture("unsigned_editorial.txt")
    assert article.title == "Holding pattern: On the central bank's fourth pause in a row"
    assert article.title_source == "text"
    assert not any("Holding pattern" in p for p in article.paragraphs)


@pytest.mark.parametrize(
    "first_line",
    [
        LEDE,  # a full sentence is the lede, not a headline
        "Ukraine needs more help. Are its allies ready for it?",  # two sentences
        "By Jane Doe",  # a byline
        "Jane Doe",  # a bare name
    ],
)
def test_no_headline_means_a_derived_title(first_line: str) -> None:
    article = extract_text(first_line + "\n" + BODY)
    assert article.title_source == "derived"
    assert 0 < len(article.title) <= 90


def test_derived_title_is_short_and_comes_from_the_body() -> None:
    article = extract_fixture("copyright_then_unrelated_teasers.txt")
    assert article.title_source == "derived"
    assert len(article.title) <= 90
    assert article.title.rstrip("…") in " ".join(article.paragraphs)


def test_teasers_after_the_copyright_line_leave_the_body() -> None:
    article = extract_fixture("copyright_then_unrelated_teasers.txt")
    removed = {r.text[:30]: r.reason for r in article.removed}
    assert removed["The semiconductor export rules"] == "teaser"
    assert removed["Football's governing body is w"] == "teaser"
    assert removed["Copyright: Global Viewpoints"] == "copyright"
    assert article.publisher == "Global Viewpoints"
    assert not any("semiconductor" in p or "Football" in p for p in article.paragraphs)
    assert any("sea walls" in p for p in article.paragraphs)


def test_paragraphs_after_an_ad_marker_in_the_middle_stay() -> None:
    text = LEDE + "\n[ad_1]\n" + BODY.split("\n", 1)[1]
    article = extract_text(text)
    assert len(article.paragraphs) == 4


@pytest.mark.parametrize(
    ("fixture", "kind"),
    [
        ("profile_with_teasers.txt", "profile"),  # one writer's bio, then teasers
        ("listing_page.txt", "listing"),  # teasers under several writers' bylines
        ("byline_then_bio.txt", "article"),
        ("quoted_expert_not_author.txt", "article"),  # short news paragraphs, no bio on top
    ],
)
def test_kind_of_page(fixture: str, kind: str) -> None:
    assert extract_fixture(fixture).kind == kind


def test_publisher_only_when_the_text_names_it() -> None:
    assert extract_fixture("byline_then_bio.txt").publisher is None
    assert extract_text(
        BODY + "\nThis article was first published in The Baltic Review."
    ).publisher == ("The Baltic Review")
    assert extract_text("KYIV, Ukraine (Reuters) — " + BODY).publisher == "Reuters"

"""Thesis, key claims and their types, on texts we wrote."""

from __future__ import annotations

import pytest

from digest.read.extract.claims import pick_claims
from digest.read.extract.derived_title import derive_title
from digest.read.extract.kinds import kind_of

from conftest import extract_fixture, extract_text


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Governments should sign long-term contracts now.", "recommendation"),
        ("The alliance must station a full division in the east.", "recommendation"),
        ("Prices will stay low through the winter.", "forecast"),
        ("A major breakthrough is unlikely in the coming months.", "forecast"),
        ("Storage reached 95 percent of capacity in October.", "fact"),
        ("The two sides agreed to restore staffing at their embassies.", "fact"),
        ("Full tanks are not a strategy for a long winter.", "assessment"),
        # a modal in an embedded question or a condition does not prescribe
        ("Debate has focused on whether the country should buy more missiles.", "assessment"),
        ("Putin insisted that any summit must follow working-level talks.", "fact"),
        # a reported judgement is the speaker's assessment; a failure explained is judged
        ("Analysts say the sanctions are a tool to pressure Moscow.", "assessment"),
        ("That approach failed because it was based on a flawed assumption.", "assessment"),
    ],
)
def test_claim_kind(sentence: str, kind: str) -> None:
    assert kind_of(sentence) == kind


def test_thesis_is_the_argument_not_the_scene_setting() -> None:
    article = extract_fixture("unsigned_editorial.txt")
    assert article.thesis == (
        "The board should signal now that cuts will begin early next year, so that firms can plan."
    )


def test_news_thesis_is_the_lede() -> None:
    article = extract_fixture("quoted_expert_not_author.txt")
    assert article.thesis.startswith("India's monsoon rains were 18 percent below average")


def test_thesis_and_claims_are_verbatim_body_sentences() -> None:
    article = extract_fixture("byline_then_bio.txt")
    body = " ".join(article.paragraphs)
    assert article.thesis in body
    for claim in article.claims:
        assert claim.text in article.paragraphs[claim.paragraph]


def test_claim_count_is_bounded_by_the_text() -> None:
    long_text = "\n".join(
        f"In {2000 + i}, the ministry reported {i + 3} percent growth in exports to Asia."
        for i in range(60)
    )
    assert len(extract_text(long_text).claims) == 12
    assert 5 <= len(extract_fixture("byline_then_bio.txt").claims) <= 12


def test_derived_title_keeps_the_main_clause_under_90_characters() -> None:
    title = derive_title(
        "But the path toward a compromise that addresses the core concerns of both sides while "
        "keeping the alliance intact is still open, at least for now.",
        (),
    )
    assert title.startswith("The path toward a compromise")
    assert len(title) <= 90


@pytest.mark.parametrize(
    ("thesis", "title"),
    [
        ("That is why any settlement must include security guarantees.", "Any settlement must"),
        ("That’s why the talks matter.", "The talks matter"),
        ("For its part, Ukraine would do well to negotiate sooner.", "Ukraine would do well"),
        ("But in short, the plan failed.", "The plan failed"),
        # a subordinate clause first: the headline is the main clause after it
        (
            "If one of the purposes of increased pressure on the government is to force it to "
            "accept a foreign military presence after the settlement, that pressure will fail.",
            "That pressure will fail",
        ),
    ],
)
def test_a_derived_title_is_a_whole_clause(thesis: str, title: str) -> None:
    assert derive_title(thesis, ()).startswith(title)


def test_a_heading_or_a_cut_off_line_is_never_a_claim_however_short_the_text() -> None:
    paragraphs = (
        "How the ports fared through the winter",
        "The ports of the region handled far fewer ships this winter than the winter before.",
        "What the insurers charged",
        "Premiums for a single passage tripled after the strikes on the port cities.",
        "Read more: the convoys and the",
    )
    claims = [c.text for c in pick_claims(paragraphs)]
    assert claims == [paragraphs[1], paragraphs[3]]

"""Authors (bylines, bios anywhere a page puts them) and quoted experts, on texts we wrote."""

from __future__ import annotations

import pytest

from digest.read.extract.people import parse_bio, parse_byline

from conftest import extract_fixture, extract_text

BODY = (
    "The ceasefire held for a third day as negotiators met in Geneva to discuss a lasting "
    "settlement between the two governments.\n"
    "Both sides accused each other of violations, but monitors reported far fewer strikes "
    "than in any week since the spring.\n"
    "A deal is still far off, and the hardest issue, the status of the occupied districts, "
    "has not yet been raised.\n"
    "Diplomats say the talks will resume next week if the ceasefire holds through Sunday.\n"
)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By JANE DOE", ["Jane Doe"]),  # bylines in capitals are title-cased
        ("By Jane Doe and John Q. Public", ["Jane Doe", "John Q. Public"]),
        ("By Ana María de la Cruz, Rui Costa and Ed Lee", None),  # particles, three names
        ("Written by Omar Haddad | Middle East Monitor", ["Omar Haddad"]),
        ("By Lee Min-jun", ["Lee Min-jun"]),
        ("By the end of the year", []),  # a sentence opening with "By" is no byline
        ("By 2030, emissions must halve.", []),
    ],
)
def test_byline_names(line: str, names: list[str] | None) -> None:
    found = [a.name for a in parse_byline(line)]
    if names is None:  # several names with particles: only check that all were read
        assert len(found) == 3
    else:
        assert found == names


@pytest.mark.parametrize(
    ("paragraph", "names", "bio_phrase"),
    [
        (
            "Jane Doe is a senior fellow at the Institute for Regional Studies.",
            ["Jane Doe"],
            "senior fellow at the Institute for Regional Studies",
        ),
        (
            "John Smith, professor of history at Northfield University, served as an adviser "
            "to the foreign ministry.",
            ["John Smith"],
            "professor of history at Northfield University",
        ),
        (
            "— Rachel Gold is the author of two books on naval strategy.",
            ["Rachel Gold"],
            "author of two books",
        ),
        (
            "Anna Berg and Tom Lind are researchers at the Baltic Policy Centre.",
            ["Anna Berg", "Tom Lind"],
            "researchers at the Baltic Policy Centre",
        ),
        (
            "Mary Ellen Cho teaches economics at Lakeside College. She previously worked at "
            "the central bank.",
            ["Mary Ellen Cho"],
            "previously worked at the central bank",
        ),
    ],
)
def test_bio_paragraph_names_its_authors(paragraph: str, names: list[str], bio_phrase: str) -> None:
    authors = parse_bio(paragraph)
    assert [a.name for a in authors] == names
    assert all(bio_phrase in a.bio for a in authors)


@pytest.mark.parametrize(
    "paragraph",
    [
        # a quoted expert's appositive is not a bio
        "Jane Doe, a senior fellow at the Institute for Regional Studies, said it would fail.",
        "“It will not hold,” said Jane Doe, a senior fellow at the Institute for Regional Studies.",
        # a country or an institution is not a person, whatever follows it
        "North Korea is a major supplier of artillery shells to the Russian army.",
        "The European Commission is the executive arm of the union.",
        # a person doing something newsworthy is not a bio
        "John Smith is expected to announce his candidacy on Monday.",
    ],
)
def test_not_a_bio(paragraph: str) -> None:
    assert parse_bio(paragraph) == []


def test_byline_at_top_and_bio_at_end_make_one_author_with_the_bio() -> None:
    article = extract_fixture("byline_then_bio.txt")
    assert [a.name for a in article.authors] == ["Marta Lindqvist"]
    assert "energy correspondent based in Stockholm" in article.authors[0].bio
    assert ("By Marta Lindqvist", "byline") in [(r.text, r.reason) for r in article.removed]
    assert not any("energy correspondent" in p for p in article.paragraphs)


def test_bio_at_top_and_its_continuation_leave_the_body() -> None:
    article = extract_fixture("profile_with_teasers.txt")
    (author,) = article.authors
    assert author.name == "Daniel Okafor"
    assert "chief economist at the African Export-Import Bank" in author.bio
    assert not any("Okafor" in p for p in article.paragraphs)


def test_two_authors_in_one_bio_paragraph_get_their_own_bios() -> None:
    article = extract_fixture("two_authors_one_bio.txt")
    bios = {a.name: a.bio for a in article.authors}
    assert set(bios) == {"Ingrid Solberg", "Piotr Nowak"}
    assert "Norwegian Defence University College" in bios["Ingrid Solberg"]
    assert "Warsaw Institute" in bios["Piotr Nowak"]
    assert "Warsaw Institute" not in bios["Ingrid Solberg"]


def test_unsigned_text_has_no_author() -> None:
    assert extract_fixture("unsigned_editorial.txt").authors == ()


def test_quoted_experts_are_not_authors() -> None:
    article = extract_fixture("quoted_expert_not_author.txt")
    assert article.authors == ()
    quoted = {q.name: q.affiliation for q in article.quoted}
    assert set(quoted) == {"Ashok Mehta", "Leila Haddad"}
    assert "Centre for Policy Research" in quoted["Ashok Mehta"]
    assert "University of Toronto" in quoted["Leila Haddad"]


def test_quoted_expert_in_the_last_paragraph_is_not_taken_for_a_bio() -> None:
    text = BODY + (
        "Jane Doe, a senior fellow at the Institute for Regional Studies, said the ceasefire "
        "was the most fragile she had seen."
    )
    article = extract_text(text)
    assert article.authors == ()
    assert [q.name for q in article.quoted] == ["Jane Doe"]


def test_officials_are_quoted_under_their_names_with_their_titles_as_roles() -> None:
    text = BODY + (
        "It is unrealistic, as Carl Berg, the Defence Minister, put it, to expect a quick deal.\n"
        "Foreign Minister Ana Silva said her government would not sign a partial agreement."
    )
    quoted = {q.name: q for q in extract_text(text).quoted}
    assert set(quoted) == {"Carl Berg", "Ana Silva"}
    assert quoted["Carl Berg"].affiliation == "the Defence Minister"
    assert quoted["Ana Silva"].affiliation == "Foreign Minister"
    assert quoted["Ana Silva"].statements == (
        "Foreign Minister Ana Silva said her government would not sign a partial agreement.",
    )

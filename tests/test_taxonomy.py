"""Tagging with a small taxonomy written for the tests, and loading taxonomy files."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.analyse.tagging import matchers, tag
from digest.analyse.taxonomy import load_taxonomy, parse_taxonomy
from digest.errors import ConfigError
from digest.models.article import Article

from conftest import ROOT, extract_fixture, extract_text

TAXONOMY = parse_taxonomy(
    """
themes:
  - id: alliance
    label: The alliance
    description: The military alliance and membership of it.
    strong: [NATO, North Atlantic Treaty]
    signals: [the alliance, membership, allies]
  - id: grain
    label: Grain exports
    description: Grain exports through the Black Sea.
    strong: [grain corridor]
    signals: [grain, wheat, harvest*]
    requires: [export*, ship*, port*]
    excludes: [whole grain]
"""
)
COMPILED = matchers(TAXONOMY)

FILLER = (
    "The government met on Monday to discuss the budget for next year.\n"
    "Ministers argued over pensions, schools and the cost of borrowing.\n"
    "The finance minister said a compromise would be found within a week.\n"
    "Opposition parties promised to vote against any cuts to hospitals.\n"
)


def themes_of(article: Article) -> dict[str, float]:
    return {hit.id: hit.score for hit in tag(article, COMPILED).themes}


def test_one_passing_mention_does_not_tag() -> None:
    article = extract_text(FILLER + "A former NATO official attended as an observer.\n")
    assert "alliance" not in themes_of(article)


def test_several_signals_in_the_body_tag() -> None:
    article = extract_text(
        FILLER
        + "NATO leaders will meet in July to discuss Ukraine's membership.\n"
        + "The allies remain divided over how fast the alliance should move.\n"
    )
    assert "alliance" in themes_of(article)


def test_a_strong_signal_in_the_title_is_enough() -> None:
    article = extract_text("Why NATO Must Decide Now\n" + FILLER + "NATO is watching.\n")
    assert "alliance" in themes_of(article)


def test_acronyms_match_only_as_written() -> None:
    # "Nato" is a person's first name here, not the alliance
    text = FILLER + "\n".join(
        f"Nato Kapanadze, a farmer, said the {word} was poor this year and prices would rise."
        for word in ("harvest", "crop", "season")
    )
    article = extract_text("Georgian Farmers Count Their Losses\n" + text)
    assert "alliance" not in themes_of(article)


def test_requires_and_excludes() -> None:
    no_export = extract_text(
        FILLER + "Bread made from whole grain is popular.\nThe wheat is ripe.\n"
    )
    assert "grain" not in themes_of(no_export)
    exports = extract_text(
        FILLER
        + "Grain exports through the southern ports doubled in May.\n"
        + "Wheat shipments from the ports reached a record, traders said.\n"
        + "The harvest will be shipped from the same ports next month.\n"
    )
    assert "grain" in themes_of(exports)
    excluded = extract_text(
        FILLER + "Whole grain exports rose.\nWhole grain ports were busy with grain shipments.\n"
    )
    assert "grain" not in themes_of(excluded)


def test_evidence_is_verbatim_body_sentences_strongest_first() -> None:
    article = extract_text(
        FILLER
        + "The allies met.\n"
        + "NATO said membership for Ukraine was not on the agenda, and the allies agreed.\n"
    )
    (hit,) = [h for h in tag(article, COMPILED).themes if h.id == "alliance"]
    assert hit.evidence[0].startswith("NATO said membership")
    assert 1 <= len(hit.evidence) <= 3
    assert all(any(e in p for p in article.paragraphs) for e in hit.evidence)
    assert 0 < hit.score <= 1


def test_boilerplate_and_teasers_never_tag() -> None:
    article = extract_fixture("copyright_then_unrelated_teasers.txt")
    teaser_world = parse_taxonomy(
        "- id: chips\n  label: Chips\n  strong: [semiconductor, chipmakers]\n"
        "  signals: [export rules, licensing]\n"
    )
    assert tag(article, matchers(teaser_world)).themes == ()


def test_shipped_taxonomy_loads_with_the_required_ids() -> None:
    ids = {t.id for t in load_taxonomy(ROOT / "themes.yaml").themes}
    assert {
        "negotiations",
        "nato",
        "kursk",
        "alaska-summit",
        "riyadh-talks",
        "eu-accession",
        "security-guarantees",
        "military-aid",
        "battlefield",
        "us-policy",
        "sanctions",
        "russia-axis",
        "infrastructure",
        "nuclear",
    } <= ids


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("themes:\n  - id: a\n    label: [unclosed\n", "themes.yaml:4: malformed YAML"),
        (
            "themes:\n  - label: No id\n    strong: [x]\n",
            "themes.yaml:2: theme needs a non-empty 'id'",
        ),
        ("- id: Bad Id\n  label: B\n  strong: [x]\n", "themes.yaml:1: id 'Bad Id' must be"),
        ("- id: a\n  label: A\n", "themes.yaml:1: theme 'a' needs 'strong' or 'signals'"),
        ("- id: a\n  label: A\n  strong: x\n", "themes.yaml:1: 'strong' must be a list of terms"),
        (
            "- id: a\n  label: A\n  strong: [x]\n- id: a\n  label: A2\n  strong: [y]\n",
            "themes.yaml:4: duplicate theme id 'a'",
        ),
        ("just words\n", "themes.yaml:1: expected a list of themes"),
    ],
)
def test_malformed_taxonomy_names_file_line_and_problem(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("(", r"\(")):
        parse_taxonomy(text, "themes.yaml")


def test_an_unknown_key_is_a_warning_at_its_line_and_the_theme_still_counts() -> None:
    taxonomy = parse_taxonomy("- id: a\n  label: A\n  strong: [x]\n  colour: red\n", "t.yaml")
    assert [t.id for t in taxonomy.themes] == ["a"]
    assert [(p.code, str(p)) for p in taxonomy.problems] == [
        (
            "unknown-key",
            "t.yaml:4: unknown key 'colour' in theme 'a'; ignored (keys: description, "
            "excludes, id, label, requires, signals, strong)",
        )
    ]


def test_missing_taxonomy_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="taxonomy file not found"):
        load_taxonomy(tmp_path / "nope.yaml")

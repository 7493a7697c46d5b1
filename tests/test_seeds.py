"""The seeds against what a careful reader extracts from them (tests/seed_expectations.yaml)."""

from __future__ import annotations

from typing import Any

import pytest

from scoring import SCORERS, SEED_GOLD, load_gold

GOLD = load_gold(SEED_GOLD)


@pytest.mark.parametrize("field", list(SCORERS))
@pytest.mark.parametrize("expected", GOLD, ids=[e["file"][:3] for e in GOLD])
def test_seed_field_matches_a_careful_reader(
    seed_records: dict[str, dict[str, Any]], expected: dict[str, Any], field: str
) -> None:
    score = SCORERS[field](seed_records[expected["file"]], expected)
    assert score is None or score.value == 1.0, "\n".join(score.problems)


def test_every_source_line_is_in_the_body_the_title_or_removed(
    seed_records: dict[str, dict[str, Any]],
) -> None:
    from digest.read.extract.dates import split_stamp
    from digest.text import normalise_space, split_paragraphs

    from conftest import ROOT

    for source, record in seed_records.items():
        text = split_stamp((ROOT / "seeds" / source).read_text(encoding="utf-8"))[1]
        accounted = record["paragraphs"] + [r["text"] for r in record["removed"]]
        for paragraph in split_paragraphs(text):
            assert normalise_space(paragraph) in accounted, f"{source}: lost {paragraph[:60]!r}"

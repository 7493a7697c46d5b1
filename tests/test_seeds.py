"""The seeds against what a careful reader extracts from them (tests/seed_expectations.yaml)."""

from __future__ import annotations

from typing import Any

import pytest

from expectations import LOADER_CHECKS, TAGGER_CHECKS, load_expectations

EXPECTATIONS = load_expectations()
CHECKS = LOADER_CHECKS | TAGGER_CHECKS


@pytest.mark.parametrize("field", sorted(CHECKS))
@pytest.mark.parametrize("expected", EXPECTATIONS, ids=[e["file"][:3] for e in EXPECTATIONS])
def test_seed_field_matches_a_careful_reader(
    seed_records: dict[str, dict[str, Any]], expected: dict[str, Any], field: str
) -> None:
    problems = CHECKS[field](seed_records[expected["file"]], expected)
    assert not problems, "\n".join(problems)


def test_every_source_line_is_in_the_body_the_title_or_removed(
    seed_records: dict[str, dict[str, Any]],
) -> None:
    from digest.text import normalise_space, split_paragraphs

    from conftest import ROOT

    for source, record in seed_records.items():
        text = (ROOT / "seeds" / source).read_text(encoding="utf-8")
        accounted = record["paragraphs"] + [r["text"] for r in record["removed"]]
        for paragraph in split_paragraphs(text):
            assert normalise_space(paragraph) in accounted, f"{source}: lost {paragraph[:60]!r}"

"""The reader on real pages it was not fitted on: the figures of docs/accuracy.md hold, the
shipped models are the ones the fitting script makes, and no line of a page is lost."""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from digest.read.clean import read_lines
from digest.read.extract.kinds import MODEL_FILE as KINDS_FILE
from digest.read.extract.roles import MODEL_FILE as ROLES_FILE
from digest.read.extract.thesis import MODEL_FILE as THESIS_FILE

from accuracy import accuracies, cross_validated_records, read_records
from conftest import ROOT
from fit_reader import fit_reader
from scoring import CORPUS, CORPUS_GOLD, SCORERS, SEED_GOLD, load_gold

pytest.importorskip("sklearn", reason="fitting needs the test extras (scikit-learn)")

# A corpus figure may fall this far below docs/accuracy.md's before the test fails: a floor
# against regressions, not a target to tune to.
FLOOR = 0.03
ROW = re.compile(r"^\| `?(?P<field>[a-z ]+)`? \| (?P<seeds>[\d.-]+) \| (?P<corpus>[\d.]+) \|")


def documented_figures() -> dict[str, float]:
    """The cross-validated corpus figure of each field, as the accuracy table says."""
    text = (ROOT / "docs" / "accuracy.md").read_text(encoding="utf-8")
    table = text[text.index("<!-- accuracy table -->") :]
    rows = (ROW.match(line) for line in table.splitlines())
    return {m.group("field"): float(m.group("corpus")) for m in rows if m}


@cache
def corpus_figures() -> dict[str, float | None]:
    gold = load_gold(CORPUS_GOLD)
    return accuracies(cross_validated_records(CORPUS / "texts", gold), gold)


def test_the_accuracy_table_shows_every_field() -> None:
    assert set(documented_figures()) == set(SCORERS)


@pytest.mark.parametrize("field", list(SCORERS))
def test_cross_validated_accuracy_holds_the_documented_figure(field: str) -> None:
    figure = corpus_figures()[field]
    assert figure is not None
    assert figure >= documented_figures()[field] - FLOOR, f"{field}: {figure:.2f}"


def test_the_seeds_are_read_right_on_every_field() -> None:
    gold = load_gold(SEED_GOLD)
    figures = accuracies(read_records(ROOT / "seeds", [e["file"] for e in gold]), gold)
    assert {f: v for f, v in figures.items() if v not in (None, 1.0)} == {}


def test_the_shipped_models_are_the_ones_the_fitting_script_makes() -> None:
    fitted = fit_reader()
    for path, model in (
        (ROLES_FILE, fitted.roles),
        (THESIS_FILE, fitted.thesis),
        (KINDS_FILE, fitted.kinds),
    ):
        shipped = json.loads(path.read_text(encoding="utf-8"))
        made = json.loads(model.to_json())
        assert shipped.keys() == made.keys(), path.name
        for kind, weights in made.items():
            for name, weight in weights.items():
                assert shipped[kind].get(name, 0.0) == pytest.approx(weight, abs=2e-3), name


def test_every_line_of_a_corpus_page_is_in_the_body_or_removed_with_a_reason() -> None:
    gold = load_gold(CORPUS_GOLD)
    records = read_records(CORPUS / "texts", [e["file"] for e in gold])
    for name, record in records.items():
        _, lines, _, _ = read_lines((CORPUS / "texts" / name).read_text(encoding="utf-8"))
        removed = {r["text"]: r["reason"] for r in record["removed"]}
        for line in lines:
            assert line in record["paragraphs"] or removed.get(line), f"{name}: lost {line!r}"

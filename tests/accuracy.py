"""Print the reader's per-field accuracy on the seeds and on the corpus: `python tests/accuracy.py`.

Each text is read as a build reads it (load, clean, extract, tag) and its record scored
against the gold with tests/scoring.py. The corpus figure that predicts unseen pages is
the cross-validated one: the corpus is split into folds, and each fold is read by a reader
fitted without it; the in-sample figure is printed beside it for comparison.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from digest.analyse.tagging import matchers, tag  # noqa: E402
from digest.analyse.taxonomy import load_taxonomy  # noqa: E402
from digest.models.documents import SourceDoc  # noqa: E402
from digest.read.clean import clean  # noqa: E402
from digest.read.extract import extract  # noqa: E402
from digest.read.extract.model import ReaderModels  # noqa: E402
from digest.read.load import parse_source  # noqa: E402
from digest.site.records import article_record  # noqa: E402

from fit_reader import fit_reader  # noqa: E402
from scoring import (  # noqa: E402
    CORPUS,
    CORPUS_GOLD,
    SCORERS,
    SEED_GOLD,
    Record,
    accuracy,
    field_scores,
    load_gold,
)

SEEDS = ROOT / "seeds"
THEMES = ROOT / "themes.yaml"


FOLDS = 6


def read_records(
    folder: Path, names: list[str], models: ReaderModels | None = None
) -> dict[str, Record]:
    """Each named file of a folder read as a build reads it (with the given models, by
    default the shipped ones), as its JSON record."""
    compiled = matchers(load_taxonomy(THEMES))
    records = {}
    for name in names:
        doc = parse_source(name, (folder / name).read_bytes())
        assert isinstance(doc, SourceDoc), f"{name}: {doc}"
        article = tag(extract(clean(doc, models.roles if models else None), models), compiled)
        records[name] = article_record(article)
    return records


def cross_validated_records(folder: Path, gold: list[Record]) -> dict[str, Record]:
    """Each file read by models fitted without its fold: files are dealt into FOLDS folds
    in name order; the seeds are always in the fit (they are never scored here)."""
    names = sorted(entry["file"] for entry in gold)
    records: dict[str, Record] = {}
    for fold in range(FOLDS):
        held_out = set(names[fold::FOLDS])
        records |= read_records(folder, sorted(held_out), fit_reader(held_out))
    return records


def accuracies(records: dict[str, Record], gold: list[Record]) -> dict[str, float | None]:
    """Per-field accuracy of records against their gold."""
    return {field: accuracy(scores) for field, scores in field_scores(records, gold).items()}


def print_problems(folder: Path, gold: list[Record], field: str | None) -> None:
    """List each file's problems (of one field, or of all), read under cross-validation."""
    records = cross_validated_records(folder, gold)
    for name, scores in field_scores(records, gold).items():
        if field and name != field:
            continue
        for source, score in scores.items():
            for problem in score.problems:
                print(f"{name:<12} {source[:40]:<40} {problem}")


def main() -> int:
    """Score the seeds and the corpus and print a table of accuracy per field."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--problems",
        nargs="?",
        const="",
        metavar="FIELD",
        help="list the corpus files' problems (of one field, or all)",
    )
    args = parser.parse_args()
    seed_gold, corpus_gold = load_gold(SEED_GOLD), load_gold(CORPUS_GOLD)
    if args.problems is not None:
        print_problems(CORPUS / "texts", corpus_gold, args.problems or None)
        return 0
    texts = CORPUS / "texts"
    seeds = accuracies(read_records(SEEDS, [e["file"] for e in seed_gold]), seed_gold)
    fitted = accuracies(read_records(texts, [e["file"] for e in corpus_gold]), corpus_gold)
    validated = accuracies(cross_validated_records(texts, corpus_gold), corpus_gold)
    print(f"{'field':<12} {'seeds':>6} {'corpus, cross-validated':>24} {'in sample':>10}")
    for field in SCORERS:
        cells = [seeds[field], validated[field], fitted[field]]
        shown = ["-" if c is None else f"{c:.2f}" for c in cells]
        print(f"{field:<12} {shown[0]:>6} {shown[1]:>24} {shown[2]:>10}")
    return 0 if all(v in (None, 1.0) for v in seeds.values()) else 1


if __name__ == "__main__":
    sys.exit(main())

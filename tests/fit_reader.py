"""Fit the line-role model on the labelled lines: `python tests/fit_reader.py`.

Reads tests/corpus/labels.yaml (the role of every line of the corpus texts and the seeds),
computes each line's features as `clean` does, fits a multinomial logistic regression
(scikit-learn, deterministic: L-BFGS from zero) and writes src/digest/extract/roles.json.
`--check` fits again and fails if the shipped weights differ: the model in the repository
is the one this script makes. tests/accuracy.py fits the same way without each fold.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from digest.clean import read_lines  # noqa: E402
from digest.extract.lines import Features  # noqa: E402
from digest.extract.roles import MODEL_FILE, ROLES, RoleModel  # noqa: E402
from digest.load import parse_source  # noqa: E402
from digest.models import SourceDoc  # noqa: E402

LABELS = ROOT / "tests" / "corpus" / "labels.yaml"
FOLDERS = (ROOT / "seeds", ROOT / "tests" / "corpus" / "texts")
# Inverse strength of the L2 penalty: small data, so weights are kept modest.
REGULARISATION = 1.0


@dataclass(frozen=True)
class LabelledLine:
    """One line of a labelled text: its file, its features and its role."""

    source: str
    features: Features
    role: str


def labelled_lines(labels: Path = LABELS) -> list[LabelledLine]:
    """Every labelled line with the features `clean` computes for it."""
    table = yaml.safe_load(labels.read_text(encoding="utf-8"))
    result = []
    for name, rows in sorted(table.items()):
        _, lines, _, features = read_lines(_text_of(name))
        texts = [text for _, text in rows]
        if texts != lines:
            raise SystemExit(f"{labels}: the lines of {name} have changed; label them again")
        result += [LabelledLine(name, f, role) for f, (role, _) in zip(features, rows, strict=True)]
    return result


def _text_of(name: str) -> str:
    path = next(folder / name for folder in FOLDERS if (folder / name).is_file())
    doc = parse_source(name, path.read_bytes())
    assert isinstance(doc, SourceDoc), doc
    return doc.text


def fit_roles(lines: list[LabelledLine]) -> RoleModel:
    """A multinomial logistic regression of role on features, as a RoleModel."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = DictVectorizer(sparse=False)
    x = vectoriser.fit_transform([line.features for line in lines])
    y = [line.role for line in lines]
    model = LogisticRegression(C=REGULARISATION, max_iter=5000)
    model.fit(x, y)
    names = vectoriser.get_feature_names_out()
    classes = list(model.classes_)
    roles = tuple(role for role in ROLES if role in classes)
    rows = [classes.index(role) for role in roles]
    return RoleModel(
        roles=roles,
        intercepts=tuple(float(model.intercept_[r]) for r in rows),
        weights=tuple(
            {str(n): float(w) for n, w in zip(names, model.coef_[r], strict=True)} for r in rows
        ),
    )


def main() -> int:
    """Fit on every labelled line and write (or, with --check, compare) the shipped model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if roles.json is stale")
    args = parser.parse_args()
    fitted = fit_roles(labelled_lines()).to_json()
    if args.check:
        stale = MODEL_FILE.read_text(encoding="utf-8") != fitted
        print(f"{MODEL_FILE.name} is {'stale: run tests/fit_reader.py' if stale else 'current'}")
        return 1 if stale else 0
    MODEL_FILE.write_text(fitted, encoding="utf-8")
    print(f"wrote {MODEL_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

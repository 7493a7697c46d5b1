"""Fit the reader's models on the corpus and the seeds: `python tests/fit_reader.py`.

Two logistic regressions (scikit-learn, deterministic: L-BFGS from zero), each written as
JSON beside the code that applies it:
- line roles (src/digest/read/extract/roles.json), from tests/corpus/labels.yaml: the role of
  every line of the corpus texts and the seeds, each line's features computed as `clean`
  computes them;
- the thesis (src/digest/read/extract/thesis.json), from the gold theses (tests/corpus/gold.yaml,
  tests/seed_expectations.yaml): which body sentences state a piece's thesis, the body read
  with the line-role model just fitted;
- claim kinds (src/digest/read/extract/kinds.json), from the corpus's typed claims.
`--check` fits again and fails if the shipped weights differ: the models in the repository
are the ones this script makes. tests/accuracy.py fits the same way without each fold.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from digest.models.documents import SourceDoc  # noqa: E402
from digest.read.clean import clean, read_lines  # noqa: E402
from digest.read.extract import extract  # noqa: E402
from digest.read.extract import kinds as kinds_module  # noqa: E402
from digest.read.extract import roles as roles_module  # noqa: E402
from digest.read.extract import thesis as thesis_module  # noqa: E402
from digest.read.extract.kinds import claim_features  # noqa: E402
from digest.read.extract.model import Features, LinearModel, ReaderModels  # noqa: E402
from digest.read.extract.roles import ROLES  # noqa: E402
from digest.read.extract.thesis import sentence_features  # noqa: E402
from digest.read.load import parse_source  # noqa: E402

from scoring import CORPUS_GOLD, SEED_GOLD, either_contains, load_gold  # noqa: E402

LABELS = ROOT / "tests" / "corpus" / "labels.yaml"
FOLDERS = (ROOT / "seeds", ROOT / "tests" / "corpus" / "texts")
# Inverse strength of the L2 penalty of each model: small data, so weights are kept modest;
# the thesis model has few features and one choice per text, so it is penalised less.
ROLES_REGULARISATION = 1.0
THESIS_REGULARISATION = 10.0


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
        result += [
            LabelledLine(name, f, role)
            for f, (role, _) in zip(features, rows, strict=True)
            if f is not None  # named by a rule, or running text: not the model's to judge
        ]
    return result


def _path_of(name: str) -> Path:
    return next(folder / name for folder in FOLDERS if (folder / name).is_file())


def _text_of(name: str) -> str:
    doc = parse_source(name, _path_of(name).read_bytes())
    assert isinstance(doc, SourceDoc), doc
    return doc.text


def fit_roles(lines: list[LabelledLine]) -> LinearModel:
    """A multinomial logistic regression of role on features."""
    model = _fit([line.features for line in lines], [line.role for line in lines])
    order = [c for c in ROLES if c in model.classes]
    return _reordered(model, order)


Document = list[tuple[Features, bool]]  # a text's body sentences: features, is it a thesis


def thesis_examples(roles: LinearModel, held_out: set[str] = frozenset()) -> list[Document]:
    """The body sentences of each gold text (but the held-out ones), read with the given
    line-role model, each marked whether it is one of the text's gold theses."""
    documents = []
    for entry in load_gold(SEED_GOLD) + load_gold(CORPUS_GOLD):
        if entry["file"] in held_out:
            continue
        doc = parse_source(entry["file"], _path_of(entry["file"]).read_bytes())
        assert isinstance(doc, SourceDoc), doc
        article = extract(clean(doc, roles))
        documents.append(
            [
                (features, any(either_contains(s.text, t) for t in entry["thesis_any_of"]))
                for s, features in sentence_features(article.paragraphs)
            ]
        )
    return [d for d in documents if any(is_thesis for _, is_thesis in d)]


def fit_thesis(documents: list[Document]) -> LinearModel:
    """Weights that make each text's thesis its likeliest sentence: a conditional logit, the
    softmax over one text's sentences (a ranking within the text, so a long article and a
    short excerpt count alike), with an L2 penalty; fitted by L-BFGS from zero."""
    import numpy as np
    from scipy.optimize import minimize

    names = sorted({name for d in documents for features, _ in d for name in features})
    matrices = [np.array([[f.get(n, 0.0) for n in names] for f, _ in d]) for d in documents]
    wanted = [np.array([is_thesis for _, is_thesis in d]) for d in documents]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, gradient = 0.5 * w @ w / THESIS_REGULARISATION, w / THESIS_REGULARISATION
        for x, mask in zip(matrices, wanted, strict=True):
            scores = x @ w
            p_all = np.exp(scores - scores.max())
            p_all /= p_all.sum()
            p_wanted = p_all * mask
            total -= np.log(p_wanted.sum())
            gradient = gradient - (p_wanted / p_wanted.sum() - p_all) @ x
        return total, gradient

    w = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B").x
    return LinearModel(
        classes=("other", "thesis"),
        intercepts=(0.0, 0.0),
        weights=({}, {n: float(v) for n, v in zip(names, w, strict=True)}),
    )


def fit_kinds(held_out: set[str] = frozenset()) -> LinearModel:
    """A multinomial logistic regression of a claim's kind on its features, from the
    corpus's typed claims (but the held-out texts')."""
    claims = [
        claim
        for entry in load_gold(CORPUS_GOLD)
        if entry["file"] not in held_out
        for claim in entry.get("claims") or []
    ]
    model = _fit([claim_features(c["text"]) for c in claims], [c["kind"] for c in claims])
    return _reordered(model, sorted(model.classes))


def fit_reader(held_out: set[str] = frozenset()) -> ReaderModels:
    """The reader's models, fitted without the held-out files: line roles, then the thesis
    (on bodies read with those roles), and claim kinds."""
    roles = fit_roles([line for line in labelled_lines() if line.source not in held_out])
    return ReaderModels(roles, fit_thesis(thesis_examples(roles, held_out)), fit_kinds(held_out))


def _fit(rows: list[Features], classes: list[str]) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = DictVectorizer(sparse=False)
    x = vectoriser.fit_transform(rows)
    fitted = LogisticRegression(C=ROLES_REGULARISATION, max_iter=5000).fit(x, classes)
    names = [str(n) for n in vectoriser.get_feature_names_out()]
    labels = [str(c) for c in fitted.classes_]
    if len(labels) == 2:  # a binary fit gives the second class's scores only
        coefficients = [-fitted.coef_[0] / 2, fitted.coef_[0] / 2]
        intercepts = [-fitted.intercept_[0] / 2, fitted.intercept_[0] / 2]
    else:
        coefficients, intercepts = list(fitted.coef_), list(fitted.intercept_)
    return LinearModel(
        classes=tuple(labels),
        intercepts=tuple(float(b) for b in intercepts),
        weights=tuple(
            {n: float(w) for n, w in zip(names, row, strict=True)} for row in coefficients
        ),
    )


def _reordered(model: LinearModel, order: list[str]) -> LinearModel:
    rows = [model.classes.index(c) for c in order]
    return LinearModel(
        classes=tuple(order),
        intercepts=tuple(model.intercepts[r] for r in rows),
        weights=tuple(model.weights[r] for r in rows),
    )


def main() -> int:
    """Fit on everything and write (or, with --check, compare) the shipped models."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a model file is stale")
    args = parser.parse_args()
    models = fit_reader()
    stale = 0
    for path, model in (
        (roles_module.MODEL_FILE, models.roles),
        (thesis_module.MODEL_FILE, models.thesis),
        (kinds_module.MODEL_FILE, models.kinds),
    ):
        fitted = model.to_json()
        if args.check:
            current = path.read_text(encoding="utf-8") == fitted
            print(f"{path.name} is {'current' if current else 'stale: run tests/fit_reader.py'}")
            stale += not current
        else:
            path.write_text(fitted, encoding="utf-8")
            print(f"wrote {path}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())

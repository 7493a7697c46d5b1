"""A fitted linear model as data: per class, an intercept and a weight per named feature.

The reader's models (line roles, the thesis) are multinomial logistic regressions fitted by
tests/fit_reader.py and shipped as JSON beside the code that applies them; applying one
needs no library: a weighted sum per class and a softmax.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

Features = dict[str, float]


@dataclass(frozen=True, slots=True, eq=False)
class LinearModel:
    """Per class, an intercept and a weight per feature (features not named weigh 0)."""

    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: tuple[dict[str, float], ...]  # one mapping of feature to weight per class

    def probabilities(self, features: Features) -> dict[str, float]:
        """The probability of each class for these features (softmax of the scores)."""
        scores = list(self.intercepts)
        columns = _columns(self)
        for name, value in features.items():
            column = columns.get(name) if value else None
            if column is not None:
                for k, w in enumerate(column):
                    scores[k] += w * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def to_json(self) -> str:
        """The model as JSON, weights rounded to four places so that fits compare."""
        document = {
            c: {"intercept": round(b, 4), **{k: round(v, 4) for k, v in sorted(w.items()) if v}}
            for c, b, w in zip(self.classes, self.intercepts, self.weights, strict=True)
        }
        return json.dumps(document, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> LinearModel:
        """Read a model written by `to_json`."""
        document = json.loads(text)
        classes = tuple(document)
        return cls(
            classes=classes,
            intercepts=tuple(float(document[c]["intercept"]) for c in classes),
            weights=tuple(
                {k: float(v) for k, v in document[c].items() if k != "intercept"} for c in classes
            ),
        )

    @classmethod
    def read(cls, path: Path) -> LinearModel:
        """Read a model file."""
        return cls.from_json(path.read_text(encoding="utf-8"))


@cache
def _columns(model: LinearModel) -> dict[str, tuple[float, ...]]:
    """Each feature's weights for every class: a line has few features that are not zero,
    so the scores are summed over those, not over every weight (a model is hashed by
    identity here; models are few and long-lived)."""
    names = {name for weights in model.weights for name in weights}
    return {name: tuple(w.get(name, 0.0) for w in model.weights) for name in names}


@dataclass(frozen=True, slots=True)
class ReaderModels:
    """The reader's fitted models: line roles, the thesis, claim kinds."""

    roles: LinearModel
    thesis: LinearModel
    kinds: LinearModel

"""The role of each line of a page: headline, byline, body, or which kind of page furniture.

A multinomial logistic regression weighs the evidence of `lines` for each role. Its weights
are data (`roles.json`), fitted by `tests/fit_reader.py` on the labelled lines of the corpus
and the seeds (`tests/corpus/labels.yaml`); no library is needed to apply them. Decoding then
keeps what a page can hold: one headline (the likeliest), the others read as body.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from .lines import Features

Role = Literal[
    "body",
    "headline",
    "byline",
    "bio",
    "dateline",
    "caption",
    "navigation",
    "ad",
    "prompt",
    "related",
    "credit",
    "disclaimer",
]
ROLES: tuple[Role, ...] = (
    "body",
    "headline",
    "byline",
    "bio",
    "dateline",
    "caption",
    "navigation",
    "ad",
    "prompt",
    "related",
    "credit",
    "disclaimer",
)
# Roles whose lines extraction reads (title, authors) rather than drops as furniture.
READ_ROLES: frozenset[Role] = frozenset({"body", "headline", "byline", "bio"})
# The reason recorded for a line dropped in each role, where no line rule gave a finer one.
ROLE_REASONS: dict[Role, str] = {
    "dateline": "date line",
    "caption": "caption",
    "navigation": "navigation",
    "ad": "ad marker",
    "prompt": "share prompt",
    "related": "related link",
    "credit": "source credit",
    "disclaimer": "disclaimer",
}
MODEL_FILE = Path(__file__).with_name("roles.json")
# The likelihood at which the likeliest headline of a page is taken as its headline even
# when another role is likelier for that line.
HEADLINE_MIN = 0.2


@dataclass(frozen=True, slots=True)
class RoleModel:
    """A fitted model: per role, an intercept and a weight per feature."""

    roles: tuple[Role, ...]
    intercepts: tuple[float, ...]
    weights: tuple[dict[str, float], ...]  # one mapping of feature to weight per role

    def probabilities(self, features: Features) -> dict[Role, float]:
        """The probability of each role for a line with these features (softmax)."""
        scores = [
            bias + sum(w * features.get(name, 0.0) for name, w in weights.items())
            for bias, weights in zip(self.intercepts, self.weights, strict=True)
        ]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {role: e / total for role, e in zip(self.roles, exps, strict=True)}

    def to_json(self) -> str:
        """The model as the JSON of `roles.json`, weights rounded so fits compare."""
        document = {
            role: {"intercept": round(b, 4), **{k: round(v, 4) for k, v in sorted(w.items()) if v}}
            for role, b, w in zip(self.roles, self.intercepts, self.weights, strict=True)
        }
        return json.dumps(document, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> RoleModel:
        """Read a model written by `to_json`."""
        document = json.loads(text)
        roles = tuple(role for role in ROLES if role in document)
        return cls(
            roles=roles,
            intercepts=tuple(float(document[r]["intercept"]) for r in roles),
            weights=tuple(
                {k: float(v) for k, v in document[r].items() if k != "intercept"} for r in roles
            ),
        )


@cache
def shipped_model() -> RoleModel:
    """The model fitted on the labelled corpus, as shipped beside this module."""
    return RoleModel.from_json(MODEL_FILE.read_text(encoding="utf-8"))


def assign_roles(
    features: Sequence[Features], model: RoleModel, headline_shaped: Sequence[bool]
) -> list[Role]:
    """The role of each line, the likeliest; but a page has one headline: of the lines
    shaped like one, the likeliest to be it, if that likelihood reaches HEADLINE_MIN (a
    headline is often a close call with a label or a standfirst), and no other line."""
    probabilities = [model.probabilities(f) for f in features]
    roles: list[Role] = [max(p, key=p.__getitem__) for p in probabilities]
    shaped = [i for i, ok in enumerate(headline_shaped) if ok]
    best = max(shaped, key=lambda i: probabilities[i]["headline"], default=None)
    for i, role in enumerate(roles):
        if role == "headline" and i != best:
            roles[i] = _second_choice(probabilities[i])
    if best is not None and probabilities[best]["headline"] >= HEADLINE_MIN:
        roles[best] = "headline"
    return roles


def _second_choice(probabilities: dict[Role, float]) -> Role:
    return max((r for r in probabilities if r != "headline"), key=probabilities.__getitem__)

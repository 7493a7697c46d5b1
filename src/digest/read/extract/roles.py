"""The role of each line of a page: headline, byline, body, or which kind of page furniture.

A multinomial logistic regression weighs the evidence of `lines` for each role. Its weights
are data (`roles.json`), fitted by `tests/fit_reader.py` on the labelled lines of the corpus
and the seeds (`tests/corpus/labels.yaml`); no library is needed to apply them. Decoding then
keeps what a page can hold: one headline (the likeliest), the others read as body.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Literal, cast, get_args

from ..reasons import (
    AD_MARKER,
    CAPTION,
    CREDIT,
    DATE_LINE,
    DISCLAIMER,
    NAVIGATION,
    RELATED_LINK,
    SHARE_PROMPT,
    RemovalReason,
)
from .lines import Features
from .model import LinearModel

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
ROLES: tuple[Role, ...] = get_args(Role)
# Roles whose lines extraction reads (title, authors) rather than drops as furniture.
READ_ROLES: frozenset[Role] = frozenset({"body", "headline", "byline", "bio"})
# The reason recorded for a line dropped in each role, where no line rule gave a finer one.
ROLE_REASONS: dict[Role, RemovalReason] = {
    "dateline": DATE_LINE,
    "caption": CAPTION,
    "navigation": NAVIGATION,
    "ad": AD_MARKER,
    "prompt": SHARE_PROMPT,
    "related": RELATED_LINK,
    "credit": CREDIT,
    "disclaimer": DISCLAIMER,
}
MODEL_FILE = Path(__file__).with_name("roles.json")
# The likelihood at which the likeliest headline of a page is taken as its headline even
# when another role is likelier for that line.
HEADLINE_MIN = 0.2


@cache
def shipped_model() -> LinearModel:
    """The model fitted on the labelled corpus, as shipped beside this module."""
    return LinearModel.read(MODEL_FILE)


def assign_roles(
    features: Sequence[Features | None], model: LinearModel, headline_shaped: Sequence[bool]
) -> list[Role]:
    """The role of each line judged (features not None; the others are body here), the
    likeliest; but a page has one headline: of the lines shaped like one, the likeliest to
    be it, if that likelihood reaches HEADLINE_MIN (a headline is often a close call with a
    label or a standfirst), and no other line."""
    probabilities = [model.probabilities(f) if f else {"body": 1.0} for f in features]
    roles = [cast(Role, max(p, key=p.__getitem__)) for p in probabilities]
    shaped = [i for i, ok in enumerate(headline_shaped) if ok and features[i]]
    best = max(shaped, key=lambda i: probabilities[i].get("headline", 0.0), default=None)
    for i, role in enumerate(roles):
        if role == "headline" and i != best:
            roles[i] = _second_choice(probabilities[i])
    if best is not None and probabilities[best].get("headline", 0.0) >= HEADLINE_MIN:
        roles[best] = "headline"
    return roles


def _second_choice(probabilities: dict[str, float]) -> Role:
    return cast(
        Role, max((r for r in probabilities if r != "headline"), key=probabilities.__getitem__)
    )

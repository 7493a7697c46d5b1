"""The kind of a claim: a fact, a forecast, a recommendation or an assessment.

The cue rules of `claims.claim_kind` give a first reading (a prescriptive modal recommends,
"will" forecasts, figures and events state facts); a logistic regression fitted on the
corpus's typed claims by tests/fit_reader.py (`kinds.json`) weighs that reading with the
evidence that overturns it: a reported statement is the speaker's, and a reported judgement
("analysts say it is a tool") an assessment; a plan reported ("said the meeting will focus")
a fact; "should not have" judges what happened; a verb in the past states what did.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import cast

from ...models.article import ClaimKind
from .claims import claim_kind
from .cues import cues
from .model import Features, LinearModel

MODEL_FILE = Path(__file__).with_name("kinds.json")
_COUNTERFACTUAL = re.compile(r"\b(?:should|would|could|must|might) (?:not )?have\b", re.I)
_EVALUATIVE = re.compile(
    r"\b(?:clear|unclear|uncertain|dangerous|significant(?:ly)?|surprising(?:ly)?|notorious(?:ly)?|"
    r"precarious|fragile|vulnerable|critical|crucial|difficult|easy|remarkabl[ey]|"
    r"unprecedented|historic|major|key|worse|better|best|worst|success|failure|mistake|"
    r"irony|ironic|skill|great|good|bad|poor(?:ly)?|strong(?:ly)?|weak)\b",
    re.IGNORECASE,
)
_PAST = re.compile(r"\b\w+ed\b|\b(?:was|were|had|did|made|took|met|said|told|began|led|won|lost)\b")
_WHEN = re.compile(
    r"\b(?:yesterday|today|last (?:week|month|year)|on (?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)|(?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december)|\d{4})\b",
    re.IGNORECASE,
)
_REPORTED_FUTURE = re.compile(r"\b(?:said|says|told|announced)\b.*\bwill\b", re.IGNORECASE)
_GROUP_SAYS = re.compile(
    r"^(?:analysts|experts|critics|observers|officials|diplomats|some)\s+(?:say|said|believe|argue|note)",
    re.IGNORECASE,
)
_EXPLAINED_FAILURE = re.compile(r"\bfail(?:s|ed|ure)?\b.*\b(?:because|due to)\b", re.I)
_TIME_TO_COME = re.compile(
    r"\b(?:in the (?:coming|next) (?:days|weeks|months|years)|next (?:week|month|year)|"
    r"sooner or later|in the (?:near|long) (?:term|run))\b",
    re.IGNORECASE,
)
_EXPLAINS = re.compile(r"\b(?:because|due to|as a result of|owing to|thanks to|since)\b", re.I)


@cache
def shipped_model() -> LinearModel:
    """The claim-kind model fitted on the corpus, as shipped beside this module."""
    return LinearModel.read(MODEL_FILE)


def kind_of(text: str, model: LinearModel | None = None) -> ClaimKind:
    """The kind of a claim: by a decisive cue where it has one, else the likeliest."""
    decided = decisive_kind(text)
    if decided:
        return decided
    probabilities = (model or shipped_model()).probabilities(claim_features(text))
    return cast(ClaimKind, max(probabilities, key=probabilities.__getitem__))


def decisive_kind(text: str) -> ClaimKind | None:
    """A kind that one cue settles: a prescriptive modal recommends; a modal in an open
    question ("whether X should") weighs options; an explanation of a failure judges it; a
    time still to come ("in the coming months") forecasts."""
    cue = cues(text)
    if cue.prescribes:
        return "recommendation"
    if cue.open_modal or _EXPLAINED_FAILURE.search(text):
        return "assessment"
    if _TIME_TO_COME.search(text):
        return "forecast"
    return None


def claim_features(text: str) -> Features:
    """The evidence of what kind of claim a sentence makes."""
    cue = cues(text)
    return {
        f"rule: {claim_kind(text)}": 1.0,
        "prescriptive modal": float(cue.prescribes),
        "counterfactual": float(bool(_COUNTERFACTUAL.search(text))),
        "future": float(cue.forecast),
        "possibility": float(cue.possibility),
        "reported": float(cue.reported),
        "reported future": float(bool(_REPORTED_FUTURE.search(text))),
        "a group says": float(bool(_GROUP_SAYS.match(text))),
        "figure": float(cue.figure),
        "event": float(cue.event),
        "past tense": float(bool(_PAST.search(text))),
        "when": float(bool(_WHEN.search(text))),
        "judgement": float(cue.judgement),
        "evaluative": float(bool(_EVALUATIVE.search(text))),
        "first person": float(cue.first_person),
        "question": float(text.rstrip("”\"’' ").endswith("?")),
        "explains why": float(bool(_EXPLAINS.search(text))),
        "open question": float(cue.open_modal),
    }

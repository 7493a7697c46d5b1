"""The key claims of a piece: how much each sentence asserts, its kind, and which are picked."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache

from ...models.article import Claim, ClaimKind
from ...text import word_count
from .body_sentences import Sentence, body_sentences
from .cues import ANAPHOR, cues

MIN_CLAIMS, MAX_CLAIMS = 5, 12
_PROPER_NOUN = re.compile(r"(?<=\s)[A-Z][\w’'-]+")
# What makes a sentence a key claim, by its cues (fields of Cues): a figure or a
# recommendation asserts most, a judgement less, a forecast or an event least.
CLAIM_WEIGHTS: dict[str, float] = {
    "figure": 2.0,
    "prescribes": 2.0,
    "judgement": 1.5,
    "forecast": 1.0,
    "event": 1.0,
}
# Each named actor (a capitalised word after the first) adds this much, up to the cap: a
# sentence full of names is not for that the piece's main point.
ACTOR_WEIGHT, ACTORS_CAP = 0.3, 1.5
# What makes a poor claim, and what it costs: a question asserts nothing; a fragment, a
# short sentence or a run-on says too little or too much; an opener that points back
# ("This", "They") needs the sentence before it.
SHAPE_PENALTIES: dict[str, float] = {
    "question": 3.0,
    "fragment": 2.0,
    "short or run-on": 1.0,
    "context-bound opener": 0.75,
}
FRAGMENT_WORDS, SHORT_WORDS, RUN_ON_WORDS = 7, 10, 60
# What may close a sentence after its final stop: quotes and brackets, and space.
CLOSERS = "”\"’')] \u00a0"


@lru_cache(maxsize=4096)
def _shape_penalty(text: str) -> float:
    """What a sentence's shape costs it as a claim (SHAPE_PENALTIES)."""
    words = word_count(text)
    shapes = {
        "question": text.rstrip("”\"’' ").endswith("?"),
        "fragment": words < FRAGMENT_WORDS,
        "short or run-on": FRAGMENT_WORDS <= words < SHORT_WORDS or words > RUN_ON_WORDS,
        "context-bound opener": bool(ANAPHOR.match(text)),
    }
    return sum(SHAPE_PENALTIES[shape] for shape, found in shapes.items() if found)


def claim_score(text: str) -> float:
    """How much a sentence asserts: figures, events, judgements, forecasts, named actors
    (CLAIM_WEIGHTS, ACTOR_WEIGHT), less what its shape costs it."""
    cue = cues(text)
    score = sum(weight for name, weight in CLAIM_WEIGHTS.items() if getattr(cue, name))
    score += min(ACTORS_CAP, ACTOR_WEIGHT * len(_PROPER_NOUN.findall(text)))
    return score - _shape_penalty(text)


def claim_kind(text: str) -> ClaimKind:
    """Type a claim: what should be done, what will happen, what is the case, or a judgement."""
    cue = cues(text)
    if cue.prescribes:
        return "recommendation"
    if cue.forecast and not (cue.figure and cue.event):
        return "forecast"
    if cue.possibility and not cue.event:
        return "forecast"
    if cue.figure or cue.event or cue.reported:
        return "fact"
    return "assessment"


def pick_claims(
    paragraphs: tuple[str, ...], kind_of: Callable[[str], ClaimKind] = claim_kind
) -> tuple[Claim, ...]:
    """The key claims, 5 to 12 (fewer only in a very short text), in reading order, each
    typed by `kind_of`.

    No paragraph gives more than its share, so the claims span the whole piece.
    """
    candidates = [s for s in body_sentences(paragraphs) if is_whole_sentence(s.text)]
    wanted = min(len(candidates), max(MIN_CLAIMS, min(MAX_CLAIMS, round(len(candidates) / 3))))
    per_paragraph = max(2, math.ceil(2 * wanted / max(1, len(paragraphs))))
    ranked = sorted(candidates, key=lambda s: (-claim_score(s.text), s.index))
    chosen: list[Sentence] = []
    taken: dict[int, int] = {}
    for sentence in ranked:
        if len(chosen) == wanted:
            break
        if taken.get(sentence.paragraph, 0) < per_paragraph:
            chosen.append(sentence)
            taken[sentence.paragraph] = taken.get(sentence.paragraph, 0) + 1
    chosen.sort(key=lambda s: s.index)
    return tuple(Claim(s.text, kind_of(s.text), s.paragraph) for s in chosen)


def is_whole_sentence(text: str) -> bool:
    """Tell whether a sentence ends as a sentence does (a stop, a question or exclamation
    mark, before any closing quote or bracket): a heading, a label or a cut-off line states
    no claim, however few sentences a text has."""
    return text.rstrip(CLOSERS).endswith((".", "!", "?", "…"))

"""What a claim says, as linking reads it: its words folded, opposites, negations, their scope."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, strip_accents_unicode

# A flip bears on this many words after it, in the same clause and past the fillers that
# stand between a negation and what it negates: "will not be able to hold" negates "able"
# and "hold"; "won't send troops" negates "send" and "troops". Two, because a third is
# most often a preposition or the start of another matter.
SCOPE_WORDS = 2


@dataclass(frozen=True, slots=True)
class Opposites:
    """A pair of words that say opposite things about the same matter."""

    positive: tuple[str, ...]  # its word forms; the first stands for the pair in similarity
    negative: tuple[str, ...]
    reason: str


# Kept small on purpose: each pair is one whose two sides, in the same sentence frame, a
# reader takes as contradicting each other.
OPPOSITES = (
    Opposites(("likely", "probable"), ("unlikely", "improbable"), "a forecast and its denial"),
    Opposites(("possible",), ("impossible",), "whether something can happen at all"),
    Opposites(("able",), ("unable",), "whether a party can do something"),
    Opposites(
        ("succeed", "succeeds", "succeeded", "succeeding", "success", "successful"),
        ("fail", "fails", "failed", "failing", "failure"),
        "the outcome of a plan, talks or an offensive",
    ),
    Opposites(
        ("increase", "increases", "increased", "increasing"),
        ("decrease", "decreases", "decreased", "decreasing"),
        "the direction of a quantity: aid, exports, pressure",
    ),
    Opposites(
        ("win", "wins", "winning", "won"),
        ("lose", "loses", "losing", "lost"),
        "who prevails in a war, a vote or a battle",
    ),
    Opposites(
        ("strengthen", "strengthens", "strengthened", "strengthening"),
        ("weaken", "weakens", "weakened", "weakening"),
        "the effect of a measure on a party's position",
    ),
    Opposites(
        ("accept", "accepts", "accepted", "accepting"),
        ("reject", "rejects", "rejected", "rejecting"),
        "a party's answer to a proposal",
    ),
)
# Each word of a pair, written as its pair's first positive word.
CANONICAL = {
    form: pair.positive[0] for pair in OPPOSITES for form in (*pair.positive, *pair.negative)
}
NEGATIVE_FORMS = frozenset(form for pair in OPPOSITES for form in pair.negative)
# Words that deny what follows. "nor" is left out (it follows a "neither" or a "not" in the
# same sentence and would cancel it), and so is "without" ("talks went ahead without the
# envoy" does not deny that talks went ahead).
NEGATIONS = frozenset({"not", "no", "never", "neither", "none", "nobody", "nothing"})
FLIP_WORDS = NEGATIONS | NEGATIVE_FORMS
# Words between a flip and what it bears on: auxiliaries, modals, articles, "to".
FILLERS = frozenset(
    {
        "a", "an", "the", "to", "be", "been", "being", "have", "has", "had", "do", "does",
        "did", "is", "are", "was", "were", "am", "will", "would", "shall", "should", "can",
        "could", "may", "might", "must", "yet", "even", "ever", "one", "any", "longer",
    }
)  # fmt: skip
# Phrases with a negation word that deny nothing: removed before the cues are read.
NOT_DENIALS = re.compile(r"\b(?:not only|whether or not|no doubt|not least|if not)\b")
# Words of scikit-learn's English list that are content words in this corpus ("the front
# line", "an aid bill", "air defence system", "the national interest", numbers of regions).
CONTENT_WORDS = frozenset(
    {
        "back", "bill", "bottom", "call", "describe", "detail", "empty", "fill", "find",
        "fire", "found", "front", "full", "give", "interest", "keep", "move", "name",
        "part", "put", "serious", "show", "side", "system", "take", "top", "two", "three",
        "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "fifteen", "twenty", "forty", "fifty", "sixty", "hundred",
    }
)  # fmt: skip
# Left out of similarity: function words, modal and auxiliary verbs (their negation is read
# by the cues, from the claim's own words, not from the model's tokens), negations, and
# the reporting verbs of news copy (who "said" it is not the point made).
STOP_WORDS = frozenset(
    (ENGLISH_STOP_WORDS - CONTENT_WORDS)
    | NEGATIONS
    | {"does", "did", "doing", "shall", "just", "said", "says"}
)
_DOTTED_ACRONYM = re.compile(r"\b(?:[A-Z]\.){2,}")
_CAPITAL_WORD = re.compile(r"\b[A-Z]{2,}\b")
_CONTRACTION = re.compile(r"\b(?:won't|shan't|can't|cannot)\b|n't\b")
_WRITTEN_OUT = {"won't": "will not", "shan't": "shall not", "can't": "can not", "cannot": "can not"}
_OPPOSITE_WORD = re.compile(rf"\b(?:{'|'.join(sorted(CANONICAL, key=len, reverse=True))})\b")
# Where a negation's reach ends: punctuation, or a conjunction that starts a new clause.
_CLAUSE_END = re.compile(r"[,;:()\[\]\"“”?!.–—]|\b(?:but|while|whereas|although|though)\b")
_WORD = re.compile(r"\w\w+")
# Any word that may flip a claim: a claim without one is not parsed for its polarity.
CUE = re.compile(rf"\b(?:{'|'.join(sorted(FLIP_WORDS))})\b")
# The most words a flip bears on: its pair's word and SCOPE_WORDS words after it.
ANCHORS = SCOPE_WORDS + 1


@dataclass(frozen=True, slots=True)
class Flip:
    """A word that denies or reverses what follows it ("not", "unlikely", "failed")."""

    word: str
    anchors: frozenset[str]  # what it bears on: its pair's word and the words it negates


@dataclass(frozen=True, slots=True)
class Polarity:
    """What a claim affirms or denies: its flips in order, and its content words."""

    flips: tuple[Flip, ...]
    words: frozenset[str]  # the claim's content words, as similarity sees them


def fold(text: str) -> str:
    """Case and accents folded, contractions written out; an acronym that would fold into a
    stop word ("US" into "us") is kept as a word of its own ("us_")."""
    text = _DOTTED_ACRONYM.sub(lambda m: m.group().replace(".", ""), text)
    text = _CAPITAL_WORD.sub(_keep_acronym, text)
    text = strip_accents_unicode(text.replace("’", "'")).casefold()
    return _CONTRACTION.sub(lambda m: _WRITTEN_OUT.get(m.group(), " not"), text)


def _keep_acronym(match: re.Match[str]) -> str:
    word = match.group()
    return f"{word.lower()}_" if word.lower() in STOP_WORDS else word


def canonical(word: str) -> str:
    """A word as similarity sees it: a word of a pair of opposites becomes the pair's word."""
    return CANONICAL.get(word, word)


def similarity_text(folded: str) -> str:
    """The folded claim with opposites written as their pair's word, for the vectorizer."""
    return _OPPOSITE_WORD.sub(lambda m: CANONICAL[m.group()], folded)


def polarity(folded: str) -> Polarity:
    """Read a folded claim's flips, clause by clause. A negation with nothing after it in
    its clause ("No, ...", "... or not.") denies nothing and does not count. A flip's
    anchors are the content words of its scope, and its pair's word: a flip whose scope
    holds only function words ("will not go on") counts but anchors on nothing, so it
    neither agrees nor conflicts with anything."""
    flips: list[Flip] = []
    for clause in _CLAUSE_END.split(NOT_DENIALS.sub(" ", folded)):
        words = _WORD.findall(clause)
        for at, word in enumerate(words):
            if word not in FLIP_WORDS:
                continue
            scope = _scope(words[at + 1 :])
            if word in NEGATIONS and not scope:
                continue
            pair = {canonical(word)} if word in NEGATIVE_FORMS else set()
            flips.append(Flip(word, frozenset(scope).union(pair) - STOP_WORDS))
    content = frozenset(_WORD.findall(similarity_text(folded))) - STOP_WORDS
    return Polarity(tuple(flips), content)


def _scope(following: Sequence[str]) -> list[str]:
    """The first SCOPE_WORDS words of what follows a flip in its clause, past the fillers."""
    found: list[str] = []
    for word in following:
        if word not in FILLERS:
            found.append(canonical(word))
            if len(found) == SCOPE_WORDS:
                break
    return found


def matched(first: Sequence[Flip], second: Sequence[Flip]) -> bool:
    """Whether two claims' flips pair up in order, each pair bearing on the same words:
    "will not hold" and "is unlikely to hold" deny alike; "will not hold, but talks go on"
    and "will hold, but talks will not go on" deny different things."""
    return len(first) == len(second) and all(
        a.anchors & b.anchors for a, b in zip(first, second, strict=True)
    )

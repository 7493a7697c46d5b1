"""Links between the key claims of different articles that make the same point ("agrees")
or the opposite one ("conflicts").

Method
------
1. Every claim is folded (accents stripped, case folded, "won't" written "will not", a
   dotted or capitalised acronym such as "U.S." kept apart from the word "us") and each word
   of a pair of opposites (OPPOSITES: "unlikely", "failed", "decrease") is written as its
   pair's positive word, so that "likely" and "unlikely" count as the same word for
   similarity and differ only in polarity.
2. A TF-IDF model (unigrams and bigrams, sublinear tf, English stop words) is fitted on all
   the claims of the corpus. The stop words include the negations: "not" is polarity, not
   topic, and the two sides of a contradiction must look alike.
3. Candidates come from an inverted index, never from all pairs: each claim is filed under
   its KEY_TERMS highest-weighted terms, and a term more than POSTING_CAP claims use is not
   filed at all (it is too common to tell one point from another). Two claims are a
   candidate pair when a key term of one is a term of the other, so each claim meets at
   most (KEY_TERMS + its own terms) * POSTING_CAP others, and the work grows with the
   number of claims, not with its square.
4. A candidate pair is scored by the cosine of its TF-IDF rows. Its relation comes from
   each claim's flips, read from the claim's own words (not the model's tokens, which
   leave out "not", "will", "can", "should"): a negation ("not", "no", "never", "won't",
   "cannot", "isn't") or the negative word of a pair of opposites, each bearing on the
   first SCOPE_WORDS words after it in its clause, past auxiliaries and articles. Flips
   that match one for one, each bearing on a common word, at or above
   AGREE_MIN_SIMILARITY: "agrees". One flip more in one claim, every word it bears on
   being in the other claim, at or above CONFLICT_MIN_SIMILARITY: "conflicts" ("will
   hold" against "will not hold", "likely" against "unlikely", "will succeed" against
   "will fail"). Anything else is not linked: a missing link costs less than a wrong
   "conflicts".
5. Each claim keeps at most MAX_LINKS links. The pairs are taken most similar first, a
   pair only while both its claims have room, so links are symmetric; ties are broken by
   article slug and claim index, which also makes the result independent of input order.

Limits
------
Bag-of-words similarity: it cannot tell "Russia will attack Ukraine" from "Ukraine will
attack Russia", and it misses paraphrases in other words ("truce" for "ceasefire") or
other inflections ("holds" for "hold"); in short sentences one frame with another object
("The EU should admit Ukraine/Moldova by 2030") scores like a restatement. Polarity comes
from cue words with a short scope, not a parse: "has not weakened" against "has
strengthened" is left unlinked, a negation in a side clause ("with no sign of shelling")
stops a link rather than making a wrong one, and a word of a pair of opposites counts
wherever it stands ("the territory it lost"). A point made in more than POSTING_CAP
claims in the same words is too common for the index: those claims link through rarer
words or not at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import (
    ENGLISH_STOP_WORDS,
    TfidfVectorizer,
    strip_accents_unicode,
)

from .article import Article, Claim, ClaimLink, ClaimRelation
from .heap import collector_paused

# At most this many links per claim: a reader follows a few, and the best few are the ones
# that make the point in the most nearly the same words.
MAX_LINKS = 3
# Two claims with the same flips make the same point from this cosine up. Measured with the
# 264 claims of the seeds and tests/corpus as the rest of the corpus: no two of their
# claims from different articles reach 0.30 (they share names: "Rubio spoke with Lavrov");
# hand-written restatements of a point in mostly the same words score 0.51 to 0.69, in
# other words 0.13 to 0.40 (missed); short sentences of one frame with another object
# ("Europe must spend more on defence / on reconstruction") 0.30 to 0.55.
AGREE_MIN_SIMILARITY = 0.5
# A conflict calls for more: a wrong "conflicts" misleads an analyst more than a missing
# link. Above the 0.55 that short sentences of one frame with another object reached in
# those measurements; longer ones reach more ("should admit Ukraine as a member by 2030" /
# "should not admit Moldova as a member by 2030": 0.67), which `relation` keeps apart as
# "Moldova", a word the negation bears on, is not in the other claim.
CONFLICT_MIN_SIMILARITY = 0.6
# A claim is filed in the index under this many of its highest-weighted terms: enough that
# two claims making one point share one of them even when each adds its own detail, few
# enough that a claim meets a bounded number of others.
KEY_TERMS = 4
# A term that more claims than this use is left out of the index: a word that common
# ("ceasefire" in a war digest) does not tell one point from another, and its postings
# make pairs by the square (32 claims: 496 pairs) to find at most MAX_LINKS links for each.
# Claims sharing it still meet through their rarer words. Set with benchmarks/
# claim_links.py, whose near-duplicate claims share rare terms by the dozen: from 5,000 to
# 20,000 articles the pairs scored grew 13-fold with a cap of 64, 6.6-fold with 48 and
# 3.3-fold with 32.
POSTING_CAP = 32
# Rows of the candidate matrix made at once: bounds memory (each row holds at most
# (KEY_TERMS + its terms) * POSTING_CAP candidates) without a Python loop per claim.
BLOCK_ROWS = 2048
# Pairs scored at once: the rows of both claims are copied for each pair.
SCORE_BATCH = 1 << 17
# Each claim's best pairs kept for the final choice: twice the links, so that a claim
# whose best partners are already full can fall back on its next best.
KEPT_PER_CLAIM = 2 * MAX_LINKS
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
_CUE = re.compile(rf"\b(?:{'|'.join(sorted(FLIP_WORDS))})\b")
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


def relation(first: Polarity, second: Polarity, similarity: float) -> ClaimRelation | None:
    """How two similar claims relate, or None when no link is safe to draw.

    They agree when their flips match one for one; they conflict when one claim has exactly
    one flip more than the other, every word it bears on being in the other ("will hold"
    and "will not hold"; "likely to weaken" and "unlikely to weaken"). Any other difference
    ("has not weakened" against "has strengthened"; "should admit Ukraine" against "should
    not admit Moldova"; a flip in a side clause the other claim does not share) is left
    unlinked."""
    if matched(first.flips, second.flips):
        return "agrees" if similarity >= AGREE_MIN_SIMILARITY else None
    if similarity < CONFLICT_MIN_SIMILARITY or abs(len(first.flips) - len(second.flips)) != 1:
        return None
    more, fewer = (first, second) if len(first.flips) > len(second.flips) else (second, first)
    for at, extra in enumerate(more.flips):
        rest = more.flips[:at] + more.flips[at + 1 :]
        if extra.anchors and extra.anchors <= fewer.words and matched(rest, fewer.flips):
            return "conflicts"
    return None


def matched(first: Sequence[Flip], second: Sequence[Flip]) -> bool:
    """Whether two claims' flips pair up in order, each pair bearing on the same words:
    "will not hold" and "is unlikely to hold" deny alike; "will not hold, but talks go on"
    and "will hold, but talks will not go on" deny different things."""
    return len(first) == len(second) and all(
        a.anchors & b.anchors for a, b in zip(first, second, strict=True)
    )


def vectorizer() -> TfidfVectorizer:
    """The TF-IDF model: fitted on the claims' similarity texts, which come folded."""
    return TfidfVectorizer(
        lowercase=False,  # fold() has folded case and accents, and needs the capitals first
        stop_words=sorted(STOP_WORDS),
        ngram_range=(1, 2),  # "grain corridor" says more than "grain" and "corridor"
        sublinear_tf=True,  # a word repeated in one sentence is not twice the point
        min_df=1,  # a claim's own words are part of what it says: they weigh in its norm
        dtype=np.float32,
    )


def index_matrices(weights: Any) -> tuple[Any, Any]:
    """The inverted index as two 0/1 matrices (claims x terms): every indexed term of each
    claim, and its KEY_TERMS highest-weighted ones. A term is indexed when at least two and
    at most POSTING_CAP claims use it."""
    weights = weights.tocsr()
    used = np.bincount(weights.indices, minlength=weights.shape[1])
    indexed = (used >= 2) & (used <= POSTING_CAP)
    terms = (weights @ sparse.diags(indexed.astype(np.float32))).tocsr()
    terms.eliminate_zeros()
    terms.sort_indices()
    rows = np.repeat(np.arange(terms.shape[0]), np.diff(terms.indptr))
    # Highest weight first within each row, the lower column first on a tie.
    order = np.lexsort((terms.indices, -terms.data, rows))
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size) - terms.indptr[rows[order]]
    key = rank < KEY_TERMS
    keys = sparse.csr_matrix(
        (np.ones(key.sum(), np.float32), (rows[key], terms.indices[key])), shape=terms.shape
    )
    terms.data[:] = 1
    return terms, keys


def candidate_blocks(terms: Any, keys: Any, owner: np.ndarray) -> Iterator[np.ndarray]:
    """Candidate pairs (i < j, of different articles) as (2, n) arrays, a block of rows at
    a time: j shares a key term of i, or i a key term of j."""
    count = terms.shape[0]
    for start in range(0, count, BLOCK_ROWS):
        stop = min(start + BLOCK_ROWS, count)
        found = (keys[start:stop] @ terms.T + terms[start:stop] @ keys.T).tocoo()
        first = found.row.astype(np.int64) + start
        second = found.col.astype(np.int64)
        keep = (second > first) & (owner[first] != owner[second])
        yield np.stack((first[keep], second[keep]))


def cosines(weights: Any, pairs: np.ndarray) -> np.ndarray:
    """The cosine of each pair's rows (the rows are unit length)."""
    scores = [
        np.asarray(
            weights[pairs[0, s : s + SCORE_BATCH]]
            .multiply(weights[pairs[1, s : s + SCORE_BATCH]])
            .sum(axis=1)
        ).ravel()
        for s in range(0, pairs.shape[1], SCORE_BATCH)
    ]
    return np.concatenate(scores) if scores else np.zeros(0, np.float32)


@dataclass(slots=True)
class Edges:
    """Scored pairs that may become links: i < j, their cosine and relation (0 agrees,
    1 conflicts)."""

    first: np.ndarray
    second: np.ndarray
    score: np.ndarray
    conflict: np.ndarray

    @classmethod
    def empty(cls) -> Edges:
        """No pairs."""
        return cls(
            np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32),
            np.zeros(0, np.bool_),
        )  # fmt: skip

    def __len__(self) -> int:
        return int(self.first.size)

    def joined(self, other: Edges) -> Edges:
        """Both sets of pairs."""
        return Edges(
            np.concatenate((self.first, other.first)),
            np.concatenate((self.second, other.second)),
            np.concatenate((self.score, other.score)),
            np.concatenate((self.conflict, other.conflict)),
        )

    def taken(self, keep: np.ndarray) -> Edges:
        """The pairs selected by index or mask."""
        return Edges(self.first[keep], self.second[keep], self.score[keep], self.conflict[keep])

    def best_per_claim(self) -> Edges:
        """The pairs among the KEPT_PER_CLAIM best of either of their claims. Pruning as
        pairs arrive gives the same pairs as pruning once at the end: a pair that is not
        among a claim's best only meets more competition later."""
        ends = np.concatenate((self.first, self.second))
        partners = np.concatenate((self.second, self.first))
        scores = np.concatenate((self.score, self.score))
        order = np.lexsort((partners, -scores, ends))
        starts = np.flatnonzero(np.r_[True, ends[order][1:] != ends[order][:-1]])
        rank = np.arange(order.size) - np.repeat(starts, np.diff(np.r_[starts, order.size]))
        kept = np.unique(order[rank < KEPT_PER_CLAIM] % max(len(self), 1))
        return self.taken(kept)


class Readings:
    """The claims' polarities, read when a pair first needs them (most claims never reach a
    pair similar enough to link), and kept in arrays for the common cases of a pair (no
    flip, or one) so that a block of pairs is judged without a Python call per pair."""

    def __init__(self, folded: Sequence[str], weights: Any, vocabulary: dict[str, int]) -> None:
        self.folded = folded
        self.vocabulary = vocabulary
        self.count = np.full(len(folded), -1, np.int64)  # flips per claim; -1: not read yet
        # The columns of each claim's first flip's anchors: -1 when none, -2 when unknown.
        self.anchors = np.full((len(folded), ANCHORS), -1, np.int64)
        self.polarities: dict[int, Polarity] = {}  # the claims with a flip, read in full
        # The model's nonzero cells (row * columns + column, ascending): the claims' words.
        rows = np.repeat(np.arange(weights.shape[0], dtype=np.int64), np.diff(weights.indptr))
        self.columns = int(weights.shape[1])
        self.words: np.ndarray = rows * self.columns + weights.indices

    def read(self, claims: np.ndarray) -> None:
        """Read the claims not read yet; a claim without a cue word is not parsed."""
        for n in np.unique(claims[self.count[claims] < 0]).tolist():
            self.count[n] = 0
            if not _CUE.search(self.folded[n]):
                continue
            read = self.polarities[n] = polarity(self.folded[n])
            self.count[n] = len(read.flips)
            if read.flips:
                first = sorted(self.vocabulary.get(w, -2) for w in read.flips[0].anchors)
                self.anchors[n, : len(first)] = first

    def says(self, claims: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Whether each claim uses all of its row of columns, and the row has one (-1: no
        column; -2: a word the model does not know, which no claim uses)."""
        wanted = claims[:, np.newaxis] * self.columns + columns
        at = np.minimum(np.searchsorted(self.words, wanted), self.words.size - 1)
        found = np.equal(self.words[at], wanted) & np.greater_equal(columns, 0)
        given = np.not_equal(columns, -1)
        return np.asarray((found | ~given).all(axis=1) & given.any(axis=1), np.bool_)

    def relations(self, pairs: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, ...]:
        """Which pairs agree and which conflict: `relation`, with its common cases in
        arrays and the pairs with a claim of several flips read one by one."""
        self.read(pairs.ravel())
        first, second = pairs
        flips, others = self.count[first], self.count[second]
        agree = (flips == others) & (scores >= AGREE_MIN_SIMILARITY)
        conflict = (np.abs(flips - others) == 1) & (scores >= CONFLICT_MIN_SIMILARITY)
        one = agree & (flips == 1)  # one flip each: they must bear on a common word
        a, b = self.anchors[first[one]], self.anchors[second[one]]
        agree[one] = ((a[:, :, np.newaxis] == b[:, np.newaxis, :]) & (a >= 0)[:, :, None]).any(
            axis=(1, 2)
        )
        simple = conflict & (np.minimum(flips, others) == 0)  # one affirms, one has a flip
        denied = np.where(flips[simple] == 1, first[simple], second[simple])
        affirmed = np.where(flips[simple] == 1, second[simple], first[simple])
        conflict[simple] = self.says(affirmed, self.anchors[denied])
        for at in np.flatnonzero((agree | conflict) & (np.maximum(flips, others) > 1)):
            i, j = int(first[at]), int(second[at])
            found = relation(self.polarities[i], self.polarities[j], float(scores[at]))
            agree[at], conflict[at] = found == "agrees", found == "conflicts"
        return agree, conflict


def scored(pairs: np.ndarray, weights: Any, readings: Readings) -> Edges:
    """The candidate pairs that are similar enough to link, with their relation."""
    scores = cosines(weights, pairs)
    near = scores >= min(AGREE_MIN_SIMILARITY, CONFLICT_MIN_SIMILARITY)
    pairs, scores = pairs[:, near], scores[near].astype(np.float32)
    agree, conflict = readings.relations(pairs, scores)
    linked = agree | conflict
    return Edges(pairs[0], pairs[1], scores, conflict).taken(linked)


def chosen(edges: Edges, count: int) -> list[list[tuple[float, int, ClaimRelation]]]:
    """Each claim's links as (score, partner, relation): pairs taken most similar first
    (ties by the claims' order), each only while both its claims have room."""
    links: list[list[tuple[float, int, ClaimRelation]]] = [[] for _ in range(count)]
    order = np.lexsort((edges.second, edges.first, -edges.score))
    for i, j, score, conflict in zip(
        edges.first[order].tolist(),
        edges.second[order].tolist(),
        edges.score[order].tolist(),
        edges.conflict[order].tolist(),
        strict=True,
    ):
        if len(links[i]) < MAX_LINKS and len(links[j]) < MAX_LINKS:
            rel: ClaimRelation = "conflicts" if conflict else "agrees"
            links[i].append((score, j, rel))
            links[j].append((score, i, rel))
    return links


def linked_edges(texts: Sequence[str], owner: np.ndarray) -> Edges:
    """The pairs of claims to link, among the claims' texts (owner: each claim's article)."""
    folded = [fold(t) for t in texts]
    model = vectorizer()
    try:
        weights = model.fit_transform([similarity_text(f) for f in folded]).tocsr()
    except ValueError:  # no claim has a content word: nothing to compare
        return Edges.empty()
    weights.sort_indices()  # Readings looks cells up in row and column order
    readings = Readings(folded, weights, model.vocabulary_)
    terms, keys = index_matrices(weights)
    edges = Edges.empty()
    for pairs in candidate_blocks(terms, keys, owner):
        edges = edges.joined(scored(pairs, weights, readings))
        if len(edges) > 2 * KEPT_PER_CLAIM * len(texts):  # pruned, they are half as many
            edges = edges.best_per_claim()
    return edges.best_per_claim()


def link_claims(articles: Sequence[Article]) -> tuple[Article, ...]:
    """The articles in the same order, each claim's links set to the claims of other
    articles that make the same point or the opposite one (see the module's docstring)."""
    with collector_paused():  # some 100,000 objects made and no reference cycle
        return _linked(articles)


def _linked(articles: Sequence[Article]) -> tuple[Article, ...]:
    by_slug = sorted(range(len(articles)), key=lambda n: articles[n].slug)
    places = [(n, k) for n in by_slug for k in range(len(articles[n].claims))]
    texts = [articles[n].claims[k].text for n, k in places]
    owner = np.array([n for n, _ in places], np.int64)
    links = chosen(linked_edges(texts, owner), len(places))
    claims: list[list[Claim]] = [[] for _ in articles]
    for (n, k), found in zip(places, links, strict=True):
        found.sort(key=lambda link: (-link[0], link[1]))
        made = tuple(ClaimLink(articles[places[j][0]].slug, places[j][1], r) for _, j, r in found)
        claims[n].append(replace(articles[n].claims[k], links=made))
    return tuple(
        replace(article, claims=tuple(claims[n])) if article.claims else article
        for n, article in enumerate(articles)
    )

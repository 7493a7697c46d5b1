"""Links between the key claims of different articles that make the same point ("agrees")
or the opposite one ("conflicts").

Method
------
How a claim's words are read (steps 1 and 4: folding, OPPOSITES, negations, SCOPE_WORDS) is
claim_polarity's; the model and the index (steps 2 and 3: KEY_TERMS, POSTING_CAP) are
claim_index's; choosing the links is this module's.

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

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..build.collector import collector_paused
from ..models.article import Article, Claim, ClaimLink, ClaimRelation
from .claim_index import candidate_blocks, cosines, index_matrices, vectorizer
from .claim_polarity import ANCHORS, CUE, Polarity, fold, matched, polarity, similarity_text

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
# Each claim's best pairs kept for the final choice: twice the links, so that a claim
# whose best partners are already full can fall back on its next best.
KEPT_PER_CLAIM = 2 * MAX_LINKS


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
            if not CUE.search(self.folded[n]):
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

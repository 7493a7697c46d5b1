"""A group of articles named by its most distinctive phrases, unless a theme covers it."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from ..models.article import Article
from ..models.indexes import Topic
from .phrases import MIN_ARTICLES, Counts
from .tagging import Matcher

# A word or phrase used by this share of the articles is the corpus's own subject (the
# country a corpus on a war is about): it tells no group from another, so it neither groups
# articles nor names a topic.
CORPUS_SUBJECT_SHARE = 0.8
# A phrase names a group only if the group's articles use it at least this many times as
# often as the other articles do: a phrase common everywhere says nothing of the group.
# Groups of benchmarks/generate.py's articles (random mixtures of the same sentences, so
# no subject at all) reach 1.9 at most, the subjects of the test corpus's pages 10 or more.
MIN_LIFT = 3.0
# The phrases kept to name a topic, and the ones weighed to tell whether a theme covers it.
PHRASES_PER_TOPIC = 5
# A group is a theme the taxonomy has when a theme covers this share of its top phrases.
COVERED_SHARE = 0.5
# Scores and similarities are compared to this many decimals: sums of the same numbers in
# another order (articles given in another order) may differ in the last bits.
_SCORE_DIGITS = 9


@dataclass(frozen=True, slots=True)
class Group:
    """A group of articles and the phrases that might name it, most distinctive first: their
    features, c-TF-IDF scores and how many of the group's articles use each."""

    members: npt.NDArray[np.int64]
    features: npt.NDArray[np.int64]
    scores: npt.NDArray[np.float64]
    reach: npt.NDArray[np.int64]


def candidates(
    counts: Counts, labels: npt.NDArray[np.int64], subject: npt.NDArray[np.bool_]
) -> list[Group]:
    """Each group of MIN_ARTICLES or more articles (but fewer than CORPUS_SUBJECT_SHARE of
    them), with the phrases that might name it.

    A phrase is weighed by class-based TF-IDF, which treats a group as one document: its
    frequency in the group (each article's count taken as 1 + log, so that one article
    repeating a phrase does not make it the group's), over all phrase uses in the group,
    times log(1 + A / f), where f is its frequency in all groups and A the average number
    of phrase uses per group. A phrase might name the group when at least MIN_ARTICLES of
    the group's articles use it, at MIN_LIFT times the rate of the other articles, and it
    is not the corpus's own subject.
    """
    articles, words = len(labels), len(counts.words)
    groups = int(labels.max()) + 1
    frequency, users = _per_group(counts.matrix[:, words:].tocsr(), labels, groups)
    overall = np.asarray(frequency.sum(axis=0)).ravel()
    weight = np.log(1 + frequency.sum() / groups / np.maximum(overall, 1e-12))
    spread = np.asarray(users.sum(axis=0)).ravel()  # articles using each phrase
    sizes = np.bincount(labels, minlength=groups)
    # a group of nearly every article is the corpus's own subject, not one within it
    topical = (sizes >= MIN_ARTICLES) & (sizes < CORPUS_SUBJECT_SHARE * articles)
    found = []
    for label in np.flatnonzero(topical):
        row, using = frequency.getrow(label), users.getrow(label)
        scores = row.data / row.data.sum() * weight[row.indices]
        reach = using.data.astype(np.int64)
        elsewhere = (spread[row.indices] - reach) / (articles - sizes[label])
        eligible = np.flatnonzero(
            (reach >= MIN_ARTICLES)
            & (reach / sizes[label] >= MIN_LIFT * elsewhere)
            & ~subject[row.indices + words]
        )
        scores = np.round(scores, _SCORE_DIGITS)
        order = eligible[np.lexsort((row.indices[eligible], -scores[eligible]))]
        if len(order):
            members = np.flatnonzero(labels == label)
            found.append(Group(members, row.indices[order] + words, scores[order], reach[order]))
    return found


def _per_group(phrases: Any, labels: npt.NDArray[np.int64], groups: int) -> tuple[Any, Any]:
    """Per group, each phrase's frequency (each article's count taken as 1 + log) and how
    many of the group's articles use it; a row of each lists the same phrases in order."""
    articles = len(labels)
    membership = sparse.csr_matrix(
        (np.ones(articles), (labels, np.arange(articles))), shape=(groups, articles)
    )
    damped = phrases.copy()
    damped.data = 1 + np.log(damped.data)
    frequency = (membership @ damped).tocsr()
    users = (membership @ (phrases > 0).astype(np.float64)).tocsr()
    frequency.sort_indices()
    users.sort_indices()
    return frequency, users


def as_topic(
    group: Group,
    counts: Counts,
    vectors: Any,
    articles: Sequence[Article],
    compiled: tuple[Matcher, ...],
) -> Topic | None:
    """The group as a topic: named by its most distinctive phrases that are no name and that
    no theme covers, with the articles that use them, most central first. None when a theme
    covers COVERED_SHARE of its top phrases, or when nothing is left to name it."""

    def covered(feature: int) -> bool:
        return any(m.covers(counts.written(feature)) for m in compiled)

    top = group.features[:PHRASES_PER_TOPIC].tolist()
    if sum(map(covered, top)) >= COVERED_SHARE * len(top):
        return None
    features = _naming(group, counts, covered)
    members = group.members
    uses = np.asarray(counts.matrix[members][:, features].sum(axis=1)).ravel()
    discussing = members[uses > 0]
    if len(discussing) < MIN_ARTICLES:
        return None
    centre = np.asarray(vectors[members].mean(axis=0)).ravel()
    closeness = np.round(np.asarray(vectors[discussing] @ centre).ravel(), _SCORE_DIGITS)
    central = sorted(zip(-closeness, (articles[i].slug for i in discussing), strict=True))
    written = [counts.written(f) for f in features]
    return Topic(
        label=written[0][:1].upper() + written[0][1:],
        phrases=tuple(written),
        articles=tuple(slug for _, slug in central),
    )


def _naming(group: Group, counts: Counts, covered: Callable[[int], bool]) -> list[int]:
    """The group's best PHRASES_PER_TOPIC phrases that are no name and that no theme covers,
    none overlapping another."""
    chosen: list[tuple[int, int]] = []  # (feature, reach)
    for feature, reach in _ranked(group, counts):
        if counts.named(feature) or covered(feature):
            continue
        text = counts.text(feature)
        overlapping = [i for i, (f, _) in enumerate(chosen) if _overlap(text, counts.text(f))]
        if not overlapping:
            chosen.append((feature, reach))
        elif len(overlapping) == 1:
            # "rail freight tariffs" for "rail freight" when as many articles use it: it says more
            shorter, shorter_reach = chosen[overlapping[0]]
            if reach == shorter_reach and _contains(text, counts.text(shorter)):
                chosen[overlapping[0]] = (feature, reach)
        if len(chosen) == PHRASES_PER_TOPIC:
            break
    return [f for f, _ in chosen]


def _ranked(group: Group, counts: Counts) -> Iterator[tuple[int, int]]:
    """The group's candidate phrases as (feature, reach), best first. Of phrases of equal
    score, the longest first (always used together, the longer says more), then in
    alphabetical order, whatever the order of the articles."""
    features, scores, reach = group.features.tolist(), group.scores.tolist(), group.reach.tolist()
    start = 0
    while start < len(features):
        end = start + 1
        while end < len(features) and scores[end] == scores[start]:
            end += 1
        texts = {i: counts.text(features[i]) for i in range(start, end)}
        tied = sorted(texts, key=lambda i: (-texts[i].count(" "), texts[i]))
        yield from ((features[i], reach[i]) for i in tied)
        start = end


def _overlap(one: str, other: str) -> bool:
    """Tell whether two phrases share two words in a row (or one contains the other)."""
    pairs = {" ".join(p) for p in itertools.pairwise(one.split(" "))}
    return any(" ".join(p) in pairs for p in itertools.pairwise(other.split(" ")))


def _contains(longer: str, shorter: str) -> bool:
    """Tell whether a phrase holds another, word for word."""
    return f" {shorter} " in f" {longer} "

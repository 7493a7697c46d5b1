"""Articles grouped by what they discuss: TF-IDF vectors, by agglomerative clustering or k-means."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.preprocessing import normalize

from .phrases import MIN_ARTICLES

# Concepts that LSA keeps; about 100 is the usual choice for topic-level similarity, and it
# bounds the cost of grouping whatever the vocabulary.
LSA_DIMENSIONS = 100
# Words and phrases that group articles: the ones most articles share. More add little
# to how alike two articles are and make LSA slower (its cost grows with them).
GROUPING_FEATURES = 20_000
# Up to this many articles, groups are made by agglomerative clustering, which needs no
# number of groups and leaves an article like no other on its own; its cost grows with the
# square of the articles, so larger corpora are grouped by k-means, in linear time.
AGGLOMERATIVE_LIMIT = 2_000
# Agglomerative clustering joins two groups while the articles of one are, on average, at
# least this similar (cosine of their TF-IDF vectors) to those of the other. On the test
# corpus's pages, articles on one subject score 0.25 to 0.5, unrelated ones below 0.15.
GROUP_SIMILARITY = 0.2
# Above AGGLOMERATIVE_LIMIT, k-means makes one group per this many articles, up to
# MAX_GROUPS, reached at 5,000 articles: past it, the cost of k-means grows only with the
# articles, and more groups than a reader would go through give no better suggestions.
ARTICLES_PER_GROUP = 50
MAX_GROUPS = 100
# k-means learns its groups from this many articles, drawn at random, then places every
# article in the nearest: as many as make MAX_GROUPS groups of ARTICLES_PER_GROUP, so that
# past them the cost of learning stops growing (a subject of 1 article in 100 still has 50)
KMEANS_SAMPLE = MAX_GROUPS * ARTICLES_PER_GROUP
SEED = 0  # k-means and the randomised SVD start from it, so that a corpus gives one answer


def concepts(matrix: Any, subject: npt.NDArray[np.bool_]) -> Any:
    """Each article as a unit vector of what it discusses: the TF-IDF of the words and
    phrases it shares with another article, less the corpus's own subject; reduced by LSA to
    LSA_DIMENSIONS concepts above AGGLOMERATIVE_LIMIT articles. Sparse up to that limit, dense
    above; an article that shares nothing is a zero vector."""
    spread = np.bincount(matrix.indices, minlength=matrix.shape[1])
    shared = np.flatnonzero((spread >= MIN_ARTICLES) & ~subject)
    if len(shared) > GROUPING_FEATURES:  # the most widely shared, in feature order
        widest = np.argsort(-spread[shared], kind="stable")[:GROUPING_FEATURES]
        shared = np.sort(shared[widest])
    if len(shared) < 2:
        return sparse.csr_matrix((matrix.shape[0], 1))
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(matrix[:, shared])
    if matrix.shape[0] <= AGGLOMERATIVE_LIMIT:
        return tfidf  # rows already of unit length (or zero)
    reduced = TruncatedSVD(min(LSA_DIMENSIONS, len(shared) - 1), random_state=SEED)
    return normalize(reduced.fit_transform(tfidf))


def group(vectors: Any) -> npt.NDArray[np.int64]:
    """A group number for each article, from 0; an article that shares nothing with the
    others is a group of its own."""
    articles = vectors.shape[0]
    if articles <= AGGLOMERATIVE_LIMIT:
        similarity = (vectors @ vectors.T).toarray()
        distance = np.clip(1 - similarity, 0, None)
        np.fill_diagonal(distance, 0)
        model = AgglomerativeClustering(
            n_clusters=None,
            metric="precomputed",
            linkage="average",
            distance_threshold=1 - GROUP_SIMILARITY,
        )
        labels: npt.NDArray[np.int64] = model.fit_predict(distance)
        return labels
    labels = np.arange(articles) + articles  # each alone, until placed
    placed = np.flatnonzero(np.abs(vectors).sum(axis=1) > 0)
    groups = min(MAX_GROUPS, len(placed) // ARTICLES_PER_GROUP)
    if groups >= 2:
        kmeans = KMeans(groups, n_init=1, random_state=SEED)
        sample = np.random.default_rng(SEED).permutation(placed)[:KMEANS_SAMPLE]
        kmeans.fit(vectors[np.sort(sample)])
        labels[placed] = kmeans.predict(vectors[placed])
    _, numbers = np.unique(labels, return_inverse=True)
    result: npt.NDArray[np.int64] = numbers.reshape(-1)
    return result

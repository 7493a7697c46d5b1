"""Candidate pairs of similar claims: the TF-IDF model, an inverted index of key terms, cosines."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from .claim_polarity import STOP_WORDS

# A claim is filed in the index under this many of its highest-weighted terms: enough that
# two claims making one point share one of them even when each adds its own detail, few
# enough that a claim meets a bounded number of others.
KEY_TERMS = 4
# A term that more claims than this use is left out of the index: a word that common
# ("ceasefire" in a war digest) does not tell one point from another, and its postings
# make pairs by the square (32 claims: 496 pairs) to find a few links for each (MAX_LINKS).
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

"""Subjects the corpus keeps returning to that no theme of the taxonomy covers.

Articles are grouped by what they discuss, each group is named by the phrases that set it
apart from the others, and what the taxonomy already covers is left out:

1. `count`: each article body's content words and phrases, runs of two or three content
   words that no punctuation, number or stop word breaks ("water rationing", "cross-border
   rail freight"), with how each phrase is usually capitalised.
2. `concepts` and `group`: the articles as TF-IDF vectors of the words and phrases they
   share. Up to AGGLOMERATIVE_LIMIT articles, agglomerative clustering (average linkage,
   cosine) groups them: it needs no number of groups and leaves an article like no other
   alone, which suits a corpus of 5 to 50 articles. Its cost grows with the square of the
   articles, so a larger corpus is reduced by LSA to LSA_DIMENSIONS concepts and grouped by
   k-means into at most MAX_GROUPS groups (learnt from KMEANS_SAMPLE articles), in time that
   grows linearly with the articles.
3. `candidates`: each group's phrases weighed by class-based TF-IDF (c-TF-IDF), how often
   the group uses them against how often all groups do; a phrase that might name a group
   is one that several of its articles use, much more often than the corpus at large.
4. `_topic`: groups whose top phrases the taxonomy covers are left out; a topic is named
   by its best phrases that no theme covers and that are no name (two capitalised words in
   a row, such as a person's). Words or phrases that nearly every article uses (the
   corpus's own subject) neither group articles nor name a topic; a single word never
   names one.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml
from scipy import sparse
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from .article import Article
from .indexes import Topic
from .tagging import Matcher
from .text import make_slug

# A subject only one article raises is that article's; the corpus returns to it when two do.
MIN_ARTICLES = 2
# A word or phrase used by this share of the articles is the corpus's own subject (the
# country a corpus on a war is about): it tells no group from another, so it neither groups
# articles nor names a topic.
CORPUS_SUBJECT_SHARE = 0.8
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
# A phrase names a group only if the group's articles use it at least this many times as
# often as the other articles do: a phrase common everywhere says nothing of the group.
# Groups of benchmarks/generate.py's articles (random mixtures of the same sentences, so
# no subject at all) reach 1.9 at most, the subjects of the test corpus's pages 10 or more.
MIN_LIFT = 3.0
# The phrases kept to name a topic, and the ones weighed to tell whether a theme covers it.
PHRASES_PER_TOPIC = 5
# A group is a theme the taxonomy has when a theme covers this share of its top phrases.
COVERED_SHARE = 0.5
DEFAULT_LIMIT = 10  # topics proposed: a list to read through, largest first
SEED = 0  # k-means and the randomised SVD start from it, so that a corpus gives one answer
LONGEST_PHRASE = 3  # words: longer runs are rarely repeated word for word
# Articles counted at a time: a chunk's arrays stay in the processor's caches, so that the
# time per word does not grow with the corpus.
CHUNK = 1_000
# Bits of a word's number in a phrase's key, so that a phrase of LONGEST_PHRASE words fits
# 64 bits. Words numbered past 2 million (in order of first use; a corpus of 20,000
# articles has a few hundred thousand) are left out of phrases.
PHRASE_BITS = 21

# Words that make no subject. Function words; then numbers, calendar and reporting words
# ("last week", "told reporters": when and who said, not what about); then the particles
# of names ("Anna van der Berg": a name, not a phrase about something).
_STOPWORD_TEXT = """
a about above across after again against ago all almost along already also although always
am among an and another any anything are around as at away back be became because become
becomes been before being below between both but by came can cannot could did do does doing
done down during each either else enough even ever every few for former from further get
gets getting give given gives go goes going gone got had has have having he her here hers
herself him himself his how however i if in including into is it its itself just last
later latter least less like made make makes making many may me might more most much must
my myself near nearly neither never new next no nor not now of off often on once one only
onto or other others otherwise our ours ourselves out over own per perhaps put rather
really said same say saying says see seem seemed seems several shall she should since so
some something still such take taken than that the their theirs them themselves then there
these they thing things this those though through thus to together too took toward towards
under until up upon us use used very via was way we well were what whatever when where
whether which while who whole whom whose why will with within without would yet you your
yours yourself
first second third two three four five six seven eight nine ten hundred hundreds thousand
thousands million millions billion billions percent
year years month months week weeks day days today yesterday tomorrow time times monday
tuesday wednesday thursday friday saturday sunday january february march april june july
august september october november december
told tell tells asked added noted wrote writes statement statements according reported
reports reporters interview mr mrs ms dr
von van der den del della bin ibn ter
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# A whitespace-separated token: punctuation before, the word, punctuation after. A word is
# letters, with inner hyphens and apostrophes; a token that is anything else breaks phrases.
_TOKEN = re.compile(r"(\W*?)([^\W\d_]+(?:[-'’][^\W\d_]+)*)(\W*)")
_POSSESSIVE = ("'s", "’s")
_BREAK = "\x00"  # stands between paragraphs: no phrase runs across it
_WORD_MASK = (1 << PHRASE_BITS) - 1
# Scores and similarities are compared to this many decimals: sums of the same numbers in
# another order (articles given in another order) may differ in the last bits.
_SCORE_DIGITS = 9


@dataclass(frozen=True, slots=True)
class Counts:
    """How often each article uses each word and phrase, and how the phrases are written.

    `matrix` is articles by features: the first len(words) features are single words, the
    others phrases, each known by its key (the numbers of its words, PHRASE_BITS bits
    each; `length` tells how many). Phrases only one article uses are left out: they can
    neither join articles nor name a subject the corpus returns to. `pattern` holds, for a
    phrase, which of its words most of its uses capitalise (a bit per word, the first word
    highest); `spelling` is how a word is most often spelled, capitalised or not ("IMF").
    """

    matrix: Any
    words: tuple[str, ...]
    keys: npt.NDArray[np.int64]
    length: npt.NDArray[np.int64]
    pattern: npt.NDArray[np.int64]
    spelling: dict[tuple[str, bool], str]

    def text(self, feature: int) -> str:
        """The feature's words, lower-cased, joined by one space."""
        if feature < len(self.words):
            return self.words[feature]
        index = feature - len(self.words)
        key, length = int(self.keys[index]), int(self.length[index])
        numbers = [key >> (PHRASE_BITS * (length - 1 - i)) & _WORD_MASK for i in range(length)]
        return " ".join(self.words[n] for n in numbers)

    def named(self, feature: int) -> bool:
        """Tell whether the phrase, as it is usually written, holds a name: two capitalised
        words in a row ("Jane Doe", "envoy Jane Doe", "North Sea oil")."""
        bits = int(self.pattern[feature])
        return bits & (bits >> 1) != 0

    def written(self, feature: int) -> str:
        """The phrase as most of its uses write it: "IMF loan", "water rationing"."""
        words = self.text(feature).split(" ")
        bits = int(self.pattern[feature])
        return " ".join(
            self.spelling.get((word, bool(bits >> (len(words) - 1 - i) & 1)), word)
            for i, word in enumerate(words)
        )


@dataclass(frozen=True, slots=True)
class Tokens:
    """What each distinct whitespace-separated token of the corpus is: the number of its
    word (-1 for a token that is no content word), whether the word is capitalised, and
    whether a phrase can go on after it or lead up to it (no punctuation in the way)."""

    word: npt.NDArray[np.int32]
    capital: npt.NDArray[np.bool_]
    goes_on: npt.NDArray[np.bool_]  # a content word with no punctuation after it
    follows_on: npt.NDArray[np.bool_]  # a content word with no punctuation before it
    words: tuple[str, ...]  # lower-cased, by number
    spelling: dict[tuple[str, bool], str]  # a word's usual spelling, capitalised or not


@dataclass(frozen=True, slots=True)
class Found:
    """The phrases of one length found in one chunk of articles: their keys (sorted), the
    count of each per article (columns in key order), and how often each is used and how
    often with each of its words capitalised (a row per word)."""

    keys: npt.NDArray[np.int64]
    matrix: Any
    uses: npt.NDArray[np.float64]
    capitalised: npt.NDArray[np.float64]


def discover_topics(
    articles: Sequence[Article], compiled: tuple[Matcher, ...], limit: int = DEFAULT_LIMIT
) -> tuple[Topic, ...]:
    """Subjects at least MIN_ARTICLES articles discuss that no theme covers, the largest
    first (then the most distinctive); at most `limit`."""
    if len(articles) < MIN_ARTICLES:
        return ()
    # one thread for the linear algebra: it costs little alone, and threads that wait for a
    # busy core spin (on two shared cores, an SVD took ten times as long with two threads)
    with threadpool_limits(limits=1):
        return _discover(articles, compiled, limit)


def _discover(
    articles: Sequence[Article], compiled: tuple[Matcher, ...], limit: int
) -> tuple[Topic, ...]:
    counts = count(articles)
    spread = np.bincount(counts.matrix.indices, minlength=counts.matrix.shape[1])
    subject = spread >= max(MIN_ARTICLES, CORPUS_SUBJECT_SHARE * len(articles))
    vectors = concepts(counts.matrix, subject)
    found: list[tuple[int, float, Topic]] = []
    for each in candidates(counts, group(vectors), subject):
        topic = _topic(each, counts, vectors, articles, compiled)
        if topic is not None:
            found.append((len(topic.articles), float(each.scores[0]), topic))
    found.sort(key=lambda f: (-f[0], -f[1], f[2].label))
    return tuple(topic for _, _, topic in found[:limit])


# --- counting ----------------------------------------------------------------------------


def count(articles: Sequence[Article]) -> Counts:
    """Count every article's content words and its phrases of two to LONGEST_PHRASE words.

    Each distinct token is read once (`read_tokens`); the phrases are then found with array
    operations, CHUNK articles at a time, and the chunks' phrases numbered at the end.
    """
    token_ids: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    look_up = token_ids.__getitem__
    chunks: list[tuple[npt.NDArray[np.int32], npt.NDArray[np.int64]]] = []
    for first in range(0, len(articles), CHUNK):
        streams = []
        for article in articles[first : first + CHUNK]:
            text = f" {_BREAK} ".join(article.paragraphs)
            split = text.replace("—", " — ").replace("–", " – ").split()  # "rain—and": two words
            split.append(_BREAK)  # the last token: no phrase runs on into the next article
            streams.append(np.fromiter(map(look_up, split), dtype=np.int32, count=len(split)))
        # where each article's tokens start in the chunk's stream, and where the last ends
        bounds = np.zeros(len(streams) + 1, dtype=np.int64)
        np.cumsum([len(s) for s in streams], out=bounds[1:])
        chunks.append((np.concatenate(streams), bounds))
    frequency = np.zeros(len(token_ids), dtype=np.int64)
    for stream, _ in chunks:
        frequency += np.bincount(stream, minlength=len(token_ids))
    tokens = read_tokens(token_ids, frequency)

    words: list[Any] = []
    phrases: list[list[Found]] = [[] for _ in range(2, LONGEST_PHRASE + 1)]
    for stream, bounds in chunks:
        word = tokens.word[stream]
        at = np.flatnonzero(word >= 0)
        words.append(_per_article(word[at], at, bounds, len(tokens.words)))
        for one, of_length in zip(_phrases(stream, bounds, tokens), phrases, strict=True):
            of_length.append(one)
    blocks, keys, lengths, patterns = [sparse.vstack(words, format="csr")], [], [], []
    for length, found in enumerate(phrases, 2):
        block, key, pattern = _numbered(found)
        blocks.append(block)
        keys.append(key)
        lengths.append(np.full(len(key), length))
        patterns.append(pattern)
    return Counts(
        sparse.hstack(blocks, format="csr"),
        tokens.words,
        np.concatenate(keys),
        np.concatenate(lengths),
        np.concatenate([np.zeros(len(tokens.words), dtype=np.int64), *patterns]),
        tokens.spelling,
    )


def _phrases(
    stream: npt.NDArray[np.int32], bounds: npt.NDArray[np.int64], tokens: Tokens
) -> list[Found]:
    """The phrases of two to LONGEST_PHRASE words in a chunk's tokens, by length."""
    word = tokens.word[stream].astype(np.int64)
    capital = tokens.capital[stream].astype(np.int64)
    # a phrase goes on from one token to the next when both are content words and no
    # punctuation stands between them; as each article ends with a break, no phrase runs
    # past the end of the stream
    joins = tokens.goes_on[stream[:-1]] & tokens.follows_on[stream[1:]]
    starts = np.flatnonzero(joins)
    key, pattern = word[starts], capital[starts]
    found = []
    for length in range(2, LONGEST_PHRASE + 1):
        if length > 2:  # phrases one word longer: those whose last word joins the next one
            longer = joins[starts + length - 2]
            starts, key, pattern = starts[longer], key[longer], pattern[longer]
        last = starts + length - 1
        key = key << PHRASE_BITS | word[last]
        pattern = pattern << 1 | capital[last]
        unique, column = np.unique(key, return_inverse=True)
        column = column.reshape(-1)
        capitalised = np.array(
            [
                np.bincount(column, weights=pattern >> (length - 1 - i) & 1, minlength=len(unique))
                for i in range(length)
            ]
        )
        uses = np.bincount(column, minlength=len(unique)).astype(np.float64)
        per_article = _per_article(column, starts, bounds, len(unique))
        found.append(Found(unique, per_article, uses, capitalised))
    return found


def _numbered(
    found: list[Found],
) -> tuple[Any, npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The phrases of one length of all chunks that MIN_ARTICLES articles or more use,
    numbered in key order: their count per article, their keys and their usual
    capitalisation (a word is capitalised when most uses capitalise it)."""
    merged = np.concatenate([f.keys for f in found])
    merged.sort(kind="stable")  # a sorted run per chunk, which the stable sort merges
    first = np.ones(len(merged), dtype=np.bool_)
    first[1:] = merged[1:] != merged[:-1]
    keys = merged[first]
    numbers = [np.searchsorted(keys, f.keys) for f in found]  # a chunk's phrases, all told
    spread = np.bincount(
        np.concatenate([n[f.matrix.indices] for f, n in zip(found, numbers, strict=True)]),
        minlength=len(keys),
    )
    kept = spread >= MIN_ARTICLES
    column = np.cumsum(kept) - 1  # a kept phrase's number among the kept ones
    size = int(kept.sum())
    blocks = []
    uses = np.zeros(size)
    capitalised = np.zeros((len(found[0].capitalised), size))
    for f, number in zip(found, numbers, strict=True):
        block, held = f.matrix, kept[number]
        entries = held[block.indices]
        before = np.zeros(len(entries) + 1, dtype=np.int64)  # entries kept before each one
        np.cumsum(entries, out=before[1:])
        indices = column[number[block.indices[entries]]]
        blocks.append(
            sparse.csr_matrix(
                (block.data[entries], indices, before[block.indptr]), (block.shape[0], size)
            )
        )
        into = column[number[held]]
        uses += np.bincount(into, weights=f.uses[held], minlength=size)
        for word, times in enumerate(f.capitalised):
            capitalised[word] += np.bincount(into, weights=times[held], minlength=size)
    pattern = np.zeros(size, dtype=np.int64)
    for word in capitalised > uses / 2:  # rows in word order: the first word's bit highest
        pattern = pattern << 1 | word
    return sparse.vstack(blocks, format="csr"), keys[kept], pattern


def _per_article(
    feature: npt.NDArray[Any], at: npt.NDArray[np.int64], bounds: npt.NDArray[np.int64], size: int
) -> Any:
    """Count, per article, the features found at positions `at` (in order) of a stream."""
    indptr = np.searchsorted(at, bounds)
    data = np.ones(len(feature), dtype=np.float32)
    matrix = sparse.csr_matrix((data, feature, indptr), shape=(len(bounds) - 1, size))
    matrix.sum_duplicates()
    return matrix


def read_tokens(token_ids: dict[str, int], frequency: npt.NDArray[np.int64]) -> Tokens:
    """Read each distinct token once: its word, capitalisation and punctuation; `frequency`
    is how often each token is used, to tell a word's usual spelling."""
    word = [-1] * len(token_ids)
    capital = [False] * len(token_ids)
    goes_on = [False] * len(token_ids)
    follows_on = [False] * len(token_ids)
    numbers: dict[str, int] = {}
    times = frequency.tolist()
    spellings: defaultdict[tuple[str, bool, str], int] = defaultdict(int)
    for token, i in token_ids.items():
        if token.isalpha():  # most tokens: a word alone
            lead, written, trail = "", token, ""
        elif match := _TOKEN.fullmatch(token):
            lead, written, trail = match.groups()
            if written[-2:] in _POSSESSIVE:  # "Oslo's": the word, and a break after it
                written, trail = written[:-2], "'s"
        else:
            continue
        folded = written.lower()
        if len(folded) < 3 or folded in STOPWORDS or not folded.replace("-", "").isalpha():
            continue
        word[i] = number = numbers.setdefault(folded, len(numbers))
        capital[i] = upper = written[0].isupper()
        phrasing = number <= _WORD_MASK  # the word's number fits a phrase's key
        goes_on[i], follows_on[i] = phrasing and not trail, phrasing and not lead
        spellings[folded, upper, written] += times[i]
    usual: dict[tuple[str, bool], tuple[int, str]] = {}
    for (folded, upper, written), used in spellings.items():
        usual[folded, upper] = max(usual.get((folded, upper), (0, "")), (used, written))
    return Tokens(
        np.array(word, dtype=np.int32),
        np.array(capital, dtype=np.bool_),
        np.array(goes_on, dtype=np.bool_),
        np.array(follows_on, dtype=np.bool_),
        tuple(numbers),
        {key: written for key, (_, written) in usual.items()},
    )


# --- grouping ----------------------------------------------------------------------------


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


# --- naming ------------------------------------------------------------------------------


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
    membership = sparse.csr_matrix(
        (np.ones(articles), (labels, np.arange(articles))), shape=(groups, articles)
    )
    phrases = counts.matrix[:, words:].tocsr()
    damped = phrases.copy()
    damped.data = 1 + np.log(damped.data)
    frequency = (membership @ damped).tocsr()
    users = (membership @ (phrases > 0).astype(np.float64)).tocsr()
    frequency.sort_indices()  # a row of each then lists the same phrases in the same order
    users.sort_indices()
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


def _topic(
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
    features = [f for f, _ in chosen]
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


# --- as a theme --------------------------------------------------------------------------


def theme_id(label: str, taken: Collection[str]) -> str:
    """An id for a theme of that label that none of the ids taken is."""
    stem = make_slug(label, max_length=40)
    ids = (stem if n == 1 else f"{stem}-{n}" for n in itertools.count(1))
    return next(i for i in ids if i not in taken)


def theme_block(topic: Topic, ident: str) -> str:
    """The topic as a theme of themes.yaml, laid out as the file lays out its themes (an
    item of its `themes:` list, indented by two spaces), to paste at the end of the file:
    the id, the label, a description to edit, and the phrases as signals (a theme applies
    where several of them come back in an article)."""
    description = ", ".join(topic.phrases[:3])
    lines = [
        f"  - id: {ident}",
        f"    label: {_yaml_text(topic.label)}",
        f"    description: {_yaml_text(description[:1].upper() + description[1:] + '.')}",
        "    signals:",
        *(f"      - {_yaml_text(phrase)}" for phrase in topic.phrases),
    ]
    return "\n".join(lines)


def _yaml_text(text: str) -> str:
    """Text as a YAML scalar: as it is where YAML reads it back unchanged, else quoted."""
    try:
        plain = yaml.safe_load(text) == text and "#" not in text
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)

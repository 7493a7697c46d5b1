"""Each article's content words and phrases counted, with how the phrases are usually written."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from ..models.article import Article
from .vocabulary import PHRASE_BITS, WORD_MASK, Tokens, read_tokens

# A subject only one article raises is that article's; the corpus returns to it when two do.
MIN_ARTICLES = 2
LONGEST_PHRASE = 3  # words: longer runs are rarely repeated word for word
# Articles counted at a time: a chunk's arrays stay in the processor's caches, so that the
# time per word does not grow with the corpus.
CHUNK = 1_000
_BREAK = "\x00"  # stands between paragraphs: no phrase runs across it


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
        numbers = [key >> (PHRASE_BITS * (length - 1 - i)) & WORD_MASK for i in range(length)]
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
class Found:
    """The phrases of one length found in one chunk of articles: their keys (sorted), the
    count of each per article (columns in key order), and how often each is used and how
    often with each of its words capitalised (a row per word)."""

    keys: npt.NDArray[np.int64]
    matrix: Any
    uses: npt.NDArray[np.float64]
    capitalised: npt.NDArray[np.float64]


def count(articles: Sequence[Article]) -> Counts:
    """Count every article's content words and its phrases of two to LONGEST_PHRASE words.

    Each distinct token is read once (`read_tokens`); the phrases are then found with array
    operations, CHUNK articles at a time, and the chunks' phrases numbered at the end.
    """
    token_ids: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    chunks = [
        _stream(articles[first : first + CHUNK], token_ids.__getitem__)
        for first in range(0, len(articles), CHUNK)
    ]
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
    return _joined(tokens, words, phrases)


def _stream(
    articles: Sequence[Article], look_up: Callable[[str], int]
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int64]]:
    """A chunk of articles as one stream of token numbers (`look_up` numbers a token), and
    where each article's tokens start in the stream, and where the last ends."""
    streams = []
    for article in articles:
        text = f" {_BREAK} ".join(article.paragraphs)
        split = text.replace("—", " — ").replace("–", " – ").split()  # "rain—and": two words
        split.append(_BREAK)  # the last token: no phrase runs on into the next article
        streams.append(np.fromiter(map(look_up, split), dtype=np.int32, count=len(split)))
    bounds = np.zeros(len(streams) + 1, dtype=np.int64)
    np.cumsum([len(s) for s in streams], out=bounds[1:])
    return np.concatenate(streams), bounds


def _joined(tokens: Tokens, words: list[Any], phrases: list[list[Found]]) -> Counts:
    """The counts of every chunk, words then the phrases of each length, as one matrix."""
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
        held, columns = kept[number], column[number]
        blocks.append(_kept(f.matrix, held, columns, size))
        into = columns[held]
        uses += np.bincount(into, weights=f.uses[held], minlength=size)
        for word, times in enumerate(f.capitalised):
            capitalised[word] += np.bincount(into, weights=times[held], minlength=size)
    pattern = np.zeros(size, dtype=np.int64)
    for word in capitalised > uses / 2:  # rows in word order: the first word's bit highest
        pattern = pattern << 1 | word
    return sparse.vstack(blocks, format="csr"), keys[kept], pattern


def _kept(
    block: Any, held: npt.NDArray[np.bool_], columns: npt.NDArray[np.int64], size: int
) -> Any:
    """A chunk's counts per article of the phrases `held`, each in the column `columns` gives
    it, of `size` columns."""
    entries = held[block.indices]
    before = np.zeros(len(entries) + 1, dtype=np.int64)  # entries kept before each one
    np.cumsum(entries, out=before[1:])
    data = (block.data[entries], columns[block.indices[entries]], before[block.indptr])
    return sparse.csr_matrix(data, (block.shape[0], size))


def _per_article(
    feature: npt.NDArray[Any], at: npt.NDArray[np.int64], bounds: npt.NDArray[np.int64], size: int
) -> Any:
    """Count, per article, the features found at positions `at` (in order) of a stream."""
    indptr = np.searchsorted(at, bounds)
    data = np.ones(len(feature), dtype=np.float32)
    matrix = sparse.csr_matrix((data, feature, indptr), shape=(len(bounds) - 1, size))
    matrix.sum_duplicates()
    return matrix

"""Subjects the corpus keeps returning to that no theme of the taxonomy covers.

Articles are grouped by what they discuss, each group is named by the phrases that set it
apart from the others, and what the taxonomy already covers is left out:

1. `phrases.count`: each article body's content words and phrases, runs of two or three
   content words that no punctuation, number or stop word breaks ("water rationing",
   "cross-border rail freight"), with how each phrase is usually capitalised.
2. `grouping.concepts` and `grouping.group`: the articles as TF-IDF vectors of the words
   and phrases they share. Up to AGGLOMERATIVE_LIMIT articles, agglomerative clustering
   (average linkage, cosine) groups them: it needs no number of groups and leaves an
   article like no other alone, which suits a corpus of 5 to 50 articles. Its cost grows
   with the square of the articles, so a larger corpus is reduced by LSA to LSA_DIMENSIONS
   concepts and grouped by k-means into at most MAX_GROUPS groups (learnt from
   KMEANS_SAMPLE articles), in time that grows linearly with the articles.
3. `topic_naming.candidates`: each group's phrases weighed by class-based TF-IDF
   (c-TF-IDF), how often the group uses them against how often all groups do; a phrase
   that might name a group is one that several of its articles use, much more often than
   the corpus at large.
4. `topic_naming.as_topic`: groups whose top phrases the taxonomy covers are left out; a
   topic is named by its best phrases that no theme covers and that are no name (two
   capitalised words in a row, such as a person's). Words or phrases that nearly every
   article uses (the corpus's own subject) neither group articles nor name a topic; a
   single word never names one.

Each topic comes with a theme to paste into themes.yaml (`theme_block`).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Collection, Sequence

import numpy as np
import yaml
from threadpoolctl import threadpool_limits

from ..models.article import Article
from ..models.indexes import Topic
from ..text import make_slug
from .grouping import concepts, group
from .phrases import MIN_ARTICLES, count
from .tagging import Matcher
from .topic_naming import CORPUS_SUBJECT_SHARE, as_topic, candidates

DEFAULT_LIMIT = 10  # topics proposed: a list to read through, largest first


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
        topic = as_topic(each, counts, vectors, articles, compiled)
        if topic is not None:
            found.append((len(topic.articles), float(each.scores[0]), topic))
    found.sort(key=lambda f: (-f[0], -f[1], f[2].label))
    return tuple(topic for _, _, topic in found[:limit])


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

"""Key phrases the corpus keeps returning to that no theme of the taxonomy covers.

A phrase is a run of capitalised words (a name: "Global South", "Zaporizhzhia") or a pair of
content words ("disengagement zones"). Phrases are ranked by how many articles use them,
then by how often: a corpus-wide count is what shows a gap in the taxonomy, which is why
this is not a per-document keyword extractor such as YAKE (and needs no extra dependency).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from .models import Article
from .taxonomy import Matcher
from .text import sentences

STOPWORDS = frozenset(
    {
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "even",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "upon",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "yet",
        "you",
        "your",
        "one",
        "two",
        "three",
        "many",
        "new",
        "said",
        "says",
        "say",
        "last",
        "first",
        "next",
        "since",
        "like",
        "well",
        "still",
        "already",
        "however",
        "ever",
        "never",
    }
)
_CAPITALISED_RUN = re.compile(r"(?<![\w’'])(?:[A-Z][\w’'-]+)(?:\s+(?:of\s+)?[A-Z][\w’'-]+){0,3}")
_TOKEN = re.compile(r"[\w’'-]+")
_POSSESSIVE = re.compile(r"[’']s?$")
MIN_ARTICLES = 2


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A phrase no theme covers, how widely it is used, and a sentence that uses it."""

    phrase: str
    articles: int
    mentions: int
    example: str


def candidate_phrases(sentence: str) -> Iterable[str]:
    """Names (runs of capitalised words, not just the sentence's first word) and word pairs."""
    for match in _CAPITALISED_RUN.finditer(sentence):
        phrase = _POSSESSIVE.sub("", match.group())
        starts_sentence = match.start() == 0 and " " not in phrase
        if not starts_sentence and phrase.casefold() not in STOPWORDS:
            yield phrase
    for first, second in pairwise(_TOKEN.findall(sentence)):
        if _is_content_word(first) and _is_content_word(second):
            yield f"{first} {second}"


def _is_content_word(word: str) -> bool:
    """A lower-case word of three or more letters that is not a stop word."""
    return word.isalpha() and word.islower() and len(word) > 2 and word not in STOPWORDS


def suggest_themes(
    articles: Iterable[Article], compiled: tuple[Matcher, ...], limit: int = 20
) -> list[Suggestion]:
    """The most widely used phrases that no theme's signals match.

    A phrase in every article (the corpus's own subject, such as a country's name) is left
    out: it cannot tell one article from another, so it makes no theme.
    """
    articles = list(articles)
    mentions: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for article in articles:
        seen: set[str] = set()
        for paragraph in article.paragraphs:
            for sentence in sentences(paragraph):
                for phrase in candidate_phrases(sentence):
                    mentions[phrase] += 1
                    seen.add(phrase)
                    examples.setdefault(phrase, sentence)
        spread.update(seen)
    uncovered = [
        p
        for p in spread
        if MIN_ARTICLES <= spread[p] < max(3, len(articles))
        and not any(m.covers(p) for m in compiled)
    ]
    uncovered.sort(key=lambda p: (-spread[p], -mentions[p], p))
    return [Suggestion(p, spread[p], mentions[p], examples[p]) for p in uncovered[:limit]]

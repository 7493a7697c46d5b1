"""Tag articles with the themes they substantively discuss, each theme's terms compiled once.

A theme applies only when an article substantively discusses it: a strong signal in the
title or the thesis, or signals in two or more sentences of the body adding up to
SUBSTANTIVE (a key claim adds weight). Only the cleaned body counts; removed boilerplate never
tags an article.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..models.article import Article, ThemeHit
from ..text import sentences
from .taxonomy import WORD, Taxonomy, Theme

STRONG_WEIGHT = 2.0
SIGNAL_WEIGHT_CAP = 2.0  # several different signals in one sentence count at most this much
SUBSTANTIVE = 3.0  # body weight that makes a theme apply, spread over two or more sentences
HEADLINE_BONUS = {"title": 3.0, "thesis": 2.0, "teaser": 2.0, "claim": 1.0}
# Where one strong signal is enough; a key claim only adds weight (in a short text every
# sentence is a claim, so a claim alone would let one passing word tag the article).
DECISIVE = frozenset({"title", "thesis", "teaser"})
SCORE_SCALE = 6.0  # score = 1 - exp(-weight / SCORE_SCALE)
MAX_EVIDENCE = 3


# --- matching ----------------------------------------------------------------------------


def _term_pattern(term: str) -> str:
    """A term as a regex to follow a word boundary: its words; a trailing * stands for any
    word ending, else the term ends a word."""
    stem = term.rstrip("*")
    body = r"\s+".join(re.escape(word) for word in stem.split())
    ending = r"\w*" if term.endswith("*") else r"(?!\w)"
    return f"{body}{ending}"


def _alternation(terms: list[str], flags: re.RegexFlag) -> re.Pattern[str] | None:
    """The terms as one regex; each match starts a word.

    The look-ahead for the characters the terms start with lets the engine pass over every
    other position at once; without it, each term is tried at every character (9 times
    slower on article text).
    """
    if not terms:
        return None
    firsts = "".join(sorted({re.escape(term.split()[0][0]) for term in terms}))
    body = "|".join(_term_pattern(term) for term in terms)
    return re.compile(rf"(?=[{firsts}])(?<!\w)(?:{body})", flags)


def _is_case_sensitive(term: str) -> bool:
    """Acronyms (two or more capitals: NATO, EU, U.S.) match only as written: 'Nato' is a name."""
    return sum(1 for c in term if c.isupper()) >= 2


PREFIX_KEY = 4  # a prefix term ("negotiat*") is looked up by its first four letters


@lru_cache(maxsize=4096)
def words_of(text: str) -> frozenset[str]:
    """The case-folded words of a text, and their first letters, for a quick look-up. Kept
    for the sentences seen last: the title, thesis and claims are body sentences too."""
    words = {w.casefold() for w in WORD.findall(text)}
    return frozenset(words | {w[:PREFIX_KEY] for w in words})


def _key(term: str) -> str:
    """The word a text must contain for the term to possibly match it."""
    words: list[str] = WORD.findall(term.rstrip("*"))
    first = words[0].casefold()
    return first[:PREFIX_KEY] if term.endswith("*") and len(words) == 1 else first


@dataclass(frozen=True, slots=True)
class TermSet:
    """A list of terms compiled to two alternations (case-insensitive terms and acronyms).

    Most sentences mention few themes, so each search is skipped when the sentence has
    none of the words the terms start with: the regular expressions run only where they
    might match.
    """

    plain: re.Pattern[str] | None
    exact: re.Pattern[str] | None
    keys: frozenset[str]

    @classmethod
    def of(cls, terms: tuple[str, ...]) -> TermSet:
        """Compile terms."""
        plain = [t for t in terms if not _is_case_sensitive(t)]
        exact = [t for t in terms if _is_case_sensitive(t)]
        return cls(
            _alternation(plain, re.IGNORECASE),
            _alternation(exact, re.NOFLAG),
            frozenset(_key(t) for t in terms),
        )

    def found(self, text: str, words: frozenset[str]) -> set[str]:
        """The distinct terms (as written in the text, case-folded) found in the text."""
        if self.keys.isdisjoint(words):
            return set()
        return {m.casefold() for p in (self.plain, self.exact) if p for m in p.findall(text)}


@dataclass(frozen=True, slots=True)
class Matcher:
    """A theme's signals, compiled once per taxonomy."""

    theme: Theme
    strong: TermSet
    signals: TermSet
    requires: TermSet
    excludes: TermSet
    # the words a sentence needs for the theme's strong signals or signals to match it
    keys: frozenset[str]

    @classmethod
    def of(cls, theme: Theme) -> Matcher:
        """Compile a theme's term lists."""
        strong, signals = TermSet.of(theme.strong), TermSet.of(theme.signals)
        return cls(
            theme,
            strong,
            signals,
            TermSet.of(theme.requires),
            TermSet.of(theme.excludes),
            strong.keys | signals.keys,
        )

    def covers(self, phrase: str) -> bool:
        """Tell whether any of the theme's strong signals or signals matches the phrase."""
        words = words_of(phrase)
        return bool(self.strong.found(phrase, words) or self.signals.found(phrase, words))

    def has_strong(self, text: str, words: frozenset[str]) -> bool:
        """Tell whether text holds a strong signal outside an excluded context."""
        return bool(self.strong.found(text, words)) and not self.excludes.found(text, words)

    def weight(self, sentence: str, words: frozenset[str]) -> float:
        """How much one sentence says about the theme: strong signals, then distinct signals."""
        if self.keys.isdisjoint(words) or self.excludes.found(sentence, words):
            return 0.0
        weight = STRONG_WEIGHT if self.strong.found(sentence, words) else 0.0
        signals = self.signals.found(sentence, words)
        if signals and (not self.theme.requires or self.requires.found(sentence, words)):
            weight += min(SIGNAL_WEIGHT_CAP, float(len(signals)))
        return weight


def matchers(taxonomy: Taxonomy) -> tuple[Matcher, ...]:
    """A compiled matcher per theme, in taxonomy order."""
    return tuple(Matcher.of(theme) for theme in taxonomy.themes)


# --- tagging -----------------------------------------------------------------------------


def tag(article: Article, compiled: tuple[Matcher, ...]) -> Article:
    """Return the article with the themes it substantively discusses, strongest first."""
    body = [(s, words_of(s)) for p in article.paragraphs for s in sentences(p)]
    units = [(kind, text, words_of(text)) for kind, text in _headline_units(article)]
    claims = [(c.text, words_of(c.text)) for c in article.claims]
    mentions = _mentions(body, compiled)
    hits = [
        hit
        for m, mentioning in zip(compiled, mentions, strict=True)
        if (hit := _hit(mentioning, units, claims, m)) is not None
    ]
    hits.sort(key=lambda h: (-h.score, h.id))
    return replace(article, themes=tuple(hits))


def _mentions(
    body: list[tuple[str, frozenset[str]]], compiled: tuple[Matcher, ...]
) -> list[list[tuple[int, str, frozenset[str]]]]:
    """For each matcher, the body sentences (with their place) that have a word one of its
    terms starts with: the only ones it can weigh above nothing. A look-up of each word
    costs less than asking every theme about every sentence."""
    themes_of = _themes_by_key(compiled)
    mentions: list[list[tuple[int, str, frozenset[str]]]] = [[] for _ in compiled]
    for i, (sentence, words) in enumerate(body):
        for theme in {t for word in words for t in themes_of.get(word, ())}:
            mentions[theme].append((i, sentence, words))
    return mentions


@lru_cache(maxsize=2)
def _themes_by_key(compiled: tuple[Matcher, ...]) -> dict[str, tuple[int, ...]]:
    """The positions of the matchers each key word belongs to."""
    themes: dict[str, list[int]] = {}
    for position, matcher in enumerate(compiled):
        for key in matcher.keys:
            themes.setdefault(key, []).append(position)
    return {key: tuple(positions) for key, positions in themes.items()}


def _headline_units(article: Article) -> list[tuple[str, str]]:
    """The title, thesis and claims; on a profile or listing page, every teaser paragraph.

    A teaser stands for a piece of its own, so a strong signal in one is like one in a title.
    """
    units = [("title", article.title), ("thesis", article.thesis)]
    units += [("claim", c.text) for c in article.claims]
    if article.kind != "article":
        units += [("teaser", p) for p in article.paragraphs]
    return units


def _hit(
    mentioning: list[tuple[int, str, frozenset[str]]],
    units: list[tuple[str, str, frozenset[str]]],
    claims: list[tuple[str, frozenset[str]]],
    matcher: Matcher,
) -> ThemeHit | None:
    weights = [(matcher.weight(s, words), i, s) for i, s, words in mentioning]
    evidence = sorted((w for w in weights if w[0] > 0), key=lambda w: (-w[0], w[1]))
    body_weight = sum(w for w, _, _ in evidence)
    headline = {kind for kind, text, words in units if matcher.has_strong(text, words)}
    total = body_weight + sum(HEADLINE_BONUS[kind] for kind in headline)
    substantive = total >= SUBSTANTIVE and len(evidence) >= 2
    if not evidence or not (headline & DECISIVE or substantive):
        return None
    return ThemeHit(
        id=matcher.theme.id,
        label=matcher.theme.label,
        score=round(1 - math.exp(-total / SCORE_SCALE), 2),
        evidence=tuple(text for _, _, text in evidence[:MAX_EVIDENCE]),
        claims=tuple(i for i, (text, words) in enumerate(claims) if matcher.weight(text, words)),
    )

"""The user's theme taxonomy: load and check the YAML file, and tag articles with themes.

A theme applies only when an article substantively discusses it: a strong signal in the
title, the thesis or a key claim, or signals in several sentences of the body adding up to
SUBSTANTIVE. Only the cleaned body counts; removed boilerplate never tags an article.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .models import Article, Taxonomy, Theme, ThemeHit
from .text import sentences

log = logging.getLogger(__name__)

STRONG_WEIGHT = 2.0
SIGNAL_WEIGHT_CAP = 2.0  # several different signals in one sentence count at most this much
SUBSTANTIVE = 3.0  # body weight that makes a theme apply, spread over two or more sentences
HEADLINE_BONUS = {"title": 3.0, "thesis": 2.0, "teaser": 2.0, "claim": 1.0}
# Where one strong signal is enough; a key claim only adds weight (in a short text every
# sentence is a claim, so a claim alone would let one passing word tag the article).
DECISIVE = frozenset({"title", "thesis", "teaser"})
SCORE_SCALE = 6.0  # score = 1 - exp(-weight / SCORE_SCALE)
MAX_EVIDENCE = 3
THEME_KEYS = frozenset({"id", "label", "description", "strong", "signals", "requires", "excludes"})
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# --- loading -----------------------------------------------------------------------------


def load_taxonomy(path: Path) -> Taxonomy:
    """Read and check a taxonomy file; every problem is reported at once with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: taxonomy file not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read taxonomy file: {err}") from None
    return parse_taxonomy(text, str(path))


def parse_taxonomy(text: str, source: str = "themes.yaml") -> Taxonomy:
    """Parse taxonomy YAML: a list of themes, or a mapping with a `themes` list."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else "?"
        problem = getattr(err, "problem", None) or err
        raise ConfigError(f"{source}:{line}: malformed YAML: {problem}") from None
    items = _theme_nodes(root, source)
    problems: list[str] = []
    themes: list[Theme] = []
    for node in items:
        theme = _theme(node, source, problems)
        if theme is not None and theme.id in {t.id for t in themes}:
            problems.append(f"{source}:{node.start_mark.line + 1}: duplicate theme id {theme.id!r}")
        elif theme is not None:
            themes.append(theme)
    if problems:
        raise ConfigError("\n".join(problems))
    return Taxonomy(themes=tuple(themes), source=source)


def _theme_nodes(root: yaml.Node | None, source: str) -> list[yaml.Node]:
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "themes":
                root = value
                break
    if not isinstance(root, yaml.SequenceNode):
        line = root.start_mark.line + 1 if root is not None else 1
        raise ConfigError(f"{source}:{line}: expected a list of themes (or a 'themes:' list)")
    return list(root.value)


def _theme(node: yaml.Node, source: str, problems: list[str]) -> Theme | None:
    """One theme from its YAML node; problems are appended with file and line."""
    where = f"{source}:{node.start_mark.line + 1}"
    if not isinstance(node, yaml.MappingNode):
        problems.append(f"{where}: a theme must be a mapping with id, label and signals")
        return None
    raw: dict[str, Any] = yaml.safe_load(yaml.serialize(node))
    for key in sorted(set(raw) - THEME_KEYS):
        log.warning("%s: unknown key %r in theme %r is ignored", where, key, raw.get("id"))
    before = len(problems)
    for key in ("id", "label"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            problems.append(f"{where}: theme needs a non-empty '{key}'")
    if isinstance(raw.get("id"), str) and not _ID.match(raw["id"]):
        problems.append(f"{where}: id {raw['id']!r} must be lower-case words joined by '-'")
    lists = {
        key: _string_list(raw, key, where, problems)
        for key in sorted(THEME_KEYS - {"id", "label", "description"})
    }
    if not lists["strong"] and not lists["signals"]:
        problems.append(f"{where}: theme {raw.get('id')!r} needs 'strong' or 'signals' terms")
    if len(problems) > before:
        return None
    return Theme(
        id=raw["id"],
        label=raw["label"],
        description=str(raw.get("description") or ""),
        **lists,
    )


def _string_list(raw: dict[str, Any], key: str, where: str, problems: list[str]) -> tuple[str, ...]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(f"{where}: '{key}' must be a list of non-empty strings")
        return ()
    return tuple(v.strip() for v in value)


# --- matching ----------------------------------------------------------------------------


def _term_pattern(term: str) -> str:
    """A term as a regex: whole words; a trailing * stands for any word ending."""
    stem = term.rstrip("*")
    body = r"\s+".join(re.escape(word) for word in stem.split())
    ending = r"\w*" if term.endswith("*") else r"(?!\w)"
    return rf"(?<!\w){body}{ending}"


def _is_case_sensitive(term: str) -> bool:
    """Acronyms (two or more capitals: NATO, EU, U.S.) match only as written: 'Nato' is a name."""
    return sum(1 for c in term if c.isupper()) >= 2


def _compile(terms: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Two alternations per term list: case-insensitive terms, and case-sensitive acronyms."""
    plain = [_term_pattern(t) for t in terms if not _is_case_sensitive(t)]
    exact = [_term_pattern(t) for t in terms if _is_case_sensitive(t)]
    return (
        re.compile("|".join(plain), re.IGNORECASE) if plain else None,
        re.compile("|".join(exact)) if exact else None,
    )


def _found(patterns: tuple[re.Pattern[str] | None, re.Pattern[str] | None], text: str) -> set[str]:
    """The distinct terms (as written in the text, case-folded) that patterns find in text."""
    return {m.casefold() for p in patterns if p is not None for m in p.findall(text)}


Patterns = tuple[re.Pattern[str] | None, re.Pattern[str] | None]


@dataclass(frozen=True, slots=True)
class Matcher:
    """A theme's signals, compiled once per taxonomy."""

    theme: Theme
    strong: Patterns
    signals: Patterns
    requires: Patterns
    excludes: Patterns

    @classmethod
    def of(cls, theme: Theme) -> Matcher:
        """Compile a theme's term lists."""
        return cls(
            theme,
            _compile(theme.strong),
            _compile(theme.signals),
            _compile(theme.requires),
            _compile(theme.excludes),
        )

    def covers(self, phrase: str) -> bool:
        """Tell whether any of the theme's strong signals or signals matches the phrase."""
        return bool(_found(self.strong, phrase) or _found(self.signals, phrase))

    def has_strong(self, text: str) -> bool:
        """Tell whether text holds a strong signal outside an excluded context."""
        return bool(_found(self.strong, text)) and not _found(self.excludes, text)

    def weight(self, sentence: str) -> float:
        """How much one sentence says about the theme: strong signals, then distinct signals."""
        if _found(self.excludes, sentence):
            return 0.0
        weight = STRONG_WEIGHT if _found(self.strong, sentence) else 0.0
        signals = _found(self.signals, sentence)
        if signals and (not self.theme.requires or _found(self.requires, sentence)):
            weight += min(SIGNAL_WEIGHT_CAP, float(len(signals)))
        return weight


def matchers(taxonomy: Taxonomy) -> tuple[Matcher, ...]:
    """A compiled matcher per theme, in taxonomy order."""
    return tuple(Matcher.of(theme) for theme in taxonomy.themes)


# --- tagging -----------------------------------------------------------------------------


def tag(article: Article, compiled: tuple[Matcher, ...]) -> Article:
    """Return the article with the themes it substantively discusses, strongest first."""
    body = [s for p in article.paragraphs for s in sentences(p)]
    hits = [hit for m in compiled if (hit := _hit(article, body, m)) is not None]
    hits.sort(key=lambda h: (-h.score, h.id))
    return replace(article, themes=tuple(hits))


def _headline_units(article: Article) -> list[tuple[str, str]]:
    """The title, thesis and claims; on a profile or listing page, every teaser paragraph.

    A teaser stands for a piece of its own, so a strong signal in one is like one in a title.
    """
    units = [("title", article.title), ("thesis", article.thesis)]
    units += [("claim", c.text) for c in article.claims]
    if article.kind != "article":
        units += [("teaser", p) for p in article.paragraphs]
    return units


def _hit(article: Article, body: list[str], matcher: Matcher) -> ThemeHit | None:
    weights = [(matcher.weight(s), i, s) for i, s in enumerate(body)]
    evidence = sorted((w for w in weights if w[0] > 0), key=lambda w: (-w[0], w[1]))
    body_weight = sum(w for w, _, _ in evidence)
    headline = {kind for kind, text in _headline_units(article) if matcher.has_strong(text)}
    total = body_weight + sum(HEADLINE_BONUS[kind] for kind in headline)
    substantive = total >= SUBSTANTIVE and len(evidence) >= 2
    if not evidence or not (headline & DECISIVE or substantive):
        return None
    return ThemeHit(
        id=matcher.theme.id,
        label=matcher.theme.label,
        score=round(1 - math.exp(-total / SCORE_SCALE), 2),
        evidence=tuple(text for _, _, text in evidence[:MAX_EVIDENCE]),
    )

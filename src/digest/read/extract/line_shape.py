"""The shape of a line on its own: its length, how it ends, its capitals, what it names.

The line features (`lines`), the context rules and the headline tests read a line's shape;
it is worked out once for each line seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...text import LIST_ITEM, PROSE_MIN_WORDS, ends_sentence, word_count
from .dates import is_date_line
from .people import parse_byline

# "Name/AGENCY", "Name / Getty Images", "/REUTERS/Name": a photographer's credit.
_CREDIT_SLASH = re.compile(r"\w\s?/\s?[A-Z][\w.]+|/[A-Z]{2,}/")
# Agencies and picture services, whose names mark a photographer's credit.
PHOTO_AGENCY = re.compile(
    r"\b(?:getty|afp|reuters|associated press|ap photo|shutterstock|alamy|epa|sputnik|"
    r"pap|anadolu|xinhua|tass|ria novosti|picture alliance|dpa|imago|bloomberg via|"
    r"pool|file photo|images)\b",
    re.IGNORECASE,
)
_AUTHOR_PREFIX = re.compile(r"^(?:author|authors|written by|words by|posted by)\s*:?\s+\S", re.I)

RUNNING_TEXT_WORDS = 30  # a line this long that ends a sentence is body text
HEADING_MAX_WORDS = 25
SHORT_LINE_WORDS = 4


@dataclass(frozen=True, slots=True)
class Shape:
    """The facts about one line on its own that its neighbours' features reuse."""

    words: int
    terminal: bool
    prose: bool  # a line of running text: it ends a sentence and is longer than a label
    short: bool
    credit: bool  # a photographer's or agency's credit
    date: bool
    byline: bool
    headline_like: bool  # a short, capitalised, unpunctuated line


def heading_shaped(line: str, min_words: int) -> bool:
    """A line shaped like a headline: from min_words to HEADING_MAX_WORDS words, no sentence
    end, no list mark."""
    own = shape(line)
    return (
        min_words <= own.words <= HEADING_MAX_WORDS
        and not own.terminal
        and not LIST_ITEM.match(line)
    )


def is_running_text(own: Shape) -> bool:
    """A line long enough and ending a sentence: running text, whatever else it holds."""
    return own.terminal and own.words >= RUNNING_TEXT_WORDS


@lru_cache(maxsize=8192)
def shape(line: str) -> Shape:
    """The facts about one line on its own."""
    words = word_count(line)
    terminal = ends_sentence(line)
    return Shape(
        words=words,
        terminal=terminal,
        prose=words >= PROSE_MIN_WORDS and terminal,
        short=words <= SHORT_LINE_WORDS,
        credit=_is_credit(line, words),
        date=is_date_line(line),
        byline=bool(parse_byline(line)) or bool(_AUTHOR_PREFIX.match(line)),
        headline_like=3 <= words <= 20 and not terminal and capital_share(line) >= 0.5,
    )


def _is_credit(line: str, words: int) -> bool:
    return words <= 10 and bool(_CREDIT_SLASH.search(line) or PHOTO_AGENCY.search(line))


def capital_share(line: str) -> float:
    """The share of longer words that start with a capital: high in headlines and names."""
    long_words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    if not long_words:
        return 0.0
    return sum(1 for w in long_words if w[0].isupper()) / len(long_words)

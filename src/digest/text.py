"""Text utilities shared by the stages: whitespace, paragraphs, sentences, names, slugs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sentencex import segment
from slugify import slugify

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
# A list item ("• ...", "- ...", "1. ..."): a line of its own, never a wrapped line.
LIST_ITEM = re.compile(r"^(?:[•▪●◦‣∙·*►▶–—-]|\d{1,2}[.)])\s")
# The writer speaking of themselves: the mark of a personal piece, or of a quotation.
FIRST_PERSON = re.compile(r"\b(?:I|I’m|I'm|we|we’re|our|us|my|me)\b")
PROSE_MIN_WORDS = 12  # a line ending a sentence at least this long is running text
_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")

# Content-word capitalisation: a "name token" starts with an upper-case letter (Latin ranges
# cover the accented names scraped English text carries); initials are "A." style.
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
LOWER = "a-zß-öø-ÿā-žǀ-ɏ"
# A name word: "Doe", "O'Neill", "D’Souza", "McCallum", "MacDonald", "DeLong", "Smith-Jones".
NAME_WORD = (
    rf"(?:[{UPPER}]['’])?[{UPPER}][{LOWER}]+(?:[{UPPER}][{LOWER}]+)?(?:[-'’][{UPPER}]?[{LOWER}]+)*"
)
_INITIAL = rf"[{UPPER}]\."
PARTICLE = r"(?:de|da|di|del|della|van|von|der|den|bin|ibn|al|el|la|le|ter)"
# A person's name: two to four name words or initials, with optional lower-case particles.
PERSON_NAME = (
    rf"(?:{NAME_WORD}|{_INITIAL})"
    rf"(?:\s+(?:{PARTICLE}\s+){{0,2}}(?:{NAME_WORD}|{_INITIAL})){{1,3}}"
    rf"(?:,?\s+(?:Jr\.|Sr\.|II|III|IV))?"
)


def normalise_newlines(text: str) -> str:
    """Turn CRLF and lone CR into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalise_space(text: str) -> str:
    """Fold runs of spaces, drop zero-width and control characters, and strip the ends."""
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def split_paragraphs(text: str) -> list[str]:
    """Split text into paragraphs under either convention the scrapers use.

    A blank line always ends a paragraph. Inside a block of consecutive lines, each line is
    its own paragraph (one-paragraph-per-line files), unless the block looks hard-wrapped:
    its lines are of a similar, typical wrap width (40 to 100 characters) and mostly end
    mid-sentence, in which case they are joined. Either way a line that goes on with a
    lower-case word after a line ending mid-sentence continues it.
    """
    paragraphs: list[str] = []
    for block in _BLANK_LINE.split(normalise_newlines(text)):
        lines = [normalise_space(line) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if _looks_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(_continued(lines))
    return paragraphs


def _continued(lines: list[str]) -> list[str]:
    """The lines with each continuation joined to the line it continues."""
    joined: list[str] = []
    for line in lines:
        if joined and line[0].islower() and not ends_sentence(joined[-1]):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Tell whether a block's lines are one paragraph wrapped at a fixed width."""
    if len(lines) < 3 or any(LIST_ITEM.match(line) for line in lines):
        return False
    body = lines[:-1]
    widths = [len(line) for line in body]
    open_ended = sum(1 for line in body if not _TERMINAL.search(line))
    same_width = min(widths) >= 40 and max(widths) <= 100 and min(widths) >= 0.6 * max(widths)
    return same_width and open_ended >= 0.6 * len(body)


def ends_sentence(text: str) -> bool:
    """Tell whether text ends with sentence-final punctuation (possibly inside quotes)."""
    return bool(_TERMINAL.search(text.rstrip()))


# The longest sentence taken as one; real prose stays far below (a long sentence is ~400).
MAX_SENTENCE_CHARS = 1000


# A longer paragraph is segmented in pieces of at most this many characters, cut where a
# sentence may end (see _pieces). The segmenter takes time growing with the square of a run
# of quotes, backticks or brackets (160 KB of “ took 16 s); no real paragraph is this long.
SEGMENT_CHARS = 5000
_SENTENCE_GAP = re.compile(r"(?<=[.!?…])\s+")


@lru_cache(maxsize=4096)
def _segment(paragraph: str) -> tuple[str, ...]:
    pieces = [paragraph] if len(paragraph) <= SEGMENT_CHARS else _pieces(paragraph)
    stripped = (s.strip() for piece in pieces for s in segment("en", piece))
    return tuple(s for s in stripped if s and len(s) <= MAX_SENTENCE_CHARS)


def _pieces(paragraph: str) -> list[str]:
    """A long paragraph cut after sentence-final punctuation into pieces of at most
    SEGMENT_CHARS. A run longer than MAX_SENTENCE_CHARS with no such place is left out: it
    holds no sentence the segmenter would keep."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for run in _SENTENCE_GAP.split(paragraph):
        if len(run) > MAX_SENTENCE_CHARS or size + len(run) >= SEGMENT_CHARS:
            pieces += [" ".join(current)] if current else []
            current, size = [], 0
        if len(run) <= MAX_SENTENCE_CHARS:
            current.append(run)
            size += len(run) + 1
    return pieces + ([" ".join(current)] if current else [])


def sentences(paragraph: str) -> tuple[str, ...]:
    """Split a paragraph into sentences, verbatim, with a proven segmenter.

    sentencex keeps "U.S.", "Mr.", "Jan K. Novak" and "$61 billion" whole and splits
    sentences glued without a space ("cease-fire.Russia's"). A run of text longer than
    MAX_SENTENCE_CHARS without a sentence end (scraped text with its punctuation lost) is
    no sentence a reader could quote, so it is left out: it can be neither thesis, claim
    nor evidence, and the cost of matching it is not paid.
    """
    return _segment(paragraph)


def word_count(text: str) -> int:
    """Count whitespace-separated words."""
    return len(text.split())


def fold(text: str) -> str:
    """A comparison key: case-folded, accents and punctuation dropped, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # Each distinct character is looked at once (a long text has few of them): accents are
    # dropped, and what is neither a word character (as regex \w) nor a space becomes one.
    table: dict[int, str | None] = {}
    for char in set(decomposed):
        if unicodedata.combining(char):
            table[ord(char)] = None
        elif not (char.isalnum() or char == "_" or char.isspace()):
            table[ord(char)] = " "
    return " ".join(decomposed.translate(table).split())


def shorten(text: str, limit: int) -> str:
    """The text, or its words that fit in `limit` characters followed by an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


@lru_cache(maxsize=65536)
def make_slug(text: str, max_length: int = 80) -> str:
    """A URL-safe slug; 'untitled' when the text has no letters or digits. Kept for the
    titles and names seen last: a serving process slugs the same ones at every rebuild."""
    return slugify(text, max_length=max_length, word_boundary=True) or "untitled"

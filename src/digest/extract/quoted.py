"""Experts quoted or cited in a piece, with their affiliations; never its authors."""

from __future__ import annotations

import re

from ..models import Author, Quoted
from ..text import PERSON_NAME, fold, sentences
from .lexicon import EXPERT_RX, INSTITUTION_RX, SPEECH, SPEECH_RX, TITLE_WORDS
from .people import is_person_name

_AFFIL = r"(?P<affil>[^“”\"]{4,200}?)"
_NAME_GROUP = rf"(?:{TITLE_WORDS}\s+)?(?P<name>{PERSON_NAME})"
_QUOTED_PATTERNS = (
    # "..., said Jane Doe, senior fellow at the X Endowment, who ..."
    re.compile(rf"\b(?:{SPEECH})\s+{_NAME_GROUP},\s+{_AFFIL}(?:,|\.|;|$)"),
    # "Eric Doe, a former official now an expert at X, noted that ..."
    re.compile(rf"{_NAME_GROUP},\s+{_AFFIL},\s+(?:has |had |also )?(?:{SPEECH})\b"),
    # "according to Jane Doe, a professor at Y."
    re.compile(rf"\b(?i:according to)\s+{_NAME_GROUP},\s+{_AFFIL}(?:,|\.|;|$)"),
    # "Jane Doe of the Brookings Institution said ..."
    re.compile(
        rf"{_NAME_GROUP}\s+(?P<affil>(?:of|at|from)\s+(?:the\s+)?[A-Z][\w’'.&-]*"
        rf"(?:\s+(?:of|for|on|and|the|[A-Z][\w’'.&-]*))*),?\s+(?:{SPEECH})\b"
    ),
)


def _is_expert_affiliation(affiliation: str) -> bool:
    return bool(INSTITUTION_RX.search(affiliation) or EXPERT_RX.search(affiliation))


def find_quoted(paragraphs: tuple[str, ...], authors: tuple[Author, ...]) -> tuple[Quoted, ...]:
    """People quoted or cited with an affiliation, in order of first mention; never authors."""
    author_keys = {fold(a.name) for a in authors}
    found: dict[str, Quoted] = {}
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            for quoted in _quoted_in(sentence):
                key = fold(quoted.name)
                if key not in author_keys and key not in found:
                    found[key] = quoted
    return tuple(found.values())


# Every pattern above needs a speech verb or "according to": a sentence with neither is
# passed over with one search instead of four.
_CUE = re.compile(rf"{SPEECH_RX.pattern}|\baccording to\b", re.IGNORECASE)


def _quoted_in(sentence: str) -> list[Quoted]:
    if not _CUE.search(sentence):
        return []
    result = []
    for pattern in _QUOTED_PATTERNS:
        for match in pattern.finditer(sentence):
            name = match.group("name")
            affiliation = match.group("affil").strip().removeprefix("who is ").strip()
            if is_person_name(name) and _is_expert_affiliation(affiliation):
                result.append(Quoted(name, affiliation.rstrip(".,;")))
    return result

"""Whole-word patterns of cue words, and the test that spares searching a sentence for one."""

from __future__ import annotations

import re

PREFIX = 3
# For each pattern of `whole_words`, how its words can start: a sentence with no word
# starting so cannot hold it, and is not searched (most sentences hold few of the cues).
# Keyed by the pattern's identity: hashing a compiled pattern hashes its whole program, on
# every look-up.
_WORD_STARTS: dict[int, frozenset[str]] = {}
_LEADING_LOOKBEHIND = re.compile(r"^(?:\(\?<[!=][^)]*\))+")
_LEADING_GROUP = re.compile(r"^\(\?:([^()]*)\)")
_LETTERS = re.compile(r"[a-z]+")


def whole_words(*alternatives: str) -> re.Pattern[str]:
    """Whole-word alternatives, case-insensitive.

    When every alternative starts with a letter, a look-ahead for those letters lets the
    engine skip every other position at once instead of trying each alternative at each
    word (about 4 times faster on article text).
    """
    words = r"\b(?:" + "|".join(alternatives) + r")\b"
    heads = {head for a in alternatives for head in _first_characters(a)}
    if all(head.isalpha() for head in heads):
        words = f"(?=[{''.join(sorted(heads))}])" + words
    pattern = re.compile(words, re.IGNORECASE)
    keys = {key for a in alternatives for key in _first_letters(a)}
    if all(keys):
        _WORD_STARTS[id(pattern)] = frozenset(keys)
    return pattern


def _first_characters(alternative: str) -> set[str]:
    """The characters an alternative can start with, after any look-behind."""
    return {key[:1] for key in _first_letters(alternative)}


def _first_letters(alternative: str) -> set[str]:
    """How the words an alternative matches can start (their first PREFIX letters, or the
    whole of a shorter first word, in lower case), after any look-behind; a leading group of
    plain branches gives each branch's; "" when that cannot be told."""
    body = _LEADING_LOOKBEHIND.sub("", alternative)
    group = _LEADING_GROUP.match(body)
    heads = group.group(1).split("|") if group else [body]
    return {_leading_word(head)[:PREFIX].lower() for head in heads}


def _leading_word(alternative: str) -> str:
    """The letters an alternative starts with; "" when a shorter first word could be part of
    a longer one ("ad" in an alternative "ads?"), which the prefix test cannot tell."""
    match = re.match(r"[a-zA-Z]*", alternative)
    letters = match.group(0) if match else ""
    rest = alternative[len(letters) :]
    whole = not rest or rest[0] in " \\" or len(letters) >= PREFIX
    return letters if whole else ""


def declare_word_starts(pattern: re.Pattern[str], starts: frozenset[str]) -> None:
    """Say how the words a pattern compiled elsewhere finds can start (as `word_starts`
    gives them), so that `occurs` passes over the sentences with no word starting so."""
    _WORD_STARTS[id(pattern)] = starts


def word_starts(text: str) -> frozenset[str]:
    """The first PREFIX letters of every word of a sentence (a shorter word whole), in lower
    case."""
    return frozenset(w[:PREFIX] for w in _LETTERS.findall(text.lower()))


def occurs(pattern: re.Pattern[str], text: str, starts: frozenset[str]) -> bool:
    """Whether the pattern occurs in the text, whose `word_starts` are `starts`: not searched
    for when none of the text's words starts as the pattern's words must."""
    keys = _WORD_STARTS.get(id(pattern))
    if keys is not None and keys.isdisjoint(starts):
        return False
    return pattern.search(text) is not None

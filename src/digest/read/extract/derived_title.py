"""A headline derived from the thesis (or the lede), for a piece whose text gives none."""

from __future__ import annotations

import re

from ...text import sentences, shorten, word_count

MAX_TITLE_CHARS = 90
# Words that tie a sentence to the one before it: a headline made of the sentence drops
# them, so that it reads as a whole clause ("That is why any deal ..." -> "Any deal ...").
LEADING_CONNECTIVE = re.compile(
    r"^(?:(?:But|Yet|And|So|However|Still|Moreover|Indeed|Instead|Thus|Therefore|Hence|"
    r"Meanwhile|Nevertheless|Nonetheless|Ultimately|In short|In other words|As a result|"
    r"For (?:its|their|his|her) part|In (?:that|this) case|Even so|That said)\b,?\s+)+"
    r"|^(?:That|This|Which) (?:is|was) (?:why|how|because) |^(?:That|This)[’']s (?:why|how) ",
    re.IGNORECASE,
)
# A sentence opening with a subordinate clause ("If ...,", "While ...,"): its main clause,
# which a headline needs, comes after the clause's comma.
SUBORDINATE_OPENER = re.compile(
    r"^(?:If|When|While|Whilst|Although|Though|Even though|Because|Since|Unless|Whether|"
    r"Once|After|Before|Until|Given|Despite|As|Ever since)\b"
)
# A short opening phrase of time or place ("Over the past week,", "On Monday,").
INTRODUCTORY_OPENER = re.compile(
    r"^(?:On|Over|At|During|For|With|Amid|Following|In|Yesterday|Today|Last|Earlier|Later|"
    r"This|Next)\b"
)
INTRODUCTORY_MAX_WORDS = 6


def derive_title(thesis: str, paragraphs: tuple[str, ...]) -> str:
    """A headline of at most 90 characters made from the thesis (or else the lede).

    The main clause is kept: a leading connective goes, the text is cut at a semicolon, dash
    or colon, then at a comma, and only as a last resort at a word with an ellipsis.
    """
    lede = (sentences(paragraphs[0]) or paragraphs)[0] if paragraphs else ""
    text = LEADING_CONNECTIVE.sub("", thesis or lede).strip()
    if len(text) > MAX_TITLE_CHARS:
        text = _main_clause(text)
    text = text[:1].upper() + text[1:]
    for separator in ("; ", " — ", " – ", ": ", ", "):
        head = _outside_brackets(text, separator)[0]
        if len(text) <= MAX_TITLE_CHARS or word_count(head) < 4:
            continue
        text = head
    return shorten(text.rstrip(" .;:,"), MAX_TITLE_CHARS) or "Untitled"


def _main_clause(text: str) -> str:
    """The sentence from its main clause on: past an opening subordinate clause ("If the
    talks fail, ...") or a short opening phrase of time or place ("Over the past week, ...")."""
    parts = _outside_brackets(text, ", ")
    if len(parts) < 2:
        return text
    head, rest = parts[0], ", ".join(parts[1:])
    opening = SUBORDINATE_OPENER.match(head) or (
        INTRODUCTORY_OPENER.match(head) and word_count(head) <= INTRODUCTORY_MAX_WORDS
    )
    return rest if opening and word_count(rest) >= 4 else text


def _outside_brackets(text: str, separator: str) -> list[str]:
    """The text split at each separator that stands outside parentheses and before no
    digit (the comma of "February 18, 2025" separates nothing). Only the parentheses and
    separators are visited, not every character: a scraped "sentence" can be a run of
    160,000 backticks."""
    parts, depth, start = [], 0, 0
    for found in re.finditer(rf"[()]|{re.escape(separator)}", text):
        mark = found.group()
        if mark in "()":
            depth += 1 if mark == "(" else -1
        elif depth == 0 and not text[found.end() : found.end() + 1].isdigit():
            parts.append(text[start : found.start()])
            start = found.end()
    return [*parts, text[start:]]

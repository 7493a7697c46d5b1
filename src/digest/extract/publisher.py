"""The outlet that published a piece, only where the text itself names it."""

from __future__ import annotations

import re

from ..models import Block

_COPYRIGHT = re.compile(
    r"^(?:copyright|©|\(c\))[\s:©]*(?:\(c\)\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?(?:by\s+)?"
    r"(?P<outlet>.+?)[\s.,]*(?:all rights reserved\.?)?$",
    re.IGNORECASE,
)
_SOURCE_NOTE = re.compile(
    r"\b(?:published|appeared|ran)\s+(?:\w+\s+)?(?:in|by|on|at|with)\s+(?P<outlet>.+?)"
    r"(?:\s+on\s+\w+\s+\d|\s+and\s+is\s+|[.,;(]\s|[.;]?$)"
    r"|\brepublished (?:with permission )?(?:from|by|courtesy of)\s+(?P<outlet2>.+?)[.,;]?$",
    re.IGNORECASE,
)
# A wire dateline opening the first paragraph: "KYIV, Ukraine (Reuters) — ..."
_DATELINE = re.compile(r"^[A-Z][\w .,'’-]{1,50}?\s*\((?P<outlet>[A-Z][\w .&-]{1,30})\)\s*[-–—]")


def find_publisher(blocks: tuple[Block, ...]) -> str | None:
    """The outlet named by a copyright line, a 'first published in' note, or a wire dateline."""
    for block in blocks:
        outlet = _outlet_in_notice(block)
        if outlet:
            return outlet
    lede = next((b.text for b in blocks if b.is_body), "")
    match = _DATELINE.match(lede)
    return _clean_outlet(match.group("outlet")) if match else None


def _outlet_in_notice(block: Block) -> str | None:
    if block.reason == "copyright":
        match = _COPYRIGHT.match(block.text)
        return _clean_outlet(match.group("outlet")) if match else None
    if block.reason == "source note":
        match = _SOURCE_NOTE.search(block.text)
        return _clean_outlet(match.group("outlet") or match.group("outlet2")) if match else None
    return None


def _clean_outlet(text: str) -> str | None:
    """Trim an outlet name; None when what is left is no name (no capital letter, too long)."""
    outlet = text.strip(" .,:;–—-\"'“”")
    if not outlet or not any(c.isupper() for c in outlet) or len(outlet.split()) > 8:
        return None
    return outlet

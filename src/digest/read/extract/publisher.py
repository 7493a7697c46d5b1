"""The outlet that published a piece, only where the text itself names it."""

from __future__ import annotations

import re

from ...models.documents import Block
from ..reasons import COPYRIGHT, MASTHEAD, SHARE_PROMPT, SOURCE_CREDIT, SOURCE_NOTE

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


# "Read at Outlet", "Read the full story on Outlet": where a copied story came from.
_READ_AT = re.compile(
    r"^(?:read|continue reading|read the full (?:story|article)|full story)\s+(?:at|on)\s+"
    r"(?P<outlet>.+?)[.!]?$",
    re.IGNORECASE,
)
# "Support Outlet on Patreon!", "Support Outlet": an outlet asking for its readers' money.
_SUPPORT = re.compile(
    r"^[Ss]upport\s+(?P<outlet>[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*){0,4})"
    r"(?:\s+(?:on|via|at)\s+\w+)?\s*[!.]?$",
)


def find_publisher(blocks: tuple[Block, ...]) -> str | None:
    """The outlet the page names as its publisher: a copyright line, a 'first published in'
    note, a 'Read at' credit or an outlet's appeal for support; else a wire dateline; else a
    masthead (the outlet's name standing as a line of its own)."""
    for block in blocks:
        outlet = _outlet_in_notice(block)
        if outlet:
            return outlet
    lede = next((b.text for b in blocks if b.is_body), "")
    match = _DATELINE.match(lede)
    if match:
        return _clean_outlet(match.group("outlet"))
    masthead = next((b.text for b in blocks if b.reason == MASTHEAD), None)
    return _clean_outlet(masthead) if masthead else None


def _outlet_in_notice(block: Block) -> str | None:
    match: re.Match[str] | None = None
    if block.reason == COPYRIGHT:
        match = _COPYRIGHT.match(block.text)
        return _clean_outlet(match.group("outlet")) if match else None
    if block.reason == SOURCE_NOTE:
        match = _SOURCE_NOTE.search(block.text)
        return _clean_outlet(match.group("outlet") or match.group("outlet2")) if match else None
    if block.reason == SOURCE_CREDIT:
        match = _READ_AT.match(block.text)
        return _clean_outlet(match.group("outlet") if match else block.text, any_case=True)
    if block.reason == SHARE_PROMPT:
        match = _SUPPORT.match(block.text)
    return _clean_outlet(match.group("outlet")) if match else None


def _clean_outlet(text: str, any_case: bool = False) -> str | None:
    """Trim an outlet name; None when what is left is no name: too long, or (unless a credit
    names it, as "Read at examplenews" does) without a capital letter."""
    outlet = text.strip(" .,:;–—-\"'“”")
    if not outlet or len(outlet.split()) > 8:
        return None
    return outlet if any_case or any(c.isupper() for c in outlet) else None

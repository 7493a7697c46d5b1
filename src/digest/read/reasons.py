"""Why a line left an article's body: the words of `removed[].reason` in the data contract.

Cleaning names a line's reason and extraction reads it back (a copyright line names the
publisher and ends the article; the lines after it are teasers), so every stage uses these
constants: a misspelt reason is a type error, not a rule that silently stops matching.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

RemovalReason = Literal[
    # named by a line rule, a context rule or the line-role model (clean)
    "ad marker",
    "separator",
    "caption",
    "navigation",
    "copyright",
    "source note",
    "section label",
    "date line",
    "disclaimer",
    "related link",
    "share prompt",
    "source credit",
    "credit",
    "duplicate",
    # read, then moved out of the body, by extraction
    "title",
    "byline",
    "author bio",
    "masthead",
    "teaser",
]
REMOVAL_REASONS: tuple[RemovalReason, ...] = get_args(RemovalReason)

AD_MARKER: Final[RemovalReason] = "ad marker"
SEPARATOR: Final[RemovalReason] = "separator"
CAPTION: Final[RemovalReason] = "caption"
NAVIGATION: Final[RemovalReason] = "navigation"
COPYRIGHT: Final[RemovalReason] = "copyright"
SOURCE_NOTE: Final[RemovalReason] = "source note"
SECTION_LABEL: Final[RemovalReason] = "section label"
DATE_LINE: Final[RemovalReason] = "date line"
DISCLAIMER: Final[RemovalReason] = "disclaimer"
RELATED_LINK: Final[RemovalReason] = "related link"
SHARE_PROMPT: Final[RemovalReason] = "share prompt"
SOURCE_CREDIT: Final[RemovalReason] = "source credit"
CREDIT: Final[RemovalReason] = "credit"
DUPLICATE: Final[RemovalReason] = "duplicate"
TITLE: Final[RemovalReason] = "title"
BYLINE: Final[RemovalReason] = "byline"
AUTHOR_BIO: Final[RemovalReason] = "author bio"
MASTHEAD: Final[RemovalReason] = "masthead"
TEASER: Final[RemovalReason] = "teaser"

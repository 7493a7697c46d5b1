"""What reading makes of an input file: its text, its cleaned blocks, an editor's edits, a skip."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..problems import Problem
from ..read.reasons import RemovalReason
from .article import Author

# Who set an article's fields: a web page's own metadata, or an editor (front matter, an
# override). Fields an editor set are shown as edited; a page's are given, not guessed.
EditOrigin = Literal["page-metadata", "front-matter", "override"]
EDITORS: tuple[EditOrigin, ...] = ("front-matter", "override")
# The fields an editor can set in front matter or overrides.yaml, in the order shown.
EDITABLE_FIELDS = (
    "title",
    "authors",
    "publisher",
    "date",
    "source_url",
    "slug",
    "themes",
    "thesis",
    "draft",
    "note",
)


@dataclass(frozen=True, slots=True)
class ThemeEdit:
    """An editor's change to an article's themes: a fixed list, or themes added and removed."""

    only: tuple[str, ...] | None = None  # replaces the automatic themes when given
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Edits:
    """What an editor set for one article, in front matter or in overrides.yaml; or what
    a web page's metadata gives.

    `fields` names the fields set; a field not named keeps its extracted value (a field set
    to null, such as `publisher: null`, is named and clears the value). `source` is the file
    the fields were read from, and `lines` the line of each field in it, where known.
    """

    origin: EditOrigin
    fields: tuple[str, ...] = ()
    title: str = ""
    authors: tuple[Author, ...] = ()
    publisher: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    source_url: str | None = None
    slug: str = ""  # the article's URL slug, pinned
    thesis: str = ""
    note: str | None = None  # Markdown
    draft: bool = False
    themes: ThemeEdit = ThemeEdit()
    source: str = ""
    lines: tuple[tuple[str, int], ...] = ()

    def line(self, field: str) -> int | None:
        """The line the field was set on, if known."""
        return dict(self.lines).get(field)


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """One input file, decoded to text with normalised line endings.

    A Markdown file's text is the plain text of its blocks; `markdown` pairs each block's
    plain text with its Markdown source. `edits` holds the fields the file itself gives:
    a Markdown file's front matter, a web page's metadata.
    """

    source: str  # path relative to the seeds folder, with forward slashes
    text: str
    encoding: str
    warnings: tuple[Problem, ...] = ()
    markdown: tuple[tuple[str, str], ...] = ()
    edits: Edits | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of a source, in source order: body text (reason None) or removed text.

    `role` is what the line is on the page (extract.roles): a body line, or a headline,
    byline or bio that extraction reads before moving it out of the body."""

    text: str
    reason: RemovalReason | None = None
    role: str = "body"

    @property
    def is_body(self) -> bool:
        """Tell whether the block is still part of the article body."""
        return self.reason is None


@dataclass(frozen=True, slots=True)
class CleanDoc:
    """A document as ordered blocks, its line-level boilerplate marked with reasons.

    Blocks keep their source order so that later stages can tell what stood where: a
    headline right after an ad marker, teasers after a copyright line.
    """

    source: str
    blocks: tuple[Block, ...]
    warnings: tuple[Problem, ...] = ()
    date: str | None = None  # ISO date of a scraper's date stamp before the text


@dataclass(frozen=True, slots=True)
class Skip:
    """An input file that did not become an article, and why."""

    source: str
    reason: str

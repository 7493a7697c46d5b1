"""What analysing a file makes: the Article, and its authors, quoted people, claims and themes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..problems import Problem
from ..read.reasons import RemovalReason
from .pickling import quick_pickling

ClaimKind = Literal["fact", "forecast", "recommendation", "assessment"]
ArticleKind = Literal["article", "profile", "listing"]
TitleSource = Literal["text", "derived", "page-metadata", "front-matter", "override"]
DateSource = Literal["text", "page-metadata", "front-matter", "override"]
ClaimRelation = Literal["agrees", "conflicts"]

# How each kind is named to readers.
KIND_LABELS: dict[str, str] = {
    "article": "Article",
    "profile": "Author page",
    "listing": "Listing page",
}


@quick_pickling
@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line that left the body, and why."""

    text: str
    reason: RemovalReason


@quick_pickling
@dataclass(frozen=True, slots=True)
class Author:
    """A person who wrote the piece, with the bio the text gives them ("" when none)."""

    name: str
    bio: str = ""
    slug: str = ""


@quick_pickling
@dataclass(frozen=True, slots=True)
class Quoted:
    """A person whose words or views the piece reports, who did not write it."""

    name: str
    affiliation: str  # the role or affiliation the text gives them, "" when none
    slug: str = ""  # set when the site is assembled
    statements: tuple[str, ...] = ()  # the sentences that report them, verbatim


@quick_pickling
@dataclass(frozen=True, slots=True)
class ClaimLink:
    """A claim of another article that makes the same point ("agrees") or the opposite
    ("conflicts")."""

    article: str  # the other article's slug
    claim: int  # index into that article's claims
    relation: ClaimRelation


@quick_pickling
@dataclass(frozen=True, slots=True)
class Claim:
    """A key claim: a verbatim body sentence, its type, and its paragraph index."""

    text: str
    kind: ClaimKind
    paragraph: int
    links: tuple[ClaimLink, ...] = ()  # set when the site is assembled


@quick_pickling
@dataclass(frozen=True, slots=True)
class ThemeHit:
    """A theme assigned to an article, with its score and evidence sentences."""

    id: str
    label: str
    score: float
    evidence: tuple[str, ...]
    claims: tuple[int, ...] = ()  # indexes into the article's claims that mention the theme


@quick_pickling
@dataclass(frozen=True, slots=True)
class Article:
    """Everything extracted from one input file."""

    source: str
    kind: ArticleKind
    title: str
    title_source: TitleSource
    authors: tuple[Author, ...]
    publisher: str | None
    quoted: tuple[Quoted, ...]
    thesis: str
    claims: tuple[Claim, ...]
    paragraphs: tuple[str, ...]
    removed: tuple[RemovedLine, ...]
    slug: str = ""  # set when the site is assembled; before, the one an editor pinned, if any
    themes: tuple[ThemeHit, ...] = ()
    date: str | None = None
    date_source: DateSource | None = None  # where the date came from (None: undated)
    source_url: str | None = None
    note: str | None = None
    overridden: tuple[str, ...] = ()
    warnings: tuple[Problem, ...] = ()
    markdown: tuple[str, ...] = ()  # each paragraph's Markdown source ("" for plain text)
    related: tuple[str, ...] = ()  # slugs of articles sharing the most themes, closest first
    # A hash of everything the analysis was made from (build.keys.article_key); with the slug and
    # related articles, which the site adds, it identifies the record.
    fingerprint: str = ""

    @property
    def word_count(self) -> int:
        """Count the words of the cleaned body."""
        return sum(len(p.split()) for p in self.paragraphs)

    @property
    def argues(self) -> bool:
        """Tell whether the piece argues one case: a profile or a listing gathers teasers of
        several pieces, and a thesis or claims drawn across them would mislead a reader."""
        return self.kind == "article"

"""The plain data passed between pipeline stages: frozen, slotted, tuples not lists."""

from __future__ import annotations

import operator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal, TypeVar

from .problems import Problem
from .reasons import RemovalReason

ClaimKind = Literal["fact", "forecast", "recommendation", "assessment"]
ArticleKind = Literal["article", "profile", "listing"]
TitleSource = Literal["text", "derived", "page-metadata", "front-matter", "override"]
DateSource = Literal["text", "page-metadata", "front-matter", "override"]
# Who set an article's fields: a web page's own metadata, or an editor (front matter, an
# override). Fields an editor set are shown as edited; a page's are given, not guessed.
EditOrigin = Literal["page-metadata", "front-matter", "override"]
EDITORS: tuple[EditOrigin, ...] = ("front-matter", "override")
ClaimRelation = Literal["agrees", "conflicts"]
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
T = TypeVar("T")


def quick_pickling(cls: type[T]) -> type[T]:
    """Pickle a frozen, slotted dataclass by its field values in order (records cross to
    and from worker processes as pickles; the cache never holds one).

    The standard library's way looks up the class's fields for every object pickled or
    unpickled; for the records of an article that was half the time of sending them.
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    values = operator.attrgetter(*names)
    # Each slot's own setter, which a frozen class's __setattr__ does not guard: setting
    # through it costs 40% less than object.__setattr__, which looks the slot up by name.
    setters = tuple(getattr(cls, name).__set__ for name in names)

    def getstate(self: T) -> tuple[Any, ...]:
        return values(self) if len(names) > 1 else (values(self),)

    def setstate(self: T, state: tuple[Any, ...]) -> None:
        for setter, value in zip(setters, state, strict=True):
            setter(self, value)

    cls.__getstate__ = getstate  # type: ignore[method-assign,assignment]
    cls.__setstate__ = setstate  # type: ignore[attr-defined]
    return cls


# How each kind is named to readers.
KIND_LABELS: dict[str, str] = {
    "article": "Article",
    "profile": "Author page",
    "listing": "Listing page",
}


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


@quick_pickling
@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line that left the body, and why."""

    text: str
    reason: RemovalReason


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


@dataclass(frozen=True, slots=True)
class Theme:
    """A theme of the user's taxonomy and the signals that show an article discusses it."""

    id: str
    label: str
    description: str
    strong: tuple[str, ...] = ()  # unambiguous phrases: one in the title or thesis is enough
    signals: tuple[str, ...] = ()  # weaker terms: several are needed
    requires: tuple[str, ...] = ()  # a signal counts only in a sentence that has one of these
    excludes: tuple[str, ...] = ()  # a sentence with one of these says something else


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The themes, in file order, where they came from, and the file's warnings."""

    themes: tuple[Theme, ...]
    source: str = ""
    problems: tuple[Problem, ...] = ()


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
    # A hash of everything the analysis was made from (cache.article_key); with the slug and
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


@dataclass(frozen=True, slots=True)
class Skip:
    """An input file that did not become an article, and why."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class AuthorEntry:
    """An author across the digest: the fullest bio any text gives, and their articles."""

    slug: str
    name: str
    bio: str
    articles: tuple[str, ...]  # article slugs, in site order


@dataclass(frozen=True, slots=True)
class Statement:
    """What a person is reported to have said, in one article."""

    article: str  # the article's slug
    text: str  # the sentence, verbatim
    paragraph: int  # its paragraph in the article (-1 when it cannot be placed)


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """A person across the digest, authors and quoted people alike, under one name however
    the texts spell it."""

    slug: str
    name: str  # the fullest spelling the texts give
    variants: tuple[str, ...]  # the other spellings, in order of first appearance
    roles: tuple[str, ...]  # the roles and affiliations the texts give, each once
    bio: str  # the longest bio given where they wrote ("" when none)
    wrote: tuple[str, ...]  # slugs of the articles they wrote, in site order (newest first)
    quoted_in: tuple[str, ...]  # slugs of the articles that quote them, in site order
    statements: tuple[Statement, ...]  # newest article first, in reading order within it


@dataclass(frozen=True, slots=True)
class Topic:
    """A subject the corpus keeps returning to that no theme of the taxonomy covers."""

    label: str
    phrases: tuple[str, ...]  # its most distinctive phrases, most distinctive first
    articles: tuple[str, ...]  # slugs of the articles that discuss it, most central first


@dataclass(frozen=True, slots=True)
class ThemeEntry:
    """A theme of the taxonomy and the articles tagged with it, highest score first."""

    theme: Theme
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Site:
    """All articles of a build, slugged and in output order, with the cross-indexes."""

    articles: tuple[Article, ...]
    skipped: tuple[Skip, ...] = ()
    taxonomy: Taxonomy = Taxonomy(themes=())
    authors: tuple[AuthorEntry, ...] = ()  # by slug
    themes: tuple[ThemeEntry, ...] = ()  # in taxonomy order, every theme
    people: tuple[PersonEntry, ...] = ()  # by slug: every author and quoted person once
    topics: tuple[Topic, ...] = ()  # subjects no theme covers, the largest first
    notices: tuple[Problem, ...] = ()  # the warnings not about one article

    @property
    def unmatched_themes(self) -> tuple[str, ...]:
        """Ids of taxonomy themes that no article was tagged with."""
        used = {hit.id for article in self.articles for hit in article.themes}
        return tuple(t.id for t in self.taxonomy.themes if t.id not in used)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The notices, then every article's warnings."""
        return self.notices + tuple(w for a in self.articles for w in a.warnings)


@dataclass(frozen=True, slots=True)
class OutputFile:
    """One file of the output tree: its path relative to the output root, its bytes, and
    the key it was made from: a hash of everything that made it ("" for none). A large
    file's bytes may come as pieces, written one after another and never joined in memory
    (at 20,000 articles `data/articles.json` is 280 MB)."""

    path: str
    content: bytes | tuple[bytes, ...]
    key: str = ""

    @property
    def pieces(self) -> tuple[bytes, ...]:
        """The content as pieces that, one after another, are the file."""
        return self.content if isinstance(self.content, tuple) else (self.content,)


@dataclass(frozen=True, slots=True)
class Kept:
    """A file of the output tree that the previous build made from the same key and that
    is still as it left it: kept without being made again."""

    path: str
    key: str


@dataclass(frozen=True, slots=True)
class StageTime:
    """How long a stage of a build took."""

    name: str
    wall: float  # seconds, by the clock
    cpu: float | None = None  # CPU seconds of every process of the build (with --timings)


@dataclass(frozen=True, slots=True)
class BuildCounts:
    """How much of its work a build did, and how much it took from the builds before it."""

    analysed: int  # articles analysed
    cached: int  # articles whose analysis the cache held
    rendered: int  # pages and generated files rendered (not search bundles or static files)
    kept: int  # pages and generated files not rendered: made before from the same inputs
    written: int  # files written into the output: new, or changed since the previous build
    indexed: int  # search shards indexed by Pagefind
    shards: int  # search shards in all (0 when search is off)
    stale: int = 0  # search shards kept out of date, for the next build to index


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did: the site it built, how long each stage took and what it counted."""

    site: Site
    out: Path  # where the site was written
    stages: tuple[StageTime, ...]
    kept: tuple[str, ...]  # files (and empty folders) in the output digest did not make
    counts: BuildCounts

    @property
    def seconds(self) -> float:
        """Total build time."""
        return sum(stage.wall for stage in self.stages)

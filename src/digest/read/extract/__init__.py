"""CleanDoc -> Article: the extraction stage, as an ordered list of steps over the blocks."""

from __future__ import annotations

from functools import partial

from ...models.article import Article, ArticleKind, Author, RemovedLine
from ...models.documents import CleanDoc
from ...problems import Problem, ProblemCode
from ...text import fold
from .claims import pick_claims
from .dates import publication_date
from .derived_title import derive_title
from .kinds import kind_of
from .model import ReaderModels
from .publisher import find_publisher
from .quoted import find_quoted
from .structure import (
    Blocks,
    body_indices,
    classify,
    mark_bios,
    mark_bylines,
    mark_mastheads,
    mark_teasers,
    take_headline,
    take_pictured_writer,
    take_trailing_title,
)
from .thesis import pick_thesis

# What the reader warns of when the text does not give a field; dropped where the field is
# given another way (problems.ANSWERED_BY).
_MISSING: dict[ProblemCode, str] = {
    "no-title": "no title in the text: derived one from the thesis",
    "no-author": "no author named in the text",
    "no-thesis": (
        "no sentence found (no sentence ends within 1,000 characters): no thesis or claims"
    ),
}


def extract(doc: CleanDoc, models: ReaderModels | None = None) -> Article:
    """Extract title, authors, publisher, quoted people, thesis and claims from a document;
    `models` weigh the sentences for the thesis and the claims' kinds (by default the
    shipped ones)."""
    thesis_model, kinds_model = (models.thesis, models.kinds) if models else (None, None)
    blocks, kind, title, authors = read_structure(doc.blocks)
    paragraphs = tuple(blocks[i].text for i in body_indices(blocks))
    thesis = pick_thesis(paragraphs, kind, thesis_model)
    lacking: dict[ProblemCode, bool] = {
        "no-title": title is None,
        "no-author": not authors,
        "no-thesis": not thesis,
    }
    date = publication_date(doc.date, blocks) if kind == "article" else None
    return Article(
        source=doc.source,
        kind=kind,
        title=title or derive_title(thesis, paragraphs),
        title_source="text" if title else "derived",
        authors=authors,
        publisher=find_publisher(blocks),
        quoted=find_quoted(paragraphs, authors),
        thesis=thesis,
        claims=pick_claims(paragraphs, partial(kind_of, model=kinds_model)),
        paragraphs=paragraphs,
        removed=tuple(RemovedLine(b.text, b.reason) for b in blocks if b.reason is not None),
        warnings=(*doc.warnings, *missing_fields(doc.source, lacking)),
        date=date,
        date_source="text" if date else None,
    )


def read_structure(
    blocks: Blocks,
) -> tuple[Blocks, ArticleKind, str | None, tuple[Author, ...]]:
    """The blocks with bylines, headline, mastheads, bios and (in an article) teasers marked;
    the page's kind; its title, if the text gives one; and its authors."""
    blocks, byline_authors, _ = mark_bylines(blocks)
    blocks, pictured, pictured_title = take_pictured_writer(blocks)
    blocks, title = take_headline(blocks)
    blocks = mark_mastheads(blocks)
    blocks, bios = mark_bios(blocks)
    writers = (pictured,) if pictured else byline_authors
    kind = classify(blocks, bios, writers)
    if kind == "article":
        if title is None:
            blocks, title = take_trailing_title(blocks)
        blocks = mark_teasers(blocks)
    elif kind == "listing":
        title, byline_authors = None, ()  # teasers' headlines and bylines, not the page's
    else:
        title = pictured_title or title
    authors = merge_authors(bios.authors, (pictured,) if pictured else (), byline_authors)
    return blocks, kind, title, authors


def missing_fields(source: str, lacking: dict[ProblemCode, bool]) -> tuple[Problem, ...]:
    """A warning for each field the text lacks."""
    return tuple(Problem(source, None, code, m) for code, m in _MISSING.items() if lacking[code])


def merge_authors(*groups: tuple[Author, ...]) -> tuple[Author, ...]:
    """Authors from bios and bylines, once each; a bio fills in a byline's missing one."""
    merged: dict[str, Author] = {}
    for group in groups:
        for author in group:
            key = fold(author.name)
            if key not in merged or not merged[key].bio:
                merged[key] = author
    return tuple(merged.values())

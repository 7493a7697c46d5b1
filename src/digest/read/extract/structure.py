"""Where things stand in a page: headline, bylines, bios, the end of the article, teasers.

Every function takes the document's blocks in source order and returns them with more
paragraphs moved out of the body, each with its reason, so nothing is lost.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ...models.article import ArticleKind, Author
from ...models.documents import Block
from ...text import LIST_ITEM, PERSON_NAME, ends_sentence, fold, sentences, word_count
from ..reasons import (
    AUTHOR_BIO,
    BYLINE,
    COPYRIGHT,
    CREDIT,
    DATE_LINE,
    DUPLICATE,
    MASTHEAD,
    NAVIGATION,
    RELATED_LINK,
    TEASER,
    TITLE,
    RemovalReason,
)
from .bio_words import has_role
from .line_shape import heading_shaped
from .people import continues_bio, is_person_name, parse_bio, parse_byline, parse_name_line

Blocks = tuple[Block, ...]

TOP_REGION = 3  # a bio or headline at the top stands within the first three body paragraphs
END_MARKERS = (COPYRIGHT, AUTHOR_BIO)
MAX_TITLE_WORDS = 25
MAX_HEADLINE_CHARS = 200
TEASER_MAX_CHARS = 420
MASTHEAD_MAX_WORDS = 4  # profile and listing pages are made of short teaser paragraphs


@dataclass(frozen=True, slots=True)
class Bios:
    """Authors found in bio paragraphs, and where the first bio stood."""

    authors: tuple[Author, ...]
    at_top: bool


def body_indices(blocks: Blocks) -> list[int]:
    """Indices of the blocks still in the body."""
    return [i for i, b in enumerate(blocks) if b.is_body]


def _mark(blocks: Blocks, index: int, reason: RemovalReason) -> Blocks:
    return (*blocks[:index], replace(blocks[index], reason=reason), *blocks[index + 1 :])


def _mark_all(blocks: Blocks, indices: Iterable[int], reason: RemovalReason) -> Blocks:
    """Mark many body blocks in one pass (one at a time would copy the tuple each time)."""
    chosen = set(indices)
    return tuple(
        replace(b, reason=reason) if i in chosen and b.is_body else b for i, b in enumerate(blocks)
    )


def mark_bylines(blocks: Blocks) -> tuple[Blocks, tuple[Author, ...], int]:
    """Move bylines out of the body ("By X", "Author: X", or a writer's name standing alone
    where the page reads as a byline); return the authors they name and how many bylines.
    An organisation's byline ("By Atlantic Research") leaves the body but names no author."""
    authors: dict[str, Author] = {}
    bylines = []
    for i in body_indices(blocks):
        found = parse_byline(blocks[i].text)
        if not found and blocks[i].role == "byline":
            found = parse_name_line(blocks[i].text)
        if found or blocks[i].role == "byline":
            bylines.append(i)
            authors.update((a.name, a) for a in found if a.name not in authors)
    return _mark_all(blocks, bylines, BYLINE), tuple(authors.values()), len(bylines)


def is_title_like(text: str) -> bool:
    """Tell whether a paragraph reads as a headline: short, one sentence, no final period."""
    words = word_count(text)
    return (
        2 <= words <= MAX_TITLE_WORDS
        and len(text) <= MAX_HEADLINE_CHARS
        and text[0].isupper()
        and not re.search(r"[.,;:]$", text)
        and len(sentences(text)) == 1
    )


def _has_headline_shape(text: str) -> bool:
    """A colon, or capitals on most content words: how headlines differ from teaser text."""
    long_words = [w for w in text.split() if len(w) > 3]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return ":" in text or (bool(long_words) and capitalised >= 0.6 * len(long_words))


def take_headline(blocks: Blocks) -> tuple[Blocks, str | None]:
    """Take the line read as the headline (`clean` gives one line that role at most). A line
    right below it that repeats most of its words without ending a sentence is a longer
    variant of it, and goes too."""
    body = body_indices(blocks)
    chosen = next((i for i in body if blocks[i].role == "headline"), None)
    if chosen is None:
        return blocks, None
    title = blocks[chosen].text
    blocks = _mark(blocks, chosen, TITLE)
    later = [i for i in body if i > chosen][:1]
    if later and _repeats_headline(blocks[later[0]].text, title):
        blocks = _mark(blocks, later[0], TITLE)
    return blocks, title


def title_case_headline(lines: list[str], first: int) -> bool:
    """Tell whether the first line of a page's text is its headline by shape: one short
    sentence in Title Case without a final period, above longer text (Title Case tells a
    headline from a standfirst or a subhead). Two or three capitalised words could be a
    writer's name as well, so such a line counts only when the page repeats it."""
    text = lines[first]
    following = next((line for line in lines[first + 1 :] if line != text), "")
    if not (is_title_like(text) and len(following) > len(text)):
        return False
    return lines.count(text) > 1 or not is_person_name(text)


def mark_mastheads(blocks: Blocks) -> Blocks:
    """Name an outlet's name standing as a line of its own ("masthead"): a short line of
    capitalised words only that the page repeats, or that stands right below the headline
    and is no person's name ("CNN", "Daily Ledger"); in the body or taken for page furniture."""
    title = next((i for i, b in enumerate(blocks) if b.reason == TITLE), None)
    below = title + 1 if title is not None else None
    counts = Counter(b.text for b in blocks)
    chosen = {
        i
        for i, b in enumerate(blocks)
        if b.reason in (None, CREDIT, NAVIGATION, DUPLICATE)
        and (title is None or b.text != blocks[title].text)
        and _is_proper_name_line(b.text)
        and (
            counts[b.text] > 1
            or (i == below and len(b.text.split()) <= 2 and not parse_name_line(b.text))
        )
    }
    return tuple(replace(b, reason=MASTHEAD) if i in chosen else b for i, b in enumerate(blocks))


def _is_proper_name_line(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= MASTHEAD_MAX_WORDS
        and all(w[0].isupper() for w in words)
        and not ends_sentence(text)
    )


def _repeats_headline(text: str, headline: str) -> bool:
    words = {w.lower() for w in re.findall(r"\w+", headline) if len(w) > 3}
    said = {w.lower() for w in re.findall(r"\w+", text)}
    return (
        not ends_sentence(text)
        and bool(words)
        and len(words & said) >= 0.6 * len(words)
        and word_count(text) <= 2 * MAX_TITLE_WORDS
    )


def take_trailing_title(blocks: Blocks) -> tuple[Blocks, str | None]:
    """Take a headline standing last, as editorial pages print it after the body.

    The last paragraph counts when it reads as a headline and either follows removed page
    furniture (an ad marker) or has a headline's shape; never after the article has ended.
    """
    body = body_indices(blocks)
    if len(body) < 2 or end_of_article(blocks) is not None:
        return blocks, None
    last = body[-1]
    text = blocks[last].text
    after_furniture = last > 0 and not blocks[last - 1].is_body
    if is_person_name(text) or not is_title_like(text):
        return blocks, None
    if after_furniture or _has_headline_shape(text):
        return _mark(blocks, last, TITLE), text
    return blocks, None


def mark_bios(blocks: Blocks) -> tuple[Blocks, Bios]:
    """Move author bios out of the body: at the top, or in the second half as a sign-off."""
    body = body_indices(blocks)
    candidates = body[:TOP_REGION] + [
        i for i in body[len(body) // 2 :] if i not in body[:TOP_REGION]
    ]
    authors: list[Author] = []
    at_top = False
    for i in candidates:
        if not blocks[i].is_body:
            continue
        found = parse_bio(blocks[i].text)
        if found:
            at_top = at_top or (not authors and i in body[:TOP_REGION])
            blocks = _mark(blocks, i, AUTHOR_BIO)
            blocks, found[-1] = _take_continuations(blocks, i, found[-1])
            authors.extend(found)
    return blocks, Bios(tuple(authors), at_top)


def _take_continuations(blocks: Blocks, index: int, author: Author) -> tuple[Blocks, Author]:
    """Move the paragraphs right after a bio that go on about the same person into the bio."""
    for j in range(index + 1, len(blocks)):
        if not blocks[j].is_body or not continues_bio(blocks[j].text, author):
            break
        blocks = _mark(blocks, j, AUTHOR_BIO)
        author = replace(author, bio=f"{author.bio} {blocks[j].text}".strip())
    return blocks, author


def end_of_article(blocks: Blocks) -> int | None:
    """Index of the copyright line or sign-off bio that ends the article, if any.

    Only the second half of the page counts: a bio at the top opens a page, it does not end it.
    """
    for i in range(len(blocks) // 2, len(blocks)):
        if blocks[i].reason in END_MARKERS:
            return i
    return None


def mark_teasers(blocks: Blocks) -> Blocks:
    """Move paragraphs after the end of the article (other pieces' teasers) out of the body;
    a line there the line-role model took for a related link is a teaser too."""
    end = end_of_article(blocks)
    if end is None:
        return blocks
    return tuple(
        replace(b, reason=TEASER) if i > end and b.reason in (None, RELATED_LINK) else b
        for i, b in enumerate(blocks)
    )


def classify(blocks: Blocks, bios: Bios, writers: tuple[Author, ...]) -> ArticleKind:
    """Tell an article from a profile (one writer's page of teasers) or a listing (several).

    A page of teasers is a run of short paragraphs that do not build on each other, and
    (unless a writer's bio opens it) holds the marks of separate items: headlines of their
    own or date lines. A listing carries bylines of several writers, or dated items and no
    writer; a profile is one writer's.
    """
    paragraphs = [
        blocks[i].text for i in body_indices(blocks) if not LIST_ITEM.match(blocks[i].text)
    ]
    if len(paragraphs) < 4 or not _mostly_short(paragraphs):
        return "article"
    dates = sum(1 for b in blocks if b.reason == DATE_LINE)
    items = dates + sum(1 for p in paragraphs if heading_shaped(p, ITEM_MIN_WORDS))
    names = {fold(a.name) for a in writers}
    if len(names) >= 2:
        return "listing"
    if bios.at_top and len(bios.authors) == 1:
        return "profile"
    if items >= MIN_ITEMS and len(names) == 1:
        return "profile"
    if dates >= 2 and not names:
        return "listing"
    return "article"


MIN_ITEMS = 3  # headlines or date lines that mark a page of separate pieces
ITEM_MIN_WORDS = 4  # a teaser's headline has at least these words


def _mostly_short(paragraphs: list[str]) -> bool:
    short = sum(
        1
        for p in paragraphs
        if (len(p) <= TEASER_MAX_CHARS and ends_sentence(p)) or len(p) <= TEASER_MAX_CHARS // 2
    )
    return short >= 0.75 * len(paragraphs)


# "Jane Doe Profile picture": a writer's name with the text of their picture, on a profile.
_PICTURE_TEXT = re.compile(
    r"\s+(?:profile picture|profile photo|photo|picture|avatar|headshot|image)$", re.IGNORECASE
)
_PICTURED_NAME = re.compile(rf"^(?:(?:Dr|Prof)\.?\s+)?(?P<name>{PERSON_NAME})$")


def take_pictured_writer(blocks: Blocks) -> tuple[Blocks, Author | None, str | None]:
    """A page that opens with a writer's picture ("Jane Doe Profile picture") is about that
    writer: their name is the page's title, and the line below, when it says what they do,
    is their bio. Returns the writer and the title, or None for both."""
    first = next((i for i, b in enumerate(blocks) if b.reason != NAVIGATION), None)
    if first is None or not _PICTURE_TEXT.search(blocks[first].text):
        return blocks, None, None
    title = _PICTURE_TEXT.sub("", blocks[first].text)
    match = _PICTURED_NAME.match(title)
    if match is None:
        return blocks, None, None
    writer = Author(match.group("name"))
    below = first + 1
    if below < len(blocks) and blocks[below].is_body and has_role(blocks[below].text):
        writer = replace(writer, bio=blocks[below].text)
        blocks = _mark(blocks, below, AUTHOR_BIO)
    return blocks, writer, title

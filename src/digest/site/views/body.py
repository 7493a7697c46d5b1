"""An article's body as its page shows it: numbered paragraphs with the key claims marked
where they stand."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from ...md import body_outline, render_block
from ...models.article import Article, Claim
from ..urls import claim_anchor, paragraph_anchor


@dataclass(frozen=True, slots=True)
class ClaimMark:
    """A key claim where it stands in the text: its anchor and kind."""

    id: str
    kind: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a plain-text paragraph: a claim's text, or the text between claims."""

    text: str
    claim: ClaimMark | None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the body: its anchor and number, and either its HTML (written in
    Markdown, its claims marked in it) or its plain text in segments, with the anchors of
    the claims that could not be placed in it."""

    id: str
    number: int
    html: Markup | None
    anchors: tuple[str, ...] = ()
    segments: tuple[Segment, ...] = ()


def marked_body(article: Article, remote_images: bool = False) -> tuple[Paragraph, ...]:
    """The body paragraphs, each cut into plain and claim segments for highlighting; a
    paragraph written in Markdown is rendered, with its claims marked where they stand."""
    claims: dict[int, list[tuple[int, Claim]]] = defaultdict(list)
    for i, claim in enumerate(article.claims):
        claims[claim.paragraph].append((i, claim))
    markdown = article.markdown or ("",) * len(article.paragraphs)
    outline = body_outline(markdown)
    body: list[Paragraph] = []
    for n, (text, source) in enumerate(zip(article.paragraphs, markdown, strict=True)):
        if source:
            marks = [(c.text, claim_anchor(i), f"claim claim-{c.kind}") for i, c in claims[n]]
            html = render_block(source, marks, outline, remote_images)
            body.append(Paragraph(paragraph_anchor(n), n + 1, Markup(html)))
        else:
            anchors, parts = segments(text, claims[n])
            body.append(Paragraph(paragraph_anchor(n), n + 1, None, anchors, parts))
    return tuple(body)


def segments(
    text: str, claims: list[tuple[int, Claim]]
) -> tuple[tuple[str, ...], tuple[Segment, ...]]:
    """Split a paragraph at its claims: the anchors of the claims not found verbatim (each
    still gets its anchor), and the paragraph's segments."""
    spans, unplaced = [], []
    for i, claim in claims:
        start = text.find(claim.text)
        if start < 0:
            unplaced.append(claim_anchor(i))
        else:
            spans.append((start, start + len(claim.text), i, claim.kind))
    parts: list[Segment] = []
    position = 0
    for start, end, i, kind in sorted(spans):
        if start < position:
            unplaced.append(claim_anchor(i))
            continue
        parts.append(Segment(text[position:start], None))
        parts.append(Segment(text[start:end], ClaimMark(claim_anchor(i), kind)))
        position = end
    parts.append(Segment(text[position:], None))
    return tuple(unplaced), tuple(p for p in parts if p.text)

"""An article page's context: the body with its key claims marked, and the page's JSON-LD."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from .claims_view import claim_links
from .md import render, render_block
from .models import EDITABLE_FIELDS, KIND_LABELS, Article, Claim
from .text import shorten
from .urls import (
    absolute,
    article_path,
    author_path,
    claim_anchor,
    paragraph_anchor,
    person_path,
    theme_path,
)

Context = dict[str, Any]

CLAIM_KINDS = (
    ("fact", "Facts"),
    ("assessment", "Assessments"),
    ("forecast", "Forecasts"),
    ("recommendation", "Recommendations"),
)
# Words a reader reads a minute, for the reading time shown.
WORDS_PER_MINUTE = 230
# schema.org headlines longer than this are cut (what search engines show).
HEADLINE_CHARS = 110


def article_context(
    article: Article,
    related: Sequence[Article],
    root: str,
    remote_images: bool = False,
    linked: Mapping[str, Article] | None = None,
) -> Context:
    """Everything the article template shows, links relative to the article page; `linked`
    holds the articles its claims link to, by slug."""
    return {
        "title": article.title,
        "edited": {field: field in article.overridden for field in EDITABLE_FIELDS},
        "date": date_context(article.date),
        "note": note_html(article.note, remote_images),
        "kind": KIND_LABELS[article.kind],
        "authors": [
            {"name": a.name, "href": root + author_path(a.slug), "bio": a.bio}
            for a in article.authors
        ],
        "publisher": article.publisher or "",
        "source": article.source,
        "source_url": article.source_url or "",
        "word_count": article.word_count,
        "minutes": max(1, round(article.word_count / WORDS_PER_MINUTE)),
        "thesis": article.thesis,
        "claim_groups": claim_groups(article.claims, linked or {}, root),
        "themes": [
            {
                "label": h.label,
                "href": root + theme_path(h.id),
                "score": f"{h.score:.2f}",
                "evidence": list(h.evidence),
            }
            for h in article.themes
        ],
        "paragraphs": marked_body(article, remote_images),
        "quoted": [
            {
                "name": q.name,
                "affiliation": q.affiliation,
                "href": root + person_path(q.slug),
            }
            for q in article.quoted
        ],
        "related": [related_link(article, other, root) for other in related],
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
    }


def claim_groups(
    claims: Sequence[Claim], linked: Mapping[str, Article], root: str
) -> list[Context]:
    """The key claims grouped by kind, each linking to its place in the body, with the
    claims of other articles that agree or conflict with it."""
    groups = []
    for kind, label in CLAIM_KINDS:
        members = [
            {
                "text": c.text,
                "href": f"#{claim_anchor(i)}",
                "paragraph": c.paragraph + 1,
                "links": claim_links(c.links, linked, root),
            }
            for i, c in enumerate(claims)
            if c.kind == kind
        ]
        if members:
            groups.append({"kind": kind, "label": label, "claims": members})
    return groups


def date_context(date: str | None) -> Context | None:
    """An ISO date for <time datetime> and as readers read it ("14 March 2025")."""
    if not date:
        return None
    day = dt.date.fromisoformat(date)
    return {"iso": date, "text": f"{day.day} {day:%B %Y}", "month": f"{day:%B %Y}"}


def note_html(note: str | None, remote_images: bool = False) -> Markup | None:
    """An editor's note, Markdown rendered to HTML; raw HTML in it is escaped."""
    return Markup(render(note, 2, remote_images)) if note else None


def marked_body(article: Article, remote_images: bool = False) -> list[Context]:
    """The body paragraphs, each cut into plain and claim segments for highlighting; a
    paragraph written in Markdown is rendered, with its claims marked where they stand."""
    claims: dict[int, list[tuple[int, Claim]]] = defaultdict(list)
    for i, claim in enumerate(article.claims):
        claims[claim.paragraph].append((i, claim))
    markdown = article.markdown or ("",) * len(article.paragraphs)
    body: list[Context] = []
    for n, (text, source) in enumerate(zip(article.paragraphs, markdown, strict=True)):
        if source:
            marks = [(c.text, claim_anchor(i), f"claim claim-{c.kind}") for i, c in claims[n]]
            html = render_block(source, marks, remote_images)
            body.append({"id": paragraph_anchor(n), "html": Markup(html)})
        else:
            body.append({"id": paragraph_anchor(n), "html": None, **segments(text, claims[n])})
    return body


def segments(text: str, claims: list[tuple[int, Claim]]) -> Context:
    """Split a paragraph at its claims; a claim not found verbatim still gets its anchor."""
    spans, unplaced = [], []
    for i, claim in claims:
        start = text.find(claim.text)
        if start < 0:
            unplaced.append(claim_anchor(i))
        else:
            spans.append((start, start + len(claim.text), i, claim.kind))
    parts: list[Context] = []
    position = 0
    for start, end, i, kind in sorted(spans):
        if start < position:
            unplaced.append(claim_anchor(i))
            continue
        parts.append({"text": text[position:start], "claim": None})
        parts.append({"text": text[start:end], "claim": {"id": claim_anchor(i), "kind": kind}})
        position = end
    parts.append({"text": text[position:], "claim": None})
    return {"anchors": unplaced, "segments": [p for p in parts if p["text"]]}


def related_link(article: Article, other: Article, root: str) -> Context:
    """A related article, with the themes the two share."""
    mine = {h.id for h in article.themes}
    return {
        "title": other.title,
        "href": root + article_path(other.slug),
        "shared": [h.label for h in other.themes if h.id in mine],
    }


def jsonld(article: Article, base_url: str) -> Context:
    """schema.org Article metadata; URLs only where a base URL makes them absolute."""
    data: Context = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": shorten(article.title, HEADLINE_CHARS),
        "description": article.thesis,
        "wordCount": article.word_count,
        "author": [
            {"@type": "Person", "name": a.name} | _url(absolute(base_url, author_path(a.slug)))
            for a in article.authors
        ],
        "keywords": [h.label for h in article.themes],
    }
    if article.publisher:
        data["publisher"] = {"@type": "Organization", "name": article.publisher}
    if article.date:
        data["datePublished"] = article.date
    if article.source_url:
        data["isBasedOn"] = article.source_url
    return data | _url(absolute(base_url, article_path(article.slug)))


def _url(url: str) -> Context:
    return {"url": url} if url else {}

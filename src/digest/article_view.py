"""An article page's context: the body with its key claims marked, and the page's JSON-LD."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from .claims_view import claim_links
from .md import body_outline, render, render_block
from .models import EDITABLE_FIELDS, KIND_LABELS, Article, Claim, ClaimLink, ThemeHit
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
# Name endings that are not surnames, for sorting people by surname.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# A claim's kind as a tag beside it on a theme page.
KIND_NAMES = {
    "fact": "Fact",
    "assessment": "Assessment",
    "forecast": "Forecast",
    "recommendation": "Recommendation",
}
# Claims a card on a theme page shows before folding the rest: enough to see what the
# article argues on the theme, few enough that fifty cards stay a page a reader can scan.
CLAIMS_SHOWN = 2
# Words a reader reads a minute, for the reading time shown.
WORDS_PER_MINUTE = 230
# schema.org headlines longer than this are cut (what search engines show).
HEADLINE_CHARS = 110
# An article this long gets a table of contents: about three screens of text, where a
# reader starts to lose the page's sections.
TOC_WORDS = 600
# A teaser on a card of a profile or listing is cut to this many characters: a line or two.
TEASER_CHARS = 140
# Teasers a card of a profile or listing shows: enough to say what the page lists.
CARD_TEASERS = 3


def article_context(
    article: Article,
    related: Sequence[Article],
    root: str,
    remote_images: bool = False,
    linked: Mapping[str, Article] | None = None,
) -> Context:
    """Everything the article template shows, links relative to the article page; `linked`
    holds the articles its claims link to, by slug."""
    argued = article.argues
    context = {
        "title": headline(article),
        "edited": {field: field in article.overridden for field in EDITABLE_FIELDS},
        "date": date_context(article.date),
        "note": note_html(article.note, remote_images),
        "kind": KIND_LABELS[article.kind] if article.kind != "article" else "",
        "authors": [
            {"name": a.name, "href": root + author_path(a.slug), **bio_parts(a.name, a.bio)}
            for a in sorted(article.authors, key=lambda a: surname_key(a.name))
        ],
        "byline": [{"name": a.name, "href": root + author_path(a.slug)} for a in article.authors],
        "publisher": article.publisher or "",
        "source": article.source,
        "source_url": article.source_url or "",
        "word_count": article.word_count,
        "minutes": max(1, round(article.word_count / WORDS_PER_MINUTE)),
        "thesis": article.thesis if argued else "",
        "claim_groups": claim_groups(article.claims, linked or {}, root) if argued else [],
        "pieces": not argued,
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
    return context | {"toc": table_of_contents(context)}


def headline(article: Article) -> str:
    """What a page or card is headed with: the title, except for a profile or listing whose
    title was derived from its first teaser; it is headed by what it lists."""
    if article.argues or article.title_source != "derived":
        return article.title
    names = [a.name for a in article.authors]
    if article.kind == "profile" and names:
        return f"Pieces by {' and '.join(names)}"
    where = f" from {article.publisher}" if article.publisher else ""
    return f"A list of {len(article.paragraphs)} pieces{where}"


def card_summary(article: Article) -> Context:
    """What a card says under its headline, never the same sentence twice: the thesis, unless
    the headline was derived from it; for a profile or listing, its first teasers."""
    if not article.argues:
        teasers = article.paragraphs[:CARD_TEASERS]
        return {"thesis": "", "teasers": [shorten(t, TEASER_CHARS) for t in teasers]}
    if article.title_source == "derived":
        return {"title": article.thesis, "thesis": "", "teasers": []}
    return {"thesis": article.thesis, "teasers": []}


def bio_parts(name: str, bio: str) -> Context:
    """A bio to print after the person's linked name: a bio that opens with the name goes on
    from it ("Ann Lee is a fellow..."), any other follows a colon."""
    if not bio:
        return {"bio": ""}
    if bio.startswith(name):
        return {"bio": bio[len(name) :]}
    return {"bio": f": {bio}"}


def surname_key(name: str) -> tuple[str, str]:
    """Sort people by surname, then by the whole name ("Jr." and "III" are not surnames)."""
    words = [w for w in name.split() if w.rstrip(".,").lower() not in NAME_SUFFIXES]
    return ((words or [name])[-1].casefold(), name.casefold())


def table_of_contents(page: Context) -> list[Context]:
    """The sections of a long article page, in page order, for its table of contents."""
    if page["word_count"] < TOC_WORDS:
        return []
    sections = (
        ("thesis", "Thesis", page["thesis"]),
        ("claims", "Key claims", page["claim_groups"]),
        ("text", "Pieces" if page["pieces"] else "Text", True),
        ("themes", "Themes", page["themes"]),
        (
            "authors",
            "About the author" + ("s" if len(page["authors"]) > 1 else ""),
            page["authors"],
        ),
        ("quoted", "People quoted", page["quoted"]),
        ("related", "Related articles", page["related"]),
        ("removed", "Removed lines and source", True),
    )
    return [{"href": f"#{key}-heading", "label": label} for key, label, shown in sections if shown]


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
                "links_summary": links_summary(c.links),
            }
            for i, c in enumerate(claims)
            if c.kind == kind
        ]
        if members:
            groups.append({"kind": kind, "label": label, "claims": members})
    return groups


def theme_card(article: Article, hit: ThemeHit, root: str) -> Context:
    """What an article's card on a theme page says of the theme: its claims on the theme by
    kind, the first few shown and the rest folded, and the evidence that the article is on
    the theme; a sentence the card already shows (the thesis, a claim) is not said again."""
    order = {kind: n for n, (kind, _) in enumerate(CLAIM_KINDS)}
    on_theme = sorted(hit.claims, key=lambda i: (order[article.claims[i].kind], i))
    rows = [
        {
            "text": article.claims[i].text,
            "kind": KIND_NAMES[article.claims[i].kind],
            "href": f"{root}{article_path(article.slug)}#{claim_anchor(i)}",
        }
        for i in on_theme
        if article.argues and article.claims[i].text not in article.thesis
    ]
    said = {article.thesis, *(row["text"] for row in rows)}
    return {
        "claims": rows[:CLAIMS_SHOWN],
        "more_claims": rows[CLAIMS_SHOWN:],
        "evidence": [sentence for sentence in hit.evidence if sentence not in said],
        "edited": not hit.evidence,
    }


def links_summary(links: Sequence[ClaimLink]) -> str:
    """How a claim's links read folded: "2 other articles agree, 1 disagrees"."""
    agree = sum(link.relation == "agrees" for link in links)
    differ = len(links) - agree
    parts = [f"{agree} agree{'s' if agree == 1 else ''}"] if agree else []
    parts += [f"{differ} disagree{'s' if differ == 1 else ''}"] if differ else []
    other = "other article" if len(links) == 1 else "other articles"
    return f"{len(links)} {other}: " + ", ".join(parts)


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
    outline = body_outline(markdown)
    body: list[Context] = []
    for n, (text, source) in enumerate(zip(article.paragraphs, markdown, strict=True)):
        if source:
            marks = [(c.text, claim_anchor(i), f"claim claim-{c.kind}") for i, c in claims[n]]
            html = render_block(source, marks, outline, remote_images)
            body.append({"id": paragraph_anchor(n), "number": n + 1, "html": Markup(html)})
        else:
            body.append(
                {"id": paragraph_anchor(n), "number": n + 1, "html": None}
                | segments(text, claims[n])
            )
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

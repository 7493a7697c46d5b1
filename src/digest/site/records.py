"""The machine-readable outputs: `data/articles.json` (the data contract) and the build report."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from .. import GENERATOR
from ..build.cache import Memo
from ..build.keys import record_digest
from ..models.article import Article
from ..models.indexes import Site
from .urls import article_path


def compact_json(document: Any) -> str:
    """JSON with sorted keys, compact, not ASCII-escaped.

    Compact, because only then does Python use its C encoder: at 5,000 articles an indented
    articles.json took seconds to write.
    """
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def json_list(
    articles: Sequence[Article], kind: str, item: Callable[[Article], Any], memo: Memo
) -> list[bytes]:
    """`compact_json` of a list of one item per article in UTF-8, in pieces to write one
    after another (at 5,000 articles the whole is 70 MB); each item's JSON kept in the memo
    under its kind and the article's record. Joined, the same bytes as the whole list."""

    def serialised(article: Article) -> bytes:
        return compact_json(item(article)).encode()

    pieces = [b"["]
    for number, article in enumerate(articles):
        pieces += [b","] if number else []
        pieces.append(memo.get(f"{kind} {record_digest(article)}", partial(serialised, article)))
    return [*pieces, b"]"]


def article_record(article: Article) -> dict[str, Any]:
    """One article as the data contract (shared/spec/data-contract.md) spells it: one
    literal, field by field as the contract lists them, so it reads against the spec."""
    return {
        "slug": article.slug,
        "url": article_path(article.slug),
        "source": article.source,
        "kind": article.kind,
        "title": article.title,
        "title_source": article.title_source,
        "authors": [{"name": a.name, "slug": a.slug, "bio": a.bio} for a in article.authors],
        "publisher": article.publisher,
        "quoted": [
            {
                "name": q.name,
                "slug": q.slug,
                "affiliation": q.affiliation,
                "statements": list(q.statements),
            }
            for q in article.quoted
        ],
        "thesis": article.thesis,
        "claims": [
            {
                "text": c.text,
                "kind": c.kind,
                "paragraph": c.paragraph,
                "links": [
                    {"article": link.article, "claim": link.claim, "relation": link.relation}
                    for link in c.links
                ],
            }
            for c in article.claims
        ],
        "themes": [
            {"id": t.id, "label": t.label, "score": t.score, "evidence": list(t.evidence)}
            for t in article.themes
        ],
        "paragraphs": list(article.paragraphs),
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "word_count": article.word_count,
        "date": article.date,
        "date_source": article.date_source,
        "source_url": article.source_url,
        "note": article.note,
        "overridden": list(article.overridden),
        "related": list(article.related),
    }


def articles_json(site: Site, memo: Memo) -> tuple[bytes, ...]:
    """`data/articles.json` in pieces that, joined, are the same bytes as
    `to_json(articles_document(site))`, each article's record from the memo when an
    earlier build serialised the same record."""
    empty = '{"articles":[]'
    # Keys are sorted, so "articles" comes first: its empty list is where the records go.
    rest = compact_json({"articles": [], **site_document(site)})
    assert rest.startswith(empty)
    records = json_list(site.articles, "record", article_record, memo)
    return (b'{"articles":', *records, f"{rest[len(empty) :]}\n".encode())


def articles_document(site: Site) -> dict[str, Any]:
    """The whole `data/articles.json` document."""
    return {"articles": [article_record(a) for a in site.articles], **site_document(site)}


def site_document(site: Site) -> dict[str, Any]:
    """All of `data/articles.json` but the articles: themes, authors, people, topics."""
    return {
        "generator": GENERATOR,
        "themes": [
            {
                "id": e.theme.id,
                "label": e.theme.label,
                "description": e.theme.description,
                "articles": list(e.articles),
            }
            for e in site.themes
        ],
        "authors": [
            {"slug": a.slug, "name": a.name, "bio": a.bio, "articles": list(a.articles)}
            for a in site.authors
        ],
        "people": [
            {
                "slug": p.slug,
                "name": p.name,
                "variants": list(p.variants),
                "roles": list(p.roles),
                "wrote": list(p.wrote),
                "quoted_in": list(p.quoted_in),
            }
            for p in site.people
        ],
        "topics": [
            {"label": t.label, "phrases": list(t.phrases), "articles": list(t.articles)}
            for t in site.topics
        ],
    }


def report_document(site: Site) -> dict[str, Any]:
    """The build report as JSON: every file accounted for; no timings, so builds reproduce."""
    return {
        "generator": GENERATOR,
        "files_read": len(site.articles) + len(site.skipped),
        "articles": [{"source": a.source, "slug": a.slug} for a in site.articles],
        "skipped": [{"source": s.source, "reason": s.reason} for s in site.skipped],
        "warnings": [
            {"source": p.source, "line": p.line, "code": p.code, "message": p.message}
            for p in site.warnings
        ],
    }

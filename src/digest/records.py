"""The machine-readable outputs: `data/articles.json` (the data contract) and the build report."""

from __future__ import annotations

from typing import Any

from . import GENERATOR
from .models import Article, Site
from .urls import article_path


def article_record(article: Article) -> dict[str, Any]:
    """One article as the data contract (shared/spec/data-contract.md) spells it."""
    return {
        "slug": article.slug,
        "url": article_path(article.slug),
        "source": article.source,
        "kind": article.kind,
        "title": article.title,
        "title_source": article.title_source,
        "authors": [{"name": a.name, "slug": a.slug, "bio": a.bio} for a in article.authors],
        "publisher": article.publisher,
        "quoted": [{"name": q.name, "affiliation": q.affiliation} for q in article.quoted],
        "thesis": article.thesis,
        "claims": [
            {"text": c.text, "kind": c.kind, "paragraph": c.paragraph} for c in article.claims
        ],
        "themes": [
            {"id": t.id, "label": t.label, "score": t.score, "evidence": list(t.evidence)}
            for t in article.themes
        ],
        "paragraphs": list(article.paragraphs),
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "word_count": article.word_count,
        "date": article.date,
        "source_url": article.source_url,
        "note": article.note,
        "overridden": list(article.overridden),
        "related": list(article.related),
    }


def articles_document(site: Site) -> dict[str, Any]:
    """The whole `data/articles.json` document."""
    return {
        "generator": GENERATOR,
        "articles": [article_record(a) for a in site.articles],
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
        "quoted": [
            {
                "slug": e.slug,
                "name": e.name,
                "affiliation": e.affiliation,
                "articles": list(e.articles),
            }
            for e in site.experts
        ],
    }


def report_document(site: Site) -> dict[str, Any]:
    """The build report as JSON: every file accounted for; no timings, so builds reproduce."""
    return {
        "generator": GENERATOR,
        "files_read": len(site.articles) + len(site.skipped),
        "articles": [{"source": a.source, "slug": a.slug} for a in site.articles],
        "skipped": [{"source": s.source, "reason": s.reason} for s in site.skipped],
        "warnings": [{"source": src, "message": msg} for src, msg in site.warnings],
    }

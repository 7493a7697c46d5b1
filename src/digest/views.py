"""Ready-made data for the outputs: the `data/articles.json` record and the build report."""

from __future__ import annotations

from typing import Any

from . import GENERATOR
from .config import Config
from .models import Article, Site


def article_url(article: Article) -> str:
    """The article page's path relative to the site root."""
    return f"articles/{article.slug}/index.html"


def article_record(article: Article) -> dict[str, Any]:
    """One article as the data contract (shared/spec/data-contract.md) spells it."""
    return {
        "slug": article.slug,
        "url": article_url(article),
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
    }


def authors_index(site: Site) -> list[dict[str, Any]]:
    """Every author once, by slug, with the longest bio the texts give and their articles."""
    entries: dict[str, dict[str, Any]] = {}
    for article in site.articles:
        for author in article.authors:
            entry = entries.setdefault(
                author.slug, {"slug": author.slug, "name": author.name, "bio": "", "articles": []}
            )
            if len(author.bio) > len(entry["bio"]):
                entry["bio"] = author.bio
            entry["articles"].append(article.slug)
    return [entries[slug] for slug in sorted(entries)]


def themes_index(site: Site) -> list[dict[str, Any]]:
    """Every theme of the taxonomy, in its order, with the articles tagged with it."""
    return [
        {
            "id": theme.id,
            "label": theme.label,
            "description": theme.description,
            "articles": [a.slug for a in site.articles if any(h.id == theme.id for h in a.themes)],
        }
        for theme in site.taxonomy.themes
    ]


def articles_document(site: Site) -> dict[str, Any]:
    """The whole `data/articles.json` document."""
    return {
        "generator": GENERATOR,
        "articles": [article_record(a) for a in site.articles],
        "themes": themes_index(site),
        "authors": authors_index(site),
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


def site_context(config: Config) -> dict[str, str]:
    """What every page shows of the digest itself."""
    return {"title": config.title, "description": config.description, "generator": GENERATOR}


def index_context(site: Site, config: Config) -> dict[str, Any]:
    """The home page: counts and a card per article."""
    return {
        "site": site_context(config),
        "root": "",
        "counts": {"articles": len(site.articles), "authors": len(authors_index(site))},
        "cards": [
            {
                "title": a.title,
                "kind": a.kind,
                "authors": [author.name for author in a.authors],
                "publisher": a.publisher,
                "thesis": a.thesis,
                "source": a.source,
            }
            for a in site.articles
        ],
    }

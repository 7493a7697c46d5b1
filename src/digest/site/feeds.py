"""The Atom feed, the sitemap and robots.txt: absolute URLs when a base URL is configured."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import Any

from .. import GENERATOR
from ..config import Config
from ..models.article import Article
from ..models.indexes import Site
from ..text import make_slug
from .urls import FEED, HOME, NOT_FOUND, SITEMAP, absolute, article_path, pretty


def build_date(site: Site) -> str:
    """The date a feed shows as its update: the newest article date, else SOURCE_DATE_EPOCH.

    Never the clock, so two builds of the same input give the same bytes.
    """
    dates = [a.date for a in site.articles if a.date]
    if dates:
        return _midnight(max(dates))
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def _midnight(date: str) -> str:
    """An ISO date as the Atom timestamp of its first second, in UTC."""
    return f"{date}T00:00:00Z"


def feed_context(site: Site, config: Config) -> dict[str, Any]:
    """The Atom feed: the newest `feed_items` articles in site order (newest first), each
    with its thesis as the summary. A feed reader keeps what it has seen, so older entries
    only make every poll of a large digest's feed longer."""
    updated = build_date(site)
    home = absolute(config.base_url, HOME)
    return {
        "title": config.title,
        "subtitle": config.description,
        "id": home or f"urn:digest:{make_slug(config.title)}",
        "updated": updated,
        "self_href": absolute(config.base_url, FEED) or FEED,
        "home_href": home or HOME,
        "generator": GENERATOR,
        "entries": [
            feed_entry(a, config.base_url, updated) for a in site.articles[: config.feed_items]
        ],
    }


def feed_entry(article: Article, base_url: str, updated: str) -> dict[str, Any]:
    """One article in the feed; without a base URL its link is relative to the feed."""
    url = absolute(base_url, article_path(article.slug))
    return {
        "title": article.title,
        "id": url or f"urn:digest:article:{article.slug}",
        "href": url or article_path(article.slug),
        "updated": _midnight(article.date) if article.date else updated,
        "authors": [author.name for author in article.authors],
        "summary": article.thesis,
        "categories": [{"term": h.id, "label": h.label} for h in article.themes],
    }


def sitemap_context(paths: Sequence[str], config: Config) -> dict[str, Any]:
    """Every HTML page but the 404 page, once, in path order."""
    pages = sorted(p for p in paths if p.endswith(".html") and p != NOT_FOUND)
    return {"urls": [absolute(config.base_url, p) or pretty(p) or "./" for p in pages]}


def robots_txt(config: Config) -> str:
    """Allow everything; name the sitemap where its URL is known."""
    sitemap = absolute(config.base_url, SITEMAP)
    return "User-agent: *\nAllow: /\n" + (f"Sitemap: {sitemap}\n" if sitemap else "")

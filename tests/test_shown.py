"""What a page shows of an article (views.shown), of which its key is made, changes whenever
the view it stands for does: else an edit would leave a stale page in the output. Each
field of real records is changed in turn, nested records' fields too."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass, replace
from typing import Any

import pytest

from digest.build.pipeline import analyse
from digest.config import Config
from digest.models.article import Article
from digest.site.views.article import related_link
from digest.site.views.cards import card, theme_card
from digest.site.views.claims import claim_ref
from digest.site.views.links import article_link
from digest.site.views.shown import (
    as_card,
    as_claimed,
    as_link,
    as_linking,
    as_related,
    as_theme_card,
)

from conftest import ROOT


def changed(value: Any) -> Iterator[Any]:
    """Values like `value` with one thing changed: a field of a record, an item of a tuple,
    a text, a number, a flag."""
    if is_dataclass(value) and not isinstance(value, type):
        for field in fields(value):
            for other in changed(getattr(value, field.name)):
                yield replace(value, **{field.name: other})  # type: ignore[misc]
    elif isinstance(value, tuple):
        yield value[1:] if value else ()
        for i, item in enumerate(value[:3]):
            for other in changed(item):
                yield (*value[:i], other, *value[i + 1 :])
    elif isinstance(value, bool):
        yield not value
    elif isinstance(value, str):
        yield value + " changed"
        yield {"article": "profile", "profile": "listing", "listing": "article"}.get(value, "x")
    elif isinstance(value, int | float):
        yield value + 1
    elif value is None:
        yield "2024-01-02"


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    out = tmp_path_factory.mktemp("shown")
    site = analyse(Config(seeds=ROOT / "seeds", out=out / "site", cache_dir=None, search=False))
    return list(site.articles)


# Each way a page shows another article, beside the view it stands for, made on the page
# of an article `own` (related_link).
WAYS: list[tuple[Callable[[Article], str], Callable[[Article, Article], Any]]] = [
    (as_card, lambda own, a: card(a, "", False)),
    (as_link, lambda own, a: article_link(a, "")),
    (as_related, lambda own, a: related_link(own, a, "")),
    (as_claimed, lambda own, a: [claim_ref(a, i, "") for i in range(len(a.claims))]),
    (as_linking, lambda own, a: [c.links for c in a.claims]),
]


def variants(article: Article) -> Iterator[Article]:
    """The article with one field changed, those the view code could not take skipped."""
    for other in changed(article):
        if isinstance(other, Article) and other.kind in ("article", "profile", "listing"):
            yield other


@pytest.mark.parametrize("way,view", WAYS, ids=[way.__name__ for way, _ in WAYS])
def test_what_a_page_shows_changes_when_the_view_does(
    articles: list[Article],
    way: Callable[[Article], str],
    view: Callable[[Article, Article], Any],
) -> None:
    tried = 0
    for own, article in zip(articles[-1:] + articles[:-1], articles, strict=True):
        for other in variants(article):
            try:
                different = view(own, other) != view(own, article)
            except (IndexError, KeyError):  # a theme hit naming a claim the article lacks
                continue
            tried += 1
            if different:
                assert way(other) != way(article), (way.__name__, other)
    assert tried > 100


def test_a_theme_card_is_shown_again_when_it_changes(articles: list[Article]) -> None:
    tried = 0
    for article in articles:
        for hit in article.themes:
            for other in variants(article):
                mine = next((h for h in other.themes if h.id == hit.id), hit)
                try:
                    different = theme_card(other, mine, "", False) != theme_card(
                        article, hit, "", False
                    )
                except (IndexError, KeyError):
                    continue
                tried += 1
                if different:
                    assert as_theme_card(other, mine) != as_theme_card(article, hit)
    assert tried > 100


def test_the_seeds_have_what_the_ways_show(articles: list[Article]) -> None:
    # the test above proves little unless the records have claims, themes, authors, notes
    assert any(a.claims for a in articles) and any(a.themes for a in articles)
    assert any(a.authors for a in articles) and any(h.claims for a in articles for h in a.themes)

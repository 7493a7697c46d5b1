"""The built site: pages, links, feed, sitemap and metadata, on the seeds and on hostile input."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser
import pytest
from markupsafe import escape

from digest.build.pipeline import build
from digest.config import Config
from digest.errors import DigestError

from conftest import ROOT
from scoring import SEED_GOLD, load_gold
from sitecheck import SITEMAP_NS, broken_links, html_pages, page_facts

CARD_LINK = re.compile(r'<h3 class="card-title"><a href="(?:[^"]*/)?articles/([^/"]*)/index.html">')


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_page_type_is_built(seed_site: Path, seed_document: dict[str, Any]) -> None:
    expected = ["index.html", "404.html", "themes/index.html", "authors/index.html"]
    expected += [a["url"] for a in seed_document["articles"]]
    expected += [f"themes/{t['id']}/index.html" for t in seed_document["themes"]]
    expected += [f"authors/{a['slug']}/index.html" for a in seed_document["authors"]]
    expected += ["feed.xml", "sitemap.xml", "robots.txt", ".nojekyll", "static/favicon.svg"]
    missing = [path for path in expected if not (seed_site / path).is_file()]
    assert not missing


def test_every_page_has_lang_title_description_one_h1_and_ordered_headings(
    seed_site: Path,
) -> None:
    for page in html_pages(seed_site):
        facts = page_facts(page)
        name = page.relative_to(seed_site)
        assert facts.lang == "en", name
        assert facts.title.strip(), name
        assert facts.meta.get("description"), name
        assert facts.meta.get("og:title"), name
        assert facts.headings.count(1) == 1 and facts.headings[0] == 1, name
        jumps = [b - a for a, b in zip(facts.headings, facts.headings[1:], strict=False)]
        assert all(step <= 1 for step in jumps), (name, facts.headings)
        assert "skip" in read(seed_site, str(name)) and 'id="main"' in read(seed_site, str(name))


def test_home_page_shows_counts_themes_and_a_card_per_article(
    seed_site: Path, seed_document: dict[str, Any]
) -> None:
    home = read(seed_site, "index.html")
    articles = seed_document["articles"]
    assert f"{len(articles)} articles by {len(seed_document['authors'])} authors" in home
    for record in articles:
        assert f'href="{record["url"]}"' in home
        for author in record["authors"]:
            assert f'href="authors/{author["slug"]}/index.html"' in home
    used = [t for t in seed_document["themes"] if t["articles"]]
    for theme in used:
        assert f'href="themes/{theme["id"]}/index.html"' in home


def test_article_page_links_each_claim_to_its_highlighted_sentence(
    seed_site: Path, seed_document: dict[str, Any]
) -> None:
    for record in (r for r in seed_document["articles"] if r["kind"] == "article"):
        page = read(seed_site, record["url"])
        for n, claim in enumerate(record["claims"], start=1):
            assert f'href="#claim-{n}"' in page
            mark = re.search(rf'<mark id="claim-{n}" class="claim claim-(\w+)">(.*?)</mark>', page)
            assert mark is not None, (record["slug"], n)
            assert mark.group(1) == claim["kind"]


def test_a_profile_page_lists_its_pieces_without_a_thesis_or_claims_drawn_across_them(
    seed_site: Path, seed_document: dict[str, Any]
) -> None:
    profile = next(r for r in seed_document["articles"] if r["kind"] == "profile")
    page = read(seed_site, profile["url"])
    pieces = page.split('<ol class="pieces">')[1].split("</ol>")[0]
    assert pieces.count("<li ") == len(profile["paragraphs"])
    assert "Key claims" not in page and 'id="thesis-heading"' not in page
    assert "<mark" not in page
    author = profile["authors"][0]
    assert f"<h1>Pieces by {escape(author['name'])}</h1>" in page
    assert page.index('id="authors-heading"') < page.index('<ol class="pieces">')


def test_no_card_says_the_same_sentence_twice(
    seed_site: Path, seed_document: dict[str, Any]
) -> None:
    home = read(seed_site, "index.html")
    cards = home.split('<article class="card">')[1:]
    assert len(cards) == len(seed_document["articles"])
    for theme in seed_document["themes"]:
        page = read(seed_site, f"themes/{theme['id']}/index.html")
        cards += page.split('<article class="thesis-card">')[1:]
    for card in cards:
        text = re.sub(r"<[^>]+>", "\n", card.split("</article>")[0])
        sentences = [line.strip().rstrip(".") for line in text.split("\n") if len(line) > 30]
        assert len(sentences) == len(set(sentences)), sentences


def test_article_page_shows_what_was_extracted_and_what_was_removed(
    seed_site: Path, seed_document: dict[str, Any]
) -> None:
    for record in seed_document["articles"]:
        page = read(seed_site, record["url"])
        assert escape(record["thesis"]) in page
        assert record["source"] in page
        for theme in record["themes"]:
            assert f"../../themes/{theme['id']}/index.html" in page
        for person in record["quoted"]:
            assert escape(person["name"]) in page
        removed = page.split('<details class="removed">')[1]
        body = page.split('<section class="body"')[1].split("</section>")[0]
        for line in record["removed"]:
            assert escape(line["text"]) in removed
            assert f"<td>{escape(line['reason'])}</td>" in removed
        for line in record["removed"]:
            if len(line["text"]) > 20 and line["reason"] not in ("title", "duplicate"):
                assert escape(line["text"]) not in body, line


def test_article_page_carries_schema_org_metadata(
    seed_site: Path, seed_document: dict[str, Any]
) -> None:
    for record in seed_document["articles"]:
        (script,) = [s for s in page_facts(seed_site / record["url"]).scripts if s.strip()]
        data = json.loads(script)
        assert data["@type"] == "Article"
        assert [a["name"] for a in data["author"]] == [a["name"] for a in record["authors"]]
        if record["publisher"]:
            assert data["publisher"]["name"] == record["publisher"]
        else:
            assert "publisher" not in data


def test_theme_pages_list_exactly_the_tagged_articles(
    seed_site: Path, seed_records: dict[str, dict[str, Any]]
) -> None:
    for expected in load_gold(SEED_GOLD):
        record = seed_records[expected["file"]]
        link = f'href="../../{record["url"]}"'
        for theme in expected["themes"]:
            assert link in read(seed_site, f"themes/{theme}/index.html"), theme
        for theme in expected["not_themes"]:
            assert link not in read(seed_site, f"themes/{theme}/index.html"), theme


def test_theme_page_shows_scores_evidence_theses_and_claims(
    seed_site: Path, seed_document: dict[str, Any]
) -> None:
    page = read(seed_site, "themes/negotiations/index.html")
    tagged = [
        (record, hit)
        for record in seed_document["articles"]
        for hit in record["themes"]
        if hit["id"] == "negotiations"
    ]
    assert tagged
    for record, hit in tagged:
        assert f"{hit['score']:.2f}" in page
        assert escape(hit["evidence"][0]) in page
        assert escape(record["thesis"]) in page
    assert "#claim-" in page


def test_author_pages_show_bio_and_articles(seed_site: Path, seed_document: dict[str, Any]) -> None:
    for author in seed_document["authors"]:
        page = read(seed_site, f"authors/{author['slug']}/index.html")
        assert escape(author["bio"]) in page
        for slug in author["articles"]:
            assert f"articles/{slug}/index.html" in page


def test_one_person_page_holds_what_two_articles_report_under_two_spellings(
    seed_site: Path, seed_document: dict[str, Any]
) -> None:
    """Seeds spell the Ukrainian president "Zelenskiy" and "Zelensky": one page has both."""
    quoting = {
        (r["slug"], q["name"], q["slug"], s)
        for r in seed_document["articles"]
        for q in r["quoted"]
        if q["name"].startswith("Volodymyr Zelensk")
        for s in q["statements"]
    }
    assert len({name for _, name, _, _ in quoting}) == 2
    assert len({slug for _, _, slug, _ in quoting}) == 1
    slug = next(iter(quoting))[2]
    page = read(seed_site, f"people/{slug}/index.html")
    for article, _, _, statement in quoting:
        assert escape(statement) in page
        assert f"articles/{article}/index.html#p-" in page
    person = next(p for p in seed_document["people"] if p["slug"] == slug)
    assert len(person["quoted_in"]) == 2 and person["variants"]


def test_people_index_lists_authors_and_quoted_people_and_articles_link_to_them(
    seed_site: Path, seed_document: dict[str, Any]
) -> None:
    index = read(seed_site, "people/index.html")
    named = {a["slug"] for r in seed_document["articles"] for a in r["authors"] + r["quoted"]}
    assert named and named == {p["slug"] for p in seed_document["people"]}
    for slug in named:
        assert f"{slug}/index.html" in index
    record = next(r for r in seed_document["articles"] if r["quoted"])
    page = read(seed_site, f"articles/{record['slug']}/index.html")
    assert f"people/{record['quoted'][0]['slug']}/index.html" in page


def test_base_url_makes_canonical_links_feed_and_sitemap_absolute(
    published_site: Path, seed_document: dict[str, Any]
) -> None:
    site = published_site
    slug = seed_document["articles"][0]["slug"]
    article = read(site, f"articles/{slug}/index.html")
    assert f'rel="canonical" href="https://example.org/digest/articles/{slug}/"' in article
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    urls = [u.text for u in sitemap.iter(f"{{{SITEMAP_NS}}}loc")]
    assert urls and all(u.startswith("https://example.org/digest/") for u in urls)
    feed = feedparser.parse(read(site, "feed.xml"))
    assert all(e.link.startswith("https://example.org/digest/articles/") for e in feed.entries)
    assert "Sitemap: https://example.org/digest/sitemap.xml" in read(site, "robots.txt")
    not_found = read(site, "404.html")
    assert 'href="/digest/static/style.css"' in not_found
    assert broken_links(site) == []


HOSTILE = """By Mallory <script>alert('byline')</script>

<script>alert("title")</script> & friends

The war will end when diplomats negotiate <img src=x onerror=alert(1)> a ceasefire deal. \
Negotiations between Kyiv and Moscow are stalled, and talks on a ceasefire need a mediator.

Leaders should open peace talks now, as a negotiated settlement is the only way out.

Mallory Evil is a senior fellow at the <b>Institute</b> and writes on javascript:alert(1) ideas.
"""


def test_markup_in_a_seed_is_shown_as_text_everywhere(
    config_for: Callable[..., Config], tmp_path: Path
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    config = config_for()
    build(config)
    outputs = [*html_pages(config.out), config.out / "feed.xml"]
    for path in outputs:
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text, path
        assert "<img src=x" not in text, path
        assert "<b>Institute" not in text, path
        assert 'href="javascript:' not in text, path
    article = next(p for p in html_pages(config.out) if "/articles/" in p.as_posix())
    assert "&lt;script&gt;" in article.read_text(encoding="utf-8")
    assert not feedparser.parse(read(config.out, "feed.xml")).bozo


def test_templates_dir_overrides_shipped_templates_by_name(
    config_for: Callable[..., Config], tmp_path: Path
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "404.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Lost, sorry</h1>{% endblock %}'
    )
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "style.css").write_text("body { color: teal; }")
    config = config_for(seeds=ROOT / "seeds", templates_dir=mine, static_dir=tmp_path / "extra")
    build(config)
    assert "Lost, sorry" in read(config.out, "404.html")
    assert "Skip to content" in read(config.out, "404.html")  # still the shipped base.html
    assert read(config.out, "static/style.css") == "body { color: teal; }"
    assert (config.out / "static" / "favicon.svg").is_file()


def test_a_broken_template_names_file_and_line_and_keeps_the_old_site(
    config_for: Callable[..., Config], tmp_path: Path
) -> None:
    config = config_for(seeds=ROOT / "seeds")
    build(config)
    before = {p: p.read_bytes() for p in config.out.rglob("*") if p.is_file()}
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "theme.html").write_text('{% extends "base.html" %}\n{% block main %}\n{{ nope.x }}\n')
    with pytest.raises(DigestError, match=r"theme\.html:3"):
        build(config_for(seeds=ROOT / "seeds", templates_dir=mine))
    (mine / "theme.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n{{ no_such_name }}\n{% endblock %}\n'
    )
    with pytest.raises(DigestError, match=r"theme\.html:3: 'no_such_name' is undefined"):
        build(config_for(seeds=ROOT / "seeds", templates_dir=mine))
    after = {p: p.read_bytes() for p in config.out.rglob("*") if p.is_file()}
    assert after == before


def test_an_empty_seeds_folder_builds_a_site_that_says_so(
    config_for: Callable[..., Config], tmp_path: Path
) -> None:
    (tmp_path / "seeds").mkdir()
    config = config_for()
    build(config)
    assert "No articles yet" in read(config.out, "index.html")
    assert broken_links(config.out) == []
    assert not feedparser.parse(read(config.out, "feed.xml")).bozo


def test_search_page_offers_a_filter_per_facet_and_every_page_a_search_box(
    seed_site: Path, seed_document: dict[str, Any]
) -> None:
    page = read(seed_site, "search/index.html")
    for name in ("theme", "author", "publisher", "kind"):
        assert f'<select id="filter-{name}" name="{name}">' in page
    for author in seed_document["authors"]:
        assert f"<option>{escape(author['name'])}</option>" in page
    for path in html_pages(seed_site):
        assert 'role="search"' in path.read_text(encoding="utf-8"), path


def test_search_indexes_are_built(seed_site: Path, seed_document: dict[str, Any]) -> None:
    fallback = read(seed_site, "search/index.js")
    assert fallback.startswith("window.DIGEST_SEARCH = [")
    data = json.loads(fallback.removeprefix("window.DIGEST_SEARCH = ").rstrip().rstrip(";"))
    assert [d["title"] for d in data] == [a["title"] for a in seed_document["articles"]]
    entry = json.loads(read(seed_site, "pagefind/pagefind-entry.json"))
    assert entry["languages"]["en"]["page_count"] == len(seed_document["articles"])
    assert (seed_site / "pagefind" / "pagefind.js").is_file()


def test_article_pages_mark_what_pagefind_indexes_and_filters(
    seed_site: Path, seed_document: dict[str, Any]
) -> None:
    record = next(r for r in seed_document["articles"] if r["publisher"] and r["themes"])
    page = read(seed_site, record["url"])
    body = page.split('<article class="article" data-pagefind-body>')[1].split("</article>")[0]
    for theme in record["themes"]:
        assert f'data-pagefind-filter="theme">{escape(theme["label"])}</a>' in body
    for author in record["authors"]:
        assert f'data-pagefind-filter="author">{escape(author["name"])}</a>' in body
    assert f'data-pagefind-filter="publisher">{escape(record["publisher"])}<' in body
    assert 'data-pagefind-meta="thesis"' in body
    assert '<details class="removed">' not in body and '<aside class="related"' not in body


def assert_split_into_linked_pages(site: Path, paths: list[str], slugs: list[str]) -> None:
    """The pages list a card of these articles once each, in order, each page saying which
    it is and linking to the page before and after it."""
    listed = []
    for number, path in enumerate(paths, start=1):
        page = read(site, path)
        listed += CARD_LINK.findall(page)
        assert f"Page {number} of {len(paths)}" in page
        older = 'rel="next"' in page
        assert ('rel="prev"' in page) == (number > 1) and older == (number < len(paths))
    assert listed == slugs
    for path in paths[1:]:
        assert f"https://example.org/{path.removesuffix('index.html')}" in read(site, "sitemap.xml")
    assert broken_links(site) == []


def test_a_long_theme_is_split_into_linked_pages_that_list_each_article_once(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    build(Config(seeds=ROOT / "seeds", out=site, per_page=2, base_url="https://example.org/"))
    document = json.loads(read(site, "data/articles.json"))
    theme = max(document["themes"], key=lambda t: len(t["articles"]))
    count = (len(theme["articles"]) + 1) // 2
    assert count >= 2
    paths = [f"themes/{theme['id']}/index.html"]
    paths += [f"themes/{theme['id']}/page/{n}/index.html" for n in range(2, count + 1)]
    assert_split_into_linked_pages(site, paths, theme["articles"])
    assert "(page 2 of" in page_facts(site / paths[1]).title


def test_the_home_page_lists_the_articles_newest_first_over_linked_pages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(Config(seeds=ROOT / "seeds", out=site, per_page=2, base_url="https://example.org/"))
    slugs = [a["slug"] for a in json.loads(read(site, "data/articles.json"))["articles"]]
    paths = ["index.html", "page/2/index.html", "page/3/index.html"]
    assert len(slugs) == 5
    assert_split_into_linked_pages(site, paths, slugs)
    assert "Articles, page 2 of 3" in page_facts(site / paths[1]).title
    assert 'href="../../themes/' in read(site, paths[1])  # links from the deeper page work


def test_the_feed_holds_the_newest_feed_items_articles(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(Config(seeds=ROOT / "seeds", out=site, feed_items=2, base_url="https://example.org/"))
    newest = [a["url"] for a in json.loads(read(site, "data/articles.json"))["articles"]][:2]
    feed = feedparser.parse(read(site, "feed.xml"))
    links = [f"https://example.org/{url.removesuffix('index.html')}" for url in newest]
    assert [e.link for e in feed.entries] == links


def crafted_article(title: str, author: str, verdict: str) -> str:
    """A short report on ceasefire negotiations whose claims include `verdict`."""
    return f"""{title}

By {author}

{verdict} Negotiators met in Geneva on Monday for a third round of ceasefire talks.
Both delegations said the negotiations on prisoner exchanges had made progress.
The mediators proposed a monitoring mission of 400 observers along the front line.
A final settlement remains distant, and the talks could collapse over territory.
"""


def test_claims_that_agree_and_conflict_are_linked_on_article_and_theme_pages(
    config_for: Callable[..., Config], tmp_path: Path
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    holds = "The ceasefire will hold through the winter despite repeated violations."
    fails = "The ceasefire will not hold through the winter despite repeated violations."
    for name, author, verdict in [
        ("a", "Jan Novak", holds),
        ("b", "Petra Berg", holds),
        ("c", "Anna Kowalski", fails),
    ]:
        text = crafted_article(f"Geneva talks, view {name}", author, verdict)
        (seeds / f"{name}.txt").write_text(text, encoding="utf-8")
    config = config_for()
    build(config)
    document = json.loads(read(config.out, "data/articles.json"))
    by_source = {r["source"]: r for r in document["articles"]}
    verdict_links = {
        source: {
            (link["article"], link["relation"])
            for c in record["claims"]
            for link in c["links"]
            if c["text"] in (holds, fails)
        }
        for source, record in by_source.items()
    }
    slug = {source: record["slug"] for source, record in by_source.items()}
    assert verdict_links["a.txt"] == {(slug["b.txt"], "agrees"), (slug["c.txt"], "conflicts")}
    assert verdict_links["c.txt"] == {(slug["a.txt"], "conflicts"), (slug["b.txt"], "conflicts")}
    page = read(config.out, f"articles/{slug['c.txt']}/index.html")
    assert "Conflicts with" in page and f"articles/{slug['a.txt']}/index.html#claim-" in page
    theme = next(t for t in document["themes"] if slug["a.txt"] in t["articles"])
    theme_page = read(config.out, f"themes/{theme['id']}/index.html")
    assert "Where they agree" in theme_page and "Where they differ" in theme_page


def test_authors_are_listed_by_surname_and_bios_do_not_repeat_the_name(
    seed_site: Path, seed_document: dict[str, Any]
) -> None:
    index = read(seed_site, "authors/index.html")
    names = [a["name"] for r in seed_document["articles"] for a in r["authors"]]
    listed = sorted(set(names), key=lambda name: index.index(f">{escape(name)}</a>"))
    assert [n.split()[-1] for n in listed] == sorted(n.split()[-1] for n in listed)
    for record in seed_document["articles"]:
        page = read(seed_site, record["url"])
        for author in record["authors"]:
            name = escape(author["name"])
            assert f"{name}: {name}" not in page
            if author["bio"].startswith(author["name"]):
                assert f"{name}</a>{escape(author['bio'][len(author['name']) :])}" in page

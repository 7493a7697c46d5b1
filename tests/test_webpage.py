"""Saved web pages as input: the article's text without the page's menus, banners and
footers; its title, authors, date and publisher from the page's metadata; and nothing of the
page's code on the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, Built, build_with
from sitecheck import active_content, html_pages, inline_scripts

WEB = FIXTURES / "web"
PAGES = ("harbour-review.html", "northern-policy.htm", "saved-page.txt")


def web_files(*names: str) -> dict[str, str]:
    return {name: (WEB / name).read_text(encoding="utf-8") for name in names}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_with(tmp_path_factory.mktemp("web"), web_files(*PAGES), seeds=False)


@pytest.mark.parametrize(
    ("name", "title", "authors", "date", "publisher"),
    [
        (
            "harbour-review.html",  # <meta name="author">, og:site_name, published_time
            "Grain ships wait as insurers weigh the Black Sea corridor",
            ["Dana Whitfield"],
            "2025-03-14",
            "Harbour Review",
        ),
        (
            "northern-policy.htm",  # JSON-LD only: two authors, the publisher, the date
            "Sanctions bite slowly, but they bite",
            ["Omar Lindqvist", "Ruth Abara"],
            "2024-11-02",
            "Northern Policy Institute",
        ),
        (
            "saved-page.txt",  # a page saved under a .txt name
            "Ukraine's power grid braces for another winter",
            ["Kateryna Bondar"],
            "2025-10-06",
            "Eastern Energy Monitor",
        ),
    ],
)
def test_a_page_gives_its_article_the_title_authors_date_and_publisher_it_declares(
    pages: Built, name: str, title: str, authors: list[str], date: str, publisher: str
) -> None:
    record = pages.records[name]
    assert record["title"] == title
    assert [a["name"] for a in record["authors"]] == authors
    assert record["date"] == date
    assert record["publisher"] == publisher
    assert (record["title_source"], record["date_source"]) == ("page-metadata", "page-metadata")
    assert record["overridden"] == []  # given by the page, not set by an editor
    page = pages.page(name)
    assert f"<h1>{title}".replace("'", "&#39;") in page and 'class="edited"' not in page
    codes = [problem.code for problem in pages.warnings if problem.source == name]
    assert "no-author" not in codes and "no-title" not in codes


def test_the_canonical_url_is_the_original(pages: Built) -> None:
    record = pages.records["harbour-review.html"]
    url = "https://www.harbour-review.example/shipping/2025/03/14/grain-ships-wait"
    assert record["source_url"] == url
    assert f'href="{url}"' in pages.page("harbour-review.html")


@pytest.mark.parametrize(
    ("name", "first", "furniture"),
    [
        (
            "harbour-review.html",
            "Ports near Odesa handled fewer ships in February",
            [
                "Accept all cookies",
                "Marine Insurance",
                "Subscribe from £1 a week",
                "Share on X",
                "Sign up for the Morning Manifest",
                "Odesa terminal reopens after drone strike",
                "Harbour Review Media Ltd",
                "Privacy policy",
            ],
        ),
        (
            "northern-policy.htm",
            "Sanctions on Russian oil exports reduced",
            [
                "Skip to main content",
                "Energy security after the war",
                "Support our work",
                "Get our research in your inbox",
                "Europe's gas storage before the winter",
                "Storgata 1",
                "Accessibility statement",
            ],
        ),
        (
            "saved-page.txt",
            "Ukraine enters the winter with about two thirds",
            ["Front page", "This site uses cookies", "Advertise with us"],
        ),
    ],
)
def test_menus_banners_and_footers_stay_out_of_the_article(
    pages: Built, name: str, first: str, furniture: list[str]
) -> None:
    record = pages.records[name]
    body = "\n".join(record["paragraphs"])
    assert body.startswith(first) or f"\n{first}" in body
    page = pages.page(name)
    assert [text for text in furniture if text in body or text in page] == []


def test_html_saved_as_text_is_read_as_a_page_and_said_to_be(pages: Built) -> None:
    assert "saved-page.txt: HTML in a text file: read as a web page" in map(str, pages.warnings)


def test_an_editor_overrides_what_the_page_declares(tmp_path: Path) -> None:
    overrides = "harbour-review.html:\n  title: Insurers hold the key to the corridor\n"
    built = build_with(
        tmp_path, {**web_files("harbour-review.html"), "overrides.yaml": overrides}, seeds=False
    )
    record = built.records["harbour-review.html"]
    assert (record["title"], record["title_source"]) == (
        "Insurers hold the key to the corridor",
        "override",
    )
    assert (record["date"], record["date_source"]) == ("2025-03-14", "page-metadata")
    assert record["overridden"] == ["title"]


def test_nothing_of_a_hostile_page_can_run_on_the_site(tmp_path: Path) -> None:
    built = build_with(tmp_path, web_files("hostile.html"), seeds=False)
    record = built.records["hostile.html"]
    assert record["paragraphs"][0].startswith("Negotiators from Kyiv and Moscow left Istanbul")
    # what the page runs, embeds or loads is dropped whole ...
    leaked = [
        path.relative_to(built.out).as_posix()
        for path in built.out.rglob("*")
        if path.is_file() and b"HOSTILE-" in path.read_bytes()
    ]
    assert leaked == []
    # ... and what it declares as text (a title with a tag in it) is shown as text
    assert "&lt;img src=x onerror=alert(" in built.page("hostile.html")
    # ... and no page runs code but what the templates write on every site (the 404 page's)
    clean = build_with(tmp_path / "clean", {}, seeds=True)
    own = frozenset().union(*(inline_scripts(page) for page in html_pages(clean.out)))
    runnable = {
        page.relative_to(built.out).as_posix(): found
        for page in html_pages(built.out)
        if (found := active_content(page, own))
    }
    assert runnable == {}

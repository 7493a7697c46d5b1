"""The seed site in real Chromium (Debian's, driven by Playwright): from disk and under /digest/.

Skipped when Playwright or /usr/bin/chromium is missing, unless DIGEST_REQUIRE_TOOLS is
set, as `.ci/run` does, so that CI can never pass by skipping them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import digest.site.search
from digest.build.pipeline import build
from digest.config import Config
from digest.preview_server import site_server

from conftest import REQUIRE_TOOLS, ROOT, load_generator, serving_copy
from sitecheck import most_quoted

try:
    from playwright.sync_api import Browser, Page
except ImportError:
    if REQUIRE_TOOLS:
        raise
    pytest.skip("playwright is not installed", allow_module_level=True)

PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def served(seed_site: Path) -> Iterator[str]:
    """The seed site over HTTP under a sub-path, as on a GitHub Pages project site."""
    with site_server(seed_site, "/digest/", port=0) as url:
        yield url


def is_external(url: str) -> bool:
    """A request that leaves the machine: the site must work offline."""
    parts = urlsplit(url)
    return parts.scheme not in ("file", "data") and parts.hostname != "127.0.0.1"


def watch(page: Page) -> list[str]:
    """Record every console error, script error, failed or external request on the page."""
    problems: list[str] = []

    def on_response(response: Any) -> None:
        if response.status >= 400:
            problems.append(f"{response.status}: {response.url}")

    def on_request(request: Any) -> None:
        if is_external(request.url):
            problems.append(f"external request: {request.url}")

    def on_console(message: Any) -> None:
        if message.type == "error":
            problems.append(f"console error: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))

    def on_failed(request: Any) -> None:
        # ERR_ABORTED is a request cut short because the test navigated on (a favicon still
        # loading); a missing file is a 404 response, or ERR_FILE_NOT_FOUND from disk.
        if request.failure != "net::ERR_ABORTED":
            problems.append(f"failed: {request.url} ({request.failure})")

    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    page.on("request", on_request)
    return problems


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    yield context.new_page()
    context.close()


def follow(page: Page, selector: str) -> None:
    """Click the first link the selector finds and wait until the new page has loaded."""
    with page.expect_navigation(wait_until="load"):
        page.locator(selector).first.click()


def click_through(page: Page, home: str) -> None:
    """Home -> a theme -> an article -> its author, back to home; then the people, a
    person, the themes and the subjects no theme covers."""
    page.goto(home)
    site_title = page.locator("h1").inner_text()
    follow(page, ".chips a")
    assert "/themes/" in page.url and page.locator("h1").inner_text()
    follow(page, ".card-title a")
    assert "/articles/" in page.url and page.locator(".thesis-box").is_visible()
    follow(page, ".article-header .meta a")
    assert "/authors/" in page.url and page.locator(".card").count() >= 1
    for _ in range(3):
        page.go_back(wait_until="load")
    assert page.url == home and page.locator("h1").inner_text() == site_title
    follow(page, "nav a:text-is('People')")
    follow(page, ".people a")
    assert "/people/" in page.url and page.locator("main a[href*='articles/']").count() >= 1
    follow(page, "nav a:text-is('Themes')")
    follow(page, "a[href$='topics/index.html']")
    assert "/topics/" in page.url and page.locator("h1").inner_text()


def test_click_through_from_disk(page: Page, seed_site: Path) -> None:
    problems = watch(page)
    click_through(page, (seed_site / "index.html").as_uri())
    assert problems == []


def test_click_through_under_a_sub_path(page: Page, served: str) -> None:
    problems = watch(page)
    click_through(page, served + "index.html")
    assert problems == []


def test_no_page_scrolls_sideways_on_a_phone(
    browser: Browser, served: str, seed_document: dict[str, Any]
) -> None:
    first = seed_document["articles"][0]
    paths = ["index.html", "themes/index.html", "authors/index.html", "404.html", first["url"]]
    paths += ["search/index.html?q=Ukraine"]
    paths += [f"themes/{first['themes'][0]['id']}/index.html"]
    paths += [f"authors/{first['authors'][0]['slug']}/index.html"]
    paths += ["people/index.html", f"people/{most_quoted(seed_document)}/index.html"]
    paths += ["topics/index.html"]
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    too_wide = {}
    for path in paths:
        page.goto(served + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
    context.close()
    assert too_wide == {}


def search(page: Page, url: str) -> list[str]:
    """Open the search page at url and return the result titles once the search is done."""
    page.goto(url)
    page.wait_for_function("document.getElementById('search-status').textContent.endsWith('.')")
    return page.locator(".search-result h2").all_inner_texts()


def test_search_under_a_sub_path_finds_filters_and_says_when_nothing_matches(
    page: Page, served: str, seed_document: dict[str, Any]
) -> None:
    problems = watch(page)
    kursk = next(a for a in seed_document["articles"] if "kursk" in {t["id"] for t in a["themes"]})
    found = search(page, served + "search/index.html?q=Kursk")
    assert found and found[0] == kursk["title"]
    assert page.locator(".search-result a").first.get_attribute("href").startswith("/digest/")
    everything = search(page, served + "search/index.html?q=Ukraine")
    theme = next(t["label"] for t in kursk["themes"] if t["id"] == "kursk")
    narrowed = search(page, served + f"search/index.html?q=Ukraine&theme={theme}")
    assert 0 < len(narrowed) < len(everything)
    page.select_option("#filter-theme", "")
    page.fill("#search-q", "qqzzxq")
    page.press("#search-q", "Enter")
    page.wait_for_function("document.getElementById('search-status').textContent.startsWith('No')")
    assert page.locator("#search-status").inner_text() == "No results for “qqzzxq”."
    assert problems == []


def test_header_search_from_disk_falls_back_and_finds_a_title_word(
    page: Page, seed_site: Path, seed_document: dict[str, Any]
) -> None:
    problems = watch(page)
    title = seed_document["articles"][0]["title"]
    word = max(title.split(), key=len).strip(".,:;")
    page.goto((seed_site / "index.html").as_uri())
    page.fill("#site-search-q", word)
    with page.expect_navigation(wait_until="load"):
        page.press("#site-search-q", "Enter")
    page.wait_for_function("document.getElementById('search-status').textContent.endsWith('.')")
    assert title in page.locator(".search-result h2").all_inner_texts()
    assert "Full-text search needs the site served" in page.locator("#search-mode").inner_text()
    assert problems == []


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seeds built with a search index in shards of 2 articles, served under /digest/."""
    out = tmp_path_factory.mktemp("sharded-site") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(digest.site.search, "SHARD_SIZE", 2)
        build(Config(seeds=ROOT / "seeds", out=out))
    assert (out / "pagefind" / "shard-2" / "pagefind-entry.json").is_file()
    with site_server(out, "/digest/", port=0) as url:
        yield url


def test_a_search_index_in_shards_finds_what_one_index_finds(
    page: Page, served: str, sharded: str, seed_document: dict[str, Any]
) -> None:
    problems = watch(page)
    theme = seed_document["articles"][0]["themes"][0]["label"]
    for query in ("q=Ukraine", "q=Kursk", f"q=Ukraine&theme={theme}", "q=qqzzxq"):
        whole = search(page, served + f"search/index.html?{query}")
        in_shards = search(page, sharded + f"search/index.html?{query}")
        assert sorted(in_shards) == sorted(whole), query
    assert len(whole) == 0 < len(search(page, sharded + "search/index.html?q=Ukraine"))
    assert problems == []


# --- reading: the argument first, long pages navigable --------------------------------------

WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 390, "height": 844}
# The tallest theme page of 50 articles of the 200-article synthetic site, in px, at 1280
# and at 390 px wide, before theme pages showed each article's thesis and claims as one
# folded card (commit 77ca325, measured as this file measures it).
THEME_PAGE_BEFORE = {1280: 37_933, 390: 59_355}
# Words a search excerpt must not hold: they label the page's parts, not the article's text.
INTERFACE_WORDS = ("¶", "paragraph", "Key claims", "Thesis", "agree", "score", "Why", "Removed")


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 200-article synthetic corpus (benchmarks/generate.py) built as opened from disk."""
    folder = tmp_path_factory.mktemp("synthetic")
    load_generator().write_corpus(folder / "corpus", count=200)
    build(Config(seeds=folder / "corpus", out=folder / "site"))
    return folder / "site"


@pytest.fixture
def sized(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a window of the size the test is parametrised with."""
    context = browser.new_context(viewport=request.param)
    yield context.new_page()
    context.close()


def article_urls(site: Path, count: int) -> list[str]:
    """The first `count` article pages of a site, as file:// URLs."""
    pages = sorted((site / "articles").glob("*/index.html"))[:count]
    return [path.as_uri() for path in pages]


@pytest.mark.parametrize("sized", [WIDE], indirect=True)
def test_the_text_starts_within_two_screens_and_the_header_is_one_row(
    sized: Page, seed_site: Path, synthetic_site: Path
) -> None:
    late = {}
    for url in article_urls(seed_site, 5) + article_urls(synthetic_site, 12):
        sized.goto(url)
        top = sized.locator(".body .numbered, .body .pieces li").first.bounding_box()
        if top is None or top["y"] > 2 * WIDE["height"]:
            late[url] = top
    assert late == {}
    header = [sized.locator(f".site-header {part}").bounding_box() for part in ("nav", "form")]
    assert header[0] and header[1] and abs(header[0]["y"] - header[1]["y"]) < 20


@pytest.mark.parametrize("sized", [WIDE, NARROW], indirect=True)
def test_a_theme_page_of_fifty_articles_is_a_third_of_its_old_height(
    sized: Page, synthetic_site: Path
) -> None:
    heights = {}
    for path in sorted((synthetic_site / "themes").glob("*/index.html")):
        sized.goto(path.as_uri())
        if sized.locator(".thesis-card").count() == 50:
            heights[path.parent.name] = sized.evaluate("document.documentElement.scrollHeight")
    before = THEME_PAGE_BEFORE[sized.viewport_size["width"]]
    assert heights and max(heights.values()) <= before / 3, heights


@pytest.mark.parametrize("sized", [WIDE, NARROW], indirect=True)
def test_the_table_of_contents_jumps_to_each_section(sized: Page, seed_site: Path) -> None:
    problems = watch(sized)
    long = next(u for u in article_urls(seed_site, 5) if "toc" in Path(u[7:]).read_text())
    sized.goto(long)
    side = sized.locator(".toc-side")
    toc = side if side.is_visible() else sized.locator(".toc-fold")
    assert side.is_visible() == (sized.viewport_size == WIDE)
    links = toc.locator("a")
    assert links.count() >= 5
    for n in range(links.count()):
        if not links.nth(n).is_visible():
            toc.locator("summary").click()
        href = links.nth(n).get_attribute("href")
        links.nth(n).click()
        target = sized.locator(f"[id='{href[1:]}']")
        target.evaluate("t => t.closest('details')?.setAttribute('open', '')")
        box = target.bounding_box()
        assert box and -1 <= box["y"] < NARROW["height"], (href, box)
    assert problems == []


def test_every_claim_link_lands_on_a_highlighted_sentence_in_a_numbered_paragraph(
    page: Page, served: str, seed_document: dict[str, Any]
) -> None:
    problems = watch(page)
    checked = 0
    for record in (r for r in seed_document["articles"] if r["kind"] == "article"):
        page.goto(served + record["url"])
        refs = page.locator(".claim-list .claim-ref")
        assert refs.count() == len(record["claims"])
        for n in range(refs.count()):
            number = refs.nth(n).locator("xpath=following-sibling::span[@class='para']")
            refs.nth(n).click()
            mark = page.locator("mark:target")
            assert mark.count() == 1 and mark.is_visible()
            colour = mark.evaluate("m => getComputedStyle(m).backgroundColor")
            assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
            shown = mark.evaluate("m => m.closest('.numbered').querySelector('.pnum').textContent")
            assert number.inner_text().endswith(shown)
            checked += 1
    assert checked >= 30 and problems == []


def test_search_excerpts_hold_no_interface_words(
    page: Page, served: str, seed_document: dict[str, Any]
) -> None:
    claim = next(
        c for r in seed_document["articles"] for c in r["claims"] if r["kind"] == "article"
    )
    words = sorted((w.strip(".,;:’“”") for w in claim["text"].split()), key=len)[-2:]
    search(page, served + "search/index.html?q=" + "+".join(words))
    excerpts = page.locator(".search-result .excerpt").all_inner_texts()
    assert excerpts
    assert [e for e in excerpts if any(word in e for word in INTERFACE_WORDS)] == []


@pytest.mark.parametrize("sized", [WIDE], indirect=True)
def test_the_readme_screenshots_show_the_seed_site_as_it_is(
    sized: Page, seed_site: Path, seed_document: dict[str, Any]
) -> None:
    """Writes docs/images/article.png and theme.png, the README's pictures, from the seeds."""
    longest = max(seed_document["articles"], key=lambda r: r["word_count"])
    widest = max(seed_document["themes"], key=lambda t: len(t["articles"]))
    shots = {"article": longest["url"], "theme": f"themes/{widest['id']}/index.html"}
    for name, url in shots.items():
        sized.goto((seed_site / url).as_uri())
        picture = ROOT / "docs" / "images" / f"{name}.png"
        sized.screenshot(path=picture)
        assert picture.stat().st_size > 10_000


@pytest.mark.parametrize(
    ("site", "base_path", "missing"),
    [
        ("seed_site", "/", "a/b/c/missing"),  # no base URL: the server's root
        ("seed_site", "/digest/", "articles/an-old-title/"),  # no base URL: by its folder
        ("published_site", "/digest/", "a/b/c/missing"),  # the base URL's path
    ],
)
def test_the_404_page_at_any_depth_is_styled_and_its_links_work(
    page: Page, request: pytest.FixtureRequest, site: str, base_path: str, missing: str
) -> None:
    with site_server(request.getfixturevalue(site), base_path, port=0) as url:
        response = page.goto(url + missing)
        assert response is not None and response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        styled = "[...document.styleSheets].some(s => s.href.endsWith('/static/style.css')"
        assert page.evaluate(styled + " && s.cssRules.length > 10)")
        assert page.locator(".skip").evaluate("e => getComputedStyle(e).position") == "absolute"
        page.locator(".skip").focus()
        page.keyboard.press("Enter")  # the skip link stays on the page
        assert page.url == url + missing + "#main"
        with page.expect_navigation(wait_until="load") as navigation:
            page.locator("nav a:text-is('Themes')").click()
        assert navigation.value is not None and navigation.value.status == 200
        assert page.url == url + "themes/index.html" and page.locator("h1").inner_text() == "Themes"


def test_a_page_open_while_serving_reloads_after_a_rebuild_and_shows_a_failed_one(
    page: Page, config_for: Callable[..., Config], tmp_path: Path
) -> None:
    with serving_copy(config_for, tmp_path, "http://localhost/digest/") as (config, _, url):
        page.goto(url)
        page.evaluate("window.untouched = true")  # gone once the page reloads
        seed = sorted(config.seeds.glob("*.txt"))[0]
        seed.write_text("A new headline\n\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
        page.locator(".card-title a:text-is('A new headline')").wait_for(timeout=30_000)
        assert page.evaluate("window.untouched") is None
        good = config.themes.read_text(encoding="utf-8")
        config.themes.write_text("themes: [", encoding="utf-8")
        overlay = page.get_by_role("alertdialog", name="The last rebuild failed")
        overlay.wait_for(timeout=30_000)
        assert "malformed YAML" in overlay.inner_text()
        assert page.evaluate("document.activeElement.textContent") == "Dismiss"
        config.themes.write_text(good, encoding="utf-8")
        overlay.wait_for(state="detached", timeout=30_000)
        assert page.locator(".card-title a:text-is('A new headline')").count() == 1

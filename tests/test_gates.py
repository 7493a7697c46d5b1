"""Quality gates: the tools the best static-site projects use, run on every page of the seed
site as published (under /digest/), and each shown to fail on a deliberately broken page.

- HTML: the Nu Html Checker (npm's vnu-jar, run by Debian's Java), zero errors.
- Accessibility: axe-core in Debian's Chromium, one page of each type, at desktop and phone
  width and in the dark scheme: no serious or critical violation; moderate ones are listed.
  The pages with every kind of chart, from seeds given dates, pass both checks too.
- Links: every href, src and #anchor resolves, over HTTP under a sub-path and from disk.
- Feed and sitemap: feedparser reads the Atom feed; the sitemap lists every page once.
(The workflow's actionlint gate is in test_workflow.py.)
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from digest.preview_server import site_server

from conftest import FIXTURES, GATE_NOTES, PUBLISHED_URL, TOOLS, missing_tool
from sitecheck import (
    LinkCheck,
    broken_links,
    feed_problems,
    fetch,
    most_quoted,
    page_files,
    sitemap_problems,
    unreachable,
    vnu_line,
    vnu_messages,
)

VNU = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = TOOLS / "node_modules" / "axe-core" / "axe.min.js"
BROKEN = "articles/broken/index.html"
MISSING = "articles/no/such/page.html"
VIEWS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True},
    "dark": {"viewport": {"width": 1280, "height": 800}, "color_scheme": "dark"},
}


@pytest.fixture(scope="module")
def broken_site(published_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published seed site with the broken fixture files laid over it."""
    site = tmp_path_factory.mktemp("broken") / "site"
    shutil.copytree(published_site, site)
    shutil.copytree(FIXTURES / "broken-site", site, dirs_exist_ok=True)
    return site


@pytest.fixture(scope="module")
def served(published_site: Path) -> Iterator[str]:
    with site_server(published_site, "/digest/", port=0) as url:
        yield url


@pytest.fixture(scope="module")
def served_broken(broken_site: Path) -> Iterator[str]:
    with site_server(broken_site, "/digest/", port=0) as url:
        yield url


# --- HTML validity ----------------------------------------------------------------------


def html_report(site: Path) -> tuple[list[str], list[str]]:
    """The Nu Html Checker's errors and warnings on every page, as "page:line: message"."""
    java = shutil.which("java")
    if java is None:
        missing_tool("java", "apt-get install -y default-jre-headless")
    if not VNU.is_file():
        missing_tool("vnu.jar", "npm ci --prefix tests/tools")
    messages = vnu_messages(java, VNU, site)
    errors = [vnu_line(site, m) for m in messages if m["type"] in ("error", "non-document-error")]
    warnings = [vnu_line(site, m) for m in messages if m.get("subType") == "warning"]
    return errors, warnings


def test_every_page_passes_the_nu_html_checker(published_site: Path) -> None:
    errors, warnings = html_report(published_site)
    GATE_NOTES["Nu Html Checker: warnings"] = warnings
    assert errors == []


def test_the_nu_html_checker_names_a_broken_page_and_its_errors() -> None:
    errors, _ = html_report(FIXTURES / "broken-site")
    assert errors and all(e.startswith(f"{BROKEN}:") for e in errors)
    text = "\n".join(errors)
    assert f"{BROKEN}:13: error: Duplicate ID “twice”" in text
    assert f"{BROKEN}:13: error: Unclosed element “span”" in text
    assert f"{BROKEN}:14: error: Stray end tag “div”" in text


# --- accessibility ----------------------------------------------------------------------


def page_of_each_type(document: dict[str, Any]) -> dict[str, str]:
    """One page of each type, by type, as a path under the site root."""
    article = document["articles"][0]
    longest = max(document["articles"], key=lambda a: a["word_count"])
    profile = next(a for a in document["articles"] if a["kind"] == "profile")
    return {
        "home": "index.html",
        "theme index": "themes/index.html",
        "theme": f"themes/{article['themes'][0]['id']}/index.html",
        "article": article["url"],
        "long article": longest["url"],
        "profile": profile["url"],
        "author index": "authors/index.html",
        "author": f"authors/{article['authors'][0]['slug']}/index.html",
        "people index": "people/index.html",
        "person": f"people/{most_quoted(document)}/index.html",
        "topics": "topics/index.html",
        "search": "search/index.html?q=Ukraine",
        "404": MISSING,
    }


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the loaded page, once any search results have appeared."""
    if not AXE.is_file():
        missing_tool("axe-core", "npm ci --prefix tests/tools")
    if page.locator("#search-status").count():
        page.wait_for_function("document.getElementById('search-status').textContent.endsWith('.')")
    page.add_script_tag(path=str(AXE))
    violations: list[dict[str, Any]] = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.map(n => n.target.join(" "))}))"""
    )
    return violations


def axe_line(violation: dict[str, Any]) -> str:
    """A violation as "page (view) url: rule (impact): help: the first elements"."""
    nodes = ", ".join(violation["nodes"][:3]) + (", ..." if len(violation["nodes"]) > 3 else "")
    where, rule, impact = violation["where"], violation["id"], violation["impact"]
    return f"{where}: {rule} ({impact}): {violation['help']}: {nodes}"


def accessibility_report(browser: Any, view: str, urls: dict[str, str]) -> list[dict[str, Any]]:
    """axe-core's violations on each page at one view, each with "where" it was found."""
    context = browser.new_context(**VIEWS[view])
    page = context.new_page()
    found = []
    for name, url in urls.items():
        page.goto(url)
        found += [{**v, "where": f"{name} ({view}) {url}"} for v in axe_violations(page)]
    context.close()
    return found


def serious(violations: list[dict[str, Any]]) -> list[str]:
    return [axe_line(v) for v in violations if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("view", VIEWS)
def test_a_page_of_each_type_has_no_serious_accessibility_violation(
    browser: Any, served: str, seed_document: dict[str, Any], view: str
) -> None:
    urls = {name: served + path for name, path in page_of_each_type(seed_document).items()}
    violations = accessibility_report(browser, view, urls)
    GATE_NOTES[f"axe-core: moderate and minor findings ({view})"] = [
        axe_line(v) for v in violations if v["impact"] not in ("serious", "critical")
    ]
    assert serious(violations) == []


def chart_pages(site: Path) -> dict[str, Path]:
    """The pages with every kind of chart: the themes index (the theme × article matrix) and
    the first theme page with a timeline (and its outlets and authors charts)."""
    timelines = [
        p
        for p in sorted(site.glob("themes/*/index.html"))
        if 'id="chart-timeline"' in p.read_text(encoding="utf-8")
    ]
    assert timelines
    return {"themes index": site / "themes" / "index.html", "theme with charts": timelines[0]}


def test_the_chart_pages_pass_the_nu_html_checker(charted_site: Path, tmp_path: Path) -> None:
    for page in chart_pages(charted_site).values():
        copy = tmp_path / page.relative_to(charted_site)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, copy)
    errors, _ = html_report(tmp_path)
    assert errors == []


@pytest.mark.parametrize("view", VIEWS)
def test_the_chart_pages_have_no_serious_accessibility_violation(
    browser: Any, charted_site: Path, view: str
) -> None:
    urls = {name: page.as_uri() for name, page in chart_pages(charted_site).items()}
    violations = accessibility_report(browser, view, urls)
    GATE_NOTES[f"axe-core: moderate and minor findings on the chart pages ({view})"] = [
        axe_line(v) for v in violations if v["impact"] not in ("serious", "critical")
    ]
    assert serious(violations) == []


def test_axe_names_a_broken_page_and_its_violations(browser: Any, served_broken: str) -> None:
    url = served_broken + BROKEN
    problems = serious(accessibility_report(browser, "desktop", {"broken": url}))
    assert all(p.startswith(f"broken (desktop) {url}: ") for p in problems)
    assert any("image-alt (critical)" in p for p in problems)
    assert any("color-contrast (serious)" in p for p in problems)


# --- links --------------------------------------------------------------------------------


def test_every_link_and_anchor_resolves_over_http_under_a_sub_path(
    served: str, published_site: Path
) -> None:
    missing = fetch(served + MISSING)
    assert missing.problem == "HTTP 404" and missing.facts and missing.facts.title
    check = LinkCheck(served)
    assert check.run([served + "index.html", served + MISSING]) == []
    assert unreachable(served, published_site) == []
    assert len(check.visited) > len(page_files(published_site))


def test_every_link_and_anchor_resolves_from_disk(seed_site: Path) -> None:
    assert broken_links(seed_site, skip=()) == []


def test_the_link_checks_name_a_broken_page_and_its_links(
    served_broken: str, broken_site: Path
) -> None:
    over_http = LinkCheck(served_broken).run([served_broken + BROKEN])
    assert over_http == [
        f"{BROKEN}: ../no-such-article/index.html (HTTP 404)",
        f"{BROKEN}: #no-such-anchor (no such anchor)",
    ]
    assert unreachable(served_broken, broken_site) == [f"{BROKEN}: no link leads here"]
    from_disk = [p for p in broken_links(broken_site) if p.startswith(BROKEN)]
    assert from_disk == [
        f"{BROKEN}: ../no-such-article/index.html (no such file)",
        f"{BROKEN}: #no-such-anchor (no such anchor)",
    ]


def test_the_link_check_flags_folder_and_root_absolute_links_from_disk(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="x"><a href="../a/">folder</a> <a href="#x">x</a>'
        ' <a href="/abs.html">abs</a> <a href="https://example.org/">out</a></p>'
    )
    assert broken_links(tmp_path) == [
        "a/index.html: ../a/ (names a folder, not a file: breaks from disk)",
        "a/index.html: /abs.html (absolute path: breaks under a sub-path and from disk)",
    ]


# --- feed and sitemap ---------------------------------------------------------------------


def test_feed_parses_in_feedparser_with_an_entry_per_article(published_site: Path) -> None:
    assert feed_problems(published_site, PUBLISHED_URL) == []


def test_sitemap_is_well_formed_and_lists_every_page_once(published_site: Path) -> None:
    assert sitemap_problems(published_site, PUBLISHED_URL) == []


def test_feed_and_sitemap_checks_name_what_is_broken(broken_site: Path, tmp_path: Path) -> None:
    (feed_problem,) = feed_problems(broken_site, PUBLISHED_URL)
    assert feed_problem.startswith("feed.xml: ") and "mismatched tag" in feed_problem
    assert sitemap_problems(broken_site, PUBLISHED_URL) == [f"sitemap.xml: does not list {BROKEN}"]
    shutil.copytree(broken_site, tmp_path / "site")
    sitemap = tmp_path / "site" / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8")
    home = f"<url><loc>{PUBLISHED_URL}</loc></url>"
    assert home in text
    sitemap.write_text(
        text.replace(home, home * 2 + "<url><loc>https://elsewhere.org/</loc></url>")
    )
    assert sitemap_problems(tmp_path / "site", PUBLISHED_URL) == [
        "sitemap.xml: https://elsewhere.org/ is no page of the site",
        "sitemap.xml: lists index.html 2 times",
        f"sitemap.xml: does not list {BROKEN}",
    ]
    sitemap.write_text(text.replace("</urlset>", ""))
    (problem,) = sitemap_problems(tmp_path / "site", PUBLISHED_URL)
    assert problem.startswith("sitemap.xml: not well-formed XML: no element found: line")

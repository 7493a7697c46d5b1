"""Checks over a built site: links and anchors (from disk and over HTTP), page structure,
the Nu Html Checker's verdict, the feed and the sitemap.

Pages are parsed with the standard library's HTML parser, so the checks see exactly what a
browser would fetch: every href and src, every id.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import feedparser

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass
class PageFacts:
    """What a page holds that the checks look at."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)
    lang: str = ""
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    scripts: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        facts = self.facts
        if "id" in values:
            facts.ids.add(values["id"])
        facts.links += [values[a] for a in ("href", "src", "action") if a in values]
        if tag == "html":
            facts.lang = values.get("lang", "")
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            facts.headings.append(int(tag[1]))
        if tag == "meta" and ("name" in values or "property" in values):
            facts.meta[values.get("name") or values["property"]] = values.get("content", "")
        if tag in ("title", "script"):
            self._in = tag
            if tag == "script":
                facts.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.facts.title += data
        elif self._in == "script":
            self.facts.scripts[-1] += data


def page_facts(path: Path) -> PageFacts:
    """Parse one HTML file."""
    facts = _parsed("text/html", path.read_bytes())
    assert facts is not None
    return facts


# Elements that load or run something of another page's choosing.
_EMBEDDING = frozenset({"iframe", "frame", "object", "embed", "base", "applet"})
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "srcdoc"})


class _ActiveContent(HTMLParser):
    """Collect whatever on a page could run code or load another page's content: event
    handler attributes, javascript: URLs, frames and embedded objects, a refresh, and any
    script but the site's own (a file of the site, JSON-LD that is JSON, or code in
    `own_code`: what the templates write inline on every site)."""

    def __init__(self, own_code: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.own_code = own_code
        self._json_ld: str | None = None
        self._inline: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.found += [f"<{tag} {k}=...>" for k in values if k.startswith("on")]
        self.found += [
            f"<{tag} {k}={v!r}>"
            for k, v in values.items()
            if k in _URL_ATTRIBUTES and "".join(v.split()).lower().startswith("javascript:")
        ]
        if tag in _EMBEDDING:
            self.found.append(f"<{tag}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        if tag == "script":
            src = values.get("src")
            if src is None and values.get("type") == "application/ld+json":
                self._json_ld = ""
            elif src is None:
                self._inline = ""
            elif urlsplit(src).scheme or src.startswith("//"):
                self.found.append(f"<script src={src!r}>")

    def handle_data(self, data: str) -> None:
        if self._json_ld is not None:
            self._json_ld += data
        if self._inline is not None:
            self._inline += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inline is not None:
            if self._inline.strip() not in self.own_code:
                self.found.append(f"<script> with code of its own: {self._inline[:80]!r}")
            self._inline = None
        if tag == "script" and self._json_ld is not None:
            try:
                json.loads(self._json_ld)
            except ValueError:
                self.found.append(f"<script> that is not JSON: {self._json_ld[:80]!r}")
            self._json_ld = None


def active_content(path: Path, own_code: frozenset[str] = frozenset()) -> list[str]:
    """What on an HTML page could run code or load another page's content (see
    _ActiveContent); [] for a page that shows only the site's own."""
    collector = _ActiveContent(own_code)
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.found


def inline_scripts(path: Path) -> frozenset[str]:
    """The code of a page's inline scripts (not JSON-LD), each stripped."""
    found = re.findall(r"<script>(.*?)</script>", path.read_text(encoding="utf-8"), re.S)
    return frozenset(code.strip() for code in found)


def html_pages(root: Path) -> list[Path]:
    """Every HTML file of a site, sorted."""
    return sorted(root.rglob("*.html"))


def broken_links(root: Path, skip: tuple[str, ...] = ("404.html",)) -> list[str]:
    """Each link or anchor on the site's pages that does not resolve when opened from disk.

    Pages named in `skip` are shown by a server at any depth, so their links are checked
    over HTTP instead.
    """
    root = root.resolve()
    pages = [p.as_uri() for p in html_pages(root) if p.relative_to(root).as_posix() not in skip]
    return LinkCheck(root.as_uri() + "/").run(pages)


@dataclass(frozen=True)
class Fetched:
    """What a URL answered: why it is not a page of the site (or ""), and its HTML."""

    problem: str
    facts: PageFacts | None


def fetch(url: str) -> Fetched:
    """Fetch a file:// or http:// URL; an error page's HTML is parsed too."""
    try:
        with urlopen(url, timeout=10) as response:
            return Fetched("", _parsed(response.headers.get_content_type(), response.read()))
    except HTTPError as error:
        page = _parsed(error.headers.get_content_type(), error.read())
        return Fetched(f"HTTP {error.code}", page)
    except URLError as error:
        reason = error.reason
        if isinstance(reason, IsADirectoryError):
            return Fetched("names a folder, not a file: breaks from disk", None)
        if isinstance(reason, FileNotFoundError):
            return Fetched("no such file", None)
        return Fetched(str(reason), None)


def _parsed(content_type: str, body: bytes) -> PageFacts | None:
    if content_type != "text/html":
        return None
    collector = _Collector()
    collector.feed(body.decode("utf-8"))
    collector.close()
    return collector.facts


class LinkCheck:
    """Fetch pages as a browser would, from disk or over HTTP, and check every link on them.

    Every link inside `root` must answer with a file, and every `#anchor` must name an id
    on its page. External links (another scheme or host) are not followed. Pages that a
    link leads to are checked in turn, so a check from the home page covers every page
    reachable from it; `visited` then lists them.
    """

    def __init__(self, root: str) -> None:
        self.root = root
        self.answers: dict[str, Fetched] = {}
        self.visited: list[str] = []

    def run(self, starts: list[str]) -> list[str]:
        """Each broken link as "page: link (why)", pages relative to the root."""
        problems: list[str] = []
        queue = list(starts)
        while queue:
            page = queue.pop(0)
            if page in self.visited:
                continue
            self.visited.append(page)
            facts = self.answer(page).facts
            for link in facts.links if facts else []:
                why, target = self.follow(page, link)
                if why:
                    problems.append(f"{self.relative(page)}: {link} ({why})")
                elif target and self.answer(target).facts:
                    queue.append(target)
        return problems

    def answer(self, url: str) -> Fetched:
        if url not in self.answers:
            self.answers[url] = fetch(url)
        return self.answers[url]

    def relative(self, url: str) -> str:
        return url.removeprefix(self.root) or "index"

    def follow(self, page: str, link: str) -> tuple[str, str]:
        """Why the link is broken ("" when it is not), and the page it leads to."""
        parts = urlsplit(link)
        if parts.scheme not in ("", "file") and not link.startswith(self.root):
            return "", ""
        if parts.path.startswith("/") and self.root.startswith("file:"):
            return "absolute path: breaks under a sub-path and from disk", ""
        target, fragment = urldefrag(urljoin(page, link))
        if not target.startswith(self.root):
            return "leads outside the site", ""
        fetched = self.answer(target)
        if fetched.problem and target != page:
            return fetched.problem, ""
        if fragment and (fetched.facts is None or unquote(fragment) not in fetched.facts.ids):
            return "no such anchor", ""
        return "", target


def page_files(root: Path) -> list[str]:
    """The site's pages as paths relative to its root, the 404 page aside."""
    return [p.relative_to(root).as_posix() for p in html_pages(root) if p.name != "404.html"]


def unreachable(root_url: str, site: Path) -> list[str]:
    """Each page that no chain of links from the home page leads to, as "page: why"."""
    check = LinkCheck(root_url)
    check.run([root_url + "index.html"])
    visited = {check.relative(url) for url in check.visited}
    return [f"{page}: no link leads here" for page in page_files(site) if page not in visited]


def vnu_messages(java: str, vnu: Path, root: Path) -> list[dict[str, Any]]:
    """The Nu Html Checker's messages on every HTML, SVG and CSS file under root.

    CSS is checked in a run of its own: with --also-check-css, vnu 26.9 reports HTML line
    numbers one too low.
    """
    runs = [["--skip-non-html", "--also-check-svg", str(root)]]
    stylesheets = sorted(str(p) for p in root.rglob("*.css"))
    if stylesheets:
        runs.append(["--css", *stylesheets])
    messages: list[dict[str, Any]] = []
    for arguments in runs:
        done = subprocess.run(
            [java, "-jar", str(vnu), "--format", "json", *arguments],
            capture_output=True,
            text=True,
            timeout=300,
        )
        messages += json.loads(done.stderr)["messages"]
    return messages


def vnu_line(root: Path, message: dict[str, Any]) -> str:
    """One message as "page:line: type: text"."""
    page = Path(unquote(urlsplit(message.get("url", "")).path)).relative_to(root.resolve())
    kind = message.get("subType", message["type"])
    return f"{page.as_posix()}:{message.get('lastLine', '?')}: {kind}: {message['message']}"


def feed_problems(site: Path, base_url: str) -> list[str]:
    """What is wrong with feed.xml: not parseable by feedparser, not Atom, entries that do
    not lead to an article page of the site, or articles with no entry."""
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    if feed.bozo:
        return [f"feed.xml: {feed.bozo_exception}"]
    problems = [] if feed.version == "atom10" else [f"feed.xml: not Atom 1.0 ({feed.version})"]
    articles = {p for p in page_files(site) if p.startswith("articles/") and p.count("/") == 2}
    linked = set()
    for entry in feed.entries:
        page = _page_of(entry.get("link", ""), base_url)
        if page not in articles:
            problems.append(f"feed.xml: entry {entry.get('title')!r} leads to no article page")
        linked.add(page)
    problems += [f"feed.xml: no entry for {page}" for page in sorted(articles - linked)]
    return problems


def sitemap_problems(site: Path, base_url: str) -> list[str]:
    """What is wrong with sitemap.xml: not well-formed, a URL outside the site or of no page,
    a page listed twice or not at all."""
    try:
        urlset = ET.parse(site / "sitemap.xml").getroot()
    except ET.ParseError as error:
        return [f"sitemap.xml: not well-formed XML: {error}"]
    if urlset.tag != f"{{{SITEMAP_NS}}}urlset":
        return [f"sitemap.xml: the root element is {urlset.tag}, not a sitemaps.org urlset"]
    locs = [loc.text or "" for loc in urlset.iter(f"{{{SITEMAP_NS}}}loc")]
    pages = page_files(site)
    problems = [
        f"sitemap.xml: {loc} is no page of the site"
        for loc in locs
        if _page_of(loc, base_url) not in pages
    ]
    counts = Counter(_page_of(loc, base_url) for loc in locs)
    problems += [f"sitemap.xml: lists {page} {n} times" for page, n in counts.items() if n > 1]
    problems += [f"sitemap.xml: does not list {page}" for page in pages if page not in counts]
    return problems


def _page_of(url: str, base_url: str) -> str:
    """The page file a public URL names ("" when it is outside the site)."""
    if not url.startswith(base_url):
        return ""
    path = url.removeprefix(base_url)
    return path + "index.html" if path.endswith("/") or not path else path


def most_quoted(document: dict[str, Any]) -> str:
    """The slug of the person quoted in the most articles: the fullest person page."""
    return str(max(document["people"], key=lambda p: (len(p["quoted_in"]), p["slug"]))["slug"])


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file below root, by its path from root, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# Pagefind writes each filter's values in hash-map order and names its metadata files by
# content hash; docs/search.md lists these as the only files that differ between builds.
PAGEFIND_UNSTABLE = re.compile(
    r"pagefind/(shard-\d+/)?(filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)"
)


def stable_tree(root: Path) -> dict[str, bytes]:
    """tree_bytes without Pagefind's files that differ between two builds of one input."""
    return {p: b for p, b in tree_bytes(root).items() if not PAGEFIND_UNSTABLE.fullmatch(p)}

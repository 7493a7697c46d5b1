"""Checks over a built site's files: every internal link and anchor resolves, page structure.

Parsed with the standard library's HTML parser, so the checks see exactly what a browser
would fetch: every href and src, every id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


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
        facts.links += [values[a] for a in ("href", "src") if a in values]
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
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.facts


def html_pages(root: Path) -> list[Path]:
    """Every HTML file of a site, sorted."""
    return sorted(root.rglob("*.html"))


def broken_links(root: Path, skip: tuple[str, ...] = ("404.html",)) -> list[str]:
    """Each internal link or anchor that does not resolve, as "page: link (why)".

    External links (with a scheme) are not followed. Pages named in `skip` are shown by a
    server at any depth, so their links are checked over HTTP instead.
    """
    root = root.resolve()
    facts = {p: page_facts(p) for p in html_pages(root)}
    problems = []
    for page, found in facts.items():
        if page.relative_to(root).as_posix() in skip:
            continue
        for link in found.links:
            problem = _link_problem(root, page, link, facts)
            if problem:
                problems.append(f"{page.relative_to(root)}: {link} ({problem})")
    return problems


def _link_problem(root: Path, page: Path, link: str, facts: dict[Path, PageFacts]) -> str:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return ""
    if parts.path.startswith("/"):
        return "absolute path: breaks under a sub-path and from disk"
    target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
    if not target.is_relative_to(root):
        return "leads outside the site"
    if target.is_dir():
        return "names a folder, not a file: breaks from disk"
    if not target.is_file():
        return "no such file"
    if parts.fragment:
        ids = facts.get(target) or (page_facts(target) if target.suffix == ".html" else None)
        if ids is None or unquote(parts.fragment) not in ids.ids:
            return "no such anchor"
    return ""

"""The template contexts: for each page, exactly the data its template shows, links resolved.

Templates only loop and print; every link, count, label and piece of text a page shows is
computed here. Values are plain text: the templates escape them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any

from markupsafe import Markup

from . import GENERATOR
from .article_view import (
    article_context,
    card_summary,
    date_context,
    headline,
    jsonld,
    note_html,
    surname_key,
    theme_card,
)
from .charts_view import Coverage, coverage, theme_charts, themes_matrix
from .claims_view import claim_pairs, linked_slugs
from .config import Config
from .models import KIND_LABELS, Article, AuthorEntry, PersonEntry, Site, ThemeEntry, ThemeHit
from .people_view import person_details, person_row
from .records import record_digest
from .search import FILTERS, filters, merged_folders
from .text import make_slug, shorten
from .urls import (
    ABOUT,
    ARCHIVE,
    AUTHORS,
    FEED,
    HOME,
    NOT_FOUND,
    PEOPLE,
    SEARCH,
    THEMES,
    TOPICS,
    absolute,
    article_path,
    author_path,
    home_path,
    page_folders,
    person_path,
    root_of,
    theme_path,
)

Context = dict[str, Any]

# Pairs of agreeing or conflicting claims a theme page shows before folding the rest: a few
# show where the articles meet and part without burying the theses above them.
PAIRS_SHOWN = 2
# Meta descriptions longer than this are cut: search engines show about this much.
DESCRIPTION_CHARS = 160


def chunks(slugs: tuple[str, ...], size: int) -> list[tuple[str, ...]]:
    """The slugs in runs of `size`, in order; one empty run when there are none."""
    return [slugs[i : i + size] for i in range(0, len(slugs), size)] or [()]


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML page to render: its output path, template, and how to make its context.

    `sources` fingerprints everything the context is made from, for a page that shows a
    few articles: with the same sources (and config and templates) the page is the same.
    A page that shows the whole site has none and is always rendered.
    """

    path: str
    template: str
    context: Callable[[], Context]
    sources: str | None = None


class Views:
    """Builds every page's context for one site and config."""

    def __init__(self, site: Site, config: Config, about: Markup) -> None:
        self.site = site
        self.config = config
        self.about_html = about
        self.by_slug = {a.slug: a for a in site.articles}

    def pages(self) -> Iterator[Page]:
        """Every HTML page of the site."""
        yield from self.home_pages()
        yield Page(THEMES, "themes.html", self.themes_index)
        yield Page(AUTHORS, "authors.html", self.authors_index)
        yield Page(PEOPLE, "people.html", self.people_index)
        yield Page(TOPICS, "topics.html", self.topics_index)
        yield Page(NOT_FOUND, "404.html", self.not_found)
        yield Page(SEARCH, "search.html", self.search)
        yield Page(ARCHIVE, "archive.html", self.archive, self.archive_sources())
        yield Page(ABOUT, "about.html", self.about)
        for article in self.site.articles:
            yield Page(
                article_path(article.slug),
                "article.html",
                partial(self.article, article),
                self.sources("", (article.slug, *article.related, *linked_slugs([article]))),
            )
        for entry in self.site.themes:
            parts = chunks(entry.articles, self.config.per_page)
            for number, part in enumerate(parts, start=1):
                subject = f"{entry.theme!r} {number} of {len(parts)}, {len(entry.articles)}"
                if number == 1:  # its charts show all of the theme's articles
                    subject += repr(self.coverages[entry.theme.id])
                linked = linked_slugs(self.by_slug[slug] for slug in part)
                yield Page(
                    theme_path(entry.theme.id, number),
                    "theme.html",
                    partial(self.theme, entry, number, len(parts), part),
                    self.sources(subject, (*part, *linked)),
                )
        for author in self.site.authors:
            yield Page(
                author_path(author.slug),
                "author.html",
                partial(self.author, author),
                self.sources(repr(author), author.articles),
            )
        for person in self.site.people:
            yield Page(
                person_path(person.slug),
                "person.html",
                partial(self.person, person),
                self.sources(repr(person), (*person.wrote, *person.quoted_in)),
            )

    def home_pages(self) -> Iterator[Page]:
        """The front page, and the numbered pages after it when the articles fill several."""
        parts = chunks(tuple(a.slug for a in self.site.articles), self.config.per_page)
        overview = repr(self.overview(""))
        for number, part in enumerate(parts, start=1):
            yield Page(
                home_path(number),
                "index.html",
                partial(self.home, number, len(parts), part),
                self.sources(f"{overview} {number} of {len(parts)}", part),
            )

    @cached_property
    def digests(self) -> dict[str, str]:
        """A hash of each article's record, by slug."""
        return {a.slug: record_digest(a) for a in self.site.articles}

    def sources(self, subject: str, slugs: Iterable[str]) -> str:
        """A page's sources: what it is about, and the records of the articles it shows."""
        parts = [subject, *(self.digests[slug] for slug in slugs)]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    # --- the frame every page shares ----------------------------------------------------

    def frame(self, path: str, title: str, summary: str, **extra: Any) -> Context:
        """What base.html needs: site name, links relative to this page, head metadata."""
        root = self.root(path)
        nav = (
            ("Home", HOME),
            ("Themes", THEMES),
            ("Authors", AUTHORS),
            ("People", PEOPLE),
            ("Archive", ARCHIVE),
        )
        return {
            "site": {"title": self.config.title, "generator": GENERATOR},
            "root": root,
            "page": {
                "title": title,
                "head_title": title if path == HOME else f"{title} · {self.config.title}",
                "description": shorten(summary or self.config.description, DESCRIPTION_CHARS),
                "canonical": "" if path == NOT_FOUND else absolute(self.config.base_url, path),
                "og_type": "website",
                "jsonld": None,
            },
            "nav": [
                {"label": label, "href": root + target, "current": target == path}
                for label, target in nav
            ],
            "feed_href": root + FEED,
            "about_href": root + ABOUT,
            "search_href": root + SEARCH,
            **extra,
        }

    def root(self, path: str) -> str:
        """The prefix from a page to the site root; the 404 page is shown at any depth, so
        with a base URL its links start with the base URL's path (see not_found)."""
        if path == NOT_FOUND and self.config.base_url:
            return self.config.base_path
        return root_of(path)

    # --- shared pieces ------------------------------------------------------------------

    def card(self, article: Article, root: str) -> Context:
        """An article as a card: headline, authors, publisher, thesis (or a profile's first
        teasers), theme chips; no sentence twice."""
        return {
            "title": headline(article),
            "href": root + article_path(article.slug),
            "kind": KIND_LABELS[article.kind] if article.kind != "article" else "",
            "authors": [
                {"name": a.name, "href": root + author_path(a.slug)} for a in article.authors
            ],
            "publisher": article.publisher or "",
            "date": date_context(article.date),
            "note": note_html(article.note, self.config.remote_images),
            "themes": [{"label": h.label, "href": root + theme_path(h.id)} for h in article.themes],
            **card_summary(article),
        }

    # --- pages --------------------------------------------------------------------------

    def overview(self, root: str) -> Context:
        """What the front page says of the whole digest: counts and themes."""
        used = [e for e in self.site.themes if e.articles]
        return {
            "description": self.config.description,
            "counts": {
                "articles": len(self.site.articles),
                "authors": len(self.site.authors),
                "themes": len(used),
            },
            "themes": [self.theme_link(e, root) for e in used],
        }

    def home(self, number: int, count: int, slugs: tuple[str, ...]) -> Context:
        """A page of the front page: what the digest covers, its themes, and a page of its
        articles as cards, newest first."""
        path = home_path(number)
        root = self.root(path)
        return self.frame(
            path,
            self.config.title if number == 1 else f"Articles, page {number} of {count}",
            self.config.description,
            **self.overview(root),
            pager=self.pager(home_path, number, count, root, "Pages of articles"),
            cards=[self.card(self.by_slug[slug], root) for slug in slugs],
        )

    def theme_link(self, entry: ThemeEntry, root: str) -> Context:
        """A theme as a link with its article count."""
        return {
            "label": entry.theme.label,
            "href": root + theme_path(entry.theme.id),
            "count": len(entry.articles),
            "description": entry.theme.description,
        }

    def themes_index(self) -> Context:
        """All themes of the taxonomy, with descriptions and counts."""
        root = self.root(THEMES)
        return self.frame(
            THEMES,
            "Themes",
            f"The {len(self.site.themes)} themes of {self.config.title}.",
            themes=[self.theme_link(e, root) for e in self.site.themes],
            topics_href=root + TOPICS,
            topics=len(self.site.topics),
            matrix=themes_matrix(self.site, root),
        )

    def topics_index(self) -> Context:
        """The subjects the articles keep returning to that no theme covers."""
        root = self.root(TOPICS)
        return self.frame(
            TOPICS,
            "Subjects no theme covers",
            f"Subjects the articles of {self.config.title} discuss that no theme covers.",
            topics=[
                {
                    "label": t.label,
                    "phrases": list(t.phrases),
                    "articles": [self.link(slug, root) for slug in t.articles],
                }
                for t in self.site.topics
            ],
            themes_href=root + THEMES,
        )

    def authors_index(self) -> Context:
        """Every author, with their article count and bio."""
        root = self.root(AUTHORS)
        return self.frame(
            AUTHORS,
            "Authors",
            f"The writers of {self.config.title}.",
            authors=[
                {
                    "name": a.name,
                    "href": root + author_path(a.slug),
                    "count": len(a.articles),
                    "bio": a.bio,
                }
                for a in sorted(self.site.authors, key=lambda a: surname_key(a.name))
            ],
            people_href=root + PEOPLE,
        )

    def people_index(self) -> Context:
        """Everyone the digest names: authors and the people their articles quote."""
        root = self.root(PEOPLE)
        return self.frame(
            PEOPLE,
            "People",
            f"The authors of {self.config.title} and the people their articles quote.",
            people=[
                person_row(p, root)
                for p in sorted(self.site.people, key=lambda p: surname_key(p.name))
            ],
        )

    def person(self, entry: PersonEntry) -> Context:
        """A person: roles, what they are reported to have said, the articles that name them."""
        path = person_path(entry.slug)
        root = self.root(path)
        summary = f"{entry.name} in {self.config.title}: what they wrote and said."
        return self.frame(path, entry.name, summary, **person_details(entry, root, self.link))

    def link(self, slug: str, root: str) -> Context:
        """An article as a plain link."""
        return {"title": self.by_slug[slug].title, "href": root + article_path(slug)}

    def not_found(self) -> Context:
        """The page a server shows for a missing path, at that path, at any depth.

        With a base URL its links start with the base URL's path. Without one they are
        written as from the site root, which works from disk and when the missing address
        is at the root's depth (`/missing`, `/<repository>/missing`); deeper, a script in
        the page finds the root and sets it as the page's `<base>` before any link is
        read: the part of the address before one of the site's own folders
        (`/<repository>/articles/an-old-title/`), else the server's root (`/a/b/missing`,
        as in `--serve` or on a user site). Links written from `/` instead would break
        from disk and on every project site; nothing in a page served for another address
        can tell the root for sure, so this is the most a page can do, and a project site
        sets its base URL.
        """
        root = self.root(NOT_FOUND)
        return self.frame(
            NOT_FOUND,
            "Page not found",
            "There is no page at this address.",
            themes=[self.theme_link(e, root) for e in self.site.themes if e.articles],
            site_folders=[] if self.config.base_url else page_folders(),
        )

    def search(self) -> Context:
        """The search page: the query box and a choice of values per filter."""
        choices: dict[str, set[str]] = {name: set() for name in FILTERS}
        for article in self.site.articles:
            for name, values in filters(article).items():
                choices[name].update(values)
        return self.frame(
            SEARCH,
            "Search",
            f"Search the articles of {self.config.title}.",
            full_text=self.config.search,
            merged=" ".join(merged_folders(self.site)) if self.config.search else "",
            filters=[
                {"name": name, "label": name.capitalize(), "options": sorted(options)}
                for name, options in choices.items()
                if options
            ],
        )

    def archive_sources(self) -> str:
        """What the archive shows of each article: its title and date."""
        shown = repr([(a.slug, a.title, a.date) for a in self.site.articles])
        return hashlib.sha256(shown.encode()).hexdigest()

    def archive(self) -> Context:
        """Every article by month, newest first; undated articles last."""
        root = self.root(ARCHIVE)
        months: dict[str, list[Context]] = {}
        for article in self.site.articles:
            date = date_context(article.date)
            months.setdefault(date["month"] if date else "Undated", []).append(
                {**self.link(article.slug, root), "date": date}
            )
        return self.frame(
            ARCHIVE,
            "Archive",
            f"Every article of {self.config.title} by month, newest first.",
            months=[
                {"label": label, "id": make_slug(label), "articles": articles}
                for label, articles in months.items()
            ],
        )

    def about(self) -> Context:
        """The About page, written in Markdown (the config's `about` file)."""
        return self.frame(
            ABOUT,
            "About this digest",
            f"How {self.config.title} was made and what its automatic fields mean.",
            body=self.about_html,
        )

    def theme(self, entry: ThemeEntry, number: int, count: int, slugs: tuple[str, ...]) -> Context:
        """A page of a theme: its articles there with scores and evidence, their theses and
        claims, and links to the theme's other pages."""
        path = theme_path(entry.theme.id, number)
        root = self.root(path)
        tagged = [(self.by_slug[slug], self.hit(slug, entry.theme.id)) for slug in slugs]
        shown = [article for article, _ in tagged]
        on_theme = {slug: self.by_slug[slug] for slug in entry.articles}
        label = entry.theme.label
        return self.frame(
            path,
            label if number == 1 else f"{label} (page {number} of {count})",
            entry.theme.description,
            description=entry.theme.description,
            total=len(entry.articles),
            pager=self.pager(
                partial(theme_path, entry.theme.id), number, count, root, "Pages of this theme"
            ),
            articles=[
                {
                    **self.card(article, root),
                    "score": f"{hit.score:.2f}",
                    **theme_card(article, hit, root),
                }
                for article, hit in tagged
            ],
            pairs_shown=PAIRS_SHOWN,
            agreements=claim_pairs(shown, "agrees", on_theme, root),
            conflicts=claim_pairs(shown, "conflicts", on_theme, root),
            charts=theme_charts(label, self.coverages[entry.theme.id], root) if number == 1 else (),
        )

    def pager(
        self, path_of: Callable[[int], str], number: int, count: int, root: str, name: str
    ) -> Context | None:
        """Links between the pages of a list split over several: newer, older, the first,
        the last and the two on either side of this one; None for one page."""
        if count == 1:
            return None
        shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
        return {
            "name": name,
            "label": f"Page {number} of {count}",
            "newer": root + path_of(number - 1) if number > 1 else "",
            "older": root + path_of(number + 1) if number < count else "",
            "pages": [
                {
                    "number": n,
                    "href": root + path_of(n),
                    "current": n == number,
                    "gap_before": n > previous + 1,
                }
                for previous, n in zip([1, *shown[:-1]], shown, strict=True)
            ],
        }

    @cached_property
    def coverages(self) -> dict[str, Coverage]:
        """What each theme's charts show, by theme id (see charts_view.Coverage)."""
        names = {author.slug: author.name for author in self.site.authors}
        return {
            entry.theme.id: coverage([self.by_slug[slug] for slug in entry.articles], names)
            for entry in self.site.themes
        }

    def hit(self, slug: str, theme_id: str) -> ThemeHit:
        """An article's hit for a theme it is tagged with."""
        return next(h for h in self.by_slug[slug].themes if h.id == theme_id)

    def author(self, entry: AuthorEntry) -> Context:
        """An author: bio and articles."""
        path = author_path(entry.slug)
        root = self.root(path)
        return self.frame(
            path,
            entry.name,
            entry.bio or f"Articles by {entry.name} in {self.config.title}.",
            bio=entry.bio,
            cards=[self.card(self.by_slug[slug], root) for slug in entry.articles],
        )

    def article(self, article: Article) -> Context:
        """An article page: everything extracted, the body with its claims marked."""
        path = article_path(article.slug)
        related = [self.by_slug[slug] for slug in article.related]
        linked = {slug: self.by_slug[slug] for slug in linked_slugs([article])}
        context = self.frame(
            path,
            article.title,
            article.thesis,
            article=article_context(
                article, related, self.root(path), self.config.remote_images, linked
            ),
        )
        context["page"] |= {"og_type": "article", "jsonld": jsonld(article, self.config.base_url)}
        return context

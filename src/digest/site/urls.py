"""Where each page lives in the output, and links that work from disk and under any sub-path.

Every link is relative and names a file (`../themes/nato/index.html`), so the same tree
works opened from disk, served at `/`, and served under a sub-path such as `/digest/`.
Only the feed, the sitemap, canonical links and the 404 page, which the server shows at any
depth, use the configured base URL (without one, the 404 page finds the site's root by its
folders: see views.site.not_found_page).
"""

from __future__ import annotations

HOME = "index.html"
THEMES = "themes/index.html"
AUTHORS = "authors/index.html"
PEOPLE = "people/index.html"
TOPICS = "topics/index.html"
NOT_FOUND = "404.html"
SEARCH = "search/index.html"
ARCHIVE = "archive/index.html"
ABOUT = "about/index.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
DATA = "data/articles.json"


def article_path(slug: str) -> str:
    """An article page's path from the site root."""
    return f"articles/{slug}/index.html"


def home_path(page: int = 1) -> str:
    """The path of the front page, or of a numbered page of the articles after it."""
    return HOME if page == 1 else f"page/{page}/index.html"


def theme_path(theme_id: str, page: int = 1) -> str:
    """The path of a theme's page from the site root: its first page, or a numbered one."""
    folder = f"themes/{theme_id}"
    return f"{folder}/index.html" if page == 1 else f"{folder}/page/{page}/index.html"


def author_path(slug: str) -> str:
    """An author page's path from the site root."""
    return f"authors/{slug}/index.html"


def person_path(slug: str) -> str:
    """A person's page from the site root: an author's or a quoted person's."""
    return f"people/{slug}/index.html"


def page_folders() -> list[str]:
    """The folders of the site root that hold pages ("articles", "themes", ...)."""
    pages = [THEMES, AUTHORS, PEOPLE, TOPICS, SEARCH, ARCHIVE, ABOUT, home_path(2)]
    pages += [article_path("a"), author_path("a"), person_path("a")]
    return sorted({path.split("/")[0] for path in pages})


def paragraph_anchor(index: int) -> str:
    """The id of an article's paragraph (1-based, as numbered)."""
    return f"p-{index + 1}"


def claim_anchor(index: int) -> str:
    """The id of a key claim where it stands in the article's body (1-based, as shown)."""
    return f"claim-{index + 1}"


def root_of(path: str) -> str:
    """The relative prefix that leads from the page at `path` back to the site root."""
    return "../" * path.count("/")


def pretty(path: str) -> str:
    """The URL a server shows for a page: a folder's index.html is its folder."""
    return path.removesuffix("index.html")


def absolute(base_url: str, path: str) -> str:
    """The page's public URL under the base URL, or "" when no base URL is set."""
    return f"{base_url}{pretty(path)}" if base_url else ""

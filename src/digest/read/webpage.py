"""A saved web page -> SourceDoc: its main text, and the fields its metadata gives.

A page holds far more than its article: menus, cookie banners, share buttons, footers,
scripts. trafilatura finds the main text and reads what the page says of itself: its
title, authors, date, site name and canonical URL (`<meta>` tags, Open Graph, JSON-LD).
The text then goes to the same reader as a .txt file's; the page's fields are applied as an
editor's are (editorial.apply_fields), so they count as given, not guessed, though not as
edited. Only text leaves the page: no tag, script or attribute of it reaches the site.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ..models.documents import Skip, SourceDoc
from ..problems import Problem
from .edit_fields import parse_edits

if TYPE_CHECKING:
    from trafilatura.settings import Document

# Dates only from the page's markup (meta tags, JSON-LD and the like), not guessed from its
# text or its URL: the reader finds a date line in the text itself.
_DATES = {"extensive_search": False, "original_date": True}


def read_page(name: str, html: str, encoding: str, warnings: list[Problem]) -> SourceDoc | Skip:
    """A web page's main text, with its metadata as the fields it gives."""
    page = main_text_and_metadata(html)
    text = page.text if page is not None and page.text else ""
    if page is None or not text.strip():
        return Skip(name, "an HTML page with no main text")
    edits, problems = parse_edits(page_fields(page), "page-metadata", name, {})
    return SourceDoc(
        source=name,
        text=text,
        encoding=encoding,
        warnings=(*warnings, *problems),
        edits=edits if edits.fields else None,
    )


def main_text_and_metadata(html: str) -> Document | None:
    """trafilatura's reading of the page, or None when it finds no text."""
    # Imported here: trafilatura and lxml take a third of a second to import, which a
    # digest without web pages need not pay.
    import trafilatura
    from trafilatura.settings import Document

    # It logs each page it finds nothing in; the skip says so, with the file's name.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    found = trafilatura.bare_extraction(
        html,
        # A line of the article lost costs less than a menu kept: on a short page, the
        # balanced mode takes the whole page's text when the article's seems too little.
        favor_precision=True,
        with_metadata=True,
        include_comments=False,
        include_links=False,
        include_images=False,
        date_extraction_params=_DATES,
    )
    return found if isinstance(found, Document) else None


def page_fields(page: Document) -> dict[str, Any]:
    """The fields the page's metadata gives, by the names front matter uses."""
    fields = {
        "title": page.title,
        "authors": [a.strip() for a in (page.author or "").split(";") if a.strip()],
        "date": page.date,
        # Without a declared site name, trafilatura falls back on the host name, which
        # names no publisher.
        "publisher": page.sitename if page.sitename != page.hostname else None,
        "source_url": page.url,
    }
    return {key: value for key, value in fields.items() if value}

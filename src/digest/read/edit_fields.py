"""The fields an editor may set: the edits a mapping of fields gives, each value checked."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from ..models.article import Author
from ..models.documents import EDITABLE_FIELDS, EditOrigin, Edits, ThemeEdit
from ..problems import Problem, unknown_key
from ..text import make_slug, normalise_space, shorten

# A pinned slug: what slugs of titles look like (lowercase letters and digits in words
# joined by single hyphens), at most as long as they are.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_CHARS = 80


def parse_edits(
    values: Mapping[Any, Any], origin: EditOrigin, source: str, lines: Mapping[str, int]
) -> tuple[Edits, list[Problem]]:
    """The fields an editor set in `source` (or a web page's metadata gives), and a warning
    for each unknown field or unusable value."""
    changes: dict[str, Any] = {}
    problems = []
    # A page's metadata has no lines; its warnings say where the values came from.
    said = "page metadata: " if origin == "page-metadata" else ""
    for key, value in values.items():
        line = lines.get(str(key))
        reader = _READERS.get(str(key))
        if reader is None:
            problems.append(unknown_key(source, line, key, "field", EDITABLE_FIELDS))
            continue
        try:
            changes[str(key)] = reader(value)
        except ValueError as err:
            problems.append(Problem(source, line, "bad-value", f"{said}{key}: {err}; ignored"))
    fields = tuple(f for f in EDITABLE_FIELDS if f in changes)
    at = tuple((f, lines[f]) for f in fields if f in lines)
    return Edits(origin, fields, **changes, source=source, lines=at), problems


def _text(value: Any) -> str:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ValueError(f"expected text, got {type(value).__name__}")
    text = normalise_space(str(value))
    if not text:
        raise ValueError("empty")
    return text


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _note(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected Markdown text")
    return value.strip()


def _url(value: Any) -> str | None:
    url = _optional_text(value)
    if url is not None and (urlsplit(url).scheme not in ("http", "https") or " " in url):
        raise ValueError(f"not an http(s) URL: {shorten(repr(url), 80)}")
    return url


def _date(value: Any) -> str | None:
    """An ISO date from YAML's date, a datetime, or text starting with YYYY-MM-DD."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {shorten(repr(value), 80)}") from None


def _authors(value: Any) -> tuple[Author, ...]:
    """Names, or {name, bio} mappings; one name alone is a list of one."""
    items = value if isinstance(value, list) else [value]
    authors = []
    for item in items:
        if isinstance(item, dict):
            unknown = set(item) - {"name", "bio"}
            if unknown or "name" not in item:
                raise ValueError("an author is a name or {name, bio}")
            authors.append(Author(_text(item["name"]), _optional_text(item.get("bio")) or ""))
        else:
            authors.append(Author(_text(item)))
    return tuple(authors)


def _slug(value: Any) -> str:
    """A slug to pin the article's URL to, as slugs of titles are written."""
    text = _text(value)
    if len(text) > SLUG_CHARS or not _SLUG.fullmatch(text):
        raise ValueError(
            f"not a slug: {shorten(repr(text), 80)} (lowercase letters, digits and single "
            f"hyphens, at most {SLUG_CHARS} characters, such as {make_slug(text)!r})"
        )
    return text


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _theme_ids(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(_text(item) for item in items)


def _themes(value: Any) -> ThemeEdit:
    """A list replaces the automatic themes; {add: [...], remove: [...]} adjusts them."""
    if isinstance(value, dict):
        unknown = set(value) - {"add", "remove"}
        if unknown:
            raise ValueError(f"expected a list, or add and remove; got {sorted(map(str, unknown))}")
        return ThemeEdit(
            add=_theme_ids(value.get("add") or []), remove=_theme_ids(value.get("remove") or [])
        )
    return ThemeEdit(only=_theme_ids(value or []))


_READERS: dict[str, Callable[[Any], Any]] = {
    "title": _text,
    "authors": _authors,
    "publisher": _optional_text,
    "date": _date,
    "source_url": _url,
    "slug": _slug,
    "themes": _themes,
    "thesis": _text,
    "draft": _flag,
    "note": _note,
}

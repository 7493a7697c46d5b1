"""Editors' control: Markdown articles with YAML front matter, and `overrides.yaml`.

Extraction is never perfect and a digest is edited. An editor sets or corrects fields in a
Markdown file's front matter, or for any input file in `overrides.yaml` in the seeds folder,
keyed by file name; the scraped text is never touched. Set fields win over extraction
(an override over front matter, and both over a web page's metadata, which is applied the
same way), are listed in the record's `overridden`, and are shown as edited on the page.
Problems are warnings with file and line; malformed YAML skips its file. A field given
answers the reader's warning that the text lacks it (problems.ANSWERED_BY).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .article import Article, Author, ThemeHit
from .bounded_yaml import yaml_with_lines
from .config import yaml_problem
from .documents import EDITABLE_FIELDS, EDITORS, EditOrigin, Edits, Skip, SourceDoc, ThemeEdit
from .md import markdown_blocks
from .problems import Problem, unanswered, unknown_key
from .taxonomy import Taxonomy
from .text import fold, make_slug, normalise_space, shorten

OVERRIDES_FILE = "overrides.yaml"
OUTSIDE_LINK = "a link to a file outside the seeds folder; not followed"
# The score of a theme an editor adds: as sure as the tagger ever is.
EDITOR_SCORE = 1.0
# A pinned slug: what slugs of titles look like (lowercase letters and digits in words
# joined by single hyphens), at most as long as they are.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_CHARS = 80
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.DOTALL | re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Overrides:
    """overrides.yaml read: edits and their warnings by file name, and the file's own problems."""

    edits: Mapping[str, tuple[Edits, tuple[Problem, ...]]]
    lines: Mapping[str, int]  # the line of each file name, for warnings
    skip: Skip | None = None


def leads_outside(path: Path, root: Path) -> bool:
    """Whether a path in the seeds folder (resolved: `root`) is a link to something outside
    it, which is never read: a seed could otherwise name any file of the machine."""
    return path.is_symlink() and not path.resolve().is_relative_to(root)


# --- Markdown articles ------------------------------------------------------------------


def read_markdown(name: str, text: str, encoding: str, warnings: list[Problem]) -> SourceDoc | Skip:
    """A Markdown article: its front matter as edits, its body as plain and Markdown blocks."""
    front, body, body_line = split_front_matter(text)
    edits = None
    if front is not None:
        try:
            values, key_lines = yaml_with_lines(front)
        except yaml.YAMLError as err:
            return Skip(name, f"{yaml_problem(name, err, first_line=2)}; file skipped")
        if values is not None and not isinstance(values, dict):
            return Skip(name, f"{name}:2: the front matter is not a mapping of fields; skipped")
        lines = {key[0]: line + 2 for key, line in key_lines.items() if len(key) == 1}
        edits, problems = parse_edits(values or {}, "front-matter", name, lines)
        warnings = [*warnings, *problems]
    blocks = markdown_blocks(body)
    if not blocks:
        return Skip(name, f"no text after the front matter (from line {body_line})")
    return SourceDoc(
        source=name,
        text="\n\n".join(plain for plain, _ in blocks),
        encoding=encoding,
        warnings=tuple(warnings),
        markdown=tuple(blocks),
        edits=edits,
    )


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter YAML or None, body, the body's first line number)."""
    found = _FRONT_MATTER.match(text)
    if found is None:
        return None, text, 1
    return found.group(1), text[found.end() :], found.group(0).count("\n") + 1


# --- overrides.yaml -----------------------------------------------------------------------


def read_overrides(seeds: Path) -> Overrides:
    """The seeds folder's overrides.yaml, if any; malformed YAML skips the whole file."""
    path = seeds / OVERRIDES_FILE
    if not path.is_file():
        return Overrides({}, {})
    if leads_outside(path, seeds.resolve()):
        return Overrides({}, {}, Skip(OVERRIDES_FILE, f"{OUTSIDE_LINK}; no overrides applied"))
    try:
        values, key_lines = yaml_with_lines(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        return Overrides({}, {}, Skip(OVERRIDES_FILE, f"cannot read: {err}; no overrides applied"))
    except yaml.YAMLError as err:
        reason = f"{yaml_problem(OVERRIDES_FILE, err)}; no overrides applied"
        return Overrides({}, {}, Skip(OVERRIDES_FILE, reason))
    if values is not None and not isinstance(values, dict):
        reason = "not a mapping of file names to fields; no overrides applied"
        return Overrides({}, {}, Skip(OVERRIDES_FILE, f"{OVERRIDES_FILE}:1: {reason}"))
    lines = {key: line + 1 for key, line in key_lines.items()}
    edits: dict[str, tuple[Edits, tuple[Problem, ...]]] = {}
    for name, fields in (values or {}).items():
        if not isinstance(fields, dict):
            line = lines.get((str(name),))
            problem = Problem(OVERRIDES_FILE, line, "bad-value", "not a mapping of fields; ignored")
            edits[str(name)] = (Edits("override"), (problem,))
            continue
        field_lines = {k[1]: n for k, n in lines.items() if len(k) == 2 and k[0] == str(name)}
        edit, problems = parse_edits(fields, "override", OVERRIDES_FILE, field_lines)
        edits[str(name)] = (edit, tuple(problems))
    return Overrides(edits, {k[0]: n for k, n in lines.items() if len(k) == 1})


def edits_for(
    doc: SourceDoc, overrides: Overrides
) -> tuple[tuple[Edits, ...], tuple[Problem, ...]]:
    """A file's edits, front matter first, and the warnings its overrides entry gave."""
    edits, problems = overrides.edits.get(doc.source, (None, ()))
    return tuple(e for e in (doc.edits, edits) if e is not None), problems


def is_draft(edits: Iterable[Edits]) -> bool:
    """Whether the last edit that says so marks the article a draft."""
    flags = [e.draft for e in edits if "draft" in e.fields]
    return bool(flags) and flags[-1]


def with_markdown(article: Article, doc: SourceDoc) -> Article:
    """Give each paragraph of a Markdown article its Markdown source."""
    if not doc.markdown:
        return article
    sources = dict(doc.markdown)
    return replace(article, markdown=tuple(sources.get(p, "") for p in article.paragraphs))


def unknown_files(overrides: Overrides, names: Iterable[str]) -> list[Problem]:
    """A warning for each overridden file name that is no file of the seeds folder."""
    known = set(names)
    return [
        Problem(
            OVERRIDES_FILE,
            overrides.lines.get(name),
            "unknown-file",
            f"no input file named {name!r}",
        )
        for name in overrides.edits
        if name not in known
    ]


# --- reading fields -------------------------------------------------------------------------


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


# --- applying edits -------------------------------------------------------------------------


def apply_fields(article: Article, edits: Iterable[Edits]) -> Article:
    """The article with every field but themes set as the edits say, later edits winning."""
    for edit in edits:
        changes: dict[str, Any] = {
            f: getattr(edit, f) for f in edit.fields if f not in ("themes", "draft")
        }
        if "title" in changes:
            changes["title_source"] = edit.origin
        if "date" in changes:
            changes["date_source"] = edit.origin if edit.date else None
        if "authors" in changes:
            names = {fold(a.name) for a in edit.authors}
            changes["quoted"] = tuple(q for q in article.quoted if fold(q.name) not in names)
        if edit.origin in EDITORS:
            overridden = set(article.overridden) | set(edit.fields)
            changes["overridden"] = tuple(f for f in EDITABLE_FIELDS if f in overridden)
        article = replace(article, **changes)
    return article


def apply_themes(article: Article, edits: Iterable[Edits], taxonomy: Taxonomy) -> Article:
    """The article's themes as the editors set or adjusted them; unknown themes are warnings."""
    labels = {theme.id: theme.label for theme in taxonomy.themes}
    hits = {hit.id: hit for hit in article.themes}
    warnings = list(article.warnings)
    for edit in edits:
        if "themes" not in edit.fields:
            continue
        change = edit.themes
        named = [*(change.only or ()), *change.add, *change.remove]
        for theme_id in named:
            if theme_id not in labels:
                message = f"themes: no theme {theme_id!r} in the taxonomy; ignored"
                warnings.append(Problem(edit.source, edit.line("themes"), "unknown-theme", message))
        wanted = change.add if change.only is None else change.only
        kept = hits if change.only is None else {i: h for i, h in hits.items() if i in wanted}
        for theme_id in wanted:
            if theme_id in labels and theme_id not in kept:
                kept[theme_id] = ThemeHit(theme_id, labels[theme_id], EDITOR_SCORE, ())
        hits = {i: h for i, h in kept.items() if i not in change.remove}
    themes = tuple(sorted(hits.values(), key=lambda h: (-h.score, h.id)))
    return replace(article, themes=themes, warnings=tuple(warnings))


def without_answered(article: Article, edits: Iterable[Edits]) -> Article:
    """The article without the warnings of a missing field that the edits give."""
    given = [field for edit in edits for field in edit.fields]
    return replace(article, warnings=unanswered(article.warnings, given))

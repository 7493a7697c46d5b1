"""Editors' edits applied to an article: the fields they set win over extraction's.

Extraction is never perfect and a digest is edited. An editor sets or corrects fields in a
Markdown file's front matter (`front_matter`), or for any input file in `overrides.yaml` in
the seeds folder (`overrides`), keyed by file name, each read as `edit_fields` says; the
scraped text is never touched. Set fields win over extraction (an override over front
matter, and both over a web page's metadata, which is applied the same way), are listed in
the record's `overridden`, and are shown as edited on the page. Problems are warnings with
file and line; malformed YAML skips its file. A field given answers the reader's warning
that the text lacks it (problems.ANSWERED_BY).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ..analyse.taxonomy import Taxonomy
from ..models.article import Article, ThemeHit
from ..models.documents import EDITABLE_FIELDS, EDITORS, Edits
from ..problems import Problem, unanswered
from ..text import fold

# The score of a theme an editor adds: as sure as the tagger ever is.
EDITOR_SCORE = 1.0


def is_draft(edits: Iterable[Edits]) -> bool:
    """Whether the last edit that says so marks the article a draft."""
    flags = [e.draft for e in edits if "draft" in e.fields]
    return bool(flags) and flags[-1]


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

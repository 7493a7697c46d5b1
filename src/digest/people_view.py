"""What the people pages show: the index of everyone the digest names, and one person's
roles, statements and articles. Plain dicts for the templates, built from a PersonEntry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import PersonEntry, Statement
from .urls import article_path, paragraph_anchor, person_path

Context = dict[str, Any]
Link = Callable[[str, str], Context]  # (article slug, root) -> {"title", "href"}


def person_row(person: PersonEntry, root: str) -> Context:
    """A person on the people index: name, first role, and how often they write and are
    quoted."""
    return {
        "name": person.name,
        "href": root + person_path(person.slug),
        "role": person.roles[0] if person.roles else "",
        "wrote": len(person.wrote),
        "quoted": len(person.quoted_in),
    }


def person_details(person: PersonEntry, root: str, link: Link) -> Context:
    """What a person's page lists: roles, other spellings, bio, statements with a link to
    their place, and the articles they wrote or are quoted in (newest first)."""
    return {
        "roles": list(person.roles),
        "variants": list(person.variants),
        "bio": person.bio,
        "statements": [_statement(s, root, link) for s in person.statements],
        "wrote": [link(slug, root) for slug in person.wrote],
        "quoted_in": [link(slug, root) for slug in person.quoted_in],
    }


def _statement(statement: Statement, root: str, link: Link) -> Context:
    article = link(statement.article, root)
    place = root + article_path(statement.article)
    if statement.paragraph >= 0:
        place += f"#{paragraph_anchor(statement.paragraph)}"
    return {"text": statement.text, "href": place, "article": article["title"]}

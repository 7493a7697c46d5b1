"""Markdown articles: YAML front matter as an editor's edits, the body as Markdown blocks."""

from __future__ import annotations

import re
from dataclasses import replace

import yaml

from ..bounded_yaml import yaml_with_lines
from ..config import yaml_problem
from ..md import markdown_blocks
from ..models.article import Article
from ..models.documents import Skip, SourceDoc
from ..problems import Problem
from .edit_fields import parse_edits

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.DOTALL | re.MULTILINE)


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


def with_markdown(article: Article, doc: SourceDoc) -> Article:
    """Give each paragraph of a Markdown article its Markdown source."""
    if not doc.markdown:
        return article
    sources = dict(doc.markdown)
    return replace(article, markdown=tuple(sources.get(p, "") for p in article.paragraphs))

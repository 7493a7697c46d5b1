"""Views -> OutputFile: Jinja pages and JSON documents, byte-for-byte reproducible."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .config import Config
from .models import OutputFile, Site
from .views import articles_document, index_context, report_document


def to_json(document: Any) -> bytes:
    """Deterministic JSON: sorted keys, UTF-8, two-space indent, trailing newline."""
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def environment(templates: Path) -> Environment:
    """The Jinja environment: autoescaped HTML and XML, undefined names are errors."""
    return Environment(
        loader=FileSystemLoader(templates),
        autoescape=select_autoescape(("html", "xml")),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def render_site(site: Site, config: Config) -> list[OutputFile]:
    """Every generated file of the output tree (static assets are copied by `write`)."""
    env = environment(config.templates)
    return [
        OutputFile(
            "index.html",
            env.get_template("index.html").render(index_context(site, config)).encode(),
        ),
        OutputFile("data/articles.json", to_json(articles_document(site))),
        OutputFile("data/build-report.json", to_json(report_document(site))),
    ]

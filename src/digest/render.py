"""Views -> OutputFile: serialise what each output file holds, byte-for-byte reproducibly."""

from __future__ import annotations

import json
from typing import Any

from .models import OutputFile, Site
from .views import articles_document, report_document


def to_json(document: Any) -> bytes:
    """Deterministic JSON: sorted keys, UTF-8, two-space indent, trailing newline."""
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def render_site(site: Site) -> list[OutputFile]:
    """Every file of the output tree."""
    return [
        OutputFile("data/articles.json", to_json(articles_document(site))),
        OutputFile("data/build-report.json", to_json(report_document(site))),
    ]

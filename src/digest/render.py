"""Views -> OutputFile: Jinja pages, feeds and JSON documents, byte-for-byte reproducible."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    select_autoescape,
)
from markupsafe import Markup

from .cache import Memo, PageStore, code_fingerprint
from .config import SHIPPED_TEMPLATES, Config
from .errors import TEMPLATE_MISUSE, ConfigError, TemplateProblem
from .feeds import feed_context, robots_txt, sitemap_context
from .md import render
from .models import OutputFile, Site
from .records import articles_json, compact_json, report_document
from .urls import DATA, FEED, SITEMAP
from .views import Page, Views


def to_json(document: Any) -> bytes:
    """Deterministic JSON: sorted keys, UTF-8, compact, a trailing newline."""
    return (compact_json(document) + "\n").encode()


def script_json(document: Any) -> Markup:
    """JSON safe inside a <script> element: <, > and & are escaped as JSON escapes.

    The one value marked safe: it is our serialisation, and no seed text can end the
    script element through it.
    """
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escape)
    return Markup(text)


def environment(config: Config) -> Environment:
    """The Jinja environment: the user's templates first, then the shipped ones.

    HTML and XML are autoescaped, and an undefined name is an error, not an empty string.
    """
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(f) for f in template_folders(config)]),
        autoescape=select_autoescape(("html", "xml")),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["script_json"] = script_json
    return env


def template_folders(config: Config) -> list[Path]:
    """Where templates are looked up, in order: the user's, then the shipped ones."""
    return [*([config.templates_dir] if config.templates_dir else []), SHIPPED_TEMPLATES]


def site_fingerprint(config: Config) -> str:
    """A hash of everything besides a page's own sources that makes it: digest's code, the
    config, and every file of the template folders."""
    digest = hashlib.sha256(f"{code_fingerprint()}\n{config!r}".encode())
    for folder in template_folders(config):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                digest.update(f"\n{path}\n".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def about_html(path: Path) -> Markup:
    """The About page's Markdown file rendered to HTML; raw HTML in it is escaped."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read the about page: {err}") from None
    return Markup(render(source))


def render_site(
    site: Site, config: Config, store: PageStore | None = None, records: Memo | None = None
) -> list[OutputFile]:
    """Every generated file of the output tree (static assets are copied by `write`).

    With a store, a page made from a few articles is taken from it when its sources are
    unchanged, and stored when it is rendered: a rebuild renders only what changed. The
    records memo keeps each article's JSON record between builds.
    """
    env = environment(config)
    views = Views(site, config, about_html(config.about))
    fingerprint = site_fingerprint(config) if store else ""
    try:
        files = [
            OutputFile(page.path, _page(env, page, store, fingerprint)) for page in views.pages()
        ]
        files.append(OutputFile(FEED, _render(env, "feed.xml", feed_context(site, config))))
        files.append(
            OutputFile(SITEMAP, _render(env, "sitemap.xml", sitemap_context(files, config)))
        )
    except (TemplateError, *TEMPLATE_MISUSE) as err:
        raise TemplateProblem.of(err) from None
    return [
        *files,
        OutputFile("robots.txt", robots_txt(config).encode()),
        OutputFile(".nojekyll", b""),
        OutputFile(DATA, articles_json(site, records or Memo({}))),
        OutputFile("data/build-report.json", to_json(report_document(site))),
    ]


def _page(env: Environment, page: Page, store: PageStore | None, fingerprint: str) -> bytes:
    """A page's bytes: from the store when it holds the page with these sources."""
    if store is None or page.sources is None:
        return _render(env, page.template, page.context())
    key = hashlib.sha256(f"{fingerprint}\n{page.path}\n{page.sources}".encode()).hexdigest()
    stored = store.get(key)
    if stored is None:
        stored = _render(env, page.template, page.context())
        store.put(key, stored)
    return stored


def _render(env: Environment, template: str, context: dict[str, Any]) -> bytes:
    return env.get_template(template).render(context).encode()

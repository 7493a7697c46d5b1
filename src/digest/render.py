"""Views -> OutputFile: Jinja pages, feeds and JSON documents, byte-for-byte reproducible."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from functools import lru_cache, partial
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

from .cache import Memo, code_fingerprint
from .config import SHIPPED_TEMPLATES, Config
from .errors import TEMPLATE_MISUSE, ConfigError, TemplateProblem
from .feeds import feed_context, robots_txt, sitemap_context
from .md import render
from .models import Kept, OutputFile, Site
from .records import articles_json, compact_json, records_key, report_document
from .search import FALLBACK, fallback_index
from .urls import DATA, FEED, SITEMAP
from .views import Context, Page, Views


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
    """The Jinja environment: the user's templates first, then the shipped ones."""
    return _environment(tuple(template_folders(config)))


@lru_cache(maxsize=4)
def _environment(folders: tuple[Path, ...]) -> Environment:
    """The environment for these template folders, kept with its compiled templates: Jinja
    compiles a template again only when its file changed (so a serving process compiles
    each once). HTML and XML are autoescaped, and an undefined name is an error, not an
    empty string.
    """
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(f) for f in folders]),
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


# Tells whether the output already holds a path made from a key (write.Output.holds).
Holds = Callable[[str, str], bool]


def nothing_held(_: str, __: str) -> bool:
    """Holds nothing: every file is made."""
    return False


def keyed(path: str, key: str, make: Callable[[], bytes], holds: Holds) -> OutputFile | Kept:
    """A file made from the key: kept when the output already holds it, else made."""
    return Kept(path, key) if holds(path, key) else OutputFile(path, make(), key)


def render_site(
    site: Site, config: Config, records: Memo, holds: Holds = nothing_held
) -> Iterator[OutputFile | Kept]:
    """Every generated file of the output tree but the Pagefind bundle (static assets are
    copied by `write`), one at a time, so that each can be written and forgotten.

    A page made from a few articles, and the JSON of all of them, have a key: a hash of
    what they are made from, the config, the templates and the code. A file the output
    already holds for its key is kept, not made again. The records memo keeps each
    article's JSON record between builds.
    """
    env = environment(config)
    views = Views(site, config, about_html(config.about))
    fingerprint = site_fingerprint(config)
    pages = list(views.pages())
    try:
        for page in pages:
            yield _page(env, page, holds, fingerprint)
        yield OutputFile(FEED, _render(env, "feed.xml", feed_context(site, config)))
        paths = [page.path for page in pages]
        yield OutputFile(SITEMAP, _render(env, "sitemap.xml", sitemap_context(paths, config)))
    except (TemplateError, *TEMPLATE_MISUSE) as err:
        raise TemplateProblem.of(err) from None
    yield OutputFile("robots.txt", robots_txt(config).encode())
    yield OutputFile(".nojekyll", b"")
    every_record = records_key(site)
    for path, make in ((DATA, articles_json), (FALLBACK, fallback_index)):
        key = _key(fingerprint, path, every_record)
        yield keyed(path, key, partial(make, site, records), holds)
    yield OutputFile("data/build-report.json", to_json(report_document(site)))


def _page(env: Environment, page: Page, holds: Holds, fingerprint: str) -> OutputFile | Kept:
    """A page: kept when the output holds it made from the same sources, else rendered."""
    if page.sources is None:
        return OutputFile(page.path, _render(env, page.template, page.context()))
    make = partial(_render, env, page.template, page.context)
    return keyed(page.path, _key(fingerprint, page.path, page.sources), make, holds)


def _key(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _render(env: Environment, template: str, context: Context | Callable[[], Context]) -> bytes:
    made = context() if callable(context) else context
    return env.get_template(template).render(made).encode()

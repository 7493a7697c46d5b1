"""Views -> OutputFile: Jinja pages, feeds and JSON documents, byte-for-byte reproducible."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import fields, is_dataclass
from functools import lru_cache
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
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..build.cache import Memo
from ..build.keys import page_key, records_key, site_fingerprint
from ..config import SHIPPED_TEMPLATES, Config
from ..errors import TEMPLATE_MISUSE, ConfigError, TemplateProblem
from ..md import render
from ..models.indexes import Site
from ..models.outputs import Kept, OutputFile
from .feeds import feed_context, robots_txt, sitemap_context
from .records import articles_json, compact_json, report_document, site_document
from .search import FALLBACK, fallback_index
from .urls import DATA, FEED, SITEMAP
from .views.pages import site_pages


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


class ViewEnvironment(SandboxedEnvironment):
    """A sandboxed environment for contexts made of records (see views) and dictionaries.

    Templates run in Jinja's sandbox, which refuses what a template could use to reach
    Python itself (`__class__`, `__globals__`, unsafe callables): a user's templates_dir
    may come with a folder the user builds without reading it. It costs nothing measurable
    (rendering 1,447 pages: 1.64 s sandboxed, 1.70 s not, within the noise).

    `card.title` is found without the sandbox's checks when it is a field of a record (a
    dataclass) or a key of a dictionary: the checks of every look-up cost a third of
    rendering a large digest (and for a dictionary Jinja tries the attribute first, whose
    failure costs as much). A public field is data, which the sandbox lets through anyway;
    our contexts' keys never name a method they need, and a key is no attribute the
    sandbox need check.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        """A record's field or a dictionary's key, else what the sandbox allows Jinja to
        find. (Run for every `.` in a template: a function call more costs 5% of
        rendering.)"""
        kind = type(obj)
        if kind is dict:
            if attribute in obj:
                return obj[attribute]
        elif attribute in (_PUBLIC_FIELDS.get(kind) or public_fields(kind)):
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)


# The public fields of each type a template has read an attribute of (see public_fields).
_PUBLIC_FIELDS: dict[type, frozenset[str]] = {}


def public_fields(kind: type) -> frozenset[str]:
    """The fields of a dataclass a template may read, those not named with an underscore,
    kept for the next look-up; none for any other type."""
    if kind not in _PUBLIC_FIELDS:
        names = (f.name for f in fields(kind)) if is_dataclass(kind) else ()
        _PUBLIC_FIELDS[kind] = frozenset(n for n in names if not n.startswith("_"))
    return _PUBLIC_FIELDS[kind]


@lru_cache(maxsize=4)
def _environment(folders: tuple[Path, ...]) -> Environment:
    """The environment for these template folders, kept with its compiled templates: Jinja
    compiles a template again only when its file changed (so a serving process compiles
    each once). HTML and XML are autoescaped, and an undefined name is an error, not an
    empty string.
    """
    env = ViewEnvironment(
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


def about_html(path: Path, remote_images: bool = False) -> Markup:
    """The About page's Markdown file rendered to HTML; raw HTML in it is escaped."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read the about page: {err}") from None
    return Markup(render(source, remote_images=remote_images))


# The characters XML 1.0 cannot hold, even escaped: C0 controls but tab and line ends, lone
# surrogates, U+FFFE and U+FFFF. A seed's text may carry them, and a feed reader refuses a
# whole feed for one.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Tells whether the output already holds a path made from a key (write.Output.holds).
Holds = Callable[[str, str], bool]


class Pages:
    """The HTML pages of a site, each with its key, and how to render one.

    A page's key is a hash of what it shows (see views.pages.Shown), the config, the
    templates and the code: a page the output holds with the same key is kept as it is.
    """

    def __init__(self, site: Site, config: Config, shown: Memo | None = None) -> None:
        self.env = environment(config)
        self.fingerprint = site_fingerprint(config, template_folders(config))
        about = about_html(config.about, config.remote_images)
        self.pages = list(site_pages(site, config, about, shown or Memo({})))

    def key(self, index: int) -> str:
        """The key of the page at this index (made where the output is checked, not in a
        worker, which is told the keys of the pages it renders)."""
        page = self.pages[index]
        return page_key(self.fingerprint, page.path, page.shown())

    def file(self, index: int, key: str) -> OutputFile:
        """Render the page at this index, under its key."""
        page = self.pages[index]
        content = render_template(self.env, page.template, page.namespace)
        return OutputFile(page.path, content, key)


def other_files(
    site: Site, config: Config, records: Memo, pages: Pages, holds: Holds
) -> Iterator[OutputFile | Kept]:
    """The generated files besides the HTML pages and the Pagefind bundle: feed, sitemap,
    robots.txt and the JSON documents. The JSON of every article has a key, and is kept
    when the output holds it; the records memo keeps each article's JSON between builds."""
    yield OutputFile(FEED, render_template(pages.env, "feed.xml", feed_context(site, config)))
    paths = [page.path for page in pages.pages]
    yield OutputFile(
        SITEMAP, render_template(pages.env, "sitemap.xml", sitemap_context(paths, config))
    )
    yield OutputFile("robots.txt", robots_txt(config).encode())
    yield OutputFile(".nojekyll", b"")
    every_record = records_key(compact_json(site_document(site)), site.articles)
    for path, make in ((DATA, articles_json), (FALLBACK, fallback_index)):
        key = page_key(pages.fingerprint, path, every_record)
        yield Kept(path, key) if holds(path, key) else OutputFile(path, make(site, records), key)
    yield OutputFile("data/build-report.json", to_json(report_document(site)))


Context = Mapping[str, Any]


def render_template(
    env: Environment, template: str, context: Context | Callable[[], Context]
) -> bytes:
    """A template rendered with a context (or what makes it); a misuse of the templates is
    a problem that names the template and line. What XML cannot hold is left out of XML."""
    try:
        made = context() if callable(context) else context
        text = env.get_template(template).render(made)
    except (TemplateError, *TEMPLATE_MISUSE) as err:
        raise TemplateProblem.of(err) from None
    return (_NOT_XML.sub("", text) if template.endswith(".xml") else text).encode()

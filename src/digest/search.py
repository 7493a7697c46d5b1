"""The search indexes: Pagefind's full-text bundle, and a small fallback for file://.

Pagefind (the static-search engine, run through its Python API) indexes each article
page's marked body: title, authors, publisher, thesis, key claims and the cleaned text,
with the filters theme, author, publisher and kind. URLs in the bundle are relative to the
site root, and Pagefind's script puts the folder it was loaded from in front, so the same
bundle works at `/` and under a sub-path. Browsers block Pagefind's module and WebAssembly
requests from file://, so the search page then falls back to `search/index.js`: titles,
authors, themes, theses and claims, loaded as a classic script (the approach of mdBook
and MkDocs Material's offline search).
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .errors import DigestError
from .models import KIND_LABELS, Article, OutputFile, Site
from .urls import article_path, claim_anchor

BUNDLE = "pagefind"
FALLBACK = "search/index.js"
# The facets a search can be narrowed by, in the order the search page offers them.
FILTERS = ("theme", "author", "publisher", "kind")


class SearchIndexError(DigestError):
    """Pagefind could not build the search index."""


def filters(article: Article) -> dict[str, list[str]]:
    """The values an article is found under by each search filter."""
    values = {
        "theme": [h.label for h in article.themes],
        "author": [a.name for a in article.authors],
        "publisher": [article.publisher] if article.publisher else [],
        "kind": [KIND_LABELS[article.kind]],
    }
    return {name: sorted(v) for name, v in values.items() if v}


def pagefind_bundle(pages: list[OutputFile]) -> list[OutputFile]:
    """Pagefind's bundle for the rendered article pages, as output files under pagefind/.

    Pagefind reads what each page marks up for it (`data-pagefind-body`, `-filter`,
    `-meta`, `-ignore`). The pages are handed over as one folder, which costs one round
    trip to the Pagefind binary (its Python API waits 0.1 s per message, so a record at a
    time would take minutes for a large digest); the bundle it writes is read back so
    that the output is still written in one atomic step with everything else.
    """
    with tempfile.TemporaryDirectory(prefix="digest-search-") as folder:
        site, bundle = Path(folder) / "site", Path(folder) / BUNDLE
        for page in pages:
            target = site / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.content)
        try:
            run_coroutine(_index(site, bundle))
        except (OSError, RuntimeError, AssertionError) as err:
            raise SearchIndexError(f"the Pagefind search index could not be built: {err}") from err
        return [
            OutputFile(f"{BUNDLE}/{p.relative_to(bundle).as_posix()}", p.read_bytes())
            for p in sorted(bundle.rglob("*"))
            if p.is_file()
        ]


def run_coroutine(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run Pagefind's asyncio API to the end, also when the caller already runs an event
    loop (a notebook, Playwright's sync API): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine)
        return
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(asyncio.run, coroutine).result()


async def _index(site: Path, bundle: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    # keep_index_url: results link to .../index.html, a file, like every link of the site
    config = IndexConfig(force_language="en", keep_index_url=True, output_path=str(bundle))
    async with PagefindIndex(config=config) as index:  # closing it writes the bundle
        await index.add_directory(str(site))


def fallback_index(site: Site) -> OutputFile:
    """The file:// search data as a classic script: what a reader knows a piece by."""
    data = [
        {
            "url": article_path(a.slug),
            "title": a.title,
            "authors": [p.name for p in a.authors],
            "thesis": a.thesis,
            "claims": [{"text": c.text, "anchor": claim_anchor(i)} for i, c in enumerate(a.claims)],
            "filters": filters(a),
        }
        for a in site.articles
    ]
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return OutputFile(FALLBACK, f"window.DIGEST_SEARCH = {payload};\n".encode())

"""The search indexes: Pagefind's full-text bundle, and a small fallback for file://.

Pagefind (the static-search engine, run through its Python API) indexes each article
page's marked body: title, authors, publisher, thesis, key claims and the cleaned text,
with the filters theme, author, publisher and kind. URLs in the bundle are relative to the
site root, and Pagefind's script puts the folder it was loaded from in front, so the same
bundle works at `/` and under a sub-path. Browsers block Pagefind's module and WebAssembly
requests from file://, so the search page then falls back to `search/index.js`: titles,
authors, themes, theses and claims, loaded as a classic script (the approach of mdBook
and MkDocs Material's offline search).

A large digest is indexed in shards of at most SHARD_SIZE articles, each a Pagefind bundle
of its own: the first at pagefind/, the others at pagefind/shard-N/, which the search page
merges (Pagefind's mergeIndex: one result list by score, filters combined). Shards are
indexed in parallel, and a rebuild re-indexes only the shards whose pages changed. An
article's shard comes from a hash of its path, so it stays in its shard while the number
of shards stays the same; that number doubles as the digest grows.
"""

from __future__ import annotations

import asyncio
import hashlib
import tempfile
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .cache import Memo
from .errors import DigestError
from .models import KIND_LABELS, Article, OutputFile, Site
from .records import json_list
from .urls import article_path, claim_anchor

BUNDLE = "pagefind"
FALLBACK = "search/index.js"
# The facets a search can be narrowed by, in the order the search page offers them.
FILTERS = ("theme", "author", "publisher", "kind")
# Articles per Pagefind index at most: indexing takes about 2 ms an article, so a shard
# re-indexes in about a second, and a browser loads a few indexes for a large digest.
SHARD_SIZE = 500


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


def shards(site: Site) -> list[list[str]]:
    """The paths of the site's article pages grouped into the shards of the search index,
    in shard order; every shard holds at least one page."""
    paths = [article_path(a.slug) for a in site.articles]
    count = 1
    while count * SHARD_SIZE < len(paths):
        count *= 2
    groups: list[list[str]] = [[] for _ in range(count)]
    for path in paths:
        groups[int(hashlib.sha256(path.encode()).hexdigest()[:8], 16) % count].append(path)
    return [group for group in groups if group]


def bundle_folder(shard: int) -> str:
    """Where a shard's Pagefind bundle lives in the site: the first one at pagefind/."""
    return BUNDLE if shard == 0 else f"{BUNDLE}/shard-{shard + 1}"


def merged_folders(site: Site) -> list[str]:
    """The bundles the search page merges into the first one's results."""
    return [f"{bundle_folder(shard)}/" for shard in range(1, len(shards(site)))]


def pagefind_bundles(groups: list[list[OutputFile]], workers: int) -> list[list[OutputFile]]:
    """Pagefind's bundle for each shard of rendered article pages, `workers` at a time; the
    files' paths are relative to the bundle's folder.

    Pagefind reads what each page marks up for it (`data-pagefind-body`, `-filter`,
    `-meta`, `-ignore`). A shard's pages are handed over as one folder, which costs one
    round trip to the Pagefind binary (its Python API waits 0.1 s per message, so a record
    at a time would take minutes for a large digest); the bundle it writes is read back so
    that the output is still written in one atomic step with everything else.
    """
    with tempfile.TemporaryDirectory(prefix="digest-search-") as folder:
        scratch = Path(folder)
        work = [(scratch / f"site-{i}", scratch / f"bundle-{i}") for i in range(len(groups))]
        for pages, (site, _) in zip(groups, work, strict=True):
            for page in pages:
                target = site / page.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(page.content)
        try:
            run_coroutine(_index_all(work, max(1, workers)))
        except (OSError, RuntimeError, AssertionError) as err:
            raise SearchIndexError(f"the Pagefind search index could not be built: {err}") from err
        return [
            [
                OutputFile(p.relative_to(bundle).as_posix(), p.read_bytes())
                for p in sorted(bundle.rglob("*"))
                if p.is_file()
            ]
            for _, bundle in work
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


async def _index_all(work: list[tuple[Path, Path]], workers: int) -> None:
    """Index each (pages folder, bundle folder) pair, each by a Pagefind process of its own,
    at most `workers` at once."""
    running = asyncio.Semaphore(workers)

    async def one(site: Path, bundle: Path) -> None:
        async with running:
            await _index(site, bundle)

    await asyncio.gather(*(one(site, bundle) for site, bundle in work))


async def _index(site: Path, bundle: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    # keep_index_url: results link to .../index.html, a file, like every link of the site
    config = IndexConfig(force_language="en", keep_index_url=True, output_path=str(bundle))
    async with PagefindIndex(config=config) as index:  # closing it writes the bundle
        await index.add_directory(str(site))


def fallback_index(site: Site, memo: Memo) -> OutputFile:
    """The file:// search data as a classic script: what a reader knows a piece by; each
    article's entry from the memo when an earlier build made it for the same record."""
    payload = json_list(site.articles, "fallback", fallback_entry, memo)
    return OutputFile(FALLBACK, f"window.DIGEST_SEARCH = {payload};\n".encode())


def fallback_entry(article: Article) -> dict[str, Any]:
    """What the file:// search knows an article by."""
    return {
        "url": article_path(article.slug),
        "title": article.title,
        "authors": [p.name for p in article.authors],
        "thesis": article.thesis,
        "claims": [
            {"text": c.text, "anchor": claim_anchor(i)} for i, c in enumerate(article.claims)
        ],
        "filters": filters(article),
    }

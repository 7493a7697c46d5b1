"""The search indexes: Pagefind's full-text bundle, and a small fallback for file://.

Pagefind (the static-search engine, its command from PyPI's pagefind_bin) indexes each article
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
indexed one after another, and a rebuild re-indexes only the shards whose pages changed. An
article's shard comes from a hash of its path, so it stays in its shard while the number
of shards stays the same; that number doubles as the digest grows.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from pagefind_bin import get_executable  # type: ignore[import-untyped]

from ..build.cache import Memo
from ..errors import DigestError
from ..models.article import KIND_LABELS, Article
from ..models.indexes import Site
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


def in_bundle(path: str, folder: str) -> bool:
    """Whether a file of the site belongs to the bundle at `folder` (the first bundle's
    folder holds the others')."""
    if folder != BUNDLE:
        return path.startswith(f"{folder}/")
    return path.startswith(f"{BUNDLE}/") and not path.startswith(f"{BUNDLE}/shard-")


def merged_folders(site: Site) -> list[str]:
    """The bundles the search page merges into the first one's results."""
    return [f"{bundle_folder(shard)}/" for shard in range(1, len(shards(site)))]


@cache
def pagefind_version() -> str:
    """The version of the Pagefind binary digest runs."""
    try:
        return version("pagefind_bin")
    except PackageNotFoundError:
        return "unknown"


def pagefind_bundles(
    groups: list[list[tuple[str, Path]]], scratch: Path, lock: int
) -> list[list[tuple[str, Path]]]:
    """Pagefind's bundle for each shard: each group lists a shard's article pages (path in
    the site, file holding the page); each bundle lists its files (path in the bundle
    folder, file in `scratch`).

    Pagefind reads what each page marks up for it (`data-pagefind-body`, `-filter`,
    `-meta`, `-ignore`). Its command runs once per shard, over a folder of links to the
    shard's pages, one shard at a time: it keeps about 1.5 cores busy on its own, and two
    at once took 140 MB more memory for 7% less time (500 articles a shard). Pagefind
    holds the build's lock (see lock) as long as it runs: killed with the build, it would
    otherwise write into a scratch folder a later build is removing.
    """
    folders = [scratch / f"search-{i}" for i in range(len(groups))]
    work = [(folder / "site", folder / "bundle") for folder in folders]
    for pages, (site, _) in zip(groups, work, strict=True):
        for path, source in pages:
            _link(source, site / path)
    try:
        command = str(get_executable())
        for site, bundle in work:
            _index(command, site, bundle, lock)
    except (OSError, subprocess.CalledProcessError) as err:
        detail = err.stderr.strip() if isinstance(err, subprocess.CalledProcessError) else err
        raise SearchIndexError(f"the Pagefind search index could not be built: {detail}") from err
    return [
        [(p.relative_to(bundle).as_posix(), p) for p in sorted(bundle.rglob("*")) if p.is_file()]
        for _, bundle in work
    ]


def _link(source: Path, target: Path) -> None:
    """Put a page where Pagefind will read it: a hard link, or a copy where links fail."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _index(command: str, site: Path, bundle: Path, lock: int) -> None:
    # --keep-index-url: results link to .../index.html, a file, like every link of the site
    subprocess.run(
        [
            command,
            "--site",
            str(site),
            "--output-path",
            str(bundle),
            "--force-language",
            "en",
            "--keep-index-url",
            "--silent",
        ],
        check=True,
        capture_output=True,
        text=True,
        pass_fds=(lock,),
    )


def fallback_index(site: Site, memo: Memo) -> tuple[bytes, ...]:
    """The file:// search data as a classic script, in pieces: what a reader knows a piece
    by; each article's entry from the memo when an earlier build made it for the same record."""
    payload = json_list(site.articles, "fallback", fallback_entry, memo)
    return (b"window.DIGEST_SEARCH = ", *payload, b";\n")


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

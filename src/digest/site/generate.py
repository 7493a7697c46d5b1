"""Render the site into its output, and index it for search: a file the output already holds
is kept, any other is rendered and written at once, so that the build never holds the whole
site in memory.

Many pages to render are shared with worker processes, which write what they render
themselves and send back only what the manifest needs (see write.place): sending the
pages back would make this process, busy rendering its own share, the bottleneck.
"""

from __future__ import annotations

import gc
from collections import deque
from concurrent.futures import Future
from functools import partial

from ..build.cache import Memo
from ..build.keys import shard_key
from ..build.workers import process_pool
from ..build.write import Output, Target, Written, place
from ..config import Config
from ..models.indexes import Site
from ..models.outputs import Kept, OutputFile
from .render import Pages, other_files
from .search import bundle_folder, in_bundle, pagefind_bundles, pagefind_version, shards

# Fewer pages to render than this are rendered in this process alone: a worker needs about
# two seconds to start and receive the site, as long as rendering 500 pages takes.
PARALLEL_PAGES = 500
# Pages a worker renders at a time, and runs under way per worker: enough that a worker
# never waits for its next run.
PAGES_PER_RUN = 32
RUNS_AHEAD = 8


def publish(
    site: Site, config: Config, memos: tuple[Memo, Memo], output: Output, workers: int
) -> tuple[int, int]:
    """Add every generated file but the search bundle to the output, over `workers`
    processes: how many files were rendered, and how many kept, the previous build having
    made them from the same inputs. The memos keep the articles' JSON records, and what
    pages show of them (see views.pages.Shown), between builds."""
    records, shown = memos
    pages = Pages(site, config, shown)
    missing = []
    for index, page in enumerate(pages.pages):
        key = pages.key(index)
        if output.holds(page.path, key):
            output.add(Kept(page.path, key))
        else:
            missing.append((index, key))
    if workers > 1 and len(missing) >= PARALLEL_PAGES:
        _in_parallel(pages, missing, (site, config, output.target), output, workers - 1)
    else:
        for index, key in missing:
            output.add(pages.file(index, key))
    others = list(other_files(site, config, records, pages, output.holds))
    for file in others:
        output.add(file)
    kept = len(pages.pages) - len(missing) + sum(isinstance(file, Kept) for file in others)
    return len(pages.pages) + len(others) - kept, kept


def _in_parallel(
    pages: Pages,
    indices: list[tuple[int, str]],
    setup: tuple[Site, Config, Target],
    output: Output,
    helpers: int,
) -> None:
    """Render these pages (by index, with their keys) here and in `helpers` worker
    processes. The workers take runs of pages from the end of the list while this process
    renders from its start, so neither waits for the other."""
    runs = deque(indices[i : i + PAGES_PER_RUN] for i in range(0, len(indices), PAGES_PER_RUN))
    under_way: deque[Future[list[tuple[str, Written, bool]]]] = deque()
    with process_pool(helpers, _start_worker, setup) as pool:
        while runs or under_way:
            while runs and len(under_way) < RUNS_AHEAD * helpers:
                under_way.append(pool.submit(_render_run, runs.pop()))
            if under_way and (under_way[0].done() or not runs):
                for placed in under_way.popleft().result():
                    output.placed(*placed)
            elif runs:
                run = runs.popleft()
                output.add(pages.file(*run[0]))
                if run[1:]:
                    runs.appendleft(run[1:])


_worker: tuple[Pages, Target] | None = None


def _start_worker(site: Site, config: Config, target: Target) -> None:
    global _worker
    _worker = (Pages(site, config), target)
    gc.freeze()  # the site lives as long as the worker: out of the collector's scans


def _render_run(indices: list[tuple[int, str]]) -> list[tuple[str, Written, bool]]:
    """Render and place pages (by index, with their keys) in a worker: each page's path and
    manifest entry."""
    assert _worker is not None
    pages, target = _worker
    placed = []
    for index, key in indices:
        file = pages.file(index, key)
        placed.append((file.path, *place(target, file)))
    return placed


def index_search(site: Site, output: Output, lock: int, later: bool) -> tuple[int, int, int]:
    """Add Pagefind's bundles of the article pages to the output: a shard's bundle is kept
    when the previous build made it from the same pages, and the others are indexed; but
    `later`, a shard's bundle from the previous build is kept out of date, for a build
    to come to index (a preview shows an edit before Pagefind has read it). How many
    shards were indexed, of how many, and how many were kept out of date."""
    missing: list[tuple[str, str, list[str]]] = []
    stale = 0
    groups = shards(site)
    for number, paths in enumerate(groups):
        key, folder = shard_key(paths, output.digest, pagefind_version()), bundle_folder(number)
        held = output.held_with(key)
        if not held and later:
            held = output.held_where(partial(in_bundle, folder=folder))
            stale += held is not None
        if held:
            for path in held:
                output.add(Kept(path, key))
        else:
            missing.append((folder, key, paths))
    pages = [[(path, output.location(path)) for path in paths] for *_, paths in missing]
    bundles = pagefind_bundles(pages, output.scratch, lock) if pages else []
    for (folder, key, _), bundle in zip(missing, bundles, strict=True):
        for name, file in bundle:
            output.add(OutputFile(f"{folder}/{name}", file.read_bytes(), key))
    return len(missing), len(groups), stale

"""`--serve`: build, serve the site on 127.0.0.1 (see preview_server), rebuild when an input
changes, and reload the pages open in a browser.

Like `hugo server` and `mkdocs serve`, inputs are watched with watchfiles (the system's file
notifications: inotify, FSEvents, ...), and the open pages reload after each good rebuild.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from watchfiles import DefaultFilter, watch

from .build.cache import Cache
from .build.pipeline import build
from .config import SHIPPED_STATIC, SHIPPED_TEMPLATES, Config, Configured
from .errors import DigestError
from .models.outputs import BuildReport

# Seconds the preview server keeps a connection open without a request.
from .preview_server import Builds, site_server


def watched(config: Config, config_file: Path | None) -> list[Path]:
    """Every file or folder whose change means the site must be rebuilt."""
    paths = [config.seeds, config.themes, config.about, SHIPPED_TEMPLATES, SHIPPED_STATIC]
    paths += [p for p in (config.templates_dir, config.static_dir, config_file) if p is not None]
    return paths


class Watcher:
    """Notices changes to the inputs, with watchfiles, whose threads watch all along, so a
    change made while a build runs is noticed too.

    Folders are watched with all they hold; a single file through its folder, for that file
    only: an editor that saves by writing a new file and renaming it over the old one ends
    a watch on the file itself.
    """

    def __init__(self, paths: Iterable[Path]) -> None:
        self.paths = list(paths)
        self.changed = threading.Event()
        self.stopped = threading.Event()
        found = [path.resolve() for path in self.paths if path.exists()]
        folders = {path for path in found if path.is_dir()}
        files = {str(path) for path in found if not path.is_dir()}
        self.start(folders, True, DefaultFilter())
        self.start({Path(file).parent for file in files}, False, lambda _, path: path in files)

    def start(self, paths: set[Path], recursive: bool, keep: Callable[[Any, str], bool]) -> None:
        """Watch the paths in a thread of its own, which marks every change."""

        def run() -> None:
            for _ in watch(*paths, watch_filter=keep, recursive=recursive, stop_event=self.stopped):
                self.changed.set()

        if paths:
            threading.Thread(target=run, daemon=True).start()

    def wait(self, stop: threading.Event) -> bool:
        """Wait for a change: True once one came (the next wait is for a later one), False
        when `stop` is set."""
        while not self.changed.wait(0.1):
            if stop.is_set():
                return False
        self.changed.clear()
        return True

    def close(self) -> None:
        """Stop watching."""
        self.stopped.set()


def say_indexed(report: BuildReport) -> None:
    """Say that the search index has caught up with an edit (see Preview.rebuild)."""
    counts = report.counts
    print(
        f"search index up to date: {counts.indexed} of {counts.shards} shards indexed, "
        f"{report.seconds:.2f} s",
        flush=True,
    )


def announce(url: str) -> None:
    """Say where the site is served, once the first build is done."""
    print(f"serving {url} (Ctrl-C to stop)", flush=True)


class Preview:
    """What serving keeps between builds: the config, the cache (in memory, so an edit is
    rebuilt without reading it again), the watcher of the inputs, and the news of builds."""

    def __init__(
        self,
        load: Callable[[], Configured],
        config_file: Path | None,
        on_build: Callable[[BuildReport | DigestError], None],
        on_indexed: Callable[[BuildReport], None],
    ) -> None:
        self.load = load
        self.config_file = config_file
        self.on_build = on_build
        self.on_indexed = on_indexed
        self.config, self.problems = load()
        self.cache = Cache(self.config.cache_dir)
        self.builds = Builds()
        # before the first build: a change made during it counts
        self.watcher = Watcher(watched(self.config, config_file))

    def first_build(self) -> None:
        """The first build, which must succeed."""
        self.on_build(build(self.config, cache=self.cache, problems=self.problems))
        self.builds.finished(None)

    def rebuild(self) -> None:
        """Read the config again and build, the search shards of changed pages kept out of
        date, and tell the open pages; then, unless another change is waiting, build again
        to index those shards, which changes nothing a page shows (Pagefind takes a second
        or more a shard: an edit is seen before it has read it). A failed build is reported,
        to the terminal and to the open pages, and the last good site stays served (the
        atomic write leaves it)."""
        try:
            self.config, self.problems = self.load()
            self.follow_config()
            report = build(self.config, cache=self.cache, problems=self.problems, search_later=True)
            self.on_build(report)
            self.builds.finished(None)
            if report.counts.stale and not self.watcher.changed.is_set():
                self.on_indexed(build(self.config, cache=self.cache, problems=self.problems))
        except DigestError as err:
            self.on_build(err)
            self.builds.finished(str(err))

    def follow_config(self) -> None:
        """Use the cache folder and watch the inputs the config now names."""
        if self.config.cache_dir != self.cache.folder:
            self.cache.save()
            self.cache = Cache(self.config.cache_dir)
        paths = watched(self.config, self.config_file)
        if paths != self.watcher.paths:
            self.watcher.close()
            self.watcher = Watcher(paths)

    def close(self) -> None:
        """Stop watching, and save the cache."""
        self.watcher.close()
        self.cache.save()


def serve(
    load: Callable[[], Configured],
    config_file: Path | None,
    port: int,
    on_build: Callable[[BuildReport | DigestError], None],
    stop: threading.Event | None = None,
    on_serving: Callable[[str], None] = announce,
    on_indexed: Callable[[BuildReport], None] = say_indexed,
) -> None:
    """Take the port, build, serve, and rebuild on every change until `stop` is set (or
    Ctrl-C). The port is taken first: one in use is said before a long first build."""
    stop = stop or threading.Event()
    preview = Preview(load, config_file, on_build, on_indexed)
    try:
        config = preview.config
        with site_server(config.out, config.base_path, port, preview.builds) as url:
            preview.first_build()
            on_serving(url)
            while preview.watcher.wait(stop):
                preview.rebuild()
    finally:
        preview.close()

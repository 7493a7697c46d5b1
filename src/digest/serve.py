"""`--serve`: build, serve the site on 127.0.0.1, rebuild when an input changes, and reload
the pages open in a browser.

Like `hugo server` and `mkdocs serve`, the site is served under the base URL's path (so a
site for `https://example.org/digest/` is previewed at `http://127.0.0.1:8000/digest/`),
missing pages and folders without an index.html get the site's 404 page, and inputs are
watched with watchfiles (the system's file notifications: inotify, FSEvents, ...).

Live reload, as Vite's: every HTML page served gets a small script (live.js) that listens
to server-sent events at EVENTS under the base path, and reloads after a good rebuild or
shows a failed one's error over the page. It is added as a page is served, so nothing of it
is in the output folder.
"""

from __future__ import annotations

import html
import io
import json
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from watchfiles import DefaultFilter, watch

from .build.cache import Cache
from .build.pipeline import build
from .config import SHIPPED_STATIC, SHIPPED_TEMPLATES, Config, Configured
from .errors import DigestError, OutputError
from .models.outputs import BuildReport
from .site.urls import NOT_FOUND

# Seconds the preview server keeps a connection open without a request.
IDLE_SECONDS = 15
# The server-sent events of the live reload, under the base path: no page of a site can
# have this path (a build makes no `__digest` folder).
EVENTS = "__digest/events"
# Seconds between comments sent on an events connection with no news: a closed tab is
# noticed when one cannot be sent, and proxies do not drop the quiet connection.
KEEP_ALIVE_SECONDS = 10
LIVE_SCRIPT = Path(__file__).with_name("live.js").read_text(encoding="utf-8")


class Builds:
    """The news of builds for the pages open in browsers: how many builds have finished,
    and whether the last one failed (its error). An events connection waits here."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.count = 0
        self.error: str | None = None
        self.closed = False

    def finished(self, error: str | None) -> None:
        """Tell every waiting connection that a build finished: well (None) or failed."""
        with self._changed:
            self.count += 1
            self.error = error
            self._changed.notify_all()

    def close(self) -> None:
        """End every events connection: the server is stopping."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def latest(self) -> tuple[int, str | None]:
        """How many builds have finished, and the last one's error."""
        with self._changed:
            return self.count, self.error

    def after(self, seen: int, timeout: float) -> tuple[int, str | None] | None:
        """Wait at most `timeout` seconds for a build after the `seen` first ones: the count
        and the error then, or None when none came (or the news closed)."""
        with self._changed:
            self._changed.wait_for(lambda: self.count > seen or self.closed, timeout)
            return None if self.closed or self.count <= seen else (self.count, self.error)


class SiteHandler(SimpleHTTPRequestHandler):
    """Serve the output folder under a base path; a missing page gets 404.html. With
    `builds`, HTML pages get the live-reload script and EVENTS is answered.

    A connection that sends nothing for IDLE_SECONDS is closed: each holds a thread.
    """

    base_path = "/"
    builds: Builds | None = None
    timeout = IDLE_SECONDS

    def do_GET(self) -> None:
        """Send the root to the base path; anything else outside it is not found."""
        path = urlsplit(self.path).path
        if path == "/" and self.base_path != "/":
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", self.base_path)
            self.end_headers()
        elif self.builds is not None and path == self.base_path + EVENTS:
            self.send_events(self.builds)
        else:
            super().do_GET()

    def translate_path(self, path: str) -> str:
        """Map a URL under the base path into the output folder."""
        if not path.startswith(self.base_path):
            return str(Path(self.directory) / NOT_FOUND / "missing")
        return super().translate_path("/" + path[len(self.base_path) :])

    def send_head(self) -> Any:
        """Open the file a request names; a path no file can have (a NUL byte, a lone
        surrogate from a bad escape) is a bad request, not a traceback."""
        try:
            page = self.live_page()
            if page is None:
                return super().send_head()
            body = page.read_bytes()
        except ValueError:
            self.send_error(HTTPStatus.BAD_REQUEST, "No file can have this path")
            return None
        except FileNotFoundError:  # removed by a rebuild between looking and reading
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        return self.send_page(HTTPStatus.OK, body)

    def live_page(self) -> Path | None:
        """The HTML file the request names (a folder's index.html) when pages get the
        live-reload script; None for anything else, served as it is."""
        if self.builds is None:
            return None
        file = Path(self.translate_path(self.path))
        if file.is_dir() and urlsplit(self.path).path.endswith("/"):
            file = file / "index.html"
        return file if file.suffix == ".html" and file.is_file() else None

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """A folder without an index.html is not found, as on GitHub Pages: no listing."""
        self.send_error(HTTPStatus.NOT_FOUND)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a missing page with the site's own 404 page, as GitHub Pages does."""
        page = Path(self.directory) / NOT_FOUND
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = self.send_page(HTTPStatus.NOT_FOUND, page.read_bytes())
        if self.command != "HEAD":
            self.wfile.write(body.getvalue())

    def send_page(self, status: HTTPStatus, body: bytes) -> io.BytesIO:
        """Send the headers of an HTML page (with the live-reload script when pages get
        it); its body, to send after them."""
        body = self.with_live_script(body)
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def with_live_script(self, page: bytes) -> bytes:
        """The page with the live-reload script before `</body>`, when pages get it. The
        script asks for the builds after the one the page comes from."""
        if self.builds is None:
            return page
        events = html.escape(f"{self.base_path}{EVENTS}?since={self.builds.latest()[0]}")
        script = f'<script data-events="{events}">\n{LIVE_SCRIPT}</script>\n'.encode()
        at = page.rfind(b"</body>")
        return page[:at] + script + page[at:] if at >= 0 else page + script

    def send_events(self, builds: Builds) -> None:
        """Stream the news of builds to a page as server-sent events, until the page
        closes or the server stops: `failed` with the error when the last build failed,
        `reload` when a build after the page's own succeeded."""
        since = parse_qs(urlsplit(self.path).query).get("since", ["0"])[0]
        seen, error = builds.latest()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        if error is not None or not since.isdigit() or seen > int(since):
            self.send_news(error)
        while not builds.closed:
            news = builds.after(seen, KEEP_ALIVE_SECONDS)
            if news is not None:
                seen, error = news
                self.send_news(error)
            elif not builds.closed:
                self.wfile.write(b": still serving\n\n")

    def send_news(self, error: str | None) -> None:
        """Send the news of a build as one server-sent event: `reload`, or `failed` with
        the error as JSON (on one line: JSON holds no raw newline)."""
        name, data = ("reload", "") if error is None else ("failed", json.dumps(error))
        self.wfile.write(f"event: {name}\ndata: {data}\n\n".encode())

    def end_headers(self) -> None:
        """Tell the browser never to cache, so a reload shows the latest build."""
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the terminal shows builds, not requests."""


class SiteServer(ThreadingHTTPServer):
    """The preview server: a thread per connection, none of which outlives it."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Pass over a client that went away (a closed tab); report anything else."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


@contextmanager
def site_server(
    root: Path, base_path: str = "/", port: int = 8000, builds: Builds | None = None
) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 in a background thread; yield the site's URL. With
    `builds`, pages reload after each build (see SiteHandler)."""
    handler = type("Handler", (SiteHandler,), {"base_path": base_path, "builds": builds})
    server = bound(port, partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        if builds is not None:
            builds.close()  # or each open page's events connection would hold a thread
        server.shutdown()
        server.server_close()


def bound(port: int, handler: Callable[..., SiteHandler]) -> SiteServer:
    """The preview server, listening on the port; a port in use is a clear error."""
    try:
        return SiteServer(("127.0.0.1", port), handler)
    except OSError as err:
        raise OutputError(
            f"cannot serve on 127.0.0.1:{port}: {err.strerror}; is another server using "
            "it? Choose another port with --port"
        ) from None


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
    ) -> None:
        self.load = load
        self.config_file = config_file
        self.on_build = on_build
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
        date, and tell the open pages; then build again to index those shards, which
        changes nothing a page shows (Pagefind takes a second or more a shard: an edit is
        seen before it has read it). A failed build is reported, to the terminal and to the
        open pages, and the last good site stays served (the atomic write leaves it)."""
        try:
            self.config, self.problems = self.load()
            self.follow_config()
            report = build(self.config, cache=self.cache, problems=self.problems, search_later=True)
            self.on_build(report)
            self.builds.finished(None)
            if report.counts.stale:
                build(self.config, cache=self.cache, problems=self.problems)
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
) -> None:
    """Take the port, build, serve, and rebuild on every change until `stop` is set (or
    Ctrl-C). The port is taken first: one in use is said before a long first build."""
    stop = stop or threading.Event()
    preview = Preview(load, config_file, on_build)
    try:
        config = preview.config
        with site_server(config.out, config.base_path, port, preview.builds) as url:
            preview.first_build()
            on_serving(url)
            while preview.watcher.wait(stop):
                preview.rebuild()
    finally:
        preview.close()

"""`--serve`: build, serve the site on 127.0.0.1, and rebuild when an input changes.

Like `hugo server` and `mkdocs serve`, the site is served under the base URL's path (so a
site for `https://example.org/digest/` is previewed at `http://127.0.0.1:8000/digest/`),
missing pages get the site's 404 page, and inputs are watched by polling their
modification times, which needs no extra dependency and costs little next to a build.
"""

from __future__ import annotations

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

from .cache import Cache
from .config import SHIPPED_STATIC, SHIPPED_TEMPLATES, Config
from .errors import DigestError, OutputError
from .models import BuildReport
from .pipeline import build
from .urls import NOT_FOUND

Snapshot = dict[str, tuple[int, int]]
# Seconds the preview server keeps a connection open without a request.
IDLE_SECONDS = 15


class SiteHandler(SimpleHTTPRequestHandler):
    """Serve the output folder under a base path; a missing page gets 404.html.

    A connection that sends nothing for IDLE_SECONDS is closed: each holds a thread.
    """

    base_path = "/"
    timeout = IDLE_SECONDS

    def do_GET(self) -> None:
        """Send the root to the base path; anything else outside it is not found."""
        if self.path.split("?")[0] == "/" and self.base_path != "/":
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", self.base_path)
            self.end_headers()
            return
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
            return super().send_head()
        except ValueError:
            self.send_error(HTTPStatus.BAD_REQUEST, "No file can have this path")
            return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a missing page with the site's own 404 page, as GitHub Pages does."""
        page = Path(self.directory) / NOT_FOUND
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

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
def site_server(root: Path, base_path: str = "/", port: int = 8000) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 in a background thread; yield the site's URL."""
    handler = type("Handler", (SiteHandler,), {"base_path": base_path})
    try:
        server = SiteServer(("127.0.0.1", port), partial(handler, directory=str(root)))
    except OSError as err:
        raise OutputError(f"cannot serve on 127.0.0.1:{port}: {err.strerror}") from None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()


def watched(config: Config, config_file: Path | None) -> list[Path]:
    """Every file or folder whose change means the site must be rebuilt."""
    paths = [config.seeds, config.themes, SHIPPED_TEMPLATES, SHIPPED_STATIC]
    paths += [p for p in (config.templates_dir, config.static_dir, config_file) if p is not None]
    return paths


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """Modification time and size of every file under the paths (links to folders inside
    them are not followed). Walked without recursion: folders may nest deeper than
    Python's stack."""
    state: Snapshot = {}
    given = [(str(path), path.is_dir()) for path in paths]
    files = [path for path, is_folder in given if not is_folder]
    folders = [path for path, is_folder in given if is_folder]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    is_folder = entry.is_dir(follow_symlinks=False)
                    (folders if is_folder else files).append(entry.path)
        except OSError:
            continue
    for file in files:
        try:
            status = os.stat(file)
        except OSError:
            continue
        state[file] = (status.st_mtime_ns, status.st_size)
    return state


def serve(
    load: Callable[[], Config],
    config_file: Path | None,
    port: int,
    on_build: Callable[[BuildReport | DigestError], None],
    stop: threading.Event | None = None,
    interval: float = 0.5,
) -> None:
    """Build, serve, and rebuild on every change until `stop` is set (or Ctrl-C).

    The first build must succeed; a later failed build is reported and the last good
    site stays served, as the atomic write leaves it in place. The cache stays in memory
    between builds, so an edit is rebuilt without reading it again; it is saved on exit.
    """
    stop = stop or threading.Event()
    config = load()
    cache = Cache(config.cache_dir)
    try:
        seen = snapshot(watched(config, config_file))  # before: a change during the build counts
        on_build(build(config, cache=cache))
        with site_server(config.out, config.base_path, port) as url:
            print(f"serving {url} (Ctrl-C to stop)", flush=True)
            while not stop.wait(interval):
                now = snapshot(watched(config, config_file))
                if now == seen:
                    continue
                seen = now
                try:
                    config = load()
                    if config.cache_dir != cache.folder:
                        cache.save()
                        cache = Cache(config.cache_dir)
                    on_build(build(config, cache=cache))
                except DigestError as err:
                    on_build(err)
    finally:
        cache.save()

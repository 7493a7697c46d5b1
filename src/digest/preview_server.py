"""The preview's HTTP server: the site on 127.0.0.1 under the base URL's path, the site's
404 page for missing pages and folders without an index.html (as GitHub Pages answers),
and the news of builds for live reload.

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .errors import OutputError
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

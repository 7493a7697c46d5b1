"""`--serve`: the site served under its base path, and rebuilt when an input changes."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from digest.build.pipeline import build
from digest.config import Config
from digest.errors import DigestError
from digest.models.outputs import BuildReport
from digest.preview_server import Builds, SiteHandler, site_server

from conftest import ROOT, Results, serving_copy, wait_for
from sitecheck import tree_bytes


def fetch(url: str) -> tuple[int, str]:
    """Status and body of a GET, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


@pytest.fixture
def built(config_for: Callable[..., Config]) -> Config:
    config = config_for(seeds=ROOT / "seeds")
    build(config)
    return config


def test_site_is_served_under_the_base_path(built: Config) -> None:
    with site_server(built.out, "/digest/", port=0) as url:
        assert url.endswith("/digest/")
        status, home = fetch(url)
        assert status == 200 and "<h1>Research digest</h1>" in home
        assert fetch(url + "themes/index.html")[0] == 200
        assert fetch(url.removesuffix("digest/"))[0] == 302
        status, missing = fetch(url + "no/such/page.html")
        assert status == 404 and "Page not found" in missing
        assert fetch(url.removesuffix("digest/") + "themes/index.html")[0] == 404


def test_a_busy_port_is_a_clear_error(built: Config) -> None:
    with site_server(built.out, port=0) as url:
        port = int(url.split(":")[2].split("/")[0])
        expected = pytest.raises(DigestError, match=f"cannot serve on 127.0.0.1:{port}")
        with expected, site_server(built.out, port=port):
            pass


@pytest.fixture
def serving(config_for: Callable[..., Config], tmp_path: Path) -> Iterator[tuple[Config, Results]]:
    """A serve loop on a copy of the seeds in a thread; yields its config and build results."""
    with serving_copy(config_for, tmp_path, "http://localhost/digest/") as (config, results, _):
        yield config, results


def test_serve_rebuilds_when_a_seed_changes_and_survives_a_bad_build(
    serving: tuple[Config, Results], tmp_path: Path
) -> None:
    config, results = serving
    assert wait_for(lambda: len(results) == 1)
    seed = sorted(config.seeds.glob("*.txt"))[0]
    seed.write_text("A new headline\n\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    assert wait_for(lambda: len(results) == 2)
    assert isinstance(results[1], BuildReport)
    assert "A new headline" in (config.out / "index.html").read_text(encoding="utf-8")
    good = config.themes.read_text(encoding="utf-8")
    config.themes.write_text("themes: [", encoding="utf-8")
    assert wait_for(lambda: len(results) == 3)
    assert isinstance(results[2], DigestError) and "malformed YAML" in str(results[2])
    assert "A new headline" in (config.out / "index.html").read_text(encoding="utf-8")
    config.themes.write_text(good, encoding="utf-8")
    (config.seeds / "new.txt").write_text("Leaders should talk. They will.", encoding="utf-8")
    assert wait_for(
        lambda: isinstance(results[-1], BuildReport) and len(results[-1].site.articles) == 6
    )


def test_an_edit_reloads_before_pagefind_reads_it_and_the_index_follows(
    serving: tuple[Config, Results],
) -> None:
    config, results = serving
    assert wait_for(lambda: len(results) == 1)
    bundle = tree_bytes(config.out / "pagefind")
    seed = sorted(config.seeds.glob("*.txt"))[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nA late sentence.\n", encoding="utf-8")
    assert wait_for(lambda: len(results) == 2)
    reloaded = results[1]
    assert isinstance(reloaded, BuildReport) and reloaded.counts.stale == 1
    assert wait_for(lambda: len(results.indexed) == 1, 60)
    assert results.indexed[0].counts.indexed == 1 and len(results) == 2
    assert tree_bytes(config.out / "pagefind") != bundle


def test_an_impossible_date_skips_its_file_and_serving_goes_on(
    serving: tuple[Config, Results],
) -> None:
    config, results = serving
    assert wait_for(lambda: len(results) == 1)
    (config.seeds / "typo.md").write_text(
        "---\ndate: 2025-02-30\n---\nTalks resumed on Monday, officials said.\n", encoding="utf-8"
    )
    assert wait_for(lambda: len(results) == 2)
    report = results[1]
    assert isinstance(report, BuildReport)
    reason = "typo.md:2: malformed YAML: '2025-02-30' is not a valid date"
    assert next(s.reason for s in report.site.skipped if s.source == "typo.md").startswith(reason)
    (config.seeds / "typo.md").write_text("Talks resumed on Monday.\n", encoding="utf-8")
    assert wait_for(lambda: len(results) == 3)  # still watching, and building


def raw_answer(url: str, request: bytes) -> bytes:
    """What the server answers to bytes sent as they are, until it closes the connection."""
    host, port = url.split("/")[2].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize(
    "path",
    [b"/%00", b"/index.html%00.txt", b"/%ED%A0%80.html", b"/" + b"a" * 70_000, b"\x00\xff"],
)
def test_a_malformed_request_gets_an_error_status_not_a_traceback(
    built: Config, capfd: pytest.CaptureFixture[str], path: bytes
) -> None:
    with site_server(built.out, port=0) as url:
        answer = raw_answer(url, b"GET " + path + b" HTTP/1.0\r\n\r\n")
        assert answer.startswith(b"HTTP/1.0 4"), answer[:100]
        assert fetch(url)[0] == 200
    assert "Traceback" not in capfd.readouterr().err


def test_an_idle_connection_is_closed(built: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    assert SiteHandler.timeout is not None and SiteHandler.timeout <= 60
    monkeypatch.setattr(SiteHandler, "timeout", 0.2)  # not to wait for it here
    with site_server(built.out, port=0) as url:
        assert raw_answer(url, b"") == b""  # closed by the server, without a request


def test_a_folder_without_an_index_is_the_404_page_not_a_listing(built: Config) -> None:
    with site_server(built.out, "/digest/", port=0) as url:
        for folder in ("articles/", "static/"):
            status, page = fetch(url + folder)
            assert status == 404 and "Page not found" in page, folder
            assert "Directory listing" not in page
        assert fetch(url + "themes/")[0] == 200  # a folder with an index.html is its page


def test_served_pages_get_the_live_reload_script_and_the_files_on_disk_do_not(
    built: Config,
) -> None:
    with site_server(built.out, "/digest/", port=0, builds=Builds()) as url:
        for path in ("", "index.html", "themes/", "no/such/page"):
            page = fetch(url + path)[1]
            assert page.count('data-events="/digest/__digest/events?since=0"') == 1, path
            assert page.index("new EventSource") < page.index("</body>")
        assert "__digest" not in fetch(url + "static/style.css")[1]
    with site_server(built.out, "/digest/", port=0) as url:  # as the browser tests serve
        assert "__digest" not in fetch(url)[1]
    files = [path for path in built.out.rglob("*") if path.is_file()]
    assert files and not any(b"__digest" in path.read_bytes() for path in files)


class EventStream:
    """A client of the server-sent events of the live reload, read line by line."""

    def __init__(self, url: str) -> None:
        self.response = urllib.request.urlopen(url, timeout=10)
        assert self.response.headers["Content-Type"] == "text/event-stream"

    def next_event(self) -> tuple[str, str]:
        """The next event's name and data (keep-alive comments passed over)."""
        fields: dict[str, str] = {}
        while (line := self.response.readline().decode()) != "\n" or not fields:
            if line and not line.startswith(":") and line != "\n":
                name, _, value = line.rstrip("\n").partition(": ")
                fields[name] = value
        return fields["event"], fields["data"]


def test_events_say_reload_after_a_good_build_and_the_error_after_a_failed_one(
    built: Config,
) -> None:
    builds = Builds()
    with site_server(built.out, port=0, builds=builds) as url:
        stream = EventStream(url + "__digest/events?since=0")
        builds.finished("themes.yaml:1: malformed YAML: <b>flow</b>\nsecond line")
        assert stream.next_event() == (
            "failed",
            json.dumps("themes.yaml:1: malformed YAML: <b>flow</b>\nsecond line"),
        )
        builds.finished(None)
        assert stream.next_event() == ("reload", "")
        # a page served before the latest build reloads as soon as it listens
        assert EventStream(url + "__digest/events?since=1").next_event() == ("reload", "")
        builds.finished("broken again")  # and a page of the last good build shows the error
        assert EventStream(url + "__digest/events?since=2").next_event()[0] == "failed"


def test_an_open_events_connection_does_not_hold_up_stopping(built: Config) -> None:
    with site_server(built.out, port=0, builds=Builds()) as url:
        stream = EventStream(url + "__digest/events")
        started = time.monotonic()
    assert time.monotonic() - started < 2
    assert stream.response.read() == b""  # the server ended it

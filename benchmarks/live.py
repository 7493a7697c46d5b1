"""Time, in `build.py --serve`, an edit to one article until the server tells the open
pages to reload: what a writer waits for between saving a file and seeing the page change.

For each size N, the synthetic corpus of benchmarks/generate.py is written on tmpfs
(/dev/shm when present) and `build.py --serve --port 0` started on it with a fresh cache
(its cold first build is not timed). The script listens to the server's events as an open
page does, then edits one article after another (a sentence appended) and times each from
just before the write until the `reload` event arrives. This covers what the serving
process does for an edit: noticing it (watchfiles), the rebuild, and the news to the page;
the build's own seconds, from the summary it prints, are given beside it. The search index
follows the reload (a second build indexes the changed shards): the time until the server
says it is up to date is given too, and the next edit waits for it, as a writer reading
the reloaded page would.

    python benchmarks/live.py [--sizes 1000,5000] [--edits 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import IO

from generate import write_corpus

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = "\n\nEditors added this sentence about the ceasefire talks while serving.\n"


def started_server(work: Path, seeds: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`build.py --serve` on the seeds, once its first build is done; and the site's URL."""
    command = [sys.executable, str(ROOT / "build.py"), "--serve", "--port", "0"]
    command += ["--seeds", str(seeds), "--out", str(work / "site")]
    command += ["--cache-dir", str(work / "cache")]
    server = subprocess.Popen(command, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert server.stdout is not None
    for line in server.stdout:
        if line.startswith(b"serving "):
            return server, line.split()[1].decode()
    raise SystemExit(f"{' '.join(command)} ended before serving (exit {server.wait()})")


def build_seconds(
    server: subprocess.Popen[bytes],
) -> tuple[list[float], queue.Queue[bool], threading.Thread]:
    """The seconds of each build the server reports from now on (its summary line,
    `built site: ..., 1.23 s`), as they come; a queue told after each build whether the
    search index follows it (True), and after each such catching up (False); and the
    thread that reads them until the server ends, which also keeps its output flowing."""
    found: list[float] = []
    news: queue.Queue[bool] = queue.Queue()

    def read() -> None:
        assert server.stdout is not None
        for line in server.stdout:
            seconds = re.search(rb", ([0-9.]+) s\b", line)
            if line.startswith(b"built ") and seconds:
                found.append(float(seconds[1]))
                news.put(b"search index follows" in line)
            elif line.startswith(b"search index up to date"):
                news.put(False)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return found, news, reader


def next_event(stream: IO[bytes]) -> str:
    """The name of the next server-sent event (keep-alive comments passed over)."""
    for line in stream:
        if line.startswith(b"event: "):
            return line.removeprefix(b"event: ").strip().decode()
    raise SystemExit("the server closed the events connection")


def edit_seconds(
    seeds: Path, count: int, edits: int
) -> tuple[float, list[float], list[float], list[float]]:
    """Serve the corpus; the cold first build's seconds, each edit's seconds until the
    reload event and until the search index has caught up with it (the next edit waits for
    that, as a writer reading the page would), and each rebuild's own seconds."""
    work = seeds.parent
    started = time.perf_counter()
    server, url = started_server(work, seeds)
    cold = time.perf_counter() - started
    builds, news, reader = build_seconds(server)
    try:
        with urllib.request.urlopen(url + "__digest/events?since=1", timeout=600) as stream:
            reloads, searchable = [], []
            for n in range(edits):
                article = seeds / f"{(count // 3 + n * 97) % count:06d}.txt"
                text = article.read_text(encoding="utf-8")
                started = time.perf_counter()
                article.write_text(text + SENTENCE, encoding="utf-8")
                event = next_event(stream)
                reloads.append(time.perf_counter() - started)
                if event != "reload":
                    raise SystemExit(f"the rebuild after an edit failed: {event}")
                if news.get(timeout=600):  # the search index follows: wait for it
                    news.get(timeout=600)
                searchable.append(time.perf_counter() - started)
    finally:
        server.send_signal(signal.SIGTERM)  # as Ctrl-C (which a background job ignores)
        server.wait(60)
        reader.join(10)
    return cold, reloads, searchable, builds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    scratch = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())
    print(
        f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}\n"
    )
    print(
        "| articles | first build | edit to reload: median | each edit "
        "| its rebuild: median | edit to search up to date: median |"
    )
    print("|---|---|---|---|---|---|")
    for count in [int(s) for s in args.sizes.split(",")]:
        work = Path(tempfile.mkdtemp(prefix=f"live-{count}-", dir=scratch))
        try:
            write_corpus(work / "seeds", count)
            cold, reloads, searchable, builds = edit_seconds(work / "seeds", count, args.edits)
        finally:
            shutil.rmtree(work)
        each = ", ".join(f"{t:.2f}" for t in reloads)
        print(
            f"| {count:,} | {cold:.1f} s | {statistics.median(reloads):.2f} s | {each} s "
            f"| {statistics.median(builds):.2f} s | {statistics.median(searchable):.2f} s |",
            flush=True,
        )


if __name__ == "__main__":
    main()

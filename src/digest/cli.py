"""The command line: parse flags, run the build, print progress and a summary, set the exit code."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from . import GENERATOR
from .build.interrupts import terminate_interrupts
from .build.pipeline import analyse, build
from .build.run import silent, uncounted
from .build.timing import Timer
from .config import DEFAULT_CACHE_DIR, Configured, default_config_file, load_config
from .errors import DigestError
from .models.indexes import Site
from .models.outputs import BuildReport, StageTime
from .problems import grouped
from .serve import say_indexed, serve

EXIT_OK, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 130
# A stage shorter than this (seconds) has no "cores busy": CPU time is counted in ticks of
# 10 ms, too coarse to divide by a few milliseconds.
BUSY_FROM = 0.1
# The warnings of each kind the summary shows; the build report lists them all.
SHOWN_PER_KIND = 5


def parser() -> argparse.ArgumentParser:
    """The argument parser; every flag here is documented in the README.

    Long, as a flat table: one call per flag, in the order `--help` lists them."""
    # No `prog`: the usage names the command run, `digest` or `build.py`.
    p = argparse.ArgumentParser(
        description="Build a static research digest from a folder of scraped article text.",
    )
    p.add_argument(
        "--seeds",
        type=Path,
        help="folder of input .txt, .md and .html files (default: seeds/)",
    )
    p.add_argument("-o", "--out", type=Path, help="output folder (default: site/)")
    p.add_argument("--config", type=Path, help="config file (default: digest.yaml if present)")
    p.add_argument("--themes", type=Path, help="theme taxonomy file (default: themes.yaml)")
    p.add_argument(
        "--base-url",
        metavar="URL",
        help="where the site will be published, for canonical links, the feed and the sitemap",
    )
    p.add_argument(
        "-s",
        "--serve",
        action="store_true",
        help="build, serve on 127.0.0.1, rebuild when an input changes, and reload the open pages",
    )
    p.add_argument("--port", type=int, default=8000, help="port for --serve (default: 8000)")
    p.add_argument(
        "--strict",
        action="store_true",
        default=None,
        help="treat warnings and skipped files as errors, and write nothing",
    )
    p.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="where article analyses are cached between builds (default: .digest-cache/)",
    )
    p.add_argument(
        "--no-cache", action="store_true", help="build cold: neither read nor write the cache"
    )
    p.add_argument(
        "--jobs",
        type=_cores,
        metavar="N",
        help="processes that analyse articles (default: one per core)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    p.add_argument(
        "--timings",
        action="store_true",
        help="print each stage's wall-clock and CPU time, and how many cores it kept busy",
    )
    p.add_argument(
        "--suggest-themes",
        action="store_true",
        help="print subjects several articles discuss that no theme covers, each with a "
        "block to paste into the themes file, and build nothing",
    )
    p.add_argument("--version", action="version", version=GENERATOR)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run a build; return the process exit code."""
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.ERROR if args.quiet else logging.WARNING, format="warning: %(message)s"
    )
    try:
        with terminate_interrupts():
            _run(args)
    except DigestError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt as stop:
        if args.serve:
            print("stopped serving", file=sys.stderr)
            return EXIT_OK
        print(f"interrupted: {stop or 'nothing was written'}", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK


def _run(args: argparse.Namespace) -> None:
    """Load the config, then build, serve, or print the topics the themes miss."""
    terminal = TerminalProgress() if sys.stderr.isatty() else None
    load = partial(_configured, args)
    config, problems = load()
    progress = silent if args.quiet else (terminal.line if terminal else _stderr)
    tally = terminal.bar if terminal and not args.quiet else uncounted
    config_file = args.config or default_config_file()
    if config_file:  # its templates and settings are code the build runs: say whose
        progress(f"config: {config_file}")
    if args.suggest_themes:
        _print_suggestions(analyse(config, progress, tally=tally))
    elif args.serve:
        indexed = _say_nothing if args.quiet else say_indexed
        serve(load, config_file, args.port, _build_reporter(args.quiet), on_indexed=indexed)
    else:
        timer = Timer(cpu=args.timings)
        report = build(config, progress=progress, tally=tally, problems=problems, timer=timer)
        if not args.quiet:
            _print_summary(report)
        if args.timings:
            _print_timings(report.stages)


def _configured(args: argparse.Namespace) -> Configured:
    """The config the flags and the config file give, and its problems; read again by
    --serve when the config file changes."""
    config, problems = load_config(
        args.config,
        seeds=args.seeds,
        out=args.out,
        themes=args.themes,
        base_url=args.base_url,
        strict=args.strict,
        cache_dir=args.cache_dir,
        jobs=args.jobs,
    )
    if args.no_cache:
        return replace(config, cache_dir=None), problems
    cache_dir = config.cache_dir or DEFAULT_CACHE_DIR
    return replace(config, cache_dir=cache_dir), problems


def _build_reporter(quiet: bool) -> Callable[[BuildReport | DigestError], None]:
    """What --serve prints after each build: the summary, or the error and that it goes on."""

    def report(result: BuildReport | DigestError) -> None:
        if isinstance(result, DigestError):
            print(f"error: {result}; still serving the last good build", file=sys.stderr)
        elif not quiet:
            _print_summary(result)

    return report


def _print_summary(report: BuildReport) -> None:
    """Each skip with its reason, the warnings by kind (the first few of each), and the
    one-line summary."""
    site, out = report.site, report.out
    for skip in site.skipped:
        print(f"skipped {skip.source}: {skip.reason}")
    if site.warnings:
        print(f"{len(site.warnings)} warnings, all in {out / 'data' / 'build-report.json'}:")
        print("\n".join(grouped(site.warnings, SHOWN_PER_KIND)))
    if site.unmatched_themes:
        print(f"themes no article matched: {', '.join(site.unmatched_themes)}")
    if report.kept:
        listed = ", ".join(report.kept[:5]) + (", ..." if len(report.kept) > 5 else "")
        print(f"kept {len(report.kept)} files in {out} that digest did not make: {listed}")
    print(
        f"built {out}: {len(site.articles) + len(site.skipped)} files read, "
        f"{len(site.articles)} articles, {len(site.skipped)} skipped, "
        f"{len(site.warnings)} warnings, {report.seconds:.2f} s"
        + (", the search index follows" if report.counts.stale else "")
    )


def _print_timings(stages: Sequence[StageTime]) -> None:
    """A table of the stages: wall-clock and CPU seconds, and the cores they kept busy."""
    print(f"{'stage':<10} {'wall s':>8} {'CPU s':>8} {'cores busy':>10}")
    total = StageTime("total", sum(s.wall for s in stages), sum(s.cpu or 0.0 for s in stages))
    for stage in (*stages, total):
        cpu = stage.cpu or 0.0
        busy = f"{cpu / stage.wall:.2f}" if stage.wall >= BUSY_FROM else "-"
        print(f"{stage.name:<10} {stage.wall:>8.2f} {cpu:>8.2f} {busy:>10}")


def _print_suggestions(site: Site) -> None:
    """Print the subjects the taxonomy misses: each with its phrases, its articles and a
    theme to paste into the themes file."""
    from .analyse.phrases import MIN_ARTICLES
    from .analyse.topics import theme_block, theme_id  # scikit-learn: see site.assemble.linked

    source = site.taxonomy.source or "the themes file"
    found = site.topics
    if not found:
        print(
            f"no subject that {MIN_ARTICLES} or more of the {len(site.articles)} articles "
            f"discuss is left uncovered by the themes of {source}"
        )
        return
    subjects = "1 subject" if len(found) == 1 else f"{len(found)} subjects"
    print(
        f"{subjects} that {MIN_ARTICLES} or more of the {len(site.articles)} articles "
        f"discuss and no theme of {source} covers. Each comes with a theme to paste at the "
        "end of the file; edit its description, and its signals if need be."
    )
    titles = {a.slug: a.title for a in site.articles}
    taken = {t.id for t in site.taxonomy.themes}
    for n, topic in enumerate(found, 1):
        print(f"\n{n}. {topic.label} ({len(topic.articles)} articles)")
        print(f"   phrases: {', '.join(topic.phrases)}")
        print("   articles:")
        for slug in topic.articles:
            print(f"     - {titles[slug]}")
        taken.add(new_id := theme_id(topic.label, taken))
        print(f"   theme for {source}:")
        print(theme_block(topic, new_id))


def _cores(text: str) -> int:
    """A --jobs value: a whole number, 0 for one per core."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, got {text!r}")
    return int(text)


class TerminalProgress:
    """Stage lines and, while articles are analysed, a bar redrawn in place on stderr."""

    WIDTH = 30

    def __init__(self) -> None:
        self.drawn = False

    def bar(self, done: int, total: int) -> None:
        filled = self.WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        print(f"\r\033[Kanalyse [{bar}] {done:,}/{total:,}", end="", file=sys.stderr, flush=True)
        self.drawn = True

    def line(self, message: str) -> None:
        if self.drawn:
            print("\r\033[K", end="", file=sys.stderr)
            self.drawn = False
        _stderr(message)


def _say_nothing(_: BuildReport) -> None:
    """What --quiet says of a build that only brought the search index up to date."""


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)

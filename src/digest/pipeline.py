"""build(config) -> BuildReport: the stages in order, gathering everything before writing."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .clean import clean
from .config import Config
from .extract import extract
from .load import discover, read_source
from .models import BuildReport, Skip, SourceDoc
from .render import render_site
from .site import assemble
from .text import fold
from .write import write_site

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    """A progress callback that says nothing."""


def build(config: Config, progress: Progress = _quiet) -> BuildReport:
    """Read, clean, extract, assemble, render and write the site; time each stage."""
    timings: list[tuple[str, float]] = []

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        timings.append((name, time.perf_counter() - started))

    with stage("load"):
        docs, skipped = load_all(config)
        progress(f"load: {len(docs) + len(skipped)} files read, {len(skipped)} skipped")
    with stage("extract"):
        articles = [extract(clean(doc)) for doc in docs]
        progress(f"extract: {len(articles)} articles")
    with stage("render"):
        site = assemble(articles, skipped)
        files = render_site(site, config)
        progress(f"render: {len(files)} files")
    with stage("write"):
        write_site(config.out, files, config.static)
        progress(f"write: {config.out}")
    return BuildReport(site=site, stage_seconds=tuple(timings))


def load_all(config: Config) -> tuple[list[SourceDoc], list[Skip]]:
    """Read every input file; unusable files and repeated texts become skips with reasons."""
    docs: list[SourceDoc] = []
    skipped: list[Skip] = []
    first_with_text: dict[str, str] = {}
    for path in discover(config.seeds):
        read = read_source(path, config.seeds, config.max_file_bytes)
        if isinstance(read, Skip):
            skipped.append(read)
            continue
        key = hashlib.sha256(fold(read.text).encode()).hexdigest()
        if key in first_with_text:
            skipped.append(Skip(read.source, f"same text as {first_with_text[key]}; built once"))
            continue
        first_with_text[key] = read.source
        docs.append(read)
    return docs, skipped

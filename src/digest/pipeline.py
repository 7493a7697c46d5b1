"""build(config) -> BuildReport: the stages in order, gathering everything before writing."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from .clean import clean
from .config import SHIPPED_STATIC, Config
from .editorial import (
    apply_fields,
    apply_themes,
    edits_for,
    is_draft,
    read_overrides,
    unknown_files,
    with_markdown,
)
from .errors import StrictError
from .extract import extract
from .load import discover, read_source
from .models import Article, BuildReport, Edits, OutputFile, Site, Skip, SourceDoc
from .render import render_site
from .search import fallback_index, pagefind_bundle
from .site import assemble
from .taxonomy import load_taxonomy, matchers, tag
from .text import fold
from .urls import article_path
from .write import write_site

Progress = Callable[[str], None]


def silent(_: str) -> None:
    """A progress callback that says nothing."""


class Timer:
    """Stage timings, in the order the stages ran."""

    def __init__(self) -> None:
        self.timings: list[tuple[str, float]] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the block as the named stage."""
        started = time.perf_counter()
        yield
        self.timings.append((name, time.perf_counter() - started))


def analyse(config: Config, progress: Progress = silent, timer: Timer | None = None) -> Site:
    """Load, clean, extract, edit and tag every input file: all but rendering and writing."""
    timer = timer or Timer()
    with timer.stage("load"):
        taxonomy = load_taxonomy(config.themes)
        docs, skipped = load_all(config)
        overrides = read_overrides(config.seeds)
        skipped += [overrides.skip] if overrides.skip else []
        progress(f"load: {len(docs) + len(skipped)} files read, {len(skipped)} skipped")
    with timer.stage("extract"):
        edits = {doc.source: edits_for(doc, overrides) for doc in docs}
        articles = [edited(extract(clean(doc)), doc, *edits[doc.source]) for doc in docs]
        progress(f"extract: {len(articles)} articles")
    with timer.stage("tag"):
        compiled = matchers(taxonomy)
        articles = [
            with_tag_warning(apply_themes(tag(a, compiled), edits[a.source][0], taxonomy))
            for a in articles
        ]
        progress(f"tag: {len(taxonomy.themes)} themes")
    drafts = [a for a in articles if is_draft(edits[a.source][0])]
    skipped += [Skip(a.source, "a draft (draft: true); not published") for a in drafts]
    notices = unknown_files(overrides, [*edits, *(s.source for s in skipped)])
    published = [a for a in articles if a not in drafts]
    return assemble(published, skipped, taxonomy, notices)


def edited(
    article: Article, doc: SourceDoc, edits: tuple[Edits, ...], problems: Sequence[str]
) -> Article:
    """The extracted article with its Markdown, the editors' fields and their warnings."""
    article = apply_fields(with_markdown(article, doc), edits)
    return replace(article, warnings=(*article.warnings, *problems))


def build(config: Config, progress: Progress = silent) -> BuildReport:
    """Analyse every input file, then render and write the site; time each stage."""
    timer = Timer()
    site = analyse(config, progress, timer)
    if config.strict:
        refuse_problems(site)
    with timer.stage("render"):
        files = render_site(site, config)
        progress(f"render: {len(files)} files")
    with timer.stage("search"):
        files += search_files(site, files, config.search)
        progress(f"search: {len(site.articles)} articles indexed")
    with timer.stage("write"):
        write_site(config.out, files, static_folders(config))
        progress(f"write: {config.out}")
    return BuildReport(site=site, out=config.out, stage_seconds=tuple(timer.timings))


def search_files(site: Site, pages: list[OutputFile], full_text: bool) -> list[OutputFile]:
    """The file:// search index, and Pagefind's bundle of the article pages unless turned off."""
    if not full_text:
        return [fallback_index(site)]
    articles = {article_path(a.slug) for a in site.articles}
    return [fallback_index(site), *pagefind_bundle([p for p in pages if p.path in articles])]


def refuse_problems(site: Site) -> None:
    """With --strict, a warning or a skipped file stops the build before anything is written."""
    problems = [f"{s.source}: skipped: {s.reason}" for s in site.skipped]
    problems += [f"{source}: {message}" for source, message in site.warnings]
    if problems:
        listed = "".join(f"\n  {p}" for p in problems)
        raise StrictError(
            f"--strict: {len(problems)} problems, so the site was not written:{listed}"
        )


def static_folders(config: Config) -> list[Path]:
    """The shipped static files, then the user's, which replace shipped files of the same name."""
    return [SHIPPED_STATIC, *([config.static_dir] if config.static_dir else [])]


def load_all(config: Config) -> tuple[list[SourceDoc], list[Skip]]:
    """Read every input file; unusable files and repeated texts become skips with reasons."""
    docs: list[SourceDoc] = []
    paths, skipped = discover(config.seeds)
    first_with_text: dict[str, str] = {}
    for path in paths:
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


def with_tag_warning(article: Article) -> Article:
    """Note in the report when no theme applies to an article."""
    if article.themes:
        return article
    return replace(article, warnings=(*article.warnings, "no theme of the taxonomy applies"))

"""build(config) -> BuildReport: the stages in order, gathering everything before writing."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .cache import (
    ANALYSES,
    RECORDS,
    RELATED,
    SOURCES,
    Cache,
    Memo,
    ReadFile,
    Store,
    article_key,
    code_fingerprint,
    completed,
    context_key,
)
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
from .heap import collector_paused, existing_objects_settled
from .load import discover, read_source
from .models import (
    Article,
    BuildReport,
    Edits,
    Kept,
    OutputFile,
    Site,
    Skip,
    SourceDoc,
    Taxonomy,
)
from .publish import publish
from .search import bundle_folder, pagefind_bundles, shard_key, shards
from .site import assemble
from .taxonomy import Matcher, load_taxonomy, matchers, tag
from .text import fold
from .workers import available_cores, process_pool
from .write import Output, Written

Progress = Callable[[str], None]
# Told how many of the articles are analysed so far, and of how many: (done, total).
Tally = Callable[[int, int], None]
# Fewer documents than this are analysed in this process: starting workers costs more.
PARALLEL_FROM = 64


def silent(_: str) -> None:
    """A progress callback that says nothing."""


def uncounted(_: int, __: int) -> None:
    """A tally that counts nothing."""


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


@dataclass(frozen=True, slots=True)
class Job:
    """One input file to analyse: its document, its edits and the warnings they gave; and
    the key of its analysis (cache.article_key)."""

    doc: SourceDoc
    edits: tuple[Edits, ...]
    problems: tuple[str, ...]
    key: str = ""


@contextmanager
def caching(config: Config, cache: Cache | None) -> Iterator[Cache]:
    """The cache a build uses: the one given (a serving process keeps its own between
    builds, and saves it), or the cache folder's, saved when the build ends."""
    if cache is not None:
        yield cache
        return
    made = Cache(config.cache_dir)
    try:
        yield made
    finally:
        made.save()


def analyse(
    config: Config,
    progress: Progress = silent,
    timer: Timer | None = None,
    tally: Tally = uncounted,
    cache: Cache | None = None,
) -> Site:
    """Load, clean, extract, edit and tag every input file: all but rendering and writing."""
    timer = timer or Timer()
    with caching(config, cache) as kept, collector_paused():
        return analysed(config, progress, timer, tally, kept)


def analysed(config: Config, progress: Progress, timer: Timer, tally: Tally, cache: Cache) -> Site:
    """The stages of `analyse`, with the cache to use."""
    with timer.stage("load"):
        taxonomy = load_taxonomy(config.themes)
        docs, skipped = load_all(config, cache)
        overrides = read_overrides(config.seeds)
        skipped += [overrides.skip] if overrides.skip else []
        progress(f"load: {len(docs) + len(skipped)} files read, {len(skipped)} skipped")
    with timer.stage("analyse"):
        jobs = [Job(doc, *edits_for(doc, overrides)) for doc in docs]
        articles, fresh = analyse_all(jobs, taxonomy, config, cache, tally)
        progress(f"analyse: {fresh} analysed, {len(articles) - fresh} from the cache")
    with timer.stage("assemble"):
        drafts = {job.doc.source for job in jobs if is_draft(job.edits)}
        skipped += [Skip(s, "a draft (draft: true); not published") for s in sorted(drafts)]
        notices = unknown_files(
            overrides, [*(j.doc.source for j in jobs), *(s.source for s in skipped)]
        )
        published = [a for a in articles if a.source not in drafts]
        related = cache.memo(RELATED)
        site = assemble(published, skipped, taxonomy, notices, related)
        cache.keep(RELATED, related)
        return site


def analyse_all(
    jobs: list[Job], taxonomy: Taxonomy, config: Config, cache: Cache, tally: Tally = uncounted
) -> tuple[list[Article], int]:
    """Every job's article, from the cache where it holds one; and how many were analysed."""
    context = context_key(taxonomy, code_fingerprint())
    keyed = [replace(j, key=article_key(context, j.doc, j.edits, j.problems)) for j in jobs]
    keys = [job.key for job in keyed]
    results, fresh = completed(
        cache.store(ANALYSES),
        dict(zip(keys, keyed, strict=True)),
        lambda missing: run_jobs(missing, taxonomy, worker_count(config), tally),
        lambda entries: cache.replace(ANALYSES, entries),
    )
    return [results[key] for key in keys], fresh


def run_jobs(
    jobs: list[Job], taxonomy: Taxonomy, workers: int, tally: Tally = uncounted
) -> list[Article]:
    """Analyse the jobs, over several processes when there are enough of them."""
    if workers <= 1 or len(jobs) < PARALLEL_FROM:
        return counted((analyse_job(job, taxonomy) for job in jobs), len(jobs), tally)
    with process_pool(workers, _start_worker, (taxonomy,)) as pool:
        chunk = max(1, min(64, len(jobs) // (workers * 8)))
        return counted(pool.map(_worker_job, jobs, chunksize=chunk), len(jobs), tally)


def counted(articles: Iterable[Article], total: int, tally: Tally) -> list[Article]:
    """Collect the articles, telling the tally every hundredth and at the end."""
    done: list[Article] = []
    for article in articles:
        done.append(article)
        if len(done) % 100 == 0 or len(done) == total:
            tally(len(done), total)
    return done


def analyse_job(job: Job, taxonomy: Taxonomy) -> Article:
    """Clean, extract, edit and tag one document."""
    doc, edits = job.doc, job.edits
    article = apply_fields(with_markdown(extract(clean(doc)), doc), edits)
    article = replace(article, warnings=(*article.warnings, *job.problems), fingerprint=job.key)
    tagged = tag(article, compiled_matchers(taxonomy))
    return with_tag_warning(apply_themes(tagged, edits, taxonomy))


@lru_cache(maxsize=2)
def compiled_matchers(taxonomy: Taxonomy) -> tuple[Matcher, ...]:
    """The taxonomy's regular expressions, compiled once per process."""
    return matchers(taxonomy)


_worker_taxonomy: Taxonomy | None = None


def _start_worker(taxonomy: Taxonomy) -> None:
    global _worker_taxonomy
    _worker_taxonomy = taxonomy


def _worker_job(job: Job) -> Article:
    assert _worker_taxonomy is not None
    return analyse_job(job, _worker_taxonomy)


def worker_count(config: Config) -> int:
    """The processes to work in: as configured, or one per core."""
    return config.jobs or available_cores()


def build(
    config: Config,
    progress: Progress = silent,
    tally: Tally = uncounted,
    cache: Cache | None = None,
) -> BuildReport:
    """Analyse every input file, then render and write the site; time each stage."""
    timer = Timer()
    with caching(config, cache) as kept:
        with collector_paused():
            site = analysed(config, progress, timer, tally, kept)
        if config.strict:
            refuse_problems(site)
        records = kept.memo(RECORDS)
        manifest = manifest_store(config.out)
        with existing_objects_settled(), Output(config.out, kept.whole(manifest)) as output:
            with timer.stage("render"):
                made = publish(site, config, records, output, worker_count(config))
                progress(f"render: {made} files, {len(output.written)} written")
            with timer.stage("search"):
                if config.search:
                    indexed, count = index_search(site, output)
                    progress(f"search: {indexed} of {count} shards indexed")
            with timer.stage("write"):
                kept.keep_whole(manifest, output.finish(static_folders(config)))
                progress(f"write: {config.out}")
        kept.keep(RECORDS, records)
    return BuildReport(site=site, out=config.out, stage_seconds=tuple(timer.timings))


def index_search(site: Site, output: Output) -> tuple[int, int]:
    """Add Pagefind's bundles of the article pages to the output: a shard's bundle is kept
    when the previous build made it from the same pages, and the others are indexed. How
    many shards were indexed, and of how many."""
    missing: list[tuple[str, str, list[str]]] = []
    groups = shards(site)
    for number, paths in enumerate(groups):
        key = shard_key(paths, output.digest)
        held = output.held_with(key)
        if held:
            for path in held:
                output.add(Kept(path, key))
        else:
            missing.append((bundle_folder(number), key, paths))
    pages = [[(path, output.location(path)) for path in paths] for *_, paths in missing]
    bundles = pagefind_bundles(pages, output.scratch) if pages else []
    for (folder, key, _), bundle in zip(missing, bundles, strict=True):
        for name, file in bundle:
            output.add(OutputFile(f"{folder}/{name}", file.read_bytes(), key))
    return len(missing), len(groups)


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


def load_all(config: Config, cache: Cache) -> tuple[list[SourceDoc], list[Skip]]:
    """Read every input file; unusable files and repeated texts become skips with reasons.

    A file is read again only when its status (size, inode, change times) differs from
    the last build's, as make and git decide; otherwise what it gave then is used.
    """
    docs: list[SourceDoc] = []
    paths, skipped = discover(config.seeds)
    known = cache.memo(SOURCES)
    first_with_text: dict[str, str] = {}
    for path in paths:
        read = read_known(path, config, known)
        if read.doc is None:
            skipped += [read.skip] if read.skip else []
            continue
        if read.text_key in first_with_text:
            first = first_with_text[read.text_key]
            skipped.append(Skip(read.doc.source, f"same text as {first}; built once"))
            continue
        first_with_text[read.text_key] = read.doc.source
        docs.append(read.doc)
    cache.keep(SOURCES, known)
    return docs, skipped


def read_known(path: Path, config: Config, known: Memo) -> ReadFile:
    """A file read (see read_source), from the memo when its status is as it was then."""

    def read() -> ReadFile:
        return read_file(read_source(path, config.seeds, config.max_file_bytes))

    try:
        status = path.stat()
    except OSError:
        return read()
    key = (
        f"{os.fsencode(path)!r}\n{status.st_size} {status.st_ino} {status.st_mtime_ns} "
        f"{status.st_ctime_ns}\n{config.max_file_bytes}"
    )
    return known.get(key, read)


def read_file(read: SourceDoc | Skip) -> ReadFile:
    """What a file gave, with the hash of its folded text, which is the same for texts
    that differ only in case, accents, punctuation and spacing."""
    if isinstance(read, Skip):
        return ReadFile(None, read)
    return ReadFile(read, None, hashlib.sha256(fold(read.text).encode()).hexdigest())


def manifest_store(out: Path) -> Store[Written]:
    """The store of the manifest of an output folder (see write), named by its path."""
    return Store(f"output-{hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]}", Written)


def with_tag_warning(article: Article) -> Article:
    """Note in the report when no theme applies to an article."""
    if article.themes:
        return article
    return replace(article, warnings=(*article.warnings, "no theme of the taxonomy applies"))

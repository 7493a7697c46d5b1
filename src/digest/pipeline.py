"""build(config) -> BuildReport: the stages in order, gathering everything before writing."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import msgspec

from .cache import (
    ANALYSES,
    CLAIM_LINKS,
    RECORDS,
    RELATED,
    TOPICS,
    Cache,
    Store,
    article_key,
    code_fingerprint,
    completed,
    context_key,
)
from .clean import clean
from .config import SHIPPED_STATIC, Config, check_folders
from .cputime import tree_cpu_seconds
from .editorial import (
    apply_fields,
    apply_themes,
    edits_for,
    is_draft,
    read_overrides,
    unknown_files,
    with_markdown,
    without_answered,
)
from .errors import Interrupted, OutputError, StrictError
from .extract import extract
from .heap import collector_paused, existing_objects_settled
from .load import check_seeds, empty_seeds, load_all
from .lock import claimed
from .marker import MARKER, Marker, read_marker
from .models import (
    Article,
    BuildReport,
    Edits,
    Site,
    Skip,
    SourceDoc,
    StageTime,
    Taxonomy,
)
from .problems import Problem, grouped
from .publish import index_search, publish
from .search import BUNDLE
from .site import assemble
from .taxonomy import Matcher, load_taxonomy, matchers, tag
from .workers import available_cores, process_pool
from .write import Output, Written, check_replaceable

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
    """Stage timings, in the order the stages ran: wall-clock time, and the CPU time of the
    build's whole process tree when `cpu` is set (reading it costs a little per stage)."""

    def __init__(self, cpu: bool = False) -> None:
        self.timings: list[StageTime] = []
        self.cpu = cpu

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the block as the named stage."""
        started, used = time.perf_counter(), tree_cpu_seconds() if self.cpu else 0.0
        yield
        cpu = tree_cpu_seconds() - used if self.cpu else None
        self.timings.append(StageTime(name, time.perf_counter() - started, cpu))


@dataclass(frozen=True, slots=True)
class Job:
    """One input file to analyse: its document, its edits and the warnings they gave; and
    the key of its analysis (cache.article_key)."""

    doc: SourceDoc
    edits: tuple[Edits, ...]
    problems: tuple[Problem, ...]
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
    check_seeds(config.seeds)
    timer = timer or Timer()
    with caching(config, cache) as kept, collector_paused():
        return analysed(config, progress, timer, tally, kept)


def analysed(
    config: Config,
    progress: Progress,
    timer: Timer,
    tally: Tally,
    cache: Cache,
    marker: Marker | None = None,
    problems: tuple[Problem, ...] = (),
) -> Site:
    """The stages of `analyse`, with the cache to use, the marker of the output folder
    (the slugs the previous build gave), and the problems found before (the config file's)."""
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
        notices = [
            *problems,
            *taxonomy.problems,
            *empty_seeds(config.seeds, docs, skipped),
            *unknown_files(
                overrides, [*(j.doc.source for j in jobs), *(s.source for s in skipped)]
            ),
        ]
        published = [a for a in articles if a.source not in drafts]
        related, links, topics = cache.memo(RELATED), cache.memo(CLAIM_LINKS), cache.memo(TOPICS)
        slugs = marker.slugs if marker else {}
        site = assemble(published, skipped, taxonomy, notices, related, slugs, links, topics)
        cache.keep(RELATED, related)
        cache.keep(CLAIM_LINKS, links)
        cache.keep(TOPICS, topics)
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
        shipped = pool.map(_worker_job, jobs, chunksize=chunk)
        return counted((_ARTICLE.decode(record) for record in shipped), len(jobs), tally)


def counted(articles: Iterable[Article], total: int, tally: Tally) -> list[Article]:
    """Collect the articles, telling the tally every hundredth and at the end."""
    done: list[Article] = []
    for article in articles:
        done.append(article)
        if len(done) % 100 == 0 or len(done) == total:
            tally(len(done), total)
    return done


def analyse_job(job: Job, taxonomy: Taxonomy) -> Article:
    """Clean, extract, edit and tag one document; warn of what it lacks that no edit gives."""
    doc, edits = job.doc, job.edits
    article = apply_fields(with_markdown(extract(clean(doc)), doc), edits)
    article = replace(article, warnings=(*article.warnings, *job.problems), fingerprint=job.key)
    tagged = tag(article, compiled_matchers(taxonomy))
    return without_answered(with_tag_warning(apply_themes(tagged, edits, taxonomy)), edits)


@lru_cache(maxsize=2)
def compiled_matchers(taxonomy: Taxonomy) -> tuple[Matcher, ...]:
    """The taxonomy's regular expressions, compiled once per process."""
    return matchers(taxonomy)


_worker_taxonomy: Taxonomy | None = None


def _start_worker(taxonomy: Taxonomy) -> None:
    global _worker_taxonomy
    _worker_taxonomy = taxonomy


# Workers send each article back as MessagePack: this process decodes it in a sixth of the
# time unpickling takes (each record is built in Python), and it shares the cores with them.
_ARTICLE = msgspec.msgpack.Decoder(Article)


def _worker_job(job: Job) -> bytes:
    assert _worker_taxonomy is not None
    return msgspec.msgpack.encode(analyse_job(job, _worker_taxonomy))


def worker_count(config: Config) -> int:
    """The processes to work in: as configured, or one per core."""
    return config.jobs or available_cores()


def build(
    config: Config,
    progress: Progress = silent,
    tally: Tally = uncounted,
    cache: Cache | None = None,
    problems: tuple[Problem, ...] = (),
    timer: Timer | None = None,
) -> BuildReport:
    """Analyse every input file, then render the site and switch it into the output folder;
    time each stage (with the given timer, to have CPU times too). `problems` are those
    found before the build (the config file's, see load_config): reported with its own, and
    counted by --strict. One build at a time writes into an output folder (see lock)."""
    out = config.out.resolve()
    preflight(config, out)
    timer = timer or Timer()
    output: Output | None = None
    try:
        with claimed(out, progress) as lock, caching(config, cache) as kept:
            marker = read_marker(out)
            with collector_paused():
                site = analysed(config, progress, timer, tally, kept, marker, problems)
            if config.strict:
                refuse_problems(site)
            previous = kept.whole(manifest_store(out))
            try:
                with existing_objects_settled(), Output(out, marker, previous, (BUNDLE,)) as output:
                    write_site(site, config, output, kept, timer, progress, lock)
            except OSError as err:  # a full disk, a folder we may not write in
                raise OutputError(f"cannot write the site into {config.out}: {err}") from None
    except KeyboardInterrupt:
        raise Interrupted(what_is_left(config.out, output)) from None
    return BuildReport(site, config.out, tuple(timer.timings), tuple(output.kept))


def preflight(config: Config, out: Path) -> None:
    """Refuse, before anything is read, an output folder the build would refuse to write
    (checked again when it writes) and a seeds folder that is not there: not after a
    long analysis."""
    check_folders(config)
    check_replaceable(out, read_marker(out))
    check_seeds(config.seeds)


def write_site(
    site: Site,
    config: Config,
    output: Output,
    cache: Cache,
    timer: Timer,
    progress: Progress,
    lock: int,
) -> None:
    """Render the site and index it for search into the output, and switch it in."""
    records = cache.memo(RECORDS)
    with timer.stage("render"):
        made = publish(site, config, records, output, worker_count(config))
        progress(f"render: {made} files, {len(output.written)} written")
    with timer.stage("search"):
        if config.search:
            indexed, count = index_search(site, output, lock)
            progress(f"search: {indexed} of {count} shards indexed")
    with timer.stage("write"):
        slugs = {article.source: article.slug for article in site.articles}
        cache.keep_whole(manifest_store(output.out), output.finish(static_folders(config), slugs))
        progress(f"write: {config.out}")
    cache.keep(RECORDS, records)


def what_is_left(out: Path, output: Output | None) -> str:
    """What an interrupted build leaves in its output folder, in words."""
    if output is not None and output.replaced:
        return f"the new site was already switched into {out}"
    if (out / MARKER).is_file():
        return f"the previous site in {out} was left as it was"
    return f"nothing was written to {out}"


def refuse_problems(site: Site) -> None:
    """With --strict, a warning or a skipped file stops the build before anything is
    written; the error lists every one, by kind."""
    count = len(site.skipped) + len(site.warnings)
    if count:
        skips = [f"  skipped {s.source}: {s.reason}" for s in site.skipped]
        listed = "".join(f"\n{line}" for line in [*skips, *grouped(site.warnings)])
        raise StrictError(f"--strict: {count} problems, so the site was not written:{listed}")


def static_folders(config: Config) -> list[Path]:
    """The shipped static files, then the user's, which replace shipped files of the same name."""
    return [SHIPPED_STATIC, *([config.static_dir] if config.static_dir else [])]


def manifest_store(out: Path) -> Store[Written]:
    """The store of the manifest of an output folder (see write), named by its path."""
    return Store(f"output-{hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]}", Written)


def with_tag_warning(article: Article) -> Article:
    """Note in the report when no theme applies to an article."""
    if article.themes:
        return article
    no_theme = Problem(article.source, None, "no-theme", "no theme of the taxonomy applies")
    return replace(article, warnings=(*article.warnings, no_theme))

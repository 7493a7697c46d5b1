"""The stages of a build, in the order they run: each a function of the run (see run) and
of what the stages before it made, timed under its name, telling the run's progress what
it did. load, analyse and assemble make the site; render, search and write fill the output
folder that `output` opens for them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..analyse.taxonomy import Taxonomy, load_taxonomy
from ..config import SHIPPED_STATIC, Config
from ..errors import OutputError
from ..models.article import Article
from ..models.documents import Skip, SourceDoc
from ..models.indexes import Site
from ..problems import Problem
from ..read.editorial import is_draft
from ..read.load import empty_seeds, load_all
from ..read.overrides import Overrides, edits_for, read_overrides, unknown_files
from ..site.assemble import assemble as assemble_site
from ..site.generate import index_search, publish
from ..site.search import BUNDLE
from .analysis import Job, analyse_all
from .cache import CLAIM_LINKS, RECORDS, RELATED, SHOWN, TOPICS, Store
from .collector import only_new_objects_collected
from .keys import output_key
from .marker import Marker
from .run import Run
from .workers import worker_count
from .write import Output, Written


@dataclass(frozen=True, slots=True)
class Inputs:
    """What the load stage read: the taxonomy, the documents, the files skipped (the
    overrides file among them when it is unusable) and the overrides."""

    taxonomy: Taxonomy
    docs: tuple[SourceDoc, ...]
    skipped: tuple[Skip, ...]
    overrides: Overrides


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the analyse stage made: a job and an article per document, in the same order,
    and how many of the articles were analysed rather than taken from the cache."""

    jobs: tuple[Job, ...]
    articles: tuple[Article, ...]
    analysed: int

    @property
    def cached(self) -> int:
        """How many articles were taken from the cache."""
        return len(self.articles) - self.analysed


def load(run: Run) -> Inputs:
    """Read the taxonomy, every input file and the overrides."""
    with run.timer.stage("load"):
        taxonomy = load_taxonomy(run.config.themes)
        docs, skipped = load_all(run.config, run.cache)
        overrides = read_overrides(run.config.seeds)
        skipped += [overrides.skip] if overrides.skip else []
        run.progress(f"load: {len(docs) + len(skipped)} files read, {len(skipped)} skipped")
        return Inputs(taxonomy, tuple(docs), tuple(skipped), overrides)


def analyse(run: Run, inputs: Inputs) -> Analysis:
    """Clean, extract, edit and tag every document (see analysis)."""
    with run.timer.stage("analyse"):
        jobs = [Job(doc, *edits_for(doc, inputs.overrides)) for doc in inputs.docs]
        articles, fresh = analyse_all(jobs, inputs.taxonomy, run.config, run.cache, run.tally)
        analysis = Analysis(tuple(jobs), tuple(articles), fresh)
        run.progress(f"analyse: {fresh} analysed, {analysis.cached} from the cache")
        return analysis


def assemble(
    run: Run,
    inputs: Inputs,
    analysis: Analysis,
    marker: Marker | None = None,
    problems: tuple[Problem, ...] = (),
) -> Site:
    """The site of the published articles (drafts are skipped), with the slugs the
    previous build gave (from the output's marker) and every warning: `problems` are those
    found before the build (the config file's)."""
    with run.timer.stage("assemble"):
        drafts = {job.doc.source for job in analysis.jobs if is_draft(job.edits)}
        draft = "a draft (draft: true); not published"
        skipped = [*inputs.skipped, *(Skip(source, draft) for source in sorted(drafts))]
        sources = [*(job.doc.source for job in analysis.jobs), *(s.source for s in skipped)]
        notices = [
            *problems,
            *inputs.taxonomy.problems,
            *empty_seeds(run.config.seeds, inputs.docs, skipped),
            *unknown_files(inputs.overrides, sources),
        ]
        published = [a for a in analysis.articles if a.source not in drafts]
        cache = run.cache
        related, links, topics = cache.memo(RELATED), cache.memo(CLAIM_LINKS), cache.memo(TOPICS)
        slugs = marker.slugs if marker else {}
        site = assemble_site(
            published, skipped, inputs.taxonomy, notices, related, slugs, links, topics
        )
        cache.keep(RELATED, related)
        cache.keep(CLAIM_LINKS, links)
        cache.keep(TOPICS, topics)
        return site


@contextmanager
def output(run: Run, out: Path, marker: Marker | None) -> Iterator[Output]:
    """The output folder, opened for render, search and write to fill (see write.Output),
    with what the previous build wrote into it, and the collector on for what they make
    (see collector). A failure to write is an OutputError."""
    previous = run.cache.whole(manifest_store(out))
    try:
        with only_new_objects_collected(), Output(out, marker, previous, (BUNDLE,)) as opened:
            yield opened
    except OSError as err:  # a full disk, a folder we may not write in
        raise OutputError(f"cannot write the site into {run.config.out}: {err}") from None


def render(run: Run, site: Site, output: Output) -> tuple[int, int]:
    """Render every page and generated file into the output (see site.generate): how many files
    were rendered, and how many kept as the previous build made them."""
    with run.timer.stage("render"):
        memos = run.cache.memo(RECORDS), run.cache.memo(SHOWN)
        rendered, kept = publish(site, run.config, memos, output, worker_count(run.config))
        run.progress(f"render: {rendered + kept} files, {len(output.written)} written")
        run.cache.keep(RECORDS, memos[0])
        run.cache.keep(SHOWN, memos[1])
        return rendered, kept


def search(run: Run, site: Site, output: Output, lock: int, later: bool) -> tuple[int, int, int]:
    """Index the article pages for search, unless the config turns search off: how many
    shards of the index were made again, of how many, and how many were kept out of date
    for a build to come (`later`, see site.generate.index_search)."""
    with run.timer.stage("search"):
        if not run.config.search:
            return 0, 0, 0
        indexed, shards, stale = index_search(site, output, lock, later)
        run.progress(f"search: {indexed} of {shards} shards indexed, {stale} to index later")
        return indexed, shards, stale


def write(run: Run, site: Site, output: Output) -> int:
    """Add the static files, switch the new tree in, and keep its manifest in the cache:
    how many files were written, the others being as the previous build left them."""
    with run.timer.stage("write"):
        slugs = {article.source: article.slug for article in site.articles}
        manifest = output.finish(static_folders(run.config), slugs)
        run.cache.keep_whole(manifest_store(output.out), manifest)
        run.progress(f"write: {run.config.out}")
        return len(output.written)


def static_folders(config: Config) -> list[Path]:
    """The shipped static files, then the user's, which replace shipped files of the same name."""
    return [SHIPPED_STATIC, *([config.static_dir] if config.static_dir else [])]


def manifest_store(out: Path) -> Store[Written]:
    """The store of the manifest of an output folder (see write), named by its path."""
    return Store(f"output-{output_key(out)}", Written)

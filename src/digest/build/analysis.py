"""The analyse stage's work: each input file cleaned, extracted, edited and tagged into an
Article, taken from the cache where it holds one, the rest over worker processes when there
are enough of them. A crash while analysing a file names the file (`while analysing ...`),
in this process or in a worker."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

import msgspec

from ..analyse.tagging import Matcher, matchers, tag
from ..analyse.taxonomy import Taxonomy
from ..config import Config
from ..models.article import Article
from ..models.documents import Edits, SourceDoc
from ..problems import Problem
from ..read.clean import clean
from ..read.editorial import apply_fields, apply_themes, without_answered
from ..read.extract import extract
from ..read.front_matter import with_markdown
from . import keys
from .cache import ANALYSES, Cache, completed
from .run import Tally, uncounted
from .workers import process_pool, worker_count

# Fewer documents than this are analysed in this process: starting workers costs more.
PARALLEL_FROM = 64


@dataclass(frozen=True, slots=True)
class Job:
    """One input file to analyse: its document, its edits and the warnings they gave; and
    the key of its analysis (keys.article_key)."""

    doc: SourceDoc
    edits: tuple[Edits, ...]
    problems: tuple[Problem, ...]
    key: str = ""


def analyse_all(
    jobs: list[Job], taxonomy: Taxonomy, config: Config, cache: Cache, tally: Tally = uncounted
) -> tuple[list[Article], int]:
    """Every job's article, from the cache where it holds one; and how many were analysed."""
    context = keys.analysis_context(taxonomy, keys.code_fingerprint())
    keyed = [replace(j, key=keys.article_key(context, j.doc, j.edits, j.problems)) for j in jobs]
    wanted = [job.key for job in keyed]
    results, fresh = completed(
        cache.store(ANALYSES),
        dict(zip(wanted, keyed, strict=True)),
        lambda missing: run_jobs(missing, taxonomy, worker_count(config), tally),
        lambda entries: cache.replace(ANALYSES, entries),
    )
    return [results[key] for key in wanted], fresh


def run_jobs(
    jobs: list[Job], taxonomy: Taxonomy, workers: int, tally: Tally = uncounted
) -> list[Article]:
    """Analyse the jobs, over several processes when there are enough of them."""
    if workers <= 1 or len(jobs) < PARALLEL_FROM:
        return counted((analyse_job(job, taxonomy) for job in jobs), len(jobs), tally)
    with process_pool(workers, _start_worker, (taxonomy,)) as pool:
        chunk = max(1, min(64, len(jobs) // (workers * 8)))
        shipped = pool.map(_worker_job, jobs, chunksize=chunk)
        known: dict[str, str] = {}
        decoded = (shared_strings(_ARTICLE.decode(record), known) for record in shipped)
        return counted(decoded, len(jobs), tally)


def shared_strings(article: Article, known: dict[str, str]) -> Article:
    """The article with each string of its themes one object with an equal string seen
    before (in `known`, which it adds to): its claims' text, or another theme's.

    Decoding makes a string object of every string it reads, where analysing in this
    process makes one and refers to it again: each theme hit's id and label, a sentence
    that is evidence for several themes or also a claim. The site holds every article for
    the whole build, in this process and in each render worker: at 5,000 articles the
    copies came to 40 MB in each.
    """
    for claim in article.claims:
        known.setdefault(claim.text, claim.text)

    def one(text: str) -> str:
        return known.setdefault(text, text)

    themes = tuple(
        replace(hit, id=one(hit.id), label=one(hit.label), evidence=tuple(map(one, hit.evidence)))
        for hit in article.themes
    )
    return replace(article, themes=themes)


def counted(articles: Iterable[Article], total: int, tally: Tally) -> list[Article]:
    """Collect the articles, telling the tally every hundredth and at the end."""
    done: list[Article] = []
    for article in articles:
        done.append(article)
        if len(done) % 100 == 0 or len(done) == total:
            tally(len(done), total)
    return done


def analyse_job(job: Job, taxonomy: Taxonomy) -> Article:
    """One job's article. An error names the file it was raised for in a note, which the
    traceback shows: the note travels back with the error from a worker process."""
    try:
        return _analysed(job, taxonomy)
    except Exception as err:
        err.add_note(f"while analysing {job.doc.source}")
        raise


def _analysed(job: Job, taxonomy: Taxonomy) -> Article:
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


def with_tag_warning(article: Article) -> Article:
    """Note in the report when no theme applies to an article."""
    if article.themes:
        return article
    no_theme = Problem(article.source, None, "no-theme", "no theme of the taxonomy applies")
    return replace(article, warnings=(*article.warnings, no_theme))


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

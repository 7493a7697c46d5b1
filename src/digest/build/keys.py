"""Every key of an incremental build: a hash of everything one cached value or one output
file is made from. A build takes a value from the cache, or keeps a file as the previous
build wrote it, only when its key is the same, so nothing kept is ever stale.

    key                 what it keys            made from
    code_fingerprint    everything              digest's version and source files
    article_key         an article's analysis   its document, edits and their warnings,
                                                the taxonomy, the code
    file_status_key     a file's reading        its path, size, inode and times
    related_key         related articles        slug, theme scores, the themes' leaders
    claims_key          every claim's links     each article's slug, kind and claims
    topics_key          topics no theme covers  the taxonomy, every article's analysis
    record_digest       an article's record     its analysis and what the site added
    records_key         articles.json           every record, the rest of the document
    site_fingerprint    every output file       the code, the config, the templates
    page_key            one HTML page           what it shows (see views.shown)
    shard_key           a search index shard    its pages' content, Pagefind's version
    output_key          an output's manifest    the output folder's path
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from pathlib import Path

import msgspec

from .. import GENERATOR
from ..analyse.taxonomy import Taxonomy
from ..models.article import Article
from ..models.documents import Edits, SourceDoc

PACKAGE = Path(__file__).resolve().parent


def digest_of(text: str) -> str:
    """The SHA-256 of a text, in hex."""
    return hashlib.sha256(text.encode()).hexdigest()


@cache
def code_fingerprint() -> str:
    """The package version and a hash of every source file of the package."""
    digest = hashlib.sha256(GENERATOR.encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def analysis_context(taxonomy: Taxonomy, code: str) -> str:
    """What every article's analysis depends on besides its own file: taxonomy and code."""
    return digest_of(f"{code}\n{taxonomy!r}")


@lru_cache(maxsize=1 << 16)
def article_key(
    context: str, doc: SourceDoc, edits: tuple[Edits, ...], problems: tuple[str, ...]
) -> str:
    """The cache key of one article's analysis: its document, edits and their warnings.
    Kept for the documents seen last: a serving process keeps the same ones between builds,
    and hashing their text again would cost more than all else a rebuild does with them."""
    return digest_of(f"{context}\n{doc!r}\n{edits!r}\n{problems!r}")


def file_status_key(path: Path, status: os.stat_result, max_bytes: int) -> str:
    """What reading a file gave is the same while its path, size, inode and times are,
    and the size limit too (not hashed: it is short, and a dictionary key)."""
    return (
        f"{os.fsencode(path)!r}\n{status.st_size} {status.st_ino} {status.st_mtime_ns} "
        f"{status.st_ctime_ns}\n{max_bytes}"
    )


def related_key(slug: str, hits: object, leaders: Sequence[str]) -> str:
    """An article's related articles: its slug, its theme scores, and a hash of each of
    its themes' leading candidates (see leaders_key)."""
    return digest_of(f"{slug}\n{hits!r}\n{list(leaders)!r}")


def leaders_key(entries: object) -> str:
    """A theme's leading candidates for related articles, with their scores."""
    return digest_of(repr(entries))


def claims_key(articles: Iterable[Article]) -> str:
    """Every claim's links: each article's slug, whether it argues, and its claims."""
    return digest_of(repr([(a.slug, a.argues, [c.text for c in a.claims]) for a in articles]))


def topics_key(taxonomy: Taxonomy, articles: Iterable[Article]) -> str:
    """The topics no theme covers: the taxonomy, and each article's slug and analysis (its
    text, for an article made without one)."""
    contents = [(a.slug, a.fingerprint or digest_of("\n".join(a.paragraphs))) for a in articles]
    return digest_of(repr((taxonomy, contents)))


def record_digest(article: Article) -> str:
    """A hash of an article's whole record: its analysis's fingerprint with what the site
    added (slug, related articles, the slugs of the people it names, its claims' links), or,
    for a record made without one, all its fields."""
    if not article.fingerprint:
        return hashlib.sha256(msgspec.msgpack.encode(article)).hexdigest()
    added = (
        [a.slug for a in article.authors],
        [q.slug for q in article.quoted],
        [[(k.article, k.claim, k.relation) for k in c.links] for c in article.claims],
    )
    return digest_of("\n".join((article.fingerprint, article.slug, *article.related, repr(added))))


def records_key(rest: str, articles: Iterable[Article]) -> str:
    """A hash of every article's record and of `rest`, the JSON of all else the document
    holds."""
    digest = hashlib.sha256(rest.encode())
    for article in articles:
        digest.update(record_digest(article).encode())
    return digest.hexdigest()


def site_fingerprint(config: object, template_folders: Iterable[Path]) -> str:
    """A hash of everything besides a file's own sources that makes it: digest's code, the
    config, and every file of the template folders."""
    digest = hashlib.sha256(f"{code_fingerprint()}\n{config!r}".encode())
    for folder in template_folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                digest.update(f"\n{path}\n".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def page_key(fingerprint: str, path: str, shown: str) -> str:
    """An output file: the site's fingerprint, its path, and what it shows."""
    return digest_of("\n".join((fingerprint, path, shown)))


def shard_key(paths: Iterable[str], page_digest: Callable[[str], str], version: str) -> str:
    """A hash of a shard's pages (each by a hash of its content) and of Pagefind's version:
    a shard's bundle is the same while these are."""
    digest = hashlib.sha256(version.encode())
    for path in paths:
        digest.update(f"\n{path} {page_digest(path)}".encode())
    return digest.hexdigest()


def output_key(out: Path) -> str:
    """An output folder, by its path: the name of the store of its manifest."""
    return digest_of(str(out.resolve()))[:16]

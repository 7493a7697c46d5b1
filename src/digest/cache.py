"""A content-hash cache of per-article analysis and of the search bundle, kept outside the
output folder.

An article's analysis (cleaning, extraction, the editors' fields, tagging) depends only on
its file's content and name, its edits, the taxonomy, and digest's own code. The cache key
hashes all of them, the code by the package version and the bytes of its source files, so an
entry is never stale: a change to any of them is a different key. Entries not used by a build
are dropped when it saves. The search bundle is kept with a hash of the pages it indexed and
reused only for the same pages, shard by shard. Deleting the folder changes nothing but speed.

The cache is a pickle written by this program into the user's own folder; like Python's own
bytecode cache, it is trusted as such.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import TypeVar

from . import GENERATOR
from .models import Article, Edits, OutputFile, SourceDoc, Taxonomy

log = logging.getLogger(__name__)

Made = TypeVar("Made")
Input = TypeVar("Input")

CACHE_FILE = "analysis.pickle"
SEARCH_FILE = "search.pickle"
PAGES_FOLDER = "pages"
PACKAGE = Path(__file__).resolve().parent


@cache
def code_fingerprint() -> str:
    """The package version and a hash of every source file of the package."""
    digest = hashlib.sha256(GENERATOR.encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def context_key(taxonomy: Taxonomy, code: str) -> str:
    """What every article's analysis depends on besides its own file: taxonomy and code."""
    return hashlib.sha256(f"{code}\n{taxonomy!r}".encode()).hexdigest()


def article_key(
    context: str, doc: SourceDoc, edits: tuple[Edits, ...], problems: tuple[str, ...]
) -> str:
    """The cache key of one article's analysis: its document, edits and their warnings."""
    return hashlib.sha256(f"{context}\n{doc!r}\n{edits!r}\n{problems!r}".encode()).hexdigest()


def completed(
    cached: Mapping[str, Made],
    wanted: Mapping[str, Input],
    make: Callable[[list[Input]], list[Made]],
    save: Callable[[dict[str, Made]], None],
) -> tuple[dict[str, Made], int]:
    """The value of each wanted key: the cached one, or made from its input, all the missing
    ones at once; and how many were made. The result replaces the cache (through `save`)
    only when it differs from it."""
    missing = [key for key in wanted if key not in cached]
    made = (
        dict(zip(missing, make([wanted[key] for key in missing]), strict=True)) if missing else {}
    )
    result = {key: made[key] if key in made else cached[key] for key in wanted}
    if missing or cached.keys() != result.keys():
        save(result)
    return result, len(missing)


def load_cache(folder: Path | None) -> dict[str, Article]:
    """The cached analyses by key; empty when there is no cache or it cannot be read."""
    entries = _load(folder, CACHE_FILE)
    return entries if isinstance(entries, dict) else {}


def save_cache(folder: Path | None, entries: Mapping[str, Article]) -> None:
    """Replace the cache with this build's entries, atomically; a failure is only a warning."""
    _save(folder, CACHE_FILE, dict(entries))


def pages_key(pages: Iterable[OutputFile]) -> str:
    """A hash of the pages a search index (or a shard of it) is built from."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for page in pages:
        digest.update(f"{page.path}\n{len(page.content)}\n".encode())
        digest.update(page.content)
    return digest.hexdigest()


def load_search(folder: Path | None) -> dict[str, list[OutputFile]]:
    """The search bundles of the last build, by the key of the pages each was built from."""
    stored = _load(folder, SEARCH_FILE)
    return stored if isinstance(stored, dict) else {}


def save_search(folder: Path | None, bundles: Mapping[str, list[OutputFile]]) -> None:
    """Keep this build's search bundles for a rebuild whose pages are the same."""
    _save(folder, SEARCH_FILE, dict(bundles))


class PageStore:
    """Rendered pages, one file each, named by the key of everything the page is made from
    (its path, its sources and the site fingerprint; see render): the same key is the same
    page. A build keeps only the pages it used."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.hits = 0

    def get(self, key: str) -> bytes | None:
        """The page stored under the key, or None; a damaged file is not used."""
        self.used.add(key)
        try:
            stored = (self.folder / key).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as err:
            log.warning("%s: unreadable cached page %s, rendering it (%s)", self.folder, key, err)
            return None
        checksum, _, content = stored.partition(b"\n")
        if checksum != _checksum(content):
            return None
        self.hits += 1
        return content

    def put(self, key: str, content: bytes) -> None:
        """Store a page under its key, after a checksum of it; a failure is only a warning."""
        _write(self.folder, key, _checksum(content) + b"\n" + content)

    def prune(self) -> None:
        """Remove the pages this build did not use."""
        try:
            for path in self.folder.iterdir():
                if path.name not in self.used:
                    path.unlink(missing_ok=True)
        except OSError as err:
            log.warning("%s: cannot prune the cached pages (%s)", self.folder, err)


def _checksum(content: bytes) -> bytes:
    return hashlib.sha256(content).hexdigest().encode()


def page_store(folder: Path | None) -> PageStore | None:
    """The store of rendered pages in the cache folder; None without a cache."""
    return PageStore(folder / PAGES_FOLDER) if folder else None


def _load(folder: Path | None, name: str) -> object:
    """What a cache file holds; None when there is none, or a warning and None when it
    cannot be read."""
    if folder is None:
        return None
    try:
        with (folder / name).open("rb") as file:
            return pickle.load(file)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as err:
        log.warning("%s: unreadable cache file %s, building without it (%s)", folder, name, err)
        return None


def _save(folder: Path | None, name: str, value: object) -> None:
    """Pickle a value into the cache folder atomically; a failure is only a warning."""
    if folder is not None:
        _write(folder, name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def _write(folder: Path, name: str, content: bytes) -> None:
    """Write a file of the cache atomically; a failure is only a warning."""
    temporary = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}-")
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, folder / name)
    except OSError as err:
        log.warning("%s: cannot write the cache (%s)", folder, err)
        if temporary:
            Path(temporary).unlink(missing_ok=True)

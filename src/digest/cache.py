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
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from . import GENERATOR
from .models import Article, Edits, OutputFile, SourceDoc, Taxonomy

log = logging.getLogger(__name__)

CACHE_FILE = "analysis.pickle"
SEARCH_FILE = "search.pickle"
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
    if folder is None:
        return
    temporary = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}-")
        with os.fdopen(handle, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / name)
    except OSError as err:
        log.warning("%s: cannot write the cache (%s)", folder, err)
        if temporary:
            Path(temporary).unlink(missing_ok=True)

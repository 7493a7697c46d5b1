"""A content-hash cache of per-article analysis, kept outside the output folder.

An article's analysis (cleaning, extraction, the editors' fields, tagging) depends only on
its file's content and name, its edits, the taxonomy, and digest's own code. The cache key
hashes all of them, the code by the package version and the bytes of its source files, so an
entry is never stale: a change to any of them is a different key. Entries not used by a build
are dropped when it saves. The manifest of the output folder (see write) is kept here too.
Deleting the folder changes nothing but speed.

The cache is a pickle written by this program into the user's own folder; like Python's own
bytecode cache, it is trusted as such.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
import zlib
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar, cast

from . import GENERATOR
from .heap import collector_paused
from .models import Edits, SourceDoc, Taxonomy

log = logging.getLogger(__name__)

Made = TypeVar("Made")
Input = TypeVar("Input")

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


@lru_cache(maxsize=1 << 16)
def article_key(
    context: str, doc: SourceDoc, edits: tuple[Edits, ...], problems: tuple[str, ...]
) -> str:
    """The cache key of one article's analysis: its document, edits and their warnings.
    Kept for the documents seen last: a serving process keeps the same ones between builds,
    and hashing their text again would cost more than all else a rebuild does with them."""
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


class Cache:
    """The stores of the cache folder, each a dictionary read at most once and then kept in
    memory: a build reads each at most once, and a serving process keeps them between
    builds, so an edit costs no reading of the whole cache. A store is replaced by what a
    build used, and saved by `save` only when it changed.

    A store is kept in BUCKETS files by a hash of its keys, and only the files whose keys
    changed are written again: a key names its value (a hash of what made it), so the same
    keys are the same values. A file holds the fingerprint of digest's code, and another
    version's file is not even unpickled: its values might be made differently, or not load
    into this version's classes. Without a folder, the stores live in memory only."""

    ANALYSES = "analysis"
    SOURCES = "sources"
    RELATED = "related"
    RECORDS = "records"
    BUCKETS = 16

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._stores: dict[str, dict[str, Any]] = {}
        self._saved: dict[str, list[set[str]]] = {}
        self._changed: set[str] = set()
        self._wholes: dict[str, Any] = {}
        self._wholes_changed: set[str] = set()

    def whole(self, name: str) -> Any:
        """A value kept in one file as a whole (the output manifest), or None."""
        if name not in self._wholes:
            match _load(self.folder, f"{name}.pickle"):
                case (str(code), value) if code == code_fingerprint():
                    self._wholes[name] = value
                case _:
                    self._wholes[name] = None
        return self._wholes[name]

    def keep_whole(self, name: str, value: Any) -> None:
        """Make this the value kept under the name, to be saved."""
        self._wholes[name] = value
        self._wholes_changed.add(name)

    def store(self, name: str) -> dict[str, Any]:
        """The entries of a store, read from the folder the first time."""
        if name not in self._stores:
            buckets = [self._bucket(name, number) for number in range(self.BUCKETS)]
            self._saved[name] = [set(bucket) for bucket in buckets]
            self._stores[name] = {key: value for b in buckets for key, value in b.items()}
        return self._stores[name]

    def _bucket(self, name: str, number: int) -> dict[str, Any]:
        match _load(self.folder, f"{name}/{number}.pickle"):
            case (str(code), bytes(entries)) if code == code_fingerprint():
                return _entries(entries)
            case _:
                return {}

    def replace(self, name: str, entries: dict[str, Any]) -> None:
        """Make these the entries of a store, to be saved."""
        self.store(name)  # what the folder holds, to save only the buckets that differ
        self._stores[name] = entries
        self._changed.add(name)

    def memo(self, name: str) -> Memo:
        """A store as a memo for one build to look up or make values in (see Memo)."""
        return Memo(self.store(name))

    def keep(self, name: str, memo: Memo) -> None:
        """Keep what a build's memo used, when that differs from what the store holds. A
        memo the build never looked in keeps the store: every file made from it was kept."""
        if memo.used and memo.changed:
            self.replace(name, memo.used)

    def save(self) -> None:
        """Write the changed buckets of the changed stores; a failure is only a warning."""
        for name in sorted(self._changed):
            buckets: list[dict[str, Any]] = [{} for _ in range(self.BUCKETS)]
            for key, value in self._stores[name].items():
                buckets[zlib.crc32(key.encode()) % self.BUCKETS][key] = value
            for number, (bucket, saved) in enumerate(zip(buckets, self._saved[name], strict=True)):
                if bucket.keys() != saved:
                    entries = pickle.dumps(bucket, protocol=pickle.HIGHEST_PROTOCOL)
                    _save(self.folder, f"{name}/{number}.pickle", (code_fingerprint(), entries))
            self._saved[name] = [set(bucket) for bucket in buckets]
        self._changed.clear()
        for name in sorted(self._wholes_changed):
            _save(self.folder, f"{name}.pickle", (code_fingerprint(), self._wholes[name]))
        self._wholes_changed.clear()


class Memo:
    """Values cheap to keep and costly to make again (an article's related articles, its
    JSON record), each under a hash of everything it is made from."""

    def __init__(self, stored: dict[str, Any]) -> None:
        self.stored = stored
        self.used: dict[str, Any] = {}

    def get(self, key: str, make: Callable[[], Made]) -> Made:
        """The value under the key, made (and kept) when there is none."""
        if key in self.used:
            return cast(Made, self.used[key])
        value = self.stored[key] if key in self.stored else make()
        self.used[key] = value
        return cast(Made, value)

    @property
    def changed(self) -> bool:
        """Whether the values used differ from those stored: some were made or left unused."""
        return self.used.keys() != self.stored.keys()


def _load(folder: Path | None, name: str) -> object:
    """What a cache file holds; None when there is none, or a warning and None when it
    cannot be read."""
    if folder is None:
        return None
    try:
        with (folder / name).open("rb") as file, collector_paused():
            return pickle.load(file)
    except FileNotFoundError:
        return None
    # Unpickling a file another version wrote can fail in any way its classes' code can.
    except Exception as err:
        log.warning("%s: unreadable cache file %s, building without it (%s)", folder, name, err)
        return None


def _entries(pickled: bytes) -> dict[str, Any]:
    """A store's entries from their pickle; none when it cannot be read."""
    try:
        with collector_paused():
            entries = pickle.loads(pickled)
    except Exception as err:  # as in _load
        log.warning("unreadable cache entries, building without them (%s)", err)
        return {}
    return entries if isinstance(entries, dict) else {}


def _save(folder: Path | None, name: str, value: object) -> None:
    """Pickle a value into the cache folder atomically; a failure is only a warning."""
    if folder is not None:
        target = folder / name
        _write(target.parent, target.name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


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

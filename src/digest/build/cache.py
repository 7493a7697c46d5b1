"""A content-hash cache of per-article analysis, kept outside the output folder.

An article's analysis (cleaning, extraction, the editors' fields, tagging) depends only on
its file's content and name, its edits, the taxonomy, and digest's own code. The cache key
hashes all of them, the code by the package version and the bytes of its source files, so an
entry is never stale: a change to any of them is a different key. Entries not used by a build
are dropped when it saves. The manifest of the output folder (see write) is kept here too.
Deleting the folder changes nothing but speed.

The cache holds data, never code (see cache_files): a planted or damaged file can give at
most a wrong value of the right type, and is passed over with a warning when it does not fit.
"""

from __future__ import annotations

import types
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

import msgspec

from ..models.article import Article, ClaimLink
from ..models.documents import Skip, SourceDoc
from ..models.indexes import Topic
from . import keys
from .cache_files import SUFFIX, header, read_file, trusted_folder, write_file

Made = TypeVar("Made")
Input = TypeVar("Input")
Value = TypeVar("Value")


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


class Store(Generic[Value]):
    """A store of the cache: the name of its folder, and the type every value must have.

    Values are read back into that type (a dataclass of models/, a tuple, bytes) by its
    annotations alone, so a field added to a dataclass needs no change here.
    """

    def __init__(self, name: str, value: Any) -> None:
        self.name = name
        self.decoder: msgspec.msgpack.Decoder[dict[str, Value]] = msgspec.msgpack.Decoder(
            types.GenericAlias(dict, (str, value))
        )


@dataclass(frozen=True, slots=True)
class ReadFile:
    """What reading one input file gave: its document, or why it was skipped; and a hash
    of its folded text ("" for a skip), by which repeated texts are found."""

    doc: SourceDoc | None
    skip: Skip | None = None
    text_key: str = ""


# The stores of the cache folder and what each holds, by a hash of what made it.
ANALYSES: Store[Article] = Store("analysis", Article)  # an article's analysis
SOURCES: Store[ReadFile] = Store("sources", ReadFile)  # an input file, by its status
RELATED: Store[tuple[str, ...]] = Store("related", tuple[str, ...])  # related articles
# Every claim's links, per article: made again only when a claim or a slug changes.
ClaimLinks = tuple[tuple[tuple[ClaimLink, ...], ...], ...]
CLAIM_LINKS: Store[ClaimLinks] = Store("claim_links", ClaimLinks)
# The subjects no theme covers: made again only when an article or the taxonomy changes.
TOPICS: Store[tuple[Topic, ...]] = Store("topics", tuple[Topic, ...])
RECORDS: Store[bytes] = Store("records", bytes)  # an article's JSON record or search entry
SHOWN: Store[str] = Store("shown", str)  # what a page shows of an article (views.pages.Shown)


class Cache:
    """The stores of the cache folder, each a dictionary read at most once and then kept in
    memory: a build reads each at most once, and a serving process keeps them between
    builds, so an edit costs no reading of the whole cache. A store is replaced by what a
    build used, and saved by `save` only when it changed.

    A store is kept in BUCKETS files by a hash of its keys, and only the files whose keys
    changed are written again: a key names its value (a hash of what made it), so the same
    keys are the same values. A file holds the fingerprint of digest's code, and another
    version's file is not even decoded: its values might be made differently. Without a
    folder (or with one that is not safe to use), the stores live in memory only."""

    BUCKETS = 16

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._root = folder if folder is None or trusted_folder(folder) else None
        self._stores: dict[str, dict[str, Any]] = {}
        self._saved: dict[str, list[set[str]]] = {}
        self._changed: set[str] = set()
        self._wholes: dict[str, Any] = {}
        self._wholes_changed: set[str] = set()

    @property
    def _header(self) -> bytes:
        return header(keys.code_fingerprint())

    def _read(self, name: str, store: Store[Value]) -> dict[str, Value] | None:
        return read_file(self._root, name, self._header, store.decoder)

    def whole(self, store: Store[Value]) -> dict[str, Value] | None:
        """The entries of a store kept in one file, read and written as a whole (the output
        manifest), or None."""
        if store.name not in self._wholes:
            self._wholes[store.name] = self._read(f"{store.name}{SUFFIX}", store)
        return cast("dict[str, Value] | None", self._wholes[store.name])

    def keep_whole(self, store: Store[Value], value: dict[str, Value]) -> None:
        """Make these the entries of a store kept in one file, to be saved."""
        self._wholes[store.name] = value
        self._wholes_changed.add(store.name)

    def store(self, store: Store[Value]) -> dict[str, Value]:
        """The entries of a store, read from the folder the first time."""
        name = store.name
        if name not in self._stores:
            buckets = [
                self._read(f"{name}/{number}{SUFFIX}", store) or {}
                for number in range(self.BUCKETS)
            ]
            self._saved[name] = [set(bucket) for bucket in buckets]
            self._stores[name] = {key: value for b in buckets for key, value in b.items()}
        return self._stores[name]

    def replace(self, store: Store[Value], entries: dict[str, Value]) -> None:
        """Make these the entries of a store, to be saved."""
        self.store(store)  # what the folder holds, to save only the buckets that differ
        self._stores[store.name] = entries
        self._changed.add(store.name)

    def memo(self, store: Store[Value]) -> Memo:
        """A store as a memo for one build to look up or make values in (see Memo)."""
        return Memo(self.store(store))

    def keep(self, store: Store[Value], memo: Memo) -> None:
        """Keep what a build's memo used, when that differs from what the store holds. A
        memo the build never looked in keeps the store: every file made from it was kept."""
        if memo.used and memo.changed:
            self.replace(store, memo.used)

    def save(self) -> None:
        """Write the changed buckets of the changed stores; a failure is only a warning."""
        for name in sorted(self._changed):
            buckets: list[dict[str, Any]] = [{} for _ in range(self.BUCKETS)]
            for key, value in self._stores[name].items():
                buckets[zlib.crc32(key.encode()) % self.BUCKETS][key] = value
            for number, (bucket, saved) in enumerate(zip(buckets, self._saved[name], strict=True)):
                if bucket.keys() != saved:
                    write_file(self._root, f"{name}/{number}{SUFFIX}", self._header, bucket)
            self._saved[name] = [set(bucket) for bucket in buckets]
        self._changed.clear()
        for name in sorted(self._wholes_changed):
            write_file(self._root, f"{name}{SUFFIX}", self._header, self._wholes[name])
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

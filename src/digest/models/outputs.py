"""What a build makes: the files of the output tree, and its report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .indexes import Site


@dataclass(frozen=True, slots=True)
class OutputFile:
    """One file of the output tree: its path relative to the output root, its bytes, and
    the key it was made from: a hash of everything that made it ("" for none). A large
    file's bytes may come as pieces, written one after another and never joined in memory
    (at 20,000 articles `data/articles.json` is 280 MB)."""

    path: str
    content: bytes | tuple[bytes, ...]
    key: str = ""

    @property
    def pieces(self) -> tuple[bytes, ...]:
        """The content as pieces that, one after another, are the file."""
        return self.content if isinstance(self.content, tuple) else (self.content,)


@dataclass(frozen=True, slots=True)
class Kept:
    """A file of the output tree that the previous build made from the same key and that
    is still as it left it: kept without being made again."""

    path: str
    key: str


@dataclass(frozen=True, slots=True)
class StageTime:
    """How long a stage of a build took."""

    name: str
    wall: float  # seconds, by the clock
    cpu: float | None = None  # CPU seconds of every process of the build (with --timings)


@dataclass(frozen=True, slots=True)
class BuildCounts:
    """How much of its work a build did, and how much it took from the builds before it."""

    analysed: int  # articles analysed
    cached: int  # articles whose analysis the cache held
    rendered: int  # pages and generated files rendered (not search bundles or static files)
    kept: int  # pages and generated files not rendered: made before from the same inputs
    written: int  # files written into the output: new, or changed since the previous build
    indexed: int  # search shards indexed by Pagefind
    shards: int  # search shards in all (0 when search is off)
    stale: int = 0  # search shards kept out of date, for the next build to index


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did: the site it built, how long each stage took and what it counted."""

    site: Site
    out: Path  # where the site was written
    stages: tuple[StageTime, ...]
    kept: tuple[str, ...]  # files (and empty folders) in the output digest did not make
    counts: BuildCounts

    @property
    def seconds(self) -> float:
        """Total build time."""
        return sum(stage.wall for stage in self.stages)

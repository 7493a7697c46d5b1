"""One run of a build's stages: what every stage uses, opened once for the whole run."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..config import Config
from .cache import Cache
from .collector import collector_paused
from .timing import Timer

Progress = Callable[[str], None]
# Told how many of the articles are analysed so far, and of how many: (done, total).
Tally = Callable[[int, int], None]


def silent(_: str) -> None:
    """A progress callback that says nothing."""


def uncounted(_: int, __: int) -> None:
    """A tally that counts nothing."""


@dataclass(frozen=True, slots=True)
class Run:
    """What the stages share: the config, the cache, the timer of the stages, and where
    progress lines and the tally of analysed articles go."""

    config: Config
    cache: Cache
    timer: Timer
    progress: Progress
    tally: Tally


@contextmanager
def started(
    config: Config, cache: Cache | None, progress: Progress, tally: Tally, timer: Timer | None
) -> Iterator[Run]:
    """A run of the stages, with the collector paused (see collector; the stages that write turn
    it on for what they make). Its cache is the one given (a serving process keeps its own
    between builds, and saves it), or the cache folder's, saved when the run ends, whether
    it succeeds or not. Its timer is the one given, or a new one."""
    kept = cache if cache is not None else Cache(config.cache_dir)
    try:
        with collector_paused():
            yield Run(config, kept, timer or Timer(), progress, tally)
    finally:
        if cache is None:
            kept.save()

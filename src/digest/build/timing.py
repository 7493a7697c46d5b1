"""How long each stage of a build took (see cli's --timings)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from ..models.outputs import StageTime
from .cputime import tree_cpu_seconds


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

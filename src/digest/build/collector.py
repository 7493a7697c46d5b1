"""Python's cycle collector during a build.

A build holds hundreds of thousands of small objects for its whole length (the articles'
records, read from the cache or made by analysis), and the collector, which runs every few
hundred allocations, would scan them again and again: a fifth of a no-change rebuild at
5,000 articles. Records form no reference cycles, so reading them needs no collector (a
run of the stages pauses it, see run.started), and once made they can be left out of its
scans until the build ends; what rendering makes is collected as usual (Jinja's contexts
do form cycles: without the collector, rendering 5,000 pages took 170 MB more).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run a block that makes no reference cycles (decoding records) without the collector."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def only_new_objects_collected() -> Iterator[None]:
    """Run a block with the collector on for what it makes (rendering does make cycles),
    and every object that exists when it starts left out of its scans (they are still
    freed when no longer referenced); the collector is paused again after, if it was."""
    paused = not gc.isenabled()
    gc.freeze()
    gc.enable()
    try:
        yield
    finally:
        gc.unfreeze()
        if paused:
            gc.disable()

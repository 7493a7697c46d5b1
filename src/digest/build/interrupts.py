"""Ctrl-C and SIGTERM: both stop a build the same way, never half-way through switching a site.

A build stopped by Ctrl-C (SIGINT) unwinds through its cleanup: scratch folders are removed,
worker processes stopped, and the previous site stays. `kill` and service managers send
SIGTERM, whose default is to end the process on the spot, leaving all of that behind; so it
raises KeyboardInterrupt as well. Python runs signal handlers in the main thread only, so
elsewhere (a build in a test's thread) these change nothing.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

STOPPING = (signal.SIGINT, signal.SIGTERM)


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _interrupt(number: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def terminate_interrupts() -> Iterator[None]:
    """Run a block in which SIGTERM raises KeyboardInterrupt, as Ctrl-C does."""
    if not _in_main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def held() -> Iterator[None]:
    """Run a block that must not stop half-way (switching the site and noting it) with
    SIGINT and SIGTERM held back; one that came meanwhile is raised when the block ends."""
    if not _in_main_thread():
        yield
        return
    caught: list[int] = []
    previous = {number: signal.signal(number, lambda n, _: caught.append(n)) for number in STOPPING}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        if caught:
            signal.raise_signal(caught[0])

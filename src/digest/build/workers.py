"""Worker processes for the stages that use every core: analysis and rendering.

Workers never outlive the build that started them. Each watches a pipe whose only writing
end the build holds, and exits when it closes: when the build leaves the pool early (an
error, Ctrl-C, SIGTERM), or when the build's process dies, even by SIGKILL, since the
system closes a dead process's files. A worker ignores Ctrl-C itself: the terminal sends it
to every process, and the build decides what stops.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection
from typing import Any

from ..config import Config


@contextmanager
def process_pool(
    workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]
) -> Iterator[ProcessPoolExecutor]:
    """A pool of worker processes, each set up once by the initializer, for a block; the
    workers are stopped at once when the block ends early.

    forkserver, not fork: the caller may run threads (a server, a browser driver), and a
    forked copy of a process with threads can hang on a lock another thread held.
    """
    context = multiprocessing.get_context("forkserver")
    watched, lifeline = context.Pipe(duplex=False)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start,
        initargs=(watched, initializer, initargs),
    )
    try:
        yield pool
    except BaseException:
        lifeline.close()  # every worker exits now
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        lifeline.close()
        watched.close()


def _start(
    watched: Connection, initializer: Callable[..., None], initargs: tuple[Any, ...]
) -> None:
    """Set a worker up: ignore Ctrl-C, exit when the build's end of the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_build, args=(watched,), daemon=True).start()
    initializer(*initargs)


def _exit_with_build(watched: Connection) -> None:
    """Wait for the build's end of the pipe to close; then end this process at once."""
    with suppress(EOFError, OSError):
        watched.recv_bytes()
    os._exit(1)


def available_cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def worker_count(config: Config) -> int:
    """The processes a build works in: as configured, or one per core."""
    return config.jobs or available_cores()

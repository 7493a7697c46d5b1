"""One build at a time into an output folder, and nothing left of builds that were killed.

A build holds a lock file beside its output folder (`.site.lock` for `site/`) from before it
looks at the output until it has switched the new site in. A second build into the same
folder waits for it, saying so, rather than writing a site that mixes both. Processes the
build starts inherit the lock, so a killed build's Pagefind, which runs on for a moment,
keeps it until it ends. Once a build holds the lock, no other is at work, so scratch folders
beside the output are what killed builds left: they are removed.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputError


def scratch_prefix(out: Path) -> str:
    """The name every scratch folder of a build into `out` starts with, beside it."""
    return f".{out.name}.new-"


@contextmanager
def claimed(out: Path, tell: Callable[[str], None]) -> Iterator[int]:
    """Hold the lock of the output folder (`out` resolved) for a block: wait while another
    build holds it, then remove what killed builds left. Yields the lock's file descriptor,
    for the processes the build starts to inherit."""
    path = out.parent / f".{out.name}.lock"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as err:
        raise OutputError(f"cannot lock the output folder {out}: {err.strerror} ({path})") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            tell(f"waiting for another build into {out} to finish (it holds {path})")
            fcntl.flock(handle, fcntl.LOCK_EX)
        remove_leftovers(out)
        yield handle
    finally:
        os.close(handle)  # closing the last descriptor of the lock releases it


def remove_leftovers(out: Path) -> None:
    """Remove the scratch folders that builds into `out` left when they were killed."""
    prefix = scratch_prefix(out)
    with os.scandir(out.parent) as entries:
        leftovers = [e.path for e in entries if e.name.startswith(prefix) and e.is_dir()]
    for leftover in leftovers:
        shutil.rmtree(leftover, ignore_errors=True)

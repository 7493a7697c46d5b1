"""Swap two folders in one step: how a new site replaces the old one whole.

Linux's renameat2 with RENAME_EXCHANGE (and macOS's renamex_np with RENAME_SWAP) exchange
two paths atomically: the output folder's path holds the old tree or the new one at every
instant, whatever a reader does and whenever the build is killed. Where neither call is
available (another system, or a file system without the operation), the trees are swapped
by three renames, and for an instant between two of them the output's path is missing.
"""

from __future__ import annotations

import ctypes
import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h
_RENAME_SWAP = 2  # macOS sys/stdio.h
# What the call answers when the system or the file system cannot swap.
_UNSUPPORTED = frozenset({errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP})

Swap = Callable[[bytes, bytes], int]


def _system_swap() -> Swap | None:
    """The C library's atomic swap of two paths, or None."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    if sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        return lambda a, b: int(libc.renamex_np(a, b, _RENAME_SWAP))
    if hasattr(libc, "renameat2"):
        return lambda a, b: int(libc.renameat2(_AT_FDCWD, a, _AT_FDCWD, b, _RENAME_EXCHANGE))
    return None


_swap = _system_swap()


def exchange(first: Path, second: Path) -> None:
    """Swap two existing folders: each path then holds what the other held."""
    if _swap is not None:
        if _swap(os.fsencode(first), os.fsencode(second)) == 0:
            return
        error = ctypes.get_errno()
        if error not in _UNSUPPORTED:
            raise OSError(error, os.strerror(error), str(second))
    aside = first.with_name(f"{first.name}.aside")
    os.rename(second, aside)
    os.rename(first, second)
    os.rename(aside, first)

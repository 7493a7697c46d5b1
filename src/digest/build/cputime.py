"""CPU time of a build: this process and every process it started, for `--timings`.

A build's work runs in worker processes (started by a forkserver, so they are not this
process's children) and in Pagefind; `time.process_time()` sees none of it. On Linux the
whole tree is read from /proc: each live process's own and reaped children's time, so a
worker that has exited is still counted, in the time of the process that reaped it.
Elsewhere only this process and the children it has reaped are counted.
"""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")


def tree_cpu_seconds() -> float:
    """CPU seconds used so far by this process and every process started under it."""
    if not (PROC / str(os.getpid()) / "task").is_dir():
        times = os.times()
        return times.user + times.system + times.children_user + times.children_system
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(_process_ticks(pid) for pid in _tree(os.getpid())) / ticks


def _tree(root: int) -> list[int]:
    """A process and its descendants, by the children each of its threads started."""
    found, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        found.append(pid)
        waiting += _children(pid)
    return found


def _children(pid: int) -> list[int]:
    children: list[int] = []
    try:
        for task in (PROC / str(pid) / "task").iterdir():
            children += [int(c) for c in (task / "children").read_text().split()]
    except OSError:  # the process ended while we looked
        return []
    return children


def _process_ticks(pid: int) -> int:
    """utime + stime + cutime + cstime of a process, in clock ticks (0 once it has ended)."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return 0
    fields = stat.rsplit(")", 1)[1].split()  # the name, in parentheses, may hold spaces
    return sum(int(value) for value in fields[11:15])

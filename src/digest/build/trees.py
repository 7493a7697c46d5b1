"""Folder trees as relative paths: listed without recursion, linked file by file into another."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path


def listing(root: str) -> tuple[set[str], set[str]]:
    """The files (and links) under root, and its empty folders, as paths relative to it.
    Walked without recursion: a user's folders may nest deeper than Python's stack."""
    files: set[str] = set()
    empty: set[str] = set()
    pending = [("", root)]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            found = False
            for entry in entries:
                found = True
                name = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append((f"{name}/", entry.path))
                else:
                    files.add(name)
        if prefix and not found:
            empty.add(prefix[:-1])
    return files, empty


def link_all(source: Path, target: Path, paths: Iterable[str]) -> None:
    """Put the files at these paths under `source` at the same paths under `target`: hard
    links (a link itself, not what it names), or copies where linking fails."""
    paths = sorted(paths)
    for folder in sorted({os.path.dirname(p) for p in paths} - {""}):  # parents first
        with suppress(FileExistsError):  # made for a file written there, or for a child
            os.makedirs(os.path.join(target, folder))
    for path in paths:
        there, here = os.path.join(source, path), os.path.join(target, path)
        try:
            os.link(there, here, follow_symlinks=False)
        except OSError:
            shutil.copy2(there, here, follow_symlinks=False)

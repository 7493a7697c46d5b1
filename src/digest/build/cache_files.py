"""The files of the cache folder: data in a format that runs nothing, checked before use.

Each file is a magic line, the fingerprint of the code that wrote it, and MessagePack that
msgspec decodes into the declared type of its store's values (the frozen dataclasses of
the pipeline are built from their fields), so a planted or damaged file can give at most a
wrong value of the right type, never run anything. A file that is not a cache file, or does
not decode into that type, is passed over with a warning; another version's file is passed
over in silence. A folder (or file) another user owns, or that others may write to, is not
used at all: what it holds may come from anyone. Files are written whole or not at all.
"""

from __future__ import annotations

import logging
import os
import stat
import tempfile
from pathlib import Path
from typing import TypeVar

import msgspec

from .collector import collector_paused

log = logging.getLogger(__name__)

Value = TypeVar("Value")

# What every cache file starts with, before the fingerprint of the code that wrote it.
MAGIC = b"digest cache 2\n"
SUFFIX = ".msgpack"
# Permission bits that let someone other than the owner change a folder or file.
WRITABLE_BY_OTHERS = stat.S_IWGRP | stat.S_IWOTH


def header(fingerprint: str) -> bytes:
    """The start of every file written by the code with this fingerprint."""
    return MAGIC + fingerprint.encode() + b"\n"


def trusted_folder(folder: Path) -> bool:
    """Whether a cache folder is safe to read and write: it does not exist yet, or it is
    this user's and nobody else may write in it. Else a warning says why it is not used."""
    try:
        status = folder.stat()
    except FileNotFoundError:
        return True
    except OSError as err:
        log.warning("%s: cannot use the cache folder (%s); building without it", folder, err)
        return False
    problem = _untrusted(status)
    if problem:
        log.warning(
            "%s: the cache folder %s; building without it (make it yours with no write "
            "access for others, or delete it)",
            folder,
            problem,
        )
    return not problem


def _untrusted(status: os.stat_result) -> str:
    """Why a file or folder with this status may hold what someone else wrote; "" if not."""
    if status.st_uid != os.geteuid():
        return f"is owned by another user (uid {status.st_uid})"
    if status.st_mode & WRITABLE_BY_OTHERS:
        return "is writable by other users"
    return ""


def read_file(
    folder: Path | None, name: str, expected: bytes, decoder: msgspec.msgpack.Decoder[Value]
) -> Value | None:
    """What a cache file holds, or None when there is none, another version wrote it (its
    header is not `expected`), or (with a warning) it is not a cache file of the decoder's
    type or not safe to read."""
    if folder is None:
        return None
    try:
        with (folder / name).open("rb") as file:
            problem = _untrusted(os.fstat(file.fileno()))
            if problem:
                log.warning("%s: cache file %s %s; not used", folder, name, problem)
                return None
            header = file.read(len(expected))
            if header != expected:
                if not header.startswith(MAGIC):
                    log.warning("%s: %s is not a digest cache file; not used", folder, name)
                return None  # another version's file: its values may be made differently
            data = file.read()
    except FileNotFoundError:
        return None
    except OSError as err:
        log.warning("%s: cannot read cache file %s (%s); not used", folder, name, err)
        return None
    try:
        with collector_paused():
            return decoder.decode(data)
    except msgspec.DecodeError as err:  # ValidationError is a DecodeError
        log.warning("%s: damaged cache file %s (%s); not used", folder, name, err)
        return None


def write_file(folder: Path | None, name: str, start: bytes, value: object) -> None:
    """Write a value into the cache folder atomically, after its header; a failure is only
    a warning."""
    if folder is not None:
        target = folder / name
        _write(folder, target.parent, target.name, start + msgspec.msgpack.encode(value))


def _write(root: Path, folder: Path, name: str, content: bytes) -> None:
    """Write a file of the cache atomically; a failure is only a warning. The cache's
    folders are made private to this user."""
    temporary = None
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}-")
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, folder / name)
    except OSError as err:
        log.warning("%s: cannot write the cache (%s)", folder, err)
        if temporary:
            Path(temporary).unlink(missing_ok=True)

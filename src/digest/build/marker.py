"""The output folder's own record of what the build made: its marker file, `.digest-build`.

Every build leaves the marker in its output. It lists the files the build made (the folders
it makes whole, such as Pagefind's bundle, stand for the files in them, whose names change
from build to build), and the slug each input file's article got. A later build replaces or
removes only the files listed there: any other file in the folder is the user's (a `CNAME`,
a verification file), kept and reported. The slugs keep every article's URL when a file
with the same title is added. A folder without a marker is not ours at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import GENERATOR
from ..errors import OutputError
from ..models.outputs import OutputFile

MARKER = ".digest-build"


@dataclass(frozen=True, slots=True)
class Marker:
    """What a marker says the previous build made: its files (None for a marker of an
    earlier digest, which did not list them and removed every other file at each build),
    the folders it made whole, and each input file's slug."""

    files: frozenset[str] | None = None
    folders: tuple[str, ...] = ()
    slugs: Mapping[str, str] = field(default_factory=dict)

    def made(self, path: str) -> bool:
        """Whether the previous build made the file at this path (relative to the output)."""
        if self.files is None or path == MARKER or path in self.files:
            return True
        return any(path.startswith(f"{folder}/") for folder in self.folders)


def read_marker(out: Path) -> Marker | None:
    """What the marker of an output folder says; None when it has none. A damaged marker
    is an error: which files are ours could not be told."""
    path = out / MARKER
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as err:
        raise OutputError(f"{path}: cannot read the marker of the previous build: {err}") from None
    if text.startswith("digest ") and text.count("\n") == 1:
        return Marker()  # an earlier digest's marker: one line naming the version
    try:
        document = json.loads(text)
        files, folders, slugs = document["files"], document["folders"], document["slugs"]
        if not (_strings(files) and _strings(folders) and _strings([*slugs, *slugs.values()])):
            raise TypeError("not lists and a mapping of text")
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise OutputError(
            f"{path}: the marker of the previous build is damaged ({err}), so which files in "
            f"{out} are digest's cannot be told; delete the folder or restore the marker"
        ) from None
    return Marker(frozenset(files), tuple(folders), slugs)


def _strings(values: Sequence[object]) -> bool:
    return isinstance(values, list) and all(isinstance(v, str) for v in values)


def marker_file(
    paths: Iterable[str], folders: Sequence[str], slugs: Mapping[str, str]
) -> OutputFile:
    """The marker of a build that made these files (with those under `folders` made whole)
    and gave these slugs: JSON, keys sorted, so the same build gives the same bytes."""
    files = sorted(p for p in paths if not any(p.startswith(f"{f}/") for f in folders))
    document = {
        "generator": GENERATOR,
        "files": files,
        "folders": sorted(folders),
        "slugs": dict(sorted(slugs.items())),
    }
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=0)
    return OutputFile(MARKER, f"{text}\n".encode())

"""Write the output tree as the build makes it, and switch it in whole, so that a reader (or
an interrupted build) sees the old site or the new one, never a mix, and the build never
holds the whole site in memory.

Every file a build makes is written at once into a scratch tree beside the output folder,
unless the previous tree holds the same bytes. When everything is made, the scratch tree is
completed with hard links to the unchanged files of the previous tree (and to the files a
user added there, which are kept), and the two trees are swapped in one step (see swap).
The previous tree, now in the scratch folder, is removed with it. A failure or an interrupt
before the swap removes the scratch folder and leaves the previous output as it was; a
rebuild that changes nothing does not swap at all.

A rebuild knows what it need not make again from the manifest of the previous build: each
file's key (a hash of everything it was made from) and what its file looked like when it
was written (size, modification time, inode). A file whose key is the same and that is
still as it was written is kept without being made, read or written; any other file is
compared with what is there, and written only when it differs. At 5,000 articles an edit of
one article writes a few files of 12,000 (400 MB).

Only the files the previous build made (as its marker lists them, see marker) are replaced
or left out of the new tree. Any other file is the user's: kept, and reported; a new file
of the build where the user has one is an error, before anything is changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import TracebackType

from ..errors import OutputError
from ..models.outputs import Kept, OutputFile
from ..models.pickling import quick_pickling
from .interrupts import held
from .lock import scratch_prefix
from .marker import MARKER, Marker, marker_file
from .swap import exchange
from .trees import link_all, listing


@quick_pickling
@dataclass(frozen=True, slots=True)
class Written:
    """What the manifest remembers of a file a build left: the key it was made from (""
    when it has none), a hash of its content, and its status then."""

    key: str
    digest: str
    size: int
    mtime_ns: int
    inode: int


# Each file of a build's output by path: what a rebuild checks before it keeps a file.
Manifest = dict[str, Written]


@dataclass(frozen=True, slots=True)
class Target:
    """Where a build writes its files: the scratch tree; and the previous tree, when the
    build updates one, whose files are compared with the new ones. Worker processes that
    render pages write them here themselves (see `place`)."""

    tree: Path
    previous: Path | None


def place(target: Target, file: OutputFile) -> tuple[Written, bool]:
    """Write a file into the scratch tree, unless the previous tree holds the same bytes:
    the manifest's entry for it, and whether it was written."""
    if target.previous is not None:
        there = target.previous / file.path
        if _holds(there, file):
            return _status(there, file), False
    path = target.tree / file.path
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, file)
    return _status(path, file), True


class Output:
    """The output folder while a build writes it: files are added as they are made, and
    `finish` switches the new tree in; leaving the `with` block early changes nothing.

    `out` is the resolved output folder, and `marker` what its marker says (None when it
    has none). A non-empty folder without a marker is refused: we delete nothing that we
    did not make. The files under `whole` folders are all the build's (see marker).
    """

    def __init__(
        self,
        out: Path,
        marker: Marker | None,
        previous: Manifest | None = None,
        whole: Sequence[str] = (),
    ) -> None:
        check_replaceable(out, marker)
        self.out = out
        self.marker = marker
        self.update = marker is not None
        self.previous = (previous or {}) if self.update else {}
        self.whole = tuple(whole)
        self.scratch = Path(tempfile.mkdtemp(prefix=scratch_prefix(out), dir=out.parent))
        self.scratch.chmod(0o755)  # mkdtemp makes it private; a site is meant to be read
        self.tree = self.scratch / "tree"
        self.target = Target(self.tree, out if self.update else None)
        self.made: Manifest = {}  # every file of the new tree
        self.written: set[str] = set()  # the files written into the scratch tree
        self.kept: list[str] = []  # the user's files and empty folders, kept in the output
        self.replaced = False  # whether the new tree has been switched in

    def __enter__(self) -> Output:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)

    def holds(self, path: str, key: str) -> bool:
        """Whether the previous build made this file from the same key, and it is unchanged
        since: then it need not be made again."""
        entry = self.previous.get(path)
        return bool(key) and entry is not None and entry.key == key and self._intact(path, entry)

    @cached_property
    def _by_key(self) -> dict[str, list[str]]:
        by_key: dict[str, list[str]] = defaultdict(list)
        for path, entry in self.previous.items():
            by_key[entry.key].append(path)
        return by_key

    def held_with(self, key: str) -> list[str] | None:
        """The files the previous build made from this key, when each is unchanged since;
        None when there are none or one has changed."""
        return self._all_intact(self._by_key.get(key, []) if key else [])

    def held_where(self, wanted: Callable[[str], bool]) -> list[str] | None:
        """The files the previous build made at the paths `wanted` accepts, whatever they
        were made from, when each is unchanged since; None when there are none or one has
        changed."""
        return self._all_intact([path for path in self.previous if wanted(path)])

    def _all_intact(self, paths: list[str]) -> list[str] | None:
        """The paths, when there are some and each is unchanged since the previous build."""
        if not paths or not all(self._intact(p, self.previous[p]) for p in paths):
            return None
        return paths

    def _intact(self, path: str, entry: Written) -> bool:
        try:
            status = os.lstat(os.path.join(self.out, path))
        except OSError:
            return False
        return (status.st_size, status.st_mtime_ns, status.st_ino) == (
            entry.size,
            entry.mtime_ns,
            entry.inode,
        )

    def add(self, file: OutputFile | Kept) -> None:
        """Add a file to the new tree: keep what the previous tree holds, write the rest."""
        _check_path(file.path, self.made)
        if isinstance(file, Kept):  # found by `holds` or `held_with` just before
            self._record(file.path, self.previous[file.path], written=False)
        else:
            self._record(file.path, *place(self.target, file))

    def placed(self, path: str, entry: Written, written: bool) -> None:
        """Record a file a worker process placed in the new tree (see `place`)."""
        _check_path(path, self.made)
        self._record(path, entry, written)

    def _record(self, path: str, entry: Written, written: bool) -> None:
        self.made[path] = entry
        if written:
            self.written.add(path)

    def digest(self, path: str) -> str:
        """A hash of the content of a file added to the tree."""
        return self.made[path].digest

    def location(self, path: str) -> Path:
        """Where the new content of a file added to the tree is now."""
        return (self.tree if path in self.written else self.out) / path

    def finish(self, static: Sequence[Path], slugs: Mapping[str, str]) -> Manifest:
        """Add the static folders (merged in order as static/) and the marker (listing the
        files and the slugs given), then switch the new tree in, with the user's files of
        the previous one; the manifest of what it holds."""
        for file in static_files(static):
            self.add(file)
        self.add(marker_file(self.made, self.whole, slugs))
        files, empty = listing(str(self.out)) if self.out.is_dir() else (set(), set())
        marker = self.marker or Marker(frozenset())
        theirs = {path for path in files if not marker.made(path)}
        _refuse_clashes(self.out, theirs & self.made.keys())
        self.kept = sorted(theirs | empty)
        if not self.written and files - theirs == self.made.keys():
            return self.made  # the tree is already what the build made
        try:
            link_all(self.out, self.tree, [*(self.made.keys() - self.written), *theirs])
            for folder in empty:
                (self.tree / folder).mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(f"cannot complete the new site beside {self.out}: {err}") from None
        with held():  # the switch and the note of it are one step
            try:
                if self.out.exists():
                    exchange(self.tree, self.out)
                else:
                    self.tree.rename(self.out)
            except OSError as err:
                raise OutputError(f"cannot switch the new site into {self.out}: {err}") from None
            self.replaced = True
        return self.made


def _refuse_clashes(out: Path, clashes: set[str]) -> None:
    """Refuse to replace files the user put where the build now makes its own."""
    if clashes:
        listed = ", ".join(sorted(clashes)[:5]) + (", ..." if len(clashes) > 5 else "")
        raise OutputError(
            f"{len(clashes)} files in {out} were not made by digest, and the build would "
            f"replace them: {listed}; move them away, and build again"
        )


def _check_path(path: str, made: Manifest) -> None:
    """Refuse a path outside the site, or one given twice."""
    if path.startswith("/") or ".." in path.split("/") or path in made:
        raise OutputError(f"refusing to write output path twice or outside the site: {path}")


def _status(path: Path, file: OutputFile) -> Written:
    """The manifest's entry for a file that holds this content at path."""
    status = path.lstat()
    digest = hashlib.blake2b(digest_size=16)
    for piece in file.pieces:
        digest.update(piece)
    return Written(file.key, digest.hexdigest(), status.st_size, status.st_mtime_ns, status.st_ino)


def static_files(folders: Sequence[Path]) -> list[OutputFile]:
    """The files of the static folders under static/; a later folder's file replaces an
    earlier one's of the same name."""
    found: dict[str, Path] = {}
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    found[f"static/{path.relative_to(folder).as_posix()}"] = path
    return [OutputFile(name, path.read_bytes()) for name, path in found.items()]


def _holds(path: Path, file: OutputFile) -> bool:
    """Whether the file at path (not a link) has exactly this file's content, compared
    piece by piece (a large file is not read into memory whole)."""
    pieces = file.pieces
    try:
        if path.is_symlink() or path.stat().st_size != sum(map(len, pieces)):
            return False
        with path.open("rb") as there:
            return all(there.read(len(piece)) == piece for piece in pieces)
    except OSError:
        return False


def check_replaceable(out: Path, marker: Marker | None) -> None:
    """Refuse an output path that is no folder, and a folder that is not empty and holds
    no previous build (its marker): we delete nothing we did not make."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise OutputError(f"output path {out} exists and is not a folder; refusing to replace it")
    if marker is None and out.is_dir() and any(out.iterdir()):
        raise OutputError(
            f"output folder {out} is not empty and holds no previous digest build "
            f"({MARKER} file); refusing to replace it. Choose another --out or empty it."
        )


def write_file(path: Path, file: OutputFile) -> Path:
    """Write one file's content at path; the path."""
    with path.open("wb") as stream:
        stream.writelines(file.pieces)
    return path

"""Write the output tree as the build makes it, so that a reader never sees a half-written
site and the build never holds the whole site in memory.

Every file a build makes is written at once into a scratch folder beside the output folder,
and forgotten. A first build then renames the scratch folder into place. A rebuild changes
the previous tree in place, and only where it differs: the new and changed files are
renamed over their targets, and the files no longer made are removed. A failure or an
interrupt before that removes the scratch folder and leaves the previous output as it was.

A rebuild knows what it need not make again from the manifest of the previous build: each
file's key (a hash of everything it was made from) and what its file looked like when it
was written (size, modification time, inode). A file whose key is the same and that is
still as it was written is kept without being made, read or written; any other file is
compared with what is there, and written only when it differs. At 5,000 articles an edit of
one article writes a few files of 12,000 (400 MB).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import TracebackType

from . import GENERATOR
from .errors import OutputError
from .models import Kept, OutputFile, quick_pickling

# A file every build leaves in its output, so a later build knows the folder is ours to replace.
MARKER = ".digest-build"


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
    _write_file(path, file)
    return _status(path, file), True


class Output:
    """The output folder while a build writes it: files are added as they are made, and
    `finish` puts the new tree in place; leaving the `with` block early changes nothing.

    A non-empty folder without the marker of a previous build is refused: we delete
    nothing that we did not make.
    """

    def __init__(self, out: Path, previous: Manifest | None = None) -> None:
        _check_replaceable(out)
        self.out = out
        self.update = (out / MARKER).is_file()
        self.previous = (previous or {}) if self.update else {}
        self.scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=_parent(out)))
        self.scratch.chmod(0o755)  # mkdtemp makes it private; a site is meant to be read
        self.tree = self.scratch / "tree"
        self.target = Target(self.tree, out if self.update else None)
        self.made: Manifest = {}  # every file of the new tree
        self.written: set[str] = set()  # the files written into the scratch tree

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
        paths = self._by_key.get(key, []) if key else []
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

    def finish(self, static: Sequence[Path] = ()) -> Manifest:
        """Add the static folders (merged in order as static/) and the marker, then put the
        new tree in place; the manifest of what it holds."""
        for file in [*static_files(static), OutputFile(MARKER, f"{GENERATOR}\n".encode())]:
            self.add(file)
        if not self.update:
            _swap(self.tree, self.out)
            return self.made
        files, folders = _tree(str(self.out))
        needed = _folders_of(self.made)
        if needed & files or any(path in folders for path in self.made):
            # a file of the new tree stands where the old one has a folder, or a folder
            # where it has a file (or a link): the tree is replaced whole
            self._restage()
            _swap(self.tree, self.out)
            return self.made
        for path in sorted(self.written):
            target = os.path.join(self.out, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(os.path.join(self.tree, path), target)
        for name in sorted(files - self.made.keys()):
            (self.out / name).unlink(missing_ok=True)
        for name in sorted(folders - needed, key=lambda p: (-p.count("/"), p)):
            (self.out / name).rmdir()
        return self.made

    def _restage(self) -> None:
        """Complete the scratch tree with the files kept from the previous one (linked, or
        copied where linking fails), so that it can replace it whole."""
        for path in self.made.keys() - self.written:
            target = self.tree / path
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(self.out / path, target)
            except OSError:
                shutil.copy2(self.out / path, target)


def _parent(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    return out.parent


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


def _folders_of(paths: Iterable[str]) -> set[str]:
    """Every folder the paths lie in, with its parents ("." for the root)."""
    folders = {"."}
    for path in paths:
        end = path.rfind("/")
        while end > 0 and path[:end] not in folders:
            folders.add(path[:end])
            end = path.rfind("/", 0, end)
    return folders


def _tree(root: str) -> tuple[set[str], set[str]]:
    """The files (and links) and the folders under root, as paths relative to it."""
    files: set[str] = set()
    folders: set[str] = set()

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.add(name)
                    walk(entry.path, f"{name}/")
                else:
                    files.add(name)

    walk(root, "")
    return files, folders


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


def _check_replaceable(out: Path) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise OutputError(f"output path {out} exists and is not a folder; refusing to replace it")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise OutputError(
            f"output folder {out} is not empty and holds no previous digest build "
            f"({MARKER} file); refusing to replace it. Choose another --out or empty it."
        )


def _write_file(path: Path, file: OutputFile) -> Path:
    """Write one file's content at path; the path."""
    with path.open("wb") as stream:
        stream.writelines(file.pieces)
    return path


def _swap(staging: Path, out: Path) -> None:
    """Put the staged tree at `out`; the old tree is moved aside first and removed last."""
    if not out.exists():
        staging.rename(out)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    old = retired / out.name
    out.rename(old)
    try:
        staging.rename(out)
    except OSError:
        old.rename(out)
        raise
    shutil.rmtree(retired, ignore_errors=True)

"""Write the output tree atomically: build beside the output, swap in only when complete."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

from . import GENERATOR
from .errors import OutputError
from .models import OutputFile

# A file every build leaves in its output, so a later build knows the folder is ours to replace.
MARKER = ".digest-build"


def write_site(out: Path, files: Iterable[OutputFile], static: Sequence[Path] = ()) -> None:
    """Write files (and the static folders, merged in order, as static/) beside `out`, then swap.

    A failure or an interrupt before the swap leaves the previous output exactly as it was.
    A non-empty `out` without the marker of a previous build is refused: we delete nothing
    that we did not make.
    """
    _check_replaceable(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a site is meant to be read
    try:
        _write_all(staging, files)
        for folder in static:
            if folder.is_dir():
                shutil.copytree(folder, staging / "static", symlinks=False, dirs_exist_ok=True)
        (staging / MARKER).write_text(f"{GENERATOR}\n", encoding="utf-8")
        _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _check_replaceable(out: Path) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise OutputError(f"output path {out} exists and is not a folder; refusing to replace it")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise OutputError(
            f"output folder {out} is not empty and holds no previous digest build "
            f"(no {MARKER} file); refusing to replace it. Choose another --out or empty it."
        )


def _write_all(root: Path, files: Iterable[OutputFile]) -> None:
    written: set[str] = set()
    for file in files:
        relative = PurePosixPath(file.path)
        if relative.is_absolute() or ".." in relative.parts or file.path in written:
            raise OutputError(
                f"refusing to write output path twice or outside the site: {file.path}"
            )
        written.add(file.path)
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.content)


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

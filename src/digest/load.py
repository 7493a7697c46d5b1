"""Files -> SourceDoc: discovery in sorted order, size limits, decoding with honest warnings."""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

from .errors import InputError
from .models import Skip, SourceDoc
from .text import normalise_newlines

log = logging.getLogger(__name__)

SOURCE_SUFFIXES = (".txt",)


def discover(seeds: Path) -> list[Path]:
    """List the input files under seeds, recursively, in sorted order of their relative path."""
    if not seeds.is_dir():
        raise InputError(f"seeds folder not found: {seeds}")
    root = seeds.resolve()
    found = [
        p
        for p in seeds.rglob("*")
        if p.suffix.lower() in SOURCE_SUFFIXES and _inside(p, root) and p.is_file()
    ]
    return sorted(found, key=lambda p: p.relative_to(seeds).as_posix())


def _inside(path: Path, root: Path) -> bool:
    """Tell whether a path, links resolved, stays inside root (links out are not followed)."""
    return path.resolve().is_relative_to(root)


def read_source(path: Path, seeds: Path, max_bytes: int) -> SourceDoc | Skip:
    """Read one input file; a file we cannot use becomes a Skip with its reason."""
    name = path.relative_to(seeds).as_posix()
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Skip(name, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
        data = path.read_bytes()
    except OSError as err:
        return Skip(name, f"cannot read file: {err.strerror or err}")
    return parse_source(name, data)


def parse_source(name: str, data: bytes) -> SourceDoc | Skip:
    """Decode a file's bytes to a SourceDoc, or say why it is not usable text."""
    decoded = _decode(data)
    if decoded is None:
        return Skip(name, "binary content (NUL bytes), not text")
    text, encoding = decoded
    text = normalise_newlines(text)
    if not text.strip():
        return Skip(name, "empty file" if not data else "file holds only whitespace")
    warnings = () if encoding.startswith("utf-8") else (f"not UTF-8: decoded as {encoding}",)
    return SourceDoc(source=name, text=text, encoding=encoding, warnings=warnings)


def _decode(data: bytes) -> tuple[str, str] | None:
    """Decode bytes as UTF-8 (BOM or not), UTF-16 with a BOM, or a single-byte fallback."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # cp1252 is what Windows tools write for English text; latin-1 decodes any byte.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"

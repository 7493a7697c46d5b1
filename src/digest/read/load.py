"""Files -> SourceDoc: discovery in sorted order, size limits, decoding with honest warnings;
Markdown files are read with their front matter, web pages with their metadata; a file
unchanged since the last build is not read again."""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath

from ..build.cache import SOURCES, Cache, Memo, ReadFile
from ..build.keys import file_status_key
from ..config import Config
from ..errors import InputError
from ..models.documents import Skip, SourceDoc
from ..problems import Problem
from ..text import fold, normalise_newlines
from .front_matter import read_markdown
from .markup import looks_like_html, plain_text
from .overrides import OUTSIDE_LINK, OVERRIDES_FILE, leads_outside
from .webpage import read_page

log = logging.getLogger(__name__)

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SOURCE_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES)


def discover(seeds: Path) -> tuple[list[Path], list[Skip]]:
    """The input files under seeds, recursively, sorted by relative path; and what is not one.

    Everything else in the folder is accounted for as a skip with its reason: files of
    another type, and links that lead outside the folder (never followed). Hidden folders
    (`.git`), hidden files of other types (`.DS_Store`) and `overrides.yaml` (read by the
    editorial step) are not content and are passed over in silence.
    """
    check_seeds(seeds)
    root = seeds.resolve()
    found: list[Path] = []
    skipped: list[Skip] = []
    for name, entry in sorted(_entries(str(seeds)), key=lambda pair: pair[0]):
        skip = _why_not_input(entry, name, root)
        if skip is None:
            found.append(Path(entry.path))
        elif skip:
            skipped.append(Skip(shown_name(name), skip))
    return found, skipped


def check_seeds(seeds: Path) -> None:
    """Refuse a seeds folder that is not there, naming the whole path that was tried."""
    if not seeds.is_dir():
        problem = "is not a folder" if seeds.exists() else "not found"
        raise InputError(
            f"seeds folder {problem}: {seeds.resolve()}; give the folder of your .txt and "
            ".md files with --seeds DIR"
        )


def empty_seeds(seeds: Path, docs: Sequence[SourceDoc], skipped: Sequence[Skip]) -> list[Problem]:
    """A warning when the seeds folder holds nothing to read: the site will have no
    articles, which is allowed (a new digest) but rarely meant."""
    if docs or skipped:
        return []
    message = f"no .txt or .md file in {seeds.resolve()}; the site has no articles"
    return [Problem(str(seeds), None, "no-input", message)]


def _entries(root: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every entry under a folder with its path relative to it; links to folders are
    listed, not followed. Walked without recursion: folders may nest deeper than Python's
    stack. (os.scandir knows each entry's type without asking the file system again, which
    matters at thousands of files.)"""
    pending = [(root, "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = prefix + entry.name
                yield name, entry
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, f"{name}/"))


def shown_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (which Python keeps as lone
    surrogates, and no UTF-8 output can hold) become escapes such as \\xe9."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _why_not_input(entry: os.DirEntry[str], name: str, root: Path) -> str | None:
    """None for an input file; else why it is skipped, or "" when it is passed over."""
    *folders, last = name.split("/")
    # PurePath's suffix, not os.path.splitext, which finds none in a name like "..txt".
    is_source = PurePosixPath(last).suffix.lower() in SOURCE_SUFFIXES
    if any(f.startswith(".") for f in folders) or (last.startswith(".") and not is_source):
        return ""
    if name == OVERRIDES_FILE:
        return ""  # read, or refused, by the editorial step
    if entry.is_symlink() and leads_outside(Path(entry.path), root):
        return OUTSIDE_LINK
    if entry.is_dir():
        return ""
    if not is_source:
        return f"not a text, Markdown or HTML file ({', '.join(SOURCE_SUFFIXES)}); ignored"
    if not entry.is_file():
        return "not a regular file"
    return None


def read_source(path: Path, seeds: Path, max_bytes: int) -> SourceDoc | Skip:
    """Read one input file; a file we cannot use becomes a Skip with its reason."""
    name = shown_name(path.relative_to(seeds).as_posix())
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
    raw, encoding = decoded
    raw = normalise_newlines(raw)
    if not raw.strip():
        return Skip(name, "empty file" if not data else "file holds only whitespace")
    warnings = (
        []
        if encoding.startswith("utf-8")
        else [Problem(name, None, "not-utf-8", f"not UTF-8: decoded as {encoding}")]
    )
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return read_markdown(name, raw, encoding, warnings)
    if suffix in HTML_SUFFIXES:
        return read_page(name, raw, encoding, warnings)
    if looks_like_html(raw):
        html = Problem(name, None, "html-in-text", "HTML in a text file: read as a web page")
        return read_page(name, raw, encoding, [*warnings, html])
    text, converted = plain_text(raw)
    if not text.strip():
        return Skip(name, "markup with no visible text")
    warnings += [Problem(name, None, "markdown-in-text", converted)] if converted else []
    return SourceDoc(source=name, text=text, encoding=encoding, warnings=tuple(warnings))


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


def load_all(config: Config, cache: Cache) -> tuple[list[SourceDoc], list[Skip]]:
    """Read every input file; unusable files and repeated texts become skips with reasons.

    A file is read again only when its status (size, inode, change times) differs from
    the last build's, as make and git decide; otherwise what it gave then is used.
    """
    docs: list[SourceDoc] = []
    paths, skipped = discover(config.seeds)
    known = cache.memo(SOURCES)
    first_with_text: dict[str, str] = {}
    for path in paths:
        read = read_known(path, config, known)
        if read.doc is None:
            skipped += [read.skip] if read.skip else []
            continue
        if read.text_key in first_with_text:
            first = first_with_text[read.text_key]
            skipped.append(Skip(read.doc.source, f"same text as {first}; built once"))
            continue
        first_with_text[read.text_key] = read.doc.source
        docs.append(read.doc)
    cache.keep(SOURCES, known)
    return docs, skipped


def read_known(path: Path, config: Config, known: Memo) -> ReadFile:
    """A file read (see read_source), from the memo when its status is as it was then."""

    def read() -> ReadFile:
        return read_file(read_source(path, config.seeds, config.max_file_bytes))

    try:
        status = path.stat()
    except OSError:
        return read()
    return known.get(file_status_key(path, status, config.max_file_bytes), read)


def read_file(read: SourceDoc | Skip) -> ReadFile:
    """What a file gave, with the hash of its folded text, which is the same for texts
    that differ only in case, accents, punctuation and spacing."""
    if isinstance(read, Skip):
        return ReadFile(None, read)
    return ReadFile(read, None, hashlib.sha256(fold(read.text).encode()).hexdigest())

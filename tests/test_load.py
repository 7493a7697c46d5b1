"""Reading files: encodings, line endings, empty and binary files, sorted discovery."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from digest.errors import InputError
from digest.models.documents import Skip, SourceDoc
from digest.read.load import discover, parse_source, read_source

TEXT = "Kyiv’s café owners said the curfew — now at 11 p.m. — was “bearable”.\nSecond line."


@pytest.mark.parametrize(
    ("data", "encoding", "warned"),
    [
        (TEXT.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", False),
        (TEXT.encode("cp1252"), "cp1252", True),
        (
            TEXT.replace("’", "'")
            .replace("—", "-")
            .replace("“", '"')
            .replace("”", '"')
            .encode("latin-1")
            + b"\x81",
            "latin-1",
            True,
        ),  # 0x81 is undefined in cp1252
        (TEXT.encode("utf-16"), "utf-16", True),  # with its BOM
    ],
)
def test_text_is_decoded_and_other_encodings_are_warned_about(
    data: bytes, encoding: str, warned: bool
) -> None:
    doc = parse_source("a.txt", data)
    assert isinstance(doc, SourceDoc)
    assert doc.encoding == encoding
    assert "café" in doc.text
    assert bool(doc.warnings) == warned
    assert not doc.text.startswith("\ufeff")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_are_normalised(newline: str) -> None:
    doc = parse_source("a.txt", f"One.{newline}Two.{newline}".encode())
    assert isinstance(doc, SourceDoc)
    assert doc.text == "One.\nTwo.\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n ", "file holds only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content (NUL bytes), not text"),
    ],
)
def test_unusable_files_become_skips_with_a_reason(data: bytes, reason: str) -> None:
    assert parse_source("bad.txt", data) == Skip("bad.txt", reason)


def test_oversized_file_is_skipped_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    skip = read_source(path, tmp_path, max_bytes=100)
    assert isinstance(skip, Skip)
    assert "over the 100-byte limit" in skip.reason


def test_discovery_is_sorted_recursive_and_stays_inside_the_folder(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    for folder in ("sub", ".git", "élan"):
        (seeds / folder).mkdir(parents=True)
    names = ["b.txt", "a.txt", "sub/c.txt", "notes.md.bak", "image.png", ".DS_Store"]
    names += [".hidden.txt", ".git/HEAD.txt", "élan/news report.txt"]
    names += ["page.html", "sub/OLD.HTM", "essay.markdown", "page.html.orig"]
    for name in names:
        (seeds / name).write_text("x")
    outside = tmp_path / "secret.txt"
    outside.write_text("not ours")
    (seeds / "link.txt").symlink_to(outside)
    (seeds / "inside.txt").symlink_to(seeds / "a.txt")
    found, skipped = discover(seeds)
    assert [p.relative_to(seeds).as_posix() for p in found] == [
        ".hidden.txt",
        "a.txt",
        "b.txt",
        "essay.markdown",
        "inside.txt",
        "page.html",
        "sub/OLD.HTM",
        "sub/c.txt",
        "élan/news report.txt",
    ]
    other_type = "not a text, Markdown or HTML file (.txt, .md, .markdown, .html, .htm); ignored"
    assert {s.source: s.reason for s in skipped} == {
        "image.png": other_type,
        "link.txt": "a link to a file outside the seeds folder; not followed",
        "notes.md.bak": other_type,
        "page.html.orig": other_type,
    }


def test_missing_seeds_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="seeds folder not found"):
        discover(tmp_path / "nope")


@pytest.mark.parametrize(
    ("text", "converted"),
    [
        # a page's markup
        ("<html><body><p>Talks went on.</p></body></html>", "HTML"),
        ("<div><p>One.</p><p>Two.</p><p>Three.</p></div>", "HTML"),
        # prose that quotes a tag, or an injection attempt, is text and shown as text
        ("The editor wrapped it in a <p> tag, which broke the page layout badly.", None),
        ("<script>alert(1)</script> Talks went on in Geneva on Monday.", None),
        # Markdown needs two kinds of construct, or three of one
        ("# Talks\n\nThey met on **Monday**.", "Markdown"),
        ("Prices rose 5% * 2 in a year; *sigh* said one trader.", None),
        ("A single [link](https://example.org) in prose.", None),
    ],
)
def test_markup_saved_as_text_is_recognised_on_strong_evidence_only(
    text: str, converted: str | None
) -> None:
    doc = parse_source("page.txt", text.encode())
    assert isinstance(doc, SourceDoc)
    warned = [w.message for w in doc.warnings if w.code in ("html-in-text", "markdown-in-text")]
    if converted is None:
        assert warned == [] and doc.text == text
    else:
        assert warned and warned[0].startswith(converted)
        assert "<" not in doc.text and "**" not in doc.text


@pytest.mark.parametrize("name", ["essay.md", "essay.markdown", "notes/ESSAY.MD"])
def test_markdown_files_are_read_with_their_front_matter(name: str) -> None:
    doc = parse_source(name, b"---\ntitle: Talks resume\n---\nDiplomats met on **Monday**.\n")
    assert isinstance(doc, SourceDoc) and doc.edits is not None
    assert (doc.edits.title, doc.text) == ("Talks resume", "Diplomats met on Monday.")


@pytest.mark.parametrize("name", ["page.html", "page.htm", "saved/PAGE.HTML"])
def test_html_files_are_read_as_web_pages(name: str) -> None:
    html = (
        "<!doctype html><html><head><title>Talks resume</title></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>"
        "<article><p>Diplomats met in Geneva on Monday and agreed to meet again.</p></article>"
        "<footer><p>© 2025 The Daily Example. All rights reserved.</p></footer></body></html>"
    )
    doc = parse_source(name, html.encode())
    assert isinstance(doc, SourceDoc) and doc.edits is not None
    assert doc.text == "Diplomats met in Geneva on Monday and agreed to meet again."
    assert (doc.edits.origin, doc.edits.title, doc.warnings) == (
        "page-metadata",
        "Talks resume",
        (),
    )


def test_a_page_without_main_text_is_an_explained_skip() -> None:
    html = b"<html><head><script>alert(1)</script><style>p {}</style></head><body></body></html>"
    assert parse_source("empty.html", html) == Skip("empty.html", "an HTML page with no main text")

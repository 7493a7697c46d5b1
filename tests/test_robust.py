"""Whatever a scraper produced: every file ends as a page or an explained skip, never a crash."""

from __future__ import annotations

import codecs
import json
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest import cli
from digest.config import Config
from digest.pipeline import build

from conftest import ROOT

HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Site</title><style>p { color: red }</style>
<script>var tracking = "<p>not text</p>";</script></head>
<body><nav><a href="/">Home</a></nav>
<h1>Talks resume in Geneva</h1>
<p>Diplomats met on Monday &amp; agreed to continue the talks next week.</p>
<p>Negotiators said a ceasefire could follow if both sides keep to the schedule.</p>
</body></html>
"""

MARKDOWN = """# Talks resume in Geneva

Diplomats met on **Monday** and agreed to continue the talks,
as [Reuters](https://example.org) reported.

> Negotiators said a ceasefire could follow if both sides keep to the schedule.
"""

ONE_LINE = ("talks ceasefire Kyiv Moscow sanctions " * 30_000).encode()

# name -> bytes; every class of bad input the issue lists, next to the five real seeds.
BAD_INPUT: dict[str, bytes] = {
    "empty.txt": b"",
    "blank.txt": b"  \n\t\n   \n",
    "nul.txt": b"Some text\x00with a NUL byte",
    "photo.txt": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01",
    "cp1252.txt": "Talks on the “grain corridor” cost €5 billion — officials said.".encode(
        "cp1252"
    ),
    "latin1.txt": "Le maître d\x81hôtel said the talks would go on.".encode("latin-1"),
    "utf16.txt": codecs.BOM_UTF16_LE
    + "Talks on a ceasefire went on all night.".encode("utf-16-le"),
    "cr-only.txt": b"A headline of a piece\r\rFirst paragraph, about talks.\rSecond paragraph.",
    "huge.txt": b"x" * 1_600_000,
    "one-line.txt": ONE_LINE,
    "page.txt": HTML_PAGE.encode(),
    "notes.txt": MARKDOWN.encode(),
    "news report (final).txt": b"Talks went on in Geneva.\n\nDiplomats said so on Monday.",
    "élan résumé.txt": "Résumé of the talks in Genève, held on Monday.".encode(),
    ".hidden.txt": b"Talks in a file whose name starts with a dot.",
    "same-title-a.txt": b"Talks resume\n\nThe first report of the talks, from Monday.",
    "same-title-b.txt": b"Talks resume\n\nA second, different report of the talks, from Tuesday.",
    "copy-of-seed.txt": (ROOT / "seeds" / "001_d065812160adae77.txt").read_bytes(),
}

# name -> (where it ends: "skip" or "article", a phrase of the skip reason or of a warning)
EXPECTED: dict[str, tuple[str, str]] = {
    "empty.txt": ("skip", "empty file"),
    "blank.txt": ("skip", "file holds only whitespace"),
    "nul.txt": ("skip", "binary content (NUL bytes), not text"),
    "photo.txt": ("skip", "binary content (NUL bytes), not text"),
    "cp1252.txt": ("article", "not UTF-8: decoded as cp1252"),
    "latin1.txt": ("article", "not UTF-8: decoded as latin-1"),
    "utf16.txt": ("article", "not UTF-8: decoded as utf-16"),
    "cr-only.txt": ("article", "no author named in the text"),
    "huge.txt": ("skip", "file is 1,600,000 bytes, over the 1,500,000-byte limit"),
    "one-line.txt": ("article", "no sentence found"),
    "page.txt": ("article", "HTML markup in a text file: converted to its visible text"),
    "notes.txt": ("article", "Markdown syntax in a text file: converted to plain text"),
    "news report (final).txt": ("article", "no author named in the text"),
    "élan résumé.txt": ("article", "no author named in the text"),
    ".hidden.txt": ("article", "no author named in the text"),
    "same-title-a.txt": ("article", "no author named in the text"),
    "same-title-b.txt": ("article", "no author named in the text"),
    "copy-of-seed.txt": ("skip", "same text as 001_d065812160adae77.txt; built once"),
    "link-out.txt": ("skip", "a link to a file outside the seeds folder; not followed"),
}


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The seeds plus every kind of bad input, built once; the report, records and output."""
    root = tmp_path_factory.mktemp("messy")
    seeds = root / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    for name, data in BAD_INPUT.items():
        (seeds / name).write_bytes(data)
    (root / "secret.txt").write_text("Private notes outside the seeds folder.")
    (seeds / "link-out.txt").symlink_to(root / "secret.txt")
    out = root / "site"
    build(Config(seeds=seeds, out=out, max_file_bytes=1_500_000))
    data = out / "data"
    return {
        "out": out,
        "report": json.loads((data / "build-report.json").read_text(encoding="utf-8")),
        "records": {
            r["source"]: r
            for r in json.loads((data / "articles.json").read_text(encoding="utf-8"))["articles"]
        },
    }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_input_ends_as_an_article_or_an_explained_skip(
    messy: dict[str, Any], name: str
) -> None:
    where, phrase = EXPECTED[name]
    report = messy["report"]
    if where == "skip":
        assert {"source": name, "reason": phrase} in report["skipped"]
        assert name not in messy["records"]
    else:
        assert name in messy["records"]
        warnings = [w["message"] for w in report["warnings"] if w["source"] == name]
        assert any(phrase in w for w in warnings), warnings


def test_every_file_is_accounted_for_and_the_real_seeds_still_build(
    messy: dict[str, Any],
) -> None:
    report = messy["report"]
    accounted = {a["source"] for a in report["articles"]} | {s["source"] for s in report["skipped"]}
    seeds = {p.name for p in (ROOT / "seeds").glob("*.txt")}
    assert accounted == seeds | set(EXPECTED)
    assert seeds <= set(messy["records"])
    assert report["files_read"] == len(accounted)


def test_decoded_text_reads_right(messy: dict[str, Any]) -> None:
    records = messy["records"]
    assert "“grain corridor” cost €5 billion" in " ".join(records["cp1252.txt"]["paragraphs"])
    assert records["cr-only.txt"]["paragraphs"] == [
        "First paragraph, about talks.",
        "Second paragraph.",
    ]
    assert records["cr-only.txt"]["title"] == "A headline of a piece"


def test_html_and_markdown_become_their_visible_text(messy: dict[str, Any]) -> None:
    page = messy["records"]["page.txt"]
    assert page["title"] == "Talks resume in Geneva"
    body = " ".join(page["paragraphs"])
    assert "Diplomats met on Monday & agreed" in body
    assert "<" not in body and "tracking" not in body and "color: red" not in body
    notes = messy["records"]["notes.txt"]
    assert notes["title"] == "Talks resume in Geneva"
    text = " ".join(notes["paragraphs"])
    assert "on Monday and agreed" in text and "as Reuters reported" in text
    assert not any(mark in text for mark in ("**", "](", "# ", "> "))


def test_a_huge_line_gives_no_huge_thesis_title_or_claim(messy: dict[str, Any]) -> None:
    record = messy["records"]["one-line.txt"]
    assert record["thesis"] == "" and record["claims"] == []
    assert len(record["title"]) <= 90
    assert len((messy["out"] / "index.html").read_bytes()) < 200_000


def test_same_titles_get_distinct_stable_slugs(messy: dict[str, Any]) -> None:
    records = messy["records"]
    assert records["same-title-a.txt"]["slug"] == "talks-resume"
    assert records["same-title-b.txt"]["slug"] == "talks-resume-2"
    for name in ("news report (final).txt", "élan résumé.txt", ".hidden.txt"):
        slug = records[name]["slug"]
        assert slug.isascii() and " " not in slug
        assert (messy["out"] / "articles" / slug / "index.html").is_file()


def test_strict_turns_warnings_into_an_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "piece.txt").write_text("Talks went on.\n\nDiplomats said so on Monday.")
    out = tmp_path / "site"
    assert cli.main(["--seeds", str(seeds), "--out", str(out), "--strict"]) == 1
    err = capsys.readouterr().err
    stages, _, error = err.partition("error: ")
    assert error.startswith("--strict: 4 problems, so the site was not written:")
    assert stages.splitlines() == [
        "load: 2 files read, 1 skipped",
        "analyse: 1 analysed, 0 from the cache",
    ]
    assert "empty.txt: skipped: empty file" in err
    assert "piece.txt: no author named in the text" in err
    assert not out.exists()
    assert cli.main(["--seeds", str(seeds), "--out", str(out), "--quiet"]) == 0


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.from_regex(r"[a-z0-9 ._-]{1,12}\.txt", fullmatch=True),
        st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)),
        max_size=6,
    )
)
def test_any_folder_of_files_builds_and_accounts_for_each(
    tmp_path_factory: pytest.TempPathFactory, files: dict[str, bytes]
) -> None:
    root = tmp_path_factory.mktemp("random")
    seeds = root / "seeds"
    seeds.mkdir()
    for name, data in files.items():
        (seeds / name).write_bytes(data)
    out = root / "site"
    build(Config(seeds=seeds, out=out, search=False))
    report = json.loads((out / "data" / "build-report.json").read_text(encoding="utf-8"))
    accounted = [a["source"] for a in report["articles"]] + [s["source"] for s in report["skipped"]]
    expected = [n for n in files if n not in (".", "..")]
    assert sorted(accounted) == sorted(expected)


# --- the cache holds data, never code -----------------------------------------------------


class Payload:
    """A pickle that, when loaded, creates a file: a harmless stand-in for any code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.marker), "w"))


def test_a_planted_cache_file_runs_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = tmp_path / "cache"
    marker = tmp_path / "code-ran"
    planted = pickle.dumps(Payload(marker))
    for store in ("analysis", "sources", "related", "records"):
        (cache / store).mkdir(parents=True)
        for number in range(16):  # every file name any version reads
            (cache / store / f"{number}.pickle").write_bytes(planted)
            (cache / store / f"{number}.msgpack").write_bytes(planted)
    config = Config(seeds=ROOT / "seeds", out=tmp_path / "site", cache_dir=cache, search=False)
    for _ in range(2):
        assert len(build(config).site.articles) == 5
    assert not marker.exists()
    assert "analysis/15.msgpack is not a digest cache file; not used" in caplog.text


@pytest.mark.parametrize(
    ("make_untrusted", "problem"),
    [
        (lambda folder, _: folder.chmod(0o777), "is writable by other users"),
        (lambda _, monkeypatch: monkeypatch.setattr(os, "geteuid", lambda: 4321), "another user"),
    ],
)
def test_a_cache_folder_others_can_write_is_not_used(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    make_untrusted: Callable[[Path, pytest.MonkeyPatch], None],
    problem: str,
) -> None:
    cache = tmp_path / "cache"
    config = Config(seeds=ROOT / "seeds", out=tmp_path / "site", cache_dir=cache, search=False)
    build(config)
    written = sorted(cache.rglob("*"))
    make_untrusted(cache, monkeypatch)
    messages: list[str] = []
    build(config, progress=messages.append)
    assert "analyse: 5 analysed, 0 from the cache" in messages
    assert problem in caplog.text and "building without it" in caplog.text
    assert sorted(cache.rglob("*")) == written  # nor written to

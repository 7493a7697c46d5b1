"""Whatever a scraper produced: every file ends as a page or an explained skip, never a crash."""

from __future__ import annotations

import codecs
import json
import os
import pickle
import shutil
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, cast
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import digest.build.analysis
from digest import cli
from digest.analyse.taxonomy import load_taxonomy
from digest.build.analysis import Job, analyse_job, compiled_matchers, run_jobs
from digest.build.pipeline import build
from digest.config import Config
from digest.errors import TemplateProblem
from digest.models.article import Article
from digest.models.documents import CleanDoc, SourceDoc
from digest.read.load import parse_source, shown_name

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
# Each level holds ten of the level before: 10,000 values from 200 bytes (the issue's
# 605 bytes of nine levels made a 722 MB build report).
ALIAS_BOMB = b"date: &a [x, x, x, x, x, x, x, x, x, x]\n" + b"".join(
    f"{b}: &{b} [{', '.join(['*' + a] * 10)}]\n".encode() for a, b in zip("abc", "bcd", strict=True)
)

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
    "impossible-date.md": b"---\ndate: 2025-02-30\n---\nTalks went on.\n",
    "month-13.md": b"---\ntitle: Talks\ndate: 2025-13-01\n---\nTalks went on.\n",
    "hour-25.md": b"---\ndate: 2025-01-01 25:00:00\n---\nTalks went on.\n",
    "alias-bomb.md": b"---\n" + ALIAS_BOMB + b"---\nTalks went on.\n",
    "huge-title.md": b"---\ntitle: " + b"Talks " * 5_000 + b"\n---\nTalks went on.\n",
    "nested-values.md": b"---\nthemes: " + b"[" * 500 + b"]" * 500 + b"\n---\nTalks went on.\n",
    "int-tag.md": b"---\ntitle: !!int many\n---\nTalks went on.\n",
}
# A file name that is not UTF-8 (a zip file's cp1252 "café.txt"), and a file 1,000 folders
# deep, as their names are shown.
LATIN1_NAME = "caf\\xe9.txt"
DEEP_NAME = "d/" * 1000 + "deep.txt"

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
    "page.txt": ("article", "HTML in a text file: read as a web page"),
    "notes.txt": ("article", "Markdown syntax in a text file: converted to plain text"),
    "news report (final).txt": ("article", "no author named in the text"),
    "élan résumé.txt": ("article", "no author named in the text"),
    ".hidden.txt": ("article", "no author named in the text"),
    "same-title-a.txt": ("article", "no author named in the text"),
    "same-title-b.txt": ("article", "no author named in the text"),
    "copy-of-seed.txt": ("skip", "same text as 001_d065812160adae77.txt; built once"),
    "link-out.txt": ("skip", "a link to a file outside the seeds folder; not followed"),
    "impossible-date.md": (
        "skip",
        "impossible-date.md:2: malformed YAML: '2025-02-30' is not a valid date "
        "(day is out of range for month); file skipped",
    ),
    "month-13.md": (
        "skip",
        "month-13.md:3: malformed YAML: '2025-13-01' is not a valid date "
        "(month must be in 1..12); file skipped",
    ),
    "hour-25.md": (
        "skip",
        "hour-25.md:2: malformed YAML: '2025-01-01 25:00:00' is not a valid date "
        "(hour must be in 0..23); file skipped",
    ),
    "alias-bomb.md": (
        "skip",
        "alias-bomb.md:3: malformed YAML: aliases (*name) are not allowed; file skipped",
    ),
    "huge-title.md": (
        "skip",
        "huge-title.md:2: malformed YAML: a value of 29,999 characters (at most 20,000); "
        "file skipped",
    ),
    "nested-values.md": (
        "skip",
        "nested-values.md:2: malformed YAML: values nested more than 20 deep; file skipped",
    ),
    "int-tag.md": (
        "skip",
        "int-tag.md:2: malformed YAML: 'many' is not a valid whole number "
        "(invalid literal for int() with base 10: 'many'); file skipped",
    ),
    LATIN1_NAME: ("article", "no author named in the text"),
    DEEP_NAME: ("article", "no author named in the text"),
    "overrides.yaml": (
        "skip",
        "a link to a file outside the seeds folder; not followed; no overrides applied",
    ),
}


def remove_deep(folder: Path) -> None:
    """Remove a chain of folders one inside the other, innermost first (shutil.rmtree, and
    so pytest's clean-up of old temporary folders, recurses as deep as the chain)."""
    chain = [str(folder)]
    while os.path.isdir(chain[-1]):
        inner = [e.path for e in os.scandir(chain[-1]) if e.is_dir(follow_symlinks=False)]
        if not inner:
            break
        chain.append(inner[0])
    for path in reversed(chain):
        shutil.rmtree(path)


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The seeds plus every kind of bad input, built once; the report, records and output."""
    root = tmp_path_factory.mktemp("messy")
    seeds = root / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    for name, data in BAD_INPUT.items():
        (seeds / name).write_bytes(data)
    (root / "secret.txt").write_text("Private notes outside the seeds folder.")
    (seeds / "link-out.txt").symlink_to(root / "secret.txt")
    secret = "001_d065812160adae77.txt: {note: PRIVATE-NOTE, secret-field: 1}\n"
    (root / "secret.yaml").write_text(secret)
    (seeds / "overrides.yaml").symlink_to(root / "secret.yaml")
    (seeds / os.fsdecode(b"caf\xe9.txt")).write_text("Talks at the cafe went on on Monday.")
    deep = str(seeds)
    for folder in DEEP_NAME.split("/")[:-1]:  # os.makedirs recurses as deep as the path
        deep = os.path.join(deep, folder)
        os.mkdir(deep)
    Path(deep, "deep.txt").write_text("Talks deep down went on.\n\nDiplomats said so.")
    out = root / "site"
    build(Config(seeds=seeds, out=out, max_file_bytes=1_500_000))
    data = out / "data"
    yield {
        "out": out,
        "report": json.loads((data / "build-report.json").read_text(encoding="utf-8")),
        "records": {
            r["source"]: r
            for r in json.loads((data / "articles.json").read_text(encoding="utf-8"))["articles"]
        },
    }
    remove_deep(seeds / "d")


def test_a_linked_overrides_file_outside_the_seeds_is_not_read(messy: dict[str, Any]) -> None:
    assert messy["records"]["001_d065812160adae77.txt"]["note"] is None
    assert "secret-field" not in json.dumps(messy["report"])


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
    assert stages.splitlines() == [
        "load: 2 files read, 1 skipped",
        "analyse: 1 analysed, 0 from the cache",
    ]
    assert error.splitlines() == [
        "--strict: 4 problems, so the site was not written:",
        "  skipped empty.txt: empty file",
        "  no-title (1): no title in the text: derived one from the thesis",
        "    piece.txt",
        "  no-author (1): no author named in the text",
        "    piece.txt",
        "  no-theme (1): no theme of the taxonomy applies",
        "    piece.txt",
    ]
    assert not out.exists()
    assert cli.main(["--seeds", str(seeds), "--out", str(out), "--quiet"]) == 0


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.one_of(
            st.from_regex(r"[a-z0-9 ._-]{1,12}\.txt", fullmatch=True).map(str.encode),
            # any bytes a file name can hold: not UTF-8 when a zip file came from Windows
            st.binary(min_size=1, max_size=12)
            .filter(lambda name: b"/" not in name and b"\0" not in name)
            .map(lambda name: name + b".txt"),
        ),
        st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)),
        max_size=6,
    )
)
def test_any_folder_of_files_builds_and_accounts_for_each(
    tmp_path_factory: pytest.TempPathFactory, files: dict[bytes, bytes]
) -> None:
    root = tmp_path_factory.mktemp("random")
    seeds = root / "seeds"
    seeds.mkdir()
    for name, data in files.items():
        (seeds / os.fsdecode(name)).write_bytes(data)
    out = root / "site"
    build(Config(seeds=seeds, out=out, search=False))
    report = json.loads((out / "data" / "build-report.json").read_text(encoding="utf-8"))
    accounted = [a["source"] for a in report["articles"]] + [s["source"] for s in report["skipped"]]
    expected = [shown_name(os.fsdecode(n)) for n in files if n not in (b".", b"..")]
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
    counts = build(config).counts
    assert (counts.analysed, counts.cached) == (5, 0)
    assert problem in caplog.text and "building without it" in caplog.text
    assert sorted(cache.rglob("*")) == written  # nor written to


# --- inputs that took a build hours, and what a page shows of them ------------------------

# Texts that a pattern, the sentence splitter or a pass over every line for each line once
# took seconds to hours over (time growing with the square of the length): 160 KB of
# characters, or 40 KB of lines (13,000 of them).
ADVERSARIAL = {
    "brackets before a link target.txt": "[" * 160_000 + "](",
    "a heading's closing marks.txt": "# a" + " #" * 80_000 + "x\n# b\n\n**x** and **y**",
    "quotes without a sentence end.txt": "“" * 160_000,
    "backticks.txt": "`" * 160_000,
    "image openers.txt": "![" * 80_000,
    "one-word paragraphs.txt": "x\n\n" * 13_000,
    "a line repeated.txt": "Talks resume\n" * 3_000,
    "ad markers.txt": "Advertisement\n" * 3_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_an_adversarial_file_is_analysed_in_under_a_second(name: str) -> None:
    taxonomy = load_taxonomy(Config().themes)
    compiled_matchers(taxonomy)
    started = time.perf_counter()
    doc = parse_source(name, ADVERSARIAL[name].encode())
    assert isinstance(doc, SourceDoc)
    analyse_job(Job(doc, (), ()), taxonomy)
    assert time.perf_counter() - started < 1.0  # generous: each takes 0.03 to 0.2 s


def test_a_crash_while_analysing_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crashed = "003_ea6c4e2ea2389a72.txt"
    extract = digest.build.analysis.extract

    def crashing(doc: CleanDoc) -> Article:
        if doc.source == crashed:
            raise ValueError("a bug in extraction")
        return extract(doc)

    monkeypatch.setattr(digest.build.analysis, "extract", crashing)
    with pytest.raises(ValueError) as crash:
        build(Config(seeds=ROOT / "seeds", out=tmp_path / "site", jobs=1))
    assert crash.value.__notes__ == [f"while analysing {crashed}"]
    assert f"while analysing {crashed}" in "".join(traceback.format_exception(crash.value))


def test_a_crash_in_a_worker_process_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(digest.build.analysis, "PARALLEL_FROM", 1)
    good = parse_source("good.txt", b"Talks went on.\n\nDiplomats said so on Monday.")
    assert isinstance(good, SourceDoc)
    broken = replace(good, source="broken.txt", text=cast(str, None))  # no text to clean
    jobs = [Job(good, (), ()), Job(broken, (), ())]
    with pytest.raises(Exception) as crash:
        run_jobs(jobs, load_taxonomy(Config().themes), workers=2)
    assert type(crash.value.__cause__).__name__ == "_RemoteTraceback"  # raised in a worker
    assert crash.value.__notes__ == ["while analysing broken.txt"]


def test_the_feed_and_sitemap_are_xml_whatever_the_text_holds(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "odd.txt").write_text(
        "Talks\ufffe resume \ufdd0 in Geneva\n\nDiplomats met on Monday and talked.",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    build(Config(seeds=seeds, out=out, search=False, title="A digest of talks"))
    feed = ElementTree.parse(out / "feed.xml").getroot()
    ElementTree.parse(out / "sitemap.xml")
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.findtext(f"{atom}entry/{atom}title") == "Talks resume \ufdd0 in Geneva"
    assert feed.findtext(f"{atom}id") == "urn:digest:a-digest-of-talks"  # a URI: no spaces


PIXEL = "---\ntitle: Talks\n---\nTalks went on. ![a pixel](https://tracker.example/p.gif)\n"


@pytest.mark.parametrize("allowed", [False, True])
def test_a_remote_image_is_a_link_unless_the_config_allows_it(
    tmp_path: Path, allowed: bool
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "pixel.md").write_text(PIXEL, encoding="utf-8")
    local = PIXEL.replace("https://tracker.example/", "").replace("went on", "ended")
    (seeds / "local.md").write_text(local, encoding="utf-8")
    out = tmp_path / "site"
    build(Config(seeds=seeds, out=out, search=False, remote_images=allowed))
    pages = "".join(p.read_text(encoding="utf-8") for p in out.glob("articles/*/index.html"))
    assert ('<img src="https://tracker.example/p.gif"' in pages) is allowed
    assert ('<a href="https://tracker.example/p.gif">image: a pixel</a>' in pages) is not allowed
    assert '<img src="p.gif" alt="a pixel"' in pages  # an image of the site's own


@pytest.mark.parametrize(
    "escape",
    [
        "{{ cycler.__init__.__globals__.os.getcwd() }}",
        # through a page's record, whose fields a template reads past the sandbox's checks
        "{{ page.__class__.__init__.__globals__ }}",
    ],
)
def test_a_template_cannot_reach_python_itself(tmp_path: Path, escape: str) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    shipped = (ROOT / "templates" / "about.html").read_text(encoding="utf-8")
    assert "{{ body }}" in shipped
    (templates / "about.html").write_text(shipped.replace("{{ body }}", escape), encoding="utf-8")
    config = Config(seeds=ROOT / "seeds", out=tmp_path / "site", templates_dir=templates)
    with pytest.raises(TemplateProblem, match=r"about\.html:.*unsafe"):
        build(config)
    assert not (tmp_path / "site").exists()

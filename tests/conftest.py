"""Shared fixtures: text in, records out; one seed build per session; the browser and tools."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest

from digest.build.pipeline import build
from digest.config import Config
from digest.errors import DigestError
from digest.models.article import Article
from digest.models.documents import CleanDoc, SourceDoc
from digest.models.outputs import BuildReport
from digest.read.clean import clean
from digest.read.extract import extract
from digest.read.load import parse_source
from digest.serve import serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).with_name("fixtures")
TOOLS = Path(__file__).with_name("tools")
PUBLISHED_URL = "https://example.org/digest/"
# CI sets this, so that a missing browser or tool fails its tests instead of skipping them.
REQUIRE_TOOLS = bool(os.environ.get("DIGEST_REQUIRE_TOOLS"))
CHROMIUM = Path("/usr/bin/chromium")
# Chromium's background services try to reach Google; on a closed network that is noise.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Findings that do not fail a gate but that the test output lists, by gate.
GATE_NOTES: dict[str, list[str]] = {}


def missing_tool(what: str, install: str) -> NoReturn:
    """Skip the test for lack of a tool, or fail it where tools are required (CI)."""
    message = f"{what} is missing: {install}"
    if REQUIRE_TOOLS:
        pytest.fail(message)
    pytest.skip(message)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """List the findings the gates noted without failing (axe-core's moderate ones)."""
    for gate, notes in sorted(GATE_NOTES.items()):
        if not notes:
            continue
        terminalreporter.section(gate)
        for note in notes:
            terminalreporter.write_line(note)


def load_generator() -> Any:
    """benchmarks/generate.py as a module: the synthetic corpus the benchmarks use."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_doc(text: str, name: str = "doc.txt") -> CleanDoc:
    """Clean a literal text as if it were a file."""
    source = parse_source(name, text.encode("utf-8"))
    assert isinstance(source, SourceDoc), source
    return clean(source)


def extract_text(text: str) -> Article:
    """Run a literal text through cleaning and extraction."""
    return extract(make_doc(text))


def extract_fixture(name: str) -> Article:
    """Run a file of tests/fixtures through cleaning and extraction."""
    return extract_text((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def in_a_scratch_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each test in an empty working folder: a build from the command line writes its
    cache (.digest-cache/) there, never into the repository."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def config_for(tmp_path: Path) -> Callable[..., Config]:
    """A config factory: seeds and output under tmp_path unless given."""

    def factory(**values: Any) -> Config:
        values.setdefault("seeds", tmp_path / "seeds")
        values.setdefault("out", tmp_path / "site")
        return Config(**values)

    return factory


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built once, with no base URL (as opened from disk); the output folder."""
    out = tmp_path_factory.mktemp("seed-site") / "site"
    build(Config(seeds=ROOT / "seeds", out=out))
    return out


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built as for publishing under a sub-path (PUBLISHED_URL), with two articles
    on a theme's page so that the quality gates see a theme split over pages; the output
    folder."""
    out = tmp_path_factory.mktemp("published-site") / "site"
    build(Config(seeds=ROOT / "seeds", out=out, base_url=PUBLISHED_URL, per_page=2))
    return out


def charted_seeds(folder: Path) -> Path:
    """A copy of the seeds in `folder` with fixtures/chart-overrides.yaml as their
    overrides.yaml: dates, outlets and a hostile title, so that every chart is drawn."""
    shutil.copytree(ROOT / "seeds", folder)
    shutil.copy(FIXTURES / "chart-overrides.yaml", folder / "overrides.yaml")
    return folder


@pytest.fixture(scope="session")
def charted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The charted seeds built with two articles a page, so that a theme's charts on its
    first page cover articles listed on later ones; the output folder."""
    folder = tmp_path_factory.mktemp("charted-site")
    out = folder / "site"
    build(Config(seeds=charted_seeds(folder / "seeds"), out=out, per_page=2))
    return out


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright; never a downloaded browser."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("playwright", "pip install -e '.[test]'")
    if not CHROMIUM.exists():
        missing_tool(str(CHROMIUM), "apt-get install -y chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def seed_document(seed_site: Path) -> dict[str, Any]:
    """The seed build's data/articles.json."""
    return json.loads((seed_site / "data" / "articles.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_records(seed_document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The article records of the seed build by source name."""
    return {record["source"]: record for record in seed_document["articles"]}


class Built:
    """A build of the seeds plus extra files: its report, records by source and pages."""

    def __init__(self, report: BuildReport) -> None:
        self.report = report
        self.out = report.out
        document = json.loads((self.out / "data" / "articles.json").read_text(encoding="utf-8"))
        self.records = {r["source"]: r for r in document["articles"]}
        self.order = [r["source"] for r in document["articles"]]
        self.skipped = {s.source: s.reason for s in report.site.skipped}
        self.warnings = report.site.warnings

    def page(self, source: str) -> str:
        return self.read(self.records[source]["url"])

    def read(self, path: str) -> str:
        return (self.out / path).read_text(encoding="utf-8")


def build_with(tmp_path: Path, files: dict[str, str], seeds: bool = True) -> Built:
    """Build the seeds (or none) plus the given files, without the full-text index."""
    folder = tmp_path / "seeds"
    if seeds:
        shutil.copytree(ROOT / "seeds", folder)
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return Built(build(Config(seeds=folder, out=tmp_path / "site", search=False)))


# What a serve loop reports after each build (and, in `results.indexed`, after each build
# that only brought the search index up to date).
class Results(list[BuildReport | DigestError]):
    indexed: list[BuildReport]


@contextmanager
def serving_copy(
    config_for: Callable[..., Config], tmp_path: Path, base_url: str = ""
) -> Iterator[tuple[Config, Results, str]]:
    """Serve a copy of the seeds and the taxonomy on a free port, in a thread: the config,
    the build results as they come, and the site's URL once the first build is done."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copy(ROOT / "themes.yaml", tmp_path / "themes.yaml")
    config = config_for(base_url=base_url, themes=tmp_path / "themes.yaml")
    results = Results()
    results.indexed = []
    urls: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=serve,
        args=(lambda: (config, ()), None, 0, results.append, stop, urls.append),
        kwargs={"on_indexed": results.indexed.append},
        daemon=True,
    )
    thread.start()
    try:
        assert wait_for(lambda: bool(urls) or not thread.is_alive(), 60) and urls, results
        yield config, results, urls[0]
    finally:
        stop.set()
        thread.join(5)


def wait_for(condition: Callable[[], bool], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False

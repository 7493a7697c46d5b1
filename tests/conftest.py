"""Shared fixtures: text in, records out; one seed build per session."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from digest.clean import clean
from digest.config import Config
from digest.extract import extract
from digest.load import parse_source
from digest.models import Article, CleanDoc, SourceDoc
from digest.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).with_name("fixtures")


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
def seed_document(seed_site: Path) -> dict[str, Any]:
    """The seed build's data/articles.json."""
    return json.loads((seed_site / "data" / "articles.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_records(seed_document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The article records of the seed build by source name."""
    return {record["source"]: record for record in seed_document["articles"]}

"""The data contract holds what the code makes: every field of an article reaches
`data/articles.json` or is kept internal on purpose, every key of it is documented, and
every reason a line leaves the body is one of the vocabulary and documented."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from typing import Any, get_args, get_type_hints

import pytest

from digest.build.pipeline import build
from digest.config import Config
from digest.models.article import Article
from digest.read.reasons import REMOVAL_REASONS

from conftest import FIXTURES, ROOT

# Fields that are not in an article's record, and where they go instead.
INTERNAL = {
    "Article.warnings": "data/build-report.json",
    "Article.markdown": "the article's page, which renders each paragraph's Markdown",
    "Article.fingerprint": "the cache, which knows an analysis by it",
    "ThemeHit.claims": "the article's page, which lists the claims on each theme",
}


def documentation() -> str:
    """The repository's Markdown documentation: the README and docs/."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    return "\n".join(page.read_text(encoding="utf-8") for page in pages)


def documented_keys() -> set[str]:
    """The keys the documentation's JSON examples show."""
    blocks = re.findall(r"```jsonc?\n(.*?)```", documentation(), re.DOTALL)
    return {key for block in blocks for key in re.findall(r'"(\w+)"\s*:', block)}


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """`data/articles.json` of a build of the seeds, the corpus and the test fixtures: pages
    of every kind, with every list of a record filled somewhere."""
    seeds = tmp_path_factory.mktemp("wide") / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    inputs = [*(ROOT / "tests/corpus/texts").iterdir(), *FIXTURES.glob("*.txt")]
    inputs += [*(FIXTURES / "editorial").iterdir(), *(FIXTURES / "web").iterdir()]
    for path in inputs:
        shutil.copy(path, seeds / path.name)
    out = seeds.parent / "site"
    build(Config(seeds=seeds, out=out, search=False))
    loaded: dict[str, Any] = json.loads((out / "data/articles.json").read_text(encoding="utf-8"))
    return loaded


def records_by_type(cls: type, records: list[dict[str, Any]]) -> dict[type, list[dict[str, Any]]]:
    """The records of a type, and of every record type its recorded fields hold, by type."""
    found = {cls: records}
    hints = get_type_hints(cls)
    for field in fields(cls):
        if f"{cls.__name__}.{field.name}" in INTERNAL:
            continue
        for inner in (t for t in get_args(hints[field.name]) if is_dataclass(t)):
            items = [item for record in records for item in record.get(field.name, [])]
            found.update(records_by_type(inner, items))
    return found


def all_keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from all_keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from all_keys(inner)


def test_every_field_of_an_article_is_in_its_record_or_kept_internal_on_purpose(
    document: dict[str, Any],
) -> None:
    missing = [
        f"{cls.__name__}.{field.name}"
        for cls, records in records_by_type(Article, document["articles"]).items()
        for field in fields(cls)
        if f"{cls.__name__}.{field.name}" not in INTERNAL
        and not any(field.name in record for record in records)
    ]
    assert missing == []


def test_every_field_kept_internal_is_a_field_its_records_leave_out(
    document: dict[str, Any],
) -> None:
    types = {
        cls.__name__: (cls, records)
        for cls, records in records_by_type(Article, document["articles"]).items()
    }
    for name in INTERNAL:
        type_name, field = name.split(".")
        cls, records = types[type_name]
        assert field in {f.name for f in fields(cls)}, name
        assert records and not any(field in record for record in records), name


def test_every_key_of_articles_json_is_in_the_documented_contract(
    document: dict[str, Any],
) -> None:
    assert sorted(set(all_keys(document)) - documented_keys()) == []


def test_every_reason_a_line_leaves_the_body_for_is_in_the_vocabulary(
    document: dict[str, Any],
) -> None:
    given = {line["reason"] for record in document["articles"] for line in record["removed"]}
    assert given <= set(REMOVAL_REASONS)
    assert len(given) >= len(REMOVAL_REASONS) // 2  # the build exercised the reasons


@pytest.mark.parametrize("reason", REMOVAL_REASONS)
def test_every_reason_is_documented(reason: str) -> None:
    docs = documentation()
    assert f"`{reason}`" in docs or f'"{reason}"' in docs

"""The data contract holds what the code makes: every reason a line leaves the body for is
one of the vocabulary and documented."""

from __future__ import annotations

import json
import shutil
from typing import Any

import pytest

from digest.config import Config
from digest.pipeline import build
from digest.reasons import REMOVAL_REASONS

from conftest import FIXTURES, ROOT


def documentation() -> str:
    """The repository's Markdown documentation: the README and docs/."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    return "\n".join(page.read_text(encoding="utf-8") for page in pages)


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

"""The documentation: every flag in the README, every config key in docs/configuration.md,
every relative link resolving, and a README short enough to read."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from digest.cli import parser
from digest.config import Config
from digest.problems import PROBLEM_CODES

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONFIGURATION = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
README_MAX_BYTES = 10_240
FLAGS = sorted(
    option
    for action in parser()._actions
    for option in action.option_strings
    if option.startswith("--")
)

FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@pytest.mark.parametrize("flag", [f for f in FLAGS if f != "--help"])
def test_flag_is_documented(flag: str) -> None:
    assert f"`{flag}" in README


@pytest.mark.parametrize("key", [f.name for f in fields(Config)])
def test_config_key_is_documented(key: str) -> None:
    assert f"| `{key}` |" in CONFIGURATION


def test_the_readme_is_short() -> None:
    size = len(README.encode("utf-8"))
    assert size < README_MAX_BYTES, f"README.md is {size} bytes; move detail into docs/"


# The README's two commands, as .ci/run and readers copy them.
TWO_COMMANDS = (
    "python -m pip install -e . && python build.py" + " " * 21 + "# build site/ from seeds/\n"
    "python -m pip install -e '.[test]' && python -m pytest" + " " * 12 + "# run every test\n"
)


def test_the_readme_keeps_its_two_commands_and_screenshots() -> None:
    assert f"```sh\n{TWO_COMMANDS}```" in README
    assert "](docs/images/article.png)" in README
    assert "](docs/images/theme.png)" in README


def prose(text: str) -> str:
    """Markdown without its code blocks and code spans, where nothing is a link."""
    return CODE_SPAN.sub("", FENCE.sub("", text))


def github_anchor(heading: str) -> str:
    """The id GitHub gives a heading: its text lower-cased, punctuation but hyphens dropped,
    spaces as hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every heading's anchor in a Markdown file; a repeated one gets -1, -2 as on GitHub."""
    seen: dict[str, int] = {}
    found = set()
    for heading in HEADING.findall(FENCE.sub("", path.read_text(encoding="utf-8"))):
        anchor = github_anchor(heading)
        count = seen.get(anchor, 0)
        seen[anchor] = count + 1
        found.add(f"{anchor}-{count}" if count else anchor)
    return found


def broken_links(path: Path) -> list[str]:
    problems = []
    for target in LINK.findall(prose(path.read_text(encoding="utf-8"))):
        if SCHEME.match(target):
            continue
        file, _, anchor = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        if not linked.is_file():
            problems.append(f"{target}: no such file")
        elif anchor and (linked.suffix != ".md" or anchor not in anchors(linked)):
            problems.append(f"{target}: no heading #{anchor} in {linked.name}")
    return problems


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(path: Path) -> None:
    assert broken_links(path) == []


def test_the_link_check_finds_what_is_broken(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text("# Other page\n\n## What it costs, and why\n")
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n```sh\n# not a heading\n```\n"
        "[ok](other.md#what-it-costs-and-why) [ok](#page) [web](https://example.org/#x)\n"
        "`[code](missing.md)` ![missing](images/none.png) [gone](#not-a-heading)\n"
        "[wrong](other.md#what-it-costs)\n",
        encoding="utf-8",
    )
    assert broken_links(page) == [
        "images/none.png: no such file",
        "#not-a-heading: no heading #not-a-heading in page.md",
        "other.md#what-it-costs: no heading #what-it-costs in other.md",
    ]


def test_every_warning_code_is_documented() -> None:
    documented = (ROOT / "docs" / "command-line.md").read_text(encoding="utf-8")
    assert [code for code in PROBLEM_CODES if f"| `{code}` |" not in documented] == []

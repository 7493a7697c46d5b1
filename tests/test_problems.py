"""Warnings: every kind reaches the summary, the build report and `--strict`, with its code;
a warning an editor has answered is not raised."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from digest.cli import main
from digest.problems import PROBLEM_CODES

CONFIG = "seeds: seeds\nout: site\nthemes: themes.yaml\nsearch: false\n"
THEMES = """\
- id: grain
  label: Grain
  strong: [grain corridor]
  signals: [grain, ships]
"""
BODY = (
    "Ships waited outside Odesa on Monday as insurers weighed the risk of the grain "
    "corridor. Traders said the grain would move again within weeks."
)
FRONT_MATTER = "title: Ships wait in the grain corridor\nauthors: [Jane Doe]\ndate: 2025-03-14\n"
CLEAN = f"---\n{FRONT_MATTER}---\n{BODY}\n"
OTHER_BODY = BODY.replace("Monday", "Tuesday")  # not the same text, which is built once
# A text that gives no title, author, sentence or theme of its own.
BARE = "words without an end " * 60
# What overrides.yaml says of `bare.txt` to answer every warning of a field it lacks.
ANSWERS = {
    "title": "title: A bare page",
    "authors": "authors: [Jane Doe]",
    "thesis": "thesis: Grain ships wait.",
    "themes": "themes: [grain]",
}


def answering(*fields: str) -> str:
    """overrides.yaml giving bare.txt the fields named."""
    return "bare.txt:\n" + "".join(f"  {ANSWERS[field]}\n" for field in fields)


def written(folder: Path, files: dict[str, str | bytes | None]) -> Path:
    """The clean digest (config, taxonomy, one Markdown article) with the files given laid
    over it (None: the file removed); returns its config file."""
    (folder / "seeds").mkdir(parents=True)
    base: dict[str, str | bytes | None] = {
        "digest.yaml": CONFIG,
        "themes.yaml": THEMES,
        "seeds/grain.md": CLEAN,
    }
    for name, content in {**base, **files}.items():
        if isinstance(content, str):
            (folder / name).write_text(content, encoding="utf-8")
        elif content is not None:
            (folder / name).write_bytes(content)
    return folder / "digest.yaml"


def build(config: Path, *flags: str) -> int:
    return main(["--config", str(config), "--no-cache", *flags])


def reported(config: Path) -> list[dict[str, Any]]:
    report = config.parent / "site" / "data" / "build-report.json"
    warnings: list[dict[str, Any]] = json.loads(report.read_text(encoding="utf-8"))["warnings"]
    return warnings


# case -> (the code it raises, the files that raise it)
CASES: dict[str, tuple[str, dict[str, str | bytes | None]]] = {
    "a misspelt config key": ("unknown-key", {"digest.yaml": CONFIG + "titel: Grain\n"}),
    "an unknown theme key": ("unknown-key", {"themes.yaml": THEMES + "  colour: red\n"}),
    "an unknown front matter field": (
        "unknown-key",
        {"seeds/grain.md": CLEAN.replace("date:", "auther: Jane Doe\ndate:")},
    ),
    "a value of the wrong form": (
        "bad-value",
        {"seeds/grain.md": CLEAN.replace("date:", "source_url: not a url\ndate:")},
    ),
    "a theme the taxonomy lacks": (
        "unknown-theme",
        {"seeds/grain.md": CLEAN.replace("date:", "themes: [grain, wheat]\ndate:")},
    ),
    "an override of no file": (
        "unknown-file",
        {"seeds/overrides.yaml": "gone.md:\n  draft: true\n"},
    ),
    "a slug another file pinned": (
        "slug-taken",
        {
            "seeds/grain.md": CLEAN.replace("date:", "slug: grain\ndate:"),
            "seeds/again.md": CLEAN.replace("date:", "slug: grain\ndate:").replace(
                "Monday", "Friday"
            ),
        },
    ),
    "an empty seeds folder": ("no-input", {"seeds/grain.md": None}),
    "a file that is not UTF-8": (
        "not-utf-8",
        {"seeds/grain.md": CLEAN.replace("Odesa", "Odésa").encode("cp1252")},
    ),
    "HTML in a text file": (
        "html-in-text",
        {
            "seeds/grain.md": None,
            "seeds/bare.txt": f"<html><body><article><p>{BODY}</p></article></body></html>",
            "seeds/overrides.yaml": answering("title", "authors"),
        },
    ),
    "Markdown in a text file": (
        "markdown-in-text",
        {
            "seeds/grain.md": None,
            "seeds/bare.txt": f"## Grain\n\nShips **wait**.\n\n{BODY}\n",
            "seeds/overrides.yaml": answering("title", "authors"),
        },
    ),
    "a text the cleaning rules would remove": (
        "kept-whole",
        {
            "seeds/bare.txt": "Advertisement\nShare this article\n" + "Photo: a caption " * 4,
            "seeds/overrides.yaml": answering("title", "authors", "thesis", "themes"),
        },
    ),
    "no title": (
        "no-title",
        {"seeds/bare.txt": OTHER_BODY, "seeds/overrides.yaml": answering("authors", "themes")},
    ),
    "no author": (
        "no-author",
        {"seeds/bare.txt": OTHER_BODY, "seeds/overrides.yaml": answering("title", "themes")},
    ),
    "no sentence": (
        "no-thesis",
        {"seeds/bare.txt": BARE, "seeds/overrides.yaml": answering("title", "authors", "themes")},
    ),
    "no theme": ("no-theme", {"seeds/grain.md": CLEAN.replace("grain corridor", "harbour")}),
}


def test_every_kind_of_warning_has_a_case_below() -> None:
    assert sorted({code for code, _ in CASES.values()}) == sorted(PROBLEM_CODES)


def test_a_markdown_article_with_title_authors_and_date_in_front_matter_passes_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = written(tmp_path, {})
    assert build(config, "--strict") == 0
    out = capsys.readouterr().out
    assert "1 articles, 0 skipped, 0 warnings" in out and "warnings, all in" not in out
    assert reported(config) == []


@pytest.mark.parametrize("case", CASES)
def test_strict_fails_on_each_kind_of_warning_and_the_report_names_its_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    code, files = CASES[case]
    config = written(tmp_path, files)
    assert build(config, "--strict") == 1
    error = capsys.readouterr().err.split("error: ", 1)[1]
    assert error.startswith("--strict: ")
    assert [line.split()[0] for line in error.splitlines()[1:] if line[2] != " "] == [code]
    assert not (tmp_path / "site").exists()
    assert build(config) == 0
    assert {w["code"] for w in reported(config)} == {code}
    assert f"\n  {code} (" in capsys.readouterr().out


def test_a_misspelt_config_key_and_an_unknown_theme_key_are_reported_at_their_lines(
    tmp_path: Path,
) -> None:
    config = written(
        tmp_path,
        {"digest.yaml": CONFIG + "titel: Grain\n", "themes.yaml": THEMES + "  colour: red\n"},
    )
    assert build(config) == 0
    settings = "about, base_url, cache_dir, description, feed_items, jobs, max_file_bytes, out, "
    settings += "per_page, remote_images, search, seeds, static_dir, strict, templates_dir, "
    settings += "themes, title"
    keys = "description, excludes, id, label, requires, signals, strong"
    assert reported(config) == [
        {
            "source": str(config),
            "line": 5,
            "code": "unknown-key",
            "message": f"unknown setting 'titel'; ignored (settings: {settings})",
        },
        {
            "source": str(tmp_path / "themes.yaml"),
            "line": 5,
            "code": "unknown-key",
            "message": f"unknown key 'colour' in theme 'grain'; ignored (keys: {keys})",
        },
    ]


def test_a_warning_an_editor_answered_is_not_raised(tmp_path: Path) -> None:
    config = written(tmp_path, {"seeds/grain.md": None, "seeds/bare.txt": BARE})
    assert build(config) == 0
    assert [w["code"] for w in reported(config)] == [
        "no-title",
        "no-author",
        "no-thesis",
        "no-theme",
    ]
    (tmp_path / "seeds" / "overrides.yaml").write_text(answering(*ANSWERS), encoding="utf-8")
    assert build(config, "--strict") == 0


def test_the_summary_shows_the_warnings_by_kind_the_first_few_of_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unsigned = CLEAN.replace("authors: [Jane Doe]\n", "")
    files: dict[str, str | bytes | None] = {
        f"seeds/{n}.md": unsigned.replace("Monday", f"day {n}") for n in range(7)
    }
    config = written(tmp_path, {**files, "digest.yaml": CONFIG + "titel: Grain\n"})
    assert build(config) == 0
    out = capsys.readouterr().out
    warnings = out[out.index("8 warnings") : out.index("built ")].splitlines()
    assert warnings[0] == f"8 warnings, all in {tmp_path / 'site' / 'data' / 'build-report.json'}:"
    assert warnings[1].startswith("  unknown-key (1): unknown setting 'titel'; ignored (settings: ")
    assert warnings[2:] == [
        f"    {config}:5",
        "  no-author (7): no author named in the text",
        *(f"    {n}.md" for n in range(5)),
        "    ... and 2 more",
    ]

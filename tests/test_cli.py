"""The build end to end: `python build.py` as a user runs it, output, messages, exit codes."""

from __future__ import annotations

import errno
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from digest.cli import main
from digest.config import Config

from conftest import ROOT
from sitecheck import PAGEFIND_UNSTABLE, tree_bytes


def run_build(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def build_seeds(out: Path) -> int:
    """Build the shipped seeds in this process, quietly."""
    return main(["--quiet", "--seeds", str(ROOT / "seeds"), "--out", str(out)])


def test_build_writes_articles_json_and_a_one_line_summary(tmp_path: Path) -> None:
    result = run_build("--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert "5 files read, 5 articles, 0 skipped" in summary
    document = json.loads((tmp_path / "site/data/articles.json").read_text(encoding="utf-8"))
    assert document["generator"].startswith("digest ")
    assert [a["source"] for a in document["articles"]] == sorted(
        p.name for p in (ROOT / "seeds").glob("*.txt")
    )
    assert len({a["slug"] for a in document["articles"]}) == 5


def test_two_builds_give_identical_bytes_but_for_pagefinds_filter_order(tmp_path: Path) -> None:
    assert build_seeds(tmp_path / "one") == 0
    assert build_seeds(tmp_path / "two") == 0
    one, two = tree_bytes(tmp_path / "one"), tree_bytes(tmp_path / "two")
    stable = {path for path in one if not PAGEFIND_UNSTABLE.fullmatch(path)}
    assert {p: one[p] for p in stable} == {p: two[p] for p in two if p in stable}
    assert len(one) == len(two)

    def filter_bytes(tree: dict[str, bytes]) -> list[list[int]]:
        return sorted(
            sorted(gzip.decompress(b)) for p, b in tree.items() if p.endswith("pf_filter")
        )

    assert filter_bytes(one) == filter_bytes(two)  # the same values, in another order


def nothing_was_built(folder: Path) -> bool:
    """Neither a site nor a cache in the (scratch) working folder: no article was read."""
    return not (folder / "site").exists() and not (folder / ".digest-cache").exists()


@pytest.mark.parametrize("serve", [[], ["--serve", "--port", "0"]])
def test_missing_seeds_folder_names_the_whole_path_and_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], serve: list[str]
) -> None:
    assert main(["--seeds", "nope", "--out", "site", *serve]) == 1
    assert capsys.readouterr().err == (
        f"error: seeds folder not found: {tmp_path / 'nope'}; give the folder of your .txt "
        "and .md files with --seeds DIR\n"
    )
    assert nothing_was_built(tmp_path)


def test_a_busy_port_is_said_before_anything_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        args = ["--seeds", str(ROOT / "seeds"), "-o", "site", "-s", "--port", str(port)]
        assert main(args) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: cannot serve on 127.0.0.1:{port}: Address already in use")
    assert "Choose another port with --port" in error
    assert nothing_was_built(tmp_path)


@pytest.mark.parametrize("serve", [[], ["--serve", "--port", "0"]])
def test_an_output_folder_that_would_be_refused_is_refused_before_anything_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], serve: list[str]
) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "thesis.docx").write_text("precious")
    assert main(["--seeds", str(ROOT / "seeds"), *serve]) == 1
    assert "refusing to replace it" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["thesis.docx"]
    assert not (tmp_path / ".digest-cache").exists()  # no article was analysed


def test_an_empty_seeds_folder_is_a_warning_and_builds_an_empty_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "seeds").mkdir()
    assert main([]) == 0
    out = capsys.readouterr().out
    message = f"no .txt or .md file in {tmp_path / 'seeds'}; the site has no articles"
    assert f"1 warnings, all in site/data/build-report.json:\n  no-input (1): {message}\n" in out
    assert "0 articles" in out
    report = json.loads((tmp_path / "site/data/build-report.json").read_text(encoding="utf-8"))
    assert report["warnings"] == [
        {"source": "seeds", "line": None, "code": "no-input", "message": message}
    ]


def test_short_flags_quiet_and_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-q", "-o", "elsewhere", "--seeds", str(ROOT / "seeds")]) == 0
    assert capsys.readouterr() == ("", "")
    assert (tmp_path / "elsewhere" / "index.html").is_file()


def test_bad_files_are_skipped_with_reasons_and_the_rest_builds(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    shutil.copy(seeds / "002_d5f5171de51368a9.txt", seeds / "copy of editorial.txt")
    result = run_build("--seeds", str(seeds), "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert "skipped empty.txt: empty file" in result.stdout
    assert "skipped photo.txt: binary content" in result.stdout
    assert "skipped copy of editorial.txt: same text as 002_d5f5171de51368a9.txt" in result.stdout
    report = json.loads((tmp_path / "site/data/build-report.json").read_text(encoding="utf-8"))
    assert report["files_read"] == 8
    assert len(report["articles"]) == 5
    assert {s["source"] for s in report["skipped"]} == {
        "empty.txt",
        "photo.txt",
        "copy of editorial.txt",
    }


def test_refuses_to_replace_a_folder_that_is_not_a_previous_build(tmp_path: Path) -> None:
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.docx").write_text("precious")
    result = run_build("--out", str(out))
    assert result.returncode == 1
    assert "refusing to replace it" in result.stderr
    assert (out / "thesis.docx").read_text() == "precious"


def test_a_rebuild_removes_only_what_digest_made_and_keeps_the_users_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    out = tmp_path / "site"
    args = ["--seeds", str(seeds), "--out", str(out)]
    assert main(args) == 0
    gone = json.loads((out / "data/articles.json").read_text(encoding="utf-8"))["articles"][0]
    (seeds / gone["source"]).unlink()
    (out / "CNAME").write_text("digest.example.org\n")
    (out / "articles" / gone["slug"] / "notes.txt").write_text("the user's notes")
    capsys.readouterr()
    assert main(args) == 0
    assert not (out / gone["url"]).exists()
    assert (out / "CNAME").read_text() == "digest.example.org\n"
    assert (out / "articles" / gone["slug"] / "notes.txt").read_text() == "the user's notes"
    notes = f"articles/{gone['slug']}/notes.txt"
    assert (
        f"kept 2 files in {out} that digest did not make: CNAME, {notes}" in capsys.readouterr().out
    )
    assert (out / "data/articles.json").is_file()


def test_config_file_sets_paths_relative_to_itself(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "inbox")
    (tmp_path / "digest.yaml").write_text("seeds: inbox\nout: public\n")
    result = run_build(cwd=tmp_path)  # digest.yaml in the working folder, unasked
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("config: digest.yaml\n")  # so the user knows it ran
    assert (tmp_path / "public/data/articles.json").is_file()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("seeds: [unclosed\n", "digest.yaml:2: malformed YAML"),
        ("max_file_bytes: lots\n", "'max_file_bytes' must be int, got str"),
        ("per_page: 0\n", "'per_page' must be 1 or more, got 0"),
        ("feed_items: -5\n", "'feed_items' must be 1 or more, got -5"),
        ("- a list\n", "expected a mapping of settings"),
    ],
)
def test_bad_config_is_one_clear_line(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "digest.yaml").write_text(content)
    result = run_build("--config", str(tmp_path / "digest.yaml"), cwd=tmp_path)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("key", [f.name for f in fields(Config)])
def test_every_setting_refuses_a_value_of_another_type_than_config_declares(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    config = tmp_path / "digest.yaml"
    config.write_text(f"{key}: [1]\n")
    assert main(["--config", str(config)]) == 1
    refused = rf"error: {re.escape(str(config))}: '{key}' must be (str|int|bool), got list\n"
    assert re.fullmatch(refused, capsys.readouterr().err)


def test_text_from_the_seeds_is_escaped_on_the_page(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "evil.txt").write_text(
        "Rigged <script>alert(1)</script> Headline\n"
        "The ministry said on Monday that the grain corridor would reopen next week, after "
        "talks in Istanbul.\nShipping firms should wait for insurance cover before sailing.\n",
        encoding="utf-8",
    )
    assert main(["--quiet", "--seeds", str(seeds), "--out", str(tmp_path / "site")]) == 0
    page = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "Rigged &lt;script&gt;alert(1)&lt;/script&gt; Headline" in page
    assert "<script>" not in page


def test_malformed_taxonomy_stops_the_build_with_file_and_line(tmp_path: Path) -> None:
    themes = tmp_path / "themes.yaml"
    themes.write_text("themes:\n  - id: a\n    label: A\n  - label: no id\n    strong: [x]\n")
    result = run_build("--themes", str(themes), "--out", str(tmp_path / "site"))
    assert result.returncode == 1
    assert f"{themes}:4: theme needs a non-empty 'id'" in result.stderr
    assert f"{themes}:2: theme 'a' needs 'strong' or 'signals' terms" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_suggest_themes_says_what_it_found_and_builds_nothing(tmp_path: Path) -> None:
    result = run_build("--suggest-themes", "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    # the five seeds are all on themes the taxonomy has (tests/test_topics.py has a corpus
    # with a subject it lacks)
    assert result.stdout.startswith("no subject that 2 or more of the 5 articles discuss")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "."], "error: the output folder . holds the seeds folder seeds; a build would"),
        (["--out", "/"], "error: the output folder / is the root of the file system"),
    ],
)
def test_an_output_folder_that_cannot_be_ours_is_one_clear_line(
    tmp_path: Path, args: list[str], message: str
) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    result = run_build(*args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(message) and len(result.stderr.splitlines()) == 1
    assert sorted(p.name for p in (tmp_path / "seeds").iterdir()) == sorted(
        p.name for p in (ROOT / "seeds").iterdir()
    )


def test_a_full_disk_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full(path: Path, file: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr("digest.build.write.write_file", full)
    assert build_seeds(tmp_path / "site") == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: cannot write the site into {tmp_path / 'site'}: [Errno 28]")
    assert not (tmp_path / "site").exists()


def test_timings_print_each_stage_with_wall_and_cpu_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--seeds", str(ROOT / "seeds"), "-o", str(tmp_path / "site"), "--timings"]) == 0
    table = capsys.readouterr().out.split("\nstage ")[1].splitlines()
    names = [line.split()[0] for line in table[1:]]
    assert names == ["load", "analyse", "assemble", "render", "search", "write", "total"]
    total = table[-1].split()
    assert float(total[1]) > 0 and float(total[2]) > 0

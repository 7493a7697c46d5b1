"""The output folder: only digest's own files are replaced, a site is switched in whole, and
a build stopped at any moment (Ctrl-C, SIGTERM, SIGKILL) or run beside another leaves the
old site or the new one, and nothing else."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import digest.build.analysis
import digest.build.write
from digest import cli
from digest.build.lock import claimed
from digest.build.pipeline import build
from digest.config import Config
from digest.errors import OutputError

from conftest import ROOT, load_generator
from sitecheck import stable_tree


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def interrupt_the_second_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the build's writing stop with Ctrl-C after it has written one file."""
    write = digest.build.write.write_file
    calls: list[Path] = []

    def interrupted(path: Path, file: Any) -> Path:
        calls.append(path)
        if len(calls) > 1:
            raise KeyboardInterrupt
        return write(path, file)

    monkeypatch.setattr("digest.build.write.write_file", interrupted)


def test_an_interrupted_rebuild_leaves_the_previous_site_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    out = tmp_path / "site"
    args = ["--seeds", str(seeds), "--out", str(out), "--quiet"]
    assert cli.main(args) == 0
    before = tree(out)
    edited = sorted(seeds.glob("*.txt"))[0]
    edited.write_text(edited.read_text() + "\n\nA new closing paragraph on the talks.\n")
    interrupt_the_second_write(monkeypatch)
    assert cli.main(args) == 130
    message = f"interrupted: the previous site in {out} was left as it was"
    assert capsys.readouterr().err.strip() == message
    assert tree(out) == before  # nor any half-written or pending file
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".digest-cache",
        ".site.lock",
        "seeds",
        "site",
    ]


def test_an_interrupted_first_build_leaves_no_site_and_no_staging_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    interrupt_the_second_write(monkeypatch)
    args = ["--seeds", str(ROOT / "seeds"), "--out", str(tmp_path / "site"), "--quiet"]
    assert cli.main(args) == 130
    assert sorted(p.name for p in tmp_path.iterdir()) == [".digest-cache", ".site.lock"]


def seed_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*.txt")}


@pytest.mark.parametrize(
    ("seeds", "extra", "message"),
    [
        ("site", [], "the output folder {site} is the seeds folder {site}"),
        ("site/inbox", [], "the output folder {site} holds the seeds folder {site}/inbox"),
        ("seeds", ["--cache-dir", "seeds/.cache"], "the seeds folder {root}/seeds holds the cache"),
        ("seeds", ["--cache-dir", "site/cache"], "the output folder {site} holds the cache"),
    ],
)
def test_folders_that_overlap_are_refused_before_anything_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], seeds: str, extra: list[str], message: str
) -> None:
    site = tmp_path / "site"
    assert cli.main(["--seeds", str(ROOT / "seeds"), "--out", str(site), "--quiet"]) == 0
    inbox = tmp_path / seeds
    inbox.mkdir(exist_ok=True)
    for name, data in seed_bytes(ROOT / "seeds").items():
        (inbox / name).write_bytes(data)
    before = seed_bytes(inbox)
    capsys.readouterr()
    args = ["--seeds", str(inbox), "--out", str(site), *extra]
    assert cli.main([arg.replace("seeds/", f"{tmp_path}/seeds/") for arg in args]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: " + message.format(site=site, root=tmp_path))
    assert len(error.strip().splitlines()) == 1
    assert seed_bytes(inbox) == before


def test_a_file_of_the_users_where_a_new_page_would_go_is_refused(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Talks resume\n\nDiplomats met on Monday.", encoding="utf-8")
    out = tmp_path / "site"
    build(Config(seeds=seeds, out=out, search=False))
    before = tree(out)
    (out / "articles" / "talks-stall").mkdir()
    (out / "articles" / "talks-stall" / "index.html").write_text("the user's page")
    (seeds / "b.txt").write_text("Talks stall\n\nDiplomats left on Tuesday.", encoding="utf-8")
    with pytest.raises(OutputError, match=r"articles/talks-stall/index\.html; move them away"):
        build(Config(seeds=seeds, out=out, search=False))
    assert tree(out) == {**before, "articles/talks-stall/index.html": b"the user's page"}


def test_an_article_keeps_its_url_when_a_file_with_the_same_title_is_added(
    tmp_path: Path,
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "b.txt").write_text("Talks resume\n\nDiplomats met on Monday.", encoding="utf-8")
    config = Config(seeds=seeds, out=tmp_path / "site", search=False)
    assert [a.slug for a in build(config).site.articles] == ["talks-resume"]
    (seeds / "a.txt").write_text("Talks resume\n\nA later report, from Friday.", encoding="utf-8")
    slugs = {a.source: a.slug for a in build(config).site.articles}
    assert slugs == {"b.txt": "talks-resume", "a.txt": "talks-resume-2"}
    assert slugs == {a.source: a.slug for a in build(config).site.articles}  # and stay


# --- builds stopped at any moment, and builds side by side --------------------------------

BUILD = [sys.executable, str(ROOT / "build.py")]
STOPS = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)


@pytest.fixture
def two_corpora(tmp_path: Path) -> tuple[list[Path], list[dict[str, bytes]]]:
    """Two versions of a small corpus (the second edits two articles, drops one and adds
    one), and the site of each as a cold build makes it (Pagefind's unstable files aside)."""
    first, second = tmp_path / "first", tmp_path / "second"
    files = load_generator().write_corpus(first, count=24)
    shutil.copytree(first, second)
    for path in files[:2]:
        edited = second / path.name
        edited.write_text(edited.read_text(encoding="utf-8") + "\nTalks went on.\n")
    (second / files[2].name).unlink()
    shutil.copy(files[3], second / "added.txt")
    (second / "added.txt").write_text("A new headline\n\n" + files[3].read_text(encoding="utf-8"))
    sites = []
    for number, corpus in enumerate((first, second)):
        build(Config(seeds=corpus, out=tmp_path / f"cold-{number}"))
        sites.append(stable_tree(tmp_path / f"cold-{number}"))
    return [first, second], sites


def start_build(seeds: Path, out: Path) -> subprocess.Popen[str]:
    """A build from the command line in a session of its own, so its processes are known."""
    command = [*BUILD, "--seeds", str(seeds), "--out", str(out), "--cache-dir", str(out) + "-cache"]
    return subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def living_processes(session: int) -> list[int]:
    """The processes of a session that are still running (not zombies waiting to be reaped)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":  # session id; state
            found.append(int(stat.parent.name))
    return found


def scratch_folders(out: Path) -> set[str]:
    return {p.name for p in out.parent.glob(f".{out.name}.new-*")}


def until_writing(process: subprocess.Popen[str]) -> float:
    """Wait until a build starts writing (its analysis is done); when that was."""
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("analyse:"):
            break
    return time.monotonic()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="lists processes in /proc")
def test_a_build_stopped_at_any_moment_leaves_the_old_site_or_the_new_one(
    tmp_path: Path, two_corpora: tuple[list[Path], list[dict[str, bytes]]]
) -> None:
    corpora, sites = two_corpora
    out = tmp_path / "site"
    assert start_build(corpora[0], out).wait() == 0
    process = start_build(corpora[1], out)
    started = until_writing(process)
    assert process.wait() == 0
    writing = time.monotonic() - started  # how long writing takes on this machine today
    chance = random.Random(19)
    outcomes: list[str] = []
    earlier: tuple[int, set[str]] | None = None
    for trial in range(24):
        before = stable_tree(out)
        target = 1 - sites.index(before)  # the other site
        process = start_build(corpora[target], out)
        until_writing(process)
        stop = STOPS[trial % len(STOPS)]
        try:
            process.communicate(timeout=chance.uniform(0, 1.2 * writing))
        except subprocess.TimeoutExpired:
            process.send_signal(stop)
            process.communicate(timeout=60)
        after = stable_tree(out)
        assert after in (before, sites[target]), f"trial {trial}: {stop.name} left a mixed site"
        outcomes.append("old" if after == before else "new")
        if earlier is not None:  # this build removed what the one before left, and waited
            session, left = earlier
            assert not living_processes(session) and not left & scratch_folders(out)
        earlier = (process.pid, scratch_folders(out))
    assert {"old", "new"} <= set(outcomes), outcomes  # stopped before the switch, and after
    assert start_build(corpora[0], out).wait() == 0
    assert stable_tree(out) == sites[0]
    assert earlier is not None and not living_processes(earlier[0]) and not scratch_folders(out)


def test_builds_into_one_folder_at_once_take_turns(
    tmp_path: Path, two_corpora: tuple[list[Path], list[dict[str, bytes]]]
) -> None:
    corpora, sites = two_corpora
    out = tmp_path / "site"
    for _ in range(2):
        with claimed(out.resolve(), lambda message: None):  # a build already at work
            processes = [start_build(corpus, out) for corpus in corpora]
            waiting = [first_line(process) for process in processes]
        errors = [process.communicate(timeout=120)[1] for process in processes]
        assert [process.returncode for process in processes] == [0, 0], errors
        assert all(line.startswith("waiting for another build into") for line in waiting)
        assert stable_tree(out) in sites


def first_line(process: subprocess.Popen[str]) -> str:
    """The first line a build prints on stderr."""
    assert process.stderr is not None
    return process.stderr.readline()


def gone(session: int, seconds: float = 20) -> bool:
    """Whether every process of a session has ended, waiting for them a while."""
    deadline = time.monotonic() + seconds
    while living_processes(session) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not living_processes(session)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="lists processes in /proc")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL])
def test_worker_processes_end_with_a_build_stopped_while_they_work(
    tmp_path: Path, stop: signal.Signals
) -> None:
    corpus = tmp_path / "corpus"
    load_generator().write_corpus(corpus, count=digest.build.analysis.PARALLEL_FROM * 2)
    process = subprocess.Popen(
        [*BUILD, "--seeds", str(corpus), "--out", str(tmp_path / "site"), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stderr is not None
    assert process.stderr.readline().startswith("load:")  # the workers start analysing
    while len(living_processes(process.pid)) < 4:  # the build, the fork server, two workers
        assert process.poll() is None
        time.sleep(0.01)
    process.send_signal(stop)
    assert process.wait(timeout=60) == (130 if stop == signal.SIGTERM else -stop)
    assert gone(process.pid)
    assert not (tmp_path / "site").exists() and not scratch_folders(tmp_path / "site")

"""digest installed as a user installs it: the `digest` command of a wheel, run from any folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

# What a copy of the checkout leaves out: history, environments, the npm tools, and what
# test runs leave behind anywhere; and at its top, what builds leave (src/digest/build and
# src/digest/site are the package's own).
ANYWHERE = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", ".digest-cache", "*.egg-info", "__pycache__", ".*_cache"
)
AT_THE_TOP = {"site", "build", "dist"}


def not_the_project(folder: str, names: list[str]) -> set[str]:
    """The names in a folder of the checkout that a copy of the project leaves out."""
    top = AT_THE_TOP & set(names) if Path(folder) == ROOT else set()
    return set(ANYWHERE(folder, names)) | top


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command with no PYTHONPATH (the suite's own may point at a checkout's src/)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done


def built_wheel(tmp_path: Path) -> Path:
    """The wheel pip builds from the package's sdist, as pip and pipx do when installing
    from a source archive; the sdist is made from a copy of the checkout, so nothing is
    written into the checkout."""
    source = tmp_path / "checkout"
    shutil.copytree(ROOT, source, symlinks=True, ignore=not_the_project)
    dist = tmp_path / "dist"
    run(
        sys.executable,
        "-c",
        "import sys, setuptools.build_meta as backend; backend.build_sdist(sys.argv[1])",
        dist,
        cwd=source,
    )
    (sdist,) = dist.glob("digest-*.tar.gz")
    wheels = tmp_path / "wheels"
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check")
    run(
        *pip,
        "wheel",
        sdist,
        "--no-deps",
        "--no-build-isolation",
        "--wheel-dir",
        wheels,
        cwd=tmp_path,
    )
    (wheel,) = wheels.glob("digest-*.whl")
    return wheel


def fresh_environment(tmp_path: Path, wheel: Path) -> Path:
    """A new virtual environment with the wheel installed; its bin folder."""
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    purelib = run(
        python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp_path
    )
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (Path(purelib.stdout.strip()) / "dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check", "--python", python)
    run(*pip, "install", "--no-deps", "--no-index", wheel, cwd=tmp_path)
    return venv / "bin"


@pytest.mark.slow
def test_the_installed_digest_command_builds_a_site_from_any_folder(tmp_path: Path) -> None:
    """Built and installed offline, here and in CI: the wheel is built without build
    isolation by the setuptools that the test extra installs, and installed with --no-deps
    into a fresh virtual environment whose `.pth` file puts this environment's
    site-packages after its own, for the dependencies. Nothing is downloaded, and `digest`
    itself comes from the wheel: a `.pth` file's folder is added to the path, but the
    `.pth` files in it (this environment's editable install of the checkout) are not read.
    """
    bin_folder = fresh_environment(tmp_path, built_wheel(tmp_path))
    project = tmp_path / "my-digest"
    (project / "seeds").mkdir(parents=True)
    for seed in sorted((ROOT / "seeds").glob("*.txt"))[:3]:
        shutil.copy(seed, project / "seeds")
    shutil.copy(FIXTURES / "web" / "harbour-review.html", project / "seeds")

    where = run(bin_folder / "python", "-c", "import digest; print(digest.__file__)", cwd=project)
    assert Path(where.stdout.strip()).is_relative_to(tmp_path / "venv")
    result = run(bin_folder / "digest", cwd=project)

    assert "4 files read, 4 articles, 0 skipped" in result.stdout
    site = project / "site"
    assert "<title>" in (site / "index.html").read_text(encoding="utf-8")
    assert len(list(site.glob("articles/*/index.html"))) == 4
    page = site / "articles" / "grain-ships-wait-as-insurers-weigh-the-black-sea-corridor"
    assert "Harbour Review" in (page / "index.html").read_text(encoding="utf-8")
    assert "{" in (site / "static" / "style.css").read_text(encoding="utf-8")

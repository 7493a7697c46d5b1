"""build(config) -> BuildReport: the stages in order (see stages), gathering everything
before writing; analyse(config) -> Site: the stages before rendering."""

from __future__ import annotations

from pathlib import Path

from ..config import Config, check_folders
from ..errors import Interrupted, StrictError
from ..models.indexes import Site
from ..models.outputs import BuildCounts, BuildReport
from ..problems import Problem, grouped
from ..read.load import check_seeds
from . import stages
from .cache import Cache
from .lock import claimed
from .marker import MARKER, read_marker
from .run import Progress, Tally, silent, started, uncounted
from .timing import Timer
from .write import Output, check_replaceable


def analyse(
    config: Config,
    progress: Progress = silent,
    timer: Timer | None = None,
    tally: Tally = uncounted,
    cache: Cache | None = None,
) -> Site:
    """Load, clean, extract, edit and tag every input file: all but rendering and writing."""
    check_seeds(config.seeds)
    with started(config, cache, progress, tally, timer) as run:
        inputs = stages.load(run)
        return stages.assemble(run, inputs, stages.analyse(run, inputs))


def build(
    config: Config,
    progress: Progress = silent,
    tally: Tally = uncounted,
    cache: Cache | None = None,
    problems: tuple[Problem, ...] = (),
    timer: Timer | None = None,
    search_later: bool = False,
) -> BuildReport:
    """Analyse every input file, then render the site and switch it into the output folder;
    time each stage (with the given timer, to have CPU times too). `problems` are those
    found before the build (the config file's, see load_config): reported with its own, and
    counted by --strict. `search_later` keeps the search shards of changed pages out of date
    for the next build to index (see site.generate.index_search). One build at a time writes into
    an output folder (see lock)."""
    out = config.out.resolve()
    preflight(config, out)
    output: Output | None = None
    try:
        with claimed(out, progress) as lock, started(config, cache, progress, tally, timer) as run:
            marker = read_marker(out)
            inputs = stages.load(run)
            analysis = stages.analyse(run, inputs)
            site = stages.assemble(run, inputs, analysis, marker, problems)
            if config.strict:
                refuse_problems(site)
            with stages.output(run, out, marker) as output:
                rendered, kept = stages.render(run, site, output)
                indexed, shards, stale = stages.search(run, site, output, lock, search_later)
                written = stages.write(run, site, output)
    except KeyboardInterrupt:
        raise Interrupted(what_is_left(config.out, output)) from None
    counts = BuildCounts(
        analysis.analysed, analysis.cached, rendered, kept, written, indexed, shards, stale
    )
    return BuildReport(site, config.out, tuple(run.timer.timings), tuple(output.kept), counts)


def preflight(config: Config, out: Path) -> None:
    """Refuse, before anything is read, an output folder the build would refuse to write
    (checked again when it writes) and a seeds folder that is not there: not after a
    long analysis."""
    check_folders(config)
    check_replaceable(out, read_marker(out))
    check_seeds(config.seeds)


def refuse_problems(site: Site) -> None:
    """With --strict, a warning or a skipped file stops the build before anything is
    written; the error lists every one, by kind."""
    count = len(site.skipped) + len(site.warnings)
    if count:
        skips = [f"  skipped {s.source}: {s.reason}" for s in site.skipped]
        listed = "".join(f"\n{line}" for line in [*skips, *grouped(site.warnings)])
        raise StrictError(f"--strict: {count} problems, so the site was not written:{listed}")


def what_is_left(out: Path, output: Output | None) -> str:
    """What an interrupted build leaves in its output folder, in words."""
    if output is not None and output.replaced:
        return f"the new site was already switched into {out}"
    if (out / MARKER).is_file():
        return f"the previous site in {out} was left as it was"
    return f"nothing was written to {out}"

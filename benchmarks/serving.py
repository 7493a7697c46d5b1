"""Time a rebuild after one edit while serving, as `build.py --serve` does it.

A serving process keeps its cache in memory between builds (see digest.serve), so its
rebuild skips starting Python, importing digest and reading the cache: the analogue of
`hugo server` rebuilding in memory. This script builds once with the cache folder given
(warm it with a build first), appends a sentence to one article, rebuilds, and prints the
rebuild's seconds.

    python benchmarks/serving.py SEEDS OUT CACHE ARTICLE
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from digest.build.cache import Cache
from digest.build.pipeline import build
from digest.config import load_config


def serving_rebuild_seconds(seeds: Path, out: Path, cache_dir: Path, article: Path) -> float:
    """Build as a serving process starts; then edit the article and time the rebuild."""
    config, _ = load_config(None, seeds=seeds, out=out, cache_dir=cache_dir)
    cache = Cache(config.cache_dir)
    build(config, cache=cache)
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\n\nEditors added this sentence while serving.\n", "utf-8")
    started = time.perf_counter()
    build(config, cache=cache)
    return time.perf_counter() - started


if __name__ == "__main__":
    print(f"{serving_rebuild_seconds(*map(Path, sys.argv[1:5])):.3f}")

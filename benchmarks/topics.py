"""Time topic discovery (`digest.analyse.topics.discover_topics`) on synthetic corpora.

Articles come from benchmarks/generate.py, built directly as records (each block of the
generated text a paragraph, the first its title) without running the reader: what is timed
is discovery alone, against the shipped taxonomy. The generated articles mix the same
sentences at random, so they share no subject; one in PLANTED_EVERY has every other
paragraph on a subject the taxonomy lacks, which discovery should find, with those
articles and no others.

A first run on a smaller corpus warms up what runs once per process; then the sizes take
turns, --repeat rounds, and each figure is the median: wall time and the process's CPU time
(discovery runs on one thread, so CPU time leaves out the time spent waiting for a core
another process holds). Prints the growth from the first size to the last, and the topics
found.

    python benchmarks/topics.py [--sizes 5000,20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from dataclasses import replace
from pathlib import Path

from generate import article

from digest.analyse.grouping import AGGLOMERATIVE_LIMIT
from digest.analyse.tagging import matchers
from digest.analyse.taxonomy import load_taxonomy
from digest.analyse.topics import discover_topics
from digest.models.article import Article
from digest.models.indexes import Topic

ROOT = Path(__file__).resolve().parent.parent
PLANTED_EVERY = 100
PLANTED = (
    ["The deported children", "The forced adoption of children", "Re-education camps"],
    ["has shocked", "will test", "could undermine", "is part of"],
    ["the arrest warrant", "families searching for missing minors", "the war crimes tribunal"],
)


def corpus(count: int, seed: int = 1) -> list[Article]:
    """`count` synthetic articles as records: the generated text's blocks as paragraphs;
    every PLANTED_EVERY-th article has every other paragraph on the planted subject."""
    rng = random.Random(seed)
    records = []
    for i in range(count):
        blocks = article(rng, i).strip().split("\n\n")
        record = Article(
            source=f"{i:06d}.txt",
            kind="article",
            title=blocks[0],
            title_source="text",
            authors=(),
            publisher=None,
            quoted=(),
            thesis="",
            claims=(),
            paragraphs=tuple(blocks[1:]),
            removed=(),
            slug=f"article-{i:06d}",
        )
        if planted(record):
            paragraphs = [_planted(rng) if n % 2 else p for n, p in enumerate(record.paragraphs)]
            record = replace(record, paragraphs=tuple(paragraphs))
        records.append(record)
    return records


def planted(record: Article) -> bool:
    """Tell whether the article has paragraphs on the planted subject."""
    return int(record.source[:6]) % PLANTED_EVERY == PLANTED_EVERY // 2


def _planted(rng: random.Random) -> str:
    return " ".join(
        " ".join(rng.choice(words) for words in PLANTED) + "." for _ in range(rng.randint(2, 5))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,20000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    compiled = matchers(load_taxonomy(ROOT / "themes.yaml"))
    sizes = [int(s) for s in args.sizes.split(",")]
    corpora = {size: corpus(size) for size in sizes}
    discover_topics(corpus(AGGLOMERATIVE_LIMIT + 500, seed=2), compiled)  # warm up
    wall: dict[int, list[float]] = {size: [] for size in sizes}
    cpu: dict[int, list[float]] = {size: [] for size in sizes}
    found: dict[int, tuple[Topic, ...]] = {}
    for _ in range(args.repeat):
        for size in sizes:
            started, started_cpu = time.perf_counter(), time.process_time()
            found[size] = discover_topics(corpora[size], compiled)
            wall[size].append(time.perf_counter() - started)
            cpu[size].append(time.process_time() - started_cpu)
    for size in sizes:
        words = sum(a.word_count for a in corpora[size])
        print(
            f"{size:>6} articles ({words:,} words): {statistics.median(wall[size]):.2f} s wall, "
            f"{statistics.median(cpu[size]):.2f} s CPU (medians of {args.repeat}), "
            f"{len(found[size])} topics"
        )
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        growth = [statistics.median(t[last]) / statistics.median(t[first]) for t in (wall, cpu)]
        print(
            f"growth {first:,} -> {last:,} articles ({last / first:.0f}x): "
            f"{growth[0]:.2f}x wall time, {growth[1]:.2f}x CPU time"
        )
    for size in sizes:
        records = {a.slug: a for a in corpora[size]}
        expected = sum(map(planted, corpora[size]))
        print(f"topics at {size:,} articles ({expected} with the planted subject):")
        for topic in found[size]:
            hits = sum(planted(records[slug]) for slug in topic.articles)
            print(
                f"  {topic.label}: {len(topic.articles)} articles, {hits} of them planted; "
                f"{', '.join(topic.phrases)}"
            )


if __name__ == "__main__":
    main()

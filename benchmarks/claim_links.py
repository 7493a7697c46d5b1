"""Time `digest.analyse.claim_links.link_claims` on synthetic articles at two sizes.

Each article has CLAIMS claims drawn from benchmarks/generate.py's sentence generator with
a seeded random.Random, so the same sizes always give the same corpus. The sentences come
from a small vocabulary: many claims are near-duplicates, the case the index cap is for.
Each run is a fresh process, so that one size's memory does not count in the next.
Prints, for each size, the median over --repeat runs of the seconds `link_claims` takes
and of the process's peak resident memory, how much of it linking added (the peak less the
resident memory with the articles built, before linking), the links made, and the growth
from the first size to the last.

    PYTHONPATH=src python benchmarks/claim_links.py [--sizes 5000,20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from generate import sentence

from digest.analyse.claim_links import MAX_LINKS, link_claims
from digest.models.article import Article, Claim

CLAIMS = 8  # claims per article


def articles(count: int, seed: int) -> list[Article]:
    """`count` articles of CLAIMS synthetic claims each."""
    rng = random.Random(seed)
    made = []
    for n in range(count):
        texts = tuple(sentence(rng) for _ in range(CLAIMS))
        claims = tuple(Claim(text, "assessment", i) for i, text in enumerate(texts))
        made.append(
            Article(
                source=f"{n:06d}.txt",
                kind="article",
                title=f"Article {n}",
                title_source="text",
                authors=(),
                publisher=None,
                quoted=(),
                thesis="",
                claims=claims,
                paragraphs=texts,
                removed=(),
                slug=f"article-{n:06d}",
            )
        )
    return made


def resident_mib() -> float:
    """The process's resident memory now."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure(count: int, seed: int) -> tuple[float, float, float, int]:
    """Seconds, peak resident MiB, MiB linking added, and links made, for one size."""
    corpus = articles(count, seed)
    before = resident_mib()
    started = time.perf_counter()
    linked = link_claims(corpus)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    links = [len(c.links) for a in linked for c in a.claims]
    assert max(links, default=0) <= MAX_LINKS
    return seconds, peak, peak - before, sum(links)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,20000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    times = []
    for count in sizes:
        runs = [fresh_run(count, args.seed) for _ in range(args.repeat)]
        seconds, peak, added = (statistics.median(r[i] for r in runs) for i in range(3))
        times.append(seconds)
        print(
            f"{count:>6} articles ({count * CLAIMS} claims): {seconds:6.1f} s, "
            f"peak RSS {peak:5.0f} MiB ({added:+5.0f} MiB linking), {runs[0][3]} links "
            f"(runs: {', '.join(f'{r[0]:.1f}' for r in runs)} s)",
            flush=True,
        )
    if len(times) > 1:
        print(f"growth {sizes[0]} -> {sizes[-1]} articles: {times[-1] / times[0]:.2f}x time")


def fresh_run(count: int, seed: int) -> tuple[float, float, float, int]:
    """`measure` in a process of its own."""
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as fresh:
        return fresh.submit(measure, count, seed).result()


if __name__ == "__main__":
    main()

"""Time the cross-article stage (people, claim links, topics, related articles) at scale.

Articles are built as the reader would leave them, without reading files: paragraphs of
benchmarks/generate.py's sentences, eight of them as claims, two or three quoted people with
a statement each (names drawn from a pool, so people recur across articles under a few
spellings), two or three themes. `assemble` then does everything a build does across
articles. Each size is timed in a fresh process (the median of --repeat runs), with the
peak memory of the process; scikit-learn is imported before the clock starts (about a
second, which a build that finds links or topics again pays once).

    python benchmarks/across.py [--sizes 5000,20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path

from generate import FIRST, LAST, SUBJECTS, sentence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from digest.analyse.taxonomy import load_taxonomy  # noqa: E402
from digest.models.article import Article, Author, Claim, Quoted, ThemeHit  # noqa: E402
from digest.site.assemble import assemble  # noqa: E402

SPELLINGS = ("{first} {last}", "{last}", "Dr {first} {last}")


def synthetic_article(rng: random.Random, index: int, theme_ids: list[str]) -> Article:
    """One article as the reader leaves it."""
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(10)]
    claims = []
    for _ in range(8):
        paragraph = rng.randrange(len(paragraphs))
        text = paragraphs[paragraph].split(". ")[0].rstrip(".") + "."
        claims.append(Claim(text, rng.choice(["fact", "forecast", "assessment"]), paragraph))
    quoted = []
    for _ in range(rng.randint(2, 3)):
        first, last = rng.choice(FIRST.split()), rng.choice(LAST.split())
        name = rng.choice(SPELLINGS).format(first=first, last=last)
        statement = f"{sentence(rng)[:-1]}, {name} said."
        paragraphs.append(statement)
        quoted.append(Quoted(name, "a senior fellow", statements=(statement,)))
    author = f"{rng.choice(FIRST.split())} {rng.choice(LAST.split())}"
    themes = tuple(
        ThemeHit(theme, theme, round(rng.uniform(0.3, 1.0), 2), ())
        for theme in rng.sample(theme_ids, rng.randint(2, 3))
    )
    return Article(
        source=f"{index:06d}.txt",
        kind="article",
        title=f"{rng.choice(SUBJECTS)} ({index})",
        title_source="text",
        authors=(Author(author),),
        publisher=None,
        quoted=tuple(quoted),
        thesis=claims[0].text,
        claims=tuple(claims),
        paragraphs=tuple(paragraphs),
        removed=(),
        themes=themes,
        date=f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
    )


def time_one(count: int) -> dict[str, float]:
    """Assemble `count` synthetic articles in this process: seconds and peak memory (MB)."""
    taxonomy = load_taxonomy(ROOT / "themes.yaml")
    theme_ids = [t.id for t in taxonomy.themes]
    rng = random.Random(1)
    articles = [synthetic_article(rng, i, theme_ids) for i in range(count)]
    # scikit-learn takes a second to import, whatever the size: not timed
    importlib.import_module("digest.analyse.claim_links")
    importlib.import_module("digest.analyse.topics")
    start = time.perf_counter()
    site = assemble(articles, (), taxonomy)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    links = sum(len(c.links) for a in site.articles for c in a.claims)
    return {"seconds": seconds, "peak_mb": peak, "people": len(site.people), "links": links}


def report(sizes: list[int], repeat: int) -> None:
    """Time each size in fresh processes and print the medians and the growth."""
    medians = {}
    for size in sizes:
        runs = [
            json.loads(
                subprocess.run(
                    [sys.executable, __file__, "--one", str(size)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )
            for _ in range(repeat)
        ]
        medians[size] = statistics.median(r["seconds"] for r in runs)
        peak = max(r["peak_mb"] for r in runs)
        print(
            f"{size:>6} articles: {medians[size]:.2f} s (median of {len(runs)}), "
            f"peak {peak:.0f} MB, {runs[0]['people']} people, {runs[0]['links']} claim links"
        )
    for small, large in pairwise(sizes):
        ratio = medians[large] / medians[small]
        print(f"growth {small} -> {large} ({large / small:.0f}x the articles): {ratio:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,20000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child's single run
    args = parser.parse_args()
    if args.one:
        print(json.dumps(time_one(args.one)))
        return
    report([int(s) for s in args.sizes.split(",")], args.repeat)


if __name__ == "__main__":
    main()

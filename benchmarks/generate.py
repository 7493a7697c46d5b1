"""Write a seeded synthetic corpus of scraped-looking articles for benchmarks.

Each file looks like what a scraper saves: sometimes a section label, a headline, a byline,
paragraphs of sentences drawn from the themes' vocabulary, ad markers and captions between
paragraphs, a copyright line and a sign-off bio. Lengths vary around 6 KB. The same seed
and count always give the same files.

    python benchmarks/generate.py OUT_DIR [--count N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FIRST = "Anna Boris Carla Dmytro Elena Farid Greta Hassan Irina Jonas Kateryna Lukas Maria Nikolai"
LAST = "Adams Bondarenko Costa Dvorak Evans Fischer Garcia Horvat Ivanova Jensen Kowalski Larsen"
INSTITUTES = [
    "the Atlantic Policy Institute",
    "the Center for Eastern Studies",
    "the European Security Forum",
    "the Institute for Strategic Affairs",
]
OUTLETS = ["The Daily Ledger", "World Affairs Review", "Policy Monitor", "The Evening Post"]
SUBJECTS = [
    "The ceasefire talks",
    "NATO's eastern flank",
    "Ukraine's incursion into the Kursk region",
    "The Alaska summit",
    "Military aid from Washington",
    "Sanctions on Russian oil",
    "Security guarantees for Kyiv",
    "The front line in Donetsk",
    "Energy infrastructure",
    "EU accession talks",
    "The negotiations in Riyadh",
    "Nuclear deterrence",
]
VERBS = [
    "will shape",
    "has complicated",
    "could decide",
    "is unlikely to change",
    "should inform",
    "must not distract from",
    "has strengthened",
    "may weaken",
]
OBJECTS = [
    "the course of the war",
    "the prospects for a negotiated settlement",
    "Europe's security architecture",
    "the balance on the battlefield",
    "the alliance's credibility",
    "Moscow's calculations",
    "the next round of talks",
    "the debate in Congress",
]
TAILS = [
    "according to officials in Kyiv",
    "as diplomats acknowledged on Monday",
    "despite repeated warnings",
    "in the view of most analysts",
    "while the fighting continues",
    "after months of stalemate",
]
BOILERPLATE = ["[ad_1]", "Advertisement", "Photo: Reuters", "Story continues below", "* * *"]


def sentence(rng: random.Random) -> str:
    """One sentence built from the vocabulary."""
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.6:
        text += f", {rng.choice(TAILS)}"
    if rng.random() < 0.3:
        percent = rng.randint(2, 95)
        text += f", with {percent} percent of the {rng.choice(['aid', 'front', 'budget'])}"
    return text + "."


def article(rng: random.Random, index: int) -> str:
    """One scraped article: headline, byline, body with furniture, copyright and bio."""
    author = f"{rng.choice(FIRST.split())} {rng.choice(LAST.split())}"
    lines = ["Opinion"] if rng.random() < 0.3 else []
    lines += [f"{rng.choice(SUBJECTS)} and the stakes for {rng.choice(OBJECTS)} ({index})"]
    lines += [f"By {author}"] if rng.random() < 0.8 else []
    for _ in range(rng.randint(8, 22)):
        lines.append(" ".join(sentence(rng) for _ in range(rng.randint(2, 5))))
        if rng.random() < 0.15:
            lines.append(rng.choice(BOILERPLATE))
    if rng.random() < 0.7:
        lines.append(f"Copyright: {rng.choice(OUTLETS)} 2025")
    lines.append(f"{author} is a senior fellow at {rng.choice(INSTITUTES)}.")
    return "\n\n".join(lines) + "\n"


def write_corpus(out: Path, count: int, seed: int = 1) -> list[Path]:
    """Write `count` articles into `out`; return their paths."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = out / f"{i:06d}.txt"
        path.write_text(article(rng, i), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.count, args.seed)
    size = sum(p.stat().st_size for p in paths)
    average = size / len(paths) / 1024
    print(f"wrote {len(paths)} articles, {average:.1f} KB on average, to {args.out}")


if __name__ == "__main__":
    main()

"""Print per-field accuracy of the extractor on the seeds: `python tests/accuracy.py`.

Builds the seeds into a temporary folder and scores each record against
tests/seed_expectations.yaml with the same checks the test suite uses.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from digest.config import Config  # noqa: E402
from digest.pipeline import build  # noqa: E402

from expectations import LOADER_CHECKS, TAGGER_CHECKS, load_expectations  # noqa: E402


def main() -> int:
    """Build the seeds, score every field, print a table; exit 1 if any check fails."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        build(Config(seeds=ROOT / "seeds", out=out))
        records = {
            r["source"]: r for r in json.loads((out / "data/articles.json").read_text())["articles"]
        }
    expectations = load_expectations()
    failures = 0
    print(f"{'field':<10} {'correct':>8}")
    for field, check in (LOADER_CHECKS | TAGGER_CHECKS).items():
        problems = {e["file"]: check(records[e["file"]], e) for e in expectations}
        correct = sum(1 for p in problems.values() if not p)
        failures += len(expectations) - correct
        print(f"{field:<10} {correct:>3}/{len(expectations)}")
        for source, found in problems.items():
            for problem in found:
                print(f"    {source}: {problem}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

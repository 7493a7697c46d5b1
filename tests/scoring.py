"""Score extracted records against what a careful reader extracts (the annotation guide).

One scorer per field, each giving a score in 0..1 for one file and the problems behind it,
or None when the gold does not score the field for that file (no quoted person, no drop
line). A field's accuracy is its mean over the files it scores. The seeds
(tests/seed_expectations.yaml) and the corpus (tests/corpus/gold.yaml) share these
scorers; the seeds carry `claims_include` (texts) where the corpus carries `claims` (texts
with kinds), and `affiliation_has` on quoted experts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from digest.text import fold

TESTS = Path(__file__).resolve().parent
SEED_GOLD = TESTS / "seed_expectations.yaml"
CORPUS = TESTS / "corpus"
CORPUS_GOLD = CORPUS / "gold.yaml"
Record = dict[str, Any]
DERIVED_TITLE_CHARS = (8, 90)
# A drop line shorter than this (folded) counts as left in the body only when a paragraph
# is that line: a label such as "Events" or "Blog" may stand inside a body sentence.
WHOLE_LINE_BELOW = 25


@dataclass(frozen=True)
class Score:
    """One file's score for one field, and what was wrong."""

    value: float
    problems: tuple[str, ...] = ()


Scorer = Callable[[Record, Record], Score | None]


def load_gold(path: Path) -> list[Record]:
    """The gold entries of a file, one per text."""
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def _contains(haystack: str, needle: str) -> bool:
    return fold(needle) in fold(haystack)


def either_contains(a: str, b: str) -> bool:
    return bool(fold(a)) and bool(fold(b)) and (_contains(a, b) or _contains(b, a))


def _all_or_nothing(problems: list[str]) -> Score:
    return Score(0.0 if problems else 1.0, tuple(problems))


def score_kind(record: Record, gold: Record) -> Score:
    return _all_or_nothing(
        [] if record["kind"] == gold["kind"] else [f"kind {record['kind']!r} != {gold['kind']!r}"]
    )


def score_title(record: Record, gold: Record) -> Score:
    """The headline as printed; with no headline, a derived one that reads as a headline."""
    title = record["title"]
    if gold["title"] is not None:
        ok = " ".join(title.split()) == " ".join(gold["title"].split())
        ok = ok and record["title_source"] == "text"
        return _all_or_nothing([] if ok else [f"title {title!r} != {gold['title']!r}"])
    problems = []
    if record["title_source"] != "derived":
        problems.append(f"title {title!r} should be derived: the text prints no headline")
    low, high = DERIVED_TITLE_CHARS
    if not low <= len(title) <= high:
        problems.append(f"derived title has {len(title)} characters ({low} to {high} allowed)")
    if any(fold(title) == fold(line) for line in gold.get("drop", [])):
        problems.append(f"derived title {title!r} is a boilerplate line")
    if not _contains(" ".join(record["paragraphs"]), title.rstrip("…")):
        problems.append(f"derived title {title!r} is not from the article body")
    return _all_or_nothing(problems)


def score_authors(record: Record, gold: Record) -> Score:
    """The writers' names (extra and missing names both count) and their bios' phrases."""
    got = {fold(a["name"]): a for a in record["authors"]}
    want = {fold(a["name"]): a for a in gold["authors"]}
    if not want:
        return _all_or_nothing([f"authors {sorted(got)} invented"] if got else [])
    shared = set(got) & set(want)
    names = len(shared) / max(len(got), len(want))
    phrases = [(key, p) for key in shared for p in want[key].get("bio_has") or []]
    missing = [
        f"bio of {key} lacks {p!r}" for key, p in phrases if not _contains(got[key]["bio"], p)
    ]
    bios = 1 - len(missing) / len(phrases) if phrases else 1.0
    problems = [] if set(got) == set(want) else [f"authors {sorted(got)} != {sorted(want)}"]
    return Score(names * bios, tuple(problems + missing))


def score_quoted(record: Record, gold: Record) -> Score | None:
    """Recall of the people whose words or views the piece reports; never an author."""
    want = gold.get("quoted") or []
    if not want:
        return None
    got = {fold(q["name"]): q for q in record["quoted"]}
    problems = []
    found = 0.0
    for person in want:
        match = got.get(fold(person["name"]))
        if match is None:
            problems.append(f"{person['name']} not among the quoted")
            continue
        affiliation = person.get("affiliation_has")
        if affiliation and not _contains(match.get("affiliation") or "", affiliation):
            problems.append(f"affiliation of {person['name']} lacks {affiliation!r}")
            found += 0.5
            continue
        found += 1
    authors = {fold(a["name"]) for a in record["authors"]}
    problems += [f"author {name} listed as quoted" for name in sorted(set(got) & authors)]
    return Score(found / len(want) * (0.0 if set(got) & authors else 1.0), tuple(problems))


def score_publisher(record: Record, gold: Record) -> Score:
    got, want = record["publisher"], gold["publisher"]
    ok = (got is None and want is None) or (got and want and fold(got) == fold(want))
    return _all_or_nothing([] if ok else [f"publisher {got!r} != {want!r}"])


def score_thesis(record: Record, gold: Record) -> Score:
    ok = any(either_contains(record["thesis"], option) for option in gold["thesis_any_of"])
    return _all_or_nothing([] if ok else [f"thesis {record['thesis']!r} is none of the gold"])


def _gold_claims(gold: Record) -> list[Record]:
    if "claims" in gold:
        return list(gold["claims"])
    return [{"text": text, "kind": None} for text in gold.get("claims_include", [])]


def _matching_claim(record: Record, text: str) -> Record | None:
    return next((c for c in record["claims"] if either_contains(c["text"], text)), None)


def score_claims(record: Record, gold: Record) -> Score | None:
    """Recall of the key claims a reader expects among the record's claims."""
    wanted = _gold_claims(gold)
    if not wanted:
        return None
    missing = [c["text"] for c in wanted if _matching_claim(record, c["text"]) is None]
    problems = [f"no claim matches {text!r}" for text in missing]
    count = len(record["claims"])
    if "claims_include" in gold and not 5 <= count <= 12:
        problems.append(f"{count} claims, not 5 to 12")
    return Score(1 - len(missing) / len(wanted), tuple(problems))


def score_claim_kinds(record: Record, gold: Record) -> Score | None:
    """Of the expected claims that were found, the share typed as the reader types them."""
    typed = []
    for claim in _gold_claims(gold):
        match = _matching_claim(record, claim["text"])
        if match is not None and claim["kind"] is not None:
            typed.append((claim, match["kind"]))
    if not typed:
        return None
    problems = [
        f"{c['text'][:60]!r} typed {kind}, not {c['kind']}"
        for c, kind in typed
        if kind != c["kind"]
    ]
    return Score(1 - len(problems) / len(typed), tuple(problems))


def score_themes(record: Record, gold: Record) -> Score:
    """Every theme that applies and none that must not (a file is right or wrong)."""
    got = {t["id"] for t in record["themes"]}
    missing = sorted(set(gold.get("themes") or []) - got)
    wrong = sorted(set(gold.get("not_themes") or []) & got)
    return _all_or_nothing(
        [f"missing themes {missing}"] * bool(missing) + [f"wrong themes {wrong}"] * bool(wrong)
    )


def in_body(line: str, paragraphs: list[str]) -> bool:
    """Tell whether a line stands in the cleaned body (as a paragraph, or inside one)."""
    key = fold(line)
    if not key:
        return any(p.strip() == line.strip() for p in paragraphs)
    if len(key) < WHOLE_LINE_BELOW:
        return any(fold(p) == key for p in paragraphs)
    return any(key in fold(p) for p in paragraphs)


def score_drop(record: Record, gold: Record) -> Score | None:
    """The share of boilerplate lines kept out of the body."""
    lines = gold.get("drop") or []
    if not lines:
        return None
    left = [line for line in lines if in_body(line, record["paragraphs"])]
    return Score(1 - len(left) / len(lines), tuple(f"left in the body: {x!r}" for x in left))


def score_keep(record: Record, gold: Record) -> Score | None:
    """The share of body sentences a reader needs that stayed in the body."""
    lines = gold.get("keep") or []
    if not lines:
        return None
    body = " ".join(record["paragraphs"])
    lost = [line for line in lines if not _contains(body, line)]
    return Score(1 - len(lost) / len(lines), tuple(f"lost from the body: {x!r}" for x in lost))


SCORERS: dict[str, Scorer] = {
    "kind": score_kind,
    "title": score_title,
    "authors": score_authors,
    "quoted": score_quoted,
    "publisher": score_publisher,
    "thesis": score_thesis,
    "claims": score_claims,
    "claim kinds": score_claim_kinds,
    "themes": score_themes,
    "drop": score_drop,
    "keep": score_keep,
}


def field_scores(records: dict[str, Record], gold: list[Record]) -> dict[str, dict[str, Score]]:
    """Each field's score on each file that scores it: {field: {file: score}}."""
    table: dict[str, dict[str, Score]] = {}
    for field, scorer in SCORERS.items():
        table[field] = {}
        for entry in gold:
            score = scorer(records[entry["file"]], entry)
            if score is not None:
                table[field][entry["file"]] = score
    return table


def accuracy(scores: dict[str, Score]) -> float | None:
    """A field's mean score over the files it scores."""
    return sum(s.value for s in scores.values()) / len(scores) if scores else None

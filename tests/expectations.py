"""Check extracted records against a reader's expectations (tests/seed_expectations.yaml).

Shared by the seed tests and by `python tests/accuracy.py`, which prints per-field accuracy.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from digest.text import fold

EXPECTATIONS = Path(__file__).with_name("seed_expectations.yaml")
Record = dict[str, Any]
Problems = list[str]


def load_expectations(path: Path = EXPECTATIONS) -> list[Record]:
    """The expectation entries, one per seed file."""
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def _contains(haystack: str, needle: str) -> bool:
    return fold(needle) in fold(haystack)


def check_kind(record: Record, exp: Record) -> Problems:
    return [] if record["kind"] == exp["kind"] else [f"kind {record['kind']!r} != {exp['kind']!r}"]


def check_title(record: Record, exp: Record) -> Problems:
    if exp["title"] is not None:
        ok = record["title"] == exp["title"] and record["title_source"] == "text"
        return [] if ok else [f"title {record['title']!r} != {exp['title']!r}"]
    problems = []
    if record["title_source"] != "derived":
        problems.append(f"title {record['title']!r} should be derived, not from the text")
    if not 0 < len(record["title"]) <= 90:
        problems.append(f"derived title has {len(record['title'])} characters (1 to 90 allowed)")
    body = " ".join(record["paragraphs"])
    if not _contains(body, record["title"].rstrip("…")):
        problems.append(f"derived title {record['title']!r} is not from the article body")
    return problems


def check_authors(record: Record, exp: Record) -> Problems:
    got = {fold(a["name"]): a for a in record["authors"]}
    want = {fold(a["name"]): a for a in exp["authors"]}
    if set(got) != set(want):
        return [f"authors {sorted(got)} != {sorted(want)}"]
    return [
        f"bio of {a['name']} lacks {phrase!r}"
        for key, a in want.items()
        for phrase in a.get("bio_has", [])
        if not _contains(got[key]["bio"], phrase)
    ]


def check_quoted(record: Record, exp: Record) -> Problems:
    got = {fold(q["name"]): q for q in record["quoted"]}
    want = {fold(q["name"]): q for q in exp["quoted"]}
    if set(got) != set(want):
        return [f"quoted {sorted(got)} != {sorted(want)}"]
    return [
        f"affiliation of {q['name']} lacks {q['affiliation_has']!r}"
        for key, q in want.items()
        if not _contains(got[key]["affiliation"], q["affiliation_has"])
    ]


def check_publisher(record: Record, exp: Record) -> Problems:
    ok = record["publisher"] == exp["publisher"]
    return [] if ok else [f"publisher {record['publisher']!r} != {exp['publisher']!r}"]


def check_thesis(record: Record, exp: Record) -> Problems:
    ok = any(_contains(record["thesis"], option) for option in exp["thesis_any_of"])
    return [] if ok else [f"thesis {record['thesis']!r} is none of the expected sentences"]


def check_claims(record: Record, exp: Record) -> Problems:
    claims = [c["text"] for c in record["claims"]]
    problems = [] if 5 <= len(claims) <= 12 else [f"{len(claims)} claims, not 5 to 12"]
    return problems + [
        f"no claim contains {wanted!r}"
        for wanted in exp["claims_include"]
        if not any(_contains(c, wanted) or _contains(wanted, c) for c in claims)
    ]


def check_drop(record: Record, exp: Record) -> Problems:
    return [
        f"boilerplate left in the body: {line!r}"
        for line in exp["drop"]
        if any(_contains(p, line) for p in record["paragraphs"])
    ]


def check_themes(record: Record, exp: Record) -> Problems:
    got = {t["id"] for t in record["themes"]}
    missing = sorted(set(exp.get("themes", [])) - got)
    wrong = sorted(set(exp.get("not_themes", [])) & got)
    return [f"missing themes {missing}"] * bool(missing) + [f"wrong themes {wrong}"] * bool(wrong)


LOADER_CHECKS: dict[str, Callable[[Record, Record], Problems]] = {
    "kind": check_kind,
    "title": check_title,
    "authors": check_authors,
    "quoted": check_quoted,
    "publisher": check_publisher,
    "thesis": check_thesis,
    "claims": check_claims,
    "drop": check_drop,
}


TAGGER_CHECKS: dict[str, Callable[[Record, Record], Problems]] = {"themes": check_themes}

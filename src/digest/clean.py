"""SourceDoc -> CleanDoc: split into lines, give each line its role, mark the furniture.

A line the rules of `extract.furniture` name (by itself or among its neighbours) leaves the
body with the rule's reason; the line-role model (`extract.roles`) judges the others, from
the evidence of `extract.lines`. Headlines, bylines and bios stay for `extract` to read. The
rules that depend on the whole article (title, bios, teasers after its end) live there.
"""

from __future__ import annotations

from .extract.dates import split_stamp
from .extract.furniture import apply_context_rules, boilerplate_reason
from .extract.lines import Features, line_features
from .extract.structure import is_title_like, title_case_headline
from .extract.roles import READ_ROLES, ROLE_REASONS, RoleModel, assign_roles, shipped_model
from .models import Block, CleanDoc, SourceDoc
from .text import fold, split_paragraphs

# When the rules would remove more than this share of a document's characters, a rule is
# misfiring on prose: keep the document whole and say so (trafilatura's backup, in spirit).
MAX_REMOVED_SHARE = 0.9


def clean(doc: SourceDoc, model: RoleModel | None = None) -> CleanDoc:
    """Split a SourceDoc into blocks, give each line its role, and mark boilerplate and
    repeated lines with reasons. `model` weighs the lines' evidence (the shipped one by
    default)."""
    date, paragraphs, rules, features = read_lines(doc.text)
    roles = assign_roles(features, model or shipped_model(), [is_title_like(p) for p in paragraphs])
    if "headline" not in roles:
        first = next((i for i, rule in enumerate(rules) if rule is None), None)
        if first is not None and title_case_headline(paragraphs, first):
            roles[first] = "headline"
    reasons = [
        rule or (None if role in READ_ROLES else ROLE_REASONS[role])
        for rule, role in zip(rules, roles, strict=True)
    ]
    reasons = _mark_repeats(paragraphs, apply_context_rules(paragraphs, reasons), rules)
    blocks = [Block(p, reason, role) for p, reason, role in zip(paragraphs, reasons, roles, strict=True)]
    warnings = doc.warnings
    if _removed_share(blocks) > MAX_REMOVED_SHARE:
        blocks = [Block(p) for p in paragraphs]
        warnings += ("cleaning rules matched nearly all of the text; kept it unchanged",)
    return CleanDoc(source=doc.source, blocks=tuple(blocks), warnings=warnings, date=date)


def read_lines(text: str) -> tuple[str | None, list[str], list[str | None], list[Features]]:
    """A text as `clean` reads it: the date of its scraper stamp, its lines, the reason of
    the line rule each matches, and each line's features."""
    date, text = split_stamp(text)
    paragraphs = split_paragraphs(text)
    rules = [boilerplate_reason(p) for p in paragraphs]
    return date, paragraphs, rules, line_features(paragraphs, rules)


def _mark_repeats(
    lines: list[str], reasons: list[str | None], rules: list[str | None]
) -> list[str | None]:
    """Keep the first of each repeated line that is read (a duplicated title or lede) and
    mark the later ones "duplicate", whatever the model made of them; a line a rule names
    keeps the rule's reason."""
    seen: set[str] = set()
    result: list[str | None] = []
    for line, reason, rule in zip(lines, reasons, rules, strict=True):
        key = fold(line)
        if key in seen and rule is None:
            reason = "duplicate"
        elif reason is None:
            seen.add(key)
        result.append(reason)
    return result


def _removed_share(blocks: list[Block]) -> float:
    total = sum(len(b.text) for b in blocks)
    removed = sum(len(b.text) for b in blocks if not b.is_body and b.reason != "duplicate")
    return removed / total if total else 0.0

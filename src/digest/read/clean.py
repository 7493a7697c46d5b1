"""SourceDoc -> CleanDoc: split into lines, give each line its role, mark the furniture.

A line the rules of `extract.line_rules` or `extract.context_rules` name (by itself or among
its neighbours) leaves the body with the rule's reason; the line-role model (`extract.roles`)
judges the others, from the evidence of `extract.lines`. Headlines, bylines and bios stay for
`extract` to read. The rules that depend on the whole article (title, bios, teasers after its
end) live there.
"""

from __future__ import annotations

from collections import Counter

from ..models.documents import Block, CleanDoc, SourceDoc
from ..problems import Problem
from ..text import fold, split_paragraphs
from .extract.context_rules import apply_context_rules
from .extract.dates import split_stamp
from .extract.fused_lines import split_fused_lines
from .extract.line_rules import boilerplate_reason
from .extract.line_shape import shape
from .extract.lines import Features, line_features
from .extract.model import LinearModel
from .extract.people import is_byline, parse_name_line
from .extract.roles import READ_ROLES, ROLE_REASONS, Role, assign_roles, shipped_model
from .extract.structure import is_title_like, title_case_headline
from .reasons import DUPLICATE, RemovalReason

# When the rules would remove more than this share of a document's characters, a rule is
# misfiring on prose: keep the document whole and say so (trafilatura's backup, in spirit).
MAX_REMOVED_SHARE = 0.9


def clean(doc: SourceDoc, model: LinearModel | None = None) -> CleanDoc:
    """Split a SourceDoc into blocks, give each line its role, and mark boilerplate and
    repeated lines with reasons. `model` weighs the lines' evidence (the shipped one by
    default)."""
    date, paragraphs, rules, features = read_lines(doc.text)
    roles = assign_roles(features, model or shipped_model(), [is_title_like(p) for p in paragraphs])
    roles = _with_bylines(paragraphs, rules, _with_headline(paragraphs, rules, roles))
    reasons = [
        rule or (None if role in READ_ROLES else ROLE_REASONS[role])
        for rule, role in zip(rules, roles, strict=True)
    ]
    reasons = _mark_repeats(paragraphs, apply_context_rules(paragraphs, reasons), rules)
    blocks = [
        Block(p, reason, role) for p, reason, role in zip(paragraphs, reasons, roles, strict=True)
    ]
    warnings = doc.warnings
    if _removed_share(blocks) > MAX_REMOVED_SHARE:
        blocks = [Block(p) for p in paragraphs]
        message = "cleaning rules matched nearly all of the text; kept it unchanged"
        warnings += (Problem(doc.source, None, "kept-whole", message),)
    return CleanDoc(source=doc.source, blocks=tuple(blocks), warnings=warnings, date=date)


def read_lines(
    text: str,
) -> tuple[str | None, list[str], list[RemovalReason | None], list[Features | None]]:
    """A text as `clean` reads it: the date of its scraper stamp, its lines, the reason of
    the line rule each matches, and the features of each line the model judges."""
    date, text = split_stamp(text)
    paragraphs = split_fused_lines(split_paragraphs(text))
    rules = [boilerplate_reason(p) for p in paragraphs]
    return date, paragraphs, rules, line_features(paragraphs, rules)


def _with_headline(
    lines: list[str], rules: list[RemovalReason | None], roles: list[Role]
) -> list[Role]:
    """The roles, with a headline by shape where the model saw none: a first line that is
    one short sentence in Title Case above longer text."""
    if "headline" in roles:
        return roles
    first = next((i for i, rule in enumerate(rules) if rule is None), None)
    if first is None or not title_case_headline(lines, first):
        return roles
    return [*roles[:first], "headline", *roles[first + 1 :]]


def _with_bylines(
    lines: list[str], rules: list[RemovalReason | None], roles: list[Role]
) -> list[Role]:
    """The roles, with every byline a reader names by pattern: a "By X" or "Author: X" line
    anywhere (an organisation's too); above the text, below the headline (if there is one),
    a line that is only a writer's name and that the page does not repeat."""
    result = list(roles)
    counts = Counter(lines)
    if "headline" in roles:
        headline = roles.index("headline")
        if counts[lines[headline]] == 1 and parse_name_line(lines[headline]):
            result[headline] = "byline"  # a name alone is a writer, unless the page repeats it
    top = result.index("headline") + 1 if "headline" in result else 0
    text_starts = next((i for i in range(top, len(lines)) if shape(lines[i]).prose), len(lines))
    for i, line in enumerate(lines):
        if rules[i] or result[i] in ("headline", "byline"):
            continue
        named = top <= i < text_starts and counts[line] == 1 and parse_name_line(line)
        if is_byline(line) or named:
            result[i] = "byline"
    return result


def _mark_repeats(
    lines: list[str], reasons: list[RemovalReason | None], rules: list[RemovalReason | None]
) -> list[RemovalReason | None]:
    """Keep the first of each repeated line that is read (a duplicated title or lede) and
    mark the later ones "duplicate", whatever the model made of them; a line a rule names
    keeps the rule's reason."""
    seen: set[str] = set()
    result: list[RemovalReason | None] = []
    for line, reason, rule in zip(lines, reasons, rules, strict=True):
        key = fold(line)
        if key in seen and rule is None:
            reason = DUPLICATE
        elif reason is None:
            seen.add(key)
        result.append(reason)
    return result


def _removed_share(blocks: list[Block]) -> float:
    total = sum(len(b.text) for b in blocks)
    removed = sum(len(b.text) for b in blocks if not b.is_body and b.reason != DUPLICATE)
    return removed / total if total else 0.0

"""SourceDoc -> CleanDoc: split into paragraphs and mark the line-level boilerplate.

Each rule is a named, ordered entry saying what it matches and why (as trafilatura and Pelican
keep their rule lists). Rules look at one paragraph at a time; the rules that depend on where
a paragraph stands (title, bios, teasers after the end of the article) live in `extract`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Block, CleanDoc, SourceDoc
from .text import fold, split_paragraphs


@dataclass(frozen=True, slots=True)
class LineRule:
    """A boilerplate pattern: the reason recorded for a match, and why it is boilerplate."""

    reason: str
    why: str
    pattern: re.Pattern[str]
    max_chars: int  # longer paragraphs are prose that merely mentions the pattern

    def matches(self, paragraph: str) -> bool:
        """Tell whether the paragraph is this kind of boilerplate."""
        return len(paragraph) <= self.max_chars and bool(self.pattern.search(paragraph))


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_AD_WORDS = r"(?:ad|ads|advert|advertisement|sponsored(?: content)?|promoted)"
_SHARE_BUTTONS = (
    r"share|share this(?: article| story| page)?|tweet|email|e-mail|print|copy link|"
    r"facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|comments?|save|"
    r"listen|gift this article"
)
_PROMPT_OPENERS = (
    r"subscribe\b|sign up\b|follow us\b|follow (?:him|her|them|[A-Z]\w+) on\b|click here\b|"
    r"join (?:our|the) (?:newsletter|mailing list|conversation)|"
    r"get (?:our|the) .{0,40}newsletter|download (?:our|the) app|like us on\b|"
    r"share (?:this|on)\b|listen to (?:this|the) (?:article|story|podcast)|"
    r"support (?:our|independent) journalism|become a (?:member|subscriber)"
)
_CAPTION_WORDS = (
    r"illustration|photo|photograph|image|picture|caption|credit|photo credit|image credit|"
    r"graphic|video|file photo|cover image|featured image|top image"
)
_PHOTO_AGENCIES = r"getty images|ap photo|shutterstock|alamy|epa-efe|afp via getty|reuters/"

LINE_RULES: tuple[LineRule, ...] = (
    LineRule(
        "ad marker",
        "placeholders scrapers leave where an advertisement was: [ad_3], ADVERTISEMENT",
        _rx(
            rf"^\[\s*{_AD_WORDS}(?:[\s_-]*\d+)?\s*\]$|^{_AD_WORDS}$|"
            r"^(?:story|article) continues below(?: advertisement)?$|^scroll to continue.*$|"
            r"^continue reading(?: below)?$"
        ),
        60,
    ),
    LineRule(
        "separator",
        "lines of punctuation only (***, ---, • • •) that divide sections but say nothing",
        re.compile(r"^[\W_]+$"),
        80,
    ),
    LineRule(
        "caption",
        "image captions and credits: 'Illustration: ...', 'Photo: ...', '... / Getty Images'",
        _rx(
            rf"^(?:{_CAPTION_WORDS})s?(?:\s+(?:by|credit|courtesy))?\s*[:：|]\s*\S|"
            rf"^\(?(?:{_CAPTION_WORDS})s? (?:by|courtesy of|credit)\b|(?:{_PHOTO_AGENCIES})"
        ),
        200,
    ),
    LineRule(
        "copyright",
        "copyright notices ('Copyright: Outlet', '© 2024 Outlet. All rights reserved.')",
        _rx(
            r"^(?:©|\(c\)\s|copyright(?:\s*[:©]|\s+\(c\)|\s+\d{4}|\s+by\b))|"
            r"^copyright(?:\s+\S+){1,6}$|all rights reserved\.?$"
        ),
        200,
    ),
    LineRule(
        "source note",
        "notes on where the piece first ran: 'This article was originally published by X'",
        _rx(
            r"^(?:this (?:article|piece|commentary|essay|op-ed|column) )?(?:was |is )?"
            r"(?:originally|first) (?:published|appeared|ran)\b|^republished (?:with permission )?"
            r"(?:from|by|courtesy of)\b"
        ),
        250,
    ),
    LineRule(
        "section label",
        "a lone section or genre label above a headline: 'Opinion', 'Analysis'",
        _rx(
            r"^(?:opinion|analysis|commentary|editorial|op-ed|perspective|news|essay|interview|"
            r"explainer|review|column|world|politics|europe|featured|exclusive|breaking)$"
        ),
        20,
    ),
    LineRule(
        "date line",
        "a line that only gives a date, time or reading time ('March 14, 2025 · 5 min read')",
        _rx(
            r"^(?:(?:published|updated|posted|last updated)(?: on)?:?\s*)?"
            r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:\d{1,2}\s+)?"
            r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+"
            r"(?:\d{1,2},?\s+)?\d{4}(?:[\s,·|•-]+.{0,30})?$|"
            r"^(?:published|updated|posted)(?: on)?:?\s+\S.{0,40}$|^\d{4}-\d{2}-\d{2}$|"
            r"^\d+\s+min(?:ute)?s?\s+read$"
        ),
        80,
    ),
    LineRule(
        "disclaimer",
        "statements that the views are the author's own and not an institution's",
        _rx(
            r"(?:do|does) not (?:necessarily )?(?:reflect|represent)\b.{0,80}\b"
            r"(?:views?|positions?|polic(?:y|ies)|opinions?)\b|"
            r"(?:views?|opinions?) expressed .{0,80}\b(?:are|is) (?:solely |entirely )?"
            r"(?:those of|the (?:author|writer))|"
            r"should not be construed as|not (?:investment|financial|legal) advice"
        ),
        800,
    ),
    LineRule(
        "related link",
        "links to other articles: '- Headline ›', 'Read more: ...', 'Related: ...'",
        _rx(
            r"^[-–—•*·▪►]\s*\S.{2,200}[›»→]$|^\S.{2,200}\s[›»→]$|"
            r"^(?:related(?: articles?| stories| coverage| reading| content)?|"
            r"read (?:more|also|next)|see also|also read|more on this(?: story| topic)?|"
            r"recommended(?: reading)?|"
            r"you may also like|you might also like|further reading|most read|trending now)"
            r"(?:\s*[:：|›»-].*)?$"
        ),
        250,
    ),
    LineRule(
        "share prompt",
        "share buttons and subscribe/follow prompts from the page chrome",
        _rx(rf"^(?:{_SHARE_BUTTONS})(?:\s*[|/•,]\s*(?:{_SHARE_BUTTONS}))*[.:!]?$"),
        80,
    ),
    LineRule(
        "share prompt",
        "subscribe, sign-up and follow prompts",
        _rx(rf"^(?:{_PROMPT_OPENERS})"),
        200,
    ),
)

# When the rules would remove more than this share of a document's characters, a rule is
# misfiring on prose: keep the document whole and say so (trafilatura's backup, in spirit).
MAX_REMOVED_SHARE = 0.9


def clean(doc: SourceDoc) -> CleanDoc:
    """Split a SourceDoc into blocks and mark boilerplate and repeated lines with reasons."""
    paragraphs = split_paragraphs(doc.text)
    blocks = _mark_repeats([_apply_rules(p) for p in paragraphs])
    warnings = doc.warnings
    if _removed_share(blocks) > MAX_REMOVED_SHARE:
        blocks = [Block(p) for p in paragraphs]
        warnings += ("cleaning rules matched nearly all of the text; kept it unchanged",)
    return CleanDoc(source=doc.source, blocks=tuple(blocks), warnings=warnings)


def boilerplate_reason(paragraph: str) -> str | None:
    """The reason of the first line rule that matches the paragraph, if any."""
    for rule in LINE_RULES:
        if rule.matches(paragraph):
            return rule.reason
    return None


def _apply_rules(paragraph: str) -> Block:
    return Block(paragraph, boilerplate_reason(paragraph))


def _mark_repeats(blocks: list[Block]) -> list[Block]:
    """Keep the first of each repeated paragraph (a duplicated title or lede) and mark the rest."""
    seen: set[str] = set()
    result: list[Block] = []
    for block in blocks:
        key = fold(block.text)
        if block.is_body and key in seen:
            block = Block(block.text, "duplicate")
        elif block.is_body:
            seen.add(key)
        result.append(block)
    return result


def _removed_share(blocks: list[Block]) -> float:
    total = sum(len(b.text) for b in blocks)
    removed = sum(len(b.text) for b in blocks if not b.is_body and b.reason != "duplicate")
    return removed / total if total else 0.0

"""The line rules: page furniture a reader recognises in one line by its pattern.

Each rule is a named entry saying what it matches and why it is not the article (as
trafilatura and Pelican keep their rule lists). A rule is decisive: a line it matches leaves
the body with the rule's reason, whatever the line-role model makes of it. The model
(`roles`) judges the lines no rule names; `context_rules` those a line's neighbours name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..reasons import (
    AD_MARKER,
    CAPTION,
    COPYRIGHT,
    DATE_LINE,
    DISCLAIMER,
    NAVIGATION,
    RELATED_LINK,
    SECTION_LABEL,
    SEPARATOR,
    SHARE_PROMPT,
    SOURCE_CREDIT,
    SOURCE_NOTE,
    RemovalReason,
)


@dataclass(frozen=True, slots=True)
class LineRule:
    """A boilerplate pattern: the reason recorded for a match, and why it is boilerplate."""

    reason: RemovalReason
    why: str
    pattern: re.Pattern[str]
    max_chars: int  # longer paragraphs are prose that merely mentions the pattern
    # Fragments (lower case) one of which every match holds: a line with none is passed over
    # without a search. Given for patterns that search the whole line, to spare running
    # text; empty when the pattern is anchored and fails fast.
    needs: tuple[str, ...] = ()

    def matches(self, paragraph: str, lowered: str) -> bool:
        """Tell whether the paragraph (`lowered`: in lower case) is this kind of boilerplate."""
        if len(paragraph) > self.max_chars:
            return False
        if self.needs and not any(fragment in lowered for fragment in self.needs):
            return False
        return bool(self.pattern.search(paragraph))


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
# The agencies and wires whose names end a photographer's credit ("Name/AFP") or stand alone
# as a story's credit.
WIRES = (
    r"AP|AFP|Reuters|REUTERS|EPA|PAP|TASS|Sputnik|SPUTNIK|Xinhua|ANI|IANS|PTI|UNI|dpa|EFE|ANSA|"
    r"Yonhap|Anadolu|Bloomberg|Getty Images|Getty|Shutterstock|Alamy|Pool|File Photo|"
    r"ASSOCIATED PRESS|Associated Press|picture alliance|Picture Alliance"
)

LINE_RULES: tuple[LineRule, ...] = (
    LineRule(
        AD_MARKER,
        "placeholders scrapers leave where an advertisement was: [ad_3], ADVERTISEMENT",
        _rx(
            rf"^\[\s*{_AD_WORDS}(?:[\s_-]*\d+)?\s*\]$|^{_AD_WORDS}:?$|"
            r"^(?:story|article) continues below(?: advertisement)?$|^scroll to continue.*$|"
            r"^continue reading(?: below)?$"
        ),
        60,
    ),
    LineRule(
        SEPARATOR,
        "lines of punctuation only (***, ---, • • •) that divide sections but say nothing",
        re.compile(r"^[\W_]+$"),
        80,
    ),
    LineRule(
        CAPTION,
        "image captions and credits: 'Illustration: ...', 'Photo: ...', '... / Getty Images'",
        _rx(
            rf"^(?:{_CAPTION_WORDS})s?(?:\s+(?:by|credit|courtesy))?\s*[:：|]\s*\S|"
            rf"^\(?(?:{_CAPTION_WORDS})s? (?:by|courtesy of|credit)\b|(?:{_PHOTO_AGENCIES})"
        ),
        200,
    ),
    LineRule(
        CAPTION,
        "a photographer's credit: 'Jane Doe/AFP', 'Shutterstock / John Doe', a caption ending "
        "'/REUTERS/John Doe', 'Source: Getty'",
        re.compile(
            rf"^[\w.’' -]{{2,40}}\s?/\s?(?:[\w.’' -]{{0,30}}\b(?:{WIRES})\b)[\w.’' /-]{{0,40}}$|"
            rf"^(?:{WIRES})\s?/\s?[A-Z][\w.’' -]{{2,40}}$|"
            rf"\s/\s?(?:{WIRES})/|^(?i:source|credit|photo|image)s?:\s*(?:{WIRES})\b|"
            rf"^©.{{0,60}}\b(?:{WIRES})\b"
        ),
        400,
        ("/", "source", "credit", "photo", "image", "©"),
    ),
    LineRule(
        CAPTION,
        "the text of an image shown in its place: 'X logo', 'Profile picture', 'Attribution logo'",
        _rx(r"\b(?:logo|logos|lettermark|icon|avatar|profile picture|thumbnail)$"),
        100,
    ),
    LineRule(
        NAVIGATION,
        "lines of structured data a scraper copied: '\"type\": \"commentary\",', '],', '{'",
        re.compile(r'^(?:[{}\[\]]\s*,?|"[^"]{1,60}"\s*:\s*.*|[{\[]\s*"[^"]{1,60}"\s*:.*)$'),
        300,
    ),
    LineRule(
        CAPTION,
        "a picture's description, told by who stands where: ', center right,', '(left)'",
        _rx(
            r"\((?:left|right|center|centre|l|r|l-r|from left)\)|"
            r",\s(?:left|right|center(?: left| right)?|centre|second (?:left|right)|"
            r"from left|foreground|background),"
        ),
        400,
    ),
    LineRule(
        COPYRIGHT,
        "copyright notices ('Copyright: Outlet', '© 2024 Outlet. All rights reserved.')",
        _rx(
            r"^(?:©|\(c\)\s|copyright(?:\s*[:©]|\s+\(c\)|\s+\d{4}|\s+by\b))|"
            r"^copyright(?:\s+\S+){1,6}$|all rights reserved\.?$"
        ),
        200,
    ),
    LineRule(
        SOURCE_NOTE,
        "notes on where the piece first ran: 'This article was originally published by X'",
        _rx(
            r"^(?:this (?:article|piece|commentary|essay|op-ed|column) )?(?:was |is )?"
            r"(?:originally|first) (?:published|appeared|ran)\b|^republished (?:with permission )?"
            r"(?:from|by|courtesy of)\b"
        ),
        250,
    ),
    LineRule(
        SECTION_LABEL,
        "a lone section or genre label above a headline: 'Opinion', 'Analysis'",
        _rx(
            r"^(?:the )?(?:opinion|analysis|commentary|editorial|op-ed|perspective|news|essay|"
            r"interview|explainer|review|column|world|politics|europe|featured|exclusive|"
            r"breaking)$"
        ),
        20,
    ),
    LineRule(
        DATE_LINE,
        "a line that only gives a date, time or reading time ('March 14, 2025 · 5 min read')",
        _rx(
            r"^(?:(?:published|updated|posted|last updated)(?: on)?:?\s*)?"
            r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:\d{1,2}\s+)?"
            r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+"
            r"(?:\d{1,2},?\s+)?\d{4}(?:[\s,·|•-]+.{0,30})?$|"
            r"^(?:published|updated|posted)(?: on)?:?\s+\S.{0,40}$|^\d{4}-\d{2}-\d{2}$|"
            r"^\d+\s+min(?:ute)?s?\s+read$|"
            r"^\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$|"
            r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}$"
        ),
        80,
    ),
    LineRule(
        DISCLAIMER,
        "statements that the views are the author's own and not an institution's",
        _rx(
            r"(?:do|does) not (?:necessarily )?(?:reflect|represent)\b.{0,80}\b"
            r"(?:views?|positions?|polic(?:y|ies)|opinions?)\b|"
            r"(?:views?|opinions?) expressed .{0,80}\b(?:are|is) (?:solely |entirely )?"
            r"(?:those of|the (?:author|writer))|"
            r"should not be construed as|not (?:investment|financial|legal) advice"
        ),
        800,
        ("not necessarily", "not reflect", "not represent", "expressed", "construed", "advice"),
    ),
    LineRule(
        RELATED_LINK,
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
        SHARE_PROMPT,
        "share buttons and subscribe/follow prompts from the page chrome",
        _rx(rf"^(?:{_SHARE_BUTTONS})(?:\s*[|/•,]\s*(?:{_SHARE_BUTTONS}))*[.:!]?$"),
        80,
    ),
    LineRule(
        SHARE_PROMPT,
        "subscribe, sign-up and follow prompts",
        _rx(rf"^(?:{_PROMPT_OPENERS})"),
        200,
    ),
    LineRule(
        SHARE_PROMPT,
        "comment widgets and 'more' buttons: 'No comments:', 'Post a Comment', 'Learn More'",
        _rx(
            r"^(?:no comments?|post a comment|leave a (?:comment|reply)|add a comment|"
            r"show comments|view comments|\d+ comments?|comments? \(\d+\)):?$|"
            r"^(?:learn|know|read|see|show|load|view|find out|discover|explore) "
            r"(?:more|all|here)\.?$|^link copied$"
        ),
        40,
    ),
    LineRule(
        SHARE_PROMPT,
        "appeals for money: 'Donate now', 'Support X on Patreon!', 'Become a member'",
        _rx(r"\bdonat(?:e|ion|ions)\b|\bpatreon\b|\bbecome a (?:patron|member|supporter)\b"),
        300,
        ("donat", "patreon", "become a"),
    ),
    LineRule(
        NAVIGATION,
        "a widget's counter: 'Read 13 tweets', '12 comments', '4 photos'",
        _rx(r"^(?:read\s+)?\d+\s+(?:tweets?|replies|photos?|videos?|posts?)$"),
        30,
    ),
    LineRule(
        SECTION_LABEL,
        "a breadcrumb of section names: 'Analysis | Europe', 'World › Europe'",
        re.compile(
            r"^[A-Z][\w&’'-]*(?: [\w&’'-]+){0,2}(?:\s+[|›»>]\s+[A-Z][\w&’'-]*(?: [\w&’'-]+){0,2})+$"
        ),
        60,
    ),
    LineRule(
        SOURCE_CREDIT,
        "where a copied story came from: 'Read at Outlet', 'Read the full story at Outlet'",
        _rx(
            r"^(?:read|continue reading|read the full (?:story|article)|full story)"
            r"\s+(?:at|on)\s+\S"
        ),
        80,
    ),
)


def boilerplate_reason(paragraph: str) -> RemovalReason | None:
    """The reason of the first line rule that matches the paragraph, if any."""
    lowered = paragraph.lower()
    for rule in LINE_RULES:
        if rule.matches(paragraph, lowered):
            return rule.reason
    return None

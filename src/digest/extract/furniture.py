"""Page furniture a reader recognises by pattern: the line rules and the context rules.

Each rule is a named entry saying what it matches and why it is not the article (as
trafilatura and Pelican keep their rule lists). A line rule looks at one line; a context rule
at a line and its neighbours. Both are decisive: a line a rule matches leaves the body with
the rule's reason, whatever the line-role model makes of it. The model (`roles`) judges the
lines no rule names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
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
from ..text import LIST_ITEM
from .lines import Shape, capital_share, heading_shaped, shape


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


# The rule of photographers' credits, which a context rule looks for below a caption.
_CREDIT_RULE = next(i for i, r in enumerate(LINE_RULES) if r.why.startswith("a photographer"))


def boilerplate_reason(paragraph: str) -> RemovalReason | None:
    """The reason of the first line rule that matches the paragraph, if any."""
    lowered = paragraph.lower()
    for rule in LINE_RULES:
        if rule.matches(paragraph, lowered):
            return rule.reason
    return None


Reasons = list[RemovalReason | None]  # per line: the reason it left the body, None while it is body


@dataclass(frozen=True, slots=True)
class Page:
    """The lines of a page with the reasons given so far, and where its running text is:
    worked out once for each context rule, so that every rule reads a page in linear time."""

    lines: Sequence[str]
    reasons: Reasons
    shapes: tuple[Shape, ...]
    first_prose: int  # the first line of running text still in the body (len(lines): none)
    last_prose: int  # the last one (-1: none)
    ended: int  # the first line that ends the article (a copyright line; len(lines): none)
    paragraph_before: tuple[int | None, ...]  # per line, the nearest body paragraph above
    paragraph_after: tuple[int | None, ...]  # and below (unpunctuated sentences passed over)

    @classmethod
    def of(cls, lines: Sequence[str], reasons: Reasons) -> Page:
        """The page as the reasons so far leave it."""
        shapes = tuple(shape(line) for line in lines)
        prose = [i for i, own in enumerate(shapes) if reasons[i] is None and own.prose]
        stops = [
            reasons[i] is None and not _unpunctuated_sentence(line) for i, line in enumerate(lines)
        ]
        return cls(
            lines=lines,
            reasons=reasons,
            shapes=shapes,
            first_prose=prose[0] if prose else len(lines),
            last_prose=prose[-1] if prose else -1,
            ended=next((i for i, r in enumerate(reasons) if r in END_OF_ARTICLE), len(lines)),
            paragraph_before=_nearest(stops),
            paragraph_after=tuple(reversed(_nearest(stops[::-1], len(lines) - 1))),
        )

    def body(self, i: int) -> bool:
        """Whether line i (which may lie off the page) is still in the body."""
        return 0 <= i < len(self.lines) and self.reasons[i] is None


def _nearest(stops: list[bool], flip: int = 0) -> tuple[int | None, ...]:
    """For each position, the nearest earlier position that is a stop (its index counted
    from the other end when `flip` is given, for a reversed list)."""
    result: list[int | None] = []
    last: int | None = None
    for i, stop in enumerate(stops):
        result.append(None if last is None else abs(flip - last))
        if stop:
            last = i
    return tuple(result)


@dataclass(frozen=True, slots=True)
class ContextRule:
    """A pattern of a line among its neighbours: the reason recorded, why, and the test
    (given the page and the line's index)."""

    reason: RemovalReason
    why: str
    applies: Callable[[Page, int], bool]


_RELATED_LABEL = re.compile(
    r"^(?:related(?: articles?| stories| coverage| content)?|read (?:more|also|next)|"
    r"see also|also read|more on this(?: story| topic)?|recommended(?: reading)?)[:.]?$",
    re.IGNORECASE,
)
_WIRE_CREDIT = re.compile(rf"^(?:{WIRES})$")
CAPTION_MAX_WORDS = 60
END_OF_ARTICLE = frozenset({COPYRIGHT})
PARAGRAPH_MIN_WORDS = 15
RUN_MIN_WORDS = 5  # a link in a run of headlines is a headline of five words or more
JSON_WINDOW = 8  # lines either side of a quoted item that show it is part of a data block


def _is_photo_credit(page: Page, i: int) -> bool:
    return page.shapes[i].words <= 12 and LINE_RULES[_CREDIT_RULE].matches(
        page.lines[i], page.lines[i].lower()
    )


def _above_a_credit(page: Page, i: int) -> bool:
    """The line right above a photographer's credit describes the photo."""
    return (
        page.body(i)
        and i + 1 < len(page.lines)
        and _is_photo_credit(page, i + 1)
        and page.shapes[i].words <= CAPTION_MAX_WORDS
    )


def _unpunctuated_between_paragraphs(page: Page, i: int) -> bool:
    """A sentence-long line with no full stop, standing between paragraphs of running text,
    is a picture's caption (a subhead is short and capitalised, a list item marked)."""
    if not page.body(i) or not _unpunctuated_sentence(page.lines[i]):
        return False
    before, after = page.paragraph_before[i], page.paragraph_after[i]
    return (
        before is not None
        and after is not None
        and _paragraph_at(page, before)
        and _paragraph_at(page, after)
    )


def _unpunctuated_sentence(line: str) -> bool:
    own = shape(line)
    return (
        not own.terminal
        and own.words >= 10
        and not LIST_ITEM.match(line)
        and capital_share(line) < 0.5
    )


def _paragraph_at(page: Page, i: int) -> bool:
    """A paragraph of running text: it ends a sentence and is longer than a teaser's."""
    return page.shapes[i].terminal and page.shapes[i].words >= PARAGRAPH_MIN_WORDS


def _headline_shaped(page: Page, i: int) -> bool:
    return page.body(i) and heading_shaped(page.lines[i], RUN_MIN_WORDS)


def _in_a_run_of_headlines(page: Page, i: int) -> bool:
    """Two or more headline-shaped lines in a row inside the running text are links to
    other pieces (a subhead stands alone; teasers alternate with their summaries); after
    the article's end, the teasers are extraction's to name."""
    return (
        page.first_prose < i < page.last_prose
        and i < page.ended
        and _headline_shaped(page, i)
        and (_headline_shaped(page, i - 1) or _headline_shaped(page, i + 1))
    )


def _after_a_related_label(page: Page, i: int) -> bool:
    """The headline under a 'Read more' or 'Related' label is the link it announces."""
    return (
        i > 0
        and bool(_RELATED_LABEL.match(page.lines[i - 1]))
        and page.body(i)
        and not page.shapes[i].terminal
        and page.shapes[i].words <= 25
    )


def _wire_credit_at_the_end(page: Page, i: int) -> bool:
    """A lone agency name after the text ('ANI', 'Reuters') credits the story's source."""
    text = page.lines[i].strip()
    return (
        page.body(i)
        and i > page.last_prose
        and i > 0
        and page.shapes[i].words <= 2
        and bool(_WIRE_CREDIT.match(text) or (text.isupper() and len(text) <= 8))
    )


_JSON_ITEM = re.compile(r'^"[^"]{0,80}",?$')
_JSON_LINE = re.compile(
    r'^(?:[{}\[\]]\s*,?|"[^"]{1,60}"\s*:\s*.*|[{\[]\s*"[^"]{1,60}"\s*:.*|"[^"]{0,80}",?)$'
)


def _inside_structured_data(page: Page, i: int) -> bool:
    """A quoted item between lines of structured data is part of it (an item of a list)."""
    if not page.body(i) or not _JSON_ITEM.match(page.lines[i]):
        return False
    window = page.lines[max(0, i - JSON_WINDOW) : i + JSON_WINDOW + 1]
    return any(_JSON_LINE.match(line) and not _JSON_ITEM.match(line) for line in window)


CONTEXT_RULES: tuple[ContextRule, ...] = (
    ContextRule(
        NAVIGATION,
        "a quoted item among lines of structured data",
        _inside_structured_data,
    ),
    ContextRule(CAPTION, "the description above a photographer's credit", _above_a_credit),
    ContextRule(
        CAPTION,
        "an unpunctuated sentence between paragraphs: a picture's caption",
        _unpunctuated_between_paragraphs,
    ),
    ContextRule(
        RELATED_LINK,
        "a run of headlines inside the text: links to other pieces",
        _in_a_run_of_headlines,
    ),
    ContextRule(RELATED_LINK, "the headline under a 'Read more' label", _after_a_related_label),
    ContextRule(SOURCE_CREDIT, "a lone agency name after the text", _wire_credit_at_the_end),
)


def apply_context_rules(lines: Sequence[str], reasons: Reasons) -> Reasons:
    """The reasons after each context rule in turn has looked at every line (each rule sees
    the page as the rules before it left it, so a run of lines is judged whole)."""
    for rule in CONTEXT_RULES:
        page = Page.of(lines, reasons)
        matched = {i for i in range(len(lines)) if rule.applies(page, i)}
        reasons = [rule.reason if i in matched else r for i, r in enumerate(reasons)]
    return list(reasons)


# A photo credit glued to the text after it, a text node the scraper did not separate:
# "© Agency | Jane DoeThe summit was ..." (the credit ends where a lower-case letter meets
# the capital that starts the text).
_GLUED_CREDIT = re.compile(r"^(?P<credit>©[^.!?]{3,120}?[a-z])(?P<text>[A-Z][a-z].{20,})$")
# A header of fields run together with slashes: "Headline/ Outlet/ PLACE/ Author/ Summary".
_SLASH_FIELDS = re.compile(r"/\s+")
MIN_SLASH_FIELDS = 4


def split_fused_lines(lines: list[str]) -> list[str]:
    """The lines, with lines a page fused split apart: a credit glued to the text, and a
    header whose fields (headline, outlet, place, author, summary) run together with
    slashes, each field a line of its own."""
    result: list[str] = []
    for line in lines:
        glued = _GLUED_CREDIT.match(line)
        fields = [f.strip() for f in _SLASH_FIELDS.split(line)]
        if glued:
            result += [glued.group("credit"), glued.group("text")]
        elif len(fields) >= MIN_SLASH_FIELDS and all(len(f.split()) <= 20 for f in fields[:-1]):
            result += [f for f in fields if f]
        else:
            result.append(line)
    return result

"""The context rules: page furniture a reader recognises by a line and its neighbours.

Each rule is a named entry saying what it matches and why it is not the article, as the line
rules (`line_rules`) are; where a line rule looks at one line, a context rule looks at a line
among the others. A rule is decisive: a line it matches leaves the body with the rule's
reason, whatever the line-role model (`roles`) makes of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...text import LIST_ITEM
from ..reasons import CAPTION, COPYRIGHT, NAVIGATION, RELATED_LINK, SOURCE_CREDIT, RemovalReason
from .line_rules import LINE_RULES, WIRES
from .line_shape import Shape, capital_share, heading_shaped, shape

# The rule of photographers' credits, which a context rule looks for below a caption.
_CREDIT_RULE = next(r for r in LINE_RULES if r.why.startswith("a photographer"))

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
    return page.shapes[i].words <= 12 and _CREDIT_RULE.matches(page.lines[i], page.lines[i].lower())


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

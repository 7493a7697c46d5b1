"""Publication dates as pages print them: date lines, datelines, bylines and scraper stamps.

Only a date that stands where a page states when it was published counts: a line that is a
date ("Published on Nov 28, 2025", "March 3, 2025 · 6 min read"), a byline that ends in one
("By Jane Doe | March 3, 2025"), or the date stamp a scraper puts before the text
("date 2025-03-11 ..."). Dates inside the prose ("On February 18, 2025, ...") are what the
article is about, not when it appeared, and never count.
"""

from __future__ import annotations

import datetime as dt
import re

from ...models.documents import Block
from ...text import PROSE_MIN_WORDS, ends_sentence, word_count
from ..reasons import BYLINE, DATE_LINE

_MONTHS = {
    m: n
    for n, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
# "March 3, 2025", "Mar. 3 2025", "3 March 2025", "2025-03-03"; the year optional in a
# line that is only a date ("21 Jul" on a page of posts).
_DATE_PATTERNS = (
    re.compile(
        rf"{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?(?:\s+(?P<year>\d{{4}}))?", re.I
    ),
    re.compile(
        rf"{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?(?:\s+(?P<year>\d{{4}}))?", re.I
    ),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"),
)
_PUBLISHED = r"(?:(?:published|updated|posted|last updated|first published)(?:\s+on)?:?\s*)?"
# What may follow a date on a date line: a time, a reading time, a separator and a label.
_TAIL = r"(?:\s*(?:,|at|·|\||•|-|–|—)?\s*[\w:.· |•/-]{0,30})?"
_STAMP = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+", re.I)
_READING_TIME = re.compile(r"^\d+\s+min(?:ute)?s?\s+read$", re.I)


def iso_date(text: str) -> str | None:
    """The first full date (day, month and year) in a text, as YYYY-MM-DD, if valid."""
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if match.group("year"):
                made = _made(match.group("year"), match.group("month"), match.group("day"))
                if made:
                    return made
    return None


def _made(year: str, month: str, day: str) -> str | None:
    number = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    try:
        return dt.date(int(year), number or 0, int(day)).isoformat()
    except ValueError:
        return None


def is_date_line(line: str) -> bool:
    """Tell whether a line only gives a date, a time or a reading time."""
    text = line.strip()
    if len(text) > 80:
        return False
    if _READING_TIME.match(text):
        return True
    for pattern in _DATE_PATTERNS:
        if re.fullmatch(rf"{_PUBLISHED}{pattern.pattern}{_TAIL}", text, pattern.flags | re.I):
            return True
    return False


def split_stamp(text: str) -> tuple[str | None, str]:
    """The date of a scraper's stamp opening a text ("date 2025-03-11 ...") and the text
    after it; (None, text) when there is none."""
    match = _STAMP.match(text)
    if not match:
        return None, text
    return _made(*match.group("date").split("-")), text[match.end() :]


# Paragraphs of running text that may stand above the date line: a standfirst.
TOP_PARAGRAPHS = 1


def publication_date(stamp: str | None, blocks: tuple[Block, ...]) -> str | None:
    """When the page says it was published: its scraper stamp, else the first full date on
    a date line or a byline near the top (above the text, or below a standfirst); None when
    the page gives none there. Dates in the text are what it is about, not when it ran."""
    if stamp:
        return stamp
    prose = 0
    for block in blocks:
        if block.reason in (DATE_LINE, BYLINE):
            found = iso_date(block.text)
            if found:
                return found
        if block.reason is None and word_count(block.text) >= PROSE_MIN_WORDS:
            prose += ends_sentence(block.text)
            if prose > TOP_PARAGRAPHS:
                return None
    return None

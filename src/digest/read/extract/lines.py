"""What a reader sees in each line of a scraped page, as numbers a model can weigh.

A reader tells a headline from a menu item, a caption from a body sentence, by shallow
evidence: how long the line is and how it ends, its capitals, how many of its words are the
small words of running prose, the cue words it carries (By, Photo, Subscribe, Read more),
whether it is a date or a name, where it stands, whether the page repeats it, and what stands
around it. Each feature below is one such piece of evidence, named for what it measures;
`roles` weighs them. Boilerplate detection from shallow features is well studied
(boilerpipe: words and link density of a block and its neighbours; jusText: length and
stopword density, revised by context); with plain text instead of HTML, line shape, cue
words and neighbours stand in for tags and links.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from ...text import FIRST_PERSON
from .bio_words import SPEECH_RX
from .function_words import FUNCTION_WORDS
from .line_shape import PHOTO_AGENCY, Shape, capital_share, is_running_text, shape
from .people import is_person_name

Features = dict[str, float]

_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_BULLET = re.compile(r"^[•▪●◦‣∙·*►▶-]\s")
_NO_LETTERS = re.compile(r"^[^\w]*$")
# Structured-data debris: lines of a JSON or JavaScript object the scraper copied.
_CODE = re.compile(r'^(?:[{}\[\]],?|"[^"]*"\s*:.*|"[^"]*",?|[\w-]+:\s*[\[{])$')
_HANDLE = re.compile(r"(?:^|\s)[@#]\w+|https?://|www\.|\.(?:com|org|net)\b")
# A caption describes a picture: who stands where, doing what, now.
_CAPTION_CUE = re.compile(
    r"\((?:left|right|center|centre|l|r)\)|,\s(?:left|right|center(?: left| right)?|"
    r"centre|second (?:left|right)|foreground|background),|\babove,|\bpictured\b|\bseen\b|"
    r"\b(?:speaks|attends|gestures|poses|looks on|walks|stands|sits|arrives|waves|listens|"
    r"shakes hands|removes|delivers|gives)\b",
    re.IGNORECASE,
)
_LOGO = re.compile(r"\b(?:logo|icon|lettermark|profile picture|avatar|thumbnail)\b", re.I)
# The first word of a prompt: the page asks the reader to do something.
_PROMPT_VERB = re.compile(
    r"^(?:read|learn|donate|subscribe|follow|share|sign|support|click|tap|watch|listen|post|"
    r"know|see|view|download|join|get|help|comment|leave|login|log|register|explore|discover|"
    r"continue|show|load|more|visit|contact|send|print|email|copy|link)\b",
    re.IGNORECASE,
)
# Page furniture named by what it is: menus, sections, widgets.
_CHROME_WORD = re.compile(
    r"\b(?:menu|sections?|search|home|about|contact|events?|content|newsletters?|podcasts?|"
    r"videos?|topics?|tags?|categories|archives?|research|programs?|experts?|blog|spotlight|"
    r"in the news|trending|popular|latest|more stories|copied|comments?|share|advertisement|"
    r"sponsored|skip to|toggle|cookie|privacy|terms)\b",
    re.IGNORECASE,
)
# "Read 13 tweets", "6 min read", "12 comments": a widget's counter.
_COUNTER = re.compile(
    r"^(?:read\s+)?\d+\s+(?:tweets?|min(?:ute)?s?(?:\s+read)?|comments?|shares?|views?|"
    r"replies|likes|photos?)\b",
    re.IGNORECASE,
)
# "KYIV, Ukraine —", "WASHINGTON (AP) —", "OUTLET -": a news lede opens with its place.
_DATELINE_LEDE = re.compile(r"^[A-Z][A-Z .,'’-]{2,40}(?:\([^)]{1,30}\))?\s*[—–-]\s*\S")
_LABEL = re.compile(r"^[A-Z][\w ’'&/-]{0,30}:$")
_QUOTE_MARK = re.compile(r"[“”\"«»]")
_PERSON_LIKE = re.compile(r"^(?:Dr\.?|Prof\.?|Mr\.?|Ms\.?|Mrs\.?)\s+")

LONG_LINE_WORDS = 25
CUE_MAX_WORDS = 25  # longer lines are running text: their cue words are not looked for
ECHO_WINDOW = 10  # lines either side in which a headline's or caption's echo is looked for
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_DIGIT = re.compile(r"\d")


def line_features(lines: Sequence[str], rules: Sequence[str | None]) -> list[Features | None]:
    """The features of every line of a page that needs judging, each seen with its
    neighbours; None for a line a boilerplate rule names (`rules` gives the reason of the
    rule each line matches, if any) and for running text (a long line ending a sentence),
    which the line-role model is not asked about."""
    shapes = [shape(line) for line in lines]
    first_prose = next((i for i, s in enumerate(shapes) if s.prose), len(lines))
    last_prose = max((i for i, s in enumerate(shapes) if s.prose), default=-1)
    keys = [_words_key(line) for line in lines]
    counts = Counter(keys)
    first_headline = next((i for i, s in enumerate(shapes) if s.headline_like and not rules[i]), -1)
    result: list[Features | None] = []
    for i, line in enumerate(lines):
        if rules[i] or is_running_text(shapes[i]):
            result.append(None)
            continue
        features = dict(_own_features(line, shapes[i]))
        features["first headline-like line"] = float(i == first_headline < first_prose)
        features.update(_position(i, len(lines), first_prose, last_prose))
        features.update(_neighbours(shapes, i))
        features.update(_repetition(keys, counts, i))
        result.append(features)
    return result


@lru_cache(maxsize=8192)
def _own_features(line: str, shape: Shape) -> Features:
    """What the line shows on its own: shape, cue words, names, dates. Kept for the lines
    seen last: pages of one outlet repeat their furniture."""
    tokens = _WORD.findall(line)
    function_share = (
        sum(1 for t in tokens if t.lower() in FUNCTION_WORDS) / len(tokens) if tokens else 0
    )
    stripped = line.rstrip("”\"’' )")
    features = {
        "bias": 1.0,
        "words": min(1.0, math.log1p(shape.words) / math.log(100)),
        "very short": float(shape.words <= 2),
        "short": float(shape.short),
        "long": float(shape.words >= LONG_LINE_WORDS),
        "terminal": float(shape.terminal),
        "question": float(stripped.endswith("?")),
        "colon end": float(line.endswith(":")),
        "ellipsis end": float(line.endswith(("...", "…"))),
        "capitals": capital_share(line),
        "all caps": float(line.isupper() and any(c.isalpha() for c in line)),
        "function words": function_share,
        "no function words": float(bool(tokens) and function_share == 0),
        "sentences": min(3.0, float(len(_SENTENCE_END.findall(line)))),
        "digits": min(1.0, len(_DIGIT.findall(line)) / max(1, len(line)) * 5),
        "bullet": float(bool(_BULLET.match(line))),
        "pipe": float("|" in line),
        "credit": float(shape.credit),
        "date": float(shape.date),
        "byline": float(shape.byline),
        "headline like": float(shape.headline_like),
        "dateline lede": float(bool(_DATELINE_LEDE.match(line))),
    }
    if shape.words <= CUE_MAX_WORDS:
        features.update(_cue_features(line, shape))
    return features


def _cue_features(line: str, shape: Shape) -> Features:
    """The cue words of a line short enough to be page furniture; a longer line is running
    text whatever words it holds, and is not searched for them."""
    return {
        "no letters": float(bool(_NO_LETTERS.match(line))),
        "code": float(bool(_CODE.match(line))),
        "handle or url": float(bool(_HANDLE.search(line))),
        "photo agency": float(bool(PHOTO_AGENCY.search(line))),
        "caption cue": float(bool(_CAPTION_CUE.search(line))),
        "logo": float(bool(_LOGO.search(line))),
        "prompt verb": float(shape.words <= 12 and bool(_PROMPT_VERB.match(line))),
        "chrome word": float(shape.words <= 6 and bool(_CHROME_WORD.search(line))),
        "counter": float(bool(_COUNTER.match(line))),
        "label": float(bool(_LABEL.match(line))),
        "person name": float(shape.words <= 6 and _is_name_line(line)),
        "speech": float(bool(SPEECH_RX.search(line))),
        "quote": float(bool(_QUOTE_MARK.search(line))),
        "first person": float(bool(FIRST_PERSON.search(line))),
    }


def _is_name_line(line: str) -> bool:
    """A line that is only a person's name ("Jane Doe", "JANE DOE", "Dr Jane Doe")."""
    name = _PERSON_LIKE.sub("", line.strip())
    name = name.title() if name.isupper() else name
    return is_person_name(name)


def _position(i: int, count: int, first_prose: int, last_prose: int) -> Features:
    """Where the line stands: the top of the page, before or after the running text."""
    return {
        "first line": float(i == 0),
        "last line": float(i == count - 1),
        "relative position": i / max(1, count - 1),
        "before the text": float(i < first_prose),
        "just before the text": float(i == first_prose - 1),
        "after the text": float(i > last_prose >= 0),
    }


def _neighbours(shapes: list[Shape], i: int) -> Features:
    """What stands around the line (a window of two lines either side)."""

    def at(j: int) -> Shape | None:
        return shapes[j] if 0 <= j < len(shapes) else None

    features: Features = {}
    for name, j in (("previous", i - 1), ("next", i + 1)):
        shape = at(j)
        features[f"{name} prose"] = float(shape is not None and shape.prose)
        features[f"{name} short"] = float(shape is not None and shape.short)
        features[f"{name} credit"] = float(shape is not None and shape.credit)
        features[f"{name} date"] = float(shape is not None and shape.date)
        features[f"{name} byline"] = float(shape is not None and shape.byline)
        features[f"{name} headline like"] = float(shape is not None and shape.headline_like)
        features[f"{name} missing"] = float(shape is None)
    window = [s for s in (at(i - 2), at(i - 1), at(i + 1), at(i + 2)) if s is not None]
    features["short run"] = float(shapes[i].short and sum(s.short for s in window) >= 2)
    features["headline run"] = float(
        shapes[i].headline_like and sum(s.headline_like for s in window) >= 2
    )
    return features


def _words_key(line: str) -> frozenset[str]:
    return frozenset(map(str.lower, _WORD.findall(line))).difference(FUNCTION_WORDS)


def _repetition(keys: list[frozenset[str]], counts: Counter[frozenset[str]], i: int) -> Features:
    """Whether the page says the line again: a headline is echoed by the lede or a caption
    by the text near it; a repeated line is page furniture or a repeated headline."""
    key = keys[i]
    near = ECHO_WINDOW

    def echoed(others: list[frozenset[str]]) -> bool:
        return len(key) >= 3 and any(k != key and len(key & k) >= 0.7 * len(key) for k in others)

    return {
        "repeated": float(bool(key) and counts[key] > 1),
        "echoed later": float(echoed(keys[i + 1 : i + 1 + near])),
        "echoed before": float(echoed(keys[max(0, i - near) : i])),
    }

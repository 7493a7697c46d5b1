"""The argument of a piece: its key claims (typed), a derived headline, and the cues a reader
uses to weigh sentences, which `thesis` shares: prescriptive modals ("should", "must"),
strong judgements ("would be wrong", "is unlikely"), a contrastive pivot ("But ..."), hard
facts (figures, events).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..article import Claim, ClaimKind
from ..text import FIRST_PERSON, sentences, shorten, word_count

MIN_CLAIMS, MAX_CLAIMS = 5, 12
MAX_TITLE_CHARS = 90


_LEADING_LOOKBEHIND = re.compile(r"^(?:\(\?<[!=][^)]*\))+")
_LEADING_GROUP = re.compile(r"^\(\?:([^()]*)\)")


def _rx(*alternatives: str) -> re.Pattern[str]:
    """Whole-word alternatives, case-insensitive.

    When every alternative starts with a letter, a look-ahead for those letters lets the
    engine skip every other position at once instead of trying each alternative at each
    word (about 4 times faster on article text).
    """
    words = r"\b(?:" + "|".join(alternatives) + r")\b"
    heads = {head for a in alternatives for head in _first_characters(a)}
    if all(head.isalpha() for head in heads):
        words = f"(?=[{''.join(sorted(heads))}])" + words
    pattern = re.compile(words, re.IGNORECASE)
    keys = {key for a in alternatives for key in _first_letters(a)}
    if all(keys):
        _WORD_STARTS[id(pattern)] = frozenset(keys)
    return pattern


def _first_characters(alternative: str) -> set[str]:
    """The characters an alternative can start with, after any look-behind."""
    return {key[:1] for key in _first_letters(alternative)}


def _first_letters(alternative: str) -> set[str]:
    """How the words an alternative matches can start (their first PREFIX letters, or the
    whole of a shorter first word, in lower case), after any look-behind; a leading group of
    plain branches gives each branch's; "" when that cannot be told."""
    body = _LEADING_LOOKBEHIND.sub("", alternative)
    group = _LEADING_GROUP.match(body)
    heads = group.group(1).split("|") if group else [body]
    return {_leading_word(head)[:PREFIX].lower() for head in heads}


def _leading_word(alternative: str) -> str:
    """The letters an alternative starts with; "" when a shorter first word could be part of
    a longer one ("ad" in an alternative "ads?"), which the prefix test cannot tell."""
    match = re.match(r"[a-zA-Z]*", alternative)
    letters = match.group(0) if match else ""
    rest = alternative[len(letters) :]
    whole = not rest or rest[0] in " \\" or len(letters) >= PREFIX
    return letters if whole else ""


PREFIX = 3
# For each pattern of `_rx`, how its words can start: a sentence with no word starting so
# cannot hold it, and is not searched (most sentences hold few of the cues). Keyed by the
# pattern's identity: hashing a compiled pattern hashes its whole program, on every look-up.
_WORD_STARTS: dict[int, frozenset[str]] = {}


RECOMMENDATION = _rx(
    r"should",
    r"must",
    r"ought to",
    r"(?<!the )needs? to",
    r"has to",
    r"have to",
    r"had better",
    r"would do well to",
    r"it is (?:worth|time|essential|imperative|crucial|vital)",
    r"will require",
    r"it is incumbent",
)
STRONG_JUDGEMENT = _rx(
    r"wrong",
    r"mistake",
    r"flawed",
    r"fail(?:s|ed|ure)?",
    r"unlikely",
    r"impossible",
    r"the only",
    r"neither",
    r"cannot",
    r"can't",
    r"no longer",
    r"unrealistic",
    r"misguided",
    r"dangerous",
    r"essential",
    r"crucial",
    r"fundamental(?:ly)?",
    r"not (?:a|an) [\w-]+(?:-changer| solution| option)",
)
FORECAST = _rx(
    r"will",
    r"won't",
    r"likely",
    r"unlikely",
    r"(?:is|are) expected to",
    r"(?:is|are) poised to",
    r"in the coming (?:days|weeks|months|years)",
    r"sooner or later",
    r"prospects?",
    r"is set to",
    r"are set to",
    r"going to",
    r"forecasts?",
)
EVENT = _rx(
    r"agreed",
    r"approved",
    r"launched",
    r"seized",
    r"lost",
    r"signed",
    r"announced",
    r"invaded",
    r"occupied",
    r"captured",
    r"killed",
    r"voted",
    r"met",
    r"drawn closer",
    r"showed",
    r"dropped",
    r"secured",
    r"passed",
    r"pledged",
    r"declared",
    r"ruled out",
    r"offered",
    r"opened",
    r"broke down",
    r"(?:is|are) (?:losing|gaining|winning|exceeding)",
)
# A modal that asks or supposes rather than prescribes: "whether X should", "Should X happen, ..."
OPEN_MODAL = re.compile(r"\bwhether\b.*\b(?:should|must)\b|^Should\b", re.IGNORECASE)
POSSIBILITY = _rx(r"could", r"may", r"might", r"would likely")
REPORTED = _rx(
    r"said",
    r"says",
    r"say",
    r"insisted",
    r"insists",
    r"argued",
    r"argue",
    r"argues",
    r"claims?",
    r"claimed",
    r"believes?",
    r"warned",
    r"according to",
    r"told",
)
# A guess at what happened ("Judging from ..., it is likely that they agreed") infers a fact;
# it does not state the writer's argument.
SPECULATION = _rx(
    r"judging (?:from|by)",
    r"it is (?:likely|possible|probable|plausible) that",
    r"apparently",
    r"it seems",
    r"it appears",
)
FIGURE = re.compile(r"\d|\b(?:percent|billion|million|trillion|dozens?|hundreds|thousands)\b")
PIVOT = re.compile(
    r"^(?:But|Yet|However|Still|Instead|Ultimately|In short|In the end|The bottom line|"
    r"The answer|The truth|The real|Moreover|Indeed|In fact)\b"
)
ANAPHOR = re.compile(r"^(?:This|These|That|Those|Such|It|They|He|She|Its|Their)\b")
THESIS_NOUN = _rx(
    r"path",
    r"way forward",
    r"solution",
    r"answer",
    r"compromise",
    r"choice",
    r"lesson",
    r"strategy",
    r"approach",
    r"settlement",
)
# Words that tie a sentence to the one before it: a headline made of the sentence drops
# them, so that it reads as a whole clause ("That is why any deal ..." -> "Any deal ...").
LEADING_CONNECTIVE = re.compile(
    r"^(?:(?:But|Yet|And|So|However|Still|Moreover|Indeed|Instead|Thus|Therefore|Hence|"
    r"Meanwhile|Nevertheless|Nonetheless|Ultimately|In short|In other words|As a result|"
    r"For (?:its|their|his|her) part|In (?:that|this) case|Even so|That said)\b,?\s+)+"
    r"|^(?:That|This|Which) (?:is|was) (?:why|how|because) |^(?:That|This)[’']s (?:why|how) ",
    re.IGNORECASE,
)
# A sentence opening with a subordinate clause ("If ...,", "While ...,"): its main clause,
# which a headline needs, comes after the clause's comma.
SUBORDINATE_OPENER = re.compile(
    r"^(?:If|When|While|Whilst|Although|Though|Even though|Because|Since|Unless|Whether|"
    r"Once|After|Before|Until|Given|Despite|As|Ever since)\b"
)
# A short opening phrase of time or place ("Over the past week,", "On Monday,").
INTRODUCTORY_OPENER = re.compile(
    r"^(?:On|Over|At|During|For|With|Amid|Following|In|Yesterday|Today|Last|Earlier|Later|"
    r"This|Next)\b"
)
INTRODUCTORY_MAX_WORDS = 6
_PROPER_NOUN = re.compile(r"(?<=\s)[A-Z][\w’'-]+")
# What makes a sentence a key claim, by its cues (fields of Cues): a figure or a
# recommendation asserts most, a judgement less, a forecast or an event least.
CLAIM_WEIGHTS: dict[str, float] = {
    "figure": 2.0,
    "prescribes": 2.0,
    "judgement": 1.5,
    "forecast": 1.0,
    "event": 1.0,
}
# Each named actor (a capitalised word after the first) adds this much, up to the cap: a
# sentence full of names is not for that the piece's main point.
ACTOR_WEIGHT, ACTORS_CAP = 0.3, 1.5
# What makes a poor claim, and what it costs: a question asserts nothing; a fragment, a
# short sentence or a run-on says too little or too much; an opener that points back
# ("This", "They") needs the sentence before it.
SHAPE_PENALTIES: dict[str, float] = {
    "question": 3.0,
    "fragment": 2.0,
    "short or run-on": 1.0,
    "context-bound opener": 0.75,
}
FRAGMENT_WORDS, SHORT_WORDS, RUN_ON_WORDS = 7, 10, 60


@dataclass(frozen=True, slots=True)
class Sentence:
    """A body sentence with where it stands."""

    text: str
    paragraph: int
    index: int  # position among all body sentences


def body_sentences(paragraphs: tuple[str, ...]) -> list[Sentence]:
    """Every sentence of the body, in order, with its paragraph index."""
    result: list[Sentence] = []
    for p, paragraph in enumerate(paragraphs):
        for text in sentences(paragraph):
            result.append(Sentence(text, p, len(result)))
    return result


# What may close a sentence after its final stop: quotes and brackets, and space.
CLOSERS = "”\"’')] \u00a0"


@dataclass(frozen=True, slots=True)
class Cues:
    """The cues a reader notices in a sentence. Looked up once per sentence: the thesis, the
    claims and their kinds weigh the same sentences."""

    figure: bool
    event: bool
    forecast: bool
    judgement: bool
    prescribes: bool  # a prescriptive modal, neither reported ("X insisted Y must") nor open
    possibility: bool
    reported: bool
    thesis_noun: bool
    open_modal: bool
    speculation: bool
    first_person: bool


@lru_cache(maxsize=4096)
def cues(text: str) -> Cues:
    """The cues of a sentence. Kept for the sentences seen last: the thesis and claims are
    found by weighing the same sentences."""
    starts = word_starts(text)

    def has(pattern: re.Pattern[str]) -> bool:
        keys = _WORD_STARTS.get(id(pattern))
        if keys is not None and keys.isdisjoint(starts):
            return False
        return pattern.search(text) is not None

    reported, open_modal = has(REPORTED), has(OPEN_MODAL)
    return Cues(
        figure=has(FIGURE),
        event=has(EVENT),
        forecast=has(FORECAST),
        judgement=has(STRONG_JUDGEMENT),
        prescribes=not reported and not open_modal and has(RECOMMENDATION),
        possibility=has(POSSIBILITY),
        reported=reported,
        thesis_noun=has(THESIS_NOUN),
        open_modal=open_modal,
        speculation=has(SPECULATION),
        first_person=has(FIRST_PERSON),
    )


_LETTERS = re.compile(r"[a-z]+")
# FIRST_PERSON's words (I, I'm, we, we're, our, us, my, me) as `word_starts` gives them.
_WORD_STARTS[id(FIRST_PERSON)] = frozenset(["i", "we", "our", "us", "my", "me"])


def word_starts(text: str) -> frozenset[str]:
    """The first PREFIX letters of every word of a sentence (a shorter word whole), in lower
    case."""
    return frozenset(w[:PREFIX] for w in _LETTERS.findall(text.lower()))


@lru_cache(maxsize=4096)
def _shape_penalty(text: str) -> float:
    """What a sentence's shape costs it as a claim (SHAPE_PENALTIES)."""
    words = word_count(text)
    shapes = {
        "question": text.rstrip("”\"’' ").endswith("?"),
        "fragment": words < FRAGMENT_WORDS,
        "short or run-on": FRAGMENT_WORDS <= words < SHORT_WORDS or words > RUN_ON_WORDS,
        "context-bound opener": bool(ANAPHOR.match(text)),
    }
    return sum(SHAPE_PENALTIES[shape] for shape, found in shapes.items() if found)


def prescribes(text: str) -> bool:
    """A prescriptive modal, unless reported ("X insisted Y must") or open ("whether")."""
    return cues(text).prescribes


def claim_score(text: str) -> float:
    """How much a sentence asserts: figures, events, judgements, forecasts, named actors
    (CLAIM_WEIGHTS, ACTOR_WEIGHT), less what its shape costs it."""
    cue = cues(text)
    score = sum(weight for name, weight in CLAIM_WEIGHTS.items() if getattr(cue, name))
    score += min(ACTORS_CAP, ACTOR_WEIGHT * len(_PROPER_NOUN.findall(text)))
    return score - _shape_penalty(text)


def claim_kind(text: str) -> ClaimKind:
    """Type a claim: what should be done, what will happen, what is the case, or a judgement."""
    cue = cues(text)
    if cue.prescribes:
        return "recommendation"
    if cue.forecast and not (cue.figure and cue.event):
        return "forecast"
    if cue.possibility and not cue.event:
        return "forecast"
    if cue.figure or cue.event or cue.reported:
        return "fact"
    return "assessment"


def pick_claims(
    paragraphs: tuple[str, ...], kind_of: Callable[[str], ClaimKind] = claim_kind
) -> tuple[Claim, ...]:
    """The key claims, 5 to 12 (fewer only in a very short text), in reading order, each
    typed by `kind_of`.

    No paragraph gives more than its share, so the claims span the whole piece.
    """
    candidates = [s for s in body_sentences(paragraphs) if is_whole_sentence(s.text)]
    wanted = min(len(candidates), max(MIN_CLAIMS, min(MAX_CLAIMS, round(len(candidates) / 3))))
    per_paragraph = max(2, math.ceil(2 * wanted / max(1, len(paragraphs))))
    ranked = sorted(candidates, key=lambda s: (-claim_score(s.text), s.index))
    chosen: list[Sentence] = []
    taken: dict[int, int] = {}
    for sentence in ranked:
        if len(chosen) == wanted:
            break
        if taken.get(sentence.paragraph, 0) < per_paragraph:
            chosen.append(sentence)
            taken[sentence.paragraph] = taken.get(sentence.paragraph, 0) + 1
    chosen.sort(key=lambda s: s.index)
    return tuple(Claim(s.text, kind_of(s.text), s.paragraph) for s in chosen)


def is_whole_sentence(text: str) -> bool:
    """Tell whether a sentence ends as a sentence does (a stop, a question or exclamation
    mark, before any closing quote or bracket): a heading, a label or a cut-off line states
    no claim, however few sentences a text has."""
    return text.rstrip(CLOSERS).endswith((".", "!", "?", "…"))


def derive_title(thesis: str, paragraphs: tuple[str, ...]) -> str:
    """A headline of at most 90 characters made from the thesis (or else the lede).

    The main clause is kept: a leading connective goes, the text is cut at a semicolon, dash
    or colon, then at a comma, and only as a last resort at a word with an ellipsis.
    """
    lede = (sentences(paragraphs[0]) or paragraphs)[0] if paragraphs else ""
    text = LEADING_CONNECTIVE.sub("", thesis or lede).strip()
    if len(text) > MAX_TITLE_CHARS:
        text = _main_clause(text)
    text = text[:1].upper() + text[1:]
    for separator in ("; ", " — ", " – ", ": ", ", "):
        head = _outside_brackets(text, separator)[0]
        if len(text) <= MAX_TITLE_CHARS or word_count(head) < 4:
            continue
        text = head
    return shorten(text.rstrip(" .;:,"), MAX_TITLE_CHARS) or "Untitled"


def _main_clause(text: str) -> str:
    """The sentence from its main clause on: past an opening subordinate clause ("If the
    talks fail, ...") or a short opening phrase of time or place ("Over the past week, ...")."""
    parts = _outside_brackets(text, ", ")
    if len(parts) < 2:
        return text
    head, rest = parts[0], ", ".join(parts[1:])
    opening = SUBORDINATE_OPENER.match(head) or (
        INTRODUCTORY_OPENER.match(head) and word_count(head) <= INTRODUCTORY_MAX_WORDS
    )
    return rest if opening and word_count(rest) >= 4 else text


def _outside_brackets(text: str, separator: str) -> list[str]:
    """The text split at each separator that stands outside parentheses and before no
    digit (the comma of "February 18, 2025" separates nothing)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        after = text[i + len(separator) : i + len(separator) + 1]
        if depth == 0 and text.startswith(separator, i) and not after.isdigit():
            parts.append(text[start:i])
            start = i + len(separator)
    return [*parts, text[start:]]

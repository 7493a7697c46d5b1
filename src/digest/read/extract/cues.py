"""The cues a reader weighs a sentence by, which the thesis, the claims and their kinds share.

Prescriptive modals ("should", "must"), strong judgements ("would be wrong", "is unlikely"),
a contrastive pivot ("But ..."), hard facts (figures, events).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...text import FIRST_PERSON
from .word_patterns import declare_word_starts, occurs, whole_words, word_starts

RECOMMENDATION = whole_words(
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
STRONG_JUDGEMENT = whole_words(
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
FORECAST = whole_words(
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
EVENT = whole_words(
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
POSSIBILITY = whole_words(r"could", r"may", r"might", r"would likely")
REPORTED = whole_words(
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
SPECULATION = whole_words(
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
THESIS_NOUN = whole_words(
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
# FIRST_PERSON's words (I, I'm, we, we're, our, us, my, me) as `word_starts` gives them.
declare_word_starts(FIRST_PERSON, frozenset(["i", "we", "our", "us", "my", "me"]))


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
        return occurs(pattern, text, starts)

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


def prescribes(text: str) -> bool:
    """A prescriptive modal, unless reported ("X insisted Y must") or open ("whether")."""
    return cues(text).prescribes

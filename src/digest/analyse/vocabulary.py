"""The corpus's vocabulary: what each distinct token is, and the stop words that make no subject."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

# Bits of a word's number in a phrase's key, so that a phrase of phrases.LONGEST_PHRASE words
# fits 64 bits. Words numbered past 2 million (in order of first use; a corpus of 20,000
# articles has a few hundred thousand) are left out of phrases.
PHRASE_BITS = 21

# Words that make no subject. Function words; then numbers, calendar and reporting words
# ("last week", "told reporters": when and who said, not what about); then the particles
# of names ("Anna van der Berg": a name, not a phrase about something).
_STOPWORD_TEXT = """
a about above across after again against ago all almost along already also although always
am among an and another any anything are around as at away back be became because become
becomes been before being below between both but by came can cannot could did do does doing
done down during each either else enough even ever every few for former from further get
gets getting give given gives go goes going gone got had has have having he her here hers
herself him himself his how however i if in including into is it its itself just last
later latter least less like made make makes making many may me might more most much must
my myself near nearly neither never new next no nor not now of off often on once one only
onto or other others otherwise our ours ourselves out over own per perhaps put rather
really said same say saying says see seem seemed seems several shall she should since so
some something still such take taken than that the their theirs them themselves then there
these they thing things this those though through thus to together too took toward towards
under until up upon us use used very via was way we well were what whatever when where
whether which while who whole whom whose why will with within without would yet you your
yours yourself
first second third two three four five six seven eight nine ten hundred hundreds thousand
thousands million millions billion billions percent
year years month months week weeks day days today yesterday tomorrow time times monday
tuesday wednesday thursday friday saturday sunday january february march april june july
august september october november december
told tell tells asked added noted wrote writes statement statements according reported
reports reporters interview mr mrs ms dr
von van der den del della bin ibn ter
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# A whitespace-separated token: punctuation before, the word, punctuation after. A word is
# letters, with inner hyphens and apostrophes; a token that is anything else breaks phrases.
_TOKEN = re.compile(r"(\W*?)([^\W\d_]+(?:[-'’][^\W\d_]+)*)(\W*)")
_POSSESSIVE = ("'s", "’s")
WORD_MASK = (1 << PHRASE_BITS) - 1


@dataclass(frozen=True, slots=True)
class Tokens:
    """What each distinct whitespace-separated token of the corpus is: the number of its
    word (-1 for a token that is no content word), whether the word is capitalised, and
    whether a phrase can go on after it or lead up to it (no punctuation in the way)."""

    word: npt.NDArray[np.int32]
    capital: npt.NDArray[np.bool_]
    goes_on: npt.NDArray[np.bool_]  # a content word with no punctuation after it
    follows_on: npt.NDArray[np.bool_]  # a content word with no punctuation before it
    words: tuple[str, ...]  # lower-cased, by number
    spelling: dict[tuple[str, bool], str]  # a word's usual spelling, capitalised or not


def read_tokens(token_ids: dict[str, int], frequency: npt.NDArray[np.int64]) -> Tokens:
    """Read each distinct token once: its word, capitalisation and punctuation; `frequency`
    is how often each token is used, to tell a word's usual spelling."""
    word = [-1] * len(token_ids)
    capital = [False] * len(token_ids)
    goes_on = [False] * len(token_ids)
    follows_on = [False] * len(token_ids)
    numbers: dict[str, int] = {}
    times = frequency.tolist()
    spellings: defaultdict[tuple[str, bool, str], int] = defaultdict(int)
    for token, i in token_ids.items():
        if token.isalpha():  # most tokens: a word alone
            lead, written, trail = "", token, ""
        elif match := _TOKEN.fullmatch(token):
            lead, written, trail = match.groups()
            if written[-2:] in _POSSESSIVE:  # "Oslo's": the word, and a break after it
                written, trail = written[:-2], "'s"
        else:
            continue
        folded = written.lower()
        if len(folded) < 3 or folded in STOPWORDS or not folded.replace("-", "").isalpha():
            continue
        word[i] = number = numbers.setdefault(folded, len(numbers))
        capital[i] = upper = written[0].isupper()
        phrasing = number <= WORD_MASK  # the word's number fits a phrase's key
        goes_on[i], follows_on[i] = phrasing and not trail, phrasing and not lead
        spellings[folded, upper, written] += times[i]
    usual: dict[tuple[str, bool], tuple[int, str]] = {}
    for (folded, upper, written), used in spellings.items():
        usual[folded, upper] = max(usual.get((folded, upper), (0, "")), (used, written))
    return Tokens(
        np.array(word, dtype=np.int32),
        np.array(capital, dtype=np.bool_),
        np.array(goes_on, dtype=np.bool_),
        np.array(follows_on, dtype=np.bool_),
        tuple(numbers),
        {key: written for key, (_, written) in usual.items()},
    )

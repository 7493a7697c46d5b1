"""The thesis of a piece: the sentence that states its news or its argument.

The genre decides: a news report's thesis is its lede, the sentence that states the news;
an opinion or analysis piece's is the sentence stating its argument, often after a scene-
setting opening, marked by a judgement, a prescriptive modal or a contrastive pivot. Each
sentence's evidence (`sentence_features`) is weighed by a logistic regression fitted on the
corpus's gold theses by tests/fit_reader.py (`thesis.json`); the page's genre enters as how
much of its opening argues rather than reports, so the same cue weighs differently in a
news report and in an op-ed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ...models.article import ArticleKind
from ...text import LIST_ITEM, ends_sentence, word_count
from .body_sentences import Sentence, body_sentences
from .cues import ANAPHOR, PIVOT, cues, prescribes
from .model import Features, LinearModel

MODEL_FILE = Path(__file__).with_name("thesis.json")
OPENING = 8  # the sentences that show a page's genre
LONG_PAGE = 25  # sentences: a whole article, not an excerpt; its argument may come late
OPENING_PARAGRAPHS = 8  # a thesis stands in these or in the last two paragraphs


@cache
def shipped_model() -> LinearModel:
    """The thesis model fitted on the corpus, as shipped beside this module."""
    return LinearModel.read(MODEL_FILE)


def pick_thesis(
    paragraphs: tuple[str, ...], kind: ArticleKind = "article", model: LinearModel | None = None
) -> str:
    """The sentence likeliest to state the piece's news or argument; the earliest wins a tie.

    A profile or listing page argues nothing itself: its thesis is the summary it opens with.
    """
    candidates = sentence_features(paragraphs)
    if not candidates:
        return ""
    if kind != "article":
        return next((s.text for s, f in candidates if f.get("sentence")), candidates[0][0].text)
    conclusion = candidates[-1][0].text
    if _is_whole(conclusion) and prescribes(conclusion):
        return conclusion  # an editorial that ends by saying what should be done argues that
    weigh = (model or shipped_model()).probabilities
    best = max(candidates, key=lambda c: (weigh(c[1])["thesis"], -c[0].index))
    return best[0].text


def sentence_features(paragraphs: tuple[str, ...]) -> list[tuple[Sentence, Features]]:
    """The sentences that may state the piece's thesis (those of its opening and closing
    paragraphs, where a thesis stands), each with the evidence that it does."""
    sentences = body_sentences(paragraphs)
    whole = [s for s in sentences if _is_whole(s.text)]
    lede = whole[0].index if whole else -1
    opening = whole[:OPENING]
    argues = sum(_argues(s.text) for s in opening) / len(opening) if opening else 0.0
    last = len(paragraphs) - 1
    long_page = float(len(whole) >= LONG_PAGE)
    is_whole = {s.index for s in whole}
    return [
        (s, _features(s, s.index in is_whole, lede, argues, last, long_page))
        for s in sentences
        if s.paragraph < OPENING_PARAGRAPHS or s.paragraph >= last - 1
    ]


def _is_whole(text: str) -> bool:
    """A sentence a reader could quote as a thesis: it ends, it is not a list item or label."""
    return ends_sentence(text) and word_count(text) >= 6 and not LIST_ITEM.match(text)


def _argues(text: str) -> bool:
    cue = cues(text)
    return bool(
        cue.prescribes
        or cue.judgement
        or cue.first_person
        or PIVOT.match(text)
        or text.rstrip("”\"’' ").endswith("?")
    )


def _features(
    sentence: Sentence, whole: bool, lede: int, argues: float, last: int, long_page: float
) -> Features:
    """The evidence that a sentence states the thesis, the nonzero features by name. One table,
    however long: the fitted weights (`thesis.json`) are keyed by these names, and a feature
    read beside the others is checked against them at a glance."""
    text = sentence.text
    cue = cues(text)
    words = word_count(text)
    is_lede = float(sentence.index == lede)
    judgement = float(cue.judgement)
    modal = float(cue.prescribes)
    pivot = float(bool(PIVOT.match(text)))
    features = {
        "sentence": float(whole),
        "lede": is_lede,
        "lede in a report": is_lede * (1 - argues),
        "lede in an argument": is_lede * argues,
        "second sentence": float(sentence.index == lede + 1),
        "third sentence": float(sentence.index == lede + 2),
        "first paragraph": float(sentence.paragraph == 0),
        "second paragraph": float(sentence.paragraph == 1),
        "later paragraph": float(sentence.paragraph >= 3),
        "closing paragraph": float(sentence.paragraph == last and last >= 3),
        "judgement": judgement,
        "judgement in an argument": judgement * argues,
        "prescriptive modal": modal,
        "modal in an argument": modal * argues,
        "pivot": pivot,
        "pivot in an argument": pivot * argues,
        "thesis noun": float(cue.thesis_noun),
        "forecast": float(cue.forecast),
        "event": float(cue.event),
        "figure": float(cue.figure),
        "reported speech": float(cue.reported),
        "quotation": float("“" in text or '"' in text),
        "question": float(text.rstrip("”\"’' ").endswith("?")),
        "context-bound opener": float(bool(ANAPHOR.match(text))),
        "speculation": float(cue.speculation),
        "first person": float(cue.first_person),
        "short": float(words < 10),
        "long": float(words > 45),
        "lede of a long page": is_lede * long_page,
        "closing paragraph of a long page": float(sentence.paragraph >= last - 1) * long_page,
        "judgement on a long page": judgement * long_page,
        "modal on a long page": modal * long_page,
        "pivot on a long page": pivot * long_page,
    }
    return {name: value for name, value in features.items() if value}

"""The body's sentences, each with where it stands: what the thesis and the claims weigh."""

from __future__ import annotations

from dataclasses import dataclass

from ...text import sentences


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

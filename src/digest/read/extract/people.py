"""Who wrote the piece: bylines and bios, wherever the page puts them.

The patterns are the ones a reader uses: a bio names a person and then says what they do
("X is a senior fellow at ...", "X, professor of ... at ..., served ..."); a byline is a short
"By X" line.
"""

from __future__ import annotations

import re

from ...models.article import Author
from ...text import PERSON_NAME, sentences
from .bio_words import BIO_VERB, DECOR, SPEECH, SPEECH_RX, has_role
from .name_words import NOT_NAME_START, TITLE_WORDS, names_a_body

# "X is a senior fellow at ...", "X and Y are ...", "X teaches ..."
_BIO_IS = re.compile(
    rf"^{DECOR}(?i:about the authors?:?\s*)?(?P<names>{PERSON_NAME}"
    rf"(?:(?:,\s*|,?\s+and\s+){PERSON_NAME})*)(?:\s*\([^)]{{0,60}}\))?\s+"
    r"(?P<verb>is|are|was|has been|serves as|served as|teaches|writes|covers|leads|directs|heads)"
    r"\s+(?P<rest>.+)$",
    re.DOTALL,
)
# "X, professor of ... at Y, served ..." (a verb of saying there makes it a quotation)
_BIO_APPOSITIVE = re.compile(
    rf"^{DECOR}(?P<names>{PERSON_NAME}),\s+(?P<appositive>.{{3,250}}?),\s+"
    rf"(?P<verb>{BIO_VERB}|{SPEECH})\b",
    re.DOTALL,
)
_BYLINE = re.compile(
    r"^(?i:by|written by|words by|story by|reporting by|text by|author:|authors:|posted by)"
    r"\s+(?P<names>.{3,120}?)\.?$"
)
# The last segment of a byline after a separator: an outlet, a place or a date.
_BYLINE_TAIL = re.compile(r"(?:\s+[|–—-]\s+|,\s*|\s+for\s+|\s+in\s+)[^|–—,]*$")
_NAME_LIST_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)")
_FULL_NAME = re.compile(rf"^(?:{TITLE_WORDS}\s+)?(?P<name>{PERSON_NAME})$")


def is_person_name(text: str) -> bool:
    """Tell whether text reads as a person's name and not a place or a sentence opener."""
    words = text.split()
    if not 2 <= len(words) <= 6 or not re.fullmatch(PERSON_NAME, text):
        return False
    if words[0].lower().strip(".") in NOT_NAME_START:
        return False
    return not any(names_a_body(w) for w in words)


def _names_in(run: str) -> list[str]:
    """Split 'A, B and C' into names; empty when any part is not a person's name."""
    names = []
    for part in _NAME_LIST_SPLIT.split(run.strip()):
        match = _FULL_NAME.match(_name_case(part))
        if not match or not is_person_name(match.group("name")):
            return []
        names.append(match.group("name"))
    return names


def _name_case(name: str) -> str:
    """Title-case a name written in capitals ("JANE DOE" in a byline)."""
    return name.title() if name.isupper() and len(name) > 3 else name


def is_byline(line: str) -> bool:
    """Tell whether a line is a byline ("By X", "Author: X"), whoever X is: a writer, or an
    organisation that names no one."""
    return bool(_BYLINE.match(line.strip()))


def parse_byline(line: str) -> list[Author]:
    """The authors of a 'By X and Y' line, or [] when the line is not a byline.

    Trailing segments that are not names ("| Reuters", ", Kyiv") are dropped one at a time.
    """
    match = _BYLINE.match(line.strip())
    run = match.group("names") if match else ""
    while run:
        names = _names_in(run)
        if names:
            return [Author(name) for name in names]
        shorter = _BYLINE_TAIL.sub("", run, count=1)
        run = "" if shorter == run else shorter
    return []


_HONORIFIC = re.compile(r"^(?:Dr|Prof|Professor|Mr|Mrs|Ms)\.?\s+")


def parse_name_line(line: str) -> list[Author]:
    """The writer of a line that is only a name ("Jane Doe", "JANE DOE", "Dr Jane Doe")."""
    name = _name_case(_HONORIFIC.sub("", line.strip()))
    return [Author(name)] if is_person_name(name) else []


def _bio_subjects(sentence: str) -> list[str]:
    """The people a sentence introduces as a bio ("X is a senior fellow at ..."), else []."""
    match = _BIO_IS.match(sentence)
    if match:
        head = " ".join(match.group("rest").split()[:14])
        if has_role(head) or match.group("verb").lower() in ("teaches", "writes", "covers"):
            return _names_in(match.group("names"))
        return []
    match = _BIO_APPOSITIVE.match(sentence)
    if match and has_role(match.group("appositive")):
        if SPEECH_RX.fullmatch(match.group("verb")):
            return []  # "X, a senior fellow at Y, said ..." quotes an expert
        return _names_in(match.group("names"))
    return []


def parse_bio(paragraph: str) -> list[Author]:
    """The authors a bio paragraph introduces, each with their own sentences as bio.

    The paragraph must open with a bio sentence and carry no quotation; later sentences belong
    to the last person introduced, so one paragraph can hold two authors' bios.
    """
    parts = sentences(paragraph)
    if not parts or not _bio_subjects(parts[0]):
        return []
    if SPEECH_RX.search(paragraph) and not _bio_subjects(paragraph):
        return []
    groups: list[tuple[list[str], list[str]]] = []
    for sentence in parts:
        subjects = _bio_subjects(sentence)
        if subjects:
            groups.append((subjects, [sentence]))
        else:
            groups[-1][1].append(sentence)
    return [Author(name, _undecorated(" ".join(text))) for names, text in groups for name in names]


def _undecorated(text: str) -> str:
    """Drop the dashes and italics markers a page sets around a bio."""
    return text.strip(" *_—–-")


_CONTINUATION_OPENERS = re.compile(
    r"\b(?:prior to|before|previously|earlier|formerly|until|from \d{4}|since \d{4}|"
    r"(?:he|she|they) (?:is|was|has|had|served|holds|held|also)|"
    r"(?:was|served|worked|held|joined|taught|has written|is the author))\b",
    re.IGNORECASE,
)


def continues_bio(paragraph: str, author: Author) -> bool:
    """Tell whether a paragraph after a bio goes on about the same person's career.

    "Prior to joining the institute, Doe was a diplomat in Vienna ..." names the
    author by surname (or a pronoun) and uses career verbs; it carries no quotation.
    """
    first = sentences(paragraph)[:1]
    if not first or SPEECH_RX.search(paragraph) or "“" in paragraph or '"' in paragraph:
        return False
    surname = author.name.split()[-1]
    mentions = re.search(rf"\b{re.escape(surname)}\b|^(?:He|She|They)\b", first[0])
    return bool(mentions and _CONTINUATION_OPENERS.search(first[0]) and has_role(paragraph))

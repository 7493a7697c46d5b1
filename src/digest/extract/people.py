"""Who wrote the piece (bylines, bios) and who is quoted in it (experts with affiliations).

The patterns are the ones a reader uses: a bio names a person and then says what they do
("X is a senior fellow at ...", "X, professor of ... at ..., served ..."); a byline is a short
"By X" line; an expert is a named person with an affiliation attached to a verb of saying.
"""

from __future__ import annotations

import re

from ..models import Author, Quoted
from ..text import PERSON_NAME, fold, sentences

# Nouns that say what a person does for a living: the core of a bio or an affiliation.
ROLE_NOUNS = (
    "fellow",
    "professor",
    "director",
    "chair",
    "chairman",
    "chairwoman",
    "editor",
    "correspondent",
    "columnist",
    "contributor",
    "writer",
    "author",
    "journalist",
    "reporter",
    "analyst",
    "researcher",
    "scholar",
    "lecturer",
    "scientist",
    "economist",
    "historian",
    "ambassador",
    "diplomat",
    "officer",
    "official",
    "adviser",
    "advisor",
    "consultant",
    "founder",
    "co-founder",
    "head",
    "dean",
    "partner",
    "associate",
    "specialist",
    "expert",
    "strategist",
    "commentator",
    "lawyer",
    "attorney",
    "candidate",
    "chief",
    "manager",
    "coordinator",
    "principal",
    "producer",
    "host",
    "president",
    "vice president",
    "member",
    "veteran",
    "student",
    "instructor",
    "teacher",
    "executive",
    "ceo",
    "secretary",
    "envoy",
)
# Words that mark an institution in an affiliation.
INSTITUTION_WORDS = (
    "university",
    "institute",
    "endowment",
    "council",
    "center",
    "centre",
    "foundation",
    "school",
    "college",
    "corporation",
    "program",
    "programme",
    "initiative",
    "academy",
    "think tank",
    "project",
    "forum",
    "society",
    "observatory",
    "laboratory",
    "group",
    "rand",
    "brookings",
    "chatham house",
)
# Verbs of saying that attach a quotation or a cited view to a person.
SPEECH_VERBS = (
    "said",
    "says",
    "told",
    "noted",
    "notes",
    "argued",
    "argues",
    "added",
    "explained",
    "warned",
    "warns",
    "wrote",
    "writes",
    "observed",
    "suggested",
    "suggests",
    "stated",
    "remarked",
    "cautioned",
    "predicted",
    "estimated",
    "estimates",
    "believes",
    "contends",
    "insisted",
    "acknowledged",
    "emphasized",
    "emphasised",
    "pointed out",
    "according",
    "recalled",
    "concluded",
    "asked",
)
# Roles that make a quoted person an expert rather than a newsmaker (a minister, a spokesman).
EXPERT_ROLES = (
    "fellow",
    "professor",
    "analyst",
    "researcher",
    "scholar",
    "expert",
    "economist",
    "historian",
    "scientist",
    "lecturer",
    "specialist",
    "strategist",
    "director",
    "dean",
    "founder",
    "adviser",
    "advisor",
    "consultant",
    "commentator",
)
# Verbs that continue a bio after an appositive ("X, professor at Y, served at ...").
BIO_VERBS = (
    "is",
    "was",
    "has",
    "had",
    "served",
    "serves",
    "worked",
    "works",
    "teaches",
    "taught",
    "leads",
    "led",
    "directs",
    "directed",
    "heads",
    "headed",
    "holds",
    "held",
    "previously",
    "formerly",
    "also",
    "edits",
    "covers",
    "joined",
    "founded",
    "advises",
    "advised",
    "chairs",
    "chaired",
    "spent",
    "received",
    "earned",
    "co-authored",
    "authored",
    "is the author",
)
# Words a capitalised run can start with that make it something other than a person's name.
NOT_NAME_START = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "in",
        "on",
        "at",
        "for",
        "but",
        "and",
        "or",
        "if",
        "as",
        "when",
        "while",
        "since",
        "after",
        "before",
        "during",
        "under",
        "over",
        "with",
        "without",
        "by",
        "from",
        "to",
        "of",
        "our",
        "their",
        "his",
        "her",
        "we",
        "they",
        "he",
        "she",
        "president",
        "prime",
        "minister",
        "secretary",
        "general",
        "senator",
        "mr",
        "mrs",
        "ms",
        "dr",
        "professor",
        "former",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
TITLE_WORDS = (
    r"(?:President|Prime Minister|Secretary|Senator|Sen\.|Rep\.|Gov\.|General|Gen\.|"
    r"Minister|Mr\.|Mrs\.|Ms\.|Dr\.|Professor|Prof\.|Ambassador|Judge|Justice)"
)

_ROLE = "|".join(re.escape(r) for r in ROLE_NOUNS)
_ROLE_RX = re.compile(rf"\b(?:{_ROLE})s?\b", re.IGNORECASE)
_EXPERT_RX = re.compile(rf"\b(?:{'|'.join(re.escape(r) for r in EXPERT_ROLES)})s?\b", re.IGNORECASE)
_INSTITUTION_RX = re.compile(
    "|".join(rf"\b{re.escape(w)}\b" for w in INSTITUTION_WORDS), re.IGNORECASE
)
_SPEECH = "|".join(re.escape(v) for v in SPEECH_VERBS)
_SPEECH_RX = re.compile(rf"\b(?:{_SPEECH})\b", re.IGNORECASE)
_BIO_VERB = "|".join(re.escape(v) for v in BIO_VERBS)
_DECOR = r"[\s*_—–-]*"  # italics markers and dashes op-ed pages put before a bio

_BIO_IS = re.compile(
    rf"^{_DECOR}(?i:about the authors?:?\s*)?(?P<names>{PERSON_NAME}"
    rf"(?:(?:,\s*|,?\s+and\s+){PERSON_NAME})*)(?:\s*\([^)]{{0,60}}\))?\s+"
    r"(?P<verb>is|are|was|has been|serves as|served as|teaches|writes|covers|leads|directs|heads)"
    r"\s+(?P<rest>.+)$",
    re.DOTALL,
)
_BIO_APPOSITIVE = re.compile(
    rf"^{_DECOR}(?P<names>{PERSON_NAME}),\s+(?P<appositive>.{{3,250}}?),\s+"
    rf"(?P<verb>{_BIO_VERB}|{_SPEECH})\b",
    re.DOTALL,
)
_BYLINE = re.compile(
    r"^(?i:by|written by|words by|story by|reporting by|text by)\s+(?P<names>.{3,120}?)\.?$"
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
    return words[0].lower().strip(".") not in NOT_NAME_START


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


def has_role(text: str) -> bool:
    """Tell whether text says what someone does (a role noun such as fellow or editor)."""
    return bool(_ROLE_RX.search(text))


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
        if _SPEECH_RX.fullmatch(match.group("verb")):
            return []  # "X, a senior fellow at Y, said ..." quotes an expert
        return _names_in(match.group("names"))
    return []


def parse_bio(paragraph: str) -> list[Author]:
    """The authors a bio paragraph introduces, each with their own sentences as bio.

    The paragraph must open with a bio sentence and carry no quotation; later sentences belong
    to the last person introduced, so one paragraph can hold two authors' bios.
    """
    if _SPEECH_RX.search(paragraph) and not _bio_subjects(paragraph):
        return []
    parts = sentences(paragraph)
    if not parts or not _bio_subjects(parts[0]):
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

    "Prior to joining Carnegie, Rumer was the national intelligence officer ..." names the
    author by surname (or a pronoun) and uses career verbs; it carries no quotation.
    """
    first = sentences(paragraph)[:1]
    if not first or _SPEECH_RX.search(paragraph) or "“" in paragraph or '"' in paragraph:
        return False
    surname = author.name.split()[-1]
    mentions = re.search(rf"\b{re.escape(surname)}\b|^(?:He|She|They)\b", first[0])
    return bool(mentions and _CONTINUATION_OPENERS.search(first[0]) and has_role(paragraph))


# --- quoted experts -------------------------------------------------------------------

_AFFIL = r"(?P<affil>[^“”\"]{4,200}?)"
_NAME_GROUP = rf"(?:{TITLE_WORDS}\s+)?(?P<name>{PERSON_NAME})"
_QUOTED_PATTERNS = (
    # "..., said Michael Kofman, senior fellow at the X Endowment, who ..."
    re.compile(rf"\b(?:{_SPEECH})\s+{_NAME_GROUP},\s+{_AFFIL}(?:,|\.|;|$)"),
    # "Eric Doe, a former official now an expert at X, noted that ..."
    re.compile(rf"{_NAME_GROUP},\s+{_AFFIL},\s+(?:has |had |also )?(?:{_SPEECH})\b"),
    # "according to Jane Doe, a professor at Y."
    re.compile(rf"\b(?i:according to)\s+{_NAME_GROUP},\s+{_AFFIL}(?:,|\.|;|$)"),
    # "Jane Doe of the Brookings Institution said ..."
    re.compile(
        rf"{_NAME_GROUP}\s+(?P<affil>(?:of|at|from)\s+(?:the\s+)?[A-Z][\w’'.&-]*"
        rf"(?:\s+(?:of|for|on|and|the|[A-Z][\w’'.&-]*))*),?\s+(?:{_SPEECH})\b"
    ),
)


def _is_expert_affiliation(affiliation: str) -> bool:
    return bool(_INSTITUTION_RX.search(affiliation) or _EXPERT_RX.search(affiliation))


def find_quoted(paragraphs: tuple[str, ...], authors: tuple[Author, ...]) -> tuple[Quoted, ...]:
    """People quoted or cited with an affiliation, in order of first mention; never authors."""
    author_keys = {fold(a.name) for a in authors}
    found: dict[str, Quoted] = {}
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            for quoted in _quoted_in(sentence):
                key = fold(quoted.name)
                if key not in author_keys and key not in found:
                    found[key] = quoted
    return tuple(found.values())


def _quoted_in(sentence: str) -> list[Quoted]:
    result = []
    for pattern in _QUOTED_PATTERNS:
        for match in pattern.finditer(sentence):
            name = match.group("name")
            affiliation = match.group("affil").strip().removeprefix("who is ").strip()
            if is_person_name(name) and _is_expert_affiliation(affiliation):
                result.append(Quoted(name, affiliation.rstrip(".,;")))
    return result

"""Word lists the people extractors share: roles, institutions, verbs of saying, titles."""

from __future__ import annotations

import re

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
    # "has"/"had" only with a career verb: "X, the Polish president, has called on ..."
    # reports news, "X, professor at Y, has written ..." introduces a writer.
    "has been",
    "had been",
    "has served",
    "has written",
    "has worked",
    "has taught",
    "has held",
    "has led",
    "has published",
    "has authored",
    "has advised",
    "has covered",
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
# Capitalised words that name bodies, places, programmes and things, never a person: a
# capitalised run holding one ("the White House said", "By Atlantic Council", "Nobel Peace
# Prize", "Morning Edition") is not a person's name.
NOT_PERSON_WORDS = frozenset(
    [w.split()[-1] for w in INSTITUTION_WORDS]
    + """house ministry department council agency office union kremlin government administration
    party committee commission parliament congress senate court bank fund times post journal
    news press network forces army navy military guard service services company nations states
    republic federation alliance summit declaration treaty reuters politico axios bloomberg
    moscow kyiv kiev washington brussels beijing london paris berlin tehran minsk warsaw ankara
    riyadh ukraine russia america europe china iran nato eu un pentagon white lab labs prize
    award edition morning evening weekly daily briefing report review magazine media staff
    desk team editors editorial board live update updates newsletter podcast""".split()
)
TITLE_WORDS = (
    r"(?:President|Prime Minister|Secretary|Senator|Sen\.|Rep\.|Gov\.|General|Gen\.|"
    r"Minister|Mr\.|Mrs\.|Ms\.|Dr\.|Professor|Prof\.|Ambassador|Judge|Justice)"
)

ROLE = "|".join(re.escape(r) for r in ROLE_NOUNS)
ROLE_RX = re.compile(rf"\b(?:{ROLE})s?\b", re.IGNORECASE)
EXPERT_RX = re.compile(rf"\b(?:{'|'.join(re.escape(r) for r in EXPERT_ROLES)})s?\b", re.IGNORECASE)
INSTITUTION_RX = re.compile(
    "|".join(rf"\b{re.escape(w)}\b" for w in INSTITUTION_WORDS), re.IGNORECASE
)
SPEECH = "|".join(re.escape(v) for v in SPEECH_VERBS)
SPEECH_RX = re.compile(rf"\b(?:{SPEECH})\b", re.IGNORECASE)
BIO_VERB = "|".join(re.escape(v) for v in BIO_VERBS)
DECOR = r"[\s*_—–-]*"  # italics markers and dashes op-ed pages put before a bio


def has_role(text: str) -> bool:
    """Tell whether text says what someone does (a role noun such as fellow or editor)."""
    return bool(ROLE_RX.search(text))

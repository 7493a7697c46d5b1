"""The people a piece reports, with what they said: officials and experts alike, never its
authors and never an outlet.

A reader attributes words or views by the verbs that carry them: "X said", "said X",
"according to X", "X, a senior fellow at Y, warned", "as X put it", "X called it a success",
"denied by X", "Source: X, spokesperson for Y". Titles and roles before a name ("Ukrainian
President", "Secretary of State", "Colonel") are the person's role, not their name; a surname
alone ("Novak said") is the person the text names in full, when it names one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ...models.article import Author, Quoted
from ...text import NAME_WORD, PARTICLE, fold, sentences
from .name_words import NOT_NAME_START, names_a_body

# Verbs that report what someone said or thinks, after their name ("X said", "X called").
REPORTING_VERBS = (
    "said", "says", "told", "tells", "noted", "notes", "argued", "argues", "added", "adds",
    "explained", "warned", "warns", "wrote", "writes", "observed", "suggested", "suggests",
    "stated", "remarked", "cautioned", "predicted", "estimated", "estimates", "believes",
    "thinks", "contends", "insisted", "insists", "acknowledged", "emphasized", "emphasised",
    "stressed", "stresses", "underlined", "pointed out", "recalled", "concluded", "asked",
    "claimed", "claims", "declared", "declares", "announced", "urged", "urges", "rejected",
    "reiterated", "denied", "tweeted", "posted", "complained", "called", "calls", "proposed",
    "threatened", "vowed", "pledged", "admitted", "conceded", "described", "demanded",
    "accused", "advised", "asserted", "maintained", "replied", "responded", "confirmed",
    "expressed", "welcomed", "criticized", "criticised", "dismissed", "hailed", "promised",
    "questioned", "ruled out", "spelled out", "made clear", "agreed", "insisting", "declaring",
    "saying", "telling", "warning", "arguing", "adding", "noting",
)  # fmt: skip
# Verbs a bare capitalised word also carries when it is a newspaper or a capital ("Politico
# reported", "Moscow claims"): they attribute words to a single word only when it is a
# person's surname the text gives in full.
INSTITUTION_VERBS = frozenset(
    [
        "reported",
        "announced",
        "estimated",
        "estimates",
        "posted",
        "confirmed",
        "claims",
        "claimed",
        "agreed",
    ]
)
# Words between a name and its verb: "Novak has repeatedly threatened", "Berg again rejected".
_BETWEEN = (
    r"has|had|have|also|again|publicly|reportedly|repeatedly|frequently|previously|recently|"
    r"later|then|still|once|even|further|earlier|openly|privately|angrily|bluntly|firmly|"
    r"himself|herself|on \w+day|last \w+|this \w+|back from|from"
)
# Words a run of capitals can hold before the name proper: titles, ranks, demonyms, bodies.
TITLE_WORDS = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "ministers",
        "secretary",
        "general",
        "gen",
        "lt",
        "lieutenant",
        "colonel",
        "col",
        "major",
        "maj",
        "captain",
        "capt",
        "commander",
        "chief",
        "chancellor",
        "premier",
        "senator",
        "sen",
        "rep",
        "representative",
        "governor",
        "gov",
        "ambassador",
        "envoy",
        "special",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "foreign",
        "defence",
        "defense",
        "interior",
        "finance",
        "state",
        "deputy",
        "acting",
        "former",
        "crown",
        "prince",
        "princess",
        "king",
        "queen",
        "sheikh",
        "emir",
        "pope",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "professor",
        "judge",
        "justice",
        "mayor",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "head",
        "leader",
        "adviser",
        "advisor",
        "admiral",
        "marshal",
        "sergeant",
        "pm",
        "mp",
        "president-elect",
        "first",
        "lady",
        "national",
        "security",
        "of",
        "the",
        "and",
        "for",
    ]
)
# "Jan Novak", "von der Berg", "O'Neill": a name's words, with lower-case particles.
_NAME_RUN = rf"(?:{NAME_WORD}|[A-Z]\.)(?:\s+(?:{PARTICLE}\s+){{0,2}}(?:{NAME_WORD}|[A-Z]\.)){{0,6}}"
_VERB = "|".join(re.escape(v) for v in sorted(REPORTING_VERBS, key=len, reverse=True))
_APPOSITIVE = r",\s(?P<appositive>[^,;“”\"]{2,150}?),"
_SUBJECT_FIRST = re.compile(
    rf"(?P<name>{_NAME_RUN})(?:{_APPOSITIVE}|,\s+who)?\s+(?:(?:{_BETWEEN})\s+){{0,3}}[“\"]?"
    rf"(?P<verb>{_VERB})\b"
)
# Verbs before the name: "said Novak", "according to Novak", "denied by Novak".
_SAID = ("said", "says", "added", "noted", "wrote", "warned", "asked", "explained")
_DONE_BY = (
    "denied", "rejected", "dismissed", "criticized", "criticised", "disputed", "confirmed",
    "proposed",
)  # fmt: skip
_VERB_FIRST = re.compile(
    rf"\b(?:(?:{'|'.join(_SAID)}|according to|(?:{'|'.join(_DONE_BY)}) by)\s+)"
    rf"(?P<name>{_NAME_RUN})(?:,\s(?P<appositive>[^,;“”\"]{{2,150}}?)(?:,|[.;]?$))?"
)
_AS_PUT = re.compile(
    rf"\bas\s+(?P<name>{_NAME_RUN})(?:{_APPOSITIVE})?\s+(?:put it|said|noted|wrote|argued)"
)
_ROLE_THEN_NAME = re.compile(
    rf"\b(?:said|warned|added|noted|wrote|told)\s+(?:the|a|an)\s+(?P<appositive>[a-z][^,.;“”]"
    rf"{{2,120}}),\s+(?P<name>{_NAME_RUN})\s*[.,;]"
)
# "Novak’s position was blunt": a person's stated view, named by its noun.
_VIEW_OF = re.compile(
    rf"(?P<name>{_NAME_RUN})[’']s\s+(?:[\w-]+\s+)?(?:position|view|views|stance|posture|line|"
    r"demands?|argument|remarks|comments|statement|claims?|call|proposal|plan|message|warning|"
    r"threats?|promise|pledge)\b"
)
_SOURCE = re.compile(rf"^Source:\s+(?P<name>{_NAME_RUN}),\s+(?P<appositive>[^;.]{{2,150}})")


@dataclass(frozen=True, slots=True)
class Mention:
    """A name a sentence attributes words or views to, as written (titles stripped)."""

    name: str
    role: str  # the appositive or the titles before the name, "" when none
    sentence: str


def find_quoted(paragraphs: tuple[str, ...], authors: tuple[Author, ...]) -> tuple[Quoted, ...]:
    """Everyone whose words or views the body reports, in order of first mention, each under
    the fullest form of their name the text gives, with their role and statements."""
    text = " ".join(paragraphs)
    full_names: Counter[str] | None = None  # found when a surname alone needs them
    people: dict[str, Quoted] = {}
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            for mention in _mentions(sentence):
                if full_names is None and " " not in mention.name:
                    full_names = _full_names(text)
                name = _resolved(mention.name, full_names or Counter(), text)
                if name is None or _is_author(name, authors):
                    continue
                people[fold(name)] = _with_statement(people.get(fold(name)), name, mention)
    return tuple(people.values())


def _first_words(*phrases: str) -> frozenset[str]:
    return frozenset(phrase.split()[0] for phrase in phrases)


# Each pattern with the words a sentence must hold for it to match (a multi-word verb by its
# first word): a sentence without them is not searched; most sentences report nobody.
_CUED_PATTERNS = (
    (_SUBJECT_FIRST, _first_words(*REPORTING_VERBS)),
    (_VERB_FIRST, frozenset([*_SAID, *_DONE_BY, "according"])),
    (_AS_PUT, frozenset(["put", "said", "noted", "wrote", "argued"])),
    (_ROLE_THEN_NAME, _first_words("said", "warned", "added", "noted", "wrote", "told")),
    (_VIEW_OF, frozenset(["’s", "'s"])),
    (_SOURCE, frozenset(["source"])),
)
_WORD = re.compile(r"[a-z]+|[’']s\b")  # words, and the possessive


def _mentions(sentence: str) -> list[Mention]:
    words = frozenset(_WORD.findall(sentence.lower()))
    found = []
    for pattern, cues in _CUED_PATTERNS:
        if cues.isdisjoint(words):
            continue
        for match in pattern.finditer(sentence):
            verb = match.groupdict().get("verb")
            name, titles = _strip_titles(match.group("name"))
            if not name or (len(name.split()) == 1 and verb in INSTITUTION_VERBS):
                continue
            role = (match.groupdict().get("appositive") or "").strip() or titles
            found.append(Mention(name, role, sentence))
    return found


def _strip_titles(run: str) -> tuple[str, str]:
    """Split "Ruritanian President Jan Novak" into the name and what stands before
    it: a possessor ("Ukraine’s"), and everything up to the last title ("European
    Commission President")."""
    words = run.split()
    start = 1 if len(words) > 1 and re.search(r"[’']s$", words[0]) else 0
    titles = [i for i in range(start, len(words) - 1) if _is_title(words[i])]
    start = titles[-1] + 1 if titles else start
    if _is_title(words[start]):
        return "", run
    return " ".join(words[start:]), " ".join(words[:start])


def _is_title(word: str) -> bool:
    return word.strip(".,").lower() in TITLE_WORDS


def _is_person(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 4 or words[0].lower().strip(".") in NOT_NAME_START:
        return False
    return not any(names_a_body(w) for w in words)


def _full_names(text: str) -> Counter[str]:
    """The names of two or more words the text gives (titles and the places or bodies before
    them stripped: "Ruritania Jan Novak"), with how often it gives each."""
    names: Counter[str] = Counter()
    for match in re.finditer(_NAME_RUN, text):
        words = _strip_titles(match.group(0))[0].split()
        while words and names_a_body(words[0]):
            words = words[1:]
        name = " ".join(words)
        if len(words) >= 2 and _is_person(name):
            names[name] += 1
    return names


def _resolved(name: str, full_names: Counter[str], text: str) -> str | None:
    """The fullest form of a name the text gives: a surname alone (or with a title) is the
    person of the text with that surname (the one it names most). A single word the text
    gives no fuller form of is a name when the text capitalises it inside a sentence too, or
    when it is no plural ("Diplomats said", "Officials warned" name groups, not people).
    None when the name is not a person's."""
    if not _is_person(name):
        return None
    if len(name.split()) > 1:
        return name
    fuller = [(count, n) for n, count in full_names.items() if n.split()[-1] == name]
    if fuller:
        return max(fuller)[1]
    inside = re.search(rf"[\w,;:’'”] {re.escape(name)}\b", text)
    return name if inside or not name.endswith("s") else None


def _is_author(name: str, authors: tuple[Author, ...]) -> bool:
    key = fold(name)
    return any(key in (fold(a.name), fold(a.name.split()[-1])) for a in authors)


def _with_statement(known: Quoted | None, name: str, mention: Mention) -> Quoted:
    if known is None:
        return Quoted(name, mention.role, statements=(mention.sentence,))
    statements = known.statements
    if mention.sentence not in statements:
        statements += (mention.sentence,)
    return Quoted(known.name, known.affiliation or mention.role, statements=statements)

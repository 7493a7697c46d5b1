"""People across the digest: every author and quoted person once, however the texts spell
their name, with what they are reported to have said.

Texts spell one person several ways: transliterations ("Zelenskiy", "Zelensky",
"Zelenskyy"), a title or honorific before the name ("Dr Jane Doe"), a middle initial
("Jan K. Novak"), the surname alone after the first mention. A name's key folds these
away (case, accents and punctuation; titles; initials; the transliterated endings of a
word). Two full names with the same key are one person; a surname alone is the person of
that surname when the digest has exactly one, and stays apart when it has several (two
different Novaks are never merged, nor is a bare "Novak" given to either).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..models.article import Article
from ..models.indexes import PersonEntry, Statement
from ..text import fold, make_slug

# Words before a name that are not part of it: honorifics and the titles texts put there.
TITLES = frozenset((
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "president", "prime", "minister", "secretary", "general", "gen", "chancellor", "senator",
    "sen", "rep", "ambassador", "colonel", "col", "captain", "capt", "major", "maj",
    "lieutenant", "lt", "admiral", "sergeant", "mayor", "governor", "gov", "judge", "justice",
    "king", "queen", "prince", "princess", "sheikh", "pope", "former", "acting", "deputy",
    "foreign", "defence", "defense",
))  # fmt: skip
# Transliterated endings one name is spelt with ("-iy", "-yy", "-yi" of Zelenskiy,
# Zelenskyy; "-ei", "-ey" of Sergei, Sergey): each ending is read as its plainest form.
_ENDINGS = ((re.compile(r"(?:iy|yy|yi|ij|ii)$"), "y"), (re.compile(r"ey$"), "ei"))


def name_key(name: str) -> str:
    """The key under which spellings of one person's name meet: folded, titles and initials
    dropped, transliterated endings made plain."""
    words = fold(name).split()
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    if len(words) > 1:
        words = [w for w in words if len(w) > 1] or words
    return " ".join(_plain_ending(w) for w in words)


def _plain_ending(word: str) -> str:
    for pattern, plain in _ENDINGS:
        word = pattern.sub(plain, word)
    return word


@dataclass(slots=True)
class _Person:
    """A person being gathered from the articles' mentions."""

    names: Counter[str] = field(default_factory=Counter)
    order: list[str] = field(default_factory=list)  # spellings in order of first appearance
    roles: dict[str, str] = field(default_factory=dict)  # folded role -> as written
    bio: str = ""
    wrote: dict[str, None] = field(default_factory=dict)
    quoted_in: dict[str, None] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)

    def spelt(self, name: str) -> None:
        if name not in self.names:
            self.order.append(name)
        self.names[name] += 1

    @property
    def name(self) -> str:
        """The fullest spelling: most words, then the commonest, then the first seen."""
        return max(self.order, key=lambda n: (len(n.split()), self.names[n], -self.order.index(n)))


@dataclass(frozen=True, slots=True)
class People:
    """The people of a digest, and the page slug of every name the articles give."""

    entries: tuple[PersonEntry, ...]  # by slug
    slug_of: dict[str, str]  # name as written -> the slug of its person


def gather_people(articles: Sequence[Article]) -> People:
    """Every author and quoted person of the articles (given in site order) once."""
    keys = _merged_keys(
        dict.fromkeys(
            [a.name for article in articles for a in article.authors]
            + [q.name for article in articles for q in article.quoted]
        )
    )
    role_key = lru_cache(maxsize=None)(fold)  # a digest repeats a few roles many times
    people: dict[str, _Person] = defaultdict(_Person)
    for article in articles:
        for author in article.authors:
            person = people[keys[author.name]]
            person.spelt(author.name)
            person.wrote[article.slug] = None
            person.bio = max(person.bio, author.bio, key=len)
        for quoted in article.quoted:
            person = people[keys[quoted.name]]
            person.spelt(quoted.name)
            person.quoted_in[article.slug] = None
            if quoted.affiliation:
                person.roles.setdefault(role_key(quoted.affiliation), quoted.affiliation)
            person.statements += _statements(article, quoted.statements)
    slugs = _unique_slugs([(key, people[key].name) for key in people])
    entries = sorted((_entry(slugs[key], person) for key, person in people.items()), key=_by_slug)
    slug_of = {name: slugs[key] for name, key in keys.items()}
    return People(tuple(entries), slug_of)


def _merged_keys(names: Iterable[str]) -> dict[str, str]:
    """Each name's person key: its own, or for a surname alone, the full name of the one
    person in the digest with that surname."""
    own = {name: name_key(name) for name in names}
    full_by_surname: dict[str, set[str]] = defaultdict(set)
    for key in own.values():
        if " " in key:
            full_by_surname[key.rsplit(" ", 1)[1]].add(key)
    merged = {}
    for name, key in own.items():
        candidates = full_by_surname.get(key, set()) if " " not in key else set()
        merged[name] = next(iter(candidates)) if len(candidates) == 1 else key
    return merged


def _statements(article: Article, texts: Iterable[str]) -> list[Statement]:
    return [Statement(article.slug, text, _paragraph_of(article, text)) for text in texts]


def _paragraph_of(article: Article, sentence: str) -> int:
    """The paragraph a sentence stands in, -1 when no paragraph holds it verbatim."""
    return next((i for i, p in enumerate(article.paragraphs) if sentence in p), -1)


def _unique_slugs(named: list[tuple[str, str]]) -> dict[str, str]:
    """A slug for each (key, display name), from the name; "-2", "-3" for a taken one, given
    in key order so that the same people get the same slugs."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for key, name in sorted(named):
        base = make_slug(name)
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        slugs[key] = slug
    return slugs


def _entry(slug: str, person: _Person) -> PersonEntry:
    name = person.name
    return PersonEntry(
        slug=slug,
        name=name,
        variants=tuple(n for n in person.order if n != name),
        roles=tuple(person.roles.values()),
        bio=person.bio,
        wrote=tuple(person.wrote),
        quoted_in=tuple(person.quoted_in),
        statements=tuple(person.statements),
    )


def _by_slug(entry: PersonEntry) -> str:
    return entry.slug

"""One person however the texts spell them; never two people merged for a shared surname."""

from __future__ import annotations

from digest.analyse.people import gather_people, name_key
from digest.models.article import Article, Author, Quoted


def article(
    slug: str, quoted: list[tuple[str, str, str]], authors: tuple[str, ...] = ()
) -> Article:
    """An article whose body holds each statement, quoting (name, role, statement)."""
    statements = [text for _, _, text in quoted]
    return Article(
        source=f"{slug}.txt",
        kind="article",
        title=slug,
        title_source="text",
        authors=tuple(Author(name) for name in authors),
        publisher=None,
        quoted=tuple(Quoted(name, role, statements=(text,)) for name, role, text in quoted),
        thesis="",
        claims=(),
        paragraphs=("An opening paragraph.", *statements),
        removed=(),
        slug=slug,
    )


def test_three_spellings_of_one_name_are_one_person_with_every_statement() -> None:
    people = gather_people(
        [
            article(
                "a", [("Volodymyr Zelenskiy", "Ukrainian President", "“We hold,” said Zelenskiy.")]
            ),
            article("b", [("Volodymyr Zelensky", "", "Zelensky said talks could start soon.")]),
            article("c", [("Zelenskyy", "", "Zelenskyy told reporters he would travel.")]),
        ]
    )
    assert len(people.entries) == 1
    person = people.entries[0]
    assert person.quoted_in == ("a", "b", "c")
    assert [s.article for s in person.statements] == ["a", "b", "c"]
    assert [s.paragraph for s in person.statements] == [1, 1, 1]
    assert person.roles == ("Ukrainian President",)
    assert set(person.variants) | {person.name} == {
        "Volodymyr Zelenskiy",
        "Volodymyr Zelensky",
        "Zelenskyy",
    }
    assert len(set(people.slug_of.values())) == 1


def test_two_people_sharing_a_surname_stay_two_and_a_bare_surname_goes_to_neither() -> None:
    people = gather_people(
        [
            article("a", [("Jan Novak", "minister", "Jan Novak said the deal was done.")]),
            article("b", [("Petra Novak", "analyst", "Petra Novak said the deal was fragile.")]),
            article("c", [("Novak", "", "Novak said nothing more.")]),
        ]
    )
    names = sorted(p.name for p in people.entries)
    assert names == ["Jan Novak", "Novak", "Petra Novak"]
    assert len(set(people.slug_of.values())) == 3


def test_a_surname_alone_is_the_one_person_of_that_name() -> None:
    people = gather_people(
        [
            article("a", [("Jan Novak", "minister", "Jan Novak said the deal was done.")]),
            article("b", [("Novak", "", "Novak later denied it.")]),
        ]
    )
    assert [p.name for p in people.entries] == ["Jan Novak"]
    assert people.entries[0].quoted_in == ("a", "b")


def test_an_author_quoted_elsewhere_is_one_person_who_wrote_and_is_quoted() -> None:
    people = gather_people(
        [
            article("a", [], authors=("Dr Jane Doe",)),
            article("b", [("Jane Doe", "senior fellow", "Jane Doe said the front would hold.")]),
        ]
    )
    assert len(people.entries) == 1
    assert people.entries[0].wrote == ("a",) and people.entries[0].quoted_in == ("b",)


def test_name_keys_drop_titles_initials_case_accents_and_transliterated_endings() -> None:
    assert name_key("President Volodymyr Zelenskyy") == name_key("volodymyr zelenskiy")
    assert name_key("Jan K. Novák") == name_key("Jan Novak")
    assert name_key("Sergey Lavrov") == name_key("Sergei Lavrov")
    assert name_key("Jan Novak") != name_key("Petra Novak")

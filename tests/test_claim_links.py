"""Links between the claims of different articles: agreement, conflict, and the limits that
keep them safe (never within an article, a few per claim, symmetric, deterministic)."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest

from digest.analyse.claim_index import POSTING_CAP, index_matrices, vectorizer
from digest.analyse.claim_links import MAX_LINKS, Readings, link_claims, relation
from digest.analyse.claim_polarity import fold, polarity, similarity_text
from digest.models.article import Article, Claim, ClaimLink

from conftest import load_generator


def article(slug: str, *texts: str) -> Article:
    claims = tuple(Claim(text, "assessment", n) for n, text in enumerate(texts))
    return Article(
        source=f"{slug}.txt",
        kind="article",
        title=slug.replace("-", " ").title(),
        title_source="text",
        authors=(),
        publisher=None,
        quoted=(),
        thesis="",
        claims=claims,
        paragraphs=texts,
        removed=(),
        slug=slug,
    )


CORPUS = (
    article(
        "kyiv-ledger-ceasefire",
        "The ceasefire will hold through the winter.",
        "Grain exports through the Black Sea corridor rose to four million tonnes in March.",
        "European sanctions on Russian oil have cut the Kremlin's revenues by a third.",
        "Ukraine's counter-offensive in Zaporizhzhia is likely to succeed before the autumn rains.",
        "Western governments should send more air defence systems to Kyiv.",
    ),
    article(
        "policy-monitor-winter",
        "The ceasefire will not hold through the winter.",
        "Ukraine shipped four million tonnes of grain through its Black Sea corridor in March.",
        "Mediators should keep the agenda narrow until trust is rebuilt on both sides.",
        "Ukraine's counter-offensive in Zaporizhzhia is unlikely to succeed before the autumn "
        "rains.",
        "Prisoner exchanges resumed in Istanbul after a pause of six months.",
    ),
    article(
        "evening-post-sanctions",
        "The European Union adopted its eighteenth sanctions package on Friday.",
        "Sanctions on Russian oil have cut the Kremlin's revenues by a third, officials in "
        "Brussels said.",
        "Drone strikes on refineries have reduced Russia's fuel exports.",
        "The front line in Donetsk has barely moved since the spring.",
    ),
)


def links_of(articles: Sequence[Article]) -> set[tuple[str, int, str, int, str]]:
    """Every link as (slug, claim, other slug, other claim, relation)."""
    return {
        (a.slug, n, link.article, link.claim, link.relation)
        for a in articles
        for n, claim in enumerate(a.claims)
        for link in claim.links
    }


def assert_well_formed(articles: Sequence[Article]) -> None:
    """Links point at other articles' claims, a few per claim, each with its mirror."""
    by_slug = {a.slug: a for a in articles}
    found = links_of(articles)
    for slug, n, other, k, rel in found:
        assert other != slug
        assert 0 <= k < len(by_slug[other].claims)
        assert (other, k, slug, n, rel) in found
    for a in articles:
        for claim in a.claims:
            assert len(claim.links) <= MAX_LINKS
            assert len({(x.article, x.claim) for x in claim.links}) == len(claim.links)


def pair(first: str, second: str) -> tuple[Article, ...]:
    """Two one-claim articles among the corpus, linked."""
    return link_claims((*CORPUS, article("first", first), article("second", second)))


def relation_between(linked: Sequence[Article]) -> set[str]:
    """The relations from the article "first" to the article "second"."""
    return {
        link.relation
        for a in linked
        if a.slug == "first"
        for link in a.claims[0].links
        if link.article == "second"
    }


def test_claims_making_the_same_point_agree_both_ways() -> None:
    found = links_of(link_claims(CORPUS))
    assert ("kyiv-ledger-ceasefire", 1, "policy-monitor-winter", 1, "agrees") in found
    assert ("policy-monitor-winter", 1, "kyiv-ledger-ceasefire", 1, "agrees") in found
    assert ("kyiv-ledger-ceasefire", 2, "evening-post-sanctions", 1, "agrees") in found
    assert ("evening-post-sanctions", 1, "kyiv-ledger-ceasefire", 2, "agrees") in found


def test_a_claim_and_its_negation_conflict_both_ways() -> None:
    found = links_of(link_claims(CORPUS))
    assert ("kyiv-ledger-ceasefire", 0, "policy-monitor-winter", 0, "conflicts") in found
    assert ("policy-monitor-winter", 0, "kyiv-ledger-ceasefire", 0, "conflicts") in found


def test_likely_and_unlikely_conflict() -> None:
    found = links_of(link_claims(CORPUS))
    assert ("kyiv-ledger-ceasefire", 3, "policy-monitor-winter", 3, "conflicts") in found
    assert ("policy-monitor-winter", 3, "kyiv-ledger-ceasefire", 3, "conflicts") in found


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "The ceasefire along the Dnipro will hold until the spring thaw.",
            "The ceasefire along the Dnipro won't hold until the spring thaw.",
        ),
        (
            "Western sanctions can stop Russian tankers from reaching Indian ports.",
            "Western sanctions cannot stop Russian tankers from reaching Indian ports.",
        ),
        (
            "European leaders should send peacekeeping troops to Ukraine after a truce.",
            "European leaders shouldn't send peacekeeping troops to Ukraine after a truce.",
        ),
        (
            "The Black Sea grain deal is dead after the strikes on Odesa's port.",
            "The Black Sea grain deal isn't dead after the strikes on Odesa's port.",
        ),
        (
            "Kyiv will accept a freeze of the front line in exchange for security guarantees.",
            "Kyiv will never accept a freeze of the front line in exchange for security "
            "guarantees.",
        ),
        (
            "Talks on a partial energy truce in Riyadh will succeed this month.",
            "Talks on a partial energy truce in Riyadh will fail this month.",
        ),
        (
            "Sanctions on Russian liquefied gas will increase pressure on Novatek's exports.",
            "Sanctions on Russian liquefied gas will decrease pressure on Novatek's exports.",
        ),
    ],
)
def test_negations_and_opposites_conflict(first: str, second: str) -> None:
    assert relation_between(pair(first, second)) == {"conflicts"}


def test_two_denials_of_the_same_point_agree() -> None:
    linked = pair(
        "Moscow will not agree to a ceasefire in the Kursk region before the summit.",
        "Moscow is unlikely to agree to a ceasefire in the Kursk region before the summit.",
    )
    assert relation_between(linked) == {"agrees"}


def test_a_negation_in_a_side_clause_is_no_conflict() -> None:
    linked = pair(
        "Russian forces will keep pressing toward Pokrovsk through the winter.",
        "Russian forces will keep pressing toward Pokrovsk through the winter, with no sign "
        "of reinforcements.",
    )
    assert relation_between(linked) == set()


def test_denials_of_different_things_do_not_agree() -> None:
    linked = pair(
        "The prisoner exchange in Istanbul will not happen, but the grain talks will go on.",
        "The prisoner exchange in Istanbul will happen, but the grain talks will not go on.",
    )
    assert relation_between(linked) == set()


def test_a_conflict_needs_every_negated_word_in_the_other_claim() -> None:
    linked = pair(
        "The European Union should admit Ukraine as a member by 2030.",
        "The European Union should not admit Moldova as a member by 2030.",
    )
    assert relation_between(linked) == set()


def test_a_conflict_needs_more_similarity_than_an_agreement() -> None:
    claim = "Russian forces will capture Pokrovsk before the winter, officials in Kyiv fear."
    other = "Russian forces will capture Pokrovsk before the winter, analysts say."
    assert relation_between(pair(claim, other)) == {"agrees"}
    denial = other.replace("will capture", "will not capture")
    assert relation_between(pair(claim, denial)) == set()


def test_unrelated_claims_are_not_linked() -> None:
    linked = link_claims(CORPUS)
    assert links_of(linked) == {
        ("kyiv-ledger-ceasefire", 0, "policy-monitor-winter", 0, "conflicts"),
        ("policy-monitor-winter", 0, "kyiv-ledger-ceasefire", 0, "conflicts"),
        ("kyiv-ledger-ceasefire", 1, "policy-monitor-winter", 1, "agrees"),
        ("policy-monitor-winter", 1, "kyiv-ledger-ceasefire", 1, "agrees"),
        ("kyiv-ledger-ceasefire", 2, "evening-post-sanctions", 1, "agrees"),
        ("evening-post-sanctions", 1, "kyiv-ledger-ceasefire", 2, "agrees"),
        ("kyiv-ledger-ceasefire", 3, "policy-monitor-winter", 3, "conflicts"),
        ("policy-monitor-winter", 3, "kyiv-ledger-ceasefire", 3, "conflicts"),
    }


def test_claims_of_one_article_are_never_linked() -> None:
    repeated = "The counter-offensive near Robotyne has stalled after heavy losses."
    linked = link_claims(
        (
            article("one", repeated, repeated, "The counter-offensive near Robotyne stalled."),
            article("two", "Grain exports from Izmail fell by half in April."),
        )
    )
    assert links_of(linked) == set()
    linked = link_claims((*linked, article("three", repeated)))
    assert {(s, o) for s, _, o, _, _ in links_of(linked)} == {
        ("one", "three"),
        ("three", "one"),
    }
    assert_well_formed(linked)


def test_links_are_few_and_the_most_similar_first() -> None:
    text = "Grain exports through the Black Sea corridor rose to four million tonnes in March."
    linked = link_claims(
        (
            article("a-variant", text.replace(" in March.", " in March, officials said.")),
            article("b-source", text),
            article(
                "c-longer",
                text.replace(" in March.", " in March, the most since the invasion began in 2022."),
            ),
            article("m-reworded", text.replace("Grain exports", "Exports of grain")),
            article("z-identical", text),
        )
    )
    source = next(a for a in linked if a.slug == "b-source").claims[0]
    assert [link.article for link in source.links] == ["z-identical", "a-variant", "m-reworded"]
    crowded = link_claims([article(f"outlet-{n}", text) for n in range(8)])
    assert_well_formed(crowded)
    assert max(len(a.claims[0].links) for a in crowded) == MAX_LINKS
    # Equal scores: the claims of the first slugs first.
    assert [link.article for link in crowded[0].claims[0].links] == [
        "outlet-1",
        "outlet-2",
        "outlet-3",
    ]


def test_output_is_deterministic_and_independent_of_input_order() -> None:
    corpus = (*CORPUS, *synthetic(60, seed=3))
    first = link_claims(corpus)
    assert link_claims(corpus) == first
    shuffled = list(corpus)
    random.Random(7).shuffle(shuffled)
    again = {a.slug: a for a in link_claims(shuffled)}
    assert tuple(again[a.slug] for a in corpus) == first
    assert [a.slug for a in link_claims(shuffled)] == [a.slug for a in shuffled]


@pytest.mark.parametrize("count", [3, 60])
def test_many_articles_sharing_only_common_words_get_no_links(count: int) -> None:
    # With 3 articles the common words are in the index and similarity keeps the claims
    # apart; with 60 the index leaves them out.
    corpus = [
        article(
            f"bulletin-{n}",
            *(
                f"Officials in Kyiv said on Monday that the war in the east would shape the "
                f"next round of talks, citing report {1000 + 8 * n + k}."
                for k in range(8)
            ),
        )
        for n in range(count)
    ]
    assert links_of(link_claims(corpus)) == set()


def test_terms_too_common_are_left_out_of_the_index() -> None:
    texts = [
        f"The ceasefire in sector {n} held overnight, officials said."
        for n in range(POSTING_CAP + 1)
    ] + ["Zaporizhzhia nuclear plant lost power again.", "The Zaporizhzhia plant lost power."]
    model = vectorizer()
    weights = model.fit_transform([similarity_text(fold(t)) for t in texts]).tocsr()
    terms, keys = index_matrices(weights)
    postings = np.asarray(terms.sum(axis=0)).ravel()
    assert postings[model.vocabulary_["ceasefire"]] == 0
    assert postings[model.vocabulary_["zaporizhzhia"]] == 2
    assert keys.multiply(terms).sum() == keys.sum()  # a key term is an indexed term
    assert np.diff(keys.indptr).max() <= POSTING_CAP


def test_relations_in_arrays_are_those_of_relation() -> None:
    texts = [
        "The ceasefire will hold through the winter.",
        "The ceasefire will not hold through the winter.",
        "The ceasefire is unlikely to hold through the winter.",
        "The ceasefire is not unlikely to hold through the winter.",
        "The ceasefire will never hold, and the talks will fail.",
        "The ceasefire will hold, but the talks will not resume.",
        "The talks will not resume, but the ceasefire will hold.",
        "No, the ceasefire will hold through the winter.",
        "Sanctions are likely to weaken Moscow's war economy.",
        "Sanctions are unlikely to weaken Moscow's war economy.",
        "Sanctions have not weakened Moscow's war economy.",
        "Sanctions have strengthened Moscow's war economy.",
    ]
    model = vectorizer()
    folded = [fold(t) for t in texts]
    weights = model.fit_transform([similarity_text(f) for f in folded]).tocsr()
    weights.sort_indices()
    pairs = np.array(list(itertools.combinations(range(len(texts)), 2))).T
    for score in (0.4, 0.55, 0.9):
        scores = np.full(pairs.shape[1], score, np.float32)
        agree, conflict = Readings(folded, weights, model.vocabulary_).relations(pairs, scores)
        expected = [relation(polarity(folded[i]), polarity(folded[j]), score) for i, j in pairs.T]
        assert [r == "agrees" for r in expected] == agree.tolist()
        assert [r == "conflicts" for r in expected] == conflict.tolist()
        if score == 0.9:
            assert set(expected) == {"agrees", "conflicts", None}


def test_only_links_change() -> None:
    stale = ClaimLink("nowhere", 7, "agrees")
    first = CORPUS[0]
    edited = replace(first, claims=tuple(replace(c, links=(stale,)) for c in first.claims))
    empty = replace(article("no-claims"), paragraphs=("A short note.",))
    corpus = (edited, empty, *CORPUS[1:])
    linked = link_claims(corpus)
    assert [a.slug for a in linked] == [a.slug for a in corpus]
    assert linked[1] == empty
    for before, after in zip(corpus, linked, strict=True):
        assert replace(after, claims=()) == replace(before, claims=())
        assert [replace(c, links=()) for c in after.claims] == [
            replace(c, links=()) for c in before.claims
        ]
    assert stale not in linked[0].claims[4].links
    assert link_claims(()) == ()
    assert link_claims([article("alone", "The ceasefire will hold.")])[0].claims[0].links == ()


def synthetic(count: int, seed: int) -> list[Article]:
    """Articles of 8 sentences from the benchmark's small vocabulary: near-duplicates."""
    rng = random.Random(seed)
    sentence = load_generator().sentence
    return [article(f"synthetic-{n:04d}", *(sentence(rng) for _ in range(8))) for n in range(count)]


def test_near_duplicate_corpus_keeps_the_limits() -> None:
    linked = link_claims(synthetic(400, seed=1))
    assert_well_formed(linked)
    found = links_of(linked)
    assert found
    assert max(len(c.links) for a in linked for c in a.claims) == MAX_LINKS

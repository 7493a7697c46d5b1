"""Topic discovery: subjects several articles discuss that no theme of the taxonomy covers."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

import digest.analyse.grouping
from digest.analyse.tagging import matchers, tag
from digest.analyse.taxonomy import parse_taxonomy
from digest.analyse.topics import discover_topics, theme_block, theme_id
from digest.build.pipeline import analyse
from digest.cli import main
from digest.config import Config
from digest.models.article import Article
from digest.models.indexes import Topic

from conftest import ROOT

NEGOTIATIONS = """
  - id: negotiations
    label: Negotiations
    description: Peace talks and ceasefires.
    strong: [peace talks, ceasefire*, truce]
    signals: [negotiat*, talks, diplomacy, mediat*, peace]
"""
OTHER_THEMES = """
  - id: sanctions
    label: Sanctions
    description: Sanctions and economic pressure on Russia.
    strong: [sanction*, price cap, frozen assets]
    signals: [oil revenue*, embargo, tariff*, banking]
  - id: battlefield
    label: Battlefield
    description: Front lines and offensives.
    strong: [front line*, counteroffensive*, offensive*]
    signals: [troops, artillery, brigade*, forces, trench*]
"""
THEMES = "themes:" + NEGOTIATIONS + OTHER_THEMES
TAXONOMY = parse_taxonomy(THEMES)
COMPILED = matchers(TAXONOMY)

# Every article names the Ukrainian president and the capital, and dates things from the
# full-scale invasion: the corpus's own subject. Three articles are on a subject no theme
# covers (they also share "Qatari mediation", which one does); the others are on covered
# themes, the two on sanctions sharing a phrase no theme covers, "shadow fleet".
CORPUS = {
    "deported-children-icc": (
        "The court and the deported children",
        "Volodymyr Zelensky said in Kyiv that the deported children must come home. "
        "Investigators say thousands of Ukrainian children were taken from occupied towns "
        "to Russia since the full-scale invasion, without their parents.",
        "The International Criminal Court issued an arrest warrant over the deported "
        "children for Maria Lvova-Belova, the official in charge of their transfer. Lawyers "
        "call the forced adoption of the children a war crime; Qatari mediation has brought "
        "a few back.",
        "Families still search for the deported children, and volunteers match photos "
        "from adoption registers with lists of missing minors. Their return must be on the "
        "agenda of any peace talks.",
    ),
    "children-returned": (
        "Eleven children come back",
        "Eleven deported children returned to Kyiv this week, Volodymyr Zelensky said. "
        "Qatari mediation helped to bring them back, after months of work by their families "
        "since the full-scale invasion.",
        "The returned children describe re-education camps where they were told to forget "
        "Ukrainian. Each had been listed as one of the missing minors by Maria Lvova-Belova.",
        "The arrest warrant of the International Criminal Court has not slowed the forced "
        "adoption of deported children, the children's ombudsman in Kyiv said, and Kyiv "
        "will raise it at the peace talks.",
    ),
    "camps-for-children": (
        "Inside the re-education camps",
        "A report counts forty re-education camps for deported children since the "
        "full-scale invasion. Volodymyr Zelensky told parliament in Kyiv that every one of "
        "the missing minors will be found.",
        "Children held in the camps were given new passports and put up for forced "
        "adoption, the report says, and some deported children were sent to military "
        "schools.",
        "The authors ask the court to extend its arrest warrant to the camp directors who "
        "answer to Maria Lvova-Belova, and credit Qatari mediation with every return.",
    ),
    "talks-in-geneva": (
        "Talks resume in Geneva",
        "Volodymyr Zelensky sent his delegation to Geneva for a new round of peace talks. "
        "Diplomats in Kyiv expect a ceasefire along the lines held since the full-scale "
        "invasion.",
        "Mediators shuttled between the two delegations as negotiations went on late into "
        "the night. A truce would freeze the conflict, critics warn.",
    ),
    "ceasefire-terms": (
        "What a ceasefire would take",
        "A ceasefire needs monitors, Volodymyr Zelensky said in Kyiv, and guarantees that "
        "the truce will hold. Negotiators disagree about who would watch the line, as they "
        "have since the full-scale invasion.",
        "Earlier peace talks failed over sequencing: a truce first, or a settlement first. "
        "The negotiations now start from the ceasefire.",
    ),
    "oil-price-cap": (
        "The price cap bites",
        "Sanctions on Russian oil cut its oil revenues by a fifth, officials in Kyiv said, "
        "and Volodymyr Zelensky asked for a lower price cap, as he has since the full-scale "
        "invasion.",
        "Tankers of the shadow fleet still carry crude past the price cap and the sanctions, "
        "and the embargo on refined products is easy to evade.",
    ),
    "frozen-assets": (
        "Frozen assets for reconstruction",
        "European governments debate lending against frozen assets, and Volodymyr Zelensky "
        "wants the sanctions to stay until Russia pays for the full-scale invasion. Kyiv "
        "needs the money this winter.",
        "The sanctions packages also target banking and the shadow fleet, which makes the "
        "embargo and the price cap harder to evade for traders.",
    ),
    "pokrovsk-front": (
        "The front line near Pokrovsk",
        "Russian troops pushed the front line closer to Pokrovsk, and Volodymyr Zelensky "
        "visited the brigades there before returning to Kyiv, as he has since the "
        "full-scale invasion.",
        "Artillery duels go on day and night; the offensive has cost thousands of troops, "
        "and the brigades dig new trenches behind the town.",
    ),
    "counteroffensive-lessons": (
        "Lessons of the counteroffensive",
        "The counteroffensive stalled in minefields, Volodymyr Zelensky admitted in Kyiv. "
        "The brigades lacked artillery and air cover, as they have since the full-scale "
        "invasion.",
        "Forces that trained abroad met trenches and drones; the offensive became a war of "
        "attrition along the front line.",
    ),
}
CHILDREN = {"deported-children-icc", "children-returned", "camps-for-children"}


def article(slug: str, title: str, *paragraphs: str) -> Article:
    return Article(
        source=f"{slug}.txt",
        kind="article",
        title=title,
        title_source="text",
        authors=(),
        publisher=None,
        quoted=(),
        thesis="",
        claims=(),
        paragraphs=paragraphs,
        removed=(),
        slug=slug,
    )


ARTICLES = [article(slug, *text) for slug, text in CORPUS.items()]


def children_topic(topics: tuple[Topic, ...]) -> Topic:
    """The one topic proposed, checked to be the children's."""
    assert [t.label for t in topics] == ["Deported children"]
    return topics[0]


def test_a_subject_no_theme_covers_is_proposed_with_its_phrases_and_articles() -> None:
    topic = children_topic(discover_topics(ARTICLES, COMPILED))
    assert topic.phrases[0] == "deported children"
    assert {"arrest warrant", "forced adoption", "missing minors"} <= set(topic.phrases)
    assert set(topic.articles) == CHILDREN
    # the article that shares most with the other two comes first
    assert topic.articles[0] == "children-returned"


def test_subjects_the_taxonomy_covers_are_not_proposed() -> None:
    topics = discover_topics(ARTICLES, COMPILED)
    # the sanctions articles share "shadow fleet", but what they share most a theme covers
    assert not [t for t in topics if set(t.articles) & {"oil-price-cap", "frozen-assets"}]
    # the children's articles share "Qatari mediation", which a theme covers (mediat*)
    assert "Qatari mediation" not in children_topic(topics).phrases


def test_no_name_is_proposed_not_the_one_every_article_mentions_nor_the_groups_own() -> None:
    topics = discover_topics(ARTICLES, COMPILED)
    words = [w for t in topics for p in (t.label, *t.phrases) for w in p.split()]
    # every article names the president; the children's articles all name one official and
    # a court: names, however distinctive of the group, are not subjects
    for name in ("Volodymyr", "Zelensky", "Kyiv", "Maria", "Lvova-Belova", "Criminal"):
        assert name not in words
    assert "invasion" not in words  # nor what every article says
    for topic in topics:
        assert len(topic.label.split()) >= 2
        assert all(len(p.split()) >= 2 for p in topic.phrases)


def test_a_theme_taken_out_of_the_taxonomy_comes_back_as_a_suggestion() -> None:
    topics = discover_topics(ARTICLES, matchers(parse_taxonomy("themes:" + OTHER_THEMES)))
    talks = [t for t in topics if set(t.articles) == {"talks-in-geneva", "ceasefire-terms"}]
    assert talks and "peace talks" in talks[0].phrases
    assert "Deported children" in [t.label for t in topics]


def test_a_group_of_nearly_every_article_is_the_corpus_subject_not_a_topic(
    tmp_path: Path,
) -> None:
    # four of the five seeds make one group; with a taxonomy that covers none of it, what
    # they share is still what the whole corpus is about
    themes = tmp_path / "themes.yaml"
    themes.write_text("themes:\n  - id: weather\n    label: Weather\n    signals: [rain, snow]\n")
    site = analyse(Config(seeds=ROOT / "seeds", themes=themes, jobs=1))
    assert discover_topics(site.articles, matchers(site.taxonomy)) == ()


def test_a_subject_only_one_article_raises_is_no_topic() -> None:
    one = [a for a in ARTICLES if a.slug not in CHILDREN - {"children-returned"}]
    assert discover_topics(one, COMPILED) == ()


def test_the_theme_block_loads_tags_the_articles_and_then_covers_the_subject(
    caplog: pytest.LogCaptureFixture,
) -> None:
    topic = children_topic(discover_topics(ARTICLES, COMPILED))
    block = theme_block(topic, theme_id(topic.label, {t.id for t in TAXONOMY.themes}))
    with caplog.at_level(logging.WARNING):
        extended = parse_taxonomy(THEMES + block + "\n", "themes.yaml")
    assert not caplog.records
    assert extended.themes[-1].id == "deported-children"
    compiled = matchers(extended)
    tagged = {
        a.slug for a in ARTICLES if "deported-children" in [h.id for h in tag(a, compiled).themes]
    }
    assert tagged == CHILDREN
    assert discover_topics(ARTICLES, compiled) == ()


def test_a_theme_id_is_never_one_the_taxonomy_has() -> None:
    assert theme_id("Deported children", {"deported-children"}) == "deported-children-2"


def test_large_corpora_are_grouped_by_k_means_and_find_the_same_subject(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # past AGGLOMERATIVE_LIMIT articles, LSA and k-means group them: here past none, with a
    # group for every three articles
    monkeypatch.setattr(digest.analyse.grouping, "AGGLOMERATIVE_LIMIT", 0)
    monkeypatch.setattr(digest.analyse.grouping, "ARTICLES_PER_GROUP", 3)
    topic = children_topic(discover_topics(ARTICLES, COMPILED))
    assert set(topic.articles) == CHILDREN


def test_discovery_is_the_same_from_run_to_run_and_in_any_order() -> None:
    first = discover_topics(ARTICLES, COMPILED)
    assert discover_topics(ARTICLES, COMPILED) == first
    assert discover_topics(ARTICLES[::-1], COMPILED) == first


# --- the command line ----------------------------------------------------------------------

PROPOSED = re.compile(r"^\d+\. (.+) \((\d+) articles\)$", re.MULTILINE)


def test_suggest_themes_prints_each_subject_its_articles_and_a_theme_to_paste(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for slug, (title, *paragraphs) in CORPUS.items():
        (seeds / f"{slug}.txt").write_text("\n\n".join([title, *paragraphs]) + "\n")
    themes = tmp_path / "themes.yaml"
    themes.write_text(THEMES)
    args = ["--suggest-themes", "--quiet", "--no-cache", "--seeds", str(seeds)]
    assert main([*args, "--themes", str(themes), "--out", str(tmp_path / "site")]) == 0
    printed = capsys.readouterr().out
    assert PROPOSED.findall(printed) == [("Deported children", "3")]
    assert "phrases: deported children, arrest warrant" in printed
    for slug in CHILDREN:
        assert f"     - {CORPUS[slug][0]}\n" in printed
    block = printed[printed.index("  - id: deported-children") :]
    themes.write_text(THEMES + block)  # pasted at the end of the file
    assert main([*args, "--themes", str(themes)]) == 0
    assert "no subject that 2 or more of the 9 articles discuss" in capsys.readouterr().out
    assert not (tmp_path / "site").exists()


def test_suggest_themes_on_the_seeds_proposes_no_name(capsys: pytest.CaptureFixture[str]) -> None:
    seeds = ["--seeds", str(ROOT / "seeds"), "--themes", str(ROOT / "themes.yaml")]
    assert main(["--suggest-themes", "--quiet", "--no-cache", *seeds]) == 0
    printed = capsys.readouterr().out
    labels = [label for label, _ in PROPOSED.findall(printed)]
    assert labels or printed.startswith("no subject that 2 or more of the 5 articles discuss")
    for label in labels:  # a subject in words, not a name: never one capitalised word
        assert len(label.split()) >= 2 and not all(w[:1].isupper() for w in label.split())
    for name in ("Putin", "Ukraine", "Ukrainian", "Europe", "Moscow", "Kremlin"):
        assert not re.search(rf"^\d+\. {name}\b", printed, re.MULTILINE)

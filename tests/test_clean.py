"""Each boilerplate rule on lines we wrote, with lines it must leave alone."""

from __future__ import annotations

import pytest

from digest.read.extract.line_rules import boilerplate_reason

from conftest import make_doc

PROSE = (
    "The ceasefire talks stalled again this week, and diplomats now expect a long pause "
    "before either side returns to the table."
)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[ad_1]", "ad marker"),  # numbered ad placeholder left by a scraper plugin
        ("[ ADVERTISEMENT ]", "ad marker"),  # bracketed, spaced, upper case
        ("Advertisement", "ad marker"),  # bare ad label between paragraphs
        ("Story continues below advertisement", "ad marker"),
        ("* * *", "separator"),
        ("Illustration: Jane Artist", "caption"),
        ("Photo: Soldiers near Pokrovsk in March.", "caption"),
        ("Image credit: Reuters", "caption"),
        ("A destroyed bridge near Kherson. Oleg Petrov / Getty Images", "caption"),
        ("Copyright: Some Outlet", "copyright"),
        ("© 2025 The Daily Planet. All rights reserved.", "copyright"),
        ("Copyright 2024 Example Media", "copyright"),
        (
            "The views expressed in this article are those of the author and do not reflect "
            "the official policy of the Department of Defense.",
            "disclaimer",
        ),
        (
            "All statements of fact, opinion, or analysis expressed are those of the author "
            "and do not reflect the official positions or views of any agency.",
            "disclaimer",
        ),
        ("- Why the front line barely moved this summer ›", "related link"),
        ("Read more: Europe's defence spending, explained", "related link"),
        ("RELATED", "related link"),
        ("Share this article", "share prompt"),
        ("Facebook | Twitter | Email", "share prompt"),
        ("Subscribe to our newsletter for weekly analysis.", "share prompt"),
        ("Sign up for the morning briefing", "share prompt"),
        ("This article was originally published by The Conversation.", "source note"),
        ("Opinion", "section label"),
        ("March 14, 2025", "date line"),
        ("Updated: 14 March 2025, 10:32", "date line"),
    ],
)
def test_boilerplate_line_is_removed_with_its_reason(line: str, reason: str) -> None:
    assert boilerplate_reason(line) == reason
    doc = make_doc(f"{PROSE}\n{line}\n{PROSE} It went on.")
    assert line not in [b.text for b in doc.blocks if b.is_body]
    assert (line, reason) in [(b.text, b.reason) for b in doc.blocks]


@pytest.mark.parametrize(
    "line",
    [
        PROSE,
        # prose that mentions a photo, an ad or copyright is not a caption or a notice
        "The photo of the summit handshake went around the world within minutes.",
        "Copyright law in Ukraine was rewritten in 2023 to match the EU's rules.",
        "Advertisements for army recruitment now line the highways around Kyiv.",
        # a sentence that merely says an official's views differ is not a disclaimer
        "Officials said the figures did not reflect the losses of the past month.",
        # a headline line is not a related-article link without the link arrow
        "Why the front line barely moved this summer",
        "Share prices in Moscow fell 3 percent after the announcement.",
        "Russia seized the most pro-Russian parts of Ukraine in the first year of the war.",
    ],
)
def test_prose_is_not_boilerplate(line: str) -> None:
    assert boilerplate_reason(line) is None


def test_repeated_paragraph_is_kept_once() -> None:
    doc = make_doc(
        f"A lede in two sentences. It repeats.\n{PROSE}\nA lede in two sentences. It repeats."
    )
    reasons = [b.reason for b in doc.blocks]
    assert reasons == [None, None, "duplicate"]


def test_blank_line_and_line_per_paragraph_conventions_give_the_same_paragraphs() -> None:
    lines = [PROSE, "Second paragraph, on its own line.", "Third one."]
    per_line = make_doc("\n".join(lines))
    blank_separated = make_doc("\n\n".join(lines))
    assert [b.text for b in per_line.blocks] == [b.text for b in blank_separated.blocks] == lines


def test_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = (
        "Russia's summer offensive has gained ground slowly, at\n"
        "a cost in men and armour that Western analysts say is\n"
        "unsustainable beyond the end of the year, while Kyiv\n"
        "struggles to replace its own losses.\n\n"
        "A second paragraph follows."
    )
    assert [b.text for b in make_doc(wrapped).blocks] == [
        "Russia's summer offensive has gained ground slowly, at a cost in men and armour that "
        "Western analysts say is unsustainable beyond the end of the year, while Kyiv struggles "
        "to replace its own losses.",
        "A second paragraph follows.",
    ]


def test_guard_keeps_text_when_rules_would_remove_nearly_everything() -> None:
    doc = make_doc("Advertisement\nShare this article\n" + "Photo: a caption that goes on " * 3)
    assert all(b.is_body for b in doc.blocks)
    assert [(w.code, w.message) for w in doc.warnings] == [
        ("kept-whole", "cleaning rules matched nearly all of the text; kept it unchanged")
    ]

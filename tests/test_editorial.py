"""Editors' control: Markdown articles with front matter, overrides.yaml, notes, dates."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from digest.build.pipeline import build
from digest.config import Config

from conftest import FIXTURES, Built, build_with
from sitecheck import broken_links, page_facts

GRAIN = (FIXTURES / "editorial" / "grain-corridor.md").read_text(encoding="utf-8")
SEED = "001_d065812160adae77.txt"


@pytest.fixture(scope="module")
def grain(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_with(tmp_path_factory.mktemp("grain"), {"grain-corridor.md": GRAIN})


def test_a_markdown_article_builds_with_exactly_its_front_matter(grain: Built) -> None:
    record = grain.records["grain-corridor.md"]
    assert record["title"] == "The grain corridor after the ceasefire talks"
    assert record["title_source"] == "front-matter"
    assert [(a["name"], a["bio"]) for a in record["authors"]] == [
        ("Dana Whitfield", "Dana Whitfield is a senior fellow who writes on Black Sea shipping."),
        ("Omar Lindqvist", ""),
    ]
    assert record["publisher"] == "Harbour Review"
    assert record["date"] == "2025-03-14"
    assert record["source_url"] == "https://example.org/grain-corridor"
    assert record["thesis"] == (
        "Shipping through the Black Sea will recover only if insurers believe the guarantees."
    )
    assert record["note"].startswith("Written for this digest from the authors' **briefing")
    assert record["overridden"] == [
        "title",
        "authors",
        "publisher",
        "date",
        "source_url",
        "themes",
        "thesis",
        "note",
    ]
    themes = [t["id"] for t in record["themes"]]
    assert "sanctions" in themes and "battlefield" not in themes


def test_a_markdown_body_is_extracted_as_text_and_shown_as_markdown(grain: Built) -> None:
    record = grain.records["grain-corridor.md"]
    assert record["paragraphs"][0].startswith("Ports near Odesa handled fewer ships in February")
    assert not any("*" in p or "February 28" in p for p in record["paragraphs"])  # table: shown,
    assert not any("February 28" in c["text"] for c in record["claims"])  # never read
    assert any(
        c["text"].startswith("Negotiators in the ceasefire talks should") for c in record["claims"]
    )
    page = grain.page("grain-corridor.md")
    assert re.search(r"<em>(<mark[^>]*>)?fewer ships(</mark>)?</em>", page)
    assert "<li>Two insurers left the market in January.</li>" in page
    assert re.search(r"<blockquote>\n<p>(<mark[^>]*>)?A corridor that nobody insures", page)
    assert "<td>February</td>" in page
    assert '<a href="https://example.org/annex">a reference link</a>' in page
    assert '<mark id="claim-' in page and 'class="claim claim-recommendation"' in page
    assert page.count("<h1") == 1


def test_raw_html_in_markdown_is_escaped(grain: Built) -> None:
    page = grain.page("grain-corridor.md")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page or (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    )
    assert all(
        "alert" not in s
        for s in page_facts(grain.out / grain.records["grain-corridor.md"]["url"]).scripts
    )


def test_edited_fields_and_the_note_are_shown_on_the_article_and_theme_pages(grain: Built) -> None:
    page = grain.page("grain-corridor.md")
    assert page.count('class="edited"') == 6  # title, authors, publisher, date, thesis, themes
    assert '<time datetime="2025-03-14">14 March 2025</time>' in page
    assert '<aside class="note"' in page and "<strong>briefing notes</strong>" in page
    theme = grain.read("themes/sanctions/index.html")
    assert "The grain corridor after the ceasefire talks" in theme
    assert "<strong>briefing notes</strong>" in theme and "Set by an editor." in theme
    assert broken_links(grain.out) == []


def test_dated_articles_come_first_newest_first_and_the_archive_groups_by_month(
    tmp_path: Path,
) -> None:
    older = (
        GRAIN.replace("date: 2025-03-14", "date: 2024-11-02").replace(
            'title: "The grain corridor after the ceasefire talks"', "title: Ports in winter"
        )
        + "\nIn winter the ports froze over for a week.\n"
    )
    built = build_with(tmp_path, {"grain-corridor.md": GRAIN, "ports.md": older})
    assert built.order[:2] == ["grain-corridor.md", "ports.md"]
    assert built.order[2:] == sorted(built.order[2:])  # undated, in a stable (source) order
    home = built.read("index.html")
    places = [home.index(f'href="{built.records[s]["url"]}"') for s in built.order]
    assert places == sorted(places)
    archive = built.read("archive/index.html")
    assert archive.index('id="march-2025"') < archive.index('id="november-2024"')
    assert archive.index('id="november-2024"') < archive.index('id="undated"')
    assert '<time datetime="2024-11-02">2 November 2024</time>' in archive
    sanctions = built.read("themes/sanctions/index.html")
    assert sanctions.index("The grain corridor") < sanctions.index("Ports in winter")


OVERRIDES = f"""\
{SEED}:
  title: A corrected title for the battlefield piece
  themes: [negotiations, sanctions]
  date: 2025-01-20
  note: The scraped text lost its **dateline**.
  titel: a misspelt field
missing.txt:
  title: Nothing to correct
"""


def test_an_override_changes_title_and_themes_on_the_pages_and_in_the_json(
    tmp_path: Path,
) -> None:
    built = build_with(tmp_path, {"overrides.yaml": OVERRIDES})
    record = built.records[SEED]
    assert record["title"] == "A corrected title for the battlefield piece"
    assert record["title_source"] == "override"
    assert [t["id"] for t in record["themes"]] == ["negotiations", "sanctions"]
    assert record["overridden"] == ["title", "date", "themes", "note"]
    assert record["url"] == "articles/a-corrected-title-for-the-battlefield-piece/index.html"
    page = built.page(SEED)
    assert "A corrected title for the battlefield piece" in page and 'class="edited"' in page
    assert "<strong>dateline</strong>" in page
    assert "A corrected title" in built.read("themes/sanctions/index.html")
    assert "A corrected title" not in built.read("themes/kursk/index.html")
    assert (
        "overrides.yaml:6: unknown field 'titel'; ignored (fields: title, authors, "
        "publisher, date, source_url, slug, themes, thesis, draft, note)"
    ) in map(str, built.warnings)
    assert "overrides.yaml:7: no input file named 'missing.txt'" in map(str, built.warnings)
    assert "overrides.yaml" not in built.skipped


def test_themes_can_be_adjusted_and_unknown_themes_are_warnings(tmp_path: Path) -> None:
    auto = build_with(tmp_path / "auto", {})
    before = [t["id"] for t in auto.records[SEED]["themes"]]
    overrides = f"{SEED}:\n  themes:\n    add: [sanctions, no-such-theme]\n    remove: [kursk]\n"
    built = build_with(tmp_path / "edited", {"overrides.yaml": overrides})
    after = [t["id"] for t in built.records[SEED]["themes"]]
    assert set(after) == (set(before) - {"kursk"}) | {"sanctions"}
    assert ("overrides.yaml:2: themes: no theme 'no-such-theme' in the taxonomy; ignored") in map(
        str, built.warnings
    )


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        (
            "bad.md",
            "---\ntitle: fine\nauthors: [unclosed\ndate: 2025-01-01\n---\nBody text here.\n",
            "bad.md:4: malformed YAML: ",
        ),
        ("list.md", "---\n- a\n- b\n---\nBody text here.\n", "list.md:2: the front matter is not"),
        ("empty.md", "---\ntitle: Only a title\n---\n\n", "no text after the front matter"),
        ("overrides.yaml", f"{SEED}:\n  title: [oops\n", "overrides.yaml:3: malformed YAML: "),
    ],
)
def test_malformed_yaml_skips_its_file_with_file_and_line_and_the_build_goes_on(
    tmp_path: Path, name: str, text: str, reason: str
) -> None:
    built = build_with(tmp_path, {name: text})
    assert built.skipped[name].startswith(reason)
    assert len(built.records) == 5


def test_a_draft_is_an_explained_skip(tmp_path: Path) -> None:
    built = build_with(tmp_path, {"overrides.yaml": f"{SEED}:\n  draft: true\n"})
    assert built.skipped[SEED] == "a draft (draft: true); not published"
    assert SEED not in built.records


def test_bad_values_are_warnings_and_the_extracted_value_stays(tmp_path: Path) -> None:
    text = "---\ndate: last spring\nsource_url: not a url\ndraft: maybe\n---\nOne sentence.\n"
    built = build_with(tmp_path, {"odd.md": text}, seeds=False)
    record: dict[str, Any] = built.records["odd.md"]
    assert record["date"] is None and record["source_url"] is None and record["overridden"] == []
    messages = [str(p) for p in built.warnings if p.source == "odd.md"]
    assert "odd.md:2: date: not a date (YYYY-MM-DD): 'last spring'; ignored" in messages
    assert "odd.md:3: source_url: not an http(s) URL: 'not a url'; ignored" in messages
    assert "odd.md:4: draft: expected true or false; ignored" in messages


def test_the_about_page_is_linked_from_every_page_and_can_be_replaced(tmp_path: Path) -> None:
    about = tmp_path / "about.md"
    about.write_text("# Our method\n\nWe read <b>everything</b> twice.\n", encoding="utf-8")
    folder = tmp_path / "seeds"
    folder.mkdir()
    config = Config(seeds=folder, out=tmp_path / "site", search=False, about=about)
    build(config)
    page = (config.out / "about" / "index.html").read_text(encoding="utf-8")
    assert "<h2>Our method</h2>" in page and "&lt;b&gt;everything&lt;/b&gt;" in page
    for html in config.out.rglob("*.html"):
        if html.name != "404.html":
            assert "About this digest</a>" in html.read_text(encoding="utf-8"), html


def test_the_shipped_about_page_explains_the_automatic_fields(seed_site: Path) -> None:
    page = (seed_site / "about" / "index.html").read_text(encoding="utf-8")
    for words in ("Thesis", "Key claims", "forecast", "recommendation", "Themes", "edited"):
        assert words in page


CONVOYS = """---
title: Convoys through the winter
authors: [Lena Park]
---
The ports of the region handled far fewer ships this winter than in the winter before.

## How the ports fared through the winter

Shipping lines said the **navies must escort every convoy** before the insurers return.

#### What the insurers charged for each passage

Premiums for a single passage tripled after the strikes on the port cities.
"""


def test_markdown_headings_follow_the_page_outline_and_claims_across_markup_are_marked(
    tmp_path: Path,
) -> None:
    built = build_with(tmp_path, {"convoys.md": CONVOYS}, seeds=False)
    record = built.records["convoys.md"]
    path = built.out / record["url"]
    headings = page_facts(path).headings
    assert all(b - a <= 1 for a, b in pairwise(headings)), headings
    page = path.read_text(encoding="utf-8")
    assert re.search(r"<h3>(<mark[^>]*>)?How the ports fared", page)
    assert re.search(r"<h4>(<mark[^>]*>)?What the insurers charged", page)
    across = next(c for c in record["claims"] if "navies must escort" in c["text"])
    n = record["claims"].index(across) + 1
    opening = f'<mark id="claim-{n}" class="claim claim-{across["kind"]}">Shipping lines said the '
    assert opening in page
    assert re.search(
        r'<strong><mark class="claim[^"]*">navies must escort every convoy</mark>', page
    )


def test_a_pinned_slug_keeps_the_url_and_feed_id_while_the_title_is_edited(
    tmp_path: Path,
) -> None:
    pinned = GRAIN.replace("---\ntitle:", "---\nslug: black-sea-grain\ntitle:", 1)
    built = build_with(tmp_path, {"grain-corridor.md": pinned}, seeds=False)
    assert built.records["grain-corridor.md"]["url"] == "articles/black-sea-grain/index.html"
    assert "<id>urn:digest:article:black-sea-grain</id>" in built.read("feed.xml")
    retitled = pinned.replace(
        'title: "The grain corridor after the ceasefire talks"', "title: Insurers hold the key"
    )
    (tmp_path / "seeds" / "grain-corridor.md").write_text(retitled, encoding="utf-8")
    rebuilt = Built(build(Config(seeds=tmp_path / "seeds", out=built.out, search=False)))
    record = rebuilt.records["grain-corridor.md"]
    assert (record["title"], record["url"]) == (
        "Insurers hold the key",
        "articles/black-sea-grain/index.html",
    )
    assert "<title>Insurers hold the key</title>" in rebuilt.read("feed.xml")
    assert "<id>urn:digest:article:black-sea-grain</id>" in rebuilt.read("feed.xml")
    assert [p.name for p in (rebuilt.out / "articles").iterdir()] == ["black-sea-grain"]
    assert "slug" in record["overridden"]


def test_an_override_pins_the_slug_of_any_file_and_wins_over_front_matter(
    tmp_path: Path,
) -> None:
    pinned = GRAIN.replace("---\ntitle:", "---\nslug: from-front-matter\ntitle:", 1)
    overrides = f"{SEED}:\n  slug: kursk-2024\ngrain-corridor.md:\n  slug: from-overrides\n"
    built = build_with(tmp_path, {"grain-corridor.md": pinned, "overrides.yaml": overrides})
    assert built.records[SEED]["url"] == "articles/kursk-2024/index.html"
    assert built.records["grain-corridor.md"]["url"] == "articles/from-overrides/index.html"
    assert broken_links(built.out) == []


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("Black Sea Grain", "not a slug: 'Black Sea Grain'"),
        ("grain/../../etc", "not a slug: 'grain/../../etc'"),
        ("-grain-", "not a slug: '-grain-'"),
        ("x" * 81, "at most 80 characters"),
        ("[grain]", "expected text, got list"),
    ],
)
def test_a_bad_slug_is_a_warning_with_file_and_line_and_the_title_gives_the_slug(
    tmp_path: Path, value: str, why: str
) -> None:
    text = f"---\ntitle: Grain ships wait\nslug: {value}\n---\nPorts near Odesa were quiet.\n"
    built = build_with(tmp_path, {"grain.md": text}, seeds=False)
    assert built.records["grain.md"]["url"] == "articles/grain-ships-wait/index.html"
    (message,) = [str(p) for p in built.warnings if p.code == "bad-value"]
    assert message.startswith("grain.md:3: slug: ") and why in message
    assert message.endswith("; ignored")


def test_the_first_file_to_pin_a_slug_gets_it_and_a_pin_beats_a_title(tmp_path: Path) -> None:
    def article(title: str, slug: str = "") -> str:
        pin = f"slug: {slug}\n" if slug else ""
        return f"---\ntitle: {title}\n{pin}---\nPorts near Odesa were quiet on {title}.\n"

    built = build_with(
        tmp_path,
        {
            "a.md": article("Grain ships wait"),  # its title's slug is another file's pin
            "b.md": article("Monday", "grain-ships-wait"),
            "c.md": article("Tuesday", "grain-ships-wait"),
        },
        seeds=False,
    )
    urls = {source: record["url"].split("/")[1] for source, record in built.records.items()}
    assert urls == {
        "a.md": "grain-ships-wait-2",
        "b.md": "grain-ships-wait",
        "c.md": "grain-ships-wait-3",
    }
    assert (
        "c.md: slug: 'grain-ships-wait' is pinned by b.md too; this article's slug is "
        "'grain-ships-wait-3'"
    ) in map(str, built.warnings)

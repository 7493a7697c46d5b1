"""Whatever text or bytes come in, the loader neither raises nor loses a line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.models.documents import Skip, SourceDoc
from digest.read.clean import clean
from digest.read.extract import extract
from digest.read.load import parse_source
from digest.text import split_paragraphs

# Text built from the pieces scraped pages are made of, so the rules actually fire.
PIECES = st.sampled_from(
    [
        "[ad_1]",
        "Copyright: Some Outlet",
        "Illustration: A. Artist",
        "By Jane Doe",
        "Jane Doe is a senior fellow at the Example Institute.",
        "- Related headline ›",
        "The talks will resume next week, officials said.",
        "Mr. Smith said “no.”",
        "Governments should act now.",
        "Why It Matters: A Headline",
        "",
        "\r",
        "\u00a0",
        "John Roe, professor of law at Example University, served as an adviser.",
    ]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=80)), max_size=25).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_extraction_never_raises_and_accounts_for_every_paragraph(text: str) -> None:
    source = parse_source("random.txt", text.encode("utf-8", "surrogatepass"))
    if isinstance(source, Skip):
        assert not text.strip() or "\x00" in text
        return
    article = extract(clean(source))
    accounted = list(article.paragraphs) + [r.text for r in article.removed]
    assert sorted(accounted) == sorted(split_paragraphs(source.text))
    assert article.title
    assert len(article.title) <= 200


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_become_a_document_or_a_skip_with_a_reason(data: bytes) -> None:
    result = parse_source("random.bin", data)
    assert isinstance(result, SourceDoc | Skip)
    if isinstance(result, Skip):
        assert result.reason
    else:
        extract(clean(result))


# Front matter built from YAML's pieces: tags, anchors and aliases, dates, flow collections.
YAML_PIECES = st.sampled_from(
    [
        "date: ",
        "title: ",
        "authors: ",
        "themes: ",
        "note: ",
        "&a ",
        "*a ",
        "!!int ",
        "!!float ",
        "!!binary ",
        "!!timestamp ",
        "!!bool ",
        "!!set ",
        "!!omap ",
        "!!pairs ",
        "!!seq ",
        "!!map ",
        "!!python/object:os.system ",
        "%YAML 1.1\n",
        "--- ",
        "2025-02-30",
        "2025-13-01 25:61:00",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "\n",
        "  ",
        "- ",
        "? ",
        ": ",
        "'",
        '"',
    ]
)
FRONT_MATTER = st.lists(st.one_of(YAML_PIECES, st.text(max_size=20)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(FRONT_MATTER)
def test_any_front_matter_gives_a_document_or_a_skip_with_its_line(front: str) -> None:
    result = parse_source("random.md", f"---\n{front}\n---\nTalks went on.\n".encode())
    assert isinstance(result, SourceDoc | Skip)
    if isinstance(result, Skip) and "malformed YAML" in result.reason:
        assert result.reason.startswith("random.md:")

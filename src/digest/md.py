"""Markdown, read with markdown-it-py: an article body as blocks of plain text (what the
extractor and tagger read) paired with their Markdown source (what the page shows), and
Markdown rendered to HTML for article bodies, editors' notes and the About page.

Raw HTML in Markdown is never passed through: it is shown as text, escaped. An image from
another site is shown as a link to it unless the config allows remote images: loading it
would tell that site who reads the digest, and when (a tracking pixel).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from .text import normalise_space

# CommonMark with tables; "html": False escapes raw HTML, and CommonMark's link check drops
# javascript: and similar URLs. WITH_REMOTE_IMAGES renders every image as an image.
MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
WITH_REMOTE_IMAGES = MarkdownIt("commonmark", {"html": False}).enable("table")
# An image source that names another site: a scheme (https:) or a network path (//host/);
# a data: image is in the page itself.
_REMOTE = re.compile(r"^(?!data:)(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def _image_as_link(
    renderer: RendererHTML, tokens: Sequence[Token], index: int, options: Any, env: Any
) -> str:
    """A remote image as a link to it, named by its description; any other as an image."""
    token = tokens[index]
    source = str(token.attrGet("src") or "")
    if not _REMOTE.match(source):
        return renderer.image(tokens, index, options, env)
    described = renderer.renderInlineAsText(token.children or [], options, env)
    return f'<a href="{escape(source)}">image: {escape(described or source)}</a>'


MARKDOWN.add_render_rule("image", _image_as_link)
# The blocks whose text the extractor reads as sentences.
PROSE = frozenset(
    {"paragraph_open", "heading_open", "bullet_list_open", "ordered_list_open", "blockquote_open"}
)
# Headings in an article body stand under the page's h1 and its "Text" h2: the body's
# highest heading level is shown as h3.
BODY_TOP_HEADING = 3
# Inline tokens a claim's mark wraps whole when the claim covers any of them: they are one
# element, or a line break, so a mark cannot start or end inside them.
_WHOLE_INLINES = frozenset({"code_inline", "image", "softbreak", "hardbreak"})


def markdown_blocks(body: str) -> list[tuple[str, str]]:
    """Each top-level block of prose in a Markdown body as (plain text, Markdown source).

    Prose is what the extractor reads: paragraphs, headings, lists and quotes. A table, code
    or a rule is shown with the prose block before it (or after it, at the start) but is
    never read as sentences. Link reference definitions are appended to every block's
    source, so that a block rendered on its own still resolves `[text][ref]` links.
    """
    env: dict[str, object] = {}
    tokens = MARKDOWN.parse(body, env)
    lines = body.split("\n")
    blocks: list[tuple[str, str]] = []
    pending = ""
    for start, end in _top_level_spans(tokens):
        first, last = tokens[start].map or (0, 0)
        source = "\n".join(lines[first:last])
        plain = normalise_space(" ".join(_inline_text(t) for t in tokens[start:end]))
        if tokens[start].type not in PROSE or not plain:
            if blocks:
                blocks[-1] = (blocks[-1][0], f"{blocks[-1][1]}\n\n{source}")
            else:
                pending += f"{source}\n\n"
            continue
        blocks.append((plain, pending + source))
        pending = ""
    definitions = _reference_definitions(env)
    return [(plain, source + definitions) for plain, source in blocks]


def _top_level_spans(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """[start, end) index ranges of the top-level blocks in a token stream."""
    spans, start = [], 0
    for i, token in enumerate(tokens):
        if token.level == 0 and token.nesting <= 0:
            spans.append((start, i + 1))
            start = i + 1
    return spans


def _inline_text(token: Token) -> str:
    """The visible text of an inline token: text, code, and image descriptions."""
    if token.type != "inline":
        return ""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_inline_text(Token("inline", "", 0, children=child.children)))
    return "".join(parts)


def _reference_definitions(env: dict[str, object]) -> str:
    references = env.get("references")
    if not isinstance(references, dict) or not references:
        return ""
    lines = [
        f'[{label}]: <{ref["href"]}> "{ref.get("title") or ""}"'.replace(' ""', "")
        for label, ref in sorted(references.items())
    ]
    return "\n\n" + "\n".join(lines)


def render(source: str, heading_shift: int = 1, remote_images: bool = False) -> str:
    """Markdown to HTML (an editor's note, the About page), its headings under the page's h1."""
    return _to_html(_parsed(source, heading_shift), remote_images)


def _parsed(source: str, heading_shift: int) -> list[Token]:
    """The tokens of a Markdown text, its headings moved down by heading_shift levels."""
    return _with_levels(MARKDOWN.parse(source, {}), lambda level: level + heading_shift)


def _with_levels(tokens: list[Token], level_of: Callable[[int], int]) -> list[Token]:
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, level_of(int(token.tag[1])))}"
    return tokens


def body_outline(sources: Iterable[str]) -> dict[int, int]:
    """The heading level each Markdown heading level of a body is shown at, so that the body's
    headings follow the page's outline without skipping a level: the levels the body uses,
    highest first, become h3, h4, ... (a body of `##` and `####` shows h3 and h4)."""
    used = {
        int(token.tag[1])
        for source in sources
        if "#" in source or "\n=" in source or "\n-" in source
        for token in MARKDOWN.parse(source, {})
        if token.type == "heading_open"
    }
    return {level: BODY_TOP_HEADING + n for n, level in enumerate(sorted(used))}


def _to_html(tokens: Sequence[Token], remote_images: bool) -> str:
    markdown = WITH_REMOTE_IMAGES if remote_images else MARKDOWN
    return str(markdown.renderer.render(tokens, markdown.options, {}))


def render_block(
    source: str,
    marks: Sequence[tuple[str, str, str]],
    outline: Mapping[int, int],
    remote_images: bool = False,
) -> str:
    """One body block to HTML, headings at the levels of the body's `outline`, with each
    (text, id, class) mark wrapped around its text.

    A mark's text may cross inline markup (a link, emphasis): each run of it is marked, the
    first run carrying the id. A sentence not found gets an empty anchor with its id at the
    start of the block.
    """
    tokens = _with_levels(MARKDOWN.parse(source, {}), lambda level: outline.get(level, level))
    inlines = [t for t in tokens if t.type == "inline"]
    for token in inlines:
        token.children = _joined_text(token.children or [])
    unplaced = [(i, c) for text, i, c in marks if not _mark(inlines, text, i, c)]
    if unplaced and inlines:
        anchors = "".join(f'<span id="{i}"></span>' for i, _ in unplaced)
        inlines[0].children = [_html(anchors), *(inlines[0].children or [])]
    return _to_html(tokens, remote_images)


def _mark(inlines: list[Token], text: str, anchor: str, css: str) -> bool:
    """Wrap the first place that reads `text` in <mark>s, one per run of text it covers (so
    that marks nest inside links and emphasis); False when no inline reads it."""
    for token in inlines:
        children = token.children or []
        visible = [_visible_text(child) for child in children]
        at = "".join(visible).find(text)
        if at < 0:
            continue
        token.children = _marked_runs(children, visible, (at, at + len(text)), anchor, css)
        return True
    return False


def _marked_runs(
    children: list[Token], visible: list[str], span: tuple[int, int], anchor: str, css: str
) -> list[Token]:
    """The inline tokens with the text in `span` (offsets into their visible text) marked,
    one <mark> per token it covers; the first carries the id."""
    marked: list[Token] = []
    offset = 0
    for child, shown in zip(children, visible, strict=True):
        first, last = max(span[0] - offset, 0), min(span[1] - offset, len(shown))
        opening = f'<mark class="{css}">'
        if offset <= span[0] < offset + len(shown):
            opening = f'<mark id="{anchor}" class="{css}">'
        offset += len(shown)
        if first >= last:
            marked.append(child)
        elif child.type in _WHOLE_INLINES:
            marked += [_html(opening), child, _html("</mark>")]
        else:
            before, inside, after = shown[:first], shown[first:last], shown[last:]
            marked += [_text(before), _html(opening), _text(inside), _html("</mark>"), _text(after)]
    return marked


def _visible_text(child: Token) -> str:
    """What an inline token shows as text, as the body's plain text reads it."""
    if child.type in ("text", "code_inline"):
        return child.content
    if child.type in ("softbreak", "hardbreak"):
        return " "
    if child.type == "image":
        return _inline_text(Token("inline", "", 0, children=child.children))
    return ""


def _joined_text(children: list[Token]) -> list[Token]:
    """Soft line breaks as spaces, and neighbouring runs of text as one, so that a sentence
    of a hard-wrapped paragraph is one run."""
    joined: list[Token] = []
    for child in children:
        if child.type == "softbreak":
            child = _text(" ")
        if child.type == "text" and joined and joined[-1].type == "text":
            joined[-1] = _text(joined[-1].content + child.content)
        else:
            joined.append(child)
    return joined


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)


def _html(content: str) -> Token:
    return Token("html_inline", "", 0, content=content)

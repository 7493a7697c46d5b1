"""HTML or Markdown saved as a .txt file: recognised, and Markdown turned into the plain text
it shows (HTML is read as a web page: see webpage).

Scrapers sometimes save a page's HTML, or a Markdown export, under a .txt name. Read as
text, the tags would end up in paragraphs, titles and bios. Each format is recognised
only on strong evidence (several of its constructs), so prose that mentions a `<p>` tag or
an asterisk stays as it is; a conversion is always reported as a warning.
"""

from __future__ import annotations

import re

# Structure tags: a page's markup has them; a text quoting a <script> or <b> tag does not,
# and such a text is shown with its tags as text.
_HTML_TAG = re.compile(r"</?(?:body|p|div|br|li|ul|ol|h[1-6]|article|section|table|tr|td)\b", re.I)
_HTML_DOCUMENT = re.compile(r"^\s*(?:<!doctype\s+html|<html\b)", re.IGNORECASE)
# A page's HTML has a tag every few hundred characters; prose quoting a tag does not.
_HTML_TAGS_PER_CHAR = 1 / 400
_MIN_HTML_TAGS = 3

# A link's text and target hold no brackets (nor the target parentheses): so each "[" starts
# a scan that ends at the next one, and finding links takes linear time. With "[^\]]" as the
# text, a run of "[" before a "](" was scanned again from each of them: 41 s for 160 KB.
_LINK_TEXT = r"[^\[\]\n]"
_LINK_TARGET = r"\([^()\[\]\s]+\)"
_IMAGE = re.compile(rf"!\[{_LINK_TEXT}*\]{_LINK_TARGET}")
_LINK = re.compile(rf"\[({_LINK_TEXT}+)\]{_LINK_TARGET}")
_HEADING = re.compile(r"^#{1,6}[ \t]+(.*)$", re.MULTILINE)

# Each construct, with the strings one of which it cannot be without: a text holding none is
# not searched for it (most are not, and the search is the slow part of reading a file).
_MARKDOWN = {
    "heading": (("#",), re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)),
    "link": (("](",), re.compile(rf"!?\[{_LINK_TEXT}+\]{_LINK_TARGET}")),
    "strong": (("**", "__"), re.compile(r"(\*\*|__)(?=\S)[^*_\n]+?(?<=\S)\1")),
    "quote": ((">",), re.compile(r"^>[ \t]?\S", re.MULTILINE)),
    "fence": (("```",), re.compile(r"^```", re.MULTILINE)),
}
# Two kinds of Markdown construct, or several of one, before a text is taken for Markdown.
_MIN_MARKDOWN_KINDS = 2
_MIN_MARKDOWN_HITS = 3


def looks_like_html(text: str) -> bool:
    """Tell whether the text is an HTML page (or fragment) rather than prose."""
    if _HTML_DOCUMENT.match(text):
        return True
    tags = len(_HTML_TAG.findall(text))
    return tags >= _MIN_HTML_TAGS and tags >= len(text) * _HTML_TAGS_PER_CHAR


def looks_like_markdown(text: str) -> bool:
    """Tell whether the text is written in Markdown syntax."""
    hits = {
        kind: len(pattern.findall(text)) if any(m in text for m in markers) else 0
        for kind, (markers, pattern) in _MARKDOWN.items()
    }
    kinds = sum(1 for n in hits.values() if n)
    return kinds >= _MIN_MARKDOWN_KINDS or sum(hits.values()) >= _MIN_MARKDOWN_HITS


def markdown_to_text(text: str) -> str:
    """Markdown without its syntax: heading marks, emphasis, link targets, quote marks, fences."""
    text = _MARKDOWN["fence"][1].sub("", text)
    text = _IMAGE.sub("", text)  # images: the caption is elsewhere
    text = _LINK.sub(r"\1", text)
    # The closing marks are stripped in Python: "(.*?)[ \t#]*$" backtracks quadratically.
    text = _HEADING.sub(lambda heading: heading.group(1).rstrip(" \t#"), text)
    text = _MARKDOWN["strong"][1].sub(lambda m: m.group(0)[2:-2], text)
    return re.sub(r"^>[ \t]?", "", text, flags=re.MULTILINE)


def plain_text(text: str) -> tuple[str, str | None]:
    """The text a reader would see, and a warning when Markdown syntax was converted (HTML
    is read as a web page: see webpage)."""
    if looks_like_markdown(text):
        return markdown_to_text(text), "Markdown syntax in a text file: converted to plain text"
    return text, None

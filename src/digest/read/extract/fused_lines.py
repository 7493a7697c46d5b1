"""Lines a scraped page fused, split apart: a credit glued to the text, a header of fields."""

from __future__ import annotations

import re

# A photo credit glued to the text after it, a text node the scraper did not separate:
# "© Agency | Jane DoeThe summit was ..." (the credit ends where a lower-case letter meets
# the capital that starts the text).
_GLUED_CREDIT = re.compile(r"^(?P<credit>©[^.!?]{3,120}?[a-z])(?P<text>[A-Z][a-z].{20,})$")
# A header of fields run together with slashes: "Headline/ Outlet/ PLACE/ Author/ Summary".
_SLASH_FIELDS = re.compile(r"/\s+")
MIN_SLASH_FIELDS = 4


def split_fused_lines(lines: list[str]) -> list[str]:
    """The lines, with lines a page fused split apart: a credit glued to the text, and a
    header whose fields (headline, outlet, place, author, summary) run together with
    slashes, each field a line of its own."""
    result: list[str] = []
    for line in lines:
        glued = _GLUED_CREDIT.match(line)
        fields = [f.strip() for f in _SLASH_FIELDS.split(line)]
        if glued:
            result += [glued.group("credit"), glued.group("text")]
        elif len(fields) >= MIN_SLASH_FIELDS and all(len(f.split()) <= 20 for f in fields[:-1]):
            result += [f for f in fields if f]
        else:
            result.append(line)
    return result

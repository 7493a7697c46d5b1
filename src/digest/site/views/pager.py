"""Links between the pages of a list split over several (the front page's, a theme's)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PagerEntry:
    """One numbered page of the list; `gap_before` when pages before it are not linked."""

    number: int
    href: str
    current: bool
    gap_before: bool


@dataclass(frozen=True, slots=True)
class Pager:
    """The pager of one page: its name for assistive technology, "Page 2 of 5", the newer
    and older pages ("" at either end) and the numbered pages linked."""

    name: str
    label: str
    newer: str
    older: str
    pages: tuple[PagerEntry, ...]


def pager(
    path_of: Callable[[int], str], number: int, count: int, root: str, name: str
) -> Pager | None:
    """Links between the pages of a list split over several: newer, older, the first,
    the last and the two on either side of this one; None for one page."""
    if count == 1:
        return None
    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    return Pager(
        name=name,
        label=f"Page {number} of {count}",
        newer=root + path_of(number - 1) if number > 1 else "",
        older=root + path_of(number + 1) if number < count else "",
        pages=tuple(
            PagerEntry(n, root + path_of(n), n == number, n > previous + 1)
            for previous, n in zip([1, *shown[:-1]], shown, strict=True)
        ),
    )

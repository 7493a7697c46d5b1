"""Charts drawn at build time as inline SVG, each with its numbers as a table.

Plain data in, a frozen Chart out: the same data always gives the same markup, and every
piece of text is escaped. Nothing runs in the browser, so a chart works opened from disk.
Colours are never written into the markup: marks and text carry classes (`chart-bar`,
`chart-shade-N`, `chart-text`, `chart-axis`) that the stylesheet colours from its light
and dark schemes. Positions are computed for 12 px text, with widths estimated per
character, since no font can be measured at build time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

# Text size in the charts, in px (the page's small print is 0.8 to 0.9 of 17 px).
FONT = 12
# The width a character of 12 px system-ui text takes, at most for most text (capitals and
# "m" aside): labels are cut to fit by it, never overflow it.
CHAR_WIDTH = 7.0
# Bar charts are this wide: the content column of a 360 px phone (1 rem padding either side)
# holds them unscaled, and on narrower screens they scale down rather than scroll.
NARROW_WIDTH = 320
# A horizontal bar's row: its label on one line, the bar under it.
BAR_ROW = 34
BAR_HEIGHT = 12
# Room right of the longest bar for its count (five digits).
COUNT_ROOM = 44
# A column chart's plot height, and the room above it for the top value and below for labels.
PLOT_HEIGHT = 120
PLOT_TOP = 20
PLOT_BOTTOM = 24
# A matrix cell's side, with 2 px between cells: the smallest square a pointer still hits
# (WCAG 2.5.8's 24 px target spacing is met by the table's links, which hold the same links).
CELL = 16
# Theme labels of a matrix are cut to this many characters: most taxonomies' labels fit.
ROW_LABEL_CHARS = 24
# Score shades of a matrix: five steps of 0.2, each a class the stylesheet colours.
SHADES = 5


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell of a chart's table: its text, and the page it links to ("" for none)."""

    text: str
    href: str = ""


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart ready for the page: the SVG, what it shows in words, and the same numbers as a
    table (the first cell of each row names the row)."""

    id: str  # unique on its page; the SVG's title and description ids start with it
    title: str
    description: str
    svg: Markup
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: what it counts, how many, and the page it stands for ("" for none)."""

    label: str
    value: int
    href: str = ""


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a matrix: one article, its title and page."""

    label: str
    href: str


@dataclass(frozen=True, slots=True)
class Row:
    """A row of a matrix: one theme, and its score for each column (None: not tagged)."""

    label: str
    values: tuple[float | None, ...]


def bar_chart(
    id: str,
    title: str,
    description: str,
    caption: str,
    header: tuple[str, str],
    bars: Sequence[Bar],
) -> Chart:
    """Horizontal bars of article counts in the order given, each label above its bar and
    the count after it."""
    top = max((bar.value for bar in bars), default=0) or 1
    room = NARROW_WIDTH - COUNT_ROOM
    marks = []
    for i, bar in enumerate(bars):
        y = i * BAR_ROW
        width = max(2.0, bar.value / top * room)
        marks.append(
            f"<g><title>{escape(bar.label)}: {_articles(bar.value)}</title>"
            f'<text class="chart-text" x="0" y="{y + FONT + 1}">'
            f"{escape(_fit(bar.label, NARROW_WIDTH))}</text>"
            f'<rect class="chart-mark chart-bar" x="0" y="{y + FONT + 5}" width="{width:.1f}" '
            f'height="{BAR_HEIGHT}" data-label="{escape(bar.label)}" data-value="{bar.value}"/>'
            f'<text class="chart-text" x="{width + 4:.1f}" y="{y + FONT + 5 + BAR_HEIGHT - 1}">'
            f"{bar.value:,}</text></g>"
        )
    svg = _svg(id, title, description, NARROW_WIDTH, len(bars) * BAR_ROW, marks)
    return Chart(id, title, description, svg, caption, header, _count_rows(bars))


def column_chart(
    id: str,
    title: str,
    description: str,
    caption: str,
    header: tuple[str, str],
    bars: Sequence[Bar],
) -> Chart:
    """Vertical bars of article counts in the order given (a timeline's periods), the first and
    last labelled under the axis and the largest count above the plot. A zero draws no bar
    but keeps its place and its row in the table."""
    top = max((bar.value for bar in bars), default=0) or 1
    step = NARROW_WIDTH / max(1, len(bars))
    gap = 2.0 if step > 6 else 0.0  # thin bars touch rather than vanish
    base = PLOT_TOP + PLOT_HEIGHT
    marks = [
        f'<text class="chart-text" x="0" y="{FONT}">{_articles(top)} at most</text>',
        f'<line class="chart-axis" x1="0" y1="{base}" x2="{NARROW_WIDTH}" y2="{base}"/>',
    ]
    for i, bar in enumerate(bars):
        if bar.value == 0:
            continue
        height = max(2.0, bar.value / top * PLOT_HEIGHT)
        marks.append(
            f"<g><title>{escape(bar.label)}: {_articles(bar.value)}</title>"
            f'<rect class="chart-mark chart-bar" x="{i * step + gap / 2:.1f}" '
            f'y="{base - height:.1f}" width="{step - gap:.1f}" height="{height:.1f}" '
            f'data-label="{escape(bar.label)}" data-value="{bar.value}"/></g>'
        )
    if bars:
        label_y = base + FONT + 6
        first, last = bars[0].label, bars[-1].label
        marks.append(f'<text class="chart-text" x="0" y="{label_y}">{escape(first)}</text>')
        if len(bars) > 1:
            marks.append(
                f'<text class="chart-text" x="{NARROW_WIDTH}" y="{label_y}" '
                f'text-anchor="end">{escape(last)}</text>'
            )
    svg = _svg(id, title, description, NARROW_WIDTH, base + PLOT_BOTTOM, marks)
    return Chart(id, title, description, svg, caption, header, _count_rows(bars))


def _count_rows(bars: Sequence[Bar]) -> tuple[tuple[Cell, Cell], ...]:
    """A bar chart's table: each bar's label (a link where it has one) and its count."""
    return tuple((Cell(bar.label, bar.href), Cell(f"{bar.value:,}")) for bar in bars)


def matrix_chart(
    id: str,
    title: str,
    description: str,
    caption: str,
    corner: str,
    columns: Sequence[Column],
    rows: Sequence[Row],
) -> Chart:
    """A grid of rows by columns, each value a square shaded by its step of 0 to 1 and linked
    to its column's page; a shade legend under it. Wider than a phone when there are many
    columns: the page lets it scroll sideways in its frame.

    The table turns the grid around, a row per column (per article): its rows stay short
    however many rows (themes) the grid has.
    """
    longest = max((len(row.label) for row in rows), default=0)
    left = min(longest, ROW_LABEL_CHARS) * CHAR_WIDTH + 8
    grid_bottom = len(rows) * CELL
    marks = [mark for i, row in enumerate(rows) for mark in _grid_row(i * CELL, row, columns, left)]
    note_y = grid_bottom + FONT + 8
    marks.append(
        f'<text class="chart-text" x="{left:.0f}" y="{note_y}">Newest on the left →</text>'
    )
    legend, legend_width = _legend(note_y + 10)
    marks += legend
    width = max(left + len(columns) * CELL, legend_width)
    svg = _svg(id, title, description, width, note_y + 10 + CELL + 4, marks, linked=True)
    table = tuple(
        (
            Cell(column.label, column.href),
            *(Cell("" if row.values[j] is None else f"{row.values[j]:.2f}") for row in rows),
        )
        for j, column in enumerate(columns)
    )
    header = (corner, *(row.label for row in rows))
    return Chart(id, title, description, svg, caption, header, table)


def _grid_row(y: int, row: Row, columns: Sequence[Column], left: float) -> list[str]:
    """A row of the grid at height y: its label, then a linked square for each value."""
    shown = _cut(row.label, ROW_LABEL_CHARS)
    whole = f"<title>{escape(row.label)}</title>" if shown != row.label else ""
    marks = [
        f'<text class="chart-text" x="{left - 6:.0f}" y="{y + CELL - 4}" text-anchor="end">'
        f"{whole}{escape(shown)}</text>"
    ]
    for j, (column, value) in enumerate(zip(columns, row.values, strict=True)):
        if value is None:
            continue
        score = f"{value:.2f}"
        marks.append(
            f'<a href="{escape(column.href)}">'
            f"<title>{escape(column.label)} — {escape(row.label)}: {score}</title>"
            f'<rect class="chart-mark chart-shade-{shade(value)}" x="{left + j * CELL:.0f}" '
            f'y="{y + 1}" width="{CELL - 2}" height="{CELL - 2}" '
            f'data-label="{escape(column.label)} — {escape(row.label)}" data-value="{score}"/>'
            "</a>"
        )
    return marks


def shade(value: float) -> int:
    """The step of a value from 0 to 1: 1 below 0.2, ..., 5 from 0.8 on."""
    return min(SHADES, max(1, int(value * SHADES) + 1))


def _legend(y: int) -> tuple[list[str], float]:
    """The shade legend at height y: a swatch and range per step; the marks and their width."""
    item = 8 * CHAR_WIDTH + CELL
    start = 6 * CHAR_WIDTH
    marks = [f'<text class="chart-text" x="0" y="{y + CELL - 4}">Score</text>']
    for step in range(1, SHADES + 1):
        x = start + (step - 1) * item
        low, high = (step - 1) / SHADES, step / SHADES
        label = f"{low:.1f}–{high:.1f}" if step < SHADES else f"{low:.1f}–1"
        marks.append(
            f'<rect class="chart-shade-{step}" x="{x:.0f}" y="{y + 1}" '
            f'width="{CELL - 2}" height="{CELL - 2}"/>'
            f'<text class="chart-text" x="{x + CELL + 2:.0f}" y="{y + CELL - 4}">{label}</text>'
        )
    return marks, start + SHADES * item


def _svg(
    id: str,
    title: str,
    description: str,
    width: float,
    height: float,
    marks: list[str],
    linked: bool = False,
) -> Markup:
    """The SVG element around the marks, named by its title and description.

    A chart whose marks are links is a "group" drawn at full size (its frame scrolls): an
    "img" hides what it holds from assistive technology, and its links would be focusable
    yet hidden. Other charts are images that shrink to fit a narrow screen.
    """
    role, size = ("group", "chart-wide") if linked else ("img", "chart-fits")
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg {size}" role="{role}" '
        f'aria-labelledby="{id}-title {id}-desc" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-size="{FONT}">'
        f'<title id="{id}-title">{escape(title)}</title>'
        f'<desc id="{id}-desc">{escape(description)}</desc>'
    )
    return Markup(head + "".join(marks) + "</svg>")


def _fit(text: str, width: float) -> str:
    """The text cut to what fits in `width` px."""
    return _cut(text, int(width // CHAR_WIDTH))


def _cut(text: str, chars: int) -> str:
    """The text, or its first chars - 1 characters and an ellipsis."""
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _articles(count: int) -> str:
    return f"{count:,} article{'s' if count != 1 else ''}"

"""Warnings: one record for every kind, from the config file to a single article.

A warning is a `Problem`: the file to change, the line where one is known, a stable code
saying what kind of problem it is, and a message. The config file, the taxonomy, the input
files, editors' fields and the reader all report them the same way, so the build report,
the summary and `--strict` see every one. A warning that a field is missing is not raised
where the field is given (by an editor, or by a web page's metadata): it has been answered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

ProblemCode = Literal[
    # settings and fields
    "unknown-key",  # a key digest does not know (config, theme, front matter, override)
    "bad-value",  # a value of an editor's field (or a web page's metadata) that cannot be used
    "unknown-theme",  # an editor names a theme the taxonomy does not have
    "unknown-file",  # overrides.yaml names a file the seeds folder does not have
    "slug-taken",  # another file pinned the same slug first
    # input files
    "no-input",  # the seeds folder holds nothing to read
    "not-utf-8",  # a file decoded from another encoding
    "html-in-text",  # a .txt file holds a web page's HTML
    "markdown-in-text",  # a .txt file holds Markdown syntax
    # reading
    "kept-whole",  # the cleaning rules would remove nearly all of a text
    "no-title",  # the text gives no title: one was derived
    "no-author",  # the text names no author
    "no-thesis",  # no sentence found: no thesis, no claims
    "no-theme",  # no theme of the taxonomy applies
]
# Every code, in the order the summary lists them.
PROBLEM_CODES: tuple[ProblemCode, ...] = get_args(ProblemCode)
# The field that answers a warning of a missing field, when an editor (or a web page's
# metadata) gives it.
ANSWERED_BY: dict[ProblemCode, str] = {
    "no-title": "title",
    "no-author": "authors",
    "no-thesis": "thesis",
    "no-theme": "themes",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """A warning: the file to change (an input file's path relative to the seeds folder),
    the line in it (None when it is the whole file), what kind of problem, and what to do."""

    source: str
    line: int | None
    code: ProblemCode
    message: str

    @property
    def where(self) -> str:
        """`file:line`, or the file alone."""
        return self.source if self.line is None else f"{self.source}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def unknown_key(
    source: str, line: int | None, key: object, what: str, known: Iterable[str], within: str = ""
) -> Problem:
    """The warning for a key digest does not know, a `what` ("setting", "field") `within`
    something (" in theme 'x'"): it is ignored, and the message lists the known ones."""
    listed = ", ".join(known)
    message = f"unknown {what} {key!r}{within}; ignored ({what}s: {listed})"
    return Problem(source, line, "unknown-key", message)


def unanswered(problems: Iterable[Problem], given: Iterable[str]) -> tuple[Problem, ...]:
    """The problems but those of a missing field that is given."""
    fields = set(given)
    return tuple(p for p in problems if ANSWERED_BY.get(p.code) not in fields)


def grouped(problems: Sequence[Problem], limit: int | None = None) -> list[str]:
    """The problems as indented lines, by kind in the order of PROBLEM_CODES: a line naming
    the kind and how many, then each problem (with `limit`, the first few and how many
    more). When every problem of a kind says the same, the message is said once, on the
    kind's line, and only the files are listed. Within a kind, by file and line."""
    lines = []
    for code in PROBLEM_CODES:
        group = sorted((p for p in problems if p.code == code), key=_place)
        if not group:
            continue
        shared = len({p.message for p in group}) == 1
        lines.append(f"  {code} ({len(group)})" + (f": {group[0].message}" if shared else ":"))
        shown = group if limit is None else group[:limit]
        lines += [f"    {p.where if shared else p}" for p in shown]
        if len(group) > len(shown):
            lines.append(f"    ... and {len(group) - len(shown)} more")
    return lines


def _place(problem: Problem) -> tuple[str, int]:
    return problem.source, problem.line or 0

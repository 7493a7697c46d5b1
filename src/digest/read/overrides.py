"""`overrides.yaml`: an editor's fields for any input file, keyed by file name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..bounded_yaml import yaml_with_lines
from ..config import yaml_problem
from ..models.documents import Edits, Skip, SourceDoc
from ..problems import Problem
from .edit_fields import parse_edits

OVERRIDES_FILE = "overrides.yaml"
OUTSIDE_LINK = "a link to a file outside the seeds folder; not followed"


@dataclass(frozen=True, slots=True)
class Overrides:
    """overrides.yaml read: edits and their warnings by file name, and the file's own problems."""

    edits: Mapping[str, tuple[Edits, tuple[Problem, ...]]]
    lines: Mapping[str, int]  # the line of each file name, for warnings
    skip: Skip | None = None


def leads_outside(path: Path, root: Path) -> bool:
    """Whether a path in the seeds folder (resolved: `root`) is a link to something outside
    it, which is never read: a seed could otherwise name any file of the machine."""
    return path.is_symlink() and not path.resolve().is_relative_to(root)


def read_overrides(seeds: Path) -> Overrides:
    """The seeds folder's overrides.yaml, if any; malformed YAML skips the whole file."""
    path = seeds / OVERRIDES_FILE
    if not path.is_file():
        return Overrides({}, {})
    if leads_outside(path, seeds.resolve()):
        return Overrides({}, {}, Skip(OVERRIDES_FILE, f"{OUTSIDE_LINK}; no overrides applied"))
    try:
        values, key_lines = yaml_with_lines(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        return Overrides({}, {}, Skip(OVERRIDES_FILE, f"cannot read: {err}; no overrides applied"))
    except yaml.YAMLError as err:
        reason = f"{yaml_problem(OVERRIDES_FILE, err)}; no overrides applied"
        return Overrides({}, {}, Skip(OVERRIDES_FILE, reason))
    if values is not None and not isinstance(values, dict):
        reason = "not a mapping of file names to fields; no overrides applied"
        return Overrides({}, {}, Skip(OVERRIDES_FILE, f"{OVERRIDES_FILE}:1: {reason}"))
    lines = {key: line + 1 for key, line in key_lines.items()}
    edits: dict[str, tuple[Edits, tuple[Problem, ...]]] = {}
    for name, fields in (values or {}).items():
        if not isinstance(fields, dict):
            line = lines.get((str(name),))
            problem = Problem(OVERRIDES_FILE, line, "bad-value", "not a mapping of fields; ignored")
            edits[str(name)] = (Edits("override"), (problem,))
            continue
        field_lines = {k[1]: n for k, n in lines.items() if len(k) == 2 and k[0] == str(name)}
        edit, problems = parse_edits(fields, "override", OVERRIDES_FILE, field_lines)
        edits[str(name)] = (edit, tuple(problems))
    return Overrides(edits, {k[0]: n for k, n in lines.items() if len(k) == 1})


def edits_for(
    doc: SourceDoc, overrides: Overrides
) -> tuple[tuple[Edits, ...], tuple[Problem, ...]]:
    """A file's edits, front matter first, and the warnings its overrides entry gave."""
    edits, problems = overrides.edits.get(doc.source, (None, ()))
    return tuple(e for e in (doc.edits, edits) if e is not None), problems


def unknown_files(overrides: Overrides, names: Iterable[str]) -> list[Problem]:
    """A warning for each overridden file name that is no file of the seeds folder."""
    known = set(names)
    return [
        Problem(
            OVERRIDES_FILE,
            overrides.lines.get(name),
            "unknown-file",
            f"no input file named {name!r}",
        )
        for name in overrides.edits
        if name not in known
    ]

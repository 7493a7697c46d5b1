"""The user's theme taxonomy: its themes, and reading and checking the YAML file that lists them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..config import malformed_yaml
from ..errors import ConfigError
from ..problems import Problem, unknown_key

THEME_KEYS = frozenset({"id", "label", "description", "strong", "signals", "requires", "excludes"})
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A word of a term: a term needs one, as tagging looks each term up by its first word.
WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Theme:
    """A theme of the user's taxonomy and the signals that show an article discusses it."""

    id: str
    label: str
    description: str
    strong: tuple[str, ...] = ()  # unambiguous phrases: one in the title or thesis is enough
    signals: tuple[str, ...] = ()  # weaker terms: several are needed
    requires: tuple[str, ...] = ()  # a signal counts only in a sentence that has one of these
    excludes: tuple[str, ...] = ()  # a sentence with one of these says something else


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The themes, in file order, where they came from, and the file's warnings."""

    themes: tuple[Theme, ...]
    source: str = ""
    problems: tuple[Problem, ...] = ()


def load_taxonomy(path: Path) -> Taxonomy:
    """Read and check a taxonomy file; every problem is reported at once with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: taxonomy file not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read taxonomy file: {err}") from None
    return parse_taxonomy(text, str(path))


@lru_cache(maxsize=4)
def parse_taxonomy(text: str, source: str = "themes.yaml") -> Taxonomy:
    """Parse taxonomy YAML: a list of themes, or a mapping with a `themes` list; an unknown
    key of a theme is a warning of the taxonomy's, any other problem an error. The last few
    are kept: a serving process reads the same taxonomy at every rebuild."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as err:
        raise malformed_yaml(source, err) from None
    items = _theme_nodes(root, source)
    problems: list[str] = []
    warnings: list[Problem] = []
    themes: list[Theme] = []
    for node in items:
        warnings += _unknown_keys(node, source)
        theme = _theme(node, source, problems)
        if theme is not None and theme.id in {t.id for t in themes}:
            problems.append(f"{source}:{node.start_mark.line + 1}: duplicate theme id {theme.id!r}")
        elif theme is not None:
            themes.append(theme)
    if problems:
        raise ConfigError("\n".join(problems))
    return Taxonomy(themes=tuple(themes), source=source, problems=tuple(warnings))


def _theme_nodes(root: yaml.Node | None, source: str) -> list[yaml.Node]:
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "themes":
                root = value
                break
    if not isinstance(root, yaml.SequenceNode):
        line = root.start_mark.line + 1 if root is not None else 1
        raise ConfigError(f"{source}:{line}: expected a list of themes (or a 'themes:' list)")
    return list(root.value)


def _theme(node: yaml.Node, source: str, problems: list[str]) -> Theme | None:
    """One theme from its YAML node; problems are appended with file and line."""
    where = f"{source}:{node.start_mark.line + 1}"
    if not isinstance(node, yaml.MappingNode):
        problems.append(f"{where}: a theme must be a mapping with id, label and signals")
        return None
    raw: dict[str, Any] = yaml.safe_load(yaml.serialize(node))
    before = len(problems)
    for key in ("id", "label"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            problems.append(f"{where}: theme needs a non-empty '{key}'")
    if isinstance(raw.get("id"), str) and not _ID.match(raw["id"]):
        problems.append(f"{where}: id {raw['id']!r} must be lower-case words joined by '-'")
    lists = {
        key: _string_list(raw, key, where, problems)
        for key in sorted(THEME_KEYS - {"id", "label", "description"})
    }
    if not lists["strong"] and not lists["signals"]:
        problems.append(f"{where}: theme {raw.get('id')!r} needs 'strong' or 'signals' terms")
    if len(problems) > before:
        return None
    return Theme(
        id=raw["id"],
        label=raw["label"],
        description=str(raw.get("description") or ""),
        **lists,
    )


def _unknown_keys(node: yaml.Node, source: str) -> list[Problem]:
    """A warning for each key of a theme that no theme has, at the key's line."""
    if not isinstance(node, yaml.MappingNode):
        return []
    ids = [v.value for k, v in node.value if k.value == "id" and isinstance(v, yaml.ScalarNode)]
    within = f" in theme {ids[0]!r}" if ids else ""
    lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    return [
        unknown_key(source, line, key, "key", sorted(THEME_KEYS), within)
        for key, line in lines.items()
        if key not in THEME_KEYS
    ]


def _string_list(raw: dict[str, Any], key: str, where: str, problems: list[str]) -> tuple[str, ...]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and WORD.search(v) for v in value):
        problems.append(f"{where}: '{key}' must be a list of terms with letters or digits")
        return ()
    return tuple(v.strip() for v in value)

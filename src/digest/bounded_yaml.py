"""YAML from the seeds folder (front matter, overrides.yaml), read within bounds.

Seeds are untrusted, and a few hundred bytes of YAML can cost gigabytes: each alias
(`*name`) repeats what its anchor holds, so ten nested levels of ten aliases make ten
billion values (the "billion laughs"). PyYAML's safe loader builds no objects but plain
data, yet expands aliases, nests as deep as the text does, and raises a bare ValueError
(not a YAMLError) for an impossible date such as 2025-02-30. Here an alias, nesting deeper
than MAX_DEPTH, a value longer than MAX_VALUE_CHARS and an impossible date are each a
YAML error with its line, so the file is skipped with the reason and the build goes on.
(PyYAML gives up on a flow collection's possible key after 1,024 characters, so a run of
brackets costs it linear time.)
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError

# Front matter nests three levels at most (themes: {add: [...]}); anything deeper is noise.
MAX_DEPTH = 20
# The longest value an editor writes is a note of a few paragraphs.
MAX_VALUE_CHARS = 20_000


class BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases, deep nesting, huge values or impossible dates."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        """Compose a node; an alias or a node nested too deep is an error."""
        event = self.peek_event()  # type: ignore[no-untyped-call]
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            raise ComposerError(None, None, "aliases (*name) are not allowed", mark)
        if self.depth >= MAX_DEPTH:
            raise ComposerError(None, None, f"values nested more than {MAX_DEPTH} deep", mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_scalar(self, node: yaml.ScalarNode | yaml.MappingNode) -> Any:
        """A scalar's text; one longer than MAX_VALUE_CHARS is an error."""
        if len(node.value) > MAX_VALUE_CHARS:
            problem = f"a value of {len(node.value):,} characters (at most {MAX_VALUE_CHARS:,})"
            raise ConstructorError(None, None, problem, node.start_mark)
        return super().construct_scalar(node)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """A node's value; text its tag cannot read (2025-02-30 as a date, `!!int abc`) is
        an error of the file. PyYAML's constructors raise whatever Python raises on such
        text (int("") an IndexError, a timestamp that does not match an AttributeError,
        `!!bool abc` a KeyError): all of them are the text's fault, never a bug of ours."""
        try:
            return super().construct_object(node, deep)
        except (ArithmeticError, LookupError, ValueError, TypeError, AttributeError) as err:
            kind = _KINDS.get(node.tag, node.tag.rsplit(":", 1)[-1])
            shown = repr(node.value) if isinstance(node, yaml.ScalarNode) else "a value"
            problem = f"{shown} is not a valid {kind} ({err})"
            raise ConstructorError(None, None, problem, node.start_mark) from None


# What each of YAML's tags reads, for errors; a date (2025-03-14) is read as a timestamp.
_KINDS = {
    "tag:yaml.org,2002:timestamp": "date",
    "tag:yaml.org,2002:int": "whole number",
    "tag:yaml.org,2002:float": "number",
}


def yaml_with_lines(
    text: str, reader: type[yaml.SafeLoader] = BoundedLoader
) -> tuple[Any, dict[tuple[str, ...], int]]:
    """Parse YAML once, within bounds (or as `reader` reads it): its value, and the 0-based
    line of each mapping key two levels deep, by its path of keys (for warnings that name a
    line)."""
    loader = reader(text)
    try:
        root = loader.get_single_node()
        value = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    found: dict[tuple[str, ...], int] = {}

    def walk(node: yaml.Node | None, path: tuple[str, ...]) -> None:
        if not isinstance(node, yaml.MappingNode) or len(path) >= 2:
            return
        for key, child in node.value:
            found[(*path, str(key.value))] = key.start_mark.line
            walk(child, (*path, str(key.value)))

    walk(root, ())
    return value, found

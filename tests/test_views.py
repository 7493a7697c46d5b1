"""The records the templates read (digest.site.views): their declarations keep what the page
namespaces and fields_of rely on."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import fields, is_dataclass

import digest.site.views
from digest.site.views.frame import Frame, PageView


def records() -> list[type]:
    """Every dataclass declared in digest.site.views."""
    found = []
    for module in pkgutil.iter_modules(digest.site.views.__path__):
        loaded = importlib.import_module(f"digest.site.views.{module.name}")
        for _, kind in inspect.getmembers(loaded, inspect.isclass):
            if is_dataclass(kind) and kind.__module__ == loaded.__name__:
                found.append(kind)
    return found


def test_every_record_names_all_its_fields_in_match_args() -> None:
    # fields_of reads a record's fields from __match_args__, which leaves out kw_only ones
    kinds = records()
    assert PageView in kinds and len(kinds) > 30
    for kind in kinds:
        assert kind.__match_args__ == tuple(f.name for f in fields(kind)), kind


def test_no_page_names_a_field_as_the_frame_does() -> None:
    # a page's namespace is the frame's fields and its own: one would hide the other
    framed = {f.name for f in fields(Frame)}
    pages = [kind for kind in records() if issubclass(kind, PageView) and kind is not PageView]
    assert len(pages) >= 12
    for kind in pages:
        assert not framed & {f.name for f in fields(kind)}, kind

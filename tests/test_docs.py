"""Every command-line flag is documented in the README, every config key in
docs/configuration.md."""

from __future__ import annotations

from dataclasses import fields

import pytest

from digest.cli import parser
from digest.config import Config

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONFIGURATION = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
FLAGS = sorted(
    option
    for action in parser()._actions
    for option in action.option_strings
    if option.startswith("--")
)


@pytest.mark.parametrize("flag", [f for f in FLAGS if f != "--help"])
def test_flag_is_documented(flag: str) -> None:
    assert f"`{flag}" in README


@pytest.mark.parametrize("key", [f.name for f in fields(Config)])
def test_config_key_is_documented(key: str) -> None:
    assert f"| `{key}` |" in CONFIGURATION

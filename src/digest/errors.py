"""The exceptions that end a build. Per-file problems are not exceptions: they go to the report."""

from __future__ import annotations


class DigestError(Exception):
    """A fatal problem the user can fix; the CLI prints it as one line and exits non-zero."""


class ConfigError(DigestError):
    """The config file is missing, malformed, or has values of the wrong type."""


class InputError(DigestError):
    """The seeds folder does not exist or cannot be read."""


class OutputError(DigestError):
    """The output folder cannot be written, or is not ours to replace."""

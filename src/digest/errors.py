"""The exceptions that end a build. Per-file problems are not exceptions: they go to the report."""

from __future__ import annotations

import traceback

from jinja2 import TemplateError, TemplateSyntaxError


class DigestError(Exception):
    """A fatal problem the user can fix; the CLI prints it as one line and exits non-zero."""


class ConfigError(DigestError):
    """The config file is missing, malformed, or has values of the wrong type."""


class InputError(DigestError):
    """The seeds folder does not exist or cannot be read."""


class OutputError(DigestError):
    """The output folder cannot be written, or is not ours to replace."""


class StrictError(DigestError):
    """--strict is on and the build had warnings or skipped files."""


class TemplateProblem(DigestError):
    """A template does not parse or uses a name its context does not have."""

    @classmethod
    def of(cls, err: Exception) -> TemplateProblem:
        """The error with the template file and line where Jinja reports one."""
        message = err.message if isinstance(err, TemplateError) else None
        return cls(f"{_template_location(err)}: {message or f'{type(err).__name__}: {err}'}")


# What a template can raise besides Jinja's own errors: using a value the wrong way.
TEMPLATE_MISUSE = (TypeError, AttributeError, ValueError)


def _template_location(err: Exception) -> str:
    """`file:line` of a template error: from a syntax error, else the innermost template frame."""
    if isinstance(err, TemplateSyntaxError):
        return f"{err.filename or err.name}:{err.lineno}"
    frames = [
        f for f in traceback.extract_tb(err.__traceback__) if f.filename.endswith((".html", ".xml"))
    ]
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "template"


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM stopped a build; the message says what the output folder holds."""

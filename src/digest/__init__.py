"""digest: turn a folder of scraped article text into a static research-digest site."""

from __future__ import annotations

__version__ = "0.1.0"
GENERATOR = f"digest {__version__}"

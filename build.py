"""Build the digest: `python build.py --help` lists the flags."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from digest.cli import main

if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Thin launcher: ``python cli.py ...`` is the same as the installed ``ecosystem ...``."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ecosystem.cli import main  # noqa: E402

if __name__ == "__main__":
    main()

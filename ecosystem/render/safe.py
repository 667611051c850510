"""Safe writing for the renderers: see :mod:`ecosystem.io.safe` (spreadsheet-safe text,
atomic writes), where the writers of every format find it too."""
from __future__ import annotations

from ..io.safe import (FORMULA_PREFIXES, atomic_path, neutralise_cell, neutralise_frame,
                       write_text_atomic)

__all__ = ["FORMULA_PREFIXES", "atomic_path", "neutralise_cell", "neutralise_frame",
           "write_text_atomic"]

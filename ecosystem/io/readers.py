"""Read partner and relation tables from files into an :class:`Ecosystem`.

(Foundation version: CSV/TSV. Other formats register in ``READERS``.)
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from ..exceptions import InputDataError, Problem, UnsupportedFormatError
from ..model import Ecosystem, StrengthRule


def read_table(path: str | Path, *, encoding: str | None = None) -> pd.DataFrame:
    """Read one CSV/TSV table as strings (no type guessing)."""
    path = Path(path)
    if not path.exists():
        raise InputDataError([Problem("file not found", file=str(path), code="missing_file")])
    sep = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
    return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False,
                       encoding=encoding or "utf-8-sig")


def load(relations: str | Path, partners: str | Path | None = None, *,
         encoding: str | None = None, columns: Mapping[str, str] | None = None,
         auto_add_partners: bool = True, strict: bool = False,
         strength_rule: StrengthRule | None = None, **kwargs: Any) -> Ecosystem:
    """Load an ecosystem from a relations file and an optional partners file.

    Examples
    --------
    >>> eco = load("datasets/demo/relations.csv", "datasets/demo/partners.csv")  # doctest: +SKIP
    """
    rel = read_table(relations, encoding=encoding)
    part = read_table(partners, encoding=encoding) if partners else None
    return Ecosystem.from_frames(rel, part, relations_file=str(relations),
                                 partners_file=str(partners) if partners else "partners",
                                 auto_add_partners=auto_add_partners, strict=strict,
                                 columns=columns, strength_rule=strength_rule,
                                 name=Path(relations).stem, **kwargs)


READERS: dict[str, Any] = {}

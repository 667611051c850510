"""Shared by the Pajek and UCINET DL readers: tokens, numbers, declared sizes."""
from __future__ import annotations

import shlex

from ..exceptions import InputDataError, Problem
from .limits import current, limit_hint


def _tokens(line: str, file: str = "input", row: int | None = None) -> list[str]:
    """Split a line into tokens, honouring quotes; an unterminated quote is an error."""
    try:
        return shlex.split(line, posix=True)
    except ValueError as err:
        raise InputDataError([Problem(f"cannot split the line into values ({err}: a quote "
                                      "opens a label but never closes)", file=file, row=row,
                                      value=line[:80], code="bad_row")]) from None


def _number(token: str) -> float | None:
    try:
        value = float(token)
    except ValueError:
        return None
    return value


def _declared(value: int, what: str, file: str, row: int) -> int:
    cap = current().max_declared_count
    if value < 0 or value > cap:
        raise InputDataError([Problem(
            f"{what} declares {value:,}, outside 0..{cap:,} (max_declared_count); "
            f"{limit_hint('max_declared_count')}", file=file, row=row, value=value,
            code="too_large")])
    return value

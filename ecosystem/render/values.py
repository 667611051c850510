"""Plain values for display and JSON: :func:`fmt`, :func:`jsonable`, :func:`plain_number`.

Shared by the summary, the report, the trust section and the exports; nothing here knows
about analyses.
"""
from __future__ import annotations

import datetime as _dt
import math
from typing import Any, Mapping

import numpy as np
import pandas as pd

from ..i18n import translator
from ..io.values import NOT_A_NUMBER, plain_number  # noqa: F401 (one definition, shared with the writers)


def _isnan(v: Any) -> bool:
    try:
        return v is None or (isinstance(v, (float, np.floating)) and math.isnan(float(v))) or (
            not isinstance(v, (str, bytes, list, tuple, dict, np.ndarray)) and pd.isna(v))
    except (TypeError, ValueError):
        return False


def fmt(value: Any, kind: str = "auto", lang: str = "en") -> str:
    """Format one value for display (numbers to 3 significant digits, shares as %).

    Examples
    --------
    >>> fmt(1234567), fmt(0.123456), fmt(0.5, "share"), fmt(None), fmt(["a", "b"])
    ('1,234,567', '0.123', '50%', '–', 'a, b')
    >>> fmt(["highland railway, general accident", "fife coal"])  # names holding commas
    'highland railway, general accident; fife coal'
    """
    t = translator(lang)
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray)):
        items = [fmt(v, lang=lang) for v in list(value)]
        # semicolons when a name holds a comma, as names_text has it
        sep = "; " if any("," in x for x in items[:6]) else ", "
        return sep.join(items[:6]) + (" …" if len(items) > 6 else "")
    if isinstance(value, dict):
        return ", ".join(f"{k} {fmt(v, 'share' if kind == 'share' else 'auto', lang)}"
                         for k, v in list(value.items())[:6])
    if _isnan(value):
        return "–"
    if isinstance(value, (bool, np.bool_)):
        return t("yes") if value else t("no")
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}"
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if kind == "share":
            return f"{v * 100:.0f}%" if abs(v) >= 0.1 or v == 0 else f"{v * 100:.1f}%"
        if kind == "int" or (v.is_integer() and abs(v) < 1e15 and kind != "float"):
            return f"{int(v):,}"
        if abs(v) >= 1000:
            return f"{v:,.0f}"
        return f"{v:.3g}"
    return str(value)


def jsonable(value: Any) -> Any:
    """JSON-ready copy: numpy -> Python, NaN -> None, DataFrames -> records, sets -> lists."""
    kind = type(value)  # the common plain leaves first (exact types: same result as below)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, pd.DataFrame):
        return [jsonable(r) for r in value.to_dict("records")]
    if isinstance(value, pd.Series):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray)):
        return [jsonable(v) for v in list(value)]
    number = plain_number(value)
    if number is not NOT_A_NUMBER:
        return number
    if isinstance(value, (pd.Timestamp, _dt.date)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int)):
        return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


__all__ = ["fmt", "jsonable", "plain_number", "NOT_A_NUMBER"]

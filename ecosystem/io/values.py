"""Plain Python values for the files we write (JSON, Excel, graph files)."""
from __future__ import annotations

import math
from typing import Any

import numpy as np

#: Returned by :func:`plain_number` for values that are not numbers.
NOT_A_NUMBER = object()


def plain_number(value: Any) -> Any:
    """A numpy or Python bool/int/float as a plain Python value; NaN and inf -> None.

    Anything else returns :data:`NOT_A_NUMBER`, so callers (JSON, Excel, graph files)
    handle text, dates and containers their own way.

    Examples
    --------
    >>> plain_number(np.int64(3)), plain_number(np.float32("nan")), plain_number("x") is NOT_A_NUMBER
    (3, None, True)
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        return None if math.isnan(v) or math.isinf(v) else v
    return NOT_A_NUMBER


def cell_text(v: Any) -> Any:
    """Lists, sets and dicts as readable text (``a; b``, ``k: 0.5``); other values as they are.

    Examples
    --------
    >>> cell_text(["a", "b"]), cell_text({"x": 0.123456}), cell_text(3)
    ('a; b', 'x: 0.123', 3)
    """
    if isinstance(v, (list, tuple, set, frozenset, np.ndarray)):
        return "; ".join(str(x) for x in v)
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_fmt_num(x)}" for k, x in v.items())
    return v


def _fmt_num(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3g}"
    return str(v)


__all__ = ["NOT_A_NUMBER", "cell_text", "plain_number"]

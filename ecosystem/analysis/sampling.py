"""Standard errors of the source-sampled estimates (efficiency, path lengths).

Large networks estimate sums over all partners from ``k`` seeded random source partners,
drawn without replacement from ``N``. With ``x_i`` the value of source ``i`` (e.g. its sum
of ``1 / distance`` to every other partner), the estimate of the total is ``N * mean(x)``
and its standard error ``N * sd(x) / sqrt(k) * sqrt(1 - k / N)`` (finite population
correction; Cochran 1977, ch. 2). A mean over pairs (average path length) is a ratio of two
such totals, ``sum(y) / sum(c)``; its standard error is the usual linearisation
``sqrt(sum((y_i - R c_i)^2) / (k (k - 1))) / mean(c) * sqrt(1 - k / N)``.
The functions return the **relative** standard error (standard error / estimate), which the
report quotes next to each sampled measure.
"""
from __future__ import annotations

import numpy as np


def total_rse(values: np.ndarray, population: int) -> float:
    """Relative standard error of ``population * mean(values)`` (sampling without replacement).

    NaN when it cannot be estimated (fewer than 2 sources, or a zero total); 0 when every
    partner was a source.

    Examples
    --------
    >>> round(total_rse(np.array([1.0, 2.0, 3.0, 4.0]), 100), 4)  # 1.291 / 2 * 0.980 / 2.5
    0.253
    >>> total_rse(np.array([1.0, 2.0]), 2)
    0.0
    """
    x = np.asarray(values, dtype=float)
    k = len(x)
    if k >= population:
        return 0.0
    mean = float(x.mean()) if k else 0.0
    if k < 2 or mean == 0:
        return float("nan")
    fpc = np.sqrt(max(0.0, 1.0 - k / population))
    return float(x.std(ddof=1) / np.sqrt(k) * fpc / abs(mean))


def ratio_rse(num: np.ndarray, den: np.ndarray, population: int) -> float:
    """Relative standard error of ``sum(num) / sum(den)`` estimated from ``k`` sources.

    Examples
    --------
    >>> round(ratio_rse(np.array([2.0, 4.0, 6.0]), np.array([1.0, 2.0, 3.0]), 50), 6)
    0.0
    >>> round(ratio_rse(np.array([2.0, 6.0, 3.0]), np.array([1.0, 2.0, 3.0]), 50), 4)
    0.3696
    """
    y = np.asarray(num, dtype=float)
    c = np.asarray(den, dtype=float)
    k = len(y)
    if k >= population:
        return 0.0
    if k < 2 or c.sum() == 0 or y.sum() == 0:
        return float("nan")
    r = y.sum() / c.sum()
    resid = y - r * c
    se = np.sqrt((resid ** 2).sum() / (k * (k - 1))) / c.mean()
    fpc = np.sqrt(max(0.0, 1.0 - k / population))
    return float(se * fpc / r)

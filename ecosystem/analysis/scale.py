"""Automatic settings that depend on the network's size.

Repeated analyses (null-model rewirings, community re-runs with other seeds) cost the same
full pass over the network each time. On very large networks (more than
:data:`VERY_LARGE_TIES` ties) their spread is small and the extra passes buy little, so the
automatic settings (``null`` in the configuration) repeat them less. An explicit value is
always used as given; the report's methods table shows the runs that were made.

================================ ========= =========================================
setting                          automatic above :data:`VERY_LARGE_TIES` ties
================================ ========= =========================================
``baselines.runs``               5         3
``communities.stability_runs``   10        5
``resilience.sources``           50        20
``evolution.samples``            50        20
================================ ========= =========================================

``resilience.sources`` is the number of seeded Dijkstra sources behind each point of a
removal curve's efficiency and each what-if scenario's (the largest-component share stays
exact); the report states the resulting sampling error. ``evolution.samples`` is the
number of seeded betweenness pivots and path-length sources of each large snapshot the
evolution analyses (one pass per period: the evolution's largest cost on very large
networks).
"""
from __future__ import annotations

from typing import Any

VERY_LARGE_TIES = 250_000
"""Ties above which the automatic settings repeat whole-network analyses less."""

AUTOMATIC: dict[str, tuple[int, int]] = {
    "baselines.runs": (5, 3),
    "communities.stability_runs": (10, 5),
    "resilience.sources": (50, 20),
    "evolution.samples": (50, 20),
}
"""Setting -> (automatic value, automatic value above :data:`VERY_LARGE_TIES` ties)."""


def very_large(n_ties: int) -> bool:
    """Whether a network with ``n_ties`` ties gets the lighter automatic settings.

    Examples
    --------
    >>> very_large(796_670), very_large(50_000)
    (True, False)
    """
    return int(n_ties) > VERY_LARGE_TIES


def automatic(setting: str, value: Any, n_ties: int) -> int:
    """``value`` when it is set, else the automatic value of ``setting`` for this size.

    Examples
    --------
    >>> automatic("baselines.runs", None, 796_670), automatic("baselines.runs", None, 900)
    (3, 5)
    >>> automatic("baselines.runs", 8, 796_670)
    8
    """
    if value is not None:
        return int(value)
    small, large = AUTOMATIC[setting]
    return large if very_large(n_ties) else small


__all__ = ["AUTOMATIC", "VERY_LARGE_TIES", "automatic", "very_large"]

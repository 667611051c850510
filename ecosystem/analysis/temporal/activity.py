"""Which partners and ties are active in each period (a map's time slider, GEXF spells).

Built from the **same snapshots as** :func:`ecosystem.analysis.temporal.evolve`: the
analysis' :class:`~ecosystem.analysis.temporal.Evolution` when there is one (its
``snapshots``), else :func:`ecosystem.analysis.temporal.snapshots` with evolve's
defaults (yearly, cumulative, active partners). No metric is computed here: a period
only says who and what is active, and who entered (active now, not in the period
before: evolve's entrants).

The page gets, for every node and every tie of the map, its active periods as runs
``[[first, last], ...]`` (period indices, inclusive), which stays small for thousands
of partners.
"""
from __future__ import annotations

import warnings
from typing import Any, Sequence

import numpy as np
import pandas as pd

from ... import schema as S
from ...model import Ecosystem
from .periods import has_dates
from .snapshots import snapshots


def _runs(active: np.ndarray) -> list[list[int]]:
    """``[[first, last], ...]`` of the True stretches of a boolean vector.

    Examples
    --------
    >>> _runs(np.array([False, True, True, False, True]))
    [[1, 2], [4, 4]]
    """
    out: list[list[int]] = []
    start = None
    for k, on in enumerate(active.tolist()):
        if on and start is None:
            start = k
        elif not on and start is not None:
            out.append([start, k - 1])
            start = None
    if start is not None:
        out.append([start, len(active) - 1])
    return out


def map_snapshots(eco: Ecosystem, analysis: Any = None) -> tuple[list, list[str]]:
    """The snapshots a map's time slider shows, and notes (empty list when undated).

    Uses ``analysis.evolution.snapshots`` when the analysis has an evolution of this
    ecosystem, else :func:`~ecosystem.analysis.temporal.snapshots` (evolve's defaults).
    """
    evolution = analysis.get("evolution") if isinstance(analysis, dict) else \
        getattr(analysis, "evolution", None)
    snaps = getattr(evolution, "snapshots", None)
    if snaps:
        return list(snaps), []
    if not has_dates(eco):
        return [], []
    notes: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        snaps = snapshots(eco)
    notes += [str(w.message) for w in caught]
    return snaps, notes


def time_spec(snaps: Sequence[Any], ids: Sequence[str], edges: Sequence[dict],
              directed: bool = False) -> dict | None:
    """Periods, and the active runs of every node (``ids``) and tie (``edges``).

    Returns ``None`` when there are fewer than two periods.

    Examples
    --------
    >>> from ecosystem.analysis.temporal import snapshots
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c")])
    >>> eco = eco.replace(relations=eco.relations.assign(year=[2020, 2021]))
    >>> t = time_spec(snapshots(eco), ["a", "b", "c"],
    ...               [{"source": "a", "target": "b"}, {"source": "b", "target": "c"}])
    >>> t["periods"], t["nodes"], t["edges"], t["counts"]
    (['2020', '2021'], [[[0, 1]], [[0, 1]], [[1, 1]]], [[[0, 1]], [[1, 1]]], [[2, 1], [3, 2]])
    """
    if len(snaps) < 2:
        return None
    n, m, p = len(ids), len(edges), len(snaps)
    node_on = np.zeros((n, p), dtype=bool)
    edge_on = np.zeros((m, p), dtype=bool)
    id_index = pd.Index(list(map(str, ids)))
    src = np.array([str(e["source"]) for e in edges], dtype=object)
    dst = np.array([str(e["target"]) for e in edges], dtype=object)
    if not directed:  # an undirected tie's key: its two ends in sorted order
        src, dst = np.where(src <= dst, src, dst), np.where(src <= dst, dst, src)
    edge_keys = pd.MultiIndex.from_arrays([src, dst]) if m else None
    counts = []
    for k, snap in enumerate(snaps):
        node_on[:, k] = id_index.isin(snap.eco.ids.astype(str))
        if m:
            ties = snap.eco.ties
            a = ties[S.SOURCE].astype(str).to_numpy(object)
            b = ties[S.TARGET].astype(str).to_numpy(object)
            if not directed:
                a, b = np.where(a <= b, a, b), np.where(a <= b, b, a)
            edge_on[:, k] = edge_keys.isin(pd.MultiIndex.from_arrays([a, b]))
        counts.append([int(node_on[:, k].sum()), int(edge_on[:, k].sum())])
    return {"periods": [str(s.label) for s in snaps],
            "nodes": [_runs(row) for row in node_on],
            "edges": [_runs(row) for row in edge_on],
            "counts": counts}


__all__ = ["map_snapshots", "time_spec"]

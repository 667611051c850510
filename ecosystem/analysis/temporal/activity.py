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
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

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


def _all_runs(on: np.ndarray) -> list[list[list[int]]]:
    """:func:`_runs` of every row of a boolean matrix, in one vectorised pass.

    Examples
    --------
    >>> _all_runs(np.array([[False, True, True, False, True], [True] * 5]))
    [[[1, 2], [4, 4]], [[0, 4]]]
    """
    on = np.asarray(on, dtype=bool)
    if on.ndim != 2 or on.shape[0] == 0:
        return [_runs(row) for row in on]
    if on.shape[1] <= 62:  # rows as bit patterns: the runs of each distinct pattern, copied
        codes = on.astype(np.int64) @ (np.int64(1) << np.arange(on.shape[1], dtype=np.int64))
        _, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
        per = [_runs(on[i]) for i in first.tolist()]
        return [[run[:] for run in per[c]] for c in inverse.ravel().tolist()]
    padded = np.zeros((on.shape[0], on.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = on
    step = np.diff(padded, axis=1)
    rows, starts = np.nonzero(step == 1)  # row-major: runs in order within each row
    _, stops = np.nonzero(step == -1)
    pairs = np.stack([starts, stops - 1], axis=1).tolist()
    out, pos = [], 0
    for count in np.bincount(rows, minlength=on.shape[0]).tolist():
        out.append(pairs[pos:pos + count])
        pos += count
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


@dataclass(frozen=True)
class Activity:
    """Who and which ties are active in each period, indexed once for many lookups.

    A map with drill-downs asks :func:`time_spec` for dozens of partner subsets: matching
    each subset's ties against every period's ties again (string pairs) cost 150 s on
    H2020. Here every period's ties become sorted integer pair keys once; a lookup is a
    binary search. ``index`` holds every partner id of any period.
    """

    periods: list[str]
    index: pd.Index
    nodes: np.ndarray
    """(partners x periods) bool: active in the period."""
    ties: list[np.ndarray]
    """Per period: sorted unique pair keys ``a * n + b`` of its ties (a <= b undirected)."""
    directed: bool

    def pair_keys(self, sources: Sequence[str], targets: Sequence[str]) -> np.ndarray:
        """The pair key of each tie (-1 when an end is in no period)."""
        # labels of the index's own dtype: pandas casts the whole index for any other
        # (an object target on a ``str`` index: 50 ms per call at 300,000 partners)
        a = self.index.get_indexer(pd.Index(sources, dtype=self.index.dtype))
        b = self.index.get_indexer(pd.Index(targets, dtype=self.index.dtype))
        if not self.directed:
            a, b = np.minimum(a, b), np.maximum(a, b)
        n = max(len(self.index), 1)
        return np.where((a >= 0) & (b >= 0), a.astype(np.int64) * n + b, -1)

    def tie_on(self, keys: np.ndarray) -> np.ndarray:
        """(ties x periods) bool for pair keys from :meth:`pair_keys`."""
        on = np.zeros((len(keys), len(self.ties)), dtype=bool)
        for k, period in enumerate(self.ties):
            if len(period) and len(keys):
                pos = np.minimum(np.searchsorted(period, keys), len(period) - 1)
                on[:, k] = (period[pos] == keys) & (keys >= 0)
        return on


def activity_index(snaps: Sequence[Any], directed: bool = False, *,
                   tie_tables: Mapping[int, pd.DataFrame] | None = None) -> Activity:
    """Index the snapshots' partners and ties for :func:`time_spec` (see :class:`Activity`).

    A period that shares the period before's relation table (an unchanged period, see
    :func:`~.snapshots.cut_snapshots`) takes its tie keys without building its tie
    table; ``tie_tables`` gives the tie table of period ``k`` where the caller has it
    (the same pairs as ``snaps[k].eco.ties``, e.g. the analysed network's own when the
    latest period holds all of its relations). A tie table built here is not kept on the
    snapshot.

    Examples
    --------
    >>> from ecosystem.analysis.temporal import snapshots
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c")])
    >>> act = activity_index(snapshots(eco.replace(relations=eco.relations.assign(year=[2020, 2021]))))
    >>> act.periods, act.nodes.sum(axis=0).tolist()
    (['2020', '2021'], [2, 3])
    """
    ids = [s.eco.ids.astype(str).to_numpy(object) for s in snaps]
    index = pd.Index(np.concatenate(ids) if ids else np.array([], dtype=object)).unique()
    nodes = np.zeros((len(index), len(snaps)), dtype=bool)
    ties: list[np.ndarray] = []
    act = Activity([str(s.label) for s in snaps], index, nodes, ties, directed)
    given = dict(tie_tables or {})
    for k, snap in enumerate(snaps):
        nodes[index.get_indexer(ids[k]), k] = True
        if k and k not in given and snap.eco.relations is snaps[k - 1].eco.relations:
            ties.append(ties[-1])  # the period before's relations, hence its ties
            continue
        cached = "ties" in snap.eco.__dict__
        t = given[k] if k in given else snap.eco.ties
        keys = act.pair_keys(t[S.SOURCE].astype(str).to_numpy(object),
                             t[S.TARGET].astype(str).to_numpy(object))
        keys = np.sort(keys[keys >= 0])  # np.unique, without its hash pass
        ties.append(keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys)
        if k not in given and not cached:
            snap.eco.__dict__.pop("ties", None)  # built for this index only: not kept
    return act


def evolution_activity(snaps: Sequence[Any], analysis: Any, directed: bool = False) -> Activity:
    """:func:`activity_index` of ``snaps``, or the one the analysis' evolution already
    holds for exactly these snapshots (``Evolution.activity``, indexed while its periods
    were analysed)."""
    evolution = analysis.get("evolution") if isinstance(analysis, dict) else \
        getattr(analysis, "evolution", None)
    held = getattr(evolution, "activity", None)
    mine = list(getattr(evolution, "snapshots", None) or [])
    if (held is not None and held.directed == bool(directed) and len(mine) == len(snaps)
            and all(a is b for a, b in zip(mine, snaps))):
        return held
    return activity_index(snaps, directed)


def time_spec(snaps: Sequence[Any], ids: Sequence[str], edges: Sequence[dict],
              directed: bool = False, *, index: Activity | None = None) -> dict | None:
    """Periods, and the active runs of every node (``ids``) and tie (``edges``).

    Returns ``None`` when there are fewer than two periods. ``index``: the snapshots'
    :func:`activity_index`, when many calls share one set of snapshots.

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
    act = index if index is not None else activity_index(snaps, directed)
    rows = act.index.get_indexer(pd.Index(list(map(str, ids)), dtype=act.index.dtype))
    node_on = np.where((rows >= 0)[:, None], act.nodes[np.maximum(rows, 0)], False)
    keys = act.pair_keys([str(e["source"]) for e in edges], [str(e["target"]) for e in edges])
    edge_on = act.tie_on(keys)
    counts = [[int(node_on[:, k].sum()), int(edge_on[:, k].sum())] for k in range(len(snaps))]
    return {"periods": list(act.periods),
            "nodes": _all_runs(node_on),
            "edges": _all_runs(edge_on),
            "counts": counts}


__all__ = ["Activity", "activity_index", "evolution_activity", "map_snapshots", "time_spec"]

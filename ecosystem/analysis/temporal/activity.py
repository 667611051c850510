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


class ActivityIndexer:
    """Builds the :class:`Activity` of snapshots one period at a time, so that each
    snapshot's ecosystem (and tie table) can be let go once it is indexed: the periods'
    analysis keeps no period's tables until the last one (:func:`activity_index` is this
    indexer over a list).

    Partners take their row in order of first appearance, as in :func:`activity_index`;
    a tie is kept as its two rows until :meth:`finish` knows how many partners there are.

    Examples
    --------
    >>> from ecosystem.analysis.temporal import snapshots
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c")])
    >>> indexer = ActivityIndexer()
    >>> for snap in snapshots(eco.replace(relations=eco.relations.assign(year=[2020, 2021]))):
    ...     indexer.add(snap)
    >>> act = indexer.finish()
    >>> act.periods, act.index.tolist(), act.ties
    (['2020', '2021'], ['a', 'b', 'c'], [array([1]), array([1, 5])])
    """

    def __init__(self, directed: bool = False) -> None:
        self.directed = bool(directed)
        self._labels: list[str] = []
        self._new_ids: list[np.ndarray] = []  # each period's partners not seen before
        self._known = pd.Index(np.array([], dtype=object))
        self._rows: list[np.ndarray] = []  # each period's partners as rows of the index
        self._pairs: list[np.ndarray] = []  # sorted unique (row << 32 | row) per period
        self._previous: Any = None

    def add(self, snap: Any, ties: pd.DataFrame | None = None) -> None:
        """Index the next period's snapshot. ``ties``: its tie table where the caller has
        it (the same pairs as ``snap.eco.ties``, e.g. the analysed network's own); a tie
        table built here is not kept on the snapshot. A snapshot with the period before's
        relations (:meth:`~.snapshots.Snapshot.same_relations_as`) is not built at all."""
        previous, self._previous = self._previous, snap
        self._labels.append(str(snap.label))
        if previous is not None and ties is None and snap.same_relations_as(previous):
            self._rows.append(self._rows[-1])  # the period before's relations and partners
            self._pairs.append(self._pairs[-1])
            return
        eco = snap.eco
        ids = eco.ids.astype(str).to_numpy(object)
        rows = self._known.get_indexer(pd.Index(ids, dtype=self._known.dtype)) \
            if len(self._known) else np.full(len(ids), -1, dtype=np.intp)
        new = rows < 0
        if new.any():
            rows[new] = len(self._known) + np.arange(int(new.sum()))
            self._new_ids.append(ids[new])
            self._known = pd.Index(np.concatenate(self._new_ids))
        if ties is None:
            cached = "ties" in eco.__dict__
            t = eco.ties
            a = rows[t["source_index"].to_numpy(np.intp)]
            b = rows[t["target_index"].to_numpy(np.intp)]
            if not cached:
                eco.__dict__.pop("ties", None)  # built for this index only: not kept
        else:
            a = self._known.get_indexer(pd.Index(ties[S.SOURCE].astype(str), dtype=self._known.dtype))
            b = self._known.get_indexer(pd.Index(ties[S.TARGET].astype(str), dtype=self._known.dtype))
        if not self.directed:
            a, b = np.minimum(a, b), np.maximum(a, b)
        ok = (a >= 0) & (b >= 0)
        pairs = np.sort((a[ok].astype(np.int64) << 32) | b[ok].astype(np.int64))
        if len(pairs):  # np.unique, without its hash pass
            pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
        self._rows.append(rows)
        self._pairs.append(pairs)

    def finish(self) -> Activity:
        """The :class:`Activity` of every period added."""
        index = pd.Index(np.concatenate(self._new_ids) if self._new_ids
                         else np.array([], dtype=object))
        nodes = np.zeros((len(index), len(self._labels)), dtype=bool)
        n = np.int64(max(len(index), 1))
        keys: dict[int, np.ndarray] = {}  # one array per distinct period table, as shared
        ties = []
        for k, (rows, pairs) in enumerate(zip(self._rows, self._pairs)):
            nodes[rows, k] = True
            if id(pairs) not in keys:  # (a << 32 | b) and a * n + b sort alike: b < n
                keys[id(pairs)] = (pairs >> 32) * n + (pairs & 0xFFFFFFFF)
            ties.append(keys[id(pairs)])
        return Activity(list(self._labels), index, nodes, ties, self.directed)


def activity_index(snaps: Sequence[Any], directed: bool = False, *,
                   tie_tables: Mapping[int, pd.DataFrame] | None = None) -> Activity:
    """Index the snapshots' partners and ties for :func:`time_spec` (see :class:`Activity`).

    A period that shares the period before's relations (an unchanged period, see
    :func:`~.snapshots.cut_snapshots`) takes its tie keys without building its tie
    table; ``tie_tables`` gives the tie table of period ``k`` where the caller has it
    (the same pairs as ``snaps[k].eco.ties``, e.g. the analysed network's own when the
    latest period holds all of its relations). A tie table built here is not kept on the
    snapshot, nor an ecosystem that was not built before (see :class:`ActivityIndexer`).

    Examples
    --------
    >>> from ecosystem.analysis.temporal import snapshots
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c")])
    >>> act = activity_index(snapshots(eco.replace(relations=eco.relations.assign(year=[2020, 2021]))))
    >>> act.periods, act.nodes.sum(axis=0).tolist()
    (['2020', '2021'], [2, 3])
    """
    indexer = ActivityIndexer(directed)
    given = dict(tie_tables or {})
    for k, snap in enumerate(snaps):
        held = getattr(snap, "built", True)
        indexer.add(snap, given.get(k))
        if not held:
            snap.release()
    return indexer.finish()


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


__all__ = ["Activity", "ActivityIndexer", "activity_index", "evolution_activity", "map_snapshots", "time_spec"]

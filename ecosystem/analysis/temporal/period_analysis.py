"""Each period's own analysis: communities, health KPIs and anchor ranking of a snapshot.

:func:`analyse_period` is what :func:`~.evolution.evolve` computes for every snapshot
whose relations changed. :func:`analyse_periods` does it for every such period ahead
of the evolution, so the pipeline can run this, the costly part, in a worker process
while the main analysis goes on (the periods need nothing from the main analysis);
:func:`~.evolution.evolve` then takes the periods from there (``analysed=``) and only
follows the change between them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ...model import Ecosystem
from ...results import Partition
from .activity import ActivityIndexer
from .snapshots import Snapshot, cut_snapshots

SNAPSHOT_SAMPLE_ABOVE = 2000
"""Snapshot size (partners) above which :func:`~.evolution.evolve` samples betweenness and
path lengths."""

SNAPSHOT_PIVOTS = 50
"""Pivots per component (larger than that) for the betweenness behind the anchor ranking of
snapshots above :data:`SNAPSHOT_SAMPLE_ABOVE` partners (the one-off analysis: 200 pivots
above 5,000 partners)."""

SNAPSHOT_PATH_SOURCES = 50
"""Sources for the path-length KPIs of snapshots above :data:`SNAPSHOT_SAMPLE_ABOVE`
partners (the one-off ``health_kpis``: 100 sources above 2,000 partners)."""


@dataclass
class PeriodResult:
    """One period's analysis: its communities, numeric KPIs and anchor table (``attrs``
    emptied: pandas deep-copies them on every column access), the anchor ranking's
    parameters and whether anything was sampled."""

    partition: Partition
    kpis: dict[str, float]
    anchors: pd.DataFrame
    anchor_params: dict[str, Any] | None = None
    """None for a period without ties (no ranking computed)."""
    sampled: bool = False
    n_ties: int | None = None
    """The snapshot's ties (``eco.n_ties``), so the evolution need not build them again."""


@dataclass
class PeriodAnalyses:
    """The periods analysed ahead of :func:`~.evolution.evolve` (:func:`analyse_periods`).

    ``key`` holds every argument the results depend on: :func:`~.evolution.evolve` uses
    them only when called with the same cut, seed and community settings.
    """

    key: dict[str, Any]
    results: dict[str, PeriodResult]
    latest_kpis: dict[str, float] | None = None
    """The latest period's KPIs under the main communities (:func:`latest_period_kpis`),
    when it was left to the main analysis but holds fewer partners than it."""
    latest_membership: pd.Series | None = None
    """The main communities those KPIs were computed with."""
    activity: Any = None
    """Every period's partners and ties indexed for a map's time slider
    (:class:`~.activity.ActivityIndexer`), built while each period's tie table was at
    hand."""

    def matches(self, **key: Any) -> bool:
        """Whether these periods were analysed with exactly these arguments."""
        return self.key == key


def cut_arguments(*, freq: str = "year", mode: str = "cumulative", window: int = 1,
                  date_column: str | None = None, bins: Any = None, undated: str = "latest",
                  partners: str = "active") -> dict[str, Any]:
    """Every :func:`~.snapshots.cut_snapshots` argument, defaults filled in (the periods
    :func:`~.evolution.evolve` and :func:`analyse_periods` cut, compared by value)."""
    return {"freq": freq, "mode": mode, "window": window, "date_column": date_column,
            "bins": bins, "undated": undated, "partners": partners}


def snapshot_samples(samples: int | None = None) -> tuple[int, int]:
    """The betweenness pivots and path-length sources of a large snapshot: ``samples``
    for both when given (the ``evolution.samples`` setting), else
    (:data:`SNAPSHOT_PIVOTS`, :data:`SNAPSHOT_PATH_SOURCES`).

    Examples
    --------
    >>> snapshot_samples(), snapshot_samples(20)
    ((50, 50), (20, 20))
    """
    if samples is None:
        return SNAPSHOT_PIVOTS, SNAPSHOT_PATH_SOURCES
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or samples < 1:
        from ...exceptions import InvalidParameterError

        raise InvalidParameterError(f"samples must be a whole number >= 1, got {samples!r}")
    return int(samples), int(samples)


def _health(eco: Ecosystem, partition: Partition, seed: int = 0,
            samples: int | None = None) -> dict[str, Any]:
    from ..health import health_kpis

    return health_kpis(eco, partition, seed=seed, sample_above=SNAPSHOT_SAMPLE_ABOVE,
                       n_sources=snapshot_samples(samples)[1])


def _anchors(eco: Ecosystem, partition: Partition, seed: int = 0,
             samples: int | None = None) -> pd.DataFrame:
    from ..anchors import anchor_partners, centrality_measures
    from ..centrality import centrality

    # only the measures the anchor score uses, fewer pivots on large snapshots
    cres = centrality(eco, seed=seed, sample=eco.n_partners > SNAPSHOT_SAMPLE_ABOVE,
                      n_samples=snapshot_samples(samples)[0], measures=centrality_measures())
    return anchor_partners(eco, partition=partition, centrality=cres, seed=seed)


def numeric_items(d: dict[str, Any]) -> dict[str, float]:
    """The numeric (and boolean) entries of ``d`` as floats."""
    return {k: float(v) for k, v in d.items()
            if isinstance(v, (bool, np.bool_, int, float, np.integer, np.floating))}


def release_graphs(eco: Ecosystem) -> None:
    """Drop a finished snapshot's cached graph objects (igraph, sparse matrix, networkx):
    each is built once per snapshot while it is analysed, and rebuilt only if asked for
    again, so the evolution does not hold one copy of every period's graphs at once."""
    for name in ("igraph", "igraph_directed", "strength_matrix", "graph", "digraph"):
        eco.__dict__.pop(name, None)


def restricted_partition(main: Partition, eco: Ecosystem) -> Partition:
    """The main analysis' communities of the partners of ``eco`` (a snapshot holding
    fewer partners: those without any relation left out)."""
    ids = pd.Index([str(i) for i in eco.ids])
    memb = main.membership.copy()
    memb.index = memb.index.astype(str)
    return Partition(memb.reindex(ids), method=main.method, params=dict(main.params),
                     modularity=main.modularity)


def latest_period_kpis(eco: Ecosystem, main: Partition, seed: int = 0,
                       samples: int | None = None) -> dict[str, float]:
    """The KPIs of the latest snapshot under the main analysis' communities (when it holds
    every relation but not every partner of the analysed network)."""
    return numeric_items(_health(eco, restricted_partition(main, eco), seed, samples))


def analyse_period(eco: Ecosystem, *, seed: int = 0, method: str = "leiden",
                   resolution: float = 1.0, samples: int | None = None) -> PeriodResult:
    """Communities, health KPIs and anchor ranking of one snapshot.

    Each snapshot's anchor ranking computes only the centrality measures the anchor
    score uses (strength, PageRank, betweenness); above :data:`SNAPSHOT_SAMPLE_ABOVE`
    partners betweenness comes from :data:`SNAPSHOT_PIVOTS` pivots per component and
    the path-length KPIs from :data:`SNAPSHOT_PATH_SOURCES` sources, or from
    ``samples`` of each (:func:`snapshot_samples`).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")])
    >>> r = analyse_period(eco)
    >>> int(r.anchors["rank"].idxmin() == "c"), r.kpis["n_ties"], r.sampled
    (1, 4.0, False)
    """
    from ..communities import detect_communities

    part = detect_communities(eco, method=method, resolution=resolution, seed=seed)
    if not eco.n_ties:
        return PeriodResult(part, {}, pd.DataFrame(
            columns=["name", "sector", "anchor_score", "rank", "role"]), n_ties=0)
    kpis = numeric_items(_health(eco, part, seed, samples))
    anchor = _anchors(eco, part, seed, samples)
    params = dict(anchor.attrs.get("params", {}))
    anchor.attrs = {}  # pandas deep-copies attrs on every column access: keep it light
    sampled = bool(kpis.get("path_length_sampled")) or bool(
        params.get("centrality", {}).get("sampled"))
    return PeriodResult(part, kpis, anchor, params, sampled, n_ties=int(eco.n_ties))


def analyse_periods(eco: Ecosystem, *, cut: dict[str, Any], seed: int = 0,
                    method: str = "leiden", resolution: float = 1.0,
                    skip_latest: bool = False,
                    main_partition: Partition | None = None,
                    samples: int | None = None) -> PeriodAnalyses:
    """:func:`analyse_period` for every snapshot whose relations changed since the period
    before (an unchanged period takes the one before's analysis in
    :func:`~.evolution.evolve`).

    Parameters
    ----------
    eco : Ecosystem
    cut : dict
        The :func:`~.snapshots.cut_snapshots` arguments given (``freq``, ``mode``, ...;
        :func:`cut_arguments` fills in the rest).
    seed, method, resolution, samples
        As for :func:`~.evolution.evolve`.
    skip_latest : bool, default False
        Leave out the latest period when it holds every relation of ``eco`` (cumulative
        mode): :func:`~.evolution.evolve` takes it from the main analysis then.
    main_partition : Partition, optional
        The main analysis' communities: when the skipped latest period holds fewer
        partners than ``eco`` (partners without relations), its KPIs under these
        communities are computed here too (:func:`latest_period_kpis`), as
        :func:`~.evolution.evolve` would.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")])
    >>> eco = eco.replace(relations=eco.relations.assign(year=[2020, 2020, 2021, 2021]))
    >>> sorted(analyse_periods(eco, cut={"freq": "year"}).results)
    ['2020', '2021']
    >>> sorted(analyse_periods(eco, cut={"freq": "year"}, skip_latest=True).results)
    ['2020']
    """
    import warnings

    cut = cut_arguments(**cut)
    with warnings.catch_warnings():  # evolve() itself warns about undated relations
        warnings.simplefilter("ignore")
        snaps, unchanged, _ = cut_snapshots(eco, **cut)
    results: dict[str, PeriodResult] = {}
    kpis, membership = None, None
    # the time slider's index, one period at a time: no period's tables are kept
    indexer = ActivityIndexer(eco.directed) if len(snaps) >= 2 else None
    for k, snap in enumerate(snaps):
        latest = k == len(snaps) - 1
        ties = None
        if unchanged[k] and not latest:
            pass  # the period before's analysis (evolve reuses it) and index rows
        elif latest and skip_latest and covers_every_relation(snap, eco):
            ties = eco.ties  # the same pairs: the analysed network's own table
            if main_partition is not None and snap.n_partners != eco.n_partners:
                kpis = latest_period_kpis(snap.eco, main_partition, seed, samples)
                membership = main_partition.membership
                release_graphs(snap.eco)
        else:
            results[snap.label] = analyse_period(snap.eco, seed=seed, method=method,
                                                 resolution=resolution, samples=samples)
            release_graphs(snap.eco)
        if indexer is not None:
            indexer.add(snap, ties)
        snap.release()
    activity = indexer.finish() if indexer is not None else None
    return PeriodAnalyses(dict(cut=cut, seed=seed, method=method, resolution=resolution,
                               samples=snapshot_samples(samples)), results, kpis, membership,
                          activity)


def covers_every_relation(last: Snapshot | Ecosystem, main: Ecosystem) -> bool:
    """Whether a snapshot of ``main`` (or its ecosystem) holds every relation and tie of
    it (and only partners of it): then it is the network the main analysis analysed. A
    snapshot's relations are rows of ``main``'s, so as many rows means the same rows,
    hence the same ties: neither the snapshot's ecosystem nor its tie table is built to
    tell."""
    return bool(last.n_relations == main.n_relations and last.directed == main.directed
                and main.n_ties > 0)


__all__ = ["snapshot_samples", "latest_period_kpis", "restricted_partition", "cut_arguments", "PeriodAnalyses", "PeriodResult", "analyse_period", "analyse_periods",
           "SNAPSHOT_SAMPLE_ABOVE", "SNAPSHOT_PIVOTS", "SNAPSHOT_PATH_SOURCES"]

"""Removal curves: the network as partners leave one by one, targeted or at random.

:func:`removal_curves` removes partners step by step - targeted (by anchor score, degree
or betweenness) or at random (averaged over seeded runs) - and records the
largest-component share and the global efficiency after each step (definitions in
:mod:`ecosystem.analysis.resilience`).
"""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np
import pandas as pd

from ...exceptions import InvalidParameterError
from ...model import Ecosystem
from .measures import _adjacency, _component_sizes, _Masked, _remaining, _scaled


STRATEGIES = ("anchor", "degree", "betweenness", "random")

SAMPLE_ABOVE = 300
"""Remaining partners above which :func:`removal_curves` estimates efficiency from sources."""

LARGE_PARTNERS = 10_000
LARGE_TIES = 40_000
"""Above either size, :func:`removal_curves` defaults to ``steps=10, runs=3`` (else 20, 10)."""


def curve_defaults(n_partners: int, n_ties: int) -> tuple[int, int]:
    """Default ``(steps, runs)`` of :func:`removal_curves` for a network of this size.

    Examples
    --------
    >>> curve_defaults(1_000, 5_000), curve_defaults(10_000, 50_000)
    ((20, 10), (10, 3))
    """
    large = n_partners > LARGE_PARTNERS or n_ties > LARGE_TIES
    return (10, 3) if large else (20, 10)


# ------------------------------------------------------------------ orders
def _static_order(eco: Ecosystem, strategy: str, seed: int,
                  centrality: pd.DataFrame | None = None,
                  anchors: pd.DataFrame | None = None) -> np.ndarray:
    n = eco.n_partners
    g = eco.igraph
    pos = np.arange(n)
    if strategy == "degree":
        deg = np.asarray(g.degree(), dtype=float)
        stg = np.asarray(g.strength(weights="weight"), dtype=float) if g.ecount() else np.zeros(n)
        return np.lexsort((pos, -stg, -deg))
    if strategy == "betweenness":
        if centrality is not None and "betweenness" in centrality:
            table = centrality
        else:
            from ..centrality import centrality as compute_centrality
            table = compute_centrality(eco, seed=seed).table
        btw = table["betweenness"].reindex(eco.ids).to_numpy(float)
        deg = np.asarray(g.degree(), dtype=float)
        return np.lexsort((pos, -deg, -np.nan_to_num(btw)))
    if strategy == "anchor":
        if anchors is None or "rank" not in anchors:
            from ..anchors import anchor_partners
            anchors = anchor_partners(eco, seed=seed)
        return eco.ids.get_indexer(anchors.sort_values("rank").index.astype(str))
    raise InvalidParameterError(f"unknown strategy {strategy!r}")


def _adaptive_next(g, keep: np.ndarray, strategy: str, count: int) -> np.ndarray:
    """Next ``count`` partners (original indices) by degree/betweenness on the rest."""
    if strategy == "degree":
        score = np.asarray(g.degree(), dtype=float)
        tie = np.asarray(g.strength(weights="weight"), dtype=float) if g.ecount() else np.zeros(g.vcount())
    else:
        score = (np.asarray(g.betweenness(weights="distance"), dtype=float) if g.ecount()
                 else np.zeros(g.vcount()))
        tie = np.asarray(g.degree(), dtype=float)
    order = np.lexsort((keep, -tie, -score))
    return keep[order[:count]]


def _distance_matrix(eco: Ecosystem):
    """Symmetric CSR matrix of tie ``distance`` (for Dijkstra without graph copies)."""
    import scipy.sparse as sp

    n = eco.n_partners
    t = eco.undirected_ties
    s = t["source_index"].to_numpy(np.int64)
    d = t["target_index"].to_numpy(np.int64)
    w = t["distance"].to_numpy(float)
    return sp.csr_matrix((np.concatenate([w, w]), (np.concatenate([s, d]), np.concatenate([d, s]))),
                         shape=(n, n))


def _efficiency_without(dist, removed: np.ndarray, n_total: int, *, sample_above: int,
                        n_sources: int, rng: np.random.Generator | None = None,
                        priority: np.ndarray | None = None) -> tuple[float, bool, float]:
    """:func:`_efficiency` of the network without ``removed``, on the distance matrix.

    Sampled sources: with ``priority`` (a permutation of every partner index), the first
    ``n_sources`` remaining partners in that order (see :func:`_sources_in_order`); else
    drawn from ``rng``, the same sources for the same ``rng`` state as :func:`_efficiency`
    on the induced subgraph (among the remaining partners in index order). scipy's
    Dijkstra (or breadth-first search when every tie has the same length) on the masked
    CSR matrix (``dist`` is a distance matrix or a prepared :class:`_Masked`; no slicing
    copy).
    """
    masked = dist if isinstance(dist, _Masked) else _Masked(dist)
    mask = masked.keep_mask(removed)
    keep = np.flatnonzero(mask)
    nr = len(keep)
    if n_total < 2 or nr < 2:
        return 0.0, False, 0.0
    sub = masked.without(mask)
    if sub.nnz == 0:
        return 0.0, False, 0.0
    sampled = nr > sample_above
    if not sampled:
        sources = keep
    elif priority is not None:
        sources = _sources_in_order(priority, mask, n_sources)
    else:
        sources = keep[np.sort(rng.choice(nr, size=min(n_sources, nr), replace=False))]
    return _scaled([inverse_distance_sums(masked, mask, sources, sub=sub)], nr, n_total, sampled)


def _sources_in_order(priority: np.ndarray, mask: np.ndarray, count: int) -> np.ndarray:
    """The first ``count`` partners of ``priority`` still in ``mask``, in index order.

    ``priority`` is a seeded random order of the partners, fixed for a whole removal
    curve: a source that leaves is replaced by the next remaining partner in the order,
    and every other source stays. The sources of any one checkpoint are a uniform random
    sample of the remaining partners (a random order restricted to any set is a random
    order of that set), so each estimate is unbiased as before; consecutive checkpoints
    share most of their sources, so the change from one to the next is the network's,
    not a new draw's.

    Examples
    --------
    >>> order = np.array([4, 0, 3, 1, 2])           # 4 and 3 have left: 0 and 1 stand in
    >>> _sources_in_order(order, np.array([1, 1, 1, 0, 0], bool), 2)
    array([0, 1])
    """
    return np.sort(priority[mask[priority]][:count])


def _source_orders(n: int, seed: int, runs: int) -> tuple[np.ndarray, list[np.ndarray]]:
    """Seeded source orders: one for the targeted curves (its first sources measure the
    intact network too) and one per random run, whose head is that run's share of the
    same order (run ``r`` takes positions ``r, r + runs, ...`` first), so the random
    curve's first step is measured from nearly the intact network's sources as well.

    Examples
    --------
    >>> whole, per_run = _source_orders(6, seed=0, runs=2)
    >>> sorted(whole.tolist()) == list(range(6)), per_run[0][:3].tolist() == whole[0::2].tolist()
    (True, True)
    """
    whole = np.random.default_rng([seed, 0x5EED]).permutation(n)
    positions = np.arange(n)
    per_run = []
    for run in range(runs):
        head = positions[run::runs]
        per_run.append(whole[np.concatenate([head, np.setdiff1d(positions, head)])])
    return whole, per_run


def inverse_distance_sums(masked: _Masked, mask: np.ndarray, sources: np.ndarray, *,
                          sub: Any = None) -> np.ndarray:
    """For each source (partner index, remaining in ``mask``): the sum of ``1 / d`` to the
    partners remaining in ``mask``, on the network without the others (``sub``: that
    masked matrix, when already built)."""
    from scipy.sparse.csgraph import dijkstra

    sub = masked.without(mask) if sub is None else sub
    keep = np.flatnonzero(mask)
    whole = len(keep) == masked.n
    lengths = sub.data
    unit = float(lengths[0]) if len(lengths) and np.all(lengths == lengths[0]) else None
    per_source = []
    chunk = max(1, 2_000_000 // max(masked.n, 1))
    for i in range(0, len(sources), chunk):
        src = sources[i:i + chunk]
        d = dijkstra(sub, directed=True, indices=src, unweighted=unit is not None)
        if not whole:  # the remaining partners' columns, in the order of a sliced matrix
            d = np.ascontiguousarray(d[:, keep])  # (C order: same summation as before)
        if unit is not None:
            d *= unit
        with np.errstate(divide="ignore"):
            inv = np.where(np.isfinite(d) & (d > 0), 1.0 / d, 0.0)
        per_source.append(inv.sum(axis=1))
    return np.concatenate(per_source) if per_source else np.zeros(0)


def _checkpoints(n: int, max_share: float, steps: int) -> np.ndarray:
    top = int(round(max_share * n))
    return np.unique(np.round(np.linspace(0, top, steps + 1)).astype(int))


def removal_curves(eco: Ecosystem, *, strategies: Iterable[str] = STRATEGIES,
                   runs: int | None = None, seed: int = 0, steps: int | None = None,
                   max_share: float = 0.5, recompute: bool = False, efficiency: bool = True,
                   sample_above: int = SAMPLE_ABOVE,
                   n_sources: int = 50, centrality: pd.DataFrame | None = None,
                   anchors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Largest-component share and global efficiency as partners are removed.

    Parameters
    ----------
    strategies : iterable of str
        Any of ``anchor`` (anchor score, :func:`~ecosystem.analysis.anchors.anchor_partners`),
        ``degree`` (most ties first, strength breaks ties), ``betweenness`` (on
        ``distance``), ``random`` (averaged over ``runs`` seeded runs).
    runs : int, optional
        Seeded random-removal runs. Default 10, or 3 on a large network (more than
        :data:`LARGE_PARTNERS` = 10,000 partners or :data:`LARGE_TIES` = 40,000 ties; see
        :func:`curve_defaults`).
    steps : int, optional
        Checkpoints between 0 and ``max_share`` of the partners removed. Default 20, or 10
        on a large network. Explicit values are always used as given.
    recompute : bool, default False
        False: targeted orders are computed once on the intact network ("initial
        attack"; reproducible, cheap). True: degree and betweenness are recomputed on the
        remaining network after each step ("adaptive attack"; the anchor order is always
        computed once).
    efficiency : bool, default True
        Also compute global efficiency, exactly (from every remaining partner) up to
        ``sample_above`` (default :data:`SAMPLE_ABOVE` = 300) remaining partners, above
        that estimated from ``n_sources`` (50) sources (E = sum over sources of 1/d x
        remaining / sources, an unbiased estimate of the all-pairs sum). The sources
        follow one seeded random order per curve: at each checkpoint, the first
        ``n_sources`` remaining partners in that order (a source that leaves is replaced
        by the next), so consecutive points share most sources and the curve's changes
        are the network's, not sampling noise. Random runs share the budget, each using
        ``ceil(n_sources / runs)`` sources, so their mean rests on ``n_sources``.
        When every tie has the same length, breadth-first search replaces Dijkstra.
        Every curve starts from one measurement of the intact network (0 removed, from
        ``n_sources`` sources; random runs do not re-estimate it from their share).
        ``params`` records ``efficiency_sampled``, ``sample_above``, ``n_sources`` and
        whether the steps/runs were the large-network defaults.
    centrality, anchors : DataFrame, optional
        Precomputed centrality table (``betweenness`` column) and anchor table (``rank``)
        to order the targeted removals; computed with ``seed`` when not given.

    Returns
    -------
    DataFrame
        Tidy: ``strategy, removed_share, removed_count, lcc_share, efficiency,
        lcc_share_sd, efficiency_sd`` (sd across random runs; 0 for targeted).

    Examples
    --------
    >>> star = Ecosystem.from_edges([("hub", x) for x in "abcd"])
    >>> c = removal_curves(star, strategies=["degree"], steps=5, max_share=0.2)
    >>> c[["removed_count", "lcc_share"]].values.tolist()
    [[0.0, 1.0], [1.0, 0.2]]
    """
    strategies = list(strategies)
    for s in strategies:
        if s not in STRATEGIES:
            raise InvalidParameterError(
                f"strategy must be one of {', '.join(STRATEGIES)}, got {s!r}")
    default_steps, default_runs = curve_defaults(eco.n_partners, eco.n_ties)
    auto = {"steps": steps is None, "runs": runs is None}
    steps = default_steps if steps is None else steps
    runs = default_runs if runs is None else runs
    if runs < 1 or steps < 1:
        raise InvalidParameterError("runs and steps must be >= 1")
    if not 0 < max_share <= 1:
        raise InvalidParameterError(f"max_share must be in (0, 1], got {max_share!r}")
    eco.require_ties()
    n = eco.n_partners
    points = _checkpoints(n, max_share, steps)
    rows = []

    adj = _adjacency(eco)
    dist = _Masked(_distance_matrix(eco)) if efficiency else None
    whole_order, run_orders = _source_orders(n, seed, runs)

    def measure(removed: np.ndarray, priority: np.ndarray,
                sources: int = n_sources) -> tuple[float, float, bool]:
        sizes = _component_sizes(adj, removed)
        lcc = float(sizes.max() / n) if len(sizes) else 0.0
        if not efficiency:
            return lcc, float("nan"), False
        eff, sampled, rse = _efficiency_without(dist, removed, n, sample_above=sample_above,
                                                n_sources=sources, priority=priority)
        if sampled and rse == rse:
            worst_rse.append(rse)
        return lcc, eff, sampled

    any_sampled = False
    worst_rse: list[float] = []
    # the intact network (nothing removed yet), measured once for every curve from the
    # first sources of the targeted curves' order
    intact: tuple[float, float, bool] | None = None

    def intact_value() -> tuple[float, float, bool]:
        nonlocal intact
        if intact is None:
            intact = measure(np.zeros(0, dtype=np.int64), whole_order)
        return intact
    for strategy in strategies:
        if strategy == "random":
            per_run = []
            for run in range(runs):
                order = np.random.default_rng([seed, run]).permutation(n)
                # the source budget is shared between runs (their mean uses n_sources)
                share = max(1, -(-n_sources // runs))
                per_run.append([intact_value()[:2] if p == 0 else
                                measure(order[:p], run_orders[run], share)[:2] for p in points])
            arr = np.asarray(per_run, dtype=float)  # runs x points x 2
            mean, sd = arr.mean(axis=0), arr.std(axis=0)
            mean[points == 0], sd[points == 0] = intact_value()[:2], 0.0  # exactly, unaveraged
            any_sampled |= efficiency and n > sample_above
            for i, p in enumerate(points):
                rows.append(("random", p / n, p, mean[i, 0], mean[i, 1], sd[i, 0], sd[i, 1]))
            continue
        if recompute and strategy in ("degree", "betweenness"):
            removed = np.zeros(0, dtype=np.int64)
            for p in points:
                if p > len(removed):
                    g, keep = _remaining(eco, removed)
                    removed = np.concatenate([removed, _adaptive_next(g, keep, strategy, p - len(removed))])
                lcc, eff, sampled = intact_value() if p == 0 else measure(removed, whole_order)
                any_sampled |= sampled
                rows.append((strategy, p / n, p, lcc, eff, 0.0, 0.0))
        else:
            order = _static_order(eco, strategy, seed, centrality, anchors)
            for p in points:
                lcc, eff, sampled = intact_value() if p == 0 else measure(order[:p], whole_order)
                any_sampled |= sampled
                rows.append((strategy, p / n, p, lcc, eff, 0.0, 0.0))
    out = pd.DataFrame(rows, columns=["strategy", "removed_share", "removed_count", "lcc_share",
                                      "efficiency", "lcc_share_sd", "efficiency_sd"])
    out["removed_count"] = out["removed_count"].astype(float)
    out.attrs["params"] = {"strategies": strategies, "runs": runs, "seed": seed, "steps": steps,
                           "max_share": max_share, "recompute": recompute,
                           "efficiency": "global efficiency on distance, normalised by the "
                                         "intact network's n(n-1)" if efficiency else None,
                           "efficiency_sampled": bool(any_sampled), "sample_above": sample_above,
                           "n_sources": n_sources,
                           "efficiency_rse_max": max(worst_rse) if worst_rse else None,
                           "defaults": {"steps": "auto" if auto["steps"] else "given",
                                        "runs": "auto" if auto["runs"] else "given",
                                        "large_network": bool(default_steps == 10),
                                        "large_above": {"partners": LARGE_PARTNERS,
                                                        "ties": LARGE_TIES}}}
    return out

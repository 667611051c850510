"""Removal curves: the network as partners leave one by one, targeted or at random.

:func:`removal_curves` removes partners step by step - targeted (by anchor score, degree
or betweenness) or at random (averaged over seeded runs) - and records the
largest-component share and the global efficiency after each step (definitions in
:mod:`ecosystem.analysis.resilience`).
"""
from __future__ import annotations

from typing import Iterable

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
                        n_sources: int, rng: np.random.Generator) -> tuple[float, bool, float]:
    """:func:`_efficiency` of the network without ``removed``, on the distance matrix.

    Same sources for the same ``rng`` state as :func:`_efficiency` on the induced
    subgraph (drawn among the remaining partners in index order); scipy's Dijkstra (or
    breadth-first search when every tie has the same length) on the masked CSR matrix
    (``dist`` is a distance matrix or a prepared :class:`_Masked`; no slicing copy).
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
    sources = (np.sort(rng.choice(nr, size=min(n_sources, nr), replace=False)) if sampled
               else np.arange(nr))
    return _scaled([inverse_distance_sums(masked, mask, keep[sources], sub=sub)], nr,
                   n_total, sampled)


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
        that estimated from ``n_sources`` (50) seeded random sources per checkpoint
        (E = sum over sources of 1/d x remaining / sources, an unbiased estimate of the
        all-pairs sum); random runs share that budget, each using
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

    def measure(removed: np.ndarray, rng: np.random.Generator,
                sources: int = n_sources) -> tuple[float, float, bool]:
        sizes = _component_sizes(adj, removed)
        lcc = float(sizes.max() / n) if len(sizes) else 0.0
        if not efficiency:
            return lcc, float("nan"), False
        eff, sampled, rse = _efficiency_without(dist, removed, n, sample_above=sample_above,
                                                n_sources=sources, rng=rng)
        if sampled and rse == rse:
            worst_rse.append(rse)
        return lcc, eff, sampled

    any_sampled = False
    worst_rse: list[float] = []
    # the intact network (nothing removed yet), measured once for every curve; the
    # targeted orders start from the same seed, so the same sources (and generator state)
    intact: tuple[tuple[float, float, bool], dict] | None = None

    def intact_value() -> tuple[float, float, bool]:
        nonlocal intact
        if intact is None:
            first = np.random.default_rng(seed)
            intact = measure(np.zeros(0, dtype=np.int64), first), first.bit_generator.state
        return intact[0]
    for strategy in strategies:
        if strategy == "random":
            per_run = []
            for run in range(runs):
                rng = np.random.default_rng([seed, run])
                order = rng.permutation(n)
                # the source budget is shared between runs (their mean uses n_sources)
                share = max(1, -(-n_sources // runs))
                values = []
                for p in points:
                    if p == 0:  # the intact network: every curve starts at the same value
                        if efficiency and n > sample_above:  # (the run's own draw, skipped)
                            rng.choice(n, size=min(share, n), replace=False)
                        values.append(intact_value()[:2])
                    else:
                        values.append(measure(order[:p], rng, share)[:2])
                per_run.append(values)
            arr = np.asarray(per_run, dtype=float)  # runs x points x 2
            mean, sd = arr.mean(axis=0), arr.std(axis=0)
            mean[points == 0], sd[points == 0] = intact_value()[:2], 0.0  # exactly, unaveraged
            any_sampled |= efficiency and n > sample_above
            for i, p in enumerate(points):
                rows.append(("random", p / n, p, mean[i, 0], mean[i, 1], sd[i, 0], sd[i, 1]))
            continue
        rng = np.random.default_rng(seed)
        if recompute and strategy in ("degree", "betweenness"):
            removed = np.zeros(0, dtype=np.int64)
            for p in points:
                if p > len(removed):
                    g, keep = _remaining(eco, removed)
                    removed = np.concatenate([removed, _adaptive_next(g, keep, strategy, p - len(removed))])
                lcc, eff, sampled = measure(removed, rng)
                any_sampled |= sampled
                rows.append((strategy, p / n, p, lcc, eff, 0.0, 0.0))
        else:
            order = _static_order(eco, strategy, seed, centrality, anchors)
            for p in points:
                if p == 0:  # the same draw on the same network: measured once, and the
                    lcc, eff, sampled = intact_value()  # generator left in the same state
                    rng.bit_generator.state = intact[1]
                else:
                    lcc, eff, sampled = measure(order[:p], rng)
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

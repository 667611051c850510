"""Resilience: what happens to the network when partners leave.

* :func:`removal_curves` removes partners step by step - targeted (by anchor score,
  degree or betweenness) or at random (averaged over seeded runs) - and records the
  largest-component share and the global efficiency after each step.
* :func:`what_if` answers "what if A and B leave?": who is cut off, components before
  and after, which communities split, how many pairs can no longer reach each other,
  and the efficiency change.
* :func:`key_players` finds the k partners whose joint removal fragments the network
  most (Borgatti 2006, KPP-NEG), greedily then improved by seeded swaps.

Definitions
-----------
``lcc_share``
    Size of the largest connected component / number of partners before any removal.
``efficiency``
    Global efficiency (Latora & Marchiori 2001) on tie ``distance`` (1/strength by
    default): ``E = sum_{i != j} 1/d_ij / (n (n - 1))`` with ``n`` the number of partners
    *before* removal (removed partners and unreachable pairs contribute 0, so the curve
    starts at the intact network's value and falls). Above ``sample_above`` remaining
    partners it is estimated from ``n_sources`` seeded random sources.
``fragmentation``
    ``F = 1 - sum_k s_k (s_k - 1) / (N (N - 1))`` over the component sizes ``s_k`` of the
    remaining ``N`` partners (0 = all connected, 1 = all isolated).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from ..exceptions import InvalidParameterError
from ..model import Ecosystem
from ..results import Partition
from .sampling import total_rse

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


# ------------------------------------------------------------------ measures
def _efficiency(g, n_total: int, *, sample_above: int, n_sources: int,
                rng: np.random.Generator) -> tuple[float, bool, float]:
    """Global efficiency of igraph ``g`` (edge attr ``distance``), normalised by n_total:
    ``(value, sampled, relative standard error)`` (the error is 0 when computed exactly)."""
    nr = g.vcount()
    if n_total < 2 or nr < 2 or g.ecount() == 0:
        return 0.0, False, 0.0
    sampled = nr > sample_above
    sources = (np.sort(rng.choice(nr, size=min(n_sources, nr), replace=False)) if sampled
               else np.arange(nr))
    per_source = []
    chunk = max(1, 2_000_000 // max(nr, 1))
    lengths = np.asarray(g.es["distance"], dtype=float)
    unit = float(lengths[0]) if len(lengths) and np.all(lengths == lengths[0]) else None
    for i in range(0, len(sources), chunk):
        src = sources[i:i + chunk].tolist()
        if unit is not None:  # equal lengths: breadth-first search is ~6x faster than Dijkstra
            dist = np.asarray(g.distances(source=src), dtype=float) * unit
        else:
            dist = np.asarray(g.distances(source=src, weights="distance"), dtype=float)
        with np.errstate(divide="ignore"):
            inv = np.where(np.isfinite(dist) & (dist > 0), 1.0 / dist, 0.0)
        per_source.append(inv.sum(axis=1))
    return _scaled(per_source, nr, n_total, sampled)


def _scaled(per_source: list[np.ndarray], nr: int, n_total: int,
            sampled: bool) -> tuple[float, bool, float]:
    """Efficiency from each source's sum of ``1 / distance``: ``(value, sampled, rse)``."""
    x = np.concatenate(per_source) if per_source else np.zeros(0)
    total = float(x.sum())
    if sampled:
        total *= nr / len(x)
    return total / (n_total * (n_total - 1)), sampled, (total_rse(x, nr) if sampled else 0.0)


def _components(g) -> np.ndarray:
    if g.vcount() == 0:
        return np.zeros(0, dtype=np.int64)
    return np.asarray(g.connected_components().membership, dtype=np.int64)


class _Masked:
    """A symmetric CSR matrix prepared for many "without these partners" evaluations.

    :meth:`without` drops the rows and columns of removed partners by masking the
    stored entries (two vectorised passes over the ties, no matrix product and no
    renumbering), so each evaluation costs O(partners + ties) with a small constant.
    """

    def __init__(self, matrix) -> None:
        import scipy.sparse as sp

        m = sp.csr_matrix(matrix)
        self.n = m.shape[0]
        self.indptr = m.indptr
        self.indices = m.indices
        self.data = m.data
        self.rows = np.repeat(np.arange(self.n, dtype=m.indices.dtype), np.diff(m.indptr))
        self.matrix = m
        self.pattern = np.ones(len(m.indices))
        self._mirror: np.ndarray | None = None

    def keep_mask(self, removed: Iterable[int]) -> np.ndarray:
        """Boolean mask of the partners left after ``removed`` (indices)."""
        mask = np.ones(self.n, dtype=bool)
        rem = removed if isinstance(removed, np.ndarray) else list(removed)
        mask[np.asarray(rem, dtype=np.int64)] = False
        return mask

    def without(self, mask: np.ndarray):
        """The CSR matrix with every entry touching a removed partner (``~mask``) dropped,
        on the original numbering (removed partners become isolated)."""
        import scipy.sparse as sp

        if mask.all():
            return self.matrix
        entry = mask[self.rows] & mask[self.indices]
        cum = np.zeros(len(entry) + 1, dtype=np.int64)
        np.cumsum(entry, out=cum[1:])
        indptr = cum[self.indptr].astype(self.indptr.dtype, copy=False)
        return sp.csr_matrix((self.data[entry], self.indices[entry], indptr),
                             shape=(self.n, self.n))

    def _isolated(self, rem: np.ndarray):
        """The pattern with every tie of ``rem`` turned into a self-tie (harmless for
        components): one copy of the index array plus O(degree of rem) writes, cheaper
        than masking every entry when few partners are removed."""
        import scipy.sparse as sp

        if self._mirror is None:  # position of each entry's reverse (symmetric, sorted)
            self._mirror = np.lexsort((self.rows, self.indices))
        indices = self.indices.copy()
        if len(rem):
            starts, ends = self.indptr[rem], self.indptr[rem + 1]
            own = np.concatenate([np.arange(a, b) for a, b in zip(starts.tolist(), ends.tolist())]) \
                if len(rem) > 1 else np.arange(int(starts[0]), int(ends[0]))
            indices[own] = self.rows[own]
            back = self._mirror[own]
            indices[back] = self.rows[back]
        return sp.csr_matrix((self.pattern, indices, self.indptr), shape=(self.n, self.n))

    def sizes(self, removed: Iterable[int]) -> np.ndarray:
        """Component sizes of the remaining partners (any order, no zeros)."""
        from scipy.sparse.csgraph import connected_components

        mask = self.keep_mask(removed)
        if not mask.any():
            return np.zeros(0, dtype=np.int64)
        rem = np.flatnonzero(~mask)
        if len(rem) <= 64:
            graph = self._isolated(rem)
        else:
            graph = self.without(mask)
        # symmetric: strong components = components, and scipy skips the transpose
        _, labels = connected_components(graph, directed=True, connection="strong")
        counts = np.bincount(labels[mask])
        return counts[counts > 0]


def _component_sizes(adj, removed: Iterable[int]) -> np.ndarray:
    """Component sizes of the network without ``removed`` (sparse, no graph copy).

    ``adj`` is a symmetric adjacency matrix or a prepared :class:`_Masked`.
    """
    masked = adj if isinstance(adj, _Masked) else _Masked(adj)
    return masked.sizes(removed)


def _adjacency(eco: Ecosystem) -> _Masked:
    """The tie pattern, prepared for component counts without graph copies."""
    return _Masked(eco.strength_matrix)


def _remaining(eco: Ecosystem, removed_idx: Iterable[int]):
    g = eco.igraph
    mask = np.ones(g.vcount(), dtype=bool)
    mask[np.asarray(list(removed_idx), dtype=np.int64)] = False
    keep = np.flatnonzero(mask)
    return g.induced_subgraph(keep.tolist(), implementation="create_from_scratch"), keep


def fragmentation(sizes: Sequence[int]) -> float:
    """Borgatti's fragmentation from component sizes.

    Examples
    --------
    >>> fragmentation([4]), fragmentation([1, 1, 1]), round(fragmentation([2, 2]), 4)
    (0.0, 1.0, 0.6667)
    """
    s = np.asarray(sizes, dtype=float)
    n = s.sum()
    if n < 2:
        return 0.0
    return float(1.0 - (s * (s - 1)).sum() / (n * (n - 1)))


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
            from .centrality import centrality as compute_centrality
            table = compute_centrality(eco, seed=seed).table
        btw = table["betweenness"].reindex(eco.ids).to_numpy(float)
        deg = np.asarray(g.degree(), dtype=float)
        return np.lexsort((pos, -deg, -np.nan_to_num(btw)))
    if strategy == "anchor":
        if anchors is None or "rank" not in anchors:
            from .anchors import anchor_partners
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
    from scipy.sparse.csgraph import dijkstra

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
    lengths = sub.data
    unit = float(lengths[0]) if np.all(lengths == lengths[0]) else None
    whole = nr == masked.n
    per_source = []
    chunk = max(1, 2_000_000 // max(masked.n, 1))
    for i in range(0, len(sources), chunk):
        src = keep[sources[i:i + chunk]]
        d = dijkstra(sub, directed=True, indices=src, unweighted=unit is not None)
        if not whole:  # the remaining partners' columns, in the order of a sliced matrix
            d = np.ascontiguousarray(d[:, keep])  # (C order: same summation as before)
        if unit is not None:
            d *= unit
        with np.errstate(divide="ignore"):
            inv = np.where(np.isfinite(d) & (d > 0), 1.0 / d, 0.0)
        per_source.append(inv.sum(axis=1))
    return _scaled(per_source, nr, n_total, sampled)


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
    for strategy in strategies:
        if strategy == "random":
            per_run = []
            for run in range(runs):
                rng = np.random.default_rng([seed, run])
                order = rng.permutation(n)
                # the source budget is shared between runs (their mean uses n_sources)
                share = max(1, -(-n_sources // runs))
                per_run.append([measure(order[:p], rng, share)[:2] for p in points])
            arr = np.asarray(per_run, dtype=float)  # runs x points x 2
            mean, sd = arr.mean(axis=0), arr.std(axis=0)
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


# ------------------------------------------------------------------ what-if
@dataclass
class WhatIfResult:
    """The effect of removing a set of partners (see :func:`what_if`)."""

    removed: list[str]
    removed_names: list[str]
    components_before: int
    components_after: int
    lcc_before: int
    lcc_after: int
    cut_off: pd.DataFrame
    communities_split: pd.DataFrame
    reach_pairs_before: int
    reach_pairs_after: int
    efficiency_before: float
    efficiency_after: float
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def reach_lost(self) -> int:
        """Pairs of remaining partners that could reach each other before but not after."""
        return self.reach_pairs_before - self.reach_pairs_after

    @property
    def reach_lost_share(self) -> float:
        return self.reach_lost / self.reach_pairs_before if self.reach_pairs_before else 0.0

    @property
    def efficiency_change(self) -> float:
        return self.efficiency_after - self.efficiency_before

    def summary(self) -> dict[str, Any]:
        """Flat dict of every number (for JSON and tables)."""
        return {"removed": self.removed, "removed_names": self.removed_names,
                "components_before": self.components_before,
                "components_after": self.components_after,
                "lcc_before": self.lcc_before, "lcc_after": self.lcc_after,
                "cut_off_count": int(len(self.cut_off)),
                "communities_split": int(self.communities_split["split"].sum())
                if len(self.communities_split) else 0,
                "reach_pairs_before": self.reach_pairs_before,
                "reach_pairs_after": self.reach_pairs_after, "reach_lost": self.reach_lost,
                "reach_lost_share": self.reach_lost_share,
                "efficiency_before": self.efficiency_before,
                "efficiency_after": self.efficiency_after,
                "efficiency_change": self.efficiency_change}


# ---------------------------------------------------------------------- "cut off" (issue 15)
def _in_main_network(membership: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Which remaining partners are in *the main network* after a removal.

    The main network is the largest remaining piece, when exactly one piece is largest and
    it holds at least two partners. When several pieces tie for largest (the network fell
    apart into equal halves, or only single partners are left, as when the hub of a star
    leaves), no piece is the main network: none is picked arbitrarily, and every partner
    who was in the main network before is *cut off*.

    Examples
    --------
    >>> _in_main_network(np.array([0, 0, 1]), np.array([2, 1])).tolist()
    [True, True, False]
    >>> _in_main_network(np.array([0, 1, 2]), np.array([1, 1, 1])).tolist()
    [False, False, False]
    """
    if not len(membership) or not len(sizes):
        return np.zeros(len(membership), bool)
    largest = int(sizes.max())
    if largest < 2 or int((sizes == largest).sum()) > 1:
        return np.zeros(len(membership), bool)
    return membership == int(np.argmax(sizes))


def _pairs(sizes: np.ndarray) -> int:
    s = np.asarray(sizes, dtype=np.int64)
    return int((s * (s - 1) // 2).sum())


@dataclass(frozen=True)
class WhatIfBaseline:
    """The intact network's side of every :func:`what_if` scenario, computed once.

    ``membership`` = component label per partner; ``efficiency`` = ``(value, sampled,
    relative standard error)`` for the given seed and sampling settings (or ``None``).
    """

    membership: np.ndarray
    efficiency: tuple[float, bool, float] | None
    seed: int
    sample_above: int
    n_sources: int


def what_if_baseline(eco: Ecosystem, *, seed: int = 0, efficiency: bool = True,
                     sample_above: int = 1000, n_sources: int = 50) -> WhatIfBaseline:
    """Components and efficiency of the intact network, shared by :func:`what_if` calls
    (pass it as ``baseline=``; :func:`what_if_scenarios` does that for you).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d")])
    >>> b = what_if_baseline(eco)
    >>> what_if(eco, ["b"], baseline=b).reach_lost == what_if(eco, ["b"]).reach_lost
    True
    """
    g0 = eco.igraph
    eff = (_efficiency(g0, eco.n_partners, sample_above=sample_above, n_sources=n_sources,
                       rng=np.random.default_rng(seed)) if efficiency else None)
    return WhatIfBaseline(membership=_components(g0), efficiency=eff, seed=seed,
                          sample_above=sample_above, n_sources=n_sources)


def what_if_scenarios(eco: Ecosystem, scenarios: Iterable[Iterable[str]], *,
                      partition: Partition | None = None, seed: int = 0,
                      efficiency: bool = True, sample_above: int = 1000,
                      n_sources: int = 50) -> list[WhatIfResult]:
    """:func:`what_if` for several removal sets, sharing one baseline (the intact
    network's components and efficiency are computed once, not once per scenario).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d")])
    >>> [w.components_after for w in what_if_scenarios(eco, [["b"], ["a"], ["b", "c"]])]
    [2, 1, 2]
    """
    scenarios = [list(s) for s in scenarios]
    if not scenarios:
        return []
    if partition is None:
        from .communities import detect_communities
        partition = detect_communities(eco, seed=seed)
    base = what_if_baseline(eco, seed=seed, efficiency=efficiency, sample_above=sample_above,
                            n_sources=n_sources)
    return [what_if(eco, ids, partition=partition, seed=seed, efficiency=efficiency,
                    sample_above=sample_above, n_sources=n_sources, baseline=base)
            for ids in scenarios]


def what_if(eco: Ecosystem, remove: Iterable[str], *, partition: Partition | None = None,
            seed: int = 0, efficiency: bool = True, sample_above: int = 1000,
            n_sources: int = 50, baseline: WhatIfBaseline | None = None) -> WhatIfResult:
    """What if these partners leave? Who is cut off, what splits, how much reach is lost.

    Parameters
    ----------
    remove : iterable of str
        Partner ids or names (resolved with :meth:`Ecosystem.resolve`; an unknown
        partner raises :class:`~ecosystem.exceptions.PartnerNotFoundError`).
    partition : Partition, optional
        Communities to check for splits (default: Leiden with ``seed``).
    baseline : WhatIfBaseline, optional
        The intact network's components and efficiency from :func:`what_if_baseline`
        (same ``seed``, ``efficiency``, ``sample_above``, ``n_sources``), to share
        between scenarios; computed here when not given.

    Notes
    -----
    ``cut_off`` lists the remaining partners that were in the largest component before
    and are not in *the main network* after: the largest remaining piece when exactly one
    piece is largest and it holds two partners or more. When pieces tie for largest (or
    only single partners remain, as when the hub of a star leaves), there is no main
    network and all of them are cut off; no piece is picked arbitrarily. ``reach`` counts unordered pairs of
    *remaining* partners joined by some path. Efficiency is normalised by the partner
    count before removal (see module notes).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d")])
    >>> w = what_if(eco, ["b"])
    >>> w.cut_off.index.tolist(), w.components_after, w.reach_lost
    (['a'], 2, 2)
    """
    ids = [eco.resolve(x) for x in remove]
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise InvalidParameterError("name at least one partner to remove")
    eco.require_ties()
    n = eco.n_partners
    if partition is None:
        from .communities import detect_communities
        partition = detect_communities(eco, seed=seed)
    idx = eco.ids.get_indexer(ids)
    if baseline is None or (baseline.seed, baseline.sample_above, baseline.n_sources) != \
            (seed, sample_above, n_sources) or (efficiency and baseline.efficiency is None):
        baseline = what_if_baseline(eco, seed=seed, efficiency=efficiency,
                                    sample_above=sample_above, n_sources=n_sources)
    before = baseline.membership
    size_b = np.bincount(before)
    g1, keep = _remaining(eco, idx)
    after = _components(g1)
    size_a = np.bincount(after) if len(after) else np.zeros(0, np.int64)
    was_main = _in_main_network(before, size_b)[keep]
    now_main = _in_main_network(after, size_a)
    cut_idx = keep[was_main & ~now_main]
    names = eco.names.to_numpy()
    cut = pd.DataFrame({"name": names[cut_idx], "sector": eco.sectors.to_numpy()[cut_idx]},
                       index=pd.Index(np.asarray(eco.ids)[cut_idx].astype(str), name="id"))
    # reach among remaining partners
    pairs_before = _pairs(np.bincount(before[keep])) if len(keep) else 0
    pairs_after = _pairs(size_a)
    # communities split
    memb = partition.membership.copy()
    memb.index = memb.index.astype(str)
    comm_keep = memb.reindex(np.asarray(eco.ids)[keep].astype(str)).to_numpy()
    comm_rows = []
    frame = pd.DataFrame({"community": comm_keep, "component": after})
    frame = frame.dropna(subset=["community"])
    removed_comm = memb.reindex(ids).value_counts()
    for c, grp in frame.groupby("community", sort=True):
        counts = grp["component"].value_counts()
        comm_rows.append({"community": int(c), "remaining": int(len(grp)),
                          "removed": int(removed_comm.get(c, 0)),
                          "pieces": int(len(counts)), "split": bool(len(counts) > 1),
                          "largest_piece_share": float(counts.max() / len(grp))})
    for c, k in removed_comm.items():
        if c not in set(frame["community"]):
            comm_rows.append({"community": int(c), "remaining": 0, "removed": int(k),
                              "pieces": 0, "split": False, "largest_piece_share": 0.0})
    comms = pd.DataFrame(comm_rows, columns=["community", "remaining", "removed", "pieces", "split",
                                             "largest_piece_share"])
    comms = comms[comms["removed"] > 0].sort_values(["split", "pieces", "community"],
                                                    ascending=[False, False, True]).reset_index(drop=True)
    if efficiency:
        e0, s0, r0 = baseline.efficiency
        e1, s1, r1 = _efficiency(g1, n, sample_above=sample_above, n_sources=n_sources,
                                 rng=np.random.default_rng(seed))
    else:
        e0 = e1 = float("nan")
        s0 = s1 = False
        r0 = r1 = 0.0
    return WhatIfResult(
        removed=ids, removed_names=[str(names[i]) for i in idx],
        components_before=int(len(size_b)), components_after=int(len(size_a)),
        lcc_before=int(size_b.max()), lcc_after=int(size_a.max()) if len(size_a) else 0,
        cut_off=cut, communities_split=comms, reach_pairs_before=pairs_before,
        reach_pairs_after=pairs_after, efficiency_before=e0, efficiency_after=e1,
        params={"seed": seed, "partition_method": partition.method,
                "efficiency_sampled": bool(s0 or s1), "sample_above": sample_above,
                "n_sources": n_sources,
                "efficiency_rse_max": (float(np.nanmax([r0, r1])) if (s0 or s1)
                                       and not np.isnan([r0, r1]).all() else None),
                "efficiency": "global efficiency on distance, normalised by n before removal"})


# ------------------------------------------------------------------ key players
def key_players(eco: Ecosystem, k: int, *, pool: int | None = None, seed: int = 0,
                max_passes: int = 10, restarts: int | None = None) -> pd.DataFrame:
    """The ``k`` partners whose joint removal fragments the network most (KPP-NEG).

    Borgatti (2006): maximise the fragmentation ``F`` of the remaining network. Greedy
    start (add the partner that raises ``F`` most, ``k`` times), then swap improvement:
    in seeded random order, swap a chosen partner for a candidate whenever that raises
    ``F``, until a full pass changes nothing (at most ``max_passes``). The swap search
    is repeated from ``restarts`` seeded random starting sets and the best set kept
    (greedy alone can miss pairs that only work together). Candidates are
    every partner when there are at most ``pool`` of them, otherwise the ``pool``
    partners with most ties plus the ``pool`` articulation points that cut off most
    partners (a heuristic: the optimum is
    NP-hard). Defaults: ``pool`` 60 and ``restarts`` 3, or 20 and 0 above 10,000
    partners or 40,000 ties (each evaluation is one sparse connected-components pass,
    so its cost grows with partners + ties).

    Returns
    -------
    DataFrame
        Indexed by partner id: ``name, sector, degree, order`` (position in the set);
        ``attrs`` hold ``fragmentation`` (after), ``fragmentation_before``,
        ``components_after`` and the parameters.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"), ("c", "x"),
    ...                             ("x", "d"), ("d", "e"), ("e", "f"), ("d", "f")])
    >>> key_players(eco, 1).index.tolist()
    ['x']
    """
    n = eco.n_partners
    big = eco.n_partners > 10_000 or eco.n_ties > 40_000
    pool = (20 if big else 60) if pool is None else pool
    restarts = (0 if big else 3) if restarts is None else restarts
    if restarts < 0 or max_passes < 1 or pool < 1:
        raise InvalidParameterError("restarts must be >= 0 and max_passes >= 1")
    if not 1 <= k < n:
        raise InvalidParameterError(f"k must be between 1 and {max(n - 1, 1)}, got {k!r}")
    eco.require_ties()
    g = eco.igraph
    deg = np.asarray(g.degree())
    if n <= pool:
        cand = np.arange(n)
    else:
        top = np.lexsort((np.arange(n), -deg))[:pool]
        from .fragility import fragility as find_fragility
        aps = find_fragility(eco, max_listed=1).articulation_points.head(pool).index
        cand = np.unique(np.concatenate([top, eco.ids.get_indexer(aps.astype(str))]))
    cand_list = [int(c) for c in cand]

    adj = _adjacency(eco)

    def score(sel: Sequence[int]) -> float:
        return fragmentation(_component_sizes(adj, sel))

    def improve(start: list[int], rng: np.random.Generator) -> tuple[list[int], float, int]:
        sel, cur = list(start), score(start)
        passes = 0
        for passes in range(1, max_passes + 1):
            improved = False
            for i in rng.permutation(len(sel)).tolist():
                for c in rng.permutation(cand_list).tolist():
                    if c in sel:
                        continue
                    trial = list(sel)
                    trial[i] = int(c)
                    f = score(trial)
                    if f > cur + 1e-12:
                        sel, cur, improved = trial, f, True
            if not improved:
                break
        return sel, cur, passes

    greedy: list[int] = []
    for _ in range(k):
        best, best_f = None, -1.0
        for c in cand_list:
            if c in greedy:
                continue
            f = score(greedy + [c])
            if f > best_f + 1e-12:
                best, best_f = c, f
        if best is None:
            break
        greedy.append(best)
    rng = np.random.default_rng(seed)
    chosen, current, passes = improve(greedy, rng)
    k_eff = min(k, len(cand_list))
    for _ in range(restarts):
        start = [int(c) for c in rng.choice(cand_list, size=k_eff, replace=False)]
        sel, cur, p = improve(start, rng)
        passes += p
        if cur > current + 1e-12:
            chosen, current = sel, cur
    idx = np.asarray(chosen, dtype=np.int64)
    out = pd.DataFrame({"name": eco.names.to_numpy()[idx], "sector": eco.sectors.to_numpy()[idx],
                        "degree": deg[idx], "order": np.arange(1, len(idx) + 1)},
                       index=pd.Index(np.asarray(eco.ids)[idx].astype(str), name="id"))
    sub, _ = _remaining(eco, chosen)
    out.attrs["fragmentation"] = float(current)
    out.attrs["fragmentation_before"] = fragmentation(np.bincount(_components(g)))
    out.attrs["components_after"] = int(len(np.bincount(_components(sub)))) if sub.vcount() else 0
    out.attrs["params"] = {"k": k, "pool": pool, "candidates": len(cand_list), "seed": seed,
                           "max_passes": max_passes, "restarts": restarts, "passes": passes,
                           "method": "KPP-NEG fragmentation, greedy + swap (Borgatti 2006)"}
    return out

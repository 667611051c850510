"""Per-partner centrality: who is strongly tied, influential, central, a broker.

Every measure is computed with igraph (C code) or scipy.sparse on the ecosystem's
aggregated tie graph, with the weight semantics of :mod:`ecosystem.model`:

* ``strength`` (tie strength, higher = stronger) for strength, PageRank,
  eigenvector and weighted clustering;
* ``distance`` (``1/strength`` by default) for the path-based measures
  betweenness, closeness and harmonic closeness.

Definitions (``n`` = number of partners; see ``docs/anchors.md`` for formulas):

========================  ===================================================================
column                    definition
========================  ===================================================================
degree                    number of distinct partners tied to it
strength                  sum of its tie strengths
pagerank                  weighted PageRank, damping 0.85, sums to 1 (= networkx ``pagerank``)
eigenvector               leading eigenvector of the strength matrix, max = 1; partners outside
                          the component(s) with the largest eigenvalue score 0
betweenness               share of shortest (distance) paths between other pairs through it,
                          normalised like networkx ``normalized=True``: raw / ((n-1)(n-2)/2)
closeness                 (r-1)/sum(d) x (r-1)/(n-1), r = partners it can reach incl. itself
                          (networkx ``closeness_centrality``, Wasserman-Faust)
harmonic                  sum(1/d) / (n-1) (networkx ``harmonic_centrality`` / (n-1))
coreness                  k-core number (unweighted)
clustering                share of pairs of its partners that are tied (unweighted)
clustering_weighted       Onnela et al. (2005) weighted clustering, geometric mean of the
                          triangle's strengths / max strength (= networkx ``clustering(weight=)``)
reach2                    share of the other partners within 2 steps (hops)
========================  ===================================================================

Directed ecosystems add ``in_degree``, ``out_degree``, ``in_strength``,
``out_strength``, ``pagerank_directed`` (PageRank along relation direction) and
``closeness_in`` / ``closeness_out`` (networkx's closeness on the digraph and on
its reverse).

Above :data:`SAMPLE_THRESHOLD` partners, betweenness, closeness and harmonic closeness
are **estimated** from ``k`` seeded random source partners ("pivots") per connected
component larger than ``k``; smaller components are always exact.
"""
from __future__ import annotations

import contextlib
import random
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..exceptions import InvalidParameterError
from ..model import Ecosystem

SAMPLE_THRESHOLD = 5000
"""Partners above which betweenness/closeness switch to the sampled estimate (``sample="auto"``)."""

DAMPING = 0.85

MEASURES: dict[str, str] = {
    "degree": "number of distinct partners tied to it",
    "strength": "sum of its tie strengths",
    "pagerank": "weighted PageRank (damping 0.85; sums to 1)",
    "eigenvector": "eigenvector centrality on tie strengths (max = 1; 0 outside the leading component)",
    "betweenness": "share of shortest paths between other partners that pass through it (paths over distance = 1/strength)",
    "closeness": "closeness on distance, Wasserman-Faust scaled for unreachable partners",
    "harmonic": "mean of 1/distance to every other partner",
    "coreness": "k-core number (unweighted)",
    "clustering": "share of pairs of its partners that are tied to each other (unweighted)",
    "clustering_weighted": "Onnela weighted clustering (geometric mean of triangle strengths / max strength)",
    "reach2": "share of the other partners within 2 steps",
    "in_degree": "number of partners with a relation towards it",
    "out_degree": "number of partners it has a relation towards",
    "in_strength": "sum of the strengths of relations towards it",
    "out_strength": "sum of the strengths of relations from it",
    "pagerank_directed": "PageRank following relation direction",
    "closeness_in": "closeness over paths towards it",
    "closeness_out": "closeness over paths from it",
}


@dataclass
class CentralityResult:
    """Per-partner centrality measures and how they were computed.

    Attributes
    ----------
    table : DataFrame
        Indexed by partner id; one column per measure (see module docstring).
    sampled : bool
        True when betweenness/closeness/harmonic are sampled estimates.
    method : str
        ``"igraph"`` (exact) or ``"igraph, source-sampled paths"``.
    params : dict
        Everything needed to reproduce it: directed, sample, n_samples, seed, threshold,
        damping, distance definition.
    """

    table: pd.DataFrame
    sampled: bool = False
    method: str = "igraph"
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def measures(self) -> dict[str, str]:
        """Column -> one-line definition, for the columns present."""
        return {c: MEASURES[c] for c in self.table.columns if c in MEASURES}

    def to_dict(self) -> dict[str, Any]:
        return {"method": self.method, "sampled": self.sampled, "params": dict(self.params),
                "measures": self.measures}


def default_n_samples(n: int) -> int:
    """Pivots per large component: 200 (perf.md: Spearman 0.97-0.98 vs exact at 10k partners).

    Examples
    --------
    >>> default_n_samples(10_000), default_n_samples(100_000)
    (200, 200)
    """
    return int(min(max(n, 1), 200))


UNDIRECTED_MEASURES = ("degree", "strength", "pagerank", "eigenvector", "betweenness", "closeness",
                       "harmonic", "coreness", "clustering", "clustering_weighted", "reach2")
"""Columns of every centrality table, in table order."""
DIRECTED_MEASURES = ("in_degree", "out_degree", "in_strength", "out_strength", "pagerank_directed",
                     "closeness_in", "closeness_out")
"""Columns added for directed ecosystems (``directed=True``), in table order."""


def _select_measures(measures: Any, directed: bool) -> tuple[str, ...]:
    """The requested measure names in table order (all of them for ``None``)."""
    allowed = UNDIRECTED_MEASURES + (DIRECTED_MEASURES if directed else ())
    if measures is None:
        return allowed
    if isinstance(measures, str):
        measures = [measures]
    try:
        wanted = [str(m) if isinstance(m, str) else m for m in measures]
    except TypeError:
        raise InvalidParameterError(
            f"measures must be a list of measure names, got {measures!r}") from None
    if not wanted:
        raise InvalidParameterError("measures must name at least one measure")
    for m in wanted:
        if m not in allowed:
            hint = (" (a directed measure: it needs directed=True on a directed ecosystem)"
                    if m in DIRECTED_MEASURES else "")
            raise InvalidParameterError(
                f"measures: unknown measure {m!r}{hint}; available: {', '.join(allowed)}")
    return tuple(m for m in allowed if m in set(wanted))


def centrality(eco: Ecosystem, *, directed: bool | None = None, sample: bool | str = "auto",
               n_samples: int | None = None, seed: int = 0,
               measures: Any = None) -> CentralityResult:
    """Every per-partner centrality measure, weight-aware.

    Parameters
    ----------
    eco : Ecosystem
    directed : bool, optional
        Add the directed variants (in/out degree and strength, directed PageRank,
        in/out closeness). Default: ``eco.directed``. ``True`` on an undirected
        ecosystem raises :class:`~ecosystem.exceptions.InvalidParameterError`.
    sample : {"auto", True, False}
        Estimate betweenness/closeness/harmonic from sampled source partners.
        ``"auto"`` samples when the ecosystem has more than :data:`SAMPLE_THRESHOLD`
        partners.
    n_samples : int, optional
        Pivots per connected component (components with at most this many partners are
        computed exactly). Default :func:`default_n_samples`.
    seed : int, default 0
        Seed for the pivot sample.
    measures : iterable of str, optional
        Compute only these columns (names as in the module docstring, e.g.
        ``["strength", "pagerank", "betweenness"]``); the table then holds just them, in
        the usual column order, and ``params["measures"]`` lists them. Default: every
        measure (unchanged behaviour). Asking for betweenness alone skips the
        closeness/harmonic Dijkstra pass; weighted clustering and ``reach2`` (the
        costliest on dense graphs) are only computed when asked for. Results of the
        measures computed are identical to the full call (same pivots for the same seed).

    Returns
    -------
    CentralityResult

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b", 2), ("b", "c", 1)])
    >>> t = centrality(eco).table
    >>> t.loc["b", ["degree", "strength", "betweenness"]].tolist()
    [2.0, 3.0, 1.0]
    >>> float(t.loc["a", "reach2"])
    1.0
    >>> centrality(eco, measures=["betweenness", "strength"]).table.columns.tolist()
    ['strength', 'betweenness']
    """
    if directed is None:
        directed = eco.directed
    if directed and not eco.directed:
        raise InvalidParameterError(
            "directed=True needs a directed ecosystem (load it with --directed / directed=True)")
    if sample not in ("auto", True, False):
        raise InvalidParameterError(f"sample must be 'auto', True or False, got {sample!r}")
    if n_samples is not None and (isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer))
                                  or n_samples < 1):
        raise InvalidParameterError(f"n_samples must be a whole number >= 1, got {n_samples!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise InvalidParameterError(f"seed must be an integer, got {seed!r}")
    n = eco.n_partners
    do_sample = (n > SAMPLE_THRESHOLD) if sample == "auto" else bool(sample)
    k = int(n_samples) if n_samples is not None else default_n_samples(n)
    g = eco.igraph
    weighted = g.ecount() > 0
    w = "weight" if weighted else None
    d = "distance" if weighted else None

    wanted = _select_measures(measures, bool(directed))
    want = set(wanted)
    need_btw = "betweenness" in want
    need_clo = bool(want & {"closeness", "harmonic"})
    need_dir = bool(want & {"closeness_in", "closeness_out"})

    cols: dict[str, np.ndarray] = {}
    if "degree" in want:
        cols["degree"] = np.asarray(g.degree(), dtype=float)
    if "strength" in want:
        cols["strength"] = (np.asarray(g.strength(weights=w), dtype=float) if weighted
                            else np.zeros(n))
    if "pagerank" in want:
        from ..parallel import one_native_thread

        with one_native_thread():  # PRPACK's OpenMP threads: slower and not reproducible
            cols["pagerank"] = (np.asarray(g.pagerank(weights=w, damping=DAMPING, directed=False),
                                           dtype=float) if n else np.zeros(0))
    if "eigenvector" in want:
        cols["eigenvector"] = _eigenvector(g)
    paths: dict[str, Any] = {"sampled": False, "sampled_components": []}
    if need_btw or need_clo or need_dir:
        paths = _path_measures(eco, g, d, sample=do_sample, k=k, seed=int(seed),
                               directed=bool(directed) and need_dir, betweenness=need_btw,
                               closeness=need_clo)
    for name in ("betweenness", "closeness", "harmonic"):
        if name in want:
            cols[name] = paths[name]
    if "coreness" in want:
        cols["coreness"] = np.asarray(g.coreness(), dtype=float) if n else np.zeros(0)
    if "clustering" in want:
        cols["clustering"] = (np.asarray(g.transitivity_local_undirected(mode="zero"), dtype=float)
                              if n else np.zeros(0))
    if "clustering_weighted" in want:
        cols["clustering_weighted"] = _onnela_clustering(eco)
    if "reach2" in want:
        cols["reach2"] = _reach2(g)
    if directed and want & set(DIRECTED_MEASURES):
        gd = eco.igraph_directed
        if "in_degree" in want:
            cols["in_degree"] = np.asarray(gd.degree(mode="in"), dtype=float)
        if "out_degree" in want:
            cols["out_degree"] = np.asarray(gd.degree(mode="out"), dtype=float)
        if "in_strength" in want:
            cols["in_strength"] = (np.asarray(gd.strength(mode="in", weights="weight"), dtype=float)
                                   if gd.ecount() else np.zeros(n))
        if "out_strength" in want:
            cols["out_strength"] = (np.asarray(gd.strength(mode="out", weights="weight"), dtype=float)
                                    if gd.ecount() else np.zeros(n))
        if "pagerank_directed" in want:
            from ..parallel import one_native_thread

            with one_native_thread():
                cols["pagerank_directed"] = (
                    np.asarray(gd.pagerank(weights="weight" if gd.ecount() else None,
                                           damping=DAMPING, directed=True), dtype=float)
                    if n else np.zeros(0))
        for name in ("closeness_in", "closeness_out"):
            if name in want:
                cols[name] = paths[name]
    cols = {c: cols[c] for c in wanted}
    table = pd.DataFrame(cols, index=pd.Index(eco.ids, name="id"))
    for c in ("degree", "coreness", "in_degree", "out_degree"):
        if c in table:
            table[c] = table[c].astype(np.int64)
    sampled = bool(paths["sampled"])
    params = {"directed": bool(directed), "sample": sample, "sampled": sampled,
              "n_samples": k if sampled else None, "seed": int(seed),
              "sample_threshold": SAMPLE_THRESHOLD, "damping": DAMPING,
              "sampled_components": paths["sampled_components"],
              "path_length": eco.settings()["distance_definition"],
              "betweenness_normalisation": "raw / ((n-1)(n-2)/2), as networkx normalized=True",
              "clustering_weighted": "Onnela et al. 2005"}
    if measures is not None:
        params["measures"] = list(wanted)
    method = "igraph, source-sampled paths" if sampled else "igraph"
    return CentralityResult(table, sampled=sampled, method=method, params=params)


# ---------------------------------------------------------------------- helpers
@contextlib.contextmanager
def _fixed_igraph_rng(seed: int = 0):
    """igraph's ARPACK solver starts from a random vector drawn from Python's ``random``,
    whose state differs from process to process: the last digits of eigenvector scores
    then differ between runs. Draw it from a fixed-seed generator instead."""
    import igraph as ig

    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def _eigenvector(g) -> np.ndarray:
    """Global eigenvector centrality (max 1), well defined on disconnected graphs.

    The leading eigenvalue of a disconnected graph belongs to one component; the others
    score 0. igraph is run per component, and only for components whose largest
    strength (an upper bound of their eigenvalue) can beat the best eigenvalue found so
    far. Components tied for the largest eigenvalue each get their own vector (max 1).
    """
    n = g.vcount()
    out = np.zeros(n)
    if g.ecount() == 0:
        return out
    memb = np.asarray(g.connected_components().membership)
    strength = np.asarray(g.strength(weights="weight"), dtype=float)
    edges = np.asarray(g.get_edgelist())
    ew = np.asarray(g.es["weight"], dtype=float)
    upper = pd.Series(strength).groupby(memb).max()
    lower = pd.Series(ew).groupby(memb[edges[:, 0]]).max()
    upper = upper[upper.index.isin(lower.index)]
    order = sorted(upper.index, key=lambda c: (-upper[c], c))
    best = float(lower.max())
    found: list[tuple[np.ndarray, np.ndarray, float]] = []
    for c in order:
        if upper[c] < best * (1 - 1e-9):
            break
        vids = np.flatnonzero(memb == c)
        sg = g.induced_subgraph(vids.tolist())
        with warnings.catch_warnings(), _fixed_igraph_rng():
            warnings.simplefilter("ignore", RuntimeWarning)
            vec, lam = sg.eigenvector_centrality(weights="weight", return_eigenvalue=True)
        vec = np.abs(np.asarray(vec, dtype=float))
        if vec.max() > 0:
            vec = vec / vec.max()
        found.append((vids, vec, float(lam)))
        best = max(best, float(lam))
    lam_max = max(f[2] for f in found)
    for vids, vec, lam in found:
        if lam >= lam_max * (1 - 1e-9):
            out[vids] = vec
    return out


def _onnela_clustering(eco: Ecosystem) -> np.ndarray:
    """Onnela et al. weighted clustering: ``sum over triangles of (w_ij w_jk w_ki)^(1/3)``
    (weights scaled by the largest), twice, over ``k_i (k_i - 1)``; each triangle found
    once (:mod:`.triangles`; H2020: 0.9 s instead of 8.6 s for ``W @ W``)."""
    from .triangles import masked_sums, orient

    n = eco.n_partners
    ties = eco.undirected_ties
    if n == 0 or len(ties) == 0:
        return np.zeros(n)
    s = ties["strength"].to_numpy(float)
    a = ties["source_index"].to_numpy(np.int64)
    b = ties["target_index"].to_numpy(np.int64)
    wn = np.cbrt(s / s.max())          # scaled by the largest weight, self-ties included
    keep = a != b                      # a self-tie is in no triangle, and no neighbour
    lo = orient(n, a[keep], b[keep], wn[keep])
    (low, high), = masked_sums(lo, lo, [lo])
    (middle, _), = masked_sums(lo.T, lo, [lo])
    deg = np.bincount(np.concatenate([a[keep], b[keep]]), minlength=n).astype(float)
    denom = deg * (deg - 1)
    out = np.zeros(n)
    ok = denom > 0
    out[ok] = 2.0 * (low + high + middle)[ok] / denom[ok]
    return out


def _reach2(g) -> np.ndarray:
    n = g.vcount()
    if n <= 1:
        return np.zeros(n)
    return (np.asarray(g.neighborhood_size(order=2), dtype=float) - 1.0) / (n - 1)


def _component_groups(g) -> list[np.ndarray]:
    memb = np.asarray(g.connected_components().membership)
    groups = pd.Series(np.arange(len(memb))).groupby(memb).apply(lambda s: s.to_numpy())
    comps = [np.asarray(v) for v in groups.tolist()]
    comps.sort(key=lambda c: (-len(c), int(c[0])))
    return comps


def _pivot_sums(sg, pivots: list[int], weights, *, directed: bool, reverse: bool = False,
                chunk: int = 32) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Distances from the pivots to every vertex of ``sg``, reduced per target vertex.

    Uses scipy's Dijkstra on a CSR matrix of the subgraph (returns numpy arrays, so no
    Python lists of n floats), in chunks of pivots to bound memory. A pivot's distance
    to itself is excluded. ``reverse`` follows edges backwards (distances *to* pivots).
    Returns per target: pivots considered (``n_valid``), pivots reached (``cnt``), sum of
    distances (``total``) and sum of inverse distances (``inv``).
    """
    import scipy.sparse as sp
    from scipy.sparse.csgraph import dijkstra

    m = sg.vcount()
    edges = np.asarray(sg.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    length = (np.asarray(sg.es[weights], dtype=float) if weights and sg.ecount()
              else np.ones(len(edges)))
    src, dst = (edges[:, 1], edges[:, 0]) if reverse else (edges[:, 0], edges[:, 1])
    mat = sp.csr_matrix((length, (src, dst)), shape=(m, m))
    n_valid = np.zeros(m)
    cnt = np.zeros(m)
    total = np.zeros(m)
    inv = np.zeros(m)
    piv = np.asarray(pivots, dtype=np.int64)
    for i in range(0, len(piv), chunk):
        part = piv[i:i + chunk]
        d = np.atleast_2d(dijkstra(mat, directed=directed, indices=part))
        d[np.arange(len(part)), part] = np.nan          # a pivot's distance to itself
        valid = ~np.isnan(d)
        finite = np.isfinite(d) & valid
        dz = np.where(finite, d, 0.0)
        n_valid += valid.sum(axis=0)
        cnt += finite.sum(axis=0)
        total += dz.sum(axis=0)
        with np.errstate(divide="ignore"):
            inv += np.where(finite & (dz > 0), 1.0 / np.where(dz > 0, dz, 1.0), 0.0).sum(axis=0)
    return n_valid, cnt, total, inv


def _path_measures(eco: Ecosystem, g, weights, *, sample: bool, k: int, seed: int,
                   directed: bool, betweenness: bool = True,
                   closeness: bool = True) -> dict[str, Any]:
    """Betweenness, closeness, harmonic (and directed closeness), exact or sampled.

    Each connected component is handled on its own subgraph. A component with more
    than ``k`` partners is sampled when ``sample``: ``k`` pivots drawn without
    replacement (numpy ``default_rng(seed)``, components in order of size), raw
    betweenness from the pivots scaled by ``|C|/k``, and closeness/harmonic from the
    pivots' distances (mean over pivots other than the partner itself).
    ``betweenness=False`` / ``closeness=False`` skip that part (its columns stay 0); the
    pivots drawn are the same either way.
    """
    n = g.vcount()
    res = {name: np.zeros(n) for name in ("betweenness", "closeness", "harmonic",
                                           "closeness_in", "closeness_out")}
    res["sampled"] = False
    res["sampled_components"] = []
    if n == 0:
        return res
    rng = np.random.default_rng(seed)
    gd = eco.igraph_directed if directed else None
    raw_btw = np.zeros(n)
    exact_vids: list[np.ndarray] = []
    for comp in _component_groups(g):
        size = len(comp)
        if size == 1:
            continue
        if not (sample and size > k):
            exact_vids.append(comp)
            continue
        res["sampled"] = True
        res["sampled_components"].append({"size": int(size), "pivots": int(k)})
        sg = g.induced_subgraph(comp.tolist())
        pivots = sorted(rng.choice(size, size=k, replace=False).tolist())
        scale = size / k
        if betweenness:
            raw_btw[comp] = np.asarray(sg.betweenness(sources=pivots, weights=weights,
                                                      directed=False), dtype=float) * scale
        if closeness:
            _, cnt, total, inv = _pivot_sums(sg, pivots, weights, directed=False)
            res["closeness"][comp], res["harmonic"][comp] = _sampled_closeness(cnt, total, inv,
                                                                               size, n)
        if directed:
            sgd = gd.induced_subgraph(comp.tolist())
            dw = "distance" if sgd.ecount() else None
            # from pivots along relations: paths towards each partner -> closeness_in
            res["closeness_in"][comp] = _sampled_directed_closeness(
                *_pivot_sums(sgd, pivots, dw, directed=True)[:3], size, n)
            res["closeness_out"][comp] = _sampled_directed_closeness(
                *_pivot_sums(sgd, pivots, dw, directed=True, reverse=True)[:3], size, n)
    if exact_vids:
        vids = np.concatenate(exact_vids)
        sg = g.induced_subgraph(vids.tolist())
        # induced_subgraph keeps vertex order by id; map back through sorted ids
        order = np.sort(vids)
        if betweenness:
            raw_btw[order] = np.asarray(sg.betweenness(weights=weights, directed=False),
                                        dtype=float)
        if closeness:
            # one Dijkstra per partner gives both closeness and harmonic (cnt = r - 1 here)
            _, cnt, total, inv = _pivot_sums(sg, list(range(sg.vcount())), weights,
                                             directed=False)
            with np.errstate(divide="ignore", invalid="ignore"):
                res["closeness"][order] = np.where(total > 0,
                                                   cnt / np.where(total > 0, total, 1.0),
                                                   0.0) * cnt / (n - 1)
            res["harmonic"][order] = inv / (n - 1)
        if directed:
            sgd = gd.induced_subgraph(order.tolist())
            dw = "distance" if sgd.ecount() else None
            for mode, name in (("in", "closeness_in"), ("out", "closeness_out")):
                c = np.nan_to_num(np.asarray(sgd.closeness(weights=dw, mode=mode), dtype=float))
                reach = np.asarray(sgd.neighborhood_size(order=sgd.vcount(), mode=mode),
                                   dtype=float) - 1
                res[name][order] = c * reach / (n - 1)
    if n > 2:
        res["betweenness"] = raw_btw * 2.0 / ((n - 1) * (n - 2))
    return res


def _sampled_closeness(cnt: np.ndarray, total: np.ndarray, inv: np.ndarray, size: int, n: int):
    """Closeness and harmonic of every vertex of one component from pivot distance sums.

    closeness = (size-1)/(n-1) / mean pivot distance; harmonic = mean 1/d to the pivots x
    (size-1)/(n-1).
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        closeness = np.where(total > 0, cnt / np.where(total > 0, total, 1.0), 0.0) * (size - 1) / (n - 1)
        harmonic = np.where(cnt > 0, inv * (size - 1) / np.where(cnt > 0, cnt, 1.0), 0.0) / (n - 1)
    return closeness, harmonic


def _sampled_directed_closeness(n_valid: np.ndarray, cnt: np.ndarray, total: np.ndarray,
                                size: int, n: int) -> np.ndarray:
    """Directed closeness estimate: reached share x (size-1)/(n-1) / mean distance."""
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(n_valid > 0, cnt / np.where(n_valid > 0, n_valid, 1.0), 0.0)
        return np.where(total > 0, share * (size - 1) / (n - 1) * cnt / np.where(total > 0, total, 1.0), 0.0)


__all__ = ["CentralityResult", "DIRECTED_MEASURES", "MEASURES", "SAMPLE_THRESHOLD", "UNDIRECTED_MEASURES",
           "centrality", "default_n_samples"]

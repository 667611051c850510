"""The bare library calls of the benchmark: plain igraph / scipy / pandas doing the work of
each engine stage on the same graph (the same ``eco.igraph`` object, same weights, same
parameters). ``ratio = engine seconds / bare seconds`` is the engine's overhead.

Every function takes the stage context ``ctx`` (see :mod:`stages`). Where the engine
chooses a plan (sampled paths and their pivots, Leiden's number of iterations), the
bare call reads the engine's choice from ``ctx`` and does the same.
"""
from __future__ import annotations

import random
from typing import Any, Callable

import igraph as ig
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.analysis.centrality import SAMPLE_THRESHOLD, default_n_samples
from ecosystem.config import DEFAULTS


def seeded(fn: Callable[[], Any], seed: int = 0) -> Any:
    """Run an igraph call with igraph's RNG seeded from Python's ``random`` (like the engine)."""
    state = random.getstate()
    random.seed(seed)
    try:
        ig.set_random_number_generator(random)
        return fn()
    finally:
        random.setstate(state)


def read_participations(ctx: dict) -> pd.DataFrame:
    """The H2020 participation table, read once and kept in ``ctx``."""
    df = ctx.get("participations")
    if df is None:
        df = ctx["participations"] = pd.read_csv(ctx["relations_path"], dtype=str,
                                                 keep_default_na=False)
    return df


# --------------------------------------------------------------------------- load / build
def bare_read_csv(ctx: dict) -> Any:
    rel = pd.read_csv(ctx["relations_path"], dtype=str, keep_default_na=False)
    part = pd.read_csv(ctx["partners_path"], dtype=str, keep_default_na=False)
    return rel, part


def _project(df: pd.DataFrame) -> Any:
    org, orgs = pd.factorize(df["pic"])
    prj, prjs = pd.factorize(df["rcn"])
    b = sp.csr_matrix((np.ones(len(org)), (org, prj)), shape=(len(orgs), len(prjs)))
    b.data[:] = 1.0
    return sp.triu(b @ b.T, k=1).tocoo()


def bare_projection(ctx: dict) -> Any:
    """scipy projection of the same table: triu(B @ B.T) (pairs with shared-project counts)."""
    return _project(read_participations(ctx))


def bare_h2020(ctx: dict) -> Any:
    """pandas read + scipy projection B @ B.T (shared-project counts), the same work."""
    return _project(pd.read_csv(ctx["relations_path"], dtype=str, keep_default_na=False))


def bare_ties(ctx: dict) -> Any:
    """pandas groupby-sum of relation strengths per pair (+ count), no type lists."""
    eco = ctx["eco"]
    src, dst = eco._pair_codes()
    frame = pd.DataFrame({"a": src, "b": dst, "s": eco.relations["strength"].to_numpy(float)})
    return frame.groupby(["a", "b"], sort=True)["s"].agg(["sum", "size"])


def bare_igraph(ctx: dict) -> Any:
    t = ctx["eco"].undirected_ties
    g = ig.Graph(n=ctx["eco"].n_partners,
                 edges=np.column_stack([t["source_index"].to_numpy(), t["target_index"].to_numpy()]))
    g.es["weight"] = t["strength"].to_numpy(float)
    return g


# --------------------------------------------------------------------------- centrality
def sample_plan(ctx: dict) -> tuple[bool, int]:
    """Whether the engine sampled paths and with how many pivots (from its params)."""
    res = ctx.get("centrality")
    n = ctx["eco"].n_partners
    if res is None:
        return n > SAMPLE_THRESHOLD, default_n_samples(n)
    params = dict(getattr(res, "params", {}) or {})
    k = params.get("n_samples") or default_n_samples(n)
    return bool(getattr(res, "sampled", False)), int(k)


def _components(g) -> list[np.ndarray]:
    memb = np.asarray(g.connected_components().membership)
    order = np.argsort(memb, kind="stable")
    cuts = np.flatnonzero(np.diff(memb[order])) + 1
    comps = np.split(order, cuts)
    comps.sort(key=lambda c: (-len(c), int(c[0])))
    return comps


def bare_paths(ctx: dict, *, with_distances: bool = True) -> Any:
    """The igraph calls behind betweenness/closeness/harmonic, as the engine plans them:
    per component larger than k: induced subgraph, ``betweenness(sources=k pivots)`` and
    ``distances(source=pivots)``; the small components together: exact calls."""
    g = ctx["eco"].igraph
    sample, k = sample_plan(ctx)
    rng = np.random.default_rng(ctx["seed"])
    small = []
    out = []
    for comp in _components(g):
        if len(comp) == 1:
            continue
        if not (sample and len(comp) > k):
            small.append(comp)
            continue
        sg = g.induced_subgraph(comp.tolist())
        pivots = sorted(rng.choice(len(comp), size=k, replace=False).tolist())
        out.append(sg.betweenness(sources=pivots, weights="distance", directed=False))
        if with_distances:
            out.append(sg.distances(source=pivots, weights="distance"))
    if small:
        sg = g.induced_subgraph(np.sort(np.concatenate(small)).tolist())
        out.append(sg.betweenness(weights="distance", directed=False))
        if with_distances:
            out.append(sg.closeness(weights="distance"))
            out.append(sg.harmonic_centrality(weights="distance", normalized=False))
    return out


def bare_centrality(ctx: dict) -> Any:
    """The igraph calls behind the centrality table's columns, on the same graph
    (weighted clustering has no library call and is left out of the bare side)."""
    g = ctx["eco"].igraph
    out = {"degree": g.degree(), "strength": g.strength(weights="weight"),
           "pagerank": g.pagerank(weights="weight", damping=0.85, directed=False),
           "eigenvector": g.eigenvector_centrality(weights="weight", scale=True),
           "paths": bare_paths(ctx), "coreness": g.coreness(),
           "clustering": g.transitivity_local_undirected(mode="zero"),
           "reach2": g.neighborhood_size(order=2)}
    return out


def bare_pagerank(ctx: dict) -> Any:
    return ctx["eco"].igraph.pagerank(weights="weight")


def bare_sampled_betweenness(ctx: dict) -> Any:
    return bare_paths(ctx, with_distances=False)


# --------------------------------------------------------------------------- communities
def leiden_iterations(ctx: dict) -> int:
    """The engine's Leiden ``n_iterations`` (from the partition's params; -1 = until stable)."""
    part = ctx.get("partition")
    if part is None:
        return -1
    it = part.params.get("leiden_iterations", part.params.get("n_iterations", -1))
    return -1 if it == "until stable" else int(it)


def bare_leiden(ctx: dict) -> Any:
    g = ctx["eco"].igraph
    n_iter = leiden_iterations(ctx)
    return seeded(lambda: g.community_leiden(objective_function="modularity", weights="weight",
                                             n_iterations=n_iter), ctx["seed"])


def bare_leiden2(ctx: dict) -> Any:
    g = ctx["eco"].igraph
    return seeded(lambda: g.community_leiden(objective_function="modularity", weights="weight",
                                             n_iterations=2), ctx["seed"])


def bare_stability(ctx: dict) -> Any:
    g = ctx["eco"].igraph
    n_iter = leiden_iterations(ctx)
    return [seeded(lambda: g.community_leiden(objective_function="modularity",
                                              weights="weight", n_iterations=n_iter), s)
            for s in range(DEFAULTS["communities"]["stability_runs"])]


# --------------------------------------------------------------------------- holes / fragility
def bare_constraint(ctx: dict) -> Any:
    return ctx["eco"].igraph.constraint(weights="weight")


def bare_fragility(ctx: dict) -> Any:
    g = ctx["eco"].igraph
    return g.articulation_points(), g.bridges(), g.connected_components().membership


# --------------------------------------------------------------------------- recommendations
def adjacency(ctx: dict):
    eco = ctx["eco"]
    t = eco.undirected_ties
    n = eco.n_partners
    i, j = t["source_index"].to_numpy(), t["target_index"].to_numpy()
    a = sp.csr_matrix((np.ones(2 * len(i)), (np.concatenate([i, j]), np.concatenate([j, i]))),
                      shape=(n, n))
    return a


def bare_linkpred(ctx: dict, budget: int = 2_000_000) -> Any:
    """Adamic-Adar for every two-hop pair, ``A @ diag(1/log deg) @ A`` with scipy.sparse,
    in row blocks of about ``budget`` two-step paths (the full product at once does not
    fit in memory on the H2020 graph); each block's product is computed and dropped.
    Returns the number of two-hop pairs scored."""
    a = adjacency(ctx).tocsr()
    deg = np.diff(a.indptr).astype(float)
    inv = np.zeros_like(deg)
    ok = deg > 1
    inv[ok] = 1.0 / np.log(deg[ok])
    right = sp.csr_matrix(sp.diags(inv) @ a)
    work = np.cumsum(deg * deg + 1)
    n, start, pairs = a.shape[0], 0, 0
    while start < n:
        base = work[start - 1] if start else 0
        stop = min(max(int(np.searchsorted(work, base + budget, side="right")), start + 1), n)
        pairs += (a[start:stop] @ right).nnz
        start = stop
    return pairs


# --------------------------------------------------------------------------- layout
def bare_layout(ctx: dict) -> Any:
    g = ctx["eco"].igraph
    return seeded(lambda: g.layout_fruchterman_reingold(weights="weight", grid="auto"),
                  ctx["seed"])

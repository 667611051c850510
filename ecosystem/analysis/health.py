"""Ecosystem health KPIs: one number each, with one documented definition.

:func:`health_kpis` returns a dict with the stable keys of :data:`DEFINITIONS`;
:func:`health_table` turns it into a ``kpi, value, definition`` table.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pandas as pd

from ..exceptions import InvalidParameterError
from ..model import Ecosystem
from ..results import Partition
from .sampling import ratio_rse

DEFINITIONS: dict[str, str] = {
    "n_partners": "Number of partners (nodes), isolates included.",
    "n_ties": "Number of tied pairs (several relations between a pair are one tie).",
    "density": "Ties / possible ties = 2m / (n (n - 1)).",
    "components": "Number of connected components (an isolate is one).",
    "largest_component_share": "Partners in the largest connected component / all partners.",
    "isolates": "Partners without any tie.",
    "isolate_share": "Isolates / all partners.",
    "average_clustering": "Mean local clustering coefficient (unweighted; 0 for partners with fewer than 2 ties), as networkx average_clustering.",
    "transitivity": "Global clustering: 3 x triangles / connected triples.",
    "average_path_length": "Mean number of hops over all pairs that can reach each other (within components).",
    "average_path_length_weighted": "Mean shortest-path distance (tie distance, default 1/strength) over reachable pairs.",
    "path_length_sampled": "True when path lengths were estimated from seeded random sources (large networks).",
    "path_length_rse": "Relative standard error of the sampled path lengths (the larger of the two; 0 when computed exactly over all partners).",
    "degree_centralization": "Freeman degree centralisation: sum(max degree - degree_i) / ((n - 1)(n - 2)); 1 for a star, 0 when all degrees are equal.",
    "n_communities": "Number of communities with at least two partners in the partition (Leiden, modularity objective, unless given); isolated partners are counted under isolates, not as one-partner communities.",
    "modularity": "Newman modularity of the partition on tie strength.",
    "sector_count": "Number of distinct sectors among partners.",
    "sector_shannon": "Shannon entropy of the sector shares: -sum p ln p (nats; 0 = one sector).",
    "sector_evenness": "Shannon entropy / ln(number of sectors) (1 = all sectors equally common).",
    "sector_blau": "Blau index of sector diversity: 1 - sum p^2 (chance two random partners differ in sector).",
    "cross_sector_tie_share": "Share of ties joining partners of different sectors.",
    "cross_community_tie_share": "Share of ties joining partners of different communities.",
    "kcore_max": "Largest k such that a k-core exists (every member has >= k ties inside it).",
    "main_core_share": "Share of partners in the main (highest) k-core: the core of a core-periphery structure.",
}


def _distance_csr(eco: Ecosystem):
    """Symmetric CSR matrix of tie ``distance`` for scipy's shortest paths, or None
    when scipy would not give igraph's exact result.

    Shares the structure of the cached :attr:`~ecosystem.model.Ecosystem.strength_matrix`
    (only the data array is new). None (use igraph) when a tie length is not finite and
    positive, or when two ties join the same pair (scipy would add them up).
    """
    import scipy.sparse as sp

    t = eco.undirected_ties
    dist = t["distance"].to_numpy(float)
    if not np.all(np.isfinite(dist) & (dist > 0)):
        return None
    sm = eco.strength_matrix
    if sm.nnz != 2 * int((t["source_index"].to_numpy() != t["target_index"].to_numpy()).sum()):
        return None  # duplicate pairs were summed
    return sp.csr_matrix((eco.distance_of(sm.data), sm.indices, sm.indptr), shape=sm.shape,
                         copy=False)


def global_transitivity(g: Any, local: np.ndarray) -> float:
    """Global transitivity (3 x triangles / connected triples) of a simple undirected
    graph from its local clustering (``transitivity_local_undirected(mode="zero")``):
    ``sum(C_i k_i (k_i - 1)) / sum(k_i (k_i - 1))``, since ``C_i k_i (k_i - 1) / 2`` is
    the number of triangles at ``i``. The same value as igraph's
    ``transitivity_undirected`` without a second triangle count (0 without triples;
    graphs with self-ties or repeated ties are left to igraph).

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (1, 2), (0, 2), (2, 3)])
    >>> local = np.asarray(g.transitivity_local_undirected(mode="zero"))
    >>> global_transitivity(g, local), round(g.transitivity_undirected(), 12)
    (0.6, 0.6)
    """
    if not g.is_simple():
        return float(np.nan_to_num(g.transitivity_undirected(), nan=0.0))
    k = np.asarray(g.degree(), dtype=float)
    pairs = k * (k - 1.0)
    total = float(pairs.sum())
    return float((local * pairs).sum() / total) if total > 0 else 0.0


def _path_lengths(eco: Ecosystem, *, sample_above: int, n_sources: int, seed: int):
    g = eco.igraph
    n = g.vcount()
    if g.ecount() == 0:
        return float("nan"), float("nan"), False, 0.0
    sampled = n > sample_above
    if sampled:
        rng = np.random.default_rng(seed)
        sources = np.sort(rng.choice(n, size=min(n_sources, n), replace=False)).tolist()
    else:
        sources = list(range(n))
    csr = _distance_csr(eco)
    unit = csr is not None and bool(np.all(csr.data == 1.0))  # weighted = hops exactly
    hop_parts, w_parts, count_parts = [], [], []
    chunk = max(1, 2_000_000 // max(n, 1))
    for i in range(0, len(sources), chunk):
        src = sources[i:i + chunk]
        hops = np.asarray(g.distances(source=src), dtype=float)  # BFS: faster than scipy's
        if unit:
            dist = hops
        elif csr is None:
            dist = np.asarray(g.distances(source=src, weights="distance"), dtype=float)
        else:  # the same matrix as igraph's Dijkstra, about 2.5x faster (symmetric matrix,
            # so directed=True is exact and skips scipy's undirected pass)
            from scipy.sparse.csgraph import dijkstra

            dist = dijkstra(csr, directed=True, indices=src)
        ok = np.isfinite(hops) & (hops > 0)
        hop_parts.append(np.where(ok, hops, 0.0).sum(axis=1))
        w_parts.append(np.where(ok, dist, 0.0).sum(axis=1))
        count_parts.append(ok.sum(axis=1).astype(float))
    hop, wsum, count = (np.concatenate(x) for x in (hop_parts, w_parts, count_parts))
    if count.sum() == 0:
        return float("nan"), float("nan"), sampled, 0.0
    rse = 0.0
    if sampled:  # the larger of the two estimates' relative standard errors
        rse = float(np.nanmax([ratio_rse(hop, count, n), ratio_rse(wsum, count, n), -1.0]))
        rse = rse if rse >= 0 else float("nan")
    return float(hop.sum() / count.sum()), float(wsum.sum() / count.sum()), sampled, rse


def health_kpis(eco: Ecosystem, partition: Partition | None = None, *, seed: int = 0,
                sample_above: int = 2000, n_sources: int = 100) -> dict[str, Any]:
    """Ecosystem health KPIs as a dict with the stable keys of :data:`DEFINITIONS`.

    Parameters
    ----------
    partition : Partition, optional
        Communities for modularity and cross-community ties (default: Leiden, ``seed``).
    sample_above : int, default 2000
        Above this many partners, path lengths are averaged over ``n_sources`` seeded
        random sources (``path_length_sampled`` is then True).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("hub", x) for x in "abcd"])
    >>> k = health_kpis(eco)
    >>> k["density"], k["degree_centralization"], k["average_path_length"]
    (0.4, 1.0, 1.6)
    """
    n = eco.n_partners
    if n == 0:
        from ..exceptions import EmptyGraphError
        raise EmptyGraphError(f"{eco.name}: the ecosystem has no partners")
    if sample_above < 1 or n_sources < 1:
        raise InvalidParameterError("sample_above and n_sources must be >= 1")
    g = eco.igraph
    m = g.ecount()
    deg = np.asarray(g.degree(), dtype=float)
    comps = g.connected_components()
    sizes = np.asarray(comps.sizes())
    if partition is None:
        from .communities import detect_communities
        partition = detect_communities(eco, seed=seed)
    memb = partition.membership.copy()
    memb.index = memb.index.astype(str)
    comm = memb.reindex(eco.ids).to_numpy()
    t = eco.undirected_ties
    s_idx = t["source_index"].to_numpy(np.int64)
    d_idx = t["target_index"].to_numpy(np.int64)
    sectors = eco.sectors.to_numpy()
    apl, apl_w, sampled, apl_rse = _path_lengths(eco, sample_above=sample_above,
                                                 n_sources=n_sources, seed=seed)
    local = np.asarray(g.transitivity_local_undirected(mode="zero"), dtype=float) if n else np.zeros(0)
    coreness = np.asarray(g.coreness(), dtype=int)
    shares = pd.Series(sectors).value_counts(normalize=True).to_numpy(float)
    shannon = float(-(shares * np.log(shares)).sum()) + 0.0  # no "-0.0"
    shannon = abs(shannon)
    modularity = partition.modularity
    if not (modularity == modularity) and m:
        modularity = float(g.modularity(comm.astype(int).tolist(), weights="weight"))
    kpis: dict[str, Any] = {
        "n_partners": int(n),
        "n_ties": int(m),
        "density": float(2 * m / (n * (n - 1))) if n > 1 else 0.0,
        "components": int(len(sizes)),
        "largest_component_share": float(sizes.max() / n),
        "isolates": int((deg == 0).sum()),
        "isolate_share": float((deg == 0).sum() / n),
        "average_clustering": float(local.mean()) if n else 0.0,
        "transitivity": global_transitivity(g, local) if m else 0.0,
        "average_path_length": apl,
        "average_path_length_weighted": apl_w,
        "path_length_sampled": bool(sampled),
        "path_length_rse": apl_rse,
        "degree_centralization": (float((deg.max() - deg).sum() / ((n - 1) * (n - 2)))
                                  if n > 2 else 0.0),
        "n_communities": int(partition.n_groups),
        "modularity": float(modularity),
        "sector_count": int(len(shares)),
        "sector_shannon": shannon,
        "sector_evenness": float(shannon / np.log(len(shares))) if len(shares) > 1 else 0.0,
        "sector_blau": float(1.0 - (shares ** 2).sum()),
        "cross_sector_tie_share": float((sectors[s_idx] != sectors[d_idx]).mean()) if m else 0.0,
        "cross_community_tie_share": float((comm[s_idx] != comm[d_idx]).mean()) if m else 0.0,
        "kcore_max": int(coreness.max()) if n else 0,
        "main_core_share": float((coreness == coreness.max()).sum() / n) if m else 0.0,
    }
    return kpis


def health_params(partition: Partition | None = None, **kwargs: Any) -> dict[str, Any]:
    """Provenance for a KPI dict (kept apart so the KPI keys stay stable)."""
    out = dict(kwargs)
    if partition is not None:
        out["partition_method"] = partition.method
        out["partition_params"] = dict(partition.params)
    return out


def health_table(kpis: dict[str, Any]) -> pd.DataFrame:
    """``kpi, value, definition`` rows for a :func:`health_kpis` dict (in its key order).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c")])
    >>> health_table(health_kpis(eco)).iloc[2].tolist()[:2]
    ['density', 0.6666666666666666]
    """
    return pd.DataFrame([{"kpi": key, "value": value, "definition": DEFINITIONS.get(key, "")}
                         for key, value in kpis.items()], columns=["kpi", "value", "definition"])


def main_network(kpis: dict[str, Any]) -> dict[str, Any]:
    """Who is outside the main network, from a :func:`health_kpis` dict.

    ``share``: partners in the largest connected component (0..1); ``groups``: the other
    connected parts of two or more partners; ``isolates``: partners without any tie. The
    decision brief and the report's single-points-of-failure section quote these.

    Examples
    --------
    >>> main_network({"largest_component_share": 0.8, "components": 20, "isolates": 16})
    {'share': 0.8, 'groups': 3, 'isolates': 16}
    """
    comps, iso = int(kpis.get("components") or 0), int(kpis.get("isolates") or 0)
    return {"share": float(kpis.get("largest_component_share") or 0.0),
            "groups": max(comps - 1 - iso, 0), "isolates": iso}


def outside_text(main: dict[str, Any], lang: str = "en",
                 number: Callable[[int], str] = str) -> str:
    """What :func:`main_network` finds outside the main network, in words ('' if nothing).

    Examples
    --------
    >>> outside_text({"share": 0.8, "groups": 3, "isolates": 16})
    '3 separate groups and 16 partners without ties'
    >>> outside_text({"share": 0.9, "groups": 1, "isolates": 0}, "en")
    '1 separate group'
    """
    from ..i18n import translator

    t = translator(lang)
    parts = [t(f"fragility_outside_{k}" + ("_one" if main[k] == 1 else ""), n=number(main[k]))
             for k in ("groups", "isolates") if main[k]]
    if len(parts) < 2:
        return parts[0] if parts else ""
    return t("fragility_outside_and", a=parts[0], b=parts[1])

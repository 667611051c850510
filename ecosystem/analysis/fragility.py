"""Single points of failure: articulation points, bridges, components, dependency.

* An **articulation point** is a partner whose exit splits its component; a **bridge**
  is a tie whose end splits it. For each we report what it would *cut off*: the
  partners no longer connected to the largest remaining piece of that component.
* **Dependency concentration** of a partner is the share of its strength that goes to
  its single strongest partner (1.0 for a partner with one tie).

Everything comes from one depth-first search per component (igraph's C iterator) plus
vectorised low-point computation, so the cost is O(n + m), not one graph copy per
candidate.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..exceptions import InvalidParameterError
from ..model import Ecosystem


@dataclass
class FragilityResult:
    """Articulation points, bridges, components and dependency of one ecosystem.

    Attributes
    ----------
    articulation_points : DataFrame
        Indexed by partner id: ``name, sector, degree, pieces, cut_off, cut_off_share,
        cut_off_ids, cut_off_names``, sorted by ``cut_off`` (most damaging first).
        ``pieces`` is how many parts the partner's component falls into without it.
    bridges : DataFrame
        ``source, target, source_name, target_name, strength, cut_off, cut_off_ids,
        cut_off_names`` (the smaller side of the split), sorted by ``cut_off``.
    components : DataFrame
        ``component, size, share, members`` (largest first; ``members`` lists up to
        ``max_listed`` ids).
    dependency : DataFrame
        Indexed by partner id: ``name, degree, strength, top_partner, top_partner_name,
        top_share, dependent`` (``top_share > threshold``), sorted by ``top_share``.
    """

    articulation_points: pd.DataFrame
    bridges: pd.DataFrame
    components: pd.DataFrame
    dependency: pd.DataFrame
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def n_components(self) -> int:
        return len(self.components)


def _dfs_forest(eco: Ecosystem):
    """Preorder, parent, subtree size and low point (parent tie excluded) per vertex."""
    g = eco.igraph
    n = g.vcount()
    order: list[int] = []
    parent = np.full(n, -1, dtype=np.int64)
    comp = np.full(n, -1, dtype=np.int64)
    seen = np.zeros(n, dtype=bool)
    c = 0
    for root in range(n):
        if seen[root]:
            continue
        for v, _dist, par in g.dfsiter(root, advanced=True):
            vi = v.index
            seen[vi] = True
            order.append(vi)
            comp[vi] = c
            parent[vi] = par.index if par is not None else -1
        c += 1
    order_a = np.asarray(order, dtype=np.int64)
    pre = np.empty(n, dtype=np.int64)
    pre[order_a] = np.arange(n)
    adj = eco.strength_matrix  # shared, built once; only its structure is used here
    # min preorder of a neighbour other than the DFS parent (vectorised over ties)
    rows = np.repeat(np.arange(n), np.diff(adj.indptr))
    nbr_pre = pre[adj.indices].astype(float)
    nbr_pre[adj.indices == parent[rows]] = np.inf
    low = pre.astype(float).copy()
    if len(nbr_pre):
        np.minimum.at(low, rows, nbr_pre)
    size = np.ones(n, dtype=np.int64)
    low_l = low.tolist()
    size_l = size.tolist()
    par_l = parent.tolist()
    for v in reversed(order):
        p = par_l[v]
        if p >= 0:
            size_l[p] += size_l[v]
            if low_l[v] < low_l[p]:
                low_l[p] = low_l[v]
    return (order_a, pre, parent, np.asarray(size_l, dtype=np.int64),
            np.asarray(low_l), comp, adj)


def _gather(order: np.ndarray, ranges: list[tuple[int, int]], limit: int) -> np.ndarray:
    """Up to ``limit`` vertices from preorder ranges (no O(n) work per call)."""
    out: list[np.ndarray] = []
    left = limit
    for a, b in ranges:
        if b <= a or left <= 0:
            continue
        take = order[a:min(b, a + left)]
        out.append(take)
        left -= len(take)
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


def _labels(eco: Ecosystem) -> tuple[np.ndarray, np.ndarray]:
    """Partner ids and names as plain object arrays (fast element access)."""
    ids = np.asarray([str(x) for x in eco.ids], dtype=object)
    names = np.asarray([str(x) for x in eco.names.to_numpy()], dtype=object)
    return ids, names


def _names(labels: tuple[np.ndarray, np.ndarray], idx: np.ndarray,
           limit: int) -> tuple[list[str], list[str]]:
    idx = np.sort(np.asarray(idx, dtype=np.int64))[:limit]
    return labels[0][idx].tolist(), labels[1][idx].tolist()


def fragility(eco: Ecosystem, *, threshold: float = 0.5, max_listed: int = 50) -> FragilityResult:
    """Find the partners and ties whose loss would split the network.

    Parameters
    ----------
    threshold : float, default 0.5
        A partner is flagged ``dependent`` when more than this share of its strength
        goes to one partner (so a partner with a single tie is always flagged).
    max_listed : int, default 50
        Most ids/names listed per cut-off set or component (counts are always exact).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"),
    ...                             ("c", "d"), ("d", "e")])
    >>> f = fragility(eco)
    >>> f.articulation_points.loc["c", "cut_off_ids"]
    ['d', 'e']
    >>> f.bridges[["source", "target", "cut_off"]].values.tolist()
    [['c', 'd', 2], ['d', 'e', 1]]
    """
    if not 0 <= threshold < 1:
        raise InvalidParameterError(f"threshold must be in [0, 1), got {threshold!r}")
    if max_listed < 1:
        raise InvalidParameterError(f"max_listed must be >= 1, got {max_listed!r}")
    n = eco.n_partners
    labels = _labels(eco)
    ids_a, names = labels
    sectors_a = np.asarray([str(x) for x in eco.sectors.to_numpy()], dtype=object)
    order, pre, parent, size, low, comp, adj = _dfs_forest(eco)
    comp_size = np.bincount(comp, minlength=int(comp.max()) + 1 if n else 0) if n else np.zeros(0, int)
    deg = np.diff(adj.indptr)

    # --- articulation points: child subtrees with low >= pre[v] are separated
    child = np.flatnonzero(parent >= 0)
    par = parent[child]
    separated = low[child] >= pre[par]
    is_root = parent < 0
    # a root is an articulation point when it has >= 2 children (every child separates)
    sep_child = child[separated]
    sep_par = par[separated]
    ap_rows = []
    by_parent: dict[int, list[int]] = {}
    for c_, p_ in zip(sep_child.tolist(), sep_par.tolist()):
        by_parent.setdefault(p_, []).append(c_)
    comp_start = np.full(int(comp.max()) + 1 if n else 0, n, dtype=np.int64)
    if n:
        np.minimum.at(comp_start, comp, pre)
    children: dict[int, list[int]] = {}
    for c_, p_ in zip(child.tolist(), par.tolist()):
        children.setdefault(p_, []).append(c_)
    for v, kids in by_parent.items():
        if is_root[v] and len(kids) < 2:
            continue
        kid_sizes = [int(size[k]) for k in kids]
        rest = int(comp_size[comp[v]] - 1 - sum(kid_sizes))
        pieces = [("rest", rest)] if rest > 0 else []
        pieces += [(k, s) for k, s in zip(kids, kid_sizes)]
        pieces.sort(key=lambda x: -x[1])
        keep = pieces[0]
        cut = pieces[1:]
        ranges: list[tuple[int, int]] = []
        for key, _s in cut:
            if key == "rest":
                cs = int(comp_start[comp[v]])
                ce = cs + int(comp_size[comp[v]])
                ranges += [(cs, int(pre[v])), (int(pre[v] + size[v]), ce)]
                separated_kids = set(kids)
                ranges += [(int(pre[c]), int(pre[c] + size[c])) for c in children.get(v, [])
                           if c not in separated_kids]
            else:
                ranges.append((int(pre[key]), int(pre[key] + size[key])))
        n_cut = int(sum(x[1] for x in cut))
        ids, nms = _names(labels, _gather(order, ranges, max_listed), max_listed)
        ap_rows.append({"id": ids_a[v], "name": names[v],
                        "sector": sectors_a[v], "degree": int(deg[v]),
                        "pieces": len(pieces), "cut_off": n_cut,
                        "cut_off_share": n_cut / n if n else 0.0,
                        "largest_piece": int(keep[1]),
                        "cut_off_ids": ids, "cut_off_names": nms})
    ap = pd.DataFrame(ap_rows, columns=["id", "name", "sector", "degree", "pieces", "cut_off",
                                        "cut_off_share", "largest_piece", "cut_off_ids",
                                        "cut_off_names"])
    ap = ap.sort_values(["cut_off", "degree", "id"], ascending=[False, False, True],
                        kind="mergesort").set_index("id")

    # --- bridges: tree tie (parent, child) with low[child] > pre[parent]
    is_bridge = low[child] > pre[par]
    t = eco.undirected_ties
    tie_codes = (np.minimum(t["source_index"], t["target_index"]).to_numpy(np.int64) * max(n, 1)
                 + np.maximum(t["source_index"], t["target_index"]).to_numpy(np.int64))
    tie_order = np.argsort(tie_codes, kind="mergesort")
    tie_codes = tie_codes[tie_order]
    tie_strength = t["strength"].to_numpy(float)[tie_order]
    br_rows = []
    for c_, p_ in zip(child[is_bridge].tolist(), par[is_bridge].tolist()):
        sub = int(size[c_])
        other = int(comp_size[comp[c_]] - sub)
        if sub <= other:
            n_cut, ranges = sub, [(int(pre[c_]), int(pre[c_]) + sub)]
        else:
            cs = int(comp_start[comp[c_]])
            ce = cs + int(comp_size[comp[c_]])
            n_cut, ranges = other, [(cs, int(pre[c_])), (int(pre[c_]) + sub, ce)]
        ids, nms = _names(labels, _gather(order, ranges, max_listed), max_listed)
        a, b = min(p_, c_), max(p_, c_)
        pos = int(np.searchsorted(tie_codes, a * max(n, 1) + b))
        br_rows.append({"source": ids_a[a], "target": ids_a[b],
                        "source_name": names[a], "target_name": names[b],
                        "strength": float(tie_strength[pos]),
                        "cut_off": n_cut,
                        "cut_off_share": n_cut / n if n else 0.0,
                        "cut_off_ids": ids, "cut_off_names": nms})
    br = pd.DataFrame(br_rows, columns=["source", "target", "source_name", "target_name",
                                        "strength", "cut_off", "cut_off_share", "cut_off_ids",
                                        "cut_off_names"])
    br = br.sort_values(["cut_off", "source", "target"], ascending=[False, True, True],
                        kind="mergesort").reset_index(drop=True)

    # --- components (largest first)
    comp_rows = []
    if n:
        corder = sorted(range(len(comp_size)), key=lambda c: (-comp_size[c], c))
        for rank, c in enumerate(corder):
            members_idx = np.flatnonzero(comp == c)
            ids, _ = _names(labels, members_idx, max_listed)
            comp_rows.append({"component": rank, "size": int(comp_size[c]),
                              "share": float(comp_size[c] / n), "members": ids})
    comps = pd.DataFrame(comp_rows, columns=["component", "size", "share", "members"])

    dep = dependency_concentration(eco, threshold=threshold)
    return FragilityResult(ap, br, comps, dep,
                           params={"threshold": threshold, "max_listed": max_listed,
                                   "graph": "undirected", "method": "dfs low-point"})


def dependency_concentration(eco: Ecosystem, *, threshold: float = 0.5) -> pd.DataFrame:
    """Share of each partner's strength that goes to its single strongest partner.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b", 9), ("a", "c", 1), ("b", "c", 1)])
    >>> d = dependency_concentration(eco)
    >>> str(d.loc["a", "top_partner"]), float(d.loc["a", "top_share"]), bool(d.loc["a", "dependent"])
    ('b', 0.9, True)
    """
    n = eco.n_partners
    t = eco.undirected_ties
    s = t["source_index"].to_numpy(np.int64)
    d = t["target_index"].to_numpy(np.int64)
    w = t["strength"].to_numpy(float)
    keep = s != d
    frame = pd.DataFrame({"a": np.concatenate([s[keep], d[keep]]),
                          "b": np.concatenate([d[keep], s[keep]]),
                          "w": np.concatenate([w[keep], w[keep]])})
    strength = np.bincount(frame["a"], weights=frame["w"], minlength=n) if n else np.zeros(0)
    degree = np.bincount(frame["a"], minlength=n) if n else np.zeros(0, int)
    frame = frame.sort_values(["a", "w", "b"], ascending=[True, False, True], kind="mergesort")
    top = frame.drop_duplicates("a")
    top_partner = np.full(n, -1, dtype=np.int64)
    top_w = np.zeros(n)
    top_partner[top["a"].to_numpy()] = top["b"].to_numpy()
    top_w[top["a"].to_numpy()] = top["w"].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(strength > 0, top_w / np.where(strength > 0, strength, 1), np.nan)
    ids = np.asarray(eco.ids, dtype=object)
    names = eco.names.to_numpy()
    out = pd.DataFrame({
        "name": names, "degree": degree.astype(int), "strength": strength,
        "top_partner": np.where(top_partner >= 0, ids[np.maximum(top_partner, 0)], None),
        "top_partner_name": np.where(top_partner >= 0, names[np.maximum(top_partner, 0)], None),
        "top_share": share,
    }, index=pd.Index(eco.ids, name="id"))
    out["dependent"] = (out["top_share"] > threshold).fillna(False).astype(bool)
    out = out.sort_values(["top_share", "strength"], ascending=[False, False], kind="mergesort",
                          na_position="last")
    out.attrs["params"] = {"threshold": threshold}
    return out

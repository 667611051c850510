"""Node positions for maps and images, computed once in Python (igraph), seeded.

Browsers are slow at force-directed layout (minutes for a few thousand nodes, see
docs/maps.md), so maps ship precomputed positions and switch physics off.

:func:`compute_layout` lays out the **largest connected component** with igraph's
Fruchterman-Reingold algorithm (attraction weighted by tie strength; the grid variant
above 1,000 partners), then lays out every smaller component on its own and packs them
in rows under the main component, isolated partners last on a regular grid. So the
initial "fit" of a map shows the main component large, not as a dot surrounded by
stragglers pushed far away.

With ``communities`` (a partition), a component that holds several communities is laid
out **community by community** (a "group-in-a-box" placement, as readers of Gephi's
ForceAtlas2 + LinLog drawings expect: each community is a compact, separate cloud):

1. the communities of the component become the nodes of a small weighted graph (summed
   tie strength between them), laid out with Fruchterman-Reingold, so communities that
   work together sit side by side;
2. each community is laid out on its own (FR on its internal ties, scaled to about
   ``spacing**2`` of area per partner) and placed in a disc around its centre;
3. the discs are pushed apart until none overlaps (:func:`remove_overlaps`).
"""
from __future__ import annotations

import random
from itertools import chain
from typing import Any, Iterable

import numpy as np
import pandas as pd

from ..exceptions import EmptyGraphError, InvalidParameterError, PartnerNotFoundError
from ..model import Ecosystem

METHODS = ("fr", "kk", "circle")
#: Pixels of map area per partner (side of the square each node gets on average).
DEFAULT_SPACING = 70.0
#: Components at least this large use FR's grid approximation (grid="auto").
GRID_FROM = 300


def compute_layout(eco: Ecosystem, *, seed: int = 0, method: str = "fr",
                   weighted: bool = True, niter: int | None = None, grid: str = "auto",
                   spacing: float = DEFAULT_SPACING,
                   partners: Iterable[str] | None = None,
                   communities: pd.Series | None = None) -> pd.DataFrame:
    """Positions ``x, y`` (map pixels) for every partner, indexed by partner id.

    Parameters
    ----------
    eco : Ecosystem
    seed : int, default 0
        Same ecosystem + same seed = same positions.
    method : {"fr", "kk", "circle"}, default "fr"
        ``fr``: Fruchterman-Reingold (igraph); ``kk``: Kamada-Kawai (small graphs);
        ``circle``: partners on a circle per component.
    weighted : bool, default True
        Stronger ties pull harder (FR attraction is multiplied by the tie's strength
        relative to the median strength, clipped to [0.1, 10]).
    niter : int, optional
        Iterations (igraph default 500).
    grid : {"auto", "grid", "nogrid"}, default "auto"
        FR's grid approximation (``auto`` uses it for components of 300+ partners,
        where exact FR gets slow: ~1 s at 600, ~2 s at 1,000 partners).
    spacing : float, default 70
        Average map pixels per partner side; components are scaled so that each has
        about ``spacing**2`` of area per partner.
    partners : iterable of str, optional
        Lay out only these partners (ids) and the ties among them (same result as
        ``compute_layout(eco.subset(partners))``, without building a new ecosystem).
    communities : Series (partner id -> community number), optional
        Place communities as separate clouds (see module docstring). Partners missing
        from it count as one community each.

    Returns
    -------
    DataFrame
        Columns ``x``, ``y`` (float), plus ``component`` (0 = largest), indexed by id
        in partner-table order.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "a"), ("d", "e")],
    ...                            partners=["f"])
    >>> pos = compute_layout(eco, seed=1)
    >>> list(pos.columns), len(pos)
    (['x', 'y', 'component'], 6)
    >>> pos["component"].tolist()
    [0, 0, 0, 1, 1, 2]
    >>> pos.equals(compute_layout(eco, seed=1))
    True
    """
    if method not in METHODS:
        raise InvalidParameterError(f"layout method must be one of {', '.join(METHODS)}, "
                                    f"got {method!r}")
    if grid not in ("auto", "grid", "nogrid"):
        raise InvalidParameterError(f"grid must be 'auto', 'grid' or 'nogrid', got {grid!r}")
    if not spacing > 0:
        raise InvalidParameterError(f"spacing must be > 0, got {spacing!r}")
    import igraph as ig

    g = eco.igraph
    ids = eco.ids
    if partners is not None:
        wanted = list(dict.fromkeys(map(str, partners)))
        idx = eco.ids.get_indexer(wanted)
        if (idx < 0).any():
            raise PartnerNotFoundError(
                f"partner {wanted[int(np.flatnonzero(idx < 0)[0])]!r} is not in the ecosystem")
        idx = np.sort(idx)
        if len(idx) != eco.n_partners:
            g = g.induced_subgraph(idx.tolist(), implementation="create_from_scratch")
        ids = eco.ids[idx]
    n = g.vcount()
    if n == 0:
        raise EmptyGraphError(f"{eco.name}: no partners to lay out")
    comps = g.connected_components()
    membership = np.asarray(comps.membership, dtype=np.int64)
    sizes = np.bincount(membership)
    first = np.full(len(sizes), n, dtype=np.int64)
    np.minimum.at(first, membership, np.arange(n))
    order = sorted(range(len(sizes)), key=lambda c: (-sizes[c], first[c]))
    rank = np.empty(len(sizes), dtype=np.int64)
    rank[order] = np.arange(len(order))
    comp_of = rank[membership]

    groups = None
    if communities is not None and method == "fr":
        codes = pd.Series(communities).reindex(pd.Index(ids).astype(str))
        fill = codes.isna().to_numpy()
        raw = pd.factorize(codes.to_numpy(object), use_na_sentinel=True)[0].astype(np.int64)
        raw[fill] = raw.max(initial=-1) + 1 + np.arange(int(fill.sum()))
        groups = raw
    weights = None
    if weighted and g.ecount():
        w = np.asarray(g.es["weight"], dtype=float)
        med = float(np.median(w)) or 1.0
        weights = np.clip(w / med, 0.1, 10.0)  # an array: subgraphs pick from it

    xy = np.zeros((n, 2), dtype=float)
    rng = np.random.default_rng(seed)
    state = random.getstate()
    ig.set_random_number_generator(random.Random(seed))
    try:
        boxes: list[tuple[np.ndarray, np.ndarray]] = []  # (vertex ids, local coords)
        isolates: list[int] = []
        for c in order:
            size = int(sizes[c])
            if size == 1:
                isolates.append(int(first[c]))
                continue
            vids = np.flatnonzero(membership == c) if size < n else np.arange(n)
            if groups is not None and len(np.unique(groups[vids])) > 1:
                local = _community_placement(g, vids, weights, groups[vids], niter=niter,
                                             grid=grid, rng=rng, spacing=spacing)
                boxes.append((vids, local - local.mean(axis=0)))
                continue
            local = _layout_component(g, vids, weights, method=method, niter=niter,
                                      grid=grid, rng=rng)
            boxes.append((vids, _normalise(local, spacing)))
    finally:
        ig.set_random_number_generator(random)
        random.setstate(state)

    _pack(xy, boxes, np.asarray(isolates, dtype=np.int64), spacing)
    out = pd.DataFrame({"x": xy[:, 0], "y": xy[:, 1], "component": comp_of},
                       index=pd.Index(ids, name="id"))
    # marks positions as computed here (a map may still push overlapping discs apart)
    out.attrs["layout"] = {"method": "communities" if groups is not None else method,
                           "seed": seed}
    return out


def _layout_component(g, vids: np.ndarray, weights, *, method: str, niter: int | None,
                      grid: str, rng: np.random.Generator) -> np.ndarray:
    size = len(vids)
    if size == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    sub = g if size == g.vcount() else g.induced_subgraph(vids.tolist(), implementation="create_from_scratch")
    if method == "circle":
        return np.asarray(sub.layout_circle().coords, dtype=float)
    sub_w = None
    if weights is not None:
        sub_w = weights.tolist() if sub is g else _sub_weights(g, sub, vids, weights)
    if method == "kk" and size <= 2000:
        layout = sub.layout_kamada_kawai(seed=rng.uniform(-1, 1, (size, 2)).tolist())
        return np.asarray(layout.coords, dtype=float)
    # start positions come from igraph's random generator, seeded by compute_layout
    if grid == "auto":
        grid = "grid" if size >= GRID_FROM else "nogrid"
    kwargs: dict[str, Any] = {"weights": sub_w, "grid": grid}
    if niter:
        kwargs["niter"] = int(niter)
    return np.asarray(sub.layout_fruchterman_reingold(**kwargs).coords, dtype=float)


def _community_placement(g, vids: np.ndarray, weights, groups: np.ndarray, *,
                         niter: int | None, grid: str, rng: np.random.Generator,
                         spacing: float) -> np.ndarray:
    """Group-in-a-box placement of one component (see module docstring)."""
    import igraph as ig

    sub = g if len(vids) == g.vcount() else g.induced_subgraph(vids.tolist(),
                                                               implementation="create_from_scratch")
    w = np.asarray(_sub_weights(g, sub, vids, weights) if (weights is not None and sub is not g)
                   else (weights if weights is not None else [1.0] * sub.ecount()), dtype=float)
    labels, grp = np.unique(groups, return_inverse=True)
    k = len(labels)
    el = np.asarray(sub.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    ga, gb = grp[el[:, 0]], grp[el[:, 1]]
    # 1. communities as nodes, summed strength between them
    between = ga != gb
    pair = pd.DataFrame({"a": np.minimum(ga, gb)[between], "b": np.maximum(ga, gb)[between],
                         "w": w[between]}).groupby(["a", "b"])["w"].sum()
    q = ig.Graph(n=k, edges=[(int(a), int(b)) for a, b in pair.index])
    if k <= 2 or q.ecount() == 0:
        angle = np.arange(k) * 2 * np.pi / max(k, 1)
        centres = np.column_stack([np.cos(angle), np.sin(angle)])
    else:
        # unweighted: summed strengths between communities are so skewed that a weighted
        # layout throws weakly tied communities far out
        start = rng.uniform(-1, 1, (k, 2)).tolist()
        centres = np.asarray(q.layout_fruchterman_reingold(seed=start).coords, dtype=float)
    # 2. every community on its own, in a disc
    local = np.zeros((len(vids), 2), dtype=float)
    radius = np.zeros(k, dtype=float)
    for c in range(k):
        members = np.flatnonzero(grp == c)
        if len(members) == 1:
            radius[c] = spacing / 2
            continue
        inner = sub.induced_subgraph(members.tolist(), implementation="create_from_scratch")
        if inner.ecount() == 0 or len(members) == 2:
            ang = np.arange(len(members)) * 2 * np.pi / len(members)
            pts = np.column_stack([np.cos(ang), np.sin(ang)])
        else:
            iw = None
            if weights is not None:
                iw = _sub_weights(sub, inner, members, w)
            g_mode = grid if grid != "auto" else ("grid" if len(members) >= GRID_FROM else "nogrid")
            # start positions from igraph's generator, seeded by compute_layout (an explicit
            # start crowded into [-1, 1]^2 makes the grid variant 50x slower)
            kw: dict[str, Any] = {"weights": iw, "grid": g_mode}
            if niter:
                kw["niter"] = int(niter)
            pts = np.asarray(inner.layout_fruchterman_reingold(**kw).coords, dtype=float)
        pts = _normalise(pts, spacing)
        local[members] = pts
        radius[c] = float(np.hypot(pts[:, 0], pts[:, 1]).max()) + spacing / 2
    # 3. centres scaled to the discs' total area, then pushed apart until none overlaps
    centres = centres - centres.mean(axis=0)
    rms = float(np.sqrt((centres ** 2).sum(axis=1).mean())) or 1.0
    target = float(np.sqrt(1.4 * (radius ** 2).sum() / 2.0))
    centres = remove_overlaps(centres * (target / rms), radius, gap=spacing / 2,
                              iterations=400)
    for _ in range(40):  # compact: pull the discs together, keep them apart
        mid = (centres * radius[:, None] ** 2).sum(axis=0) / (radius ** 2).sum()
        centres = remove_overlaps(mid + (centres - mid) * 0.9, radius, gap=spacing / 2,
                                  iterations=60)
    return local + centres[grp]


def _sub_weights(g, sub, vids: np.ndarray, weights: np.ndarray) -> list[float]:
    """Edge weights of an induced subgraph, matched through the parent's edge ids
    (``weights``: the parent's, by edge id)."""
    el = np.fromiter(chain.from_iterable(sub.get_edgelist()), dtype=np.int64,
                     count=2 * sub.ecount()).reshape(-1, 2)
    ends = np.asarray(vids, dtype=np.int64)[el]
    eids = g.get_eids(list(zip(ends[:, 0].tolist(), ends[:, 1].tolist())))
    return np.asarray(weights)[np.asarray(eids, dtype=np.int64)].tolist()


def _normalise(local: np.ndarray, spacing: float) -> np.ndarray:
    """Centre a component and scale it to about ``spacing**2`` area per partner."""
    local = local - local.mean(axis=0)
    rms = float(np.sqrt((local ** 2).sum(axis=1).mean()))
    n = len(local)
    target = spacing * np.sqrt(n) / 2.0  # rms radius of a uniform disc of area n*spacing^2 ~ R/sqrt2
    if rms > 0:
        local = local * (target / rms)
    return local


def _pack(xy: np.ndarray, boxes: list[tuple[np.ndarray, np.ndarray]], isolates: np.ndarray,
          spacing: float) -> None:
    """Main component at the origin; the rest in rows under it, isolates last."""
    pad = spacing
    if boxes:
        vids, local = boxes[0]
        xy[vids] = local
        lo, hi = local.min(axis=0), local.max(axis=0)
    else:
        lo = hi = np.zeros(2)
    rest_area = sum((np.ptp(b[1][:, 0]) + pad) * (np.ptp(b[1][:, 1]) + pad) for b in boxes[1:])
    rest_area += len(isolates) * spacing * spacing
    width = max(float(hi[0] - lo[0]), float(np.sqrt(rest_area)), spacing * 4)
    left = float(lo[0]) if boxes else -width / 2
    cursor_x, cursor_y, row_h = left, float(hi[1]) + 2 * pad, 0.0
    for vids, local in boxes[1:]:
        blo, bhi = local.min(axis=0), local.max(axis=0)
        w, h = float(bhi[0] - blo[0]), float(bhi[1] - blo[1])
        if cursor_x > left and cursor_x + w > left + width:
            cursor_x, cursor_y, row_h = left, cursor_y + row_h + pad, 0.0
        xy[vids] = local - blo + np.array([cursor_x, cursor_y])
        cursor_x += w + pad
        row_h = max(row_h, h)
    if len(isolates):
        k = np.arange(len(isolates))
        if not boxes:  # only isolated partners: a square grid centred at the origin
            per_row = int(np.ceil(np.sqrt(len(isolates))))
            gx, gy = (k % per_row) * spacing, (k // per_row) * spacing
            xy[isolates, 0] = gx - gx.mean()
            xy[isolates, 1] = gy - gy.mean()
            return
        if cursor_x > left:
            cursor_y += row_h + pad
        per_row = max(1, int(width // spacing) + 1)
        xy[isolates, 0] = left + (k % per_row) * spacing
        xy[isolates, 1] = cursor_y + (k // per_row) * spacing


def remove_overlaps(xy: np.ndarray, radius: np.ndarray, *, gap: float = 4.0,
                    iterations: int = 30) -> np.ndarray:
    """Push apart nodes whose discs overlap (a few vectorised passes, deterministic).

    Examples
    --------
    >>> out = remove_overlaps(np.array([[0.0, 0.0], [1.0, 0.0]]), np.array([10.0, 10.0]))
    >>> bool(np.hypot(*(out[1] - out[0])) >= 20.0)
    True
    """
    from scipy.spatial import cKDTree

    xy = np.array(xy, dtype=float, copy=True)
    if len(xy) < 2:
        return xy
    reach = 2 * float(radius.max()) + gap
    for _ in range(iterations):
        pairs = cKDTree(xy).query_pairs(reach, output_type="ndarray")
        if len(pairs) == 0:
            break
        i, j = pairs[:, 0], pairs[:, 1]
        d = xy[j] - xy[i]
        dist = np.hypot(d[:, 0], d[:, 1])
        need = radius[i] + radius[j] + gap
        over = dist < need
        if not over.any():
            break
        i, j, d, dist, need = i[over], j[over], d[over], dist[over], need[over]
        zero = dist < 1e-9
        d[zero] = np.column_stack([np.cos(i[zero] * 2.399), np.sin(i[zero] * 2.399)])
        dist[zero] = 1.0
        push = (d / dist[:, None]) * ((need - dist) / 2.0 * 1.02)[:, None]
        delta = np.zeros_like(xy)
        np.add.at(delta, i, -push)
        np.add.at(delta, j, push)
        xy += delta
    return xy

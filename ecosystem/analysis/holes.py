"""Structural holes (Burt) and brokerage roles (Gould & Fernandez).

Burt's measures are computed with scipy.sparse on the strength-weighted graph and follow
networkx's per-node definitions exactly (which follow Burt 1992 and Borgatti 1997), but
run in seconds on a million ties: networkx's whole-graph ``effective_size`` allocates a
dense n x n matrix and returns wrong values on weighted graphs (see ``docs/gaps.md``).

Notation (for partner ``i`` with contacts ``N(i)``): the *mutual weight*
``w_ij = a_ij + a_ji`` (tie strength; an undirected tie counts in both directions),
``p_ij = w_ij / sum_k w_ik`` (share of i's strength on j) and
``m_ij = w_ij / max_k w_ik`` (strength relative to i's strongest tie).

* effective size ``e_i = sum_{j in N(i)} (1 - sum_{q in N(i)} p_iq m_jq)``
* efficiency ``e_i / |N(i)|``
* local constraint ``c_ij = (p_ij + sum_{q != i, j} p_iq p_qj) ** 2``,
  constraint ``C_i = sum_{j in N(i)} c_ij``
* hierarchy ``H_i = sum_j (c_ij / (C_i/N)) ln(c_ij / (C_i/N)) / (N ln N)`` with
  ``N = |N(i)|`` (undefined, NaN, for one contact).
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..exceptions import InvalidParameterError
from ..model import Ecosystem
from ..results import Partition
from .triangles import masked_sums, orient, row_blocks

ROLES_DIRECTED = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")
ROLES_UNDIRECTED = ("coordinator", "itinerant", "gatekeeper_representative", "liaison")


def _mutual_weights(eco: Ecosystem, weighted: bool = True) -> sp.csr_matrix:
    """Symmetric sparse matrix of mutual weights ``a_ij + a_ji`` (no self-loops)."""
    n = eco.n_partners
    t = eco.ties
    s = t["source_index"].to_numpy(np.int64)
    d = t["target_index"].to_numpy(np.int64)
    w = t["strength"].to_numpy(float) if weighted else np.ones(len(t))
    a = sp.csr_matrix((w, (s, d)), shape=(n, n))
    if eco.directed:
        m = a + a.T
    else:
        m = a + a.T  # each undirected tie stored once: symmetrise
    m = sp.csr_matrix(m)
    m.setdiag(0)
    m.eliminate_zeros()
    m.sort_indices()
    return m


def _row_scale(m: sp.csr_matrix, factor: np.ndarray) -> sp.csr_matrix:
    out = m.copy()
    counts = np.diff(out.indptr)
    out.data = out.data * np.repeat(factor, counts)
    return out


def structural_holes(eco: Ecosystem, *, weighted: bool = True) -> pd.DataFrame:
    """Burt's effective size, efficiency, constraint and hierarchy for every partner.

    Ties are weighted by strength (``weighted=False`` treats every tie as 1, which gives
    Borgatti's unweighted effective size ``n - 2t/n``). A directed ecosystem uses mutual
    weights ``a_ij + a_ji``. Isolated partners get NaN. Computed with scipy.sparse
    (cost grows with the sum of squared degrees, not n^2).

    Returns
    -------
    DataFrame
        Indexed by partner id (partner-table order): ``name, sector, degree, strength,
        effective_size, efficiency, constraint, hierarchy, broker_rank`` where
        ``broker_rank`` 1 is the strongest broker (lowest constraint, then highest
        effective size; isolates rank last).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("hub", "a"), ("hub", "b"), ("hub", "c"), ("a", "b")])
    >>> h = structural_holes(eco)
    >>> round(float(h.loc["hub", "effective_size"]), 3), round(float(h.loc["hub", "constraint"]), 3)
    (2.333, 0.611)
    >>> h["broker_rank"].idxmin()
    'hub'
    """
    n = eco.n_partners
    w = _mutual_weights(eco, weighted)
    deg = np.diff(w.indptr).astype(float)
    rowsum = np.asarray(w.sum(axis=1)).ravel()
    rowmax = w.max(axis=1).toarray().ravel() if n else np.zeros(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = _row_scale(w, np.where(rowsum > 0, 1.0 / rowsum, 0.0))
        m = _row_scale(w, np.where(rowmax > 0, 1.0 / rowmax, 0.0))
    # one complex product serves both sums over the two-step paths i-q-j (one symbolic
    # pass instead of two: about 35% faster on H2020): real part p @ p, imaginary p @ m^T
    pm = sp.csr_matrix(p + 1j * sp.csr_matrix(m.T))

    redund = np.zeros(n)
    constraint = np.zeros(n)
    hier_sum = np.zeros(n)
    for start, stop in row_blocks(deg * deg, 2_000_000):  # two-step paths per row: deg^2
        pb = p[start:stop]
        both = sp.csr_matrix((pb @ pm).multiply(pb.astype(bool)))  # on the contacts j of i
        # redundancy: sum_{j in N(i)} sum_q p_iq m_jq (w symmetric: m_jq = m^T_qj)
        redund[start:stop] = np.asarray(both.imag.sum(axis=1)).ravel()
        # local constraint (p_ij + sum_q p_iq p_qj)^2 on the contacts j of i
        local = sp.csr_matrix(pb + both.real)
        local.data = local.data ** 2
        constraint[start:stop] = np.asarray(local.sum(axis=1)).ravel()
        # hierarchy (Burt): sum_j r ln r / (N ln N), r = c_ij / (C/N)
        counts = np.diff(local.indptr)
        c_tot = np.asarray(local.sum(axis=1)).ravel()
        nn = deg[start:stop]
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = np.repeat(np.where(nn > 0, c_tot / np.where(nn > 0, nn, 1), np.nan), counts)
            r = local.data / mean
            term = np.where(r > 0, r * np.log(r), 0.0)
        rows = np.repeat(np.arange(stop - start), counts)
        sums = np.bincount(rows, weights=term, minlength=stop - start)
        hier_sum[start:stop] = sums
    isolated = deg == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        eff = deg - redund
        efficiency = eff / deg
        hierarchy = hier_sum / (deg * np.log(deg))
    eff[isolated] = np.nan
    efficiency[isolated] = np.nan
    constraint[isolated] = np.nan
    hierarchy[deg <= 1] = np.nan
    strength_w = _mutual_weights(eco, True)
    strength = np.asarray(strength_w.sum(axis=1)).ravel()  # directed: in + out
    out = pd.DataFrame({
        "name": eco.names.to_numpy(), "sector": eco.sectors.to_numpy(),
        "degree": deg.astype(int), "strength": strength,
        "effective_size": eff, "efficiency": efficiency,
        "constraint": constraint, "hierarchy": hierarchy,
    }, index=pd.Index(eco.ids, name="id"))
    # ranked on values rounded to 1e-9: partners equal but for summation order stay in
    # partner-table order
    order = np.lexsort((np.arange(n), -np.round(np.nan_to_num(eff, nan=-np.inf), 9),
                        np.round(np.nan_to_num(constraint, nan=np.inf), 9)))
    rank = np.empty(n, dtype=int)
    rank[order] = np.arange(1, n + 1)
    out["broker_rank"] = rank
    out.attrs["method"] = "burt"
    out.attrs["params"] = {"weighted": weighted, "weights": "strength" if weighted else "none",
                           "directed_as": "mutual weight a_ij + a_ji" if eco.directed else "undirected"}
    return out


def burt_constraint(eco: Ecosystem, *, weighted: bool = True) -> pd.Series:
    """Burt's constraint alone, from igraph's C implementation (fastest path).

    Identical to the ``constraint`` column of :func:`structural_holes` (tested), which
    also computes effective size, efficiency and hierarchy in the same sparse pass; use
    this when only constraint is needed on a large network. A directed ecosystem uses
    its undirected view (``eco.igraph``: opposite relations merged, summed under the
    default ``aggregate="sum"``, i.e. mutual weights ``a_ij + a_ji`` as in
    :func:`structural_holes`). Isolated partners get NaN.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("hub", "a"), ("hub", "b"), ("hub", "c"), ("a", "b")])
    >>> round(float(burt_constraint(eco)["hub"]), 3)
    0.611
    """
    g = eco.igraph
    values = np.asarray(g.constraint(weights="weight" if weighted and g.ecount() else None),
                        dtype=float)
    deg = np.asarray(g.degree(), dtype=int)
    values[deg == 0] = np.nan
    return pd.Series(values, index=pd.Index(eco.ids, name="id"), name="constraint")


def top_brokers(holes: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The ``top`` partners by ``broker_rank`` (lowest constraint, highest effective size).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("hub", "a"), ("hub", "b"), ("a", "b"), ("hub", "c")])
    >>> top_brokers(structural_holes(eco), 1).index.tolist()
    ['hub']
    """
    if top < 1:
        raise InvalidParameterError(f"top must be >= 1, got {top!r}")
    return holes.sort_values("broker_rank").head(top)


# ---------------------------------------------------------------------- brokerage
def _group_codes(eco: Ecosystem, groups: Any) -> tuple[np.ndarray, pd.Series, str]:
    if isinstance(groups, Partition):
        series, label = groups.membership, "community"
    elif isinstance(groups, str):
        series, label = (eco.sectors if groups == "sector" else eco.attribute(groups)), groups
    elif isinstance(groups, pd.Series):
        series, label = groups, str(groups.name or "group")
    else:
        raise InvalidParameterError(
            "groups must be a pandas Series (partner id -> group), a Partition or an attribute name")
    series = series.copy()
    series.index = series.index.astype(str)
    aligned = series.reindex(eco.ids)
    aligned = aligned.astype(object).where(aligned.notna(), "(missing)")
    codes, _ = pd.factorize(aligned.astype(str), sort=True)
    return codes.astype(np.int64), aligned, label


def _role_code_undirected(gb: np.ndarray, ga: np.ndarray, gc: np.ndarray) -> np.ndarray:
    ab, cb, ac = ga == gb, gc == gb, ga == gc
    code = np.full(len(gb), 3)                   # liaison
    code[ab ^ cb] = 2                            # gatekeeper/representative
    code[ac & ~ab] = 1                           # itinerant
    code[ab & cb] = 0                            # coordinator
    return code


def _role_code_directed(gb: np.ndarray, ga: np.ndarray, gc: np.ndarray) -> np.ndarray:
    ab, cb, ac = ga == gb, gc == gb, ga == gc
    code = np.full(len(gb), 4)                   # liaison
    code[cb & ~ab] = 2                           # gatekeeper: b with c, a outside
    code[ab & ~cb] = 3                           # representative: b with a, c outside
    code[ac & ~ab] = 1                           # itinerant: a, c together, b outside
    code[ab & cb] = 0                            # coordinator
    return code


def _directed_counts(eco: Ecosystem, codes: np.ndarray, budget: int = 4_000_000) -> np.ndarray:
    """Enumerate open two-paths a->b->c (a != c, no a->c tie) and classify them."""
    n = eco.n_partners
    t = eco.ties
    s = t["source_index"].to_numpy(np.int64)
    d = t["target_index"].to_numpy(np.int64)
    keep = s != d
    s, d = s[keep], d[keep]
    ones = np.ones(len(s))
    out_m = sp.csr_matrix((ones, (s, d)), shape=(n, n))
    in_m = sp.csr_matrix((ones, (d, s)), shape=(n, n))
    out_m.sort_indices()
    in_m.sort_indices()
    edge_codes = np.unique(s * n + d)
    indeg = np.diff(in_m.indptr).astype(np.int64)
    outdeg = np.diff(out_m.indptr).astype(np.int64)
    npairs = indeg * outdeg
    counts = np.zeros(n * 5, dtype=np.int64)
    cum = np.cumsum(npairs)
    start = 0
    while start < n:
        base = cum[start - 1] if start else 0
        stop = max(int(np.searchsorted(cum, base + budget, side="right")), start + 1)
        stop = min(stop, n)
        bs = np.arange(start, stop)
        pb = npairs[start:stop]
        total = int(pb.sum())
        if total:
            brok = np.repeat(bs, pb)
            offs = np.repeat(np.cumsum(pb) - pb, pb)
            k = np.arange(total) - offs
            od = outdeg[brok]
            a = in_m.indices[in_m.indptr[brok] + k // od]
            c = out_m.indices[out_m.indptr[brok] + k % od]
            ok = a != c
            code = a * n + c
            pos = np.searchsorted(edge_codes, code)
            pos = np.minimum(pos, len(edge_codes) - 1)
            closed = edge_codes[pos] == code if len(edge_codes) else np.zeros(total, bool)
            ok &= ~closed
            brok, a, c = brok[ok], a[ok], c[ok]
            role = _role_code_directed(codes[brok], codes[a], codes[c])
            counts += np.bincount(brok * 5 + role, minlength=n * 5)
        start = stop
    return counts.reshape(n, 5)


def _undirected_counts(eco: Ecosystem, codes: np.ndarray, budget: int = 4_000_000) -> np.ndarray:
    """Open neighbour pairs {a, c} of each broker b, counted once, by role.

    All neighbour pairs are counted from group tallies; pairs closed by a tie a-c
    (triangles) are then subtracted. A closed pair's role at b follows from which of the
    triangle's ties join partners of one group (``s`` = 1): with, over the triangles at
    b, ``N0`` their number, ``N1`` the sum of ``s_ba + s_bc``, ``N2`` the triangles of one
    group and ``M`` the sum of ``s_ac`` (the tie opposite b), the closed pairs are
    coordinator ``N2``, gatekeeper/representative ``N1 - 2 N2``, itinerant ``M - N2``
    (``s_ac = 1`` with ``s_ba = 1`` forces one group) and liaison the rest. These sums
    come from four sparse products over the ties oriented to find each triangle once
    (:mod:`.triangles`; ``L + 1j S`` gives two products per pass), in row blocks of about
    ``budget`` two-step paths, never listing the triangles (H2020: 15.1M triangles).
    """
    n = eco.n_partners
    b = _mutual_weights(eco, False)
    b.data = np.ones_like(b.data)
    k = int(codes.max()) + 1 if n else 1
    onehot = sp.csr_matrix((np.ones(n), (np.arange(n), codes)), shape=(n, k))
    nb = sp.csr_matrix(b @ onehot)
    deg = np.diff(b.indptr).astype(np.int64)
    same = np.asarray(nb[np.arange(n), codes]).ravel().astype(np.int64)
    other = deg - same
    nb_sq = np.asarray(nb.multiply(nb).sum(axis=1)).ravel().astype(np.int64)
    sq_other = nb_sq - same * same
    total = np.zeros((n, 4), dtype=np.int64)
    total[:, 0] = same * (same - 1) // 2
    total[:, 1] = (sq_other - other) // 2
    total[:, 2] = same * other
    total[:, 3] = (other * other - sq_other) // 2
    upper = sp.triu(b, k=1).tocoo()          # each tie once
    if not upper.nnz:
        return total
    ends_a, ends_c = upper.row.astype(np.int64), upper.col.astype(np.int64)
    lo = orient(n, ends_a, ends_c, np.ones(len(ends_a)))            # L
    one = orient(n, ends_a, ends_c, (codes[ends_a] == codes[ends_c]).astype(float))
    one.eliminate_zeros()                                           # S: ties within a group
    both = sp.csr_matrix(lo + 1j * one)
    # (rows, cols) of mask * (x @ y) for the masks L and S; .real: @ L, .imag: @ S
    l_l, s_l = masked_sums(lo, both, [lo, one], budget=budget)        # L @ L, L @ S
    l_s, s_s = masked_sums(one, both, [lo, one], budget=budget)       # S @ L, S @ S
    l_lt, s_lt = masked_sums(lo.T, both, [lo, one], budget=budget)    # L^T @ L, L^T @ S
    l_st, s_st = masked_sums(one.T, both, [lo, one], budget=budget)   # S^T @ L, S^T @ S
    n0 = l_l[0].real + l_l[1].real + l_lt[0].real
    m = l_l[0].imag + l_s[1].real + l_lt[0].imag
    n1 = (l_s[0].real + s_l[0].real          # lowest: its ties to the middle and the highest
          + s_l[1].real + l_l[1].imag        # highest: from the lowest and the middle
          + l_st[0].real + s_lt[0].real)     # middle: from the lowest, to the highest
    n2 = s_s[0].imag + s_s[1].imag + s_st[0].imag
    n0, n1, n2, m = (np.rint(v).astype(np.int64) for v in (n0, n1, n2, m))
    total[:, 0] -= n2
    total[:, 1] -= m - n2
    total[:, 2] -= n1 - 2 * n2
    total[:, 3] -= n0 - n1 + 2 * n2 - m
    return total


def brokerage_roles(eco: Ecosystem, groups: Any, *, directed: bool | None = None) -> pd.DataFrame:
    """Gould-Fernandez brokerage roles of every partner across a partition.

    A partner ``b`` brokers between ``a`` and ``c`` when ``a - b - c`` is a two-path
    and ``a`` and ``c`` are not tied to each other. By group membership the brokerage is
    *coordinator* (all three in one group), *itinerant* (consultant: ``a`` and ``c``
    share a group, ``b`` is outside), *gatekeeper* (``b`` with ``c``, ``a`` outside),
    *representative* (``b`` with ``a``, ``c`` outside) or *liaison* (all different).

    Directed ecosystems (or ``directed=True``) count ordered paths ``a -> b -> c`` with
    no ``a -> c`` tie (UCINET's definition). Undirected: each unordered pair ``{a, c}``
    is counted once and gatekeeper and representative merge into one
    ``gatekeeper_representative`` count (without direction they cannot be told apart).
    UCINET run on symmetric data counts each pair twice: its coordinator, itinerant and
    liaison counts are 2x ours and its gatekeeper = representative = ours.

    Parameters
    ----------
    groups : Series, Partition or str
        Partner id -> group (e.g. ``eco.sectors``), a community :class:`Partition`, or a
        partner attribute name (``"sector"``, ``"country"``). Missing values form the
        group ``"(missing)"``.

    Returns
    -------
    DataFrame
        Indexed by partner id: ``name, group``, one column per role, ``total``. The
        role totals over all partners are in ``.attrs["totals"]``.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("u1", "b"), ("b", "c1"), ("b", "c2")])
    >>> groups = pd.Series({"u1": "uni", "b": "firm", "c1": "firm", "c2": "firm"})
    >>> r = brokerage_roles(eco, groups)
    >>> r.loc["b", ["coordinator", "gatekeeper_representative", "total"]].tolist()
    [1, 2, 3]
    """
    codes, aligned, label = _group_codes(eco, groups)
    use_directed = eco.directed if directed is None else bool(directed)
    if use_directed and not eco.directed:
        raise InvalidParameterError("directed brokerage needs a directed ecosystem (--directed)")
    n = eco.n_partners
    if n == 0:
        roles = ROLES_DIRECTED if use_directed else ROLES_UNDIRECTED
        return pd.DataFrame(columns=["name", "group", *roles, "total"])
    if use_directed:
        counts, roles = _directed_counts(eco, codes), ROLES_DIRECTED
    else:
        counts, roles = _undirected_counts(eco, codes), ROLES_UNDIRECTED
    out = pd.DataFrame(counts, columns=list(roles), index=pd.Index(eco.ids, name="id"))
    out.insert(0, "name", eco.names.to_numpy())
    out.insert(1, "group", aligned.to_numpy())
    out["total"] = counts.sum(axis=1)
    out.attrs["totals"] = {r: int(out[r].sum()) for r in (*roles, "total")}
    out.attrs["method"] = "gould-fernandez"
    out.attrs["params"] = {"groups": label, "directed": use_directed,
                           "convention": ("ordered paths a->b->c without a->c" if use_directed
                                          else "unordered open pairs counted once; "
                                               "gatekeeper and representative merged")}
    return out

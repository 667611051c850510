"""Scoring recommended partnerships (link prediction): the exact best unlinked pairs.

Candidates are pairs of partners two steps apart (they share at least one partner) and
not yet tied. They are scored with sparse products ``A[rows] @ diag(f) @ A`` over blocks
of rows, never all n^2 pairs, and rows and columns whose score bound cannot reach the
running ``top``-th score are skipped (:func:`_top_pairs`); the result is the exact best
``top`` pairs, with at most ``per_partner`` involving any one partner. Scores (on the
unweighted graph; ``z`` ranges over the common partners of ``u`` and ``v``, ``k`` is
degree):

* ``common_neighbours``: ``|N(u) & N(v)|``
* ``adamic_adar``: ``sum_z 1 / ln k_z`` (Adamic & Adar 2003)
* ``resource_allocation``: ``sum_z 1 / k_z`` (Zhou, Lu & Zhang 2009)
* ``jaccard``: ``|N(u) & N(v)| / |N(u) | N(v)|``
* ``community``: Soundarajan-Hopcroft common neighbours (2012):
  ``|N(u) & N(v)| + #{z : u, v, z all in one community}``

``favour="community"`` multiplies the score by ``1 + bonus`` for pairs in different
communities and by ``1 + 2 * bonus`` when those communities are a gap
(:func:`~ecosystem.analysis.gaps.community_gaps`); ``favour="sector"`` does the same for
pairs from different helix groups (sectors), and ``1 + 2 * bonus`` when one partner's
helix group is missing from the other's community.

Who could introduce them, and why: :mod:`.explanation`; the whole list:
:func:`~ecosystem.analysis.recommend.partnerships.recommend_partnerships`.
"""
from __future__ import annotations


import numpy as np
import pandas as pd
import scipy.sparse as sp

from ...exceptions import InvalidParameterError
from ...model import Ecosystem

METHODS = ("adamic_adar", "resource_allocation", "jaccard", "common_neighbours", "community")
FAVOUR = (None, "community", "sector", "country")
DEFAULT_METHOD = "resource_allocation"  # best in the H2020 backtest (docs/gaps.md)


def _binary(n: int, s: np.ndarray, d: np.ndarray, w: np.ndarray | None = None) -> sp.csr_matrix:
    keep = s != d
    s, d = s[keep], d[keep]
    vals = np.ones(2 * len(s)) if w is None else np.concatenate([w[keep], w[keep]])
    m = sp.csr_matrix((vals, (np.concatenate([s, d]), np.concatenate([d, s]))), shape=(n, n))
    m.sum_duplicates()
    m.sort_indices()
    return m


def _pattern(m: sp.csr_matrix) -> sp.csr_matrix:
    """The 0/1 matrix with the sparsity structure of ``m`` (shares its index arrays)."""
    return sp.csr_matrix((np.ones(len(m.data)), m.indices, m.indptr), shape=m.shape)


def _tie_arrays(eco: Ecosystem) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    t = eco.undirected_ties
    return (t["source_index"].to_numpy(np.int64), t["target_index"].to_numpy(np.int64),
            t["strength"].to_numpy(float))


def _factor(method: str, deg: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        if method == "adamic_adar":
            return np.where(deg > 1, 1.0 / np.log(np.maximum(deg, 2)), 0.0)
        if method == "resource_allocation":
            return np.where(deg > 0, 1.0 / np.maximum(deg, 1), 0.0)
    return np.ones_like(deg, dtype=float)


PAIR_CHUNK = 2_000_000  # row entries gathered at once when scoring given pairs
FIRST_SHARE = 8  # the first block: about 1/8 of all two-step paths (a first threshold)
WEIGHTED_METHODS = ("adamic_adar", "resource_allocation", "common_neighbours")


def _weighted_factor(method: str, strength: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        if method == "adamic_adar":
            return np.where(strength > 0, 1.0 / np.log1p(np.maximum(strength, 1e-300)), 0.0)
        if method == "resource_allocation":
            return np.where(strength > 0, 1.0 / np.where(strength > 0, strength, 1), 0.0)
    return np.ones_like(strength, dtype=float)


def _pair_scores(b: sp.csr_matrix, u: np.ndarray, v: np.ndarray, method: str,
                 comm: np.ndarray | None, w: sp.csr_matrix | None = None) -> np.ndarray:
    """Scores of given pairs (vectorised row products; no candidate enumeration).

    With ``w`` (strengths) the CN/AA/RA scores are the weighted forms of Lu & Zhou
    (2010): ``sum_z (w_uz + w_zv) f(z)`` with ``f = 1``, ``1/ln(1 + s_z)``, ``1/s_z``.
    """
    if len(u) == 0:
        return np.zeros(0)
    deg = np.diff(b.indptr).astype(float)
    if len(u) > 1 and (deg[u].sum() + deg[v].sum()) > PAIR_CHUNK:
        # the rows of u and v are gathered: a chunk of about PAIR_CHUNK entries at a time
        cuts = np.searchsorted(np.cumsum(deg[u] + deg[v]), np.arange(PAIR_CHUNK, (
            deg[u].sum() + deg[v].sum()), PAIR_CHUNK))
        bounds = np.unique(np.r_[0, np.maximum(cuts, 1), len(u)])
        return np.concatenate([_pair_scores(b, u[i:j], v[i:j], method, comm, w)
                               for i, j in zip(bounds[:-1], bounds[1:])])
    if w is not None and method in WEIGHTED_METHODS:
        f = sp.diags(_weighted_factor(method, np.asarray(w.sum(axis=1)).ravel()))
        score = (np.asarray(w[u].multiply(b[v] @ f).sum(axis=1)).ravel()
                 + np.asarray(b[u].multiply(w[v] @ f).sum(axis=1)).ravel())
        return score
    f = _factor(method, deg)
    bu = b[u]
    bv = b[v]
    if method in ("adamic_adar", "resource_allocation"):
        bv = bv @ sp.diags(f)
    score = np.asarray(bu.multiply(bv).sum(axis=1)).ravel()
    if method == "jaccard":
        union = deg[u] + deg[v] - score
        score = np.where(union > 0, score / np.where(union > 0, union, 1), 0.0)
    elif method == "community":
        if comm is None:
            raise InvalidParameterError("the community score needs a partition")
        same = _same_community(b, comm)
        extra = np.asarray(same[u].multiply(same[v]).sum(axis=1)).ravel()
        extra = np.where(comm[u] == comm[v], extra, 0.0)
        score = score + extra
    return score


def _same_community(b: sp.csr_matrix, comm: np.ndarray) -> sp.csr_matrix:
    coo = b.tocoo()
    keep = comm[coo.row] == comm[coo.col]
    return sp.csr_matrix((coo.data[keep], (coo.row[keep], coo.col[keep])), shape=b.shape)


def _top_entries(v: np.ndarray, key, k: int) -> np.ndarray:
    """Positions of the ``k`` best entries by (highest ``v``, then lowest key), unordered.

    Linear: ``np.partition`` finds the k-th value; among entries equal to it the lowest
    keys are picked with ``np.argpartition`` on the keys (``key(positions)`` computes them,
    so only those ties pay for it). All positions when there are at most ``k``.
    """
    m = len(v)
    if m <= k:
        return np.arange(m)
    thr = np.partition(v, m - k)[m - k]
    gt = np.flatnonzero(v > thr)
    eq = np.flatnonzero(v == thr)
    need = k - len(gt)
    if len(eq) > need:
        eq = eq[np.argpartition(key(eq), need - 1)[:need]]
    return np.concatenate([gt, eq])


def _score_bound(b: sp.csr_matrix, method: str, f: np.ndarray, w: sp.csr_matrix | None,
                 factor: float | None) -> np.ndarray:
    """Per partner ``u``, an upper bound on the score of any pair ``(u, v)``.

    ``sum_{z in N(u)} f_z`` for common neighbours, Adamic-Adar and resource allocation
    (a pair's score sums ``f_z`` over a subset of ``N(u)``); with strengths,
    ``sum_z (w_uz + max_y w_zy) f_z``; twice the degree for the community score (it adds
    at most one per common partner); none (infinity) for Jaccard. ``factor``: the
    largest multiplier of a ``favour`` bonus (None: a multiplier without a known
    maximum, so no bound).
    """
    n = b.shape[0]
    if method == "jaccard" or factor is None:
        return np.full(n, np.inf)
    if w is not None:
        top_w = np.zeros(n)
        nz = np.diff(w.indptr) > 0
        top_w[nz] = np.maximum.reduceat(w.data, w.indptr[:-1][nz])
        bound = w @ f + b @ (top_w * f)
    elif method == "community":
        bound = 2.0 * np.diff(b.indptr)
    else:
        bound = b @ f
    return np.asarray(bound, dtype=float) * (1.0 if factor is None else factor)


def _row_positions(indptr: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Positions in a CSR matrix's ``indices``/``data`` of the given rows' entries, row by row."""
    counts = np.diff(indptr)[rows]
    if not len(rows) or not counts.sum():
        return np.zeros(0, dtype=np.int64)
    starts = np.repeat(indptr[rows].astype(np.int64) - np.r_[0, np.cumsum(counts)[:-1]], counts)
    return starts + np.arange(int(counts.sum()), dtype=np.int64)


def _rows(m: sp.csr_matrix, rows: np.ndarray) -> sp.csr_matrix:
    """``m[rows]`` for a CSR matrix (plain numpy gathers; scipy's fancy indexing costs more
    on small blocks)."""
    pos = _row_positions(m.indptr, rows)
    indptr = np.r_[0, np.cumsum(np.diff(m.indptr)[rows])]
    return sp.csr_matrix((m.data[pos], m.indices[pos], indptr), shape=(len(rows), m.shape[1]))


def _columns(m: sp.csr_matrix, keep: np.ndarray | None) -> sp.csr_matrix:
    """``m`` without the entries in columns where ``keep`` is False (all when None)."""
    if keep is None or keep.all():
        return m
    mask = keep[m.indices]
    indptr = np.r_[0, np.cumsum(mask)][m.indptr]  # kept entries before each row's start
    return sp.csr_matrix((m.data[mask], m.indices[mask], indptr), shape=m.shape)


SIGNIFICANT = 12  # scores are ranked rounded to this many significant digits (tie rule)


def round_scores(v: np.ndarray) -> np.ndarray:
    """Scores rounded to 12 significant digits, so that equal sums computed in a different
    order (``1/2 + 1/3 + 1/6`` = 0.9999999999999999 and 1.0) rank as equal and the
    documented tie rule (lower partner index first) decides.

    Examples
    --------
    >>> round_scores(np.array([1/2 + 1/3 + 1/6, 1.0, 0.0, 2/3])).tolist()
    [1.0, 1.0, 0.0, 0.666666666667]
    """
    v = np.asarray(v, dtype=float)
    out = v.copy()
    nz = np.isfinite(v) & (v != 0)
    if nz.any():
        a = v[nz]
        scale = 10.0 ** (SIGNIFICANT - 1 - np.floor(np.log10(np.abs(a))))
        out[nz] = np.round(a * scale) / scale
    return out


def _top_pairs(b: sp.csr_matrix, method: str, limit: int, comm: np.ndarray | None,
               multiplier=None, budget: int = 2_000_000, w: sp.csr_matrix | None = None,
               rows: np.ndarray | None = None, bound_factor: float | None = None,
               pw: sp.csr_matrix | None = None, pf: np.ndarray | None = None,
               blocked: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``limit`` best unlinked two-step pairs ``(u < v, score)``, best first.

    Exactly the first ``limit`` rows of scoring every two-step pair, dropping the tied
    ones, self-pairs and scores <= 0 and sorting by ``(-score, u, v)`` -- without
    materialising or sorting them all. Per block of rows (about ``budget`` two-step
    paths), the sparse product ``A[rows] @ diag(f) @ A`` scores the block's pairs;
    :func:`_top_entries` (linear) picks the block's best few entries (once ``limit``
    pairs are known, only entries scoring at least the ``limit``-th are looked at); only
    these are checked for self-pairs and existing ties, looking deeper until ``2 * limit``
    untied ones are found (each pair appears at most twice: from ``u``'s row and from
    ``v``'s), and merged into the running best. ``rows``: only pairs involving these
    partners (``focus``); default all. ``multiplier(r, c)`` must be symmetric (a pair is
    scored from whichever of its rows is reached) and at most ``bound_factor`` (None: no
    known maximum, no pruning). The score bounds assume strengths >= 0 (otherwise nothing
    is pruned). ``pw``, ``pf``: project evidence (:mod:`.evidence`), the score
    is then ``sum_z pw[u, z] pf[z] pw[z, v]``. ``blocked``: keys ``u * n + v`` (both
    orders) of pairs never returned (excluded pairs). Scores are compared rounded to 12
    significant digits (:func:`round_scores`), so equal scores follow the index rule.
    """
    n = b.shape[0]
    if not b.has_sorted_indices:
        b = b.sorted_indices()
    deg = np.diff(b.indptr).astype(float)
    product = pw is not None
    weighted = w is not None and method in WEIGHTED_METHODS and not product
    if product:
        right_p = sp.csr_matrix((pw.data * np.repeat(pf, np.diff(pw.indptr)), pw.indices,
                                 pw.indptr), shape=pw.shape)
    if weighted:
        fw_vec = _weighted_factor(method, np.asarray(w.sum(axis=1)).ravel())
        right_b = sp.csr_matrix(sp.diags(fw_vec) @ b)
        right_w = sp.csr_matrix(sp.diags(fw_vec) @ w)
    f = _factor(method, deg)
    right = b
    if method in ("adamic_adar", "resource_allocation"):  # diag(f) @ b: row z scaled by f_z
        right = sp.csr_matrix((b.data * np.repeat(f, np.diff(b.indptr)), b.indices, b.indptr),
                              shape=b.shape)
    same = _same_community(b, comm) if method == "community" else None
    row_of = np.repeat(np.arange(n, dtype=np.int64), np.diff(b.indptr))
    existing = row_of * n + b.indices  # sorted: CSR rows in order, columns sorted in each
    if blocked is not None and len(blocked):
        existing = np.union1d(existing, np.asarray(blocked, dtype=np.int64))
    # a partner's scores are at most `bound` (rows processed highest bound first): once
    # `limit` pairs are known, rows and columns whose bound is below the limit-th score
    # cannot contribute and are skipped
    bound = _score_bound(b, method, fw_vec if weighted else f, w if weighted else None,
                         1.0 if multiplier is None else bound_factor)
    if product:  # sum_z pw_uz pf_z max_y pw_zy
        top_p = np.zeros(n)
        nzp = np.diff(pw.indptr) > 0
        top_p[nzp] = np.maximum.reduceat(pw.data, pw.indptr[:-1][nzp])
        bound = np.asarray(pw @ (pf * top_p), dtype=float) * (
            1.0 if multiplier is None else (np.inf if bound_factor is None else bound_factor))
    if weighted and len(w.data) and w.data.min() < 0:  # the bound assumes strengths >= 0
        bound = np.full(n, np.inf)
    order_rows = np.arange(n, dtype=np.int64) if rows is None else np.unique(
        np.asarray(rows, dtype=np.int64))
    order_rows = order_rows[np.argsort(-bound[order_rows], kind="stable")]
    neg_bound = -bound[order_rows]  # ascending
    paths = b @ deg + 1  # two-step paths from each partner
    first_budget = int(min(budget // 8, max(paths.sum() // FIRST_SHARE, 64 * limit)))
    best_v, best_k, best_raw = np.zeros(0), np.zeros(0, np.int64), np.zeros(0)
    start, end, cut = 0, len(order_rows), -np.inf
    masked_at: float | None = None
    rights: tuple[sp.csr_matrix, ...] = ()
    while start < end:
        if len(best_v) == limit:
            cut = best_v[-1] - 1e-9 * abs(best_v[-1]) - 1e-12  # rounding of the bound
            end = min(end, int(np.searchsorted(neg_bound, -cut, side="right")))  # bound >= cut
            if start >= end:
                break
        block_rows = order_rows[start:end]
        cost = np.cumsum(paths[block_rows])
        first = start == 0
        stop = start + min(max(int(np.searchsorted(cost, first_budget if first else budget,
                                                   side="right")), 1), len(block_rows))
        block = np.sort(order_rows[start:stop])
        start = stop
        sel = block
        left = _rows(b, sel)
        if cut != masked_at:  # the columns that can still reach the cut (same cut: reuse)
            keep_cols = bound >= cut if np.isfinite(cut) else None
            if product:
                rights = (_columns(right_p, keep_cols),)
            elif weighted:
                rights = (_columns(right_b, keep_cols), _columns(right_w, keep_cols))
            else:
                rights = (_columns(right, keep_cols),)
            if method == "community":
                rights += (_columns(same, keep_cols),)
            masked_at = cut
        if product:
            s = sp.csr_matrix(_rows(pw, sel) @ rights[0])
        elif weighted:
            s = sp.csr_matrix(_rows(w, sel) @ rights[0] + left @ rights[1])
        else:
            s = left @ rights[0]
        if method == "community":
            s = sp.csr_matrix(s + _rows(same, sel) @ rights[-1])
        c = s.indices
        v = np.asarray(s.data, dtype=float)
        if method == "jaccard" or multiplier is not None:
            r = np.repeat(block, np.diff(s.indptr))
            if method == "jaccard":
                union = deg[r] + deg[c] - v
                v = np.where(union > 0, v / np.where(union > 0, union, 1), 0.0)
            if multiplier is not None and len(r):
                v = v * multiplier(r, c)
        # only entries that can still enter the running best are looked at
        if len(best_v) == limit:
            look = np.flatnonzero(v >= best_v[-1] * (1 - 1e-11) - 1e-300)
            lv = round_scores(v[look])
        else:
            look, lv = None, round_scores(v)

        def entry(q: np.ndarray) -> np.ndarray:
            return q if look is None else look[q]

        def rows_of(q: np.ndarray) -> np.ndarray:
            return block[np.searchsorted(s.indptr, entry(q), side="right") - 1]

        def pair_key(q: np.ndarray) -> np.ndarray:
            rr, cc = rows_of(q), c[entry(q)].astype(np.int64)
            return np.minimum(rr, cc) * n + np.maximum(rr, cc)

        # the exact best `want` entries (plus room for self-pairs and tied pairs, which
        # are dropped: a tied pair often scores high, that is why link prediction works);
        # if too few remain, look deeper
        want, extra = 2 * limit, 8 * limit + 256 + len(block)
        while True:
            q = _top_entries(lv, pair_key, want + extra)
            rr, cc, vv = rows_of(q), c[entry(q)].astype(np.int64), lv[q]
            raw = v[entry(q)]
            at = np.minimum(np.searchsorted(existing, rr * n + cc), max(len(existing) - 1, 0))
            linked = existing[at] == rr * n + cc if len(existing) else np.zeros(len(rr), bool)
            ok = ~linked & (rr != cc) & (vv > 0)
            if ok.sum() >= want or len(q) == len(lv):
                break
            extra *= 8
        rr, cc, vv, raw = rr[ok], cc[ok], vv[ok], raw[ok]
        keys = np.minimum(rr, cc) * n + np.maximum(rr, cc)
        top = _top_entries(vv, lambda q: keys[q], 2 * limit)
        best_v = np.concatenate([best_v, vv[top]])
        best_raw = np.concatenate([best_raw, raw[top]])
        best_k = np.concatenate([best_k, keys[top]])
        order = np.lexsort((best_k, -best_v))
        best_v, best_k, best_raw = best_v[order], best_k[order], best_raw[order]
        _, first = np.unique(best_k, return_index=True)  # a pair's copies: keep the best
        first = np.sort(first)[:limit]
        best_v, best_k, best_raw = best_v[first], best_k[first], best_raw[first]
    # ranked on rounded scores; the exact scores are returned
    return (best_k // n if n else best_k), (best_k % n if n else best_k), best_raw


def _capped(u: np.ndarray, v: np.ndarray, cap: int | None, top: int) -> np.ndarray:
    """Positions of the first ``top`` pairs (best first) with no partner in more than ``cap``."""
    if cap is None or cap >= top:
        return np.arange(min(top, len(u)))
    used: dict[int, int] = {}
    keep = []
    for i, (a, c) in enumerate(zip(u.tolist(), v.tolist())):
        if used.get(a, 0) < cap and used.get(c, 0) < cap:
            used[a] = used.get(a, 0) + 1
            used[c] = used.get(c, 0) + 1
            keep.append(i)
            if len(keep) == top:
                break
    return np.array(keep, dtype=np.int64)


def _recommended(b: sp.csr_matrix, method: str, top: int, per_partner: int | None,
                 comm: np.ndarray | None, multiplier=None, w: sp.csr_matrix | None = None,
                 rows: np.ndarray | None = None, budget: int = 2_000_000,
                 bound_factor: float | None = None) -> pd.DataFrame:
    """The best ``top`` pairs with at most ``per_partner`` per partner (best first): the
    best ``top`` pairs first; only when the cap rejected some, a longer list (x8 each time)."""
    limit = top
    while True:
        u, v, score = _top_pairs(b, method, limit, comm, multiplier, budget, w, rows, bound_factor)
        keep = _capped(u, v, per_partner, top)
        if len(keep) >= top or len(u) < limit:
            return pd.DataFrame({"u": u[keep], "v": v[keep], "score": score[keep]})
        limit *= 8

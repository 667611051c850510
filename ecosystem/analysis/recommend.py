"""Recommended partnerships (link prediction) with reasons and introducers.

Candidates are pairs of partners two steps apart (they share at least one partner) and
not yet tied. They are scored with sparse products ``A[rows] @ diag(f) @ A`` over blocks
of rows, never all n^2 pairs, and rows and columns whose score bound cannot reach the
running ``top``-th score are skipped (:func:`_candidates`); the result is the exact best
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

Who could introduce them: the common partners with the strongest ties to both, ranked
by the weaker of their two tie strengths (then the sum).
"""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..exceptions import InvalidParameterError
from ..model import Ecosystem
from ..results import Partition

METHODS = ("adamic_adar", "resource_allocation", "jaccard", "common_neighbours", "community")
FAVOUR = (None, "community", "sector", "country")


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


def _columns(m: sp.csr_matrix, keep: np.ndarray | None,
             row_of: np.ndarray | None = None) -> sp.csr_matrix:
    """``m`` without the entries in columns where ``keep`` is False (all when None).
    ``row_of``: the row of each stored entry of ``m``, if already known."""
    if keep is None or keep.all():
        return m
    mask = keep[m.indices]
    rows = row_of if row_of is not None else np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
    indptr = np.r_[0, np.cumsum(np.bincount(rows[mask], minlength=m.shape[0]))]
    return sp.csr_matrix((m.data[mask], m.indices[mask], indptr), shape=m.shape)


def _candidates(b: sp.csr_matrix, method: str, limit: int, comm: np.ndarray | None,
                multiplier=None, budget: int = 2_000_000, w: sp.csr_matrix | None = None,
                rows: np.ndarray | None = None, bound_factor: float | None = None,
                **evidence: Any) -> pd.DataFrame:
    """:func:`_top_pairs` as a table ``u, v, score``."""
    u, v, score = _top_pairs(b, method, limit, comm, multiplier, budget, w, rows, bound_factor,
                             **evidence)
    return pd.DataFrame({"u": u, "v": v, "score": score})


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
    is pruned). ``pw``, ``pf``: project evidence (:mod:`.recommend_evidence`), the score
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
                rights = (_columns(right, keep_cols, row_of),)
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


DEFAULT_METHOD = "resource_allocation"  # best in the H2020 backtest (docs/gaps.md)
EVIDENCE = ("ties", "projects")


def recommend_partnerships(eco: Ecosystem, *, top: int = 20, partition: Partition | None = None,
                           seed: int = 0, method: str = DEFAULT_METHOD,
                           per_partner: Any = "auto", favour: Any = None, bonus: float = 1.0,
                           focus: Iterable[str] | None = None, lang: str = "en",
                           max_introducers: int = 3, weighted: bool = False,
                           gaps: Any = None, evidence: str = "ties", diversity: float = 0.1,
                           group: bool = True, target_sector: str | None = None,
                           exclude: Any = None, competitors: Any = "auto") -> pd.DataFrame:
    """Partnerships that ought to exist: unlinked pairs that share partners, scored.

    Parameters
    ----------
    top : int, default 20
        Recommendations returned (best first; a group of near-duplicates is one).
    partition : Partition, optional
        Communities (default: Leiden with ``seed``); used by ``method="community"``,
        ``favour``, the diversity re-ranking and the explanation.
    method : str, default "adamic_adar"
        One of ``adamic_adar, resource_allocation, jaccard, common_neighbours, community``.
    per_partner : int, "auto" or None, default "auto"
        At most this many rows involving any one partner (so one hub or one project
        cannot fill the list); ``"auto"``: ``max(2, ceil(top / 10))``, i.e. 2 for the
        usual list of 20 (it binds); None: no limit.
    favour : str or list, optional
        Goals: ``community``, ``sector``, ``country`` (see :mod:`.recommend_select`).
    bonus : float, default 1.0
        Strength of the goal multipliers.
    focus : iterable of str, optional
        Only recommendations involving these partners (ids or names).
    lang : {"en", "ko"}
        Language of the ``why`` sentence.
    weighted : bool, default False
        Use tie strengths in ``common_neighbours``, ``adamic_adar`` and
        ``resource_allocation`` (Lu & Zhou 2010: ``sum_z (w_uz + w_zv) f(z)``). Jaccard and
        the community score stay unweighted. Implies ``evidence="ties"``.
    gaps : CommunityGapsResult or DataFrame, optional
        Community gaps already computed for ``partition`` (the pipeline passes its own).
    evidence : {"ties", "projects"}
        ``ties`` (default): scores on the partner network; with resource allocation a
        common partner counts ``1/degree``, so 28 members of one 33-member project count
        about 0.8, not 28. ``projects``: evidence counted on the partner-project graph
        (:mod:`.recommend_evidence`; needs relations with a ``project`` column, as
        participation lists give). On participation data the why-text names the
        linking projects either way. The H2020 backtest decided the default
        (docs/gaps.md).
    diversity : float in [0, 1), default 0.1
        Weight of maximal marginal relevance: 0 keeps the score order; higher values
        prefer pairs that close other gaps (community pairs) and involve other partners.
    group : bool, default True
        Merge near-duplicates (one partner with 3 or more members of the same project, or
        reached through the same common partners) into one row.
    target_sector : str, optional
        Favour pairs with a partner in this sector (or helix group).
    exclude : CSV path, DataFrame or pairs, optional
        Pairs (ids or names) never to recommend.
    competitors : "auto", None, CSV path, DataFrame or pairs
        Flag likely competitors (``auto``: the rule in :mod:`.recommend_select`; a list:
        those pairs as well; None: no flags).

    Returns
    -------
    DataFrame
        ``source, target, source_name, target_name, score, method, common_partners,
        common_partner_ids, common_partner_names, adamic_adar, resource_allocation,
        jaccard, source_community, target_community, community_gap, source_sector,
        target_sector, sector_bonus, introducers, introducer_names, why`` plus
        ``rank, evidence, linking_projects, group_size, group_member_ids,
        group_member_names, group_label, goals, competitor, competitor_reason,
        source_country, target_country``.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "d"), ("d", "c"), ("c", "e")])
    >>> r = recommend_partnerships(eco, top=1)
    >>> r.loc[0, "source"], r.loc[0, "target"], int(r.loc[0, "common_partners"])
    ('a', 'c', 2)
    >>> r.loc[0, "why"]
    'Share 2 partners: b, d. Would link community 0 and 1. b, d could introduce them.'
    """
    from .recommend_evidence import (PROJECT_METHODS, linking_projects, project_factor,
                                     project_memberships, project_weights)
    from .recommend_explain import _describe, _gap_pairs, _membership_codes
    from .recommend_select import (cap_groups, common_group_keys, competitor_mask,
                                   goal_multiplier, group_near_duplicates, mmr_order,
                                   normalise_goals, project_group_keys, read_pairs,
                                   target_mask)

    if method not in METHODS:
        raise InvalidParameterError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    goals = normalise_goals(favour)
    if top < 1:
        raise InvalidParameterError(f"top must be >= 1, got {top!r}")
    if bonus < 0:
        raise InvalidParameterError(f"bonus must be >= 0, got {bonus!r}")
    if lang not in ("en", "ko"):
        raise InvalidParameterError(f"lang must be 'en' or 'ko', got {lang!r}")
    if per_partner == "auto":
        per_partner = max(2, -(-top // 10))
    if per_partner is not None and (not isinstance(per_partner, (int, np.integer))
                                    or per_partner < 1):
        raise InvalidParameterError(f"per_partner must be >= 1, got {per_partner!r}")
    if evidence not in EVIDENCE:
        raise InvalidParameterError(f"evidence must be one of {', '.join(EVIDENCE)}, "
                                    f"got {evidence!r}")
    if not 0 <= diversity < 1:
        raise InvalidParameterError(f"diversity must be in [0, 1), got {diversity!r}")
    n = eco.n_partners
    wm = eco.strength_matrix
    b = _pattern(wm)
    if partition is None:
        from .communities import detect_communities
        partition = detect_communities(eco, seed=seed)
    comm = _membership_codes(eco, partition)
    gap_pairs: set[tuple[int, int]] = set()
    if n and "community" in goals:
        gap_pairs = _gap_pairs(eco, partition, gaps)
    gap_base = int(max(comm.max() if n else 0, 0)) + 2
    gap_codes = np.array(sorted(a * gap_base + c for a, c in gap_pairs), dtype=np.int64)
    target = target_mask(eco, target_sector)
    multiplier, top_factor, factors = goal_multiplier(eco, comm, goals, target, bonus,
                                                      gap_codes, gap_base)
    # the projects behind the ties (participation data): for the why-text and the
    # grouping always; for the score only with evidence="projects"
    mem = project_memberships(eco)
    by_projects = evidence == "projects"
    if by_projects and (mem is None or method not in PROJECT_METHODS or weighted):
        raise InvalidParameterError(
            "evidence 'projects' needs participation data (relations with a 'project' "
            "column), method adamic_adar, resource_allocation or common_neighbours, and "
            "weighted=False")
    project_args: dict[str, Any] = {}
    if by_projects:
        project_args = {"pw": project_weights(mem), "pf": project_factor(method, mem)}
    excluded = read_pairs(eco, exclude, "exclude")
    if excluded:
        lo = np.array([a for a, _ in excluded], dtype=np.int64)
        hi = np.array([c for _, c in excluded], dtype=np.int64)
        project_args["blocked"] = np.concatenate([lo * n + hi, hi * n + lo])
    listed = None if competitors in (None, "auto") else read_pairs(eco, competitors,
                                                                   "competitors")
    rows = None
    if isinstance(focus, str):  # one partner, not its characters
        focus = [focus]
    if focus is not None:
        rows = eco.ids.get_indexer([eco.resolve(x) for x in focus])
    pool = top if (per_partner is None and diversity == 0 and not group) else max(5 * top, 50)
    while True:
        u, v, score = _top_pairs(b, method, pool, comm if method == "community" else None,
                                 multiplier, 2_000_000, wm if weighted else None, rows,
                                 top_factor, **project_args)
        head = min(len(u), 5 * top + 50)  # near-duplicates are looked for among these
        if group and mem is not None:
            item, anchor, key = project_group_keys(u[:head], v[:head], mem.matrix)
        elif group:
            item, anchor, key = common_group_keys(u[:head], v[:head], b)
        else:
            item = anchor = key = np.zeros(0, np.int64)
        groups = group_near_duplicates(u, v, item, anchor, key)
        groups = cap_groups(groups, u, v, per_partner)
        if len(groups) >= top or len(u) < pool:
            break
        pool *= 8
    lead = np.array([g[0] for g in groups], dtype=np.int64)
    lu, lv = u[lead], v[lead]
    gap_key = np.minimum(comm[lu], comm[lv]) * gap_base + np.maximum(comm[lu], comm[lv])
    members = [set(u[g].tolist()) | set(v[g].tolist()) for g in groups]
    order = mmr_order(score[lead], gap_key, members, top, diversity)
    # MMR chooses the rows; they are shown best first (rounded score, then pool order)
    order = sorted(order, key=lambda i: (-round_scores(score[lead[i:i + 1]])[0], i))
    groups = [groups[i] for i in order]
    lead = np.array([g[0] for g in groups], dtype=np.int64)
    cu_, cv_ = u[lead].copy(), v[lead].copy()
    for i, g in enumerate(groups):  # a group's row: its anchor first
        if len(g) > 1 and not all(cu_[i] in (u[j], v[j]) for j in g):
            cu_[i], cv_[i] = cv_[i], cu_[i]
    cand = pd.DataFrame({"u": cu_, "v": cv_, "score": score[lead]})
    if "community" not in goals and len(cand):
        cu, cv = comm[cand["u"].to_numpy()], comm[cand["v"].to_numpy()]
        gap_pairs = _gap_pairs(eco, partition, gaps, among=zip(cu.tolist(), cv.tolist()))
    params = {"top": top, "per_partner": per_partner, "bonus": bonus, "weighted": weighted,
              "seed": seed, "focus": None if focus is None else list(focus),
              "evidence": evidence, "diversity": diversity,
              "group": group, "target_sector": target_sector, "goals": goals,
              "excluded_pairs": len(excluded), "tie_rule": "scores rounded to 12 significant "
              "digits, then the lower partner index"}
    def sector_multiplier(r: np.ndarray, c: np.ndarray) -> np.ndarray:
        return factors(r, c)["sector"]
    out = _describe(eco, cand, b, wm, comm, gap_pairs, method, "sector" if "sector" in goals
                    else (goals[0] if goals else None), lang, max_introducers, partition, params,
                    sector_multiplier if "sector" in goals else None)
    out.attrs["params"]["favour"] = goals or None
    attrs, out.attrs = out.attrs, {}  # (pandas deep-copies attrs on every column added)
    # the extra reasons: projects, groups, goals, competitors
    ids, names = eco.ids.to_numpy(), eco.names.to_numpy()
    cu_, cv_ = cand["u"].to_numpy(np.int64), cand["v"].to_numpy(np.int64)
    countries = (eco.partners["country"].astype(str).to_numpy()
                 if "country" in eco.partners.columns else None)
    served = factors(cu_, cv_)
    flags, reasons = competitor_mask(eco, cu_, cv_, listed) if competitors is not None else (
        np.zeros(len(cand), bool), [""] * len(cand))
    extra: dict[str, list] = {k: [] for k in (
        "rank", "evidence", "linking_projects", "group_size", "group_member_ids",
        "group_member_names", "group_label", "goals", "goal_target", "competitor",
        "competitor_reason", "source_country", "target_country")}
    common_idx = [eco.ids.get_indexer(c) for c in out["common_partner_ids"]] if len(out) else []
    for i, g in enumerate(groups):
        a, c = int(cu_[i]), int(cv_[i])
        extra["rank"].append(i + 1)
        extra["evidence"].append(evidence)
        extra["linking_projects"].append(
            linking_projects(mem, a, c, common_idx[i].tolist()) if mem is not None else [])
        others, label = [], ""
        if len(g) > 1:
            anchor = a  # rows of groups start with their anchor
            others = [int(v[j]) if u[j] == anchor else int(u[j]) for j in g]
            if mem is not None:
                m = mem.matrix
                sets = [set(m.indices[m.indptr[o]:m.indptr[o + 1]].tolist()) for o in others]
                shared = set.intersection(*sets) if sets else set()
                if shared:
                    label = str(mem.labels[min(shared, key=lambda p: (mem.sizes[p], p))])
        extra["group_size"].append(len(g))
        extra["group_member_ids"].append([str(ids[o]) for o in others])
        extra["group_member_names"].append([str(names[o]) for o in others])
        extra["group_label"].append(label)
        goal_list = [gname for gname, f in served.items() if f[i] > 1.0]
        extra["goals"].append(goal_list)
        extra["goal_target"].append(target_sector or "")
        extra["competitor"].append(bool(flags[i]))
        extra["competitor_reason"].append(reasons[i])
        extra["source_country"].append("" if countries is None else countries[a])
        extra["target_country"].append("" if countries is None else countries[c])
    for key, values in extra.items():
        out[key] = values if len(out) else pd.Series(dtype=object)
    if len(out):
        out["why"] = [explain_recommendation(rec, lang) for rec in out.to_dict("records")]
    out.attrs = attrs
    out.attrs["params"]["candidates"] = (
        "every unlinked pair at distance 2 (exact best pool by the score, rounded to 12 "
        "significant digits, ties by lower partner index), near-duplicates grouped, at most "
        "per_partner rows per partner, re-ranked by maximal marginal relevance")
    return out


from .recommend_evaluate import evaluate_recommendations  # noqa: E402  (public API)
from .recommend_explain import explain_recommendation  # noqa: E402  (public API)

__all__ = ["recommend_partnerships", "explain_recommendation", "evaluate_recommendations",
           "round_scores", "METHODS", "DEFAULT_METHOD"]

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

from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..exceptions import InvalidParameterError
from ..model import Ecosystem
from ..results import Partition

METHODS = ("adamic_adar", "resource_allocation", "jaccard", "common_neighbours", "community")
FAVOUR = (None, "community", "sector")


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
                rows: np.ndarray | None = None, bound_factor: float | None = None
                ) -> pd.DataFrame:
    """:func:`_top_pairs` as a table ``u, v, score``."""
    u, v, score = _top_pairs(b, method, limit, comm, multiplier, budget, w, rows, bound_factor)
    return pd.DataFrame({"u": u, "v": v, "score": score})


def _top_pairs(b: sp.csr_matrix, method: str, limit: int, comm: np.ndarray | None,
               multiplier=None, budget: int = 2_000_000, w: sp.csr_matrix | None = None,
               rows: np.ndarray | None = None, bound_factor: float | None = None
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
    is pruned).
    """
    n = b.shape[0]
    if not b.has_sorted_indices:
        b = b.sorted_indices()
    deg = np.diff(b.indptr).astype(float)
    weighted = w is not None and method in WEIGHTED_METHODS
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
    # a partner's scores are at most `bound` (rows processed highest bound first): once
    # `limit` pairs are known, rows and columns whose bound is below the limit-th score
    # cannot contribute and are skipped
    bound = _score_bound(b, method, fw_vec if weighted else f, w if weighted else None,
                         1.0 if multiplier is None else bound_factor)
    if weighted and len(w.data) and w.data.min() < 0:  # the bound assumes strengths >= 0
        bound = np.full(n, np.inf)
    order_rows = np.arange(n, dtype=np.int64) if rows is None else np.unique(
        np.asarray(rows, dtype=np.int64))
    order_rows = order_rows[np.argsort(-bound[order_rows], kind="stable")]
    neg_bound = -bound[order_rows]  # ascending
    paths = b @ deg + 1  # two-step paths from each partner
    first_budget = int(min(budget // 8, max(paths.sum() // FIRST_SHARE, 64 * limit)))
    best_v, best_k = np.zeros(0), np.zeros(0, np.int64)
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
            if weighted:
                rights = (_columns(right_b, keep_cols), _columns(right_w, keep_cols))
            else:
                rights = (_columns(right, keep_cols, row_of),)
            if method == "community":
                rights += (_columns(same, keep_cols),)
            masked_at = cut
        if weighted:
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
        look = np.flatnonzero(v >= best_v[-1]) if len(best_v) == limit else None
        lv = v if look is None else v[look]

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
            at = np.minimum(np.searchsorted(existing, rr * n + cc), max(len(existing) - 1, 0))
            linked = existing[at] == rr * n + cc if len(existing) else np.zeros(len(rr), bool)
            ok = ~linked & (rr != cc) & (vv > 0)
            if ok.sum() >= want or len(q) == len(lv):
                break
            extra *= 8
        rr, cc, vv = rr[ok], cc[ok], vv[ok]
        keys = np.minimum(rr, cc) * n + np.maximum(rr, cc)
        top = _top_entries(vv, lambda q: keys[q], 2 * limit)
        best_v = np.concatenate([best_v, vv[top]])
        best_k = np.concatenate([best_k, keys[top]])
        order = np.lexsort((best_k, -best_v))
        best_v, best_k = best_v[order], best_k[order]
        _, first = np.unique(best_k, return_index=True)  # a pair's copies: keep the best
        first = np.sort(first)[:limit]
        best_v, best_k = best_v[first], best_k[first]
    return (best_k // n if n else best_k), (best_k % n if n else best_k), best_v


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


def _list_text(names: list[str], lang: str, limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    more = len(names) - limit
    if more > 0:
        shown += f" 외 {more}곳" if lang == "ko" else f" and {more} more"
    return shown


def explain_recommendation(rec: Mapping[str, Any], lang: str = "en") -> str:
    """One plain sentence saying why a pair is recommended and who could introduce them.

    ``rec`` needs ``common_partner_names``, ``source_community``, ``target_community``,
    ``community_gap``, ``introducer_names`` (as in a row of
    :func:`recommend_partnerships`). ``lang`` is ``"en"`` or ``"ko"``.

    Examples
    --------
    >>> rec = {"common_partner_names": ["A", "B"], "source_community": 2,
    ...        "target_community": 5, "community_gap": True, "introducer_names": ["A"],
    ...        "source_sector": "university", "target_sector": "company"}
    >>> explain_recommendation(rec)
    'Share 2 partners: A, B; would link community 2 and 5 (an under-connected pair); A could introduce them.'
    >>> explain_recommendation(rec, lang="ko")
    '공통 파트너 2곳(A, B)을 공유합니다. 커뮤니티 2와 5를 연결합니다(연결이 부족한 커뮤니티 쌍). 소개해 줄 수 있는 파트너: A.'
    """
    if lang not in ("en", "ko"):
        raise InvalidParameterError(f"lang must be 'en' or 'ko', got {lang!r}")
    common = list(rec.get("common_partner_names") or [])
    intro = list(rec.get("introducer_names") or [])
    ca, cb = rec.get("source_community"), rec.get("target_community")
    cross = ca is not None and cb is not None and ca == ca and cb == cb and ca != cb
    gap = bool(rec.get("community_gap"))
    parts = []
    if lang == "ko":
        parts.append(f"공통 파트너 {len(common)}곳({_list_text(common, lang)})을 공유합니다.")
        if cross:
            parts.append(f"커뮤니티 {ca}와 {cb}를 연결합니다" + ("(연결이 부족한 커뮤니티 쌍)." if gap else "."))
        if rec.get("sector_bonus"):
            parts.append(f"서로 다른 분야({rec.get('source_sector')}, {rec.get('target_sector')})를 잇습니다.")
        if intro:
            parts.append(f"소개해 줄 수 있는 파트너: {_list_text(intro, lang, 3)}.")
        return " ".join(parts)
    noun = "partner" if len(common) == 1 else "partners"
    text = f"Share {len(common)} {noun}: {_list_text(common, lang)}"
    if cross:
        text += f"; would link community {ca} and {cb}" + (" (an under-connected pair)" if gap else "")
    if rec.get("sector_bonus"):
        text += f"; would connect {rec.get('source_sector')} with {rec.get('target_sector')}"
    if intro:
        text += f"; {_list_text(intro, lang, 3)} could introduce them"
    return text + "."


def _gap_pairs(eco: Ecosystem, partition: Partition, gaps: Any = None,
               among: Iterable[tuple[int, int]] | None = None) -> set[tuple[int, int]]:
    """Community pairs that are gaps: from ``gaps`` (a :class:`CommunityGapsResult` or its
    ``gaps`` table) when given, else :func:`~ecosystem.analysis.gaps.community_gap_pairs`
    (only the pairs in ``among`` when given)."""
    if gaps is not None:
        table = getattr(gaps, "gaps", gaps)
        if "gap" in table:
            table = table[table["gap"].to_numpy().astype(bool)]
        return _community_pairs(zip(table["community_a"].tolist(), table["community_b"].tolist()))
    from .gaps import community_gap_pairs
    return _community_pairs(community_gap_pairs(eco, partition, among=among))


def _community_pairs(pairs: Iterable[tuple[Any, Any]]) -> set[tuple[int, int]]:
    """``(low, high)`` integer community pairs; groups that are not communities (partners
    the partition leaves out are grouped as "(missing)") are skipped."""
    out = set()
    for a, c in pairs:
        try:
            fa, fc = float(a), float(c)
        except (TypeError, ValueError):
            continue
        if fa.is_integer() and fc.is_integer():
            out.add((int(min(fa, fc)), int(max(fa, fc))))
    return out


def _membership_codes(eco: Ecosystem, partition: Partition) -> np.ndarray:
    m = partition.membership.copy()
    m.index = m.index.astype(str)
    return m.reindex(eco.ids).fillna(-1).astype(np.int64).to_numpy()


def recommend_partnerships(eco: Ecosystem, *, top: int = 20, partition: Partition | None = None,
                           seed: int = 0, method: str = "adamic_adar", per_partner: int | None = 10,
                           favour: str | None = None, bonus: float = 1.0,
                           focus: Iterable[str] | None = None, lang: str = "en",
                           max_introducers: int = 3, weighted: bool = False,
                           gaps: Any = None) -> pd.DataFrame:
    """Partnerships that ought to exist: unlinked pairs that share partners, scored.

    Parameters
    ----------
    top : int, default 20
        Recommendations returned (best first).
    partition : Partition, optional
        Communities (default: Leiden with ``seed``); used by ``method="community"``,
        ``favour`` and the explanation.
    method : str, default "adamic_adar"
        One of ``adamic_adar, resource_allocation, jaccard, common_neighbours, community``.
    per_partner : int or None, default 10
        At most this many recommendations involving any one partner (so one hub cannot
        fill the list); None: no limit. The list is otherwise the exact best ``top`` pairs.
    favour : {None, "community", "sector"}
        Boost pairs that close a community or sector gap (see module notes).
    focus : iterable of str, optional
        Only recommendations involving these partners (ids or names).
    lang : {"en", "ko"}
        Language of the ``why`` sentence.
    weighted : bool, default False
        Use tie strengths in ``common_neighbours``, ``adamic_adar`` and
        ``resource_allocation`` (Lu & Zhou 2010: ``sum_z (w_uz + w_zv) f(z)`` with
        ``f = 1``, ``1/ln(1 + s_z)``, ``1/s_z``; ``s`` = strength). Jaccard and the
        community score stay unweighted.
    gaps : CommunityGapsResult or DataFrame, optional
        Community gaps already computed for ``partition`` (the pipeline passes its own);
        default: decided by :func:`~ecosystem.analysis.gaps.community_gap_pairs`.

    Returns
    -------
    DataFrame
        ``source, target, source_name, target_name, score, method, common_partners,
        common_partner_ids, common_partner_names, adamic_adar, resource_allocation,
        jaccard, source_community, target_community, community_gap, source_sector,
        target_sector, sector_bonus, introducers, introducer_names, why``.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "d"), ("d", "c"), ("c", "e")])
    >>> r = recommend_partnerships(eco, top=1)
    >>> r.loc[0, "source"], r.loc[0, "target"], int(r.loc[0, "common_partners"])
    ('a', 'c', 2)
    >>> r.loc[0, "why"]
    'Share 2 partners: b, d; would link community 0 and 1; b, d could introduce them.'
    """
    if method not in METHODS:
        raise InvalidParameterError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    if favour not in FAVOUR:
        raise InvalidParameterError(f"favour must be 'community' or 'sector', got {favour!r}")
    if top < 1:
        raise InvalidParameterError(f"top must be >= 1, got {top!r}")
    if bonus < 0:
        raise InvalidParameterError(f"bonus must be >= 0, got {bonus!r}")
    if lang not in ("en", "ko"):
        raise InvalidParameterError(f"lang must be 'en' or 'ko', got {lang!r}")
    if per_partner is not None and per_partner < 1:
        raise InvalidParameterError(f"per_partner must be >= 1, got {per_partner!r}")
    n = eco.n_partners
    wm = eco.strength_matrix
    b = _pattern(wm)
    if partition is None:
        from .communities import detect_communities
        partition = detect_communities(eco, seed=seed)
    comm = _membership_codes(eco, partition)
    gap_pairs: set[tuple[int, int]] = set()
    if n and favour == "community":
        gap_pairs = _gap_pairs(eco, partition, gaps)
    gap_base = int(max(comm.max() if n else 0, 0)) + 2
    gap_codes = np.array(sorted(a * gap_base + c for a, c in gap_pairs), dtype=np.int64)
    sectors = eco.sectors.to_numpy()
    helix_code = None
    if favour == "sector":
        from .gaps import helix_group
        groups = np.array([helix_group(x) or f"sector:{x}" for x in sectors], dtype=object)
        helix_code, helix_labels = pd.factorize(groups)
        k = int(comm.max()) + 1 if n else 0
        present = np.zeros((max(k, 1), len(helix_labels)), dtype=bool)
        ok = comm >= 0
        present[comm[ok], helix_code[ok]] = True

    def multiplier(r: np.ndarray, c: np.ndarray) -> np.ndarray:
        out = np.ones(len(r))
        if favour == "community":
            diff = comm[r] != comm[c]
            lo, hi = np.minimum(comm[r], comm[c]), np.maximum(comm[r], comm[c])
            is_gap = (np.isin(lo * gap_base + hi, gap_codes) if len(gap_codes)
                      else np.zeros(len(r), bool))
            out = np.where(diff, 1.0 + bonus, 1.0)
            out = np.where(is_gap, 1.0 + 2 * bonus, out)
        elif favour == "sector":
            diff = helix_code[r] != helix_code[c]
            fills = (~present[np.maximum(comm[r], 0), helix_code[c]]) | (
                ~present[np.maximum(comm[c], 0), helix_code[r]])
            out = np.where(diff, 1.0 + bonus, 1.0)
            out = np.where(diff & fills, 1.0 + 2 * bonus, out)
        return out

    rows = None
    if isinstance(focus, str):  # one partner, not its characters
        focus = [focus]
    if focus is not None:
        rows = eco.ids.get_indexer([eco.resolve(x) for x in focus])
    cand = _recommended(b, method, top, per_partner, comm if method == "community" else None,
                        multiplier if favour else None, w=wm if weighted else None, rows=rows,
                        bound_factor=1.0 + 2.0 * bonus)  # the largest favour multiplier
    if favour != "community" and len(cand):
        cu, cv = comm[cand["u"].to_numpy()], comm[cand["v"].to_numpy()]
        gap_pairs = _gap_pairs(eco, partition, gaps, among=zip(cu.tolist(), cv.tolist()))
    return _describe(eco, cand, b, wm, comm, gap_pairs, method, favour, lang, max_introducers,
                     partition, {"top": top, "per_partner": per_partner, "bonus": bonus,
                                 "weighted": weighted,
                                 "seed": seed, "focus": None if focus is None else list(focus)},
                     multiplier if favour else None)


def _describe(eco, cand, b, wm, comm, gap_pairs, method, favour, lang, max_introducers,
              partition, params, multiplier) -> pd.DataFrame:
    ids = eco.ids.to_numpy()
    names = eco.names.to_numpy()
    sectors = eco.sectors.to_numpy()
    u = cand["u"].to_numpy(np.int64)
    v = cand["v"].to_numpy(np.int64)
    score = cand["score"].to_numpy(float)
    indptr, indices, strength = wm.indptr, wm.indices, wm.data  # b has the same structure
    deg = np.diff(indptr).astype(float)
    cols = ["source", "target", "source_name", "target_name", "score", "method",
            "common_partners", "common_partner_ids", "common_partner_names", "adamic_adar",
            "resource_allocation", "jaccard", "source_community", "target_community",
            "community_gap", "source_sector", "target_sector", "sector_bonus", "introducers",
            "introducer_names", "why"]
    data: dict[str, list] = {col: [] for col in cols}
    # every pair's common partners at once: (pair, partner) keys of u's and of v's ties
    k, n = len(u), len(indptr) - 1
    pos_u = _row_positions(indptr, u)
    pos_v = _row_positions(indptr, v)
    pair_u = np.repeat(np.arange(k, dtype=np.int64), np.diff(indptr)[u])
    pair_v = np.repeat(np.arange(k, dtype=np.int64), np.diff(indptr)[v])
    _, iu, iv = np.intersect1d(pair_u * n + indices[pos_u], pair_v * n + indices[pos_v],
                               assume_unique=True, return_indices=True)
    pair = pair_u[iu]
    common_all = indices[pos_u[iu]].astype(np.int64)
    wa, wc = strength[pos_u[iu]], strength[pos_v[iv]]
    # introducers first: the strongest weaker tie, then the strongest sum, then lower index
    order = np.lexsort((common_all, -(wa + wc), -np.minimum(wa, wc), pair))
    sizes = np.bincount(pair, minlength=k).astype(np.int64)
    splits = np.cumsum(sizes)[:-1]
    ranked = np.split(common_all[order], splits) if k else []
    # names of only the partners shown (not the whole ecosystem's lists)
    shown = np.unique(np.concatenate([u, v, common_all])) if k else np.zeros(0, np.int64)
    ids_l = dict(zip(shown.tolist(), ids[shown].tolist()))
    names_l = dict(zip(shown.tolist(), names[shown].tolist()))
    for i, (a, c) in enumerate(zip(u.tolist(), v.tolist())):
        common_sorted = ranked[i].tolist()
        intro = common_sorted[:max_introducers]
        ca, cc = int(comm[a]), int(comm[c])
        gap = (min(ca, cc), max(ca, cc)) in gap_pairs and ca != cc
        sector_bonus = bool(favour == "sector" and multiplier is not None
                            and multiplier(np.array([a]), np.array([c]))[0] > 1.0)
        rec = {"source": str(ids_l[a]), "target": str(ids_l[c]), "source_name": str(names_l[a]),
               "target_name": str(names_l[c]), "score": float(score[i]),
               "method": method, "common_partners": len(common_sorted),
               "common_partner_ids": [str(ids_l[z]) for z in common_sorted],
               "common_partner_names": [str(names_l[z]) for z in common_sorted],
               "source_community": ca, "target_community": cc,
               "community_gap": bool(gap), "source_sector": str(sectors[a]),
               "target_sector": str(sectors[c]), "sector_bonus": sector_bonus,
               "introducers": [str(ids_l[z]) for z in intro],
               "introducer_names": [str(names_l[z]) for z in intro]}
        rec["why"] = explain_recommendation(rec, lang)
        for key, value in rec.items():
            data[key].append(value)
    # the three classic scores of each pair, from its common partners (all degrees >= 2)
    dz = deg[common_all]
    starts = np.r_[0, np.cumsum(sizes)[:-1]] if len(sizes) else sizes
    nonempty = sizes > 0
    for col, terms in (("adamic_adar", 1.0 / np.log(np.maximum(dz, 2))), ("resource_allocation", 1.0 / np.maximum(dz, 1))):
        vals = np.zeros(len(sizes))
        if nonempty.any():
            vals[nonempty] = np.add.reduceat(terms, starts[nonempty])
        data[col] = vals.tolist()
    union = deg[u] + deg[v] - sizes
    data["jaccard"] = np.where(union > 0, sizes / np.where(union > 0, union, 1), 0.0).tolist()
    out = pd.DataFrame(data)
    out.attrs["method"] = method
    out.attrs["params"] = dict(params, favour=favour, lang=lang,
                               partition_method=partition.method,
                               partition_params=dict(partition.params),
                               candidates="every unlinked pair at distance 2 (exact top; "
                                          "at most per_partner per partner)")
    return out


def evaluate_recommendations(eco: Ecosystem, *, hide: float = 0.1, seed: int = 0, k: int = 20,
                             methods: Iterable[str] = METHODS, n_non_edges: int | None = None,
                             per_partner: int | None = 10, weighted: bool = False) -> pd.DataFrame:
    """How trustworthy are the recommendations on this network? Hide ties and predict them.

    A seeded share ``hide`` of the ties is removed; each method scores the remaining
    network. **AUC**: the probability that a hidden tie scores higher than a random
    unlinked pair (``n_non_edges`` pairs sampled with ``seed``; ties count 1/2; 0.5 =
    no better than chance). **precision@k**: the share of the top-``k`` recommendations
    (at most ``per_partner`` per partner, as :func:`recommend_partnerships`) that are
    hidden ties. ``random_precision`` is what guessing unlinked pairs at random
    would achieve. The community score uses Leiden communities of the reduced network.

    Examples
    --------
    >>> import itertools
    >>> edges = [(f"a{i}", f"a{j}") for i, j in itertools.combinations(range(6), 2)]
    >>> edges += [(f"b{i}", f"b{j}") for i, j in itertools.combinations(range(6), 2)]
    >>> ev = evaluate_recommendations(Ecosystem.from_edges(edges + [("a0", "b0")]), hide=0.2)
    >>> bool((ev["auc"] > 0.8).all())
    True
    """
    methods = list(methods)
    for m in methods:
        if m not in METHODS:
            raise InvalidParameterError(f"method must be one of {', '.join(METHODS)}, got {m!r}")
    if not 0 < hide < 1:
        raise InvalidParameterError(f"hide must be between 0 and 1, got {hide!r}")
    if k < 1:
        raise InvalidParameterError(f"k must be >= 1, got {k!r}")
    eco.require_ties()
    n = eco.n_partners
    s, d, w = _tie_arrays(eco)
    loops = s == d
    s, d, w = s[~loops], d[~loops], w[~loops]
    m = len(s)
    rng = np.random.default_rng(seed)
    n_hide = max(1, int(round(hide * m)))
    if n_hide >= m:
        raise InvalidParameterError("too few ties to hide some and keep the rest")
    hidden = np.zeros(m, dtype=bool)
    hidden[rng.choice(m, size=n_hide, replace=False)] = True
    b_train = _binary(n, s[~hidden], d[~hidden])
    w_train = _binary(n, s[~hidden], d[~hidden], w[~hidden]) if weighted else None
    all_keys = np.unique(np.concatenate([s * n + d, d * n + s]))
    # sampled unlinked pairs (in the full network)
    want = n_non_edges or max(1000, 10 * n_hide)
    total_pairs = n * (n - 1) // 2
    possible = total_pairs - m
    if possible <= 0:
        raise InvalidParameterError("the network is complete: there is nothing to predict")
    want = int(min(want, possible))
    uu, vv = np.zeros(0, np.int64), np.zeros(0, np.int64)
    tries = 0
    while len(uu) < want and tries < 50:
        a = rng.integers(0, n, size=2 * want)
        c = rng.integers(0, n, size=2 * want)
        ok = a != c
        a, c = a[ok], c[ok]
        key = np.minimum(a, c) * n + np.maximum(a, c)
        pos = np.minimum(np.searchsorted(all_keys, key), len(all_keys) - 1)
        ok = all_keys[pos] != key
        uu = np.concatenate([uu, np.minimum(a, c)[ok]])
        vv = np.concatenate([vv, np.maximum(a, c)[ok]])
        tries += 1
    uu, vv = uu[:want], vv[:want]
    hs, hd = s[hidden], d[hidden]
    hidden_keys = set((np.minimum(hs, hd) * n + np.maximum(hs, hd)).tolist())
    comm = None
    if "community" in methods:
        from .communities import detect_communities
        train_eco = Ecosystem.from_edges(
            [(str(eco.ids[a]), str(eco.ids[c])) for a, c in zip(s[~hidden], d[~hidden])],
            partners=list(map(str, eco.ids)))
        part = detect_communities(train_eco, seed=seed)
        comm = part.membership.reindex(eco.ids.astype(str)).fillna(-1).astype(np.int64).to_numpy()
    from scipy.stats import rankdata
    train_pairs = total_pairs - int((~hidden).sum())
    rows = []
    for method in methods:
        pos_s = _pair_scores(b_train, hs, hd, method, comm, w_train)
        neg_s = _pair_scores(b_train, uu, vv, method, comm, w_train)
        ranks = rankdata(np.concatenate([pos_s, neg_s]))
        n_p, n_n = len(pos_s), len(neg_s)
        auc = (ranks[:n_p].sum() - n_p * (n_p + 1) / 2) / (n_p * n_n) if n_n else float("nan")
        top = _recommended(b_train, method, k, per_partner,
                           comm if method == "community" else None, w=w_train)
        hits = sum(int(a) * n + int(c) in hidden_keys for a, c in zip(top["u"], top["v"]))
        rows.append({"method": method, "auc": float(auc),
                     "precision_at_k": hits / len(top) if len(top) else float("nan"),
                     "k": int(k), "recommended": int(len(top)), "hits": int(hits),
                     "hidden_ties": int(n_hide), "sampled_non_edges": int(n_n),
                     "random_precision": n_hide / train_pairs if train_pairs else float("nan")})
    out = pd.DataFrame(rows)
    out.attrs["params"] = {"hide": hide, "seed": seed, "k": k, "n_non_edges": int(len(uu)),
                           "per_partner": per_partner, "weighted": weighted,
                           "auc": "P(hidden tie scores above a sampled unlinked pair), ties 1/2"}
    return out

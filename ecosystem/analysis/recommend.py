"""Recommended partnerships (link prediction) with reasons and introducers.

Candidates are pairs of partners two steps apart (they share at least one partner) and
not yet tied. They are generated with sparse products ``A[rows] @ diag(f) @ A`` over
blocks of rows, and only each partner's ``per_partner`` best candidates are kept, so the
cost never reaches n^2 pairs. Scores (on the unweighted graph; ``z`` ranges over the
common partners of ``u`` and ``v``, ``k`` is degree):

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


def _row_top(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray,
             k: int | np.ndarray) -> np.ndarray:
    """Positions of each CSR row's ``k`` best entries: highest value, then lowest column.

    Exact (the same entries a full sort by ``(row, -value, column)`` keeps), but rows
    with at most ``k`` entries are kept whole and longer rows use ``np.partition`` to find
    their k-th value: linear in the entries instead of a sort of all of them. ``k`` may
    be one number or one per row.
    """
    counts = np.diff(indptr)
    k = np.broadcast_to(np.asarray(k, dtype=np.int64), counts.shape)
    parts = [np.flatnonzero(np.repeat(counts <= k, counts))]
    for i in np.flatnonzero(counts > k).tolist():
        a, z, ki = int(indptr[i]), int(indptr[i + 1]), int(k[i])
        seg = data[a:z]
        thr = np.partition(seg, z - a - ki)[z - a - ki]
        gt = np.flatnonzero(seg > thr)
        eq = np.flatnonzero(seg == thr)
        need = ki - len(gt)
        if len(eq) > need:
            eq = eq[np.argsort(indices[a + eq], kind="stable")[:need]]
        parts.append(gt + a)
        parts.append(eq + a)
    return np.concatenate(parts)


def _candidates(b: sp.csr_matrix, method: str, per_partner: int, comm: np.ndarray | None,
                multiplier=None, budget: int = 2_000_000,
                w: sp.csr_matrix | None = None) -> pd.DataFrame:
    """Best ``per_partner`` unlinked two-step candidates of every partner (u < v rows).

    Per block of rows, the sparse product gives every two-step pair's score. Row ``u``
    then keeps its ``per_partner + deg(u) + 1`` best entries (:func:`_row_top`, linear:
    no sort of the block); only these few are checked against the existing ties and the
    diagonal (at most ``deg(u) + 1`` of them can be excluded) and the best ``per_partner``
    of the rest are kept (equal scores: the lower partner index). The result is exactly
    that of scoring, filtering and sorting every two-step pair.
    """
    n = b.shape[0]
    deg = np.diff(b.indptr).astype(float)
    weighted = w is not None and method in WEIGHTED_METHODS
    if weighted:
        fw = sp.diags(_weighted_factor(method, np.asarray(w.sum(axis=1)).ravel()))
        right_b = sp.csr_matrix(fw @ b)
        right_w = sp.csr_matrix(fw @ w)
    f = _factor(method, deg)
    right = sp.csr_matrix(sp.diags(f) @ b) if method in ("adamic_adar", "resource_allocation") else b
    same = _same_community(b, comm) if method == "community" else None
    coo_b = b.tocoo()
    existing = np.sort(coo_b.row.astype(np.int64) * n + coo_b.col.astype(np.int64))
    reserve = per_partner + np.diff(b.indptr).astype(np.int64) + 1
    work = np.cumsum(deg * deg + 1)
    parts = []
    start = 0
    while start < n:
        base = work[start - 1] if start else 0
        stop = min(max(int(np.searchsorted(work, base + budget, side="right")), start + 1), n)
        if weighted:
            s = sp.csr_matrix(w[start:stop] @ right_b + b[start:stop] @ right_w)
        else:
            s = sp.csr_matrix(b[start:stop] @ right)
        if method == "community":
            s = sp.csr_matrix(s + same[start:stop] @ same)
        counts = np.diff(s.indptr)
        c = s.indices
        v = np.asarray(s.data, dtype=float)
        if method == "jaccard" or multiplier is not None:
            r = np.repeat(np.arange(start, stop, dtype=np.int64), counts)
            if method == "jaccard":
                union = deg[r] + deg[c] - v
                v = np.where(union > 0, v / np.where(union > 0, union, 1), 0.0)
            if multiplier is not None and len(r):
                v = v * multiplier(r, c)
        pos = _row_top(s.indptr, c, v, reserve[start:stop])
        r = np.searchsorted(s.indptr, pos, side="right").astype(np.int64) - 1 + start
        c = c[pos].astype(np.int64)
        v = v[pos]
        key = r * n + c
        at = np.minimum(np.searchsorted(existing, key), max(len(existing) - 1, 0))
        linked = existing[at] == key if len(existing) else np.zeros(len(key), bool)
        ok = (r != c) & ~linked & (v > 0)
        r, c, v = r[ok], c[ok], v[ok]
        if len(r):
            order = np.lexsort((c, -v, r))
            r, c, v = r[order], c[order], v[order]
            first = np.r_[0, np.flatnonzero(np.diff(r)) + 1]
            rank = np.arange(len(r)) - np.repeat(first, np.diff(np.r_[first, len(r)]))
            keep = rank < per_partner
            parts.append(pd.DataFrame({"u": r[keep], "v": c[keep], "score": v[keep]}))
        start = stop
    if not parts:
        return pd.DataFrame({"u": np.zeros(0, np.int64), "v": np.zeros(0, np.int64),
                             "score": np.zeros(0)})
    cand = pd.concat(parts, ignore_index=True)
    lo = np.minimum(cand["u"], cand["v"])
    hi = np.maximum(cand["u"], cand["v"])
    cand = pd.DataFrame({"u": lo, "v": hi, "score": cand["score"]})
    cand = cand.sort_values(["score", "u", "v"], ascending=[False, True, True], kind="mergesort")
    return cand.drop_duplicates(["u", "v"]).reset_index(drop=True)


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


def _membership_codes(eco: Ecosystem, partition: Partition) -> np.ndarray:
    m = partition.membership.copy()
    m.index = m.index.astype(str)
    return m.reindex(eco.ids).fillna(-1).astype(np.int64).to_numpy()


def recommend_partnerships(eco: Ecosystem, *, top: int = 20, partition: Partition | None = None,
                           seed: int = 0, method: str = "adamic_adar", per_partner: int = 10,
                           favour: str | None = None, bonus: float = 1.0,
                           focus: Iterable[str] | None = None, lang: str = "en",
                           max_introducers: int = 3, weighted: bool = False) -> pd.DataFrame:
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
    per_partner : int, default 10
        Candidates kept per partner before the global ranking (pruning).
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
    if top < 1 or per_partner < 1:
        raise InvalidParameterError("top and per_partner must be >= 1")
    if bonus < 0:
        raise InvalidParameterError(f"bonus must be >= 0, got {bonus!r}")
    if lang not in ("en", "ko"):
        raise InvalidParameterError(f"lang must be 'en' or 'ko', got {lang!r}")
    n = eco.n_partners
    s, d, w = _tie_arrays(eco)
    b = _binary(n, s, d)
    wm = _binary(n, s, d, w)
    if partition is None:
        from .communities import detect_communities
        partition = detect_communities(eco, seed=seed)
    comm = _membership_codes(eco, partition)
    gap_pairs: set[tuple[int, int]] = set()
    if n:
        from .gaps import community_gaps
        cg = community_gaps(eco, partition)
        gap_pairs = {(int(a), int(c)) for a, c in zip(cg.gaps["community_a"], cg.gaps["community_b"])}
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

    cand = _candidates(b, method, per_partner, comm if method == "community" else None,
                       multiplier if favour else None, w=wm if weighted else None)
    if focus is not None:
        fidx = eco.ids.get_indexer([eco.resolve(x) for x in focus])
        cand = cand[cand["u"].isin(fidx) | cand["v"].isin(fidx)]
    cand = cand.head(top).reset_index(drop=True)
    return _describe(eco, cand, b, wm, comm, gap_pairs, method, favour, lang, max_introducers,
                     partition, {"top": top, "per_partner": per_partner, "bonus": bonus,
                                 "weighted": weighted,
                                 "seed": seed, "focus": None if focus is None else list(focus)},
                     multiplier if favour else None)


def _describe(eco, cand, b, wm, comm, gap_pairs, method, favour, lang, max_introducers,
              partition, params, multiplier) -> pd.DataFrame:
    ids = np.asarray(eco.ids, dtype=object)
    names = eco.names.to_numpy()
    sectors = eco.sectors.to_numpy()
    u = cand["u"].to_numpy(np.int64)
    v = cand["v"].to_numpy(np.int64)
    aa = _pair_scores(b, u, v, "adamic_adar", None)
    ra = _pair_scores(b, u, v, "resource_allocation", None)
    jac = _pair_scores(b, u, v, "jaccard", None)
    rows = []
    for i, (a, c) in enumerate(zip(u.tolist(), v.tolist())):
        na = b.indices[b.indptr[a]:b.indptr[a + 1]]
        nc = b.indices[b.indptr[c]:b.indptr[c + 1]]
        common = np.intersect1d(na, nc)
        wa = np.asarray(wm[a, common].todense()).ravel() if len(common) else np.zeros(0)
        wc = np.asarray(wm[c, common].todense()).ravel() if len(common) else np.zeros(0)
        order = np.lexsort((common, -(wa + wc), -np.minimum(wa, wc)))
        common_sorted = common[order]
        intro = common_sorted[:max_introducers]
        ca, cc = int(comm[a]), int(comm[c])
        gap = (min(ca, cc), max(ca, cc)) in gap_pairs and ca != cc
        sector_bonus = bool(favour == "sector" and multiplier is not None
                            and multiplier(np.array([a]), np.array([c]))[0] > 1.0)
        rec = {"source": str(ids[a]), "target": str(ids[c]), "source_name": str(names[a]),
               "target_name": str(names[c]), "score": float(cand["score"].iloc[i]),
               "method": method, "common_partners": int(len(common)),
               "common_partner_ids": [str(ids[z]) for z in common_sorted],
               "common_partner_names": [str(names[z]) for z in common_sorted],
               "adamic_adar": float(aa[i]), "resource_allocation": float(ra[i]),
               "jaccard": float(jac[i]), "source_community": ca, "target_community": cc,
               "community_gap": bool(gap), "source_sector": str(sectors[a]),
               "target_sector": str(sectors[c]), "sector_bonus": sector_bonus,
               "introducers": [str(ids[z]) for z in intro],
               "introducer_names": [str(names[z]) for z in intro]}
        rec["why"] = explain_recommendation(rec, lang)
        rows.append(rec)
    cols = ["source", "target", "source_name", "target_name", "score", "method",
            "common_partners", "common_partner_ids", "common_partner_names", "adamic_adar",
            "resource_allocation", "jaccard", "source_community", "target_community",
            "community_gap", "source_sector", "target_sector", "sector_bonus", "introducers",
            "introducer_names", "why"]
    out = pd.DataFrame(rows, columns=cols)
    out.attrs["method"] = method
    out.attrs["params"] = dict(params, favour=favour, lang=lang,
                               partition_method=partition.method,
                               partition_params=dict(partition.params),
                               candidates="pairs at distance 2, best per_partner per partner")
    return out


def evaluate_recommendations(eco: Ecosystem, *, hide: float = 0.1, seed: int = 0, k: int = 20,
                             methods: Iterable[str] = METHODS, n_non_edges: int | None = None,
                             per_partner: int = 10, weighted: bool = False) -> pd.DataFrame:
    """How trustworthy are the recommendations on this network? Hide ties and predict them.

    A seeded share ``hide`` of the ties is removed; each method scores the remaining
    network. **AUC**: the probability that a hidden tie scores higher than a random
    unlinked pair (``n_non_edges`` pairs sampled with ``seed``; ties count 1/2; 0.5 =
    no better than chance). **precision@k**: the share of the top-``k`` recommendations
    that are hidden ties. ``random_precision`` is what guessing unlinked pairs at random
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
        cand = _candidates(b_train, method, per_partner, comm if method == "community" else None,
                           w=w_train)
        top = cand.head(k)
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

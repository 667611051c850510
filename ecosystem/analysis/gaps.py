"""Community gaps and sector/attribute gaps: where the ecosystem is under-connected.

Mixing between groups (communities, sectors, countries...) is compared with a
degree-preserving null model (the configuration model). For groups ``r != s`` with
total strength ``d_r`` and ``d_s`` (sum of their members' tie strengths) and total tie
strength ``S`` in the network, the expected strength between them is

    ``E_rs = d_r d_s / (2 S)``        (``E_rr = d_r^2 / (4 S)`` inside one group)

so expected strengths sum to ``S``. The same holds for tie counts with degrees. Each
pair gets ``ratio = observed / expected`` and a z-like score
``z = (observed - expected) / sqrt(mean_tie_strength * expected)`` (a Poisson
approximation in tie units, so it does not change when all strengths are rescaled).
A pair of groups is a **gap** when ``ratio <= max_ratio`` while at least
``min_expected`` ties were expected.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np
import pandas as pd

from ..exceptions import InvalidParameterError
from ..model import Ecosystem
from ..results import Partition

# ----------------------------------------------------------------- quadruple helix
HELIX_GROUPS = ("academia", "industry", "government", "civil_society")

_HELIX_SPELLINGS: dict[str, tuple[str, ...]] = {
    "academia": (
        "academia", "academic", "university", "universities", "univ", "college",
        "research institute", "research institution", "research organisation",
        "research organization", "research center", "research centre", "research",
        "institute", "lab", "laboratory", "rto", "hei", "higher education",
        "hes", "rec", "research organisation (rec)", "higher education (hes)",
        "research institute (rec)", "연구기관(rec)", "고등교육기관", "국공립연구소", "출연연구소",
        "대학", "대학교", "연구소", "연구원", "연구기관", "출연연", "정부출연연구기관", "학계",
        "산학협력단"),
    "industry": (
        "industry", "company", "companies", "firm", "business", "enterprise", "corporate",
        "corporation", "corp", "large company", "large enterprise", "sme", "smes",
        "mid-size company", "midsize company", "startup", "start up", "start-up", "scaleup",
        "scale up", "private", "private sector", "investor", "vc", "venture capital",
        "accelerator", "prc", "private company", "private for-profit", "private for profit",
        "기업", "대기업", "중소기업", "중견기업", "스타트업", "벤처", "벤처기업", "민간기업",
        "산업", "투자사", "투자자", "벤처캐피탈", "액셀러레이터"),
    "government": (
        "government", "gov", "public", "public agency", "public body", "public sector",
        "agency", "ministry", "municipality", "city", "region", "regional government",
        "local government", "public institution", "public organisation",
        "public organization", "pub", "public body", "정부", "공공", "공공기관", "지자체",
        "지방자치단체", "부처", "중앙정부", "지방정부", "공기업", "정부부처",
        "정부기관", "시청", "도청"),
    "civil_society": (
        "civil society", "ngo", "ngos", "association", "nonprofit", "non profit",
        "non-profit", "foundation", "cooperative", "charity", "citizens", "community",
        "cluster organisation", "cluster organization", "oth", "other organisation",
        "other organization", "civil society organisation", "civil society organization", "cso",
        "협회", "단체", "재단", "비영리", "비영리단체", "비영리기관", "엔지오",
        "시민단체", "조합", "시민사회"),
}


def _norm(value: Any) -> str:
    text = str(value).strip().casefold()
    text = re.sub(r"[\s_]+", " ", text)
    return text


HELIX_MAP: dict[str, str] = {_norm(s): group for group, spellings in _HELIX_SPELLINGS.items()
                             for s in spellings}


def helix_group(sector: Any, mapping: Mapping[str, str] | None = None) -> str | None:
    """The quadruple-helix group of a sector label, or ``None`` when unknown.

    Matching is case-insensitive after trimming and collapsing spaces/underscores;
    hyphenated spellings are listed explicitly. Nothing is guessed from substrings.
    ``mapping`` adds or overrides spellings (sector -> group; configuration key
    ``sectors.helix``). Built in: the sector words of the docs (university, startup,
    government, NGO...), CORDIS activity types (``HES``/``REC`` academia, ``PRC``
    industry, ``PUB`` government, ``OTH`` "other organisation": NGOs, associations,
    foundations, counted as civil society) and common Korean words (대학, 연구소, 기업,
    스타트업, 정부, 공공기관, 협회, 재단, 비영리...).

    Examples
    --------
    >>> helix_group("University"), helix_group("start-up"), helix_group("스타트업")
    ('academia', 'industry', 'industry')
    >>> helix_group("space agency") is None
    True
    >>> helix_group("PRC"), helix_group("OTH"), helix_group("공공기관")
    ('industry', 'civil_society', 'government')
    """
    table = HELIX_MAP
    if mapping:
        table = dict(HELIX_MAP)
        for key, group in mapping.items():
            if group not in HELIX_GROUPS:
                raise InvalidParameterError(
                    f"helix group for {key!r} must be one of {', '.join(HELIX_GROUPS)}, got {group!r}")
            table[_norm(key)] = group
    key = _norm(sector)
    if key in table:
        return table[key]
    return table.get(key.replace("-", " "))


# ----------------------------------------------------------------- mixing
def _codes(series: pd.Series, eco: Ecosystem) -> tuple[np.ndarray, list[Any]]:
    s = series.copy()
    s.index = s.index.astype(str)
    s = s.reindex(eco.ids)
    s = s.astype(object).where(s.notna(), "(missing)")
    codes, uniques = pd.factorize(s, sort=True)
    return codes.astype(np.int64), list(uniques)


def mixing_table(eco: Ecosystem, groups: pd.Series, *, all_pairs: int = 200,
                 min_expected: float = 1.0) -> pd.DataFrame:
    """Observed vs expected ties for pairs of groups (configuration-model null).

    Returns one row per unordered pair ``(group_a <= group_b)``, including a group with
    itself: ``ties, expected_ties, strength, expected_strength, ratio, z`` (ratio and
    z on strength). With at most ``all_pairs`` groups every pair is listed; with more
    (e.g. many tiny communities) only pairs that are tied or where at least
    ``min_expected`` ties are expected, so the table stays O(ties) long.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("c", "d"), ("a", "c")])
    >>> t = mixing_table(eco, pd.Series({"a": "x", "b": "x", "c": "y", "d": "y"}))
    >>> t[["group_a", "group_b", "ties", "expected_ties"]].values.tolist()
    [['x', 'x', 1, 0.75], ['x', 'y', 1, 1.5], ['y', 'y', 1, 0.75]]
    """
    codes, labels = _codes(groups, eco)
    return _mixing(eco, codes, labels, all_pairs=all_pairs, min_expected=min_expected)


def _mixing(eco: Ecosystem, codes: np.ndarray, labels: list[Any], *, all_pairs: int = 200,
            min_expected: float = 1.0,
            only: tuple[np.ndarray, np.ndarray] | None = None) -> pd.DataFrame:
    """:func:`mixing_table` on group codes; ``only=(a, b)`` (codes, ``a <= b``) computes
    just those pairs (observed ties counted for them alone: O(ties), no group-by of all)."""
    k = len(labels)
    t = eco.undirected_ties
    s = t["source_index"].to_numpy(np.int64)
    d = t["target_index"].to_numpy(np.int64)
    w = t["strength"].to_numpy(float)
    loop = s == d
    s, d, w = s[~loop], d[~loop], w[~loop]
    n = eco.n_partners
    ga, gb = codes[s], codes[d]
    lo, hi = np.minimum(ga, gb), np.maximum(ga, gb)
    if only is not None:
        wanted = np.asarray(only[0], np.int64) * k + np.asarray(only[1], np.int64)
        keep = np.isin(lo * k + hi, wanted)
        lo, hi, w_obs = lo[keep], hi[keep], w[keep]
    else:
        w_obs = w
    obs = pd.DataFrame({"a": lo, "b": hi, "w": w_obs}).groupby(["a", "b"], sort=True)["w"].agg(
        ["size", "sum"])
    deg = np.bincount(np.concatenate([s, d]), minlength=n).astype(float)
    strength = np.bincount(np.concatenate([s, d]), weights=np.concatenate([w, w]), minlength=n)
    dg = np.bincount(codes, weights=deg, minlength=k)
    sg = np.bincount(codes, weights=strength, minlength=k)
    m_ties = float(len(s))
    total = float(w.sum())
    mean_w = total / m_ties if m_ties else 1.0
    if only is not None:
        ra, qa = np.asarray(only[0], np.int64), np.asarray(only[1], np.int64)
    elif k <= all_pairs or not m_ties:
        ra, qa = np.triu_indices(k)
    else:
        # tied pairs + pairs with enough expected ties (only groups with ties can qualify)
        active = np.flatnonzero(dg > 0)
        order = active[np.argsort(-dg[active], kind="mergesort")]
        parts_r, parts_q = [obs.index.get_level_values(0).to_numpy(np.int64)], \
            [obs.index.get_level_values(1).to_numpy(np.int64)]
        neg_sorted = -dg[order]
        for i, r in enumerate(order):
            need = min_expected * 2.0 * m_ties / dg[r]
            stop = int(np.searchsorted(neg_sorted, -need, side="right"))  # degrees >= need
            qs = order[i:stop]
            if len(qs) == 0:
                break
            parts_r.append(np.full(len(qs), r))
            parts_q.append(qs)
        ra = np.concatenate(parts_r)
        qa = np.concatenate(parts_q)
        ra, qa = np.minimum(ra, qa), np.maximum(ra, qa)
        keys = np.unique(ra * k + qa)
        ra, qa = keys // k, keys % k
    key = pd.MultiIndex.from_arrays([ra, qa])
    o = obs.reindex(key)
    ties = o["size"].fillna(0).to_numpy().astype(np.int64)
    stg = o["sum"].fillna(0.0).to_numpy(float)
    factor = np.where(ra == qa, 4.0, 2.0)
    if m_ties:
        e_cnt = dg[ra] * dg[qa] / (factor * m_ties)
        e_str = sg[ra] * sg[qa] / (factor * total)
    else:
        e_cnt = e_str = np.zeros(len(ra))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(e_str > 0, stg / np.where(e_str > 0, e_str, 1), np.nan)
        z = np.where(e_str > 0, (stg - e_str) / np.sqrt(mean_w * np.where(e_str > 0, e_str, 1)), np.nan)
    lab = np.asarray(labels, dtype=object)
    out = pd.DataFrame({"group_a": lab[ra] if len(ra) else [], "group_b": lab[qa] if len(qa) else [],
                        "ties": ties, "expected_ties": e_cnt, "strength": stg,
                        "expected_strength": e_str, "ratio": ratio, "z": z})
    out.attrs["null_model"] = "configuration model: E_rs = d_r d_s / (2S), E_rr = d_r^2 / (4S)"
    out.attrs["group_strength"] = dict(zip(labels, sg.tolist()))
    out.attrs["total_strength"] = total
    return out


def _matrix(pairs: pd.DataFrame, column: str, labels: list[Any], limit: int = 100) -> pd.DataFrame:
    """Square matrix over the ``limit`` groups with most strength (all when fewer)."""
    group_strength = pairs.attrs.get("group_strength")
    total = pairs.attrs.get("total_strength")
    if len(labels) > limit:
        weight = pd.concat([pairs.groupby("group_a")["strength"].sum(),
                            pairs.groupby("group_b")["strength"].sum()]).groupby(level=0).sum()
        keep = set(weight.sort_values(ascending=False, kind="mergesort").index[:limit])
        labels = [lab for lab in labels if lab in keep]
        pairs = pairs[pairs["group_a"].isin(keep) & pairs["group_b"].isin(keep)]
    index = {lab: i for i, lab in enumerate(labels)}
    a = np.array([index[x] for x in pairs["group_a"]], dtype=np.int64)
    b = np.array([index[x] for x in pairs["group_b"]], dtype=np.int64)
    mat = np.zeros((len(labels), len(labels)))
    if column == "expected_strength" and group_strength is not None and total:
        sg = np.array([group_strength[lab] for lab in labels])
        mat = np.outer(sg, sg) / (2.0 * total)
        mat[np.diag_indices_from(mat)] /= 2.0
        return pd.DataFrame(mat, index=labels, columns=labels)
    vals = pairs[column].to_numpy(float)
    mat[a, b] = vals
    mat[b, a] = vals
    return pd.DataFrame(mat, index=labels, columns=labels)


def _bridging(eco: Ecosystem, codes: np.ndarray, top: int) -> dict[tuple[int, int], list[tuple[int, float]]]:
    """Per pair of groups: the partners with the most strength across it."""
    t = eco.undirected_ties
    s = t["source_index"].to_numpy(np.int64)
    d = t["target_index"].to_numpy(np.int64)
    w = t["strength"].to_numpy(float)
    cross = codes[s] != codes[d]
    if not cross.any():
        return {}
    s, d, w = s[cross], d[cross], w[cross]
    frame = pd.DataFrame({"p": np.concatenate([s, d]),
                          "lo": np.concatenate([np.minimum(codes[s], codes[d])] * 2),
                          "hi": np.concatenate([np.maximum(codes[s], codes[d])] * 2),
                          "w": np.concatenate([w, w])})
    agg = frame.groupby(["lo", "hi", "p"], sort=True)["w"].sum().reset_index()
    agg = agg.sort_values(["lo", "hi", "w", "p"], ascending=[True, True, False, True], kind="mergesort")
    agg = agg.groupby(["lo", "hi"], sort=False).head(top)
    out: dict[tuple[int, int], list[tuple[int, float]]] = {}
    for lo, hi, p, w in zip(agg["lo"].tolist(), agg["hi"].tolist(), agg["p"].tolist(),
                            agg["w"].astype(float).tolist()):
        out.setdefault((int(lo), int(hi)), []).append((int(p), w))
    return out


@dataclass
class CommunityGapsResult:
    """Community-by-community mixing, observed vs expected, and the gaps.

    ``pairs``: one row per pair of different communities (``community_a < community_b``)
    with ``ties, expected_ties, strength, expected_strength, ratio, z, gap, relative_ratio,
    bridges, bridge_names, bridge_strength`` (``relative_ratio`` = ratio divided by the
    ratio of all between-community ties together: below 1 = weaker than a typical pair); ``gaps``: the gap rows, most under-connected
    (lowest z) first; ``ties_matrix`` / ``strength_matrix`` / ``expected_matrix``:
    square DataFrames (diagonal = ties inside a community).
    """

    pairs: pd.DataFrame
    gaps: pd.DataFrame
    ties_matrix: pd.DataFrame
    strength_matrix: pd.DataFrame
    expected_matrix: pd.DataFrame
    params: dict[str, Any] = field(default_factory=dict)


def _is_gap(table: pd.DataFrame, max_ratio: float, min_expected: float) -> pd.Series:
    """The gap rule: observed at most ``max_ratio`` of expected, ``min_expected`` ties expected."""
    return ((table["ratio"] <= max_ratio) & (table["expected_ties"] >= min_expected)
            ).fillna(False).astype(bool)


def _check_gap_thresholds(max_ratio: float, min_expected: float) -> None:
    if not max_ratio >= 0:
        raise InvalidParameterError(f"max_ratio must be >= 0, got {max_ratio!r}")
    if not min_expected >= 0:
        raise InvalidParameterError(f"min_expected must be >= 0, got {min_expected!r}")


def community_gap_pairs(eco: Ecosystem, partition: Partition, *, max_ratio: float = 0.5,
                        min_expected: float = 1.0, among: Any = None) -> set[tuple[Any, Any]]:
    """The community pairs ``(a, b)`` (``a < b``) that are gaps, as :func:`community_gaps`
    decides them, without its tables and bridging partners (cheap: one pass over the ties).

    ``among``: optional iterable of community pairs; only these are checked.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"),
    ...                             ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    >>> part = Partition(pd.Series({"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1}))
    >>> community_gap_pairs(eco, part, min_expected=0, max_ratio=0.5)
    {(0, 1)}
    """
    _check_gap_thresholds(max_ratio, min_expected)
    codes, labels = _codes(partition.membership, eco)
    only = None
    if among is not None:
        index = {lab: i for i, lab in enumerate(labels)}
        got = [(index[a], index[b]) for a, b in among if a in index and b in index and a != b]
        got = sorted({(min(a, b), max(a, b)) for a, b in got})
        if not got:
            return set()
        only = (np.array([a for a, _ in got]), np.array([b for _, b in got]))
    table = _mixing(eco, codes, labels, min_expected=min_expected, only=only)
    table = table[table["group_a"] != table["group_b"]]
    gap = table[_is_gap(table, max_ratio, min_expected)]
    return set(zip(gap["group_a"].tolist(), gap["group_b"].tolist()))


def _group_gaps(eco: Ecosystem, groups: pd.Series, *, max_ratio: float, min_expected: float,
                top_bridges: int, prefix: str):
    _check_gap_thresholds(max_ratio, min_expected)
    codes, labels = _codes(groups, eco)
    table = _mixing(eco, codes, labels, min_expected=min_expected)
    square = (table, labels)
    pairs = table[table["group_a"] != table["group_b"]].copy()
    pairs["gap"] = _is_gap(pairs, max_ratio, min_expected)
    # the same pair against the typical between-group level (1 = as linked as an average pair)
    exp_between = float(pairs["expected_strength"].sum())
    level = float(pairs["strength"].sum()) / exp_between if exp_between > 0 else float("nan")
    pairs["relative_ratio"] = pairs["ratio"] / level if level and level == level else np.nan
    bridges = _bridging(eco, codes, top_bridges)
    index = {lab: i for i, lab in enumerate(labels)}
    ids = np.asarray(eco.ids, dtype=object)
    names = eco.names.to_numpy()
    b_ids, b_names, b_str = [], [], []
    for a, b in zip(pairs["group_a"], pairs["group_b"]):
        key = (min(index[a], index[b]), max(index[a], index[b]))
        lst = bridges.get(key, [])
        b_ids.append([str(ids[p]) for p, _ in lst])
        b_names.append([str(names[p]) for p, _ in lst])
        b_str.append([float(v) for _, v in lst])
    pairs["bridges"] = b_ids
    pairs["bridge_names"] = b_names
    pairs["bridge_strength"] = b_str
    pairs = pairs.rename(columns={"group_a": f"{prefix}_a", "group_b": f"{prefix}_b"})
    pairs = pairs.reset_index(drop=True)
    gaps = pairs[pairs["gap"]].sort_values(["z", "ratio"], kind="mergesort").reset_index(drop=True)
    return pairs, gaps, square


def community_gaps(eco: Ecosystem, partition: Partition | None = None, *, max_ratio: float = 0.5,
                   min_expected: float = 1.0, top_bridges: int = 3, seed: int = 0) -> CommunityGapsResult:
    """Pairs of communities with far fewer ties than their degrees predict.

    Parameters
    ----------
    partition : Partition, optional
        Default: :func:`~ecosystem.analysis.communities.detect_communities` (Leiden, ``seed``).
    max_ratio : float, default 0.5
        A pair is a gap when observed strength is at most this share of expected ...
    min_expected : float, default 1.0
        ... and at least this many ties were expected (tiny communities are not gaps).
    top_bridges : int, default 3
        Partners listed as currently bridging each pair (most cross-strength first).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"),
    ...                             ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    >>> cg = community_gaps(eco, min_expected=0)
    >>> cg.pairs[["community_a", "community_b", "ties", "bridges"]].values.tolist()
    [[0, 1, 1, ['c', 'd']]]
    """
    if partition is None:
        from .communities import detect_communities
        partition = detect_communities(eco, seed=seed)
    pairs, gaps, (table, labels) = _group_gaps(
        eco, partition.membership, max_ratio=max_ratio, min_expected=min_expected,
        top_bridges=top_bridges, prefix="community")
    return CommunityGapsResult(
        pairs=pairs, gaps=gaps, ties_matrix=_matrix(table, "ties", labels),
        strength_matrix=_matrix(table, "strength", labels),
        expected_matrix=_matrix(table, "expected_strength", labels),
        params={"partition_method": partition.method, "partition_params": dict(partition.params),
                "max_ratio": max_ratio, "min_expected": min_expected,
                "null_model": table.attrs["null_model"], "units": "strength",
                "z": "(observed - expected) / sqrt(mean tie strength * expected)"})


# ----------------------------------------------------------------- sector gaps
def weighted_assortativity(eco: Ecosystem, groups: pd.Series, *, weighted: bool = True) -> float:
    """Newman's nominal assortativity ``r = (sum e_ii - sum a_i^2) / (1 - sum a_i^2)``.

    ``e`` is the mixing matrix of tie ends (weighted by strength unless
    ``weighted=False``, which equals igraph's ``assortativity_nominal``). NaN when every
    partner is in one group.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("c", "d"), ("a", "c")])
    >>> round(weighted_assortativity(eco, pd.Series({"a": 1, "b": 1, "c": 2, "d": 2})), 4)
    0.3333
    """
    codes, labels = _codes(groups, eco)
    k = len(labels)
    t = eco.undirected_ties
    s = t["source_index"].to_numpy(np.int64)
    d = t["target_index"].to_numpy(np.int64)
    w = t["strength"].to_numpy(float) if weighted else np.ones(len(t))
    e = np.zeros((k, k))
    np.add.at(e, (codes[s], codes[d]), w)
    np.add.at(e, (codes[d], codes[s]), w)
    total = e.sum()
    if total == 0:
        return float("nan")
    e /= total
    a = e.sum(axis=1)
    denom = 1.0 - float((a * a).sum())
    if denom <= 0:
        return float("nan")
    return float((np.trace(e) - (a * a).sum()) / denom)


@dataclass
class SectorGapsResult:
    """Sector (or any attribute) mixing, assortativity and per-community missing groups.

    ``pairs``: every pair of different values with observed/expected ties, ratio, z,
    ``gap`` and bridging partners; ``gaps``: the gap rows; ``matrix`` / ``expected_matrix``:
    square strength matrices; ``assortativity`` (weighted) and
    ``assortativity_unweighted``; ``cross_share_ties`` / ``cross_share_strength``:
    share of ties (strength) between different values; ``missing``: one row per
    community with the values (sector: helix groups) it lacks; ``unknown``: sector
    labels that map to no helix group (sector only).
    """

    attribute: str
    pairs: pd.DataFrame
    gaps: pd.DataFrame
    matrix: pd.DataFrame
    expected_matrix: pd.DataFrame
    assortativity: float
    assortativity_unweighted: float
    cross_share_ties: float
    cross_share_strength: float
    missing: pd.DataFrame
    unknown: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)


def sector_gaps(eco: Ecosystem, partition: Partition | None = None, attribute: str = "sector", *,
                helix: Mapping[str, str] | None = None, max_ratio: float = 0.5,
                min_expected: float = 1.0, min_size: int = 3, major_share: float = 0.1,
                top_bridges: int = 3, seed: int = 0, min_mapped: float = 0.5) -> SectorGapsResult:
    """Sector-by-sector (or country-by-country...) mixing and per-community missing groups.

    For ``attribute="sector"`` each community is checked against the quadruple helix
    (academia, industry, government, civil society; see :func:`helix_group`): the
    ``missing`` table lists the helix groups absent from each community of at least
    ``min_size`` partners, most gaps first. For another attribute a community "misses"
    a value held by at least ``major_share`` of all partners. For every attribute,
    ``missing_sectors`` lists the values that at least half of the communities have but
    this one lacks (a peer comparison: "every other cluster has a university, this one
    has none").

    A helix gap is claimed only for a community where at least ``min_mapped`` of the
    members have a sector that maps to the helix (``mapped_share``); sectors that map to
    no group are listed in ``unknown_sectors`` / ``unknown`` (unmapped), never as gaps.

    Examples
    --------
    >>> partners = pd.DataFrame({"id": list("abcdef"), "sector": [
    ...     "university", "company", "government", "company", "startup", "SME"]})
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"),
    ...                             ("e", "f"), ("d", "f"), ("c", "d")], partners=partners)
    >>> sg = sector_gaps(eco)
    >>> sg.missing.loc[0, ["members", "missing"]].tolist()
    [['d', 'e', 'f'], ['academia', 'government', 'civil_society']]
    """
    if min_size < 1:
        raise InvalidParameterError(f"min_size must be >= 1, got {min_size!r}")
    values = eco.sectors if attribute == "sector" else eco.attribute(attribute)
    if partition is None:
        from .communities import detect_communities
        partition = detect_communities(eco, seed=seed)
    pairs, gaps, (table, labels) = _group_gaps(
        eco, values, max_ratio=max_ratio, min_expected=min_expected,
        top_bridges=top_bridges, prefix="group")
    cross = pairs
    tot_ties = table["ties"].sum()
    tot_str = table["strength"].sum()
    cs_ties = float(cross["ties"].sum() / tot_ties) if tot_ties else float("nan")
    cs_str = float(cross["strength"].sum() / tot_str) if tot_str else float("nan")

    vals = values.copy()
    vals.index = vals.index.astype(str)
    vals = vals.reindex(eco.ids).astype(object).where(vals.reindex(eco.ids).notna(), "(missing)")
    member = partition.membership.reindex(eco.ids)
    unknown: list[str] = []
    rows = []
    grouped = pd.Series(member.index, index=member.index).groupby(member.to_numpy(), sort=True)
    big_groups = [(c, pd.Index(ids)) for c, ids in grouped if len(ids) >= min_size]
    if attribute == "sector":
        groups_of = {v: helix_group(v, helix) for v in pd.unique(vals.astype(str))}
        unknown = sorted(v for v, gname in groups_of.items() if gname is None)
        for c, ids_c in big_groups:
            member_vals = vals.loc[ids_c].astype(str)
            present_sectors = sorted(pd.unique(member_vals).tolist())
            present = [g for g in HELIX_GROUPS if any(groups_of[s] == g for s in present_sectors)]
            mapped = float(member_vals.map(lambda v: groups_of[v] is not None).mean())
            # a helix gap is claimed only where most members' sectors map to the helix
            miss = [g for g in HELIX_GROUPS if g not in present] if mapped >= min_mapped else []
            rows.append({"community": int(c), "size": int(len(ids_c)),
                         "members": [str(i) for i in ids_c[:50]],
                         "present": present, "missing": miss, "n_missing": len(miss),
                         "sectors": present_sectors,
                         "unknown_sectors": [s for s in present_sectors if groups_of[s] is None],
                         "mapped_share": mapped})
    else:
        share = vals.astype(str).value_counts(normalize=True)
        major = sorted(share.index[share >= major_share].tolist())
        for c, ids_c in big_groups:
            present = sorted(pd.unique(vals.loc[ids_c].astype(str)).tolist())
            miss = [v for v in major if v not in present]
            rows.append({"community": int(c), "size": int(len(ids_c)),
                         "members": [str(i) for i in ids_c[:50]], "present": present,
                         "missing": miss, "n_missing": len(miss), "sectors": present,
                         "unknown_sectors": [], "mapped_share": 1.0})
    # Peer comparison at the value level: a value (e.g. "university", "investor") that at
    # least half of the communities have is "missing" from a community without it.
    if rows:
        have = pd.Series([v for r in rows for v in set(r["sectors"])]).value_counts()
        common = sorted(v for v, n in have.items() if n >= len(rows) / 2
                        and v not in ("(missing)", "unknown") and v not in unknown)
    else:
        common = []
    for r in rows:
        r["missing_sectors"] = [v for v in common if v not in r["sectors"]]
        r["n_missing_sectors"] = len(r["missing_sectors"])
    missing = pd.DataFrame(rows, columns=["community", "size", "members", "present", "missing",
                                          "n_missing", "sectors", "unknown_sectors",
                                          "missing_sectors", "n_missing_sectors", "mapped_share"])
    missing = missing.sort_values(["n_missing", "n_missing_sectors", "size", "community"],
                                  ascending=[False, False, False, True],
                                  kind="mergesort").reset_index(drop=True)
    return SectorGapsResult(
        attribute=attribute, pairs=pairs, gaps=gaps,
        matrix=_matrix(table, "strength", labels),
        expected_matrix=_matrix(table, "expected_strength", labels),
        assortativity=weighted_assortativity(eco, values),
        assortativity_unweighted=weighted_assortativity(eco, values, weighted=False),
        cross_share_ties=cs_ties, cross_share_strength=cs_str, missing=missing, unknown=unknown,
        params={"attribute": attribute, "max_ratio": max_ratio, "min_expected": min_expected,
                "min_size": min_size, "major_share": major_share, "min_mapped": min_mapped,
                "helix_map": dict(helix or {}),
                "helix_groups": list(HELIX_GROUPS) if attribute == "sector" else None,
                "partition_method": partition.method, "partition_params": dict(partition.params),
                "null_model": table.attrs["null_model"]})

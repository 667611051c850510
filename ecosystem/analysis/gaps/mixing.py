"""Mixing between groups against the configuration model, and the gap rule.

Shared by :mod:`.community` and :mod:`.sector`: observed vs expected ties per pair of
groups (:func:`mixing_table`), square matrices, the partners bridging each pair, the gap
rule and nominal assortativity. The null model is described in
:mod:`ecosystem.analysis.gaps`.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ...exceptions import InvalidParameterError
from ...model import Ecosystem


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
    out.attrs["group_strength"] = SharedDict(zip(labels, sg.tolist()))
    out.attrs["total_strength"] = total
    return out


class SharedDict(dict):
    """A dict that pandas shares instead of deep-copying (``attrs`` are deep-copied on
    every operation on a frame; with thousands of communities that was 0.6 s per
    analysis on H2020). Never modified after it is made; equal to the same plain dict.

    Examples
    --------
    >>> import copy
    >>> d = SharedDict(a=1.0)
    >>> copy.deepcopy(d) is d, d == {"a": 1.0}
    (True, True)
    """

    def __deepcopy__(self, memo: dict) -> "SharedDict":
        return self


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


def _is_gap(table: pd.DataFrame, max_ratio: float, min_expected: float) -> pd.Series:
    """The gap rule: observed at most ``max_ratio`` of expected, ``min_expected`` ties expected."""
    return ((table["ratio"] <= max_ratio) & (table["expected_ties"] >= min_expected)
            ).fillna(False).astype(bool)


def _check_top(top: Any) -> None:
    """``top`` (rows of the headline tables) must be None or a whole number >= 1."""
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer))
                            or top < 1):
        raise InvalidParameterError(f"top must be a whole number >= 1 or None, got {top!r}")


def _head(table: pd.DataFrame, top: int | None) -> pd.DataFrame:
    """The first ``top`` rows of ``table`` (all of it when ``top`` is None)."""
    return table if top is None else table.head(top)


def _check_gap_thresholds(max_ratio: float, min_expected: float) -> None:
    if not max_ratio >= 0:
        raise InvalidParameterError(f"max_ratio must be >= 0, got {max_ratio!r}")
    if not min_expected >= 0:
        raise InvalidParameterError(f"min_expected must be >= 0, got {min_expected!r}")


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

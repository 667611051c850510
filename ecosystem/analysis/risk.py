"""The partner risk matrix: impact if a partner left x likelihood that it might.

**Impact** (from the fragility analysis, per partner, each signal divided by its largest
value in the ecosystem so the worst partner on a signal scores 1; ``cut_off`` and
``dependents`` both count partners and share one scale, the largest of either, so one
dependent never weighs as much as nine partners cut off):

* ``cut_off``: partners disconnected from the rest if it left (reach lost);
* ``sole_links``: other communities whose only tie(s) to its own community are its own
  ("holds N communities together" with N = sole_links + 1);
* ``dependents``: partners that owe more than half of their tie strength to it (in
  components of 3 or more partners: the two ends of an isolated pair only depend on each
  other);
* ``paths_through``: its betweenness (share of shortest paths between others that run
  through it: the reach and efficiency the others lose when it goes).

``impact`` = the largest of the four normalised signals (0-1): a partner is as critical
as the worst thing its exit would do.

**Likelihood** signals, each 0-1 (missing when there is no information):

* ``low_trust`` / ``low_value``: ``(top - s) / (top - bottom)`` for the mean survey score
  ``s`` of its ties (latest wave, symmetrised) on the survey scale;
* ``one_sided``: share of its surveyed ties that are one-sided or unconfirmed;
* ``no_redundancy``: share of its ties that are bridges (no other path);
* ``dormant``: 1 when it has had no relation in the last ``dormant_periods`` periods;
* ``user_risk``: a partner column (``risk_column``), 0-1 as given, else divided by its
  maximum.

``likelihood`` = mean of the available signals. **Quadrants** (thresholds ``impact_at``,
``likelihood_at``): *act now* (high impact, high likelihood), *keep close* (high impact,
low likelihood), *watch* (low impact, high likelihood), *stable*.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..exceptions import InvalidParameterError

QUADRANTS = ("act_now", "keep_close", "watch", "stable")
LIKELIHOOD_SIGNALS = ("low_trust", "low_value", "one_sided", "no_redundancy", "dormant",
                      "user_risk")
IMPACT_SIGNALS = ("cut_off", "sole_links", "dependents", "paths_through")


@dataclass
class RiskResult:
    """Risk matrix of one ecosystem.

    Attributes
    ----------
    table : DataFrame
        Indexed by partner id: ``name, sector, community, impact, likelihood, quadrant``,
        the impact signals (``cut_off, sole_links, communities_held, dependents``), the
        likelihood signals (``low_trust, low_value, one_sided, no_redundancy, dormant,
        user_risk``; NaN = no information), ``last_active`` (the period of its latest
        dated relation, e.g. "2019"), ``signals`` (how many likelihood signals
        were available), ``weakest_item`` / ``weakest_score`` (its lowest-rated survey
        item as rated by others). Sorted by quadrant, then impact x likelihood.
    params : dict
    """

    table: pd.DataFrame
    params: dict[str, Any] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        vc = self.table["quadrant"].value_counts()
        return {q: int(vc.get(q, 0)) for q in QUADRANTS}


def _sole_links(eco: Any, membership: pd.Series | None) -> np.ndarray:
    n = eco.n_partners
    out = np.zeros(n, dtype=int)
    if membership is None or not len(membership):
        return out
    ids = eco.ids.astype(str)
    comm = pd.Series(membership).astype(str).reindex(ids).to_numpy()
    ut = eco.undirected_ties
    s = ut["source_index"].to_numpy(np.int64)
    t = ut["target_index"].to_numpy(np.int64)
    keep = (s != t) & pd.notna(comm[s]) & pd.notna(comm[t]) & (comm[s] != comm[t])
    if not keep.any():
        return out
    s, t = s[keep], t[keep]
    ends = pd.DataFrame({"v": np.concatenate([s, t]),
                         "own": np.concatenate([comm[s], comm[t]]),
                         "other": np.concatenate([comm[t], comm[s]])})
    k = ends.groupby(["v", "own", "other"]).size().rename("k").reset_index()
    total = ends.groupby(["own", "other"]).size().rename("total")
    k = k.join(total, on=["own", "other"])
    sole = k[k["k"] == k["total"]].groupby("v").size()
    out[sole.index.to_numpy(np.int64)] = sole.to_numpy()
    return out


def _period_ordinals(dates: pd.Series, code: str) -> np.ndarray:
    """Each date's period number (``Period.ordinal``: consecutive periods differ by 1) as
    float, NaN for a missing date; vectorised (the per-element ``Period.ordinal`` took
    4.9 s on H2020's 1.09M relations).

    Examples
    --------
    >>> d = pd.Series(pd.to_datetime(["2020-03-01", None, "2022-12-31"]))
    >>> _period_ordinals(d, "Y").tolist()  # years since 1970
    [50.0, nan, 52.0]
    """
    per = dates.dt.to_period(code)
    ordinal = per.array.asi8.astype(float)
    ordinal[per.isna().to_numpy()] = np.nan
    return ordinal


def _dormant(eco: Any, periods: int, freq: str) -> tuple[np.ndarray, np.ndarray]:
    """Per partner: 1.0 when its latest activity is ``periods`` or more periods before the
    data's latest start, else 0.0 (NaN: no dated relation); and the period of that latest
    activity ("2019", "2019Q3", "2019-07"; None when undated). A relation with an ``end``
    (a project running to 2022) is active until then: a project still running when the
    data ends is no sign of a partner drifting away."""
    from .. import schema as S
    from ..model import relation_dates

    n = eco.n_partners
    rel = eco.relations
    start_col = next((c for c in (S.START, S.DATE, S.YEAR) if c in rel), None)
    starts = relation_dates(rel, start_col) if start_col else None
    ends = relation_dates(rel, S.END) if S.END in rel and S.END != start_col else None
    dates = starts if ends is None else (ends if starts is None else ends.fillna(starts))
    if dates is None or dates.isna().all():
        return np.full(n, np.nan), np.full(n, None, dtype=object)
    code = {"year": "Y", "quarter": "Q", "month": "M"}[freq]
    ordinal = _period_ordinals(dates, code)
    # "now" is the data's latest start (its last observed period); an end after it counts
    # as active now
    now = _period_ordinals(starts, code) if starts is not None and starts.notna().any() \
        else ordinal
    ordinal = np.minimum(ordinal, np.nanmax(now))
    idx = pd.Index(eco.ids.astype(str))
    src = idx.get_indexer(eco.relations["source"].astype(str))
    dst = idx.get_indexer(eco.relations["target"].astype(str))
    last = np.full(n, -np.inf)
    ok = ~np.isnan(ordinal)
    np.maximum.at(last, src[ok], ordinal[ok])
    np.maximum.at(last, dst[ok], ordinal[ok])
    latest = np.nanmax(ordinal)
    out = np.where(np.isinf(last), np.nan, (latest - last >= periods).astype(float))
    label = np.full(n, None, dtype=object)
    seen = np.flatnonzero(np.isfinite(last))
    if len(seen):
        names = pd.PeriodIndex.from_ordinals(last[seen].astype(np.int64), freq=code).astype(str)
        label[seen] = np.asarray(names, dtype=object)
    return out, label


def risk_matrix(eco: Any, fragility: Any, *, trust: Any = None, partition: Any = None,
                centrality: pd.DataFrame | None = None, impact_at: float = 0.5, likelihood_at: float = 0.35, dormant_periods: int = 2,
                freq: str = "year", risk_column: str | None = None) -> RiskResult:
    """Place every partner with at least one tie on the impact x likelihood matrix.

    Parameters
    ----------
    eco : Ecosystem
    fragility : FragilityResult
        From :func:`~ecosystem.analysis.fragility.fragility` (cut-offs, bridges, dependency).
    trust : TrustResult, optional
        Survey scores (low trust/value, one-sided ties); without it those signals are missing.
    partition : Partition, optional
        Communities (for ``sole_links``).
    centrality : DataFrame, optional
        Per-partner table with ``betweenness`` (for ``paths_through``).
    impact_at, likelihood_at : float
        Thresholds of "high" (defaults 0.5 and 0.35).
    dormant_periods : int
        No relation in this many periods (``freq``) counts as dormant (0 = off).
    risk_column : str, optional
        A numeric partner column with the user's own risk rating.

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.analysis.fragility import fragility
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    >>> r = risk_matrix(eco, fragility(eco))
    >>> r.table.loc["c", ["cut_off", "dependents"]].tolist(), float(r.table.loc["c", "impact"])
    ([1, 1], 1.0)
    >>> r.table.loc["c", "quadrant"], r.table.loc["d", "quadrant"], r.table.loc["a", "quadrant"]
    ('keep_close', 'watch', 'stable')
    """
    for name, v in (("impact_at", impact_at), ("likelihood_at", likelihood_at)):
        if not 0 <= v <= 1:
            raise InvalidParameterError(f"{name} must be between 0 and 1, got {v!r}")
    if dormant_periods < 0:
        raise InvalidParameterError(f"dormant_periods must be >= 0, got {dormant_periods!r}")
    if freq not in ("year", "quarter", "month"):
        raise InvalidParameterError(f"freq must be year, quarter or month, got {freq!r}")
    ids = pd.Index(eco.ids.astype(str), name="id")
    n = len(ids)
    ap = getattr(fragility, "articulation_points", None)
    cut = np.zeros(n, dtype=int)
    if isinstance(ap, pd.DataFrame) and len(ap):
        cut[ids.get_indexer(ap.index.astype(str))] = ap["cut_off"].to_numpy(int)
    dep = getattr(fragility, "dependency", None)
    dependents = np.zeros(n, dtype=int)
    degree = np.zeros(n, dtype=int)
    if isinstance(dep, pd.DataFrame) and len(dep):
        degree[ids.get_indexer(dep.index.astype(str))] = dep["degree"].to_numpy(int)
        d = dep[dep["dependent"] & dep["top_partner"].notna()]
        comps = getattr(fragility, "components", None)
        if isinstance(comps, pd.DataFrame) and len(comps):
            # a dyad's two partners depend on each other, not the ecosystem on them: count
            # dependents in components of 3 or more partners only
            small = {str(i) for m, size in zip(comps["members"], comps["size"]) if size <= 2
                     for i in m}
            d = d[~d.index.astype(str).isin(small)]
        cnt = d["top_partner"].astype(str).value_counts()
        dependents[ids.get_indexer(cnt.index)] = cnt.to_numpy()
    membership = getattr(partition, "membership", None)
    sole = _sole_links(eco, membership)
    table = pd.DataFrame({"name": eco.names.astype(str).to_numpy(),
                          "sector": eco.sectors.astype(str).to_numpy()}, index=ids)
    table["community"] = (pd.Series(membership).reindex(ids).to_numpy()
                          if membership is not None else np.nan)
    table["degree"] = degree
    table["cut_off"] = cut
    table["sole_links"] = sole
    table["communities_held"] = np.where(sole > 0, sole + 1, 0)
    table["dependents"] = dependents
    btw = np.zeros(n)
    if isinstance(centrality, pd.DataFrame) and "betweenness" in centrality:
        btw = pd.to_numeric(centrality["betweenness"].reindex(ids), errors="coerce").fillna(0.0).to_numpy()
    table["paths_through"] = btw
    norm = []
    # cut_off and dependents both count partners: one scale, the largest of either
    partners_top = max(table["cut_off"].max(), table["dependents"].max()) if n else 0
    for col in IMPACT_SIGNALS:
        top = partners_top if col in ("cut_off", "dependents") else table[col].max()
        norm.append((table[col] / top if top > 0 else table[col] * 0.0).to_numpy(float))
    table["impact"] = np.max(np.vstack(norm), axis=0) if n else np.zeros(0)
    # likelihood signals
    br = getattr(fragility, "bridges", None)
    nb = np.zeros(n)
    if isinstance(br, pd.DataFrame) and len(br):
        ends = pd.concat([br["source"], br["target"]]).astype(str).value_counts()
        nb[ids.get_indexer(ends.index)] = ends.to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        table["no_redundancy"] = np.where(degree > 0, nb / np.maximum(degree, 1), np.nan)
    table["dormant"], table["last_active"] = (_dormant(eco, dormant_periods, freq)
                                              if dormant_periods else (np.nan, None))
    table["low_trust"] = np.nan
    table["low_value"] = np.nan
    table["one_sided"] = np.nan
    table["weakest_item"] = None
    table["weakest_score"] = np.nan
    table["answered_survey"] = None
    if trust is not None:
        latest = trust.ties[(trust.ties["wave"] == trust.latest) & trust.ties["scored"]]
        ends = pd.DataFrame({"id": pd.concat([latest["a"], latest["b"]]).to_numpy(),
                             "trust": np.tile(latest["trust"].to_numpy(float), 2),
                             "value": np.tile(latest["value"].to_numpy(float), 2)})
        g = ends.groupby("id")
        for score in ("trust", "value"):
            lo, hi = trust.params[f"{score}_scale"]
            mean = g[score].mean().reindex(ids)
            table[f"low_{score}"] = ((hi - mean) / (hi - lo)).to_numpy()
        p = trust.partners.reindex(ids)
        table["answered_survey"] = p["responded"].to_numpy()
        surveyed = p["ties"].fillna(0).to_numpy(float)
        weak = (p["one_sided"].fillna(0) + p["unconfirmed"].fillna(0)).to_numpy(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            table["one_sided"] = np.where(surveyed > 0, weak / np.maximum(surveyed, 1), np.nan)
        item_cols = [c for c in p.columns if c.endswith("_received") and c.split("_")[0] in
                     ("reliability", "mission", "openness", "power", "involvement", "resources")]
        if not item_cols:  # only a direct trust / value question was asked
            item_cols = [c for c in ("trust_received", "value_received")
                         if c in p and p[c].notna().any()]
        if item_cols:
            vals = p[item_cols]
            has = vals.notna().any(axis=1)
            table.loc[has, "weakest_item"] = vals[has].idxmin(axis=1).str.replace(
                "_received", "", regex=False)
            table.loc[has, "weakest_score"] = vals[has].min(axis=1)
    table["user_risk"] = np.nan
    if risk_column:
        if risk_column not in eco.partners:
            raise InvalidParameterError(f"risk column {risk_column!r} is not a partner column "
                                        f"(columns: {', '.join(map(str, eco.partners.columns))})")
        raw = pd.to_numeric(eco.attribute(risk_column).reindex(ids), errors="coerce")
        if (raw < 0).any():
            raise InvalidParameterError(f"risk column {risk_column!r} must not be negative")
        top = raw.max()
        table["user_risk"] = (raw if top <= 1 else raw / top).to_numpy()
    sig = table[list(LIKELIHOOD_SIGNALS)]
    table["signals"] = sig.notna().sum(axis=1)
    table["likelihood"] = sig.mean(axis=1).fillna(0.0)
    table = table[table["degree"] > 0].copy()
    hi_i = table["impact"] >= impact_at - 1e-12
    hi_l = table["likelihood"] >= likelihood_at - 1e-12
    table["quadrant"] = np.select([hi_i & hi_l, hi_i & ~hi_l, ~hi_i & hi_l],
                                  ["act_now", "keep_close", "watch"], "stable")
    order = {q: i for i, q in enumerate(QUADRANTS)}
    table["_q"] = table["quadrant"].map(order)
    table["_r"] = -(table["impact"] * table["likelihood"]) - 1e-6 * table["impact"]
    table = table.sort_values(["_q", "_r"], kind="mergesort").drop(columns=["_q", "_r"])
    front = ["name", "sector", "community", "quadrant", "impact", "likelihood"]
    table = table[front + [c for c in table.columns if c not in front]]
    params = {"impact_at": impact_at, "likelihood_at": likelihood_at,
              "dormant_periods": dormant_periods, "freq": freq, "risk_column": risk_column,
              "survey": trust is not None}
    return RiskResult(table=table, params=params)


def _why_likely(r: Any, t: Any) -> str:
    """The warning signs of one risk-table row in words (``t``: a translator)."""
    why = []
    item = r.get("weakest_item")
    if isinstance(item, str) and pd.notna(r.get("low_trust")) and (
            r.get("low_trust", 0) >= 0.4 or r.get("low_value", 0) >= 0.4):
        why.append(t("risk_low_item", item=t(f"item_{item}"),
                     score=f"{float(r['weakest_score']):.3g}"))  # as the table shows it
    if r.get("answered_survey") is False or r.get("answered_survey") is np.False_:
        why.append(t("risk_no_answer"))
    elif pd.notna(r.get("one_sided")) and r["one_sided"] >= 0.5:
        why.append(t("risk_one_sided", share=f"{float(r['one_sided']) * 100:.0f}%"))
    if pd.notna(r.get("no_redundancy")) and r["no_redundancy"] >= 0.5:
        degree = int(r.get("degree", 0))
        why.append(t("risk_no_redundancy_one") if degree == 1 else t(
            "risk_no_redundancy", k=int(round(float(r["no_redundancy"]) * degree)), n=degree))
    if pd.notna(r.get("dormant")) and r["dormant"] >= 1:
        last = r.get("last_active")
        why.append(t("risk_dormant_since", last=last) if isinstance(last, str)
                   else t("risk_dormant"))
    if pd.notna(r.get("user_risk")) and r["user_risk"] >= 0.5:
        why.append(t("risk_user"))
    if why:
        return t("risk_sep").join(why)
    score = float(r["likelihood"])
    return t("risk_signals", value=f"{score:.3g}") if score > 0 else t("risk_no_signs")


def warning_signs(result: RiskResult, lang: str = "en",
                  partners: Any = None) -> pd.Series:
    """Each partner's warning signs in words (the ``likelihood`` explained), by partner id.

    ``partners``: the ids to explain (default: the partners whose warning signs reach the
    threshold, *act now* and *watch*).

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.analysis.fragility import fragility
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    >>> warning_signs(risk_matrix(eco, fragility(eco))).to_dict()
    {'d': 'its only tie has no alternative path'}
    """
    from ..i18n import translator

    t = translator(lang)
    tab = result.table
    ids = (tab.index[tab["quadrant"].isin(["act_now", "watch"]).to_numpy()] if partners is None
           else pd.Index(partners))
    rows = tab.loc[ids].to_dict("records")  # one look-up, not one per partner
    return pd.Series([_why_likely(r, t) for r in rows], index=ids, name="signs", dtype=object)


def risk_findings(result: RiskResult, lang: str = "en", top: int = 3) -> list[str]:
    """Plain sentences for the partners to act on first (impact and why it is likely).

    Examples
    --------
    >>> t = pd.DataFrame({"name": ["X"], "quadrant": ["act_now"], "impact": [1.0],
    ...     "likelihood": [0.5], "cut_off": [4], "communities_held": [3], "dependents": [0],
    ...     "weakest_item": ["reliability"], "weakest_score": [1.5], "low_trust": [0.6],
    ...     "one_sided": [0.0], "no_redundancy": [0.0], "dormant": [0.0], "user_risk": [None],
    ...     "low_value": [0.2]}, index=["x"])
    >>> risk_findings(RiskResult(t))[0]
    'X holds 3 communities together and would cut off 4 partners if it left; its ties are rated low on reliability (1.5 on average).'
    """
    from ..i18n import translator

    t = translator(lang)
    tab = result.table
    rows = tab[tab["quadrant"] == "act_now"].head(top)
    out = []
    for _, r in rows.iterrows():
        parts = []
        if r.get("communities_held", 0) >= 2:
            parts.append(t("risk_holds", n=int(r["communities_held"])))
        if r.get("cut_off", 0) >= 1:
            n = int(r["cut_off"])
            parts.append(t("risk_cuts_one") if n == 1 else t("risk_cuts", n=n))
        if r.get("dependents", 0) >= 1 and len(parts) < 2:
            n = int(r["dependents"])
            parts.append(t("risk_dependents_one") if n == 1 else t("risk_dependents", n=n))
        impact = t("risk_and").join(parts) if parts else t("risk_central")
        reason = _why_likely(r, t)
        out.append(t("risk_finding", name=str(r["name"]), impact=impact, why=reason))
    return out


__all__ = ["RiskResult", "risk_matrix", "risk_findings", "warning_signs", "QUADRANTS", "LIKELIHOOD_SIGNALS",
           "IMPACT_SIGNALS"]

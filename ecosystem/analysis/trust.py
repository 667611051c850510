"""Trust and value of relationships, from a relational survey (PARTNER Tool method).

Each respondent rates each partner it works with on trust items (reliability, shared
mission, openness to discussion) and value items (power/influence, level of
involvement, resource contribution), 1-4. From these answers (an
:class:`~ecosystem.io.survey.Survey`):

* a **directed rating** A -> B: ``trust`` = mean of A's answered trust items about B,
  ``value`` likewise (a direct ``trust``/``value`` question is used when the six items
  are not asked);
* an **undirected tie** {A, B} by a declared rule: ``mean``, ``min``, ``max`` of the two
  directions, or ``respondent`` (the view of the organisations in ``perspective``
  wherever they are one end; the mean elsewhere). A tie with one rating takes it;
* **reciprocity**: ``mutual`` (both rated each other), ``one-sided`` (both answered the
  survey, only one named the other), ``unconfirmed`` (the other did not answer);
* **non-response**: ``use`` (default: ties to non-respondents rest on their partners'
  reports), ``exclude`` (drop ratings of non-respondents) or ``mutual`` (score mutual
  ties only). Every score carries the number of ratings it rests on;
* scores per tie, per partner (as rated by others, as it rates others), per community
  and sector, and for the network (mean, and mean as a share of the scale maximum);
* **perception gaps** (mutual pairs whose two answers differ by >= ``gap`` on a trust or
  value item; collaboration frequency is not a judgement and is left out),
  **trust bridges** (strong-trust ties that are the only tie between two communities)
  and changes between survey waves.

All computations are vectorised pandas group-bys (a 20,000-rating survey scores in well
under a second). Formulas and sources: docs/trust.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import pandas as pd

from ..exceptions import InvalidParameterError
from ..io.survey import INDICATORS, TRUST_ITEMS, VALUE_ITEMS, Survey

RULES = ("mean", "min", "max", "respondent")
NON_RESPONSE = ("use", "exclude", "mutual")
SCORES = ("trust", "value")


@dataclass
class TrustResult:
    """Trust and value scores of one survey (every wave), for one ecosystem.

    Attributes
    ----------
    directed : DataFrame
        One row per rating A -> B and wave: ``wave, rater, ratee, rater_name,
        ratee_name``, one column per indicator, ``trust, value, n_items``.
    ties : DataFrame
        One row per rated pair and wave (``a < b``): ``status`` (mutual / one-sided /
        unconfirmed), ``scored`` (kept by the non-response option), ``n_ratings``,
        ``trust_ab, trust_ba, value_ab, value_ba`` and the symmetrised ``trust, value``
        and items, ``in_network`` (the pair is a tie of the ecosystem).
    partners : DataFrame
        Latest wave, indexed by partner id: ``responded``, ``trust_received,
        value_received, n_received`` (as rated by others), ``trust_given, value_given,
        n_given`` (as it rates others), ``<item>_received``, ``ties, mutual, one_sided,
        unconfirmed``.
    groups : DataFrame
        Latest wave, per community and sector: ``kind, group, ties, n_ratings, trust,
        value, trust_share, value_share, within_ties, trust_within``.
    network : DataFrame
        One row per wave: ``invited, respondents, response_rate, ties, mutual,
        one_sided, unconfirmed, scored_ties, n_ratings, trust, value, trust_share,
        value_share`` (share = mean / scale maximum, as in PARTNER).
    gaps : DataFrame
        Perception gaps: ``wave, a, b, a_name, b_name, indicator, a_rates_b, b_rates_a, gap``.
    bridges : DataFrame
        Trust bridges (latest wave): ``a, b, a_name, b_name, community_a, community_b,
        trust, n_ratings, graph_bridge``.
    partner_changes, tie_changes : DataFrame
        First vs last wave per partner (received scores) and per tie.
    params : dict
    """

    directed: pd.DataFrame
    ties: pd.DataFrame
    partners: pd.DataFrame
    groups: pd.DataFrame
    network: pd.DataFrame
    gaps: pd.DataFrame
    bridges: pd.DataFrame
    partner_changes: pd.DataFrame
    tie_changes: pd.DataFrame
    waves: list[str] = field(default_factory=list)
    scales: dict[str, tuple[float, float]] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def latest(self) -> str:
        return self.waves[-1]

    def summary(self) -> dict[str, Any]:
        """Network scores of the latest wave (JSON-ready numbers)."""
        row = self.network.loc[self.latest]
        return {k: (None if pd.isna(v) else (float(v) if isinstance(v, (float, np.floating))
                                             else int(v) if isinstance(v, (int, np.integer)) else v))
                for k, v in row.items()}


def _check(rule: str, non_response: str, gap: float) -> None:
    if rule not in RULES:
        raise InvalidParameterError(f"rule must be one of {', '.join(RULES)}, got {rule!r}")
    if non_response not in NON_RESPONSE:
        raise InvalidParameterError(f"non_response must be one of {', '.join(NON_RESPONSE)}, "
                                    f"got {non_response!r}")
    if not gap > 0:
        raise InvalidParameterError(f"gap must be > 0 points, got {gap!r}")


def directed_ratings(survey: Survey, names: pd.Series | None = None) -> pd.DataFrame:
    """One row per rating A -> B and wave, with its trust and value scores.

    ``trust`` is the mean of the answered trust items (reliability, mission, openness);
    when none was asked for that rating, the direct ``trust`` answer. ``value`` likewise.

    Examples
    --------
    >>> r = pd.DataFrame({"wave": "1", "respondent": "A", "partner": "B",
    ...                   "indicator": ["reliability", "mission", "openness"],
    ...                   "value": [4.0, 3.0, 2.0], "row": 2})
    >>> s = Survey(r, pd.DataFrame({"wave": ["1"], "respondent": ["A"]}), ["1"], {})
    >>> float(directed_ratings(s).loc[0, "trust"])
    3.0
    """
    r = survey.ratings
    wide = r.set_index(["wave", "respondent", "partner", "indicator"])["value"].unstack("indicator")
    wide = wide.reindex(columns=[i for i in INDICATORS if i in wide.columns])
    out = wide.reset_index().rename(columns={"respondent": "rater", "partner": "ratee"})
    out.columns.name = None
    for score, items in (("trust", TRUST_ITEMS), ("value", VALUE_ITEMS)):
        cols = [c for c in items if c in out]
        composite = out[cols].mean(axis=1) if cols else pd.Series(np.nan, index=out.index)
        if score in out:
            composite = composite.fillna(out[score])
        out[f"{score}_score"] = composite
    item_cols = [c for c in INDICATORS if c in out and c not in SCORES]
    out["n_items"] = out[item_cols + [c for c in SCORES if c in out]].notna().sum(axis=1)
    for score in SCORES:
        if score in out:
            out[f"{score}_answer"] = out.pop(score)
        out[score] = out.pop(f"{score}_score")
    out = out[out["n_items"] > 0].reset_index(drop=True)
    if names is not None:
        out.insert(3, "rater_name", names.reindex(out["rater"]).to_numpy())
        out.insert(4, "ratee_name", names.reindex(out["ratee"]).to_numpy())
    return out


def _combine(ab: pd.Series, ba: pd.Series, rule: str, a_first: np.ndarray | None) -> pd.Series:
    both = pd.concat([ab, ba], axis=1)
    if rule == "min":
        return both.min(axis=1)
    if rule == "max":
        return both.max(axis=1)
    mean = both.mean(axis=1)
    if rule == "respondent" and a_first is not None:
        # perspective end's own view where it is one end (and rated); else the mean
        pick_a = a_first == 1
        pick_b = a_first == 2
        mean = mean.where(~(pick_a & ab.notna()), ab).where(~(pick_b & ba.notna()), ba)
    return mean


def trust_scores(survey: Survey, eco: Any = None, *, rule: str = "mean", non_response: str = "use",
                 partition: Any = None, fragility: Any = None, perspective: Sequence[str] = (),
                 gap: float = 2.0, strong: float | None = None,
                 invited: Sequence[str] | str = "named") -> TrustResult:
    """Score trust and value per tie, partner, community, sector and network, per wave.

    Parameters
    ----------
    survey : Survey
        From :func:`~ecosystem.io.survey.read_survey` (read against ``eco``).
    eco : Ecosystem, optional
        For names, sectors, ``in_network`` and (with ``partition``) community scores.
    rule : {"mean", "min", "max", "respondent"}
        How the two directions of a tie become one value (see module notes).
    non_response : {"use", "exclude", "mutual"}
        ``use``: ties to non-respondents rest on their partners' reports; ``exclude``:
        ratings of organisations that did not answer that wave are dropped; ``mutual``:
        only ties both sides rated are scored.
    partition : Partition, optional
        Communities for group scores and trust bridges.
    fragility : FragilityResult, optional
        Marks trust bridges that are also graph bridges.
    perspective : sequence of str
        Partner ids whose own view wins under ``rule="respondent"``.
    gap : float, default 2
        Perception gap threshold in answer points.
    strong : float, optional
        "Strong trust" for bridges (default: two thirds up the trust scale, 3 on 1-4).
    invited : "named", "all" or a list of ids
        Who was asked to answer (the response-rate denominator): everyone the wave's
        survey names (default), every partner of ``eco``, or a list.

    Examples
    --------
    >>> r = pd.DataFrame({"wave": "1", "respondent": ["A", "B", "A"],
    ...                   "partner": ["B", "A", "C"], "indicator": "trust",
    ...                   "value": [4.0, 2.0, 3.0], "row": [2, 3, 4]})
    >>> s = Survey(r, r[["wave", "respondent"]].drop_duplicates(), ["1"], {"trust": (1.0, 4.0)})
    >>> res = trust_scores(s, rule="min")
    >>> res.ties[["a", "b", "status", "trust"]].values.tolist()
    [['A', 'B', 'mutual', 2.0], ['A', 'C', 'unconfirmed', 3.0]]
    >>> float(res.network.loc["1", "trust"]), float(res.network.loc["1", "response_rate"])
    (2.5, 0.6666666666666666)
    """
    _check(rule, non_response, gap)
    if rule == "respondent" and not perspective:
        raise InvalidParameterError("rule 'respondent' needs perspective: the partner id(s) "
                                    "whose own view the ties take (survey.perspective)")
    names = None
    if eco is not None:
        names = pd.Series(eco.names.astype(str).to_numpy(), index=eco.ids.astype(str))
    scales = dict(survey.scales)
    t_lo, t_hi = _scale_of(scales, TRUST_ITEMS + ("trust",))
    v_lo, v_hi = _scale_of(scales, VALUE_ITEMS + ("value",))
    strong = t_lo + 2 * (t_hi - t_lo) / 3 if strong is None else float(strong)
    d = directed_ratings(survey, names)
    waves = list(survey.waves)
    responded = survey.responded
    resp_set = set(zip(responded["wave"], responded["respondent"])) | set(zip(d["wave"], d["rater"]))
    d["ratee_responded"] = [(w, p) in resp_set for w, p in zip(d["wave"], d["ratee"])]
    items = [c for c in INDICATORS if c in d and c not in SCORES] + \
        [f"{s}_answer" for s in SCORES if f"{s}_answer" in d]
    # ---- ties: pair the two directions
    a = np.where(d["rater"] < d["ratee"], d["rater"], d["ratee"])
    b = np.where(d["rater"] < d["ratee"], d["ratee"], d["rater"])
    d["a"], d["b"] = a, b
    d["dir"] = np.where(d["rater"] == d["a"], "ab", "ba")
    vals = ["trust", "value"] + items
    wide = d.assign(present=1).set_index(["wave", "a", "b", "dir"])[vals + ["present"]]
    wide = wide.unstack("dir")
    ties = pd.DataFrame(index=wide.index)
    for v in vals:
        for side in ("ab", "ba"):
            ties[f"{v}_{side}"] = wide[(v, side)] if (v, side) in wide.columns else np.nan
    n_ratings = sum(wide[("present", side)].fillna(0).to_numpy(int)
                    if ("present", side) in wide.columns else 0 for side in ("ab", "ba"))
    n_ratings = np.asarray(n_ratings, dtype=int) * np.ones(len(ties), dtype=int)
    ties = ties.reset_index()
    a_resp = np.array([(w, x) in resp_set for w, x in zip(ties["wave"], ties["a"])])
    b_resp = np.array([(w, x) in resp_set for w, x in zip(ties["wave"], ties["b"])])
    status = np.where(n_ratings == 2, "mutual",
                      np.where(a_resp & b_resp, "one-sided", "unconfirmed"))
    ties.insert(3, "status", status)
    ties.insert(4, "n_ratings", n_ratings)
    if non_response == "use":
        scored = np.ones(len(ties), dtype=bool)
    elif non_response == "exclude":
        scored = status != "unconfirmed"
    else:
        scored = status == "mutual"
    ties.insert(4, "scored", scored)
    persp = set(map(str, perspective))
    a_first = np.where(ties["a"].isin(persp), 1, np.where(ties["b"].isin(persp), 2, 0))
    for v in vals:
        ties[v] = _combine(ties[f"{v}_ab"], ties[f"{v}_ba"], rule, a_first)
    ties = ties.rename(columns={f"{s}_answer": s + "_item" for s in SCORES})
    ties = ties.rename(columns={f"{s}_answer_{x}": f"{s}_item_{x}" for s in SCORES
                                for x in ("ab", "ba")})
    if names is not None:
        ties.insert(3, "a_name", names.reindex(ties["a"]).to_numpy())
        ties.insert(4, "b_name", names.reindex(ties["b"]).to_numpy())
    if eco is not None:
        ut = eco.undirected_ties
        ids = np.asarray(eco.ids.astype(str))
        s_ = ids[ut["source_index"].to_numpy()]
        t_ = ids[ut["target_index"].to_numpy()]
        key = pd.Index(pd.Series(np.minimum(s_, t_)) + "\x00" + pd.Series(np.maximum(s_, t_)))
        ties["in_network"] = (ties["a"] + "\x00" + ties["b"]).isin(key).to_numpy()
    else:
        ties["in_network"] = True
    ties = ties.sort_values(["wave", "a", "b"], key=lambda s: s.map(
        {w: i for i, w in enumerate(waves)}) if s.name == "wave" else s).reset_index(drop=True)
    # ---- directed ratings used for partner scores (non-response option)
    use = d
    if non_response == "exclude":
        use = d[d["ratee_responded"]]
    elif non_response == "mutual":
        mutual_keys = set(zip(ties.loc[ties["status"] == "mutual", "wave"],
                              ties.loc[ties["status"] == "mutual", "a"],
                              ties.loc[ties["status"] == "mutual", "b"]))
        use = d[[k in mutual_keys for k in zip(d["wave"], d["a"], d["b"])]]
    # ---- network per wave
    net_rows = []
    for w in waves:
        tw = ties[ties["wave"] == w]
        sw = tw[tw["scored"]]
        named = set(tw["a"]) | set(tw["b"]) | set(responded.loc[responded["wave"] == w,
                                                                "respondent"])
        if isinstance(invited, str) and invited == "all" and eco is not None:
            pool = set(map(str, eco.ids))
        elif isinstance(invited, str):
            pool = named
        else:
            pool = set(map(str, invited))
        resp_w = {p for (ww, p) in resp_set if ww == w}
        n_resp = len(resp_w & pool) if pool else len(resp_w)
        tm, vm = sw["trust"].mean(), sw["value"].mean()
        net_rows.append({"wave": w, "invited": len(pool), "respondents": n_resp,
                         "response_rate": n_resp / len(pool) if pool else np.nan,
                         "ties": len(tw), "mutual": int((tw["status"] == "mutual").sum()),
                         "one_sided": int((tw["status"] == "one-sided").sum()),
                         "unconfirmed": int((tw["status"] == "unconfirmed").sum()),
                         "scored_ties": len(sw), "n_ratings": int(sw["n_ratings"].sum()),
                         "trust": tm, "value": vm,
                         "trust_share": tm / t_hi, "value_share": vm / v_hi,
                         "trust_ties": int(sw["trust"].notna().sum()),
                         "value_ties": int(sw["value"].notna().sum())})
    network = pd.DataFrame(net_rows).set_index("wave")
    latest = waves[-1]
    partners = _partner_scores(use[use["wave"] == latest], d[d["wave"] == latest],
                               ties[ties["wave"] == latest], resp_set, latest, eco, names, items)
    groups = _group_scores(ties[(ties["wave"] == latest) & ties["scored"]], eco, partition,
                           t_hi, v_hi)
    gaps = _perception_gaps(ties, items, gap, names)
    bridges = _trust_bridges(ties[(ties["wave"] == latest) & ties["scored"]], eco, partition,
                             fragility, strong)
    from .trust_waves import wave_changes

    pch, tch = wave_changes(use, ties, waves, names)
    params = {"rule": rule, "non_response": non_response, "gap": gap, "strong": strong,
              "perspective": sorted(persp), "invited": invited if isinstance(invited, str)
              else f"{len(list(invited))} listed", "trust_scale": [t_lo, t_hi],
              "value_scale": [v_lo, v_hi], "waves": waves, "file": survey.file,
              "layout": survey.layout, "indicators": survey.indicators}
    return TrustResult(directed=d.drop(columns=["a", "b", "dir"]), ties=ties, partners=partners,
                       groups=groups, network=network, gaps=gaps, bridges=bridges,
                       partner_changes=pch, tie_changes=tch, waves=waves, scales=scales,
                       params=params)


def _scale_of(scales: dict, items: Sequence[str]) -> tuple[float, float]:
    for i in items:
        if i in scales:
            return float(scales[i][0]), float(scales[i][1])
    return 1.0, 4.0


def _partner_scores(use: pd.DataFrame, all_d: pd.DataFrame, ties: pd.DataFrame, resp_set: set,
                    wave: str, eco: Any, names: pd.Series | None, items: list[str]) -> pd.DataFrame:
    rec = use.groupby("ratee")
    given = all_d.groupby("rater")
    cols: dict[str, pd.Series] = {
        "trust_received": rec["trust"].mean(), "value_received": rec["value"].mean(),
        "n_received": rec["trust"].size(),
        "trust_given": given["trust"].mean(), "value_given": given["value"].mean(),
        "n_given": given["trust"].size()}
    for it in items:
        if not it.endswith("_answer"):  # direct trust/value answers are the composite
            cols[f"{it}_received"] = rec[it].mean()
    out = pd.DataFrame(cols)
    ends = pd.concat([ties[["a", "status"]].rename(columns={"a": "id"}),
                      ties[["b", "status"]].rename(columns={"b": "id"})])
    counts = pd.crosstab(ends["id"], ends["status"]).reindex(
        columns=["mutual", "one-sided", "unconfirmed"], fill_value=0)
    counts.columns = ["mutual", "one_sided", "unconfirmed"]
    counts["ties"] = counts.sum(axis=1)
    out = out.join(counts, how="outer")
    if eco is not None:
        out = out.reindex(pd.Index(sorted(set(out.index)), name="id"))
    out.index.name = "id"
    out["responded"] = [(wave, str(i)) in resp_set for i in out.index]
    for c in ("n_received", "n_given", "mutual", "one_sided", "unconfirmed", "ties"):
        out[c] = out[c].fillna(0).astype(int)
    front = []
    if names is not None:
        out.insert(0, "name", names.reindex(out.index).to_numpy())
        out.insert(1, "sector", eco.sectors.reindex(out.index).to_numpy()
                   if hasattr(eco.sectors, "reindex") else None)
        front = ["name", "sector"]
    order = front + ["responded", "trust_received", "value_received", "n_received",
                     "trust_given", "value_given", "n_given", "ties", "mutual", "one_sided",
                     "unconfirmed"]
    return out[order + [c for c in out.columns if c not in order]].sort_values(
        ["trust_received", "n_received"], ascending=[False, False], na_position="last",
        kind="mergesort")


def _group_scores(ties: pd.DataFrame, eco: Any, partition: Any, t_hi: float,
                  v_hi: float) -> pd.DataFrame:
    cols = ["kind", "group", "ties", "n_ratings", "trust", "value", "trust_share", "value_share",
            "within_ties", "trust_within"]
    if eco is None or ties.empty:
        return pd.DataFrame(columns=cols)
    kinds = [("sector", pd.Series(eco.sectors.astype(str).to_numpy(), index=eco.ids.astype(str)))]
    if partition is not None:
        mem = getattr(partition, "membership", None)
        if isinstance(mem, pd.Series):
            kinds.insert(0, ("community", mem.astype(str)))
    rows = []
    for kind, lab in kinds:
        ga = lab.reindex(ties["a"]).to_numpy()
        gb = lab.reindex(ties["b"]).to_numpy()
        ends = pd.DataFrame({"g": np.concatenate([ga, gb]),
                             "trust": np.concatenate([ties["trust"], ties["trust"]]),
                             "value": np.concatenate([ties["value"], ties["value"]]),
                             "n": np.concatenate([ties["n_ratings"], ties["n_ratings"]]),
                             "tie": np.concatenate([np.arange(len(ties))] * 2)})
        ends = ends.dropna(subset=["g"]).drop_duplicates(["g", "tie"])
        agg = ends.groupby("g").agg(ties=("tie", "size"), n_ratings=("n", "sum"),
                                    trust=("trust", "mean"), value=("value", "mean"))
        within = pd.DataFrame({"g": ga, "trust": ties["trust"].to_numpy()})[ga == gb]
        w = within.groupby("g")["trust"].agg(["size", "mean"])
        agg["within_ties"] = w["size"].reindex(agg.index).fillna(0).astype(int)
        agg["trust_within"] = w["mean"].reindex(agg.index)
        agg["trust_share"] = agg["trust"] / t_hi
        agg["value_share"] = agg["value"] / v_hi
        agg = agg.reset_index().rename(columns={"g": "group"})
        agg.insert(0, "kind", kind)
        rows.append(agg)
    out = pd.concat(rows, ignore_index=True)[cols]
    out["_k"] = pd.to_numeric(out["group"], errors="coerce")
    return out.sort_values(["kind", "_k", "group"]).drop(columns="_k").reset_index(drop=True)


def _perception_gaps(ties: pd.DataFrame, items: list[str], gap: float,
                     names: pd.Series | None) -> pd.DataFrame:
    cols = ["wave", "a", "b", "a_name", "b_name", "indicator", "a_rates_b", "b_rates_a", "gap"]
    mutual = ties[ties["status"] == "mutual"]
    parts = []
    for it in items:
        if it == "frequency":  # how often, not how good: not a perception of quality
            continue
        base = it.replace("_answer", "_item") if it.endswith("_answer") else it
        label = it.replace("_answer", "")
        ab, ba = mutual[f"{base}_ab"], mutual[f"{base}_ba"]
        diff = (ab - ba).abs()
        hit = diff >= gap - 1e-9
        if hit.any():
            parts.append(pd.DataFrame({"wave": mutual["wave"][hit], "a": mutual["a"][hit],
                                       "b": mutual["b"][hit], "indicator": label,
                                       "a_rates_b": ab[hit], "b_rates_a": ba[hit],
                                       "gap": diff[hit]}))
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)
    out["a_name"] = names.reindex(out["a"]).to_numpy() if names is not None else out["a"]
    out["b_name"] = names.reindex(out["b"]).to_numpy() if names is not None else out["b"]
    return out[cols].sort_values(["wave", "gap", "a", "b"], ascending=[True, False, True, True],
                                 kind="mergesort").reset_index(drop=True)


def _trust_bridges(ties: pd.DataFrame, eco: Any, partition: Any, fragility: Any,
                   strong: float) -> pd.DataFrame:
    cols = ["a", "b", "a_name", "b_name", "community_a", "community_b", "trust", "n_ratings",
            "graph_bridge"]
    mem = getattr(partition, "membership", None)
    if eco is None or not isinstance(mem, pd.Series) or ties.empty:
        return pd.DataFrame(columns=cols)
    mem = mem.astype(str)
    ut = eco.undirected_ties
    ids = np.asarray(eco.ids.astype(str))
    cs = mem.reindex(ids[ut["source_index"].to_numpy()]).to_numpy()
    ct = mem.reindex(ids[ut["target_index"].to_numpy()]).to_numpy()
    lo = np.where(cs < ct, cs, ct)
    hi = np.where(cs < ct, ct, cs)
    between = pd.Series(1, index=pd.MultiIndex.from_arrays([lo, hi]))[lo != hi]
    n_between = between.groupby(level=[0, 1]).size()
    t = ties[ties["in_network"] & (ties["trust"] >= strong - 1e-9)].copy()
    t["community_a"] = mem.reindex(t["a"]).to_numpy()
    t["community_b"] = mem.reindex(t["b"]).to_numpy()
    t = t[t["community_a"].notna() & (t["community_a"] != t["community_b"])]
    if t.empty:
        return pd.DataFrame(columns=cols)
    k_lo = np.where(t["community_a"] < t["community_b"], t["community_a"], t["community_b"])
    k_hi = np.where(t["community_a"] < t["community_b"], t["community_b"], t["community_a"])
    counts = n_between.reindex(pd.MultiIndex.from_arrays([k_lo, k_hi])).to_numpy()
    t = t[counts == 1]
    gb = _frame_attr(fragility, "bridges")
    if gb is not None and len(gb):
        keys = set(zip(np.minimum(gb["source"].astype(str), gb["target"].astype(str)),
                       np.maximum(gb["source"].astype(str), gb["target"].astype(str))))
        t["graph_bridge"] = [(x, y) in keys for x, y in zip(t["a"], t["b"])]
    else:
        t["graph_bridge"] = False
    for c in ("a_name", "b_name"):
        if c not in t:
            t[c] = t[c[0]]
    return t[cols].sort_values("trust", ascending=False, kind="mergesort").reset_index(drop=True)


def _frame_attr(obj: Any, name: str) -> pd.DataFrame | None:
    v = getattr(obj, name, None) if obj is not None else None
    return v if isinstance(v, pd.DataFrame) else None


from .trust_strength import with_trust_factors  # noqa: E402  (re-exported)

__all__ = ["TrustResult", "trust_scores", "directed_ratings", "with_trust_factors", "RULES",
           "NON_RESPONSE"]

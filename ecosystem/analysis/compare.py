"""Compare two ecosystems (or two snapshots of one): what changed between A and B.

:func:`compare` answers a strategy team's year-on-year questions: which partners and
ties are new or lost, how the health KPIs moved, which anchors rose or fell, which gaps
were closed or opened (missing-sector gaps per community, weakly linked community
pairs, sector-pair gaps, structural-hole brokers), and how many of the partnerships
recommended on A came true in B.

Partners are matched by id. Communities of A and B are matched by member overlap
(:func:`~ecosystem.analysis.lifecycle.track_communities`), so a gap of community ``C2``
in A is compared with the same community in B even when the detection numbered it
differently. Definitions are in ``docs/evolution.md``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import schema as S
from ..exceptions import InvalidParameterError
from ..model import Ecosystem
from ..results import Partition
from .lifecycle import community_label, track_communities
from .recommend import recommend_partnerships


@dataclass
class Comparison:
    """What changed from ecosystem A to ecosystem B (the result of :func:`compare`).

    Attributes
    ----------
    labels : (str, str)
        Names of A and B (e.g. ``("2021", "2023")``).
    partners_new, partners_lost : DataFrame
        ``id, name, sector`` of partners only in B (new) or only in A (lost).
    ties_new, ties_lost : DataFrame
        ``source, target, source_name, target_name, strength`` of ties only in B / A.
    ties_changed : DataFrame
        Ties in both whose strength changed: ``source, target, source_name,
        target_name, strength_before, strength_after, delta`` (largest change first).
    kpis : DataFrame
        ``kpi, before, after, delta`` (partner/relation/tie counts, then every numeric
        health KPI).
    anchors : DataFrame
        Partners in the top ``top`` anchors of A or B: ``id, name, rank_before,
        rank_after, change, score_before, score_after, status`` (status: up, down, same,
        new (not in A), gone (not in B)).
    gaps : DataFrame
        ``kind, status, item, before, after, detail``: gaps ``closed`` (in A, not in B)
        and ``opened`` (in B, not in A). Kinds: ``missing_sector`` (a helix group absent
        from a community), ``community_gap`` (two communities far less tied than
        expected), ``sector_gap`` (two sectors far less tied than expected),
        ``broker`` (status ``gained``/``lost``: a partner entered or left the top
        ``brokers`` structural-hole brokers).
    brokers : DataFrame
        Top structural-hole brokers of A or B: ``id, name, rank_before, rank_after,
        status``.
    recommendations : DataFrame
        Partnerships recommended on A with ``came_true`` (tied in B) and
        ``evaluable`` (both partners still in B); empty if not computable.
    hit_rate : dict
        ``recommended, evaluable, hits, hit_rate, base_rate, lift``: ``hit_rate`` =
        hits / evaluable; ``base_rate`` = share of all untied pairs of A's partners
        (still in B) that became tied; ``lift`` = hit_rate / base_rate.
    communities : DataFrame
        Community life-cycle events from A to B (merge, split, birth, death...).
    params : dict
        Provenance.
    """

    labels: tuple[str, str]
    partners_new: pd.DataFrame
    partners_lost: pd.DataFrame
    ties_new: pd.DataFrame
    ties_lost: pd.DataFrame
    ties_changed: pd.DataFrame
    kpis: pd.DataFrame
    anchors: pd.DataFrame
    gaps: pd.DataFrame
    brokers: pd.DataFrame
    recommendations: pd.DataFrame
    hit_rate: dict[str, Any]
    communities: pd.DataFrame
    params: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> pd.DataFrame:
        """One row per kind of change with its count (for a headline table)."""
        gaps = self.gaps
        rows = [("partners new", len(self.partners_new)), ("partners lost", len(self.partners_lost)),
                ("ties new", len(self.ties_new)), ("ties lost", len(self.ties_lost)),
                ("ties changed strength", len(self.ties_changed)),
                ("anchors changed", int((self.anchors["status"] != "same").sum())
                 if len(self.anchors) else 0),
                ("gaps closed", int((gaps["status"] == "closed").sum()) if len(gaps) else 0),
                ("gaps opened", int((gaps["status"] == "opened").sum()) if len(gaps) else 0),
                ("brokers gained", int((gaps["status"] == "gained").sum()) if len(gaps) else 0),
                ("brokers lost", int((gaps["status"] == "lost").sum()) if len(gaps) else 0),
                ("community events", len(self.communities))]
        if self.hit_rate:
            rows.append(("recommendations came true", int(self.hit_rate.get("hits", 0))))
        return pd.DataFrame(rows, columns=["change", "count"])


def _pair_keys(eco: Ecosystem) -> pd.DataFrame:
    t = eco.ties if eco.directed else eco.undirected_ties
    src = t[S.SOURCE].astype(str).to_numpy()
    dst = t[S.TARGET].astype(str).to_numpy()
    if not eco.directed:
        a = np.where(src <= dst, src, dst)
        b = np.where(src <= dst, dst, src)
    else:
        a, b = src, dst
    return pd.DataFrame({"source": a, "target": b,
                         "strength": t[S.STRENGTH].to_numpy(float)}).set_index(["source", "target"])


def _with_names(frame: pd.DataFrame, *ecos: Ecosystem) -> pd.DataFrame:
    names: dict[str, str] = {}
    for e in reversed(ecos):
        names.update(e.names.to_dict())
    frame = frame.copy()
    frame.insert(2, "source_name", frame["source"].map(lambda i: names.get(i, i)))
    frame.insert(3, "target_name", frame["target"].map(lambda i: names.get(i, i)))
    return frame


def _partner_table(eco: Ecosystem, ids) -> pd.DataFrame:
    ids = sorted(ids, key=lambda i: (str(eco.names.get(i, i)), i))
    return pd.DataFrame({"id": ids, "name": [eco.names.get(i, i) for i in ids],
                         "sector": [eco.sectors.get(i, S.UNKNOWN_SECTOR) for i in ids]},
                        columns=["id", "name", "sector"])


def _numeric(d: dict[str, Any]) -> dict[str, float]:
    out = {}
    for k, v in d.items():
        if isinstance(v, (bool, np.bool_, int, float, np.integer, np.floating)):
            out[k] = float(v)
    return out


def _frozenset_str(values) -> str:
    return ", ".join(sorted(map(str, values)))


def compare(eco_a: Ecosystem, eco_b: Ecosystem, *, labels: tuple[str, str] = ("A", "B"),
            seed: int = 0, top: int = 20, brokers: int = 10, recommendations: int = 50,
            method: str = "leiden",
            resolution: float = 1.0, threshold: float = 0.3,
            partition_a: Partition | None = None,
            partition_b: Partition | None = None) -> Comparison:
    """Compare two ecosystems partner by partner, tie by tie, gap by gap.

    Parameters
    ----------
    eco_a, eco_b : Ecosystem
        "Before" and "after" (two files, or two snapshots of one dated ecosystem).
    labels : (str, str)
        Their names in the output.
    seed : int, default 0
        Seed of community detection and recommendations.
    top : int, default 20
        Anchors compared: the top ``top`` of A or of B.
    brokers : int, default 10
        Structural-hole brokers compared: the top ``brokers`` (by ``broker_rank``) of A
        or of B; entering or leaving that top list is a broker gap change.
    recommendations : int, default 50
        Partnerships recommended on A whose fate is checked in B (0 = skip).
    method, resolution
        Community detection (when ``partition_a``/``partition_b`` are not given).
    threshold : float, default 0.3
        Jaccard overlap for matching A's communities to B's.

    Returns
    -------
    Comparison

    Examples
    --------
    >>> a = Ecosystem.from_edges([("x", "y"), ("y", "z")])
    >>> b = Ecosystem.from_edges([("x", "y"), ("x", "z"), ("z", "w")])
    >>> c = compare(a, b, recommendations=0)
    >>> c.partners_new["id"].tolist(), c.ties_lost[["source", "target"]].values.tolist()
    (['w'], [['y', 'z']])
    >>> c.kpis.set_index("kpi").loc["ties", ["before", "after", "delta"]].tolist()
    [2.0, 3.0, 1.0]
    """
    from .anchors import anchor_partners
    from .communities import detect_communities
    from .health import health_kpis

    if top < 1:
        raise InvalidParameterError(f"top must be >= 1, got {top!r}")
    if brokers < 1:
        raise InvalidParameterError(f"brokers must be >= 1, got {brokers!r}")
    n_brokers = int(brokers)
    if recommendations < 0:
        raise InvalidParameterError(f"recommendations must be >= 0, got {recommendations!r}")
    la, lb = (str(labels[0]), str(labels[1]))
    if la == lb:
        lb = lb + " (B)"
    notes: list[str] = []
    ids_a = set(map(str, eco_a.ids))
    ids_b = set(map(str, eco_b.ids))
    partners_new = _partner_table(eco_b, ids_b - ids_a)
    partners_lost = _partner_table(eco_a, ids_a - ids_b)

    ta, tb = _pair_keys(eco_a), _pair_keys(eco_b)
    new_idx = tb.index.difference(ta.index)
    lost_idx = ta.index.difference(tb.index)
    both = ta.index.intersection(tb.index)
    ties_new = _with_names(tb.loc[new_idx].reset_index(), eco_b, eco_a)
    ties_lost = _with_names(ta.loc[lost_idx].reset_index(), eco_a, eco_b)
    changed = pd.DataFrame({"strength_before": ta.loc[both, "strength"].to_numpy(float),
                            "strength_after": tb.loc[both, "strength"].to_numpy(float)},
                           index=both).reset_index()
    changed["delta"] = changed["strength_after"] - changed["strength_before"]
    changed = changed[~np.isclose(changed["delta"], 0.0)]
    changed = changed.reindex(changed["delta"].abs().sort_values(ascending=False, kind="mergesort").index)
    ties_changed = _with_names(changed.reset_index(drop=True), eco_b, eco_a)
    ties_new, ties_lost = (
        f.sort_values(["strength", "source", "target"], ascending=[False, True, True],
                      kind="mergesort").reset_index(drop=True) for f in (ties_new, ties_lost))

    def parts(eco, given):
        return given if given is not None else detect_communities(
            eco, method=method, resolution=resolution, seed=seed)

    pa, pb = parts(eco_a, partition_a), parts(eco_b, partition_b)

    # KPIs
    kpi_a = {"partners": eco_a.n_partners, "relations": eco_a.n_relations, "ties": eco_a.n_ties}
    kpi_b = {"partners": eco_b.n_partners, "relations": eco_b.n_relations, "ties": eco_b.n_ties}
    counted = {"n_partners", "n_ties", "n_relations"}   # already listed as partners/ties
    for eco, part, kpi in ((eco_a, pa, kpi_a), (eco_b, pb, kpi_b)):
        if eco.n_ties:
            kpi.update({k: v for k, v in _numeric(health_kpis(eco, part, seed=seed)).items()
                        if k not in kpi and k not in counted})
    keys = list(dict.fromkeys(list(kpi_a) + list(kpi_b)))
    kpis = pd.DataFrame({"kpi": keys,
                         "before": [float(kpi_a.get(k, np.nan)) for k in keys],
                         "after": [float(kpi_b.get(k, np.nan)) for k in keys]})
    kpis["delta"] = kpis["after"] - kpis["before"]

    # anchors
    anc_a = anchor_partners(eco_a, partition=pa, seed=seed) if eco_a.n_ties else None
    anc_b = anchor_partners(eco_b, partition=pb, seed=seed) if eco_b.n_ties else None
    anchors = _rank_changes(anc_a, anc_b, "rank", "anchor_score", top, eco_a, eco_b)

    # communities matched A -> B
    tracking = track_communities([(la, pa.membership), (lb, pb.membership)], threshold=threshold)
    stable_a = tracking.partition_at(la)
    stable_b = tracking.partition_at(lb)
    local_a = dict(zip(pa.membership.index.astype(str), pa.membership.to_numpy()))
    local_b = dict(zip(pb.membership.index.astype(str), pb.membership.to_numpy()))
    to_stable_a = {local_a[i]: int(c) for i, c in stable_a.items()}
    to_stable_b = {local_b[i]: int(c) for i, c in stable_b.items()}
    ids_stable_a = set(to_stable_a.values())
    ids_stable_b = set(to_stable_b.values())

    gap_rows: list[dict] = []
    broker_table = pd.DataFrame(columns=["id", "name", "rank_before", "rank_after", "change", "status"])
    if eco_a.n_ties and eco_b.n_ties:
        from .gaps import sector_gaps

        sg_a = sector_gaps(eco_a, pa, seed=seed)
        sg_b = sector_gaps(eco_b, pb, seed=seed)
        gap_rows += _missing_sector_changes(sg_a, sg_b, to_stable_a, to_stable_b)
        gap_rows += _community_gap_changes(eco_a, eco_b, pa, pb, to_stable_a, to_stable_b,
                                           ids_stable_a, ids_stable_b, seed)
        gap_rows += _sector_gap_changes(sg_a, sg_b)
        broker_table, broker_rows = _broker_changes(eco_a, eco_b, n_brokers)
        gap_rows += broker_rows
    else:
        notes.append("gaps not compared: one of the ecosystems has no ties")
    gaps = pd.DataFrame(gap_rows, columns=["kind", "status", "item", "before", "after", "detail"])

    recs, hit = _recommendations_came_true(eco_a, eco_b, pa, recommendations, seed, ta, tb, notes)
    params = {"method": "compare", "labels": [la, lb], "seed": seed, "top": top,
              "brokers": n_brokers, "broker_measure": "Burt constraint / effective size "
              "(structural_holes broker_rank)",
              "recommendations": recommendations, "community_method": method,
              "resolution": resolution, "community_matching": tracking.params,
              "partners_matched_by": "id", "ecosystem_a": eco_a.settings(),
              "ecosystem_b": eco_b.settings()}
    return Comparison(labels=(la, lb), partners_new=partners_new, partners_lost=partners_lost,
                      ties_new=ties_new, ties_lost=ties_lost, ties_changed=ties_changed,
                      kpis=kpis, anchors=anchors, gaps=gaps, brokers=broker_table,
                      recommendations=recs, hit_rate=hit, communities=tracking.events,
                      params=params, notes=notes)


def _rank_changes(before: pd.DataFrame | None, after: pd.DataFrame | None, rank: str,
                  score: str | None, top: int, eco_a: Ecosystem, eco_b: Ecosystem) -> pd.DataFrame:
    cols = ["id", "name", "rank_before", "rank_after", "change", "score_before", "score_after",
            "status"]
    empty = pd.DataFrame(columns=["name", rank] + ([score] if score else []))
    before = empty if before is None else before
    after = empty if after is None else after
    chosen = list(dict.fromkeys(
        [str(i) for i in before.sort_values(rank).index[:top]]
        + [str(i) for i in after.sort_values(rank).index[:top]]))
    rows = []
    for pid in chosen:
        rb = before[rank].get(pid, np.nan)
        ra = after[rank].get(pid, np.nan)
        name = eco_b.names.get(pid, eco_a.names.get(pid, pid))
        if pd.isna(rb):
            status = "new"
        elif pd.isna(ra):
            status = "gone"
        else:
            status = "up" if ra < rb else "down" if ra > rb else "same"
        rows.append({"id": pid, "name": name,
                     "rank_before": float(rb) if pd.notna(rb) else np.nan,
                     "rank_after": float(ra) if pd.notna(ra) else np.nan,
                     "change": float(rb - ra) if pd.notna(rb) and pd.notna(ra) else np.nan,
                     "score_before": float(before[score].get(pid, np.nan)) if score else np.nan,
                     "score_after": float(after[score].get(pid, np.nan)) if score else np.nan,
                     "status": status})
    out = pd.DataFrame(rows, columns=cols)
    out["_key"] = out["rank_after"].fillna(out["rank_before"] + 1e9)
    return out.sort_values(["_key", "id"], kind="mergesort").drop(columns="_key").reset_index(drop=True)


def _missing_sector_changes(sa, sb, to_a, to_b) -> list[dict]:
    ma, mb = sa.missing, sb.missing
    miss_a = {to_a[c]: (set(m), set(p)) for c, m, p in zip(ma["community"], ma["missing"], ma["present"])}
    miss_b = {to_b[c]: (set(m), set(p)) for c, m, p in zip(mb["community"], mb["missing"], mb["present"])}
    rows = []
    for cid in sorted(set(miss_a) & set(miss_b)):
        before, _ = miss_a[cid]
        after, _ = miss_b[cid]
        label = community_label(cid)
        for group in sorted(before - after):
            rows.append({"kind": "missing_sector", "status": "closed", "item": f"{label}: {group}",
                         "before": "missing", "after": "present",
                         "detail": f"community {label} now includes {group}"})
        for group in sorted(after - before):
            rows.append({"kind": "missing_sector", "status": "opened", "item": f"{label}: {group}",
                         "before": "present", "after": "missing",
                         "detail": f"community {label} no longer includes {group}"})
    return rows


def _community_gap_changes(eco_a, eco_b, pa, pb, to_a, to_b, ids_a, ids_b, seed) -> list[dict]:
    from .gaps import community_gaps

    ga = community_gaps(eco_a, pa, seed=seed)
    gb = community_gaps(eco_b, pb, seed=seed)

    def keyed(result, mapping):
        out = {}
        for r in result.pairs.itertuples(index=False):
            x, y = sorted((mapping[r.community_a], mapping[r.community_b]))
            out[(x, y)] = (bool(r.gap), float(r.ratio), list(r.bridge_names))
        return out

    pa_k, pb_k = keyed(ga, to_a), keyed(gb, to_b)
    rows = []
    for key in sorted(set(pa_k) | set(pb_k)):
        x, y = key
        item = f"{community_label(x)} - {community_label(y)}"
        gap_a = pa_k.get(key, (False, np.nan, []))
        gap_b = pb_k.get(key, (False, np.nan, []))
        both_exist = {x, y} <= ids_a and {x, y} <= ids_b
        if not both_exist:
            continue
        limit = ga.params.get("max_ratio", 0.5)
        if gap_a[0] and not gap_b[0] and gap_b[1] > limit:
            bridges = ", ".join(gap_b[2][:3])
            rows.append({"kind": "community_gap", "status": "closed", "item": item,
                         "before": f"ratio {gap_a[1]:.2f}", "after": f"ratio {gap_b[1]:.2f}",
                         "detail": f"now linked{' via ' + bridges if bridges else ''}"})
        elif gap_b[0] and not gap_a[0] and gap_a[1] > limit:
            rows.append({"kind": "community_gap", "status": "opened", "item": item,
                         "before": f"ratio {gap_a[1]:.2f}", "after": f"ratio {gap_b[1]:.2f}",
                         "detail": "far fewer ties than expected now"})
    return rows


def _sector_gap_changes(sa, sb) -> list[dict]:
    def keyed(pairs):
        return {tuple(sorted((str(r.group_a), str(r.group_b)))): (bool(r.gap), float(r.ratio))
                for r in pairs.itertuples(index=False)}

    ka, kb = keyed(sa.pairs), keyed(sb.pairs)
    limit = sa.params.get("max_ratio", 0.5)
    rows = []
    for key in sorted(set(ka) & set(kb)):
        item = f"{key[0]} - {key[1]}"
        if ka[key][0] and not kb[key][0] and kb[key][1] > limit:
            rows.append({"kind": "sector_gap", "status": "closed", "item": item,
                         "before": f"ratio {ka[key][1]:.2f}", "after": f"ratio {kb[key][1]:.2f}",
                         "detail": "sectors now tied about as often as expected"})
        elif kb[key][0] and not ka[key][0] and ka[key][1] > limit:
            rows.append({"kind": "sector_gap", "status": "opened", "item": item,
                         "before": f"ratio {ka[key][1]:.2f}", "after": f"ratio {kb[key][1]:.2f}",
                         "detail": "sectors now tied far less than expected"})
    return rows


def _broker_changes(eco_a, eco_b, top) -> tuple[pd.DataFrame, list[dict]]:
    from .holes import structural_holes

    ha = structural_holes(eco_a)
    hb = structural_holes(eco_b)
    ranks = _rank_changes(ha, hb, "broker_rank", None, top, eco_a, eco_b)
    ranks = ranks.drop(columns=["score_before", "score_after"])
    rows = []
    for r in ranks.itertuples(index=False):
        in_a = pd.notna(r.rank_before) and r.rank_before <= top
        in_b = pd.notna(r.rank_after) and r.rank_after <= top
        if in_a and not in_b:
            rows.append({"kind": "broker", "status": "lost", "item": f"{r.name} ({r.id})",
                         "before": f"rank {int(r.rank_before)}",
                         "after": "absent" if pd.isna(r.rank_after) else f"rank {int(r.rank_after)}",
                         "detail": "no longer a top structural-hole broker"})
        elif in_b and not in_a:
            rows.append({"kind": "broker", "status": "gained", "item": f"{r.name} ({r.id})",
                         "before": "absent" if pd.isna(r.rank_before) else f"rank {int(r.rank_before)}",
                         "after": f"rank {int(r.rank_after)}",
                         "detail": "now a top structural-hole broker"})
    return ranks, rows


def _recommendations_came_true(eco_a, eco_b, pa, k, seed, ta, tb, notes):
    cols = ["source", "target", "source_name", "target_name", "score", "evaluable", "came_true"]
    if k == 0 or eco_a.n_ties == 0:
        return pd.DataFrame(columns=cols), {}
    # the plain ranking (no grouping, cap or re-ranking): each suggested pair checked alone
    recs = recommend_partnerships(eco_a, top=k, partition=pa, seed=seed, group=False,
                                  per_partner=None, diversity=0.0)
    if recs is None or len(recs) == 0:
        return pd.DataFrame(columns=cols), {"recommended": 0, "evaluable": 0, "hits": 0,
                                            "hit_rate": np.nan, "base_rate": np.nan, "lift": np.nan}
    src = recs["source"].astype(str).to_numpy()
    dst = recs["target"].astype(str).to_numpy()
    ids_b = set(map(str, eco_b.ids))
    if not eco_a.directed:
        a = np.where(src <= dst, src, dst)
        b = np.where(src <= dst, dst, src)
    else:
        a, b = src, dst
    evaluable = pd.Index(a).isin(list(ids_b)) & pd.Index(b).isin(list(ids_b))
    came = pd.MultiIndex.from_arrays([a, b]).isin(tb.index)
    out = pd.DataFrame({"source": src, "target": dst})
    out = _with_names(out, eco_a, eco_b)
    out["score"] = recs["score"].to_numpy(float) if "score" in recs else np.nan
    out["evaluable"] = evaluable
    out["came_true"] = came
    n_eval = int(evaluable.sum())
    hits = int(came.sum())
    # base rate: share of untied pairs of A's partners (still in B) that became tied in B
    common = pd.Index(sorted(set(map(str, eco_a.ids)) & ids_b))
    n = len(common)

    def among_common(index: pd.MultiIndex) -> int:
        if len(index) == 0:
            return 0
        return int((index.get_level_values(0).isin(common)
                    & index.get_level_values(1).isin(common)).sum())

    tied_a_common = among_common(ta.index)
    pairs_total = n * (n - 1) / (1 if eco_a.directed else 2)
    untied = pairs_total - tied_a_common
    new_common = among_common(tb.index.difference(ta.index))
    base = new_common / untied if untied > 0 else np.nan
    rate = hits / n_eval if n_eval else np.nan
    hit = {"recommended": int(len(out)), "evaluable": n_eval, "hits": hits, "hit_rate": rate,
           "base_rate": base, "lift": (rate / base) if base and base > 0 and n_eval else np.nan,
           "definition": "hit_rate = recommended pairs tied in B / recommended pairs whose "
                         "partners are both in B; base_rate = untied pairs of A's partners "
                         "(still in B) that became tied"}
    return out, hit


def compare_periods(eco: Ecosystem, before: str, after: str, **kwargs: Any) -> Comparison:
    """Compare two snapshots of one dated ecosystem, e.g. ``"2021"`` and ``"2023"``.

    Keyword arguments go to :func:`~ecosystem.analysis.temporal.snapshots` (``freq``,
    ``mode``, ``window``, ``date_column``, ``bins``, ``undated``, ``partners``) or to
    :func:`compare` (the rest).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c")])
    >>> eco = eco.replace(relations=eco.relations.assign(year=[2020, 2021]))
    >>> compare_periods(eco, "2020", "2021", recommendations=0).partners_new["id"].tolist()
    ['c']
    """
    from .temporal import snapshots

    snap_keys = {"freq", "mode", "window", "date_column", "bins", "undated", "partners"}
    snap_kw = {k: kwargs.pop(k) for k in list(kwargs) if k in snap_keys}
    snaps = {s.label: s for s in snapshots(eco, **snap_kw)}
    missing = [p for p in (before, after) if str(p) not in snaps]
    if missing:
        raise InvalidParameterError(
            f"no period {missing[0]!r}; periods: {', '.join(snaps)}")
    result = compare(snaps[str(before)].eco, snaps[str(after)].eco,
                     labels=(str(before), str(after)), **kwargs)
    result.params.update({k: (list(map(str, v)) if k == "bins" and v is not None else v)
                          for k, v in snap_kw.items()})
    result.params["periods"] = [str(before), str(after)]
    return result


__all__ = ["Comparison", "compare", "compare_periods"]

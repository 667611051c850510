"""How a dated ecosystem evolves: every snapshot analysed, and the change between them.

:func:`evolve` analyses every snapshot (:mod:`.snapshots`: health KPIs, anchor ranking,
communities) and follows the change: entrants and exits, rising and falling anchors, and
community life cycles (birth, death, continuation, growth, shrinking, merge, split;
:mod:`ecosystem.analysis.lifecycle`) with community ids that stay the same from period
to period.

Definitions are in ``docs/evolution.md``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from ... import schema as S
from ...exceptions import InvalidParameterError
from ...model import Ecosystem
from ...results import Partition
from . import period_analysis as _periods
from .period_analysis import (PeriodAnalyses, analyse_period, covers_every_relation,
                              cut_arguments, latest_period_kpis, numeric_items, release_graphs,
                              restricted_partition, snapshot_samples)
from .snapshots import Snapshot, cut_snapshots


# --------------------------------------------------------------------------- evolution
@dataclass
class Evolution:
    """How a dated ecosystem changed, period by period (the result of :func:`evolve`).

    Attributes
    ----------
    snapshots : list of Snapshot
    periods : DataFrame
        One row per period: ``period, start, end, partners, relations, ties, entrants,
        exits, communities, modularity``.
    kpis : DataFrame
        Index = period; one column per numeric health KPI
        (:func:`ecosystem.analysis.health.health_kpis`).
    entrants, exits : DataFrame
        ``period, id, name, sector``: partners active in a period but not in the one
        before (entrants) or active in the one before but not in this one (exits).
    ranks : DataFrame
        ``period, id, name, rank, anchor_score, role``: the anchor ranking of every period
        (:func:`ecosystem.analysis.anchors.anchor_partners`; rank 1 = strongest anchor).
    movers : DataFrame
        ``period, previous, direction, id, name, rank_before, rank_after, change,
        score_before, score_after``: the ``top`` rising and falling partners of each period
        (``change = rank_before - rank_after``; positive = rising).
    tracking : CommunityTracking
        Stable community ids, per-period communities and life-cycle events. Its
        ``communities`` table also holds ``top_partners`` (the three best-ranked anchors
        of each community and period), ``top_partner`` (the first) and
        ``main_community``: in the latest period, when that period is the network the
        main analysis analysed (``params["latest_reused"]``), the main analysis' number
        of the same community (the one the report names); -1 elsewhere.
    partitions : dict of str to Partition
        Each period's communities, numbered by stable id.
    anchors : dict of str to DataFrame
        Each period's full ``anchor_partners`` table (indexed by partner id).
    params : dict
        Provenance: freq, mode, window, bins, date column, undated handling, seed,
        community method, tracking thresholds...
    activity : Activity or None
        The periods' partners and ties indexed for a map's time slider
        (:func:`~.activity.activity_index`), when the periods were analysed ahead
        (``analysed=``); maps index the snapshots themselves otherwise.
    """

    snapshots: list[Snapshot]
    periods: pd.DataFrame
    kpis: pd.DataFrame
    entrants: pd.DataFrame
    exits: pd.DataFrame
    ranks: pd.DataFrame
    movers: pd.DataFrame
    tracking: Any
    partitions: dict[str, Partition]
    anchors: dict[str, pd.DataFrame] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    activity: Any = None

    @property
    def labels(self) -> list[str]:
        return [s.label for s in self.snapshots]

    @property
    def events(self) -> pd.DataFrame:
        """Community life-cycle events (see :mod:`ecosystem.analysis.lifecycle`)."""
        return self.tracking.events

    @property
    def communities(self) -> pd.DataFrame:
        return self.tracking.communities

    def rank_matrix(self) -> pd.DataFrame:
        """Partner id x period anchor ranks (NaN where the partner is not active)."""
        if self.ranks.empty:
            return pd.DataFrame(columns=self.labels)
        m = self.ranks.pivot(index="id", columns="period", values="rank")
        return m.reindex(columns=self.labels)

    def overall_movers(self, top: int = 10, within: int | None = 100) -> pd.DataFrame:
        """Rising and falling partners from the first to the last period with a ranking.

        See :func:`movers_between`; adds ``first`` and ``last`` (period labels).
        """
        ranked = [lab for lab in self.labels if len(self.anchors.get(lab, ())) > 0]
        if len(ranked) < 2:
            return movers_between(pd.DataFrame(columns=["rank", "anchor_score"]),
                                  pd.DataFrame(columns=["rank", "anchor_score"]))
        out = movers_between(self.anchors[ranked[0]], self.anchors[ranked[-1]], top=top,
                             within=within)
        out.insert(0, "last", ranked[-1])
        out.insert(0, "first", ranked[0])
        return out

    def snapshot(self, period: str) -> Snapshot:
        for snap in self.snapshots:
            if snap.label == str(period):
                return snap
        raise InvalidParameterError(f"no period {period!r}; periods: {', '.join(self.labels)}")


def _reusable(snap: Snapshot, latest: dict[str, Any] | None) -> str | None:
    """Whether the latest snapshot is the network the main analysis analysed:
    ``"same"`` (same partners and relations), ``"isolates"`` (same relations; the main
    network also holds partners without any relation) or None."""
    if not latest or any(latest.get(k) is None for k in ("eco", "partition", "anchors", "health")):
        return None
    main = latest["eco"]
    if not isinstance(latest["anchors"], pd.DataFrame) or "rank" not in latest["anchors"]:
        return None
    if not covers_every_relation(snap, main):
        return None
    if snap.source is main:  # its partners are rows of main's, in order: counting tells
        return "same" if snap.n_partners == main.n_partners else "isolates"
    last = snap.eco
    if last.n_partners == main.n_partners:
        return "same" if bool((np.asarray(last.ids) == np.asarray(main.ids)).all()) else None
    return "isolates" if set(map(str, last.ids)) <= set(map(str, main.ids)) else None


def _reuse_latest(snap: Snapshot, latest: dict[str, Any], how: str, seed: int,
                  analysed: PeriodAnalyses | None = None, samples: int | None = None
                  ) -> tuple[Partition, dict[str, float], pd.DataFrame]:
    """The main analysis' communities, KPIs and anchor ranking for the latest snapshot
    (restricted to its partners and re-ranked 1..n when the main network also held
    partners without relations; the KPIs are then those of the snapshot, taken from
    ``analysed`` when they were computed there with the same communities)."""
    main_part: Partition = latest["partition"]
    anchors: pd.DataFrame = latest["anchors"]
    if how == "same":
        return main_part, numeric_items(latest["health"]), anchors.copy()
    s_eco = snap.eco  # built only here: the main network less its partners without ties
    part = restricted_partition(main_part, s_eco)
    ids = part.membership.index
    anchor = anchors[anchors.index.astype(str).isin(ids)].sort_values("rank", kind="mergesort")
    anchor = anchor.assign(rank=np.arange(1, len(anchor) + 1))
    if (analysed is not None and analysed.latest_kpis is not None
            and analysed.latest_membership is not None
            and analysed.latest_membership.equals(main_part.membership)):
        return part, dict(analysed.latest_kpis), anchor
    return part, latest_period_kpis(s_eco, main_part, seed, samples), anchor


def _partner_rows(eco: Ecosystem, ids: Iterable[str], period: str) -> pd.DataFrame:
    """``period, id, name, sector`` of these partners, sorted by name then id."""
    ids = pd.Index(list(ids), dtype=eco.names.index.dtype)  # the names' own dtype: no cast
    if not len(ids):
        return pd.DataFrame({"period": period, "id": [], "name": [], "sector": []},
                            columns=["period", "id", "name", "sector"])
    names = eco.names.reindex(ids)
    names = names.where(names.notna(), pd.Series(ids, index=ids)).astype(str).to_numpy(object)
    sectors = eco.sectors.reindex(ids).fillna(S.UNKNOWN_SECTOR).to_numpy(object)
    order = np.lexsort((ids.to_numpy(object).astype(str), names.astype(str)))
    return pd.DataFrame({"period": period, "id": ids.to_numpy(object)[order].tolist(),
                         "name": names[order].tolist(), "sector": sectors[order].tolist()},
                        columns=["period", "id", "name", "sector"])


def _top_partners(label: str, ids: pd.Series, anchor: pd.DataFrame,
                  names: pd.Series) -> pd.DataFrame:
    """``period, community, top_partners, top_partner``: the names (``names``: the whole
    network's, a snapshot's partners being rows of it) of each community's (at most)
    three best-ranked partners in ``anchor``, and the first of them (``""`` when none is
    ranked); ``ids`` maps partner id -> stable community id."""
    comms = np.unique(ids.to_numpy()) if len(ids) else np.zeros(0, dtype=int)
    text = pd.Series("", index=pd.Index(comms, dtype=comms.dtype))
    first = text.copy()
    if "rank" in anchor and len(ids):
        frame = pd.DataFrame({"community": ids.to_numpy(),
                              "rank": anchor["rank"].reindex(ids.index).to_numpy(float)},
                             index=ids.index).dropna(subset=["rank"])
        frame = frame.sort_values(["community", "rank"], kind="mergesort")
        frame = frame[frame.groupby("community").cumcount() < 3]
        names = names.reindex(frame.index)
        frame["name"] = names.where(names.notna(), pd.Series(frame.index, index=frame.index)) \
            .astype(str).to_numpy()
        joined = frame.groupby("community", sort=True)["name"].agg(", ".join)
        text.loc[joined.index] = joined.to_numpy()
        best = frame.groupby("community", sort=True)["name"].first()
        first.loc[best.index] = best.to_numpy()
    return pd.DataFrame({"period": label, "community": comms.astype(int),
                         "top_partners": text.to_numpy(object).tolist(),
                         "top_partner": first.to_numpy(object).tolist()},
                        columns=["period", "community", "top_partners", "top_partner"])


def movers_between(before: pd.DataFrame, after: pd.DataFrame, *, top: int = 10,
                   within: int | None = 100) -> pd.DataFrame:
    """Rising and falling partners between two anchor rankings.

    Parameters
    ----------
    before, after : DataFrame
        Anchor tables indexed by partner id with ``rank`` (1 = top) and ``anchor_score``
        (and ``name``), e.g. two results of ``anchor_partners``.
    top : int, default 10
        How many rising and how many falling partners to keep.
    within : int or None, default 100
        Only partners ranked in the top ``within`` in at least one of the two rankings
        count (so a move from rank 900 to 700 is not news); ``None`` = everyone.

    Returns
    -------
    DataFrame
        ``direction ("rising"/"falling"), id, name, rank_before, rank_after, change,
        score_before, score_after``, rising first (largest climb first), then falling
        (largest drop first). Only partners ranked in both are compared.

    Examples
    --------
    >>> a = pd.DataFrame({"rank": [1, 2, 3], "anchor_score": [.9, .5, .1]}, index=["x", "y", "z"])
    >>> b = pd.DataFrame({"rank": [3, 1, 2], "anchor_score": [.2, .9, .6]}, index=["x", "y", "z"])
    >>> movers_between(a, b)[["direction", "id", "change"]].values.tolist()
    [['rising', 'y', 1], ['rising', 'z', 1], ['falling', 'x', -2]]
    """
    cols = ["direction", "id", "name", "rank_before", "rank_after", "change",
            "score_before", "score_after"]
    common = before.index.intersection(after.index)
    if len(common) == 0:
        return pd.DataFrame(columns=cols)
    if within is not None:  # the rows the filter below keeps, before the table is built
        near = ((before.loc[common, "rank"].to_numpy() <= within)
                | (after.loc[common, "rank"].to_numpy() <= within))
        if near.any():  # (none: the full table, filtered to no row as before)
            common = common[near]
    rb = before.loc[common, "rank"].astype(int)
    ra = after.loc[common, "rank"].astype(int)
    frame = pd.DataFrame({"id": [str(i) for i in common],
                          "name": (after.loc[common, "name"].astype(str).to_numpy()
                                   if "name" in after else [str(i) for i in common]),
                          "rank_before": rb.to_numpy(), "rank_after": ra.to_numpy(),
                          "change": (rb - ra).to_numpy(),
                          "score_before": before.loc[common, "anchor_score"].to_numpy(float),
                          "score_after": after.loc[common, "anchor_score"].to_numpy(float)})
    if within is not None:
        frame = frame[(frame["rank_before"] <= within) | (frame["rank_after"] <= within)]
    rising = frame[frame["change"] > 0].sort_values(["change", "rank_after", "id"],
                                                    ascending=[False, True, True]).head(top)
    falling = frame[frame["change"] < 0].sort_values(["change", "rank_after", "id"],
                                                     ascending=[True, True, True]).head(top)
    out = pd.concat([rising.assign(direction="rising"), falling.assign(direction="falling")],
                    ignore_index=True)
    return out[cols]


def evolve(eco: Ecosystem, *, freq: str = "year", mode: str = "cumulative", window: int = 1,
           date_column: str | None = None, bins: Sequence[Any] | None = None,
           undated: str = "latest", partners: str = "active", seed: int = 0,
           method: str = "leiden", resolution: float = 1.0, threshold: float = 0.3,
           flow: float = 0.5, growth: float = 0.2, min_size: int = 3, top: int = 10,
           movers_within: int | None = 100,
           latest: dict[str, Any] | None = None,
           analysed: PeriodAnalyses | None = None, samples: int | None = None) -> Evolution:
    """Analyse every period of a dated ecosystem and follow the change.

    For each snapshot (see :func:`snapshots`): partner/relation/tie counts, the health
    KPIs (:func:`~ecosystem.analysis.health.health_kpis`), seeded communities
    (:func:`~ecosystem.analysis.communities.detect_communities`), the anchor ranking
    (:func:`~ecosystem.analysis.anchors.anchor_partners`); between consecutive periods:
    entrants and exits, rising and falling anchors (:func:`movers_between`) and
    community life cycles (:func:`~ecosystem.analysis.lifecycle.track_communities`).

    To keep many snapshots affordable, each snapshot's anchor ranking computes only the
    centrality measures the anchor score uses (strength, PageRank, betweenness), and
    large snapshots are sampled more lightly than the one-off analysis: in snapshots with
    more than :data:`~.period_analysis.SNAPSHOT_SAMPLE_ABOVE` (2,000) partners,
    betweenness comes from :data:`~.period_analysis.SNAPSHOT_PIVOTS` (50) seeded pivots
    per component (the one-off :func:`~ecosystem.analysis.centrality.centrality`: 200
    pivots above 5,000 partners) and the path-length KPIs from
    :data:`~.period_analysis.SNAPSHOT_PATH_SOURCES` (50) seeded sources (the
    one-off :func:`~ecosystem.analysis.health.health_kpis`: 100), or ``samples`` of each
    (the pipeline's ``evolution.samples``: 20 above 250,000 ties). Smaller snapshots are
    exact. ``params["snapshot_sampling"]`` records this, with the periods
    where something was sampled.

    A period whose relations are exactly those of the period before (see
    :func:`~.snapshots.cut_snapshots`) is not analysed again: it takes that period's
    communities, KPIs and anchor ranking (``params["unchanged_periods"]`` lists them;
    the key is there only when there is such a period).
    Each snapshot's graphs are built once, shared by its analyses, and released before
    the next period.

    Parameters
    ----------
    eco : Ecosystem
        Relations with dates.
    freq, mode, window, date_column, bins, undated, partners
        How to cut the snapshots (see :func:`snapshots`).
    seed : int, default 0
        Seed of every community detection (same seed -> same tracking).
    method, resolution
        Community detection method and resolution.
    threshold, flow, growth, min_size
        Community tracking rules (see :mod:`ecosystem.analysis.lifecycle`).
    top : int, default 10
        Rising and falling partners kept per period.
    movers_within : int or None, default 100
        Movers are taken among partners ranked in the top ``movers_within`` in either
        period.
    latest : dict, optional
        The main analysis of ``eco`` (``{"eco", "partition", "anchors", "health"}``, as
        :func:`~ecosystem.pipeline.analyze` passes it): when the latest snapshot is that
        same network (same partners and relations, e.g. cumulative mode with every
        relation dated and no isolated partner), its communities, anchor ranking and KPIs
        are taken from there instead of being computed again (with the main analysis'
        sampling: 200 pivots, 100 path sources). When the main network also holds partners
        without any relation, the latest period keeps only its active partners (anchor
        ranks 1..n among them) and its KPIs are computed on the snapshot.
        ``params["latest_reused"]`` says what happened (``"same"``, ``"isolates"`` or
        False).
    analysed : PeriodAnalyses, optional
        Periods already analysed by :func:`~.period_analysis.analyse_periods` with the
        same cut, seed and community settings (the pipeline runs that in a worker while
        the main analysis goes on); the periods it holds are not analysed again.
        The result is the same as without it.
    samples : int, optional
        Betweenness pivots and path-length sources of each large snapshot (default
        :data:`~.period_analysis.SNAPSHOT_PIVOTS` and
        :data:`~.period_analysis.SNAPSHOT_PATH_SOURCES`, 50 each).

    Returns
    -------
    Evolution

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")])
    >>> eco = eco.replace(relations=eco.relations.assign(year=[2020, 2020, 2021, 2021]))
    >>> ev = evolve(eco)
    >>> ev.periods[["period", "partners", "relations", "entrants"]].values.tolist()
    [['2020', 3, 2, 3], ['2021', 4, 4, 1]]
    >>> ev.entrants.loc[ev.entrants["period"] == "2021", "id"].tolist()
    ['d']
    """
    from ..lifecycle import track_communities

    if not isinstance(top, (int, np.integer)) or top < 1:
        raise InvalidParameterError(f"top must be a whole number >= 1, got {top!r}")
    cut = cut_arguments(freq=freq, mode=mode, window=window, date_column=date_column,
                        bins=bins, undated=undated, partners=partners)
    snaps, unchanged, date_info = cut_snapshots(eco, **cut)
    pivots, sources = snapshot_samples(samples)
    if analysed is not None and not analysed.matches(cut=cut, seed=seed, method=method,
                                                     resolution=resolution,
                                                     samples=(pivots, sources)):
        analysed = None  # analysed otherwise: not used
    done = analysed.results if analysed is not None else {}
    rows, kpi_rows, entrants, exits, ranks, movers = [], [], [], [], [], []
    local_partitions: list[tuple[str, pd.Series]] = []
    partitions: dict[str, Partition] = {}
    prev_active: set[str] | None = None
    prev_anchor: pd.DataFrame | None = None
    prev_label = None
    prev_part: Partition | None = None
    prev_kpis: dict[str, float] = {}
    anchor_tables: dict[str, pd.DataFrame] = {}
    anchor_params: dict[str, Any] = {}
    sampled_periods: list[str] = []
    reuse = _reusable(snaps[-1], latest) if snaps else False
    reused_periods: list[str] = []
    # a period's ecosystem is built only to analyse it here (or to reuse the main
    # analysis for it): counts, active partners, names and sectors come from the cut and
    # the network itself, whose partner rows the snapshots hold
    for k, snap in enumerate(snaps):
        n_ties = None  # known without building the snapshot's tie table, when analysed
        same = unchanged[k] and not (reuse and k == len(snaps) - 1)
        active = prev_active if same else snap.active_ids()
        if same:  # the relations of the period before: its analysis, not a new one
            part, kpis, anchor = prev_part, prev_kpis, prev_anchor.copy()
            reused_periods.append(snap.label)
            if sampled_periods and sampled_periods[-1] == prev_label:
                sampled_periods.append(snap.label)
        elif reuse and k == len(snaps) - 1:  # the main analysis already did this network
            part, kpis, anchor = _reuse_latest(snap, latest, reuse, seed, analysed, samples)
            n_ties = int(latest["eco"].n_ties)  # the same relations, hence the same ties
            anchor_params = dict(latest["anchors"].attrs.get("params", {}))
            if kpis.get("path_length_sampled") or anchor_params.get("centrality", {}).get("sampled"):
                sampled_periods.append(snap.label)
            anchor.attrs = {}
        else:  # analysed ahead (analyse_periods, e.g. in a worker) or here
            res = done.get(snap.label) or analyse_period(snap.eco, seed=seed, method=method,
                                                         resolution=resolution, samples=samples)
            part, kpis, anchor, n_ties = res.partition, res.kpis, res.anchors, res.n_ties
            if res.anchor_params is not None:
                anchor_params = res.anchor_params
            if res.sampled:
                sampled_periods.append(snap.label)
        anchor_tables[snap.label] = anchor
        kpi_rows.append({"period": snap.label, **kpis})
        if len(anchor):
            ranks.append(pd.DataFrame({
                "period": snap.label, "id": anchor.index.astype(str),
                "name": anchor["name"].astype(str).to_numpy() if "name" in anchor
                else eco.names.reindex(anchor.index).to_numpy(),
                "rank": anchor["rank"].astype(int).to_numpy(),
                "anchor_score": anchor["anchor_score"].astype(float).to_numpy(),
                "role": anchor["role"].astype(str).to_numpy() if "role" in anchor else ""}))
        if prev_active is None:
            came, left = active, set()
        else:
            came, left = active - prev_active, prev_active - active
        entrants.append(_partner_rows(eco, came, snap.label))
        exits.append(_partner_rows(eco, left, snap.label))
        if prev_anchor is not None and len(prev_anchor) and len(anchor):
            mv = movers_between(prev_anchor, anchor, top=top, within=movers_within)
            mv.insert(0, "previous", prev_label)
            mv.insert(0, "period", snap.label)
            movers.append(mv)
        # communities of active partners only: isolates (partners="all") are not tracked
        membership = part.membership[part.membership.index.isin(active)] if len(part.membership) \
            else part.membership
        local_partitions.append((snap.label, membership))
        rows.append({"period": snap.label, "start": snap.start, "end": snap.end,
                     "partners": rows[-1]["partners"] if same else snap.n_partners,
                     "active_partners": len(active), "relations": snap.n_relations,
                     "ties": rows[-1]["ties"] if same else
                     (n_ties if n_ties is not None else int(snap.eco.n_ties)),
                     "entrants": len(came), "exits": len(left),
                     "communities": int(membership.nunique()) if len(membership) else 0,
                     "modularity": float(part.modularity)})
        partitions[snap.label] = part
        if snap.built:  # rebuilt when asked for (Snapshot.eco)
            release_graphs(snap.eco)
            snap.release()
        prev_active, prev_anchor, prev_label = active, anchor, snap.label
        prev_part, prev_kpis = part, kpis
    tracking = track_communities(local_partitions, threshold=threshold, flow=flow,
                                 growth=growth, min_size=min_size)
    # partitions renumbered by stable ids; top partners of each community by anchor rank
    stable: dict[str, Partition] = {}
    tops = []
    for snap in snaps:
        local = partitions[snap.label]
        ids = tracking.partition_at(snap.label)
        stable[snap.label] = Partition(ids.astype(int), method=local.method,
                                       params={**local.params, "period": snap.label,
                                               "numbering": "stable ids across periods"},
                                       modularity=local.modularity)
        if len(ids):
            tops.append(_top_partners(snap.label, ids, anchor_tables[snap.label], eco.names))
    com = tracking.communities
    if tops:
        com = com.merge(pd.concat(tops, ignore_index=True), on=["period", "community"],
                        how="left")
    # the latest period's communities are the main analysis' own when it was reused:
    # their numbers there (``local``) are the ones the report names
    main_ids = pd.to_numeric(com["local"], errors="coerce") if "local" in com else None
    com["main_community"] = -1
    if reuse and snaps and main_ids is not None:
        last = (com["period"] == snaps[-1].label).to_numpy()
        com.loc[last, "main_community"] = main_ids[last].fillna(-1).astype(int).to_numpy()
    tracking.communities = com
    kpi_frame = pd.DataFrame(kpi_rows).set_index("period")
    params = {"method": "snapshots + per-period analysis + community tracking",
              "freq": None if bins is not None else freq, "bins": [str(b) for b in bins] if bins
              is not None else None, "mode": mode, "window": window if mode == "window" else None,
              "date_column": date_info.column, "end_column": date_info.end_column,
              "undated": undated, "undated_relations": date_info.n_undated,
              "partners": partners, "seed": seed,
              "community_method": method, "resolution": resolution,
              "tracking": tracking.params, "top": top, "movers_within": movers_within,
              "anchors": anchor_params,
              "snapshot_sampling": {
                  "centrality_measures": ["strength", "pagerank", "betweenness"],
                  "betweenness_pivots": pivots,
                  "path_length_sources": sources,
                  "sampled_above": _periods.SNAPSHOT_SAMPLE_ABOVE,
                  "sampled_periods": sampled_periods},
              "latest_reused": reuse or False,
              "n_periods": len(snaps), "ecosystem": eco.settings()}
    if reused_periods:  # only then: unchanged reports for networks that change every period
        params["unchanged_periods"] = reused_periods
    empty_partner = pd.DataFrame(columns=["period", "id", "name", "sector"])
    return Evolution(
        snapshots=snaps, periods=pd.DataFrame(rows), kpis=kpi_frame,
        entrants=pd.concat(entrants, ignore_index=True) if entrants else empty_partner,
        exits=pd.concat(exits, ignore_index=True) if exits else empty_partner,
        ranks=(pd.concat(ranks, ignore_index=True) if ranks else
               pd.DataFrame(columns=["period", "id", "name", "rank", "anchor_score", "role"])),
        movers=(pd.concat(movers, ignore_index=True) if movers else
                pd.DataFrame(columns=["period", "previous", "direction", "id", "name",
                                      "rank_before", "rank_after", "change", "score_before",
                                      "score_after"])),
        tracking=tracking, partitions=stable, anchors=anchor_tables, params=params,
        activity=analysed.activity if analysed is not None else None)



__all__ = ["Evolution", "evolve", "movers_between"]

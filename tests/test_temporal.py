"""Snapshots over time and evolution: hand-checked periods, a planted history, real H2020 data."""
from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from ecosystem import Ecosystem
from ecosystem.analysis.lifecycle import match_communities, track_communities
from ecosystem.analysis.temporal import (evolve, make_periods, movers_between, relation_dates,
                                         snapshot_at, snapshots)
from ecosystem.exceptions import EcosystemWarning, InputDataError, InvalidParameterError
from evolution_history import BROKER, ENTRANTS, GROUPS, history_ecosystem

ROOT = Path(__file__).resolve().parent.parent


def dated(rows, partners=None, **kw) -> Ecosystem:
    """Ecosystem from dict rows (source, target, start/end/year...), validated."""
    return Ecosystem.from_frames(pd.DataFrame(rows), partners, row_offset=2, **kw)


# ------------------------------------------------------------------ periods
def test_year_quarter_month_periods_cover_first_to_last_date():
    first, last = pd.Timestamp("2020-11-15"), pd.Timestamp("2021-02-01")
    years = make_periods(first, last, freq="year")
    assert [(p.label, str(p.start.date()), str(p.end.date())) for p in years] == [
        ("2020", "2020-01-01", "2021-01-01"), ("2021", "2021-01-01", "2022-01-01")]
    assert [p.label for p in make_periods(first, last, freq="quarter")] == ["2020Q4", "2021Q1"]
    assert [p.label for p in make_periods(first, last, freq="month")] == [
        "2020-11", "2020-12", "2021-01", "2021-02"]


def test_custom_bins_and_bad_bins():
    periods = make_periods(None, None, bins=[2014, "2017", "2020-07-01"])
    assert [p.label for p in periods] == ["2014-2016", "2017-01-01..2020-06-30"]
    with pytest.raises(InvalidParameterError, match="increase"):
        make_periods(None, None, bins=[2020, 2018])
    with pytest.raises(InvalidParameterError, match="two edges"):
        make_periods(None, None, bins=[2020])
    with pytest.raises(InvalidParameterError, match="not a date"):
        make_periods(None, None, bins=[2020, "soon"])


# ------------------------------------------------------------------ snapshots
@pytest.fixture
def chain() -> Ecosystem:
    """a-b from 2019 (ends mid 2020), b-c from 2020, c-d from 2021, d-e from 2021-12."""
    return dated([
        {"source": "a", "target": "b", "start": "2019-03-01", "end": "2020-06-30"},
        {"source": "b", "target": "c", "start": "2020-05-01", "end": ""},
        {"source": "c", "target": "d", "start": "2021-01-01", "end": ""},
        {"source": "d", "target": "e", "start": "2021-12-31", "end": ""},
    ])


def ties(snap):
    return sorted(tuple(sorted(p)) for p in zip(snap.eco.relations["source"], snap.eco.relations["target"]))


def test_cumulative_keeps_everything_started_minus_what_ended_before_the_period(chain):
    snaps = snapshots(chain)
    assert [s.label for s in snaps] == ["2019", "2020", "2021"]
    assert ties(snaps[0]) == [("a", "b")]
    # a-b ended 2020-06-30: still active during 2020
    assert ties(snaps[1]) == [("a", "b"), ("b", "c")]
    # ... but not in 2021, so 'a' is gone
    assert ties(snaps[2]) == [("b", "c"), ("c", "d"), ("d", "e")]
    assert sorted(snaps[2].eco.ids) == ["b", "c", "d", "e"]
    assert snaps[2].start == pd.Timestamp("2021-01-01") and snaps[2].end == pd.Timestamp("2022-01-01")


def test_window_counts_relations_overlapping_the_last_n_periods(chain):
    one = snapshots(chain, mode="window", window=1)
    # no end date = an event on its start date
    assert [ties(s) for s in one] == [[("a", "b")], [("a", "b"), ("b", "c")],
                                      [("c", "d"), ("d", "e")]]
    two = snapshots(chain, mode="window", window=2)
    assert ties(two[2]) == [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")]
    assert two[2].since == pd.Timestamp("2020-01-01")


def test_quarters_split_a_year(chain):
    snaps = snapshots(chain, freq="quarter", mode="window")
    labels = [s.label for s in snaps]
    assert labels[0] == "2019Q1" and labels[-1] == "2021Q4" and len(labels) == 12
    by = {s.label: ties(s) for s in snaps}
    assert by["2020Q2"] == [("a", "b"), ("b", "c")]     # b-c starts 1 May, a-b ends 30 June
    assert by["2020Q3"] == []                           # empty periods are kept
    assert by["2021Q4"] == [("d", "e")]


def test_bins_and_all_partners(chain):
    snaps = snapshots(chain, bins=[2019, 2021, 2023], partners="all")
    assert [s.label for s in snaps] == ["2019-2020", "2021-2022"]
    assert all(s.eco.n_partners == 5 for s in snaps)       # inactive partners kept as isolates
    assert ties(snaps[0]) == [("a", "b"), ("b", "c")]


def test_year_column_and_custom_date_column():
    eco = dated([{"source": "a", "target": "b", "year": "2020", "agreed_on": "2021-05-02"},
                 {"source": "b", "target": "c", "year": "2022", "agreed_on": "2021-07-09"}])
    assert relation_dates(eco).column == "year"
    assert [s.label for s in snapshots(eco)] == ["2020", "2021", "2022"]
    by_signed = snapshots(eco, date_column="agreed_on", freq="month")
    assert [s.label for s in by_signed] == ["2021-05", "2021-06", "2021-07"]
    with pytest.raises(InvalidParameterError, match="not a relation column"):
        snapshots(eco, date_column="nope")


def test_unreadable_dates_in_a_named_column_are_reported_not_dropped():
    eco = dated([{"source": "a", "target": "b", "agreed_on": "2021-05-02"},
                 {"source": "b", "target": "c", "agreed_on": "next spring"}])
    with pytest.raises(InputDataError, match="next spring"):
        snapshots(eco, date_column="agreed_on")


def test_undated_relations_are_counted_and_in_the_latest_period_excluded_or_included():
    eco = dated([{"source": "a", "target": "b", "start": "2020-01-05"},
                 {"source": "b", "target": "c", "start": "2021-01-05"},
                 {"source": "x", "target": "y", "start": ""}])
    with pytest.warns(EcosystemWarning, match="1 relation without a date.*latest snapshot only"):
        latest = snapshots(eco)  # they exist now: the latest period is the whole network
    assert [ties(s) for s in latest] == [[("a", "b")], [("a", "b"), ("b", "c"), ("x", "y")]]
    assert latest[0].n_undated == 1 and latest[0].undated == "latest"
    with pytest.warns(EcosystemWarning, match="left out of every snapshot"):
        excl = snapshots(eco, undated="exclude")
    assert [ties(s) for s in excl] == [[("a", "b")], [("a", "b"), ("b", "c")]]
    with pytest.warns(EcosystemWarning, match="included in every snapshot"):
        incl = snapshots(eco, undated="include")
    assert [ties(s) for s in incl] == [[("a", "b"), ("x", "y")],
                                       [("a", "b"), ("b", "c"), ("x", "y")]]


def test_an_undated_relation_no_longer_stops_the_latest_period_reusing_the_main_analysis():
    from ecosystem.pipeline import analyze

    rows = [{"source": s, "target": t, "start": d} for s, t, d in
            [("a", "b", "2020-02-01"), ("b", "c", "2020-03-01"), ("c", "a", "2021-01-01"),
             ("c", "d", "2021-05-01"), ("d", "e", "2021-06-01"), ("e", "c", "")]]
    eco = dated(rows)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EcosystemWarning)
        a = analyze(eco, {"outputs": {}, "communities": {"stability_runs": 0},
                          "analyses": {"resilience": False}})
        excl = evolve(eco, undated="exclude")
    ev = a.evolution
    assert ev.params["latest_reused"] == "same" and ev.params["undated"] == "latest"
    assert ev.periods["relations"].tolist() == [2, 6]
    assert ev.kpis.loc["2021", "density"] == pytest.approx(a.health["density"])
    assert excl.periods["relations"].tolist() == [2, 5]
    assert excl.kpis.loc["2021", "density"] != pytest.approx(a.health["density"])


def test_bad_parameters_and_no_dates():
    eco = Ecosystem.from_edges([("a", "b")])
    with pytest.raises(InvalidParameterError, match="carry no dates"):
        snapshots(eco)
    chain = dated([{"source": "a", "target": "b", "year": 2020}])
    for kw, msg in (({"freq": "week"}, "freq"), ({"mode": "rolling"}, "mode"),
                    ({"window": 0}, "window"), ({"undated": "drop"}, "undated"),
                    ({"partners": "some"}, "partners")):
        with pytest.raises(InvalidParameterError, match=msg):
            snapshots(chain, **kw)
    with pytest.raises(InvalidParameterError, match="periods: 2020"):
        snapshot_at(chain, "2019")


def test_snapshots_never_mutate_the_source(chain):
    before = chain.relations.copy()
    snapshots(chain, mode="window", window=2)
    pd.testing.assert_frame_equal(chain.relations, before)


# ------------------------------------------------------------------ community matching
def test_match_and_track_by_hand():
    before = pd.Series({"a": 0, "b": 0, "c": 0, "d": 0, "e": 1, "f": 1, "g": 1})
    after = pd.Series({"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1, "g": 1, "h": 1})
    m = match_communities(before, after).set_index(["before", "after"])
    # {a,b,c,d} vs {a,b,c}: 3 / 4;  {e,f,g} vs {d,e,f,g,h}: 3 / 5
    assert m.loc[(0, 0), "jaccard"] == pytest.approx(3 / 4)
    assert m.loc[(1, 1), "jaccard"] == pytest.approx(3 / 5)
    assert m.loc[(0, 1), "forward"] == pytest.approx(1 / 4)
    assert m.loc[(1, 1), "backward"] == pytest.approx(3 / 4)   # d came from 0, h is new
    t = track_communities([("t0", before), ("t1", after)])
    ev = t.events.set_index("community")
    assert ev.loc[0, "event"] == "shrink" and ev.loc[1, "event"] == "grow"


def test_split_birth_death_and_stable_ids():
    p0 = pd.Series({**{f"a{i}": 0 for i in range(6)}, **{f"z{i}": 1 for i in range(3)}})
    p1 = pd.Series({**{f"a{i}": 0 for i in range(3)}, **{f"a{i}": 1 for i in range(3, 6)},
                    **{f"n{i}": 2 for i in range(4)}})
    t = track_communities([("t0", p0), ("t1", p1)])
    events = {(r.event, r.community): r for r in t.events.itertuples()}
    split = events[("split", 0)]
    # equal pieces (Jaccard .5 each): the first keeps C0; new ids go by size: n0..n3 (4) -> C2
    assert split.to == "C0, C3"
    assert ("birth", 2) in events
    assert ("death", 1) in events                  # z0..z2 left
    assert set(t.partition_at("t1")[["a0", "a3", "n0"]]) == {0, 2, 3}
    with pytest.raises(InvalidParameterError):
        track_communities([("t0", p0)], threshold=0)


def test_movers_between_by_hand():
    a = pd.DataFrame({"rank": [1, 2, 3, 4], "anchor_score": [.9, .8, .5, .1], "name": list("WXYZ")},
                     index=list("wxyz"))
    b = pd.DataFrame({"rank": [4, 1, 2, 3], "anchor_score": [.1, .9, .8, .5], "name": list("WXYZ")},
                     index=list("wxyz"))
    mv = movers_between(a, b, top=1)
    assert mv[["direction", "id", "rank_before", "rank_after", "change"]].values.tolist() == [
        ["rising", "x", 2, 1, 1], ["falling", "w", 1, 4, -3]]   # x, y, z all +1: best rank first
    assert movers_between(a, b, within=1)["id"].tolist() == ["x", "w"]
    # only partners near the top of either ranking are compared: the rest are left out
    # before the table is built, and with none near the top the table is empty
    near = movers_between(a, b, within=2, top=10)
    assert near[["direction", "id", "change"]].values.tolist() == [
        ["rising", "x", 1], ["rising", "y", 1], ["falling", "w", -3]]   # z: ranked 4 and 3
    none = movers_between(a, b, within=0)
    assert none.empty and none.columns.tolist() == movers_between(a, b).columns.tolist()


# ------------------------------------------------------------------ planted history
@pytest.fixture(scope="module")
def history():
    return history_ecosystem(seed=0)


@pytest.fixture(scope="module")
def evolution(history):
    return evolve(history, seed=0)


def test_planted_entrants_and_exits_are_detected(evolution):
    entrants = evolution.entrants.groupby("period")["id"].apply(sorted).to_dict()
    assert entrants["2020"] == ENTRANTS
    assert "2019" not in entrants and "2021" not in entrants
    exits = evolution.exits.groupby("period")["id"].apply(sorted).to_dict()
    # D's own ties ended 2020-12-31; d5 and d6 stay through the broker
    assert exits == {"2021": sorted(set(GROUPS["d"]) - {"d5", "d6"})}
    per = evolution.periods.set_index("period")
    assert per.loc["2020", "entrants"] == 5 and per.loc["2021", "exits"] == 8
    assert evolution.entrants.loc[evolution.entrants["id"] == "e0", "name"].item() == "Partner E0"


def test_planted_merge_of_a_and_b_is_detected(evolution):
    part = {lab: evolution.partitions[lab].membership for lab in evolution.labels}
    a_2020, b_2020 = int(part["2020"]["a0"]), int(part["2020"]["b0"])
    assert a_2020 != b_2020
    assert part["2021"]["a0"] == part["2021"]["b0"]
    merges = evolution.events[(evolution.events["event"] == "merge")
                              & (evolution.events["period"] == "2021")]
    assert len(merges) == 1
    merge = merges.iloc[0]
    assert merge["from"] == f"C{min(a_2020, b_2020)}, C{max(a_2020, b_2020)}"
    assert merge["community"] == int(part["2021"]["a0"])
    sizes_2020 = part["2020"].value_counts()
    assert merge["size_before"] == sizes_2020[a_2020] + sizes_2020[b_2020]
    assert merge["size_after"] == (part["2021"] == part["2021"]["a0"]).sum()
    assert {f"a{i}" for i in range(10)} | {f"b{i}" for i in range(10)} <= set(
        part["2021"].index[part["2021"] == part["2021"]["a0"]])
    # no merge, split or death before 2021 (2020 only grows C with the entrants)
    early = evolution.events[evolution.events["period"].isin(["2019", "2020"])]
    assert set(early["event"]) <= {"continue", "grow", "shrink"}
    grow = early[early["event"] == "grow"]
    assert grow["community"].tolist() == [int(part["2020"]["e0"])]


def test_planted_death_of_d(evolution):
    d_id = int(evolution.partitions["2020"].membership["d0"])
    deaths = evolution.events[(evolution.events["event"] == "death")]
    assert deaths[["period", "community"]].values.tolist() == [["2021", d_id]]


def test_planted_rising_broker_climbs(evolution):
    ranks = evolution.rank_matrix().loc[BROKER].tolist()
    assert ranks[0] > 30 and ranks[-1] == 1
    assert all(later <= earlier for earlier, later in zip(ranks, ranks[1:]))
    rising = evolution.movers[evolution.movers["direction"] == "rising"]
    for period, before, after in zip(evolution.labels[1:], ranks, ranks[1:]):
        if after < before:
            assert BROKER in rising[rising["period"] == period]["id"].tolist(), period  # top 10
    # over the whole history nobody climbs as far as the broker
    first, last = evolution.anchors[evolution.labels[0]], evolution.anchors[evolution.labels[-1]]
    overall = movers_between(first, last, top=3, within=None)
    assert overall.iloc[0]["id"] == BROKER and overall.iloc[0]["change"] == ranks[0] - 1
    summary = evolution.overall_movers(top=3, within=None)
    assert summary[["first", "last"]].iloc[0].tolist() == ["2018", "2022"]
    pd.testing.assert_frame_equal(summary.drop(columns=["first", "last"]), overall)
    assert evolution.movers["change"].eq(
        evolution.movers["rank_before"] - evolution.movers["rank_after"]).all()


def test_kpis_are_the_health_kpis_of_each_snapshot(evolution):
    from ecosystem.analysis.communities import detect_communities
    from ecosystem.analysis.health import health_kpis

    snap = evolution.snapshot("2021")
    expected = health_kpis(snap.eco, detect_communities(snap.eco, seed=0))
    row = evolution.kpis.loc["2021"]
    for key in ("density", "modularity", "n_partners"):
        assert row[key] == pytest.approx(float(expected[key]))
    assert evolution.periods.set_index("period").loc["2021", "ties"] == snap.eco.n_ties


def test_same_seed_same_tracking(history, evolution):
    again = evolve(history, seed=0)
    pd.testing.assert_frame_equal(again.events, evolution.events)
    pd.testing.assert_frame_equal(again.tracking.memberships, evolution.tracking.memberships)
    assert again.params["seed"] == 0 and again.params["tracking"]["threshold"] == 0.3


def test_merge_is_found_with_other_seeds(history):
    for seed in (1, 2):
        ev = evolve(history, seed=seed)
        merges = ev.events[(ev.events["event"] == "merge") & (ev.events["period"] == "2021")]
        assert len(merges) == 1, seed


def test_provenance_names_every_choice(evolution):
    p = evolution.params
    assert (p["freq"], p["mode"], p["date_column"], p["end_column"], p["undated_relations"]) == \
        ("year", "cumulative", "start", "end", 0)
    assert p["community_method"] == "leiden" and p["tracking"]["flow"] == 0.5


# ------------------------------------------------------------------ real data: H2020 SWAFS
SWAFS = ROOT / "datasets" / "cordis_h2020" / "h2020_swafs_participations.csv"  # CORDIS, CC BY 4.0


@pytest.fixture(scope="module")
def swafs():
    from ecosystem.io.readers import load

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EcosystemWarning)
        return load(SWAFS)


def test_swafs_snapshots_follow_project_start_years(swafs):
    raw = pd.read_csv(SWAFS)
    snaps = snapshots(swafs)
    assert [s.label for s in snaps] == [str(y) for y in range(2014, 2022)]
    # cumulative: every organisation of a project started by the end of the year
    for snap in (snaps[0], snaps[3], snaps[-1]):
        year = int(snap.label)
        projects = raw[raw["start_year"] <= year].groupby("rcn")["pic"].nunique()
        multi = projects[projects >= 2].index
        orgs = set(raw.loc[raw["rcn"].isin(multi), "pic"].astype(str))
        assert set(snap.eco.ids) == orgs
    assert snaps[-1].eco.n_ties == swafs.n_ties == 10254   # published projection size


def test_swafs_evolution_in_three_bins(swafs):
    ev = evolve(swafs, bins=[2014, 2017, 2019, 2022], seed=0)
    per = ev.periods.set_index("period")
    assert list(per.index) == ["2014-2016", "2017-2018", "2019-2021"]
    assert per["partners"].is_monotonic_increasing
    assert per["entrants"].iloc[1:].tolist() == [
        len(set(ev.snapshot(b).eco.ids) - set(ev.snapshot(a).eco.ids))
        for a, b in zip(per.index[:-1], per.index[1:])]
    assert per["exits"].sum() == 0                   # cumulative, no end dates: nobody leaves
    assert set(ev.events["event"]) <= {"birth", "death", "continue", "grow", "shrink", "merge", "split"}
    assert len(ev.events) > 0 and ev.kpis.notna().all().all()
    # window mode: organisations whose projects all started earlier do leave
    win = snapshots(swafs, bins=[2014, 2017, 2019, 2022], mode="window")
    assert all(set(a.eco.ids) - set(b.eco.ids) for a, b in zip(win, win[1:]))


def test_empty_periods_kill_and_rebirth_communities():
    p0 = pd.Series({"a": 0, "b": 0, "c": 0})
    t = track_communities([("1", p0), ("2", pd.Series([], dtype=int)), ("3", p0)])
    assert t.events[["period", "event", "community"]].values.tolist() == [
        ["2", "death", 0], ["3", "birth", 1]]


def test_evolve_through_empty_quarters(chain):
    ev = evolve(chain, freq="quarter", mode="window")
    per = ev.periods.set_index("period")
    assert per.loc["2020Q3", "partners"] == 0 and per.loc["2020Q3", "communities"] == 0
    assert ev.kpis.loc["2020Q3"].isna().all()
    assert per.loc["2020Q3", "exits"] == 3 and per.loc["2021Q1", "entrants"] == 2


def test_time_zones_are_compared_in_utc():
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c")])
    eco = eco.replace(relations=eco.relations.assign(
        when=["2021-12-31T23:00:00-05:00", "2022-01-01T00:00:00+09:00"]))
    dates = relation_dates(eco, "when").start
    assert dates.tolist() == [pd.Timestamp("2022-01-01 04:00"), pd.Timestamp("2021-12-31 15:00")]
    first = snapshots(eco, date_column="when")[0]
    assert first.label == "2021" and ties(first) == [("b", "c")]


# ----------------------------------------------------------------- per-snapshot cost
def test_snapshot_anchors_equal_a_direct_anchor_ranking_on_small_snapshots():
    from ecosystem.analysis.anchors import anchor_partners
    from ecosystem.analysis.communities import detect_communities

    eco = history_ecosystem()
    ev = evolve(eco, seed=0)
    sampling = ev.params["snapshot_sampling"]
    assert sampling["betweenness_pivots"] == 50 and sampling["path_length_sources"] == 50
    assert sampling["sampled_periods"] == []            # 46 partners: everything exact
    assert ev.params["anchors"]["centrality"]["measures"] == ["strength", "pagerank", "betweenness"]
    for snap in ev.snapshots[1:]:
        # the full centrality (every measure) gives the same ranking
        direct = anchor_partners(snap.eco, partition=detect_communities(snap.eco, seed=0), seed=0)
        got = ev.anchors[snap.label]
        assert got.index.tolist() == direct.index.tolist()
        assert got["anchor_score"].tolist() == pytest.approx(direct["anchor_score"].tolist())


def test_large_snapshots_use_fewer_pivots_and_say_so(monkeypatch):
    import ecosystem.analysis.temporal.period_analysis as T

    monkeypatch.setattr(T, "SNAPSHOT_SAMPLE_ABOVE", 5)      # pretend every snapshot is large
    monkeypatch.setattr(T, "SNAPSHOT_PIVOTS", 10)
    ev = evolve(history_ecosystem(), seed=0)
    sampling = ev.params["snapshot_sampling"]
    assert ev.kpis["path_length_sampled"].all()
    assert sampling["betweenness_pivots"] == 10 and sampling["sampled_above"] == 5
    assert sampling["sampled_periods"] == ev.periods["period"].tolist()
    assert ev.params["anchors"]["centrality"]["sampled"]
    assert ev.params["anchors"]["centrality"]["n_samples"] == 10
    again = evolve(history_ecosystem(), seed=0)
    pd.testing.assert_frame_equal(ev.ranks, again.ranks)   # seeded
    fewer = evolve(history_ecosystem(), seed=0, samples=3)   # evolution.samples
    assert fewer.params["snapshot_sampling"]["betweenness_pivots"] == 3
    assert fewer.params["snapshot_sampling"]["path_length_sources"] == 3
    assert fewer.params["anchors"]["centrality"]["n_samples"] == 3
    with pytest.raises(InvalidParameterError, match="samples"):
        evolve(history_ecosystem(), samples=0)


def test_latest_period_reuses_the_main_analysis():
    """Issue 18: the latest cumulative snapshot is the analysed network, so evolve takes
    its communities and anchor ranking from the main analysis (here the main network
    also holds one partner without relations: the period keeps the active partners,
    re-ranked 1..n in the main order)."""
    from ecosystem import analyze

    rel = pd.DataFrame({"source": ["a", "b", "c", "d", "a"], "target": ["b", "c", "d", "e", "c"],
                        "year": [2020, 2020, 2021, 2021, 2021]})
    partners = pd.DataFrame({"id": list("abcdex"), "name": list("ABCDEX")})
    eco = Ecosystem.from_frames(rel, partners)
    a = analyze(eco, {"communities": {"stability_runs": 0},
                      "analyses": {"resilience": False, "recommendations": False}}, cpus=1)
    ev = a.evolution
    assert ev.params["latest_reused"] == "isolates"
    last = ev.anchors["2021"]
    assert "x" not in last.index and last["rank"].tolist() == list(range(1, 6))
    main_order = [i for i in a.anchors.sort_values("rank").index if i != "x"]
    assert last.sort_values("rank").index.tolist() == main_order
    assert ev.partitions["2021"].membership.size == 5
    alone = evolve(eco)  # without the main analysis: computed per snapshot, as before
    assert alone.params["latest_reused"] is False
    assert alone.periods.to_dict("records") == ev.periods.to_dict("records")


def test_the_activity_index_gives_the_same_time_slider_as_matching_each_subset():
    from ecosystem.analysis.temporal import snapshots
    from ecosystem.analysis.temporal.activity import activity_index, time_spec

    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("e", "a")])
    eco = eco.replace(relations=eco.relations.assign(year=[2020, 2021, 2021, 2022, 2022]))
    snaps = snapshots(eco, mode="window")
    index = activity_index(snaps)
    for ids, edges in [(list("abcde"), [("b", "a"), ("c", "b"), ("d", "c"), ("a", "e")]),
                       (["d", "a", "zz"], [("a", "d"), ("a", "zz")])]:       # zz: in no period
        edges = [{"source": s, "target": t} for s, t in edges]
        assert time_spec(snaps, ids, edges, index=index) == time_spec(snaps, ids, edges)
    t = time_spec(snaps, ["d", "a", "zz"], [{"source": "a", "target": "d"}], index=index)
    assert t["periods"] == ["2020", "2021", "2022"]
    assert t["nodes"] == [[[1, 2]], [[0, 0], [2, 2]], []]     # d from 2021, a in 2020 and 2022
    assert t["edges"] == [[[2, 2]]]                            # the a-d tie: 2022 only


def test_dates_are_read_once_per_distinct_value_and_spread_back_to_every_row():
    from ecosystem.analysis.temporal.periods import _parse_dates

    values = pd.Series(["2021-03-05", None, "2020", "2021-03-05", " ", 2019], index=[9, 8, 7, 6, 5, 4],
                       dtype=object)
    got = _parse_dates(values, "date", "relations.csv")
    assert got.index.tolist() == [9, 8, 7, 6, 5, 4]
    assert [None if pd.isna(x) else x.strftime("%Y-%m-%d") for x in got] == \
        ["2021-03-05", None, "2020-01-01", "2021-03-05", None, "2019-01-01"]
    with pytest.raises(InputDataError) as err:
        _parse_dates(pd.Series(["2020", "soon", "2021", "soon"], index=[1, 2, 3, 4]), "date", "r.csv")
    assert [p.value for p in err.value.problems] == ["soon", "soon"]

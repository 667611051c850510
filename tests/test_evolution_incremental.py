"""Evolution without repeated work (issue 18): a period whose relations did not change
reuses the analysis of the period before, and the per-period tables built with vectorised
code equal the plain-Python definitions they replace."""
from __future__ import annotations

import pandas as pd
import pytest

from ecosystem import Ecosystem, schema as S
from ecosystem.analysis.temporal import evolve
from ecosystem.analysis.temporal.snapshots import cut_snapshots
from evolution_history import history_ecosystem


def gap_year() -> Ecosystem:
    """2020: a triangle and a pair; 2021: nothing new; 2022: a tail d-e-f."""
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"),
                                ("d", "e"), ("e", "f")])
    return eco.replace(relations=eco.relations.assign(year=[2020, 2020, 2020, 2020, 2022, 2022]))


# ------------------------------------------------------------------ unchanged periods
def test_cut_snapshots_flags_the_periods_whose_relations_did_not_change():
    snaps, same, _ = cut_snapshots(gap_year())
    assert [s.label for s in snaps] == ["2020", "2021", "2022"]
    assert same == [False, True, False]
    assert snaps[1].eco.relations.equals(snaps[0].eco.relations)
    assert snaps[1].eco.name.endswith("[2021]")           # its own period, same network
    # a one-year window: 2021 holds nothing (it differs from 2020), 2022 again something
    _, same, _ = cut_snapshots(gap_year(), mode="window")
    assert same == [False, False, False]
    # two empty periods in a row are the same (empty) network
    _, same, _ = cut_snapshots(gap_year().replace(relations=gap_year().relations.assign(
        year=[2019, 2019, 2019, 2019, 2022, 2022])), mode="window")
    assert same == [False, False, True, False]


def test_an_unchanged_period_takes_the_previous_analysis_instead_of_repeating_it(monkeypatch):
    import ecosystem.analysis.communities as C

    calls = []
    real = C.detect_communities
    monkeypatch.setattr(C, "detect_communities",
                        lambda eco, **kw: calls.append(eco.name) or real(eco, **kw))
    ev = evolve(gap_year(), seed=0)
    assert len(calls) == 2 and not any("2021" in c for c in calls)
    assert ev.params["unchanged_periods"] == ["2021"]
    assert "unchanged_periods" not in evolve(gap_year(), mode="window").params  # all changed
    row = ev.periods.set_index("period")
    assert row.loc["2021", ["partners", "relations", "entrants", "exits"]].tolist() == [4, 4, 0, 0]
    assert ev.kpis.loc["2021"].equals(ev.kpis.loc["2020"])
    pd.testing.assert_frame_equal(ev.anchors["2021"], ev.anchors["2020"])
    assert ev.anchors["2021"] is not ev.anchors["2020"]
    # the same as analysing the 2021 snapshot from scratch
    monkeypatch.setattr(C, "detect_communities", real)
    from ecosystem.analysis.temporal.period_analysis import _anchors, _health

    snap = ev.snapshot("2021").eco
    part = real(snap, seed=0)
    fresh = _anchors(snap, part, 0)
    assert ev.anchors["2021"]["rank"].to_dict() == fresh["rank"].to_dict()
    assert ev.anchors["2021"]["why"].to_dict() == fresh["why"].to_dict()
    assert ev.kpis.loc["2021", "average_path_length"] == _health(snap, part, 0)["average_path_length"]
    assert ev.partitions["2021"].membership.to_dict() == ev.partitions["2020"].membership.to_dict()
    events = ev.events[ev.events["period"] == "2021"]
    assert set(events["event"]) <= {"continue"}


# ------------------------------------------------------------------ vectorised tables
def _partner_rows_reference(eco, ids, period):
    """The former per-row definition: sorted by (name, id), looked up one by one."""
    ids = sorted(ids, key=lambda i: (str(eco.names.get(i, i)), i))
    return pd.DataFrame({"period": period, "id": ids,
                         "name": [eco.names.get(i, i) for i in ids],
                         "sector": [eco.sectors.get(i, S.UNKNOWN_SECTOR) for i in ids]},
                        columns=["period", "id", "name", "sector"])


def _top_partners_reference(ev):
    """The former loop: per community, the three best-ranked members' names."""
    tops = []
    for snap in ev.snapshots:
        ids = ev.tracking.partition_at(snap.label)
        anchor = ev.anchors[snap.label]
        for cid, members in ids.groupby(ids):
            ranked = anchor.reindex(members.index)["rank"].dropna().sort_values() \
                if "rank" in anchor else pd.Series(dtype=float)
            tops.append({"period": snap.label, "community": int(cid),
                         "top_partners": ", ".join(str(snap.eco.names.get(i, i))
                                                   for i in ranked.index[:3])})
    return pd.DataFrame(tops)


@pytest.fixture(scope="module")
def history_evolution():
    return evolve(history_ecosystem(seed=0), seed=0)


def test_entrants_and_exits_equal_the_per_row_definition(history_evolution):
    from ecosystem.analysis.temporal.evolution import _partner_rows

    ev = history_evolution
    eco = ev.snapshots[-1].eco
    ids = list(eco.ids)[::-1]
    pd.testing.assert_frame_equal(_partner_rows(eco, ids, "p"),
                                  _partner_rows_reference(eco, ids, "p"))
    for label in ev.labels:
        got = ev.entrants[ev.entrants["period"] == label].reset_index(drop=True)
        if got.empty:
            continue
        snap = ev.snapshot(label).eco
        want = _partner_rows_reference(snap, set(got["id"]), label)
        pd.testing.assert_frame_equal(got, want, check_dtype=False)  # concat with empty periods
    empty = _partner_rows(eco, [], "p")
    pd.testing.assert_frame_equal(empty, _partner_rows_reference(eco, [], "p"))


def test_names_sort_by_text_then_id_like_python():
    from ecosystem.analysis.temporal.evolution import _partner_rows

    eco = Ecosystem.from_frames(
        pd.DataFrame({"source": ["x", "y", "z", "w"], "target": ["y", "z", "w", "v"]}),
        pd.DataFrame({"id": ["x", "y", "z", "w", "v"], "name": ["b", "B", "a", "Ä", "b"],
                      "sector": ["s", "t", "u", "v", "w"]}))
    got = _partner_rows(eco, ["x", "y", "z", "w", "v"], "2020")
    assert got["id"].tolist() == ["y", "z", "v", "x", "w"]     # B < a < b(v) < b(x) < Ä
    pd.testing.assert_frame_equal(got, _partner_rows_reference(eco, list("xyzwv"), "2020"))


def test_top_partners_of_each_community_equal_the_per_community_loop(history_evolution):
    ev = history_evolution
    want = _top_partners_reference(ev)
    got = ev.communities[["period", "community", "top_partners"]]
    merged = got.merge(want, on=["period", "community"], how="left", suffixes=("", "_ref"))
    assert len(merged) == len(got) > 0
    assert merged["top_partners"].tolist() == merged["top_partners_ref"].tolist()


# ------------------------------------------------------------------ anchor sentences
def test_the_table_explainer_writes_the_explain_anchor_sentence_for_every_fact_combination():
    """anchor_partners renders ``why`` and ``plain_role`` for a whole table at once
    (each translated piece once per distinct value): the same text as explain_anchor
    and plain_role row by row, in both languages."""
    import itertools

    import numpy as np

    from ecosystem.analysis.anchors import _WHY_FACTS, _Explainer, explain_anchor, plain_role

    roles = ["isolate", "ultra-peripheral", "peripheral", "connector", "kinless",
             "provincial hub", "connector hub", "kinless hub"]
    rows = list(itertools.product(roles, [1, 2, 3, 11, 12, 13, 21, 22, 101, 111], [0, 1, 2, 3, 5],
                                  [0, 1, 2, 5, 7], [0.0, 0.004, 0.01, 0.314, 1.0],
                                  [False, True]))
    facts = pd.DataFrame(rows, columns=_WHY_FACTS)
    facts["strength_rank"] = facts["strength_rank"].astype(np.int64)
    for lang in ("en", "ko"):
        why, plain = _Explainer(lang).columns(facts)
        want = [explain_anchor(dict(zip(_WHY_FACTS, r)), lang=lang)
                for r in facts.itertuples(index=False, name=None)]
        assert why == want
    assert plain == [plain_role(dict(zip(_WHY_FACTS, r)))
                     for r in facts.itertuples(index=False, name=None)]


def test_anchor_partners_why_column_is_explain_anchor_of_its_facts(history_evolution):
    from ecosystem.analysis.anchors import _WHY_FACTS, anchor_why, explain_anchor, plain_role

    table = history_evolution.anchors[history_evolution.labels[-2]]
    rows = [dict(zip(_WHY_FACTS, r)) for r in table[_WHY_FACTS].itertuples(index=False, name=None)]
    assert table["why"].tolist() == [explain_anchor(f) for f in rows]
    assert table["plain_role"].tolist() == [plain_role(f) for f in rows]
    assert anchor_why(table, lang="ko").tolist() == [explain_anchor(f, lang="ko") for f in rows]
    assert anchor_why(table.iloc[:0], lang="xx").empty     # as before: nothing to check


# ------------------------------------------------------------------ life-cycle events
def test_continuation_jaccard_and_where_a_dead_community_went_by_hand():
    """C0 {a,b,c,d} -> {a,b,c,x,i}: overlap 3, Jaccard 3/6; C1 {e,f,g} -> {e,f,h}: 2/4;
    C2 {h,i,j} dies, h going to C1 and i to C0 (ties in the flow broken by community)."""
    from ecosystem.analysis.lifecycle import track_communities

    p1 = pd.Series({"a": 0, "b": 0, "c": 0, "d": 0, "e": 1, "f": 1, "g": 1, "h": 2, "i": 2, "j": 2})
    p2 = pd.Series({"a": 0, "b": 0, "c": 0, "x": 0, "e": 1, "f": 1, "h": 1, "i": 0})
    ev = track_communities([("1", p1), ("2", p2)]).events
    assert ev[["event", "community", "size_before", "size_after"]].values.tolist() == [
        ["grow", 0, 4, 5], ["continue", 1, 3, 3], ["death", 2, 3, 0]]
    assert ev["jaccard"].tolist()[:2] == [0.5, 0.5] and pd.isna(ev["jaccard"].iloc[2])
    assert ev["description"].iloc[2] == ("C2 dissolved (3 members); members still present "
                                         "went mainly to C0 (1), C1 (1)")


# ------------------------------------------------------------------ graphs built once
def test_every_snapshot_graph_is_built_once_and_shared_by_its_analyses(monkeypatch):
    """Communities, health and the anchors' centrality of a snapshot share one igraph
    (and at most one sparse matrix); no networkx graph; an unchanged period builds none."""
    from functools import cached_property

    from ecosystem.model import Ecosystem as E

    built: list[tuple[str, str]] = []
    for name in ("igraph", "igraph_directed", "strength_matrix", "graph", "digraph", "ties"):
        func = E.__dict__[name].func

        def counted(self, _func=func, _name=name):
            built.append((_name, self.name))
            return _func(self)
        prop = cached_property(counted)
        prop.__set_name__(E, name)
        monkeypatch.setattr(E, name, prop)
    eco = gap_year()
    evolve(eco, seed=0)
    per_graph = pd.Series([g for g, _ in built]).value_counts().to_dict()
    assert per_graph.get("graph", 0) == per_graph.get("digraph", 0) == 0
    assert per_graph["igraph"] == 2                       # 2020 and 2022; 2021 reused
    assert all(c == 1 for c in pd.Series(built).value_counts())
    assert not any("[2021]" in who for _, who in built)


# ------------------------------------------------------------------ periods analysed ahead
def _same_evolution(a, b):
    for name in ("periods", "kpis", "entrants", "exits", "ranks", "movers"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)
    pd.testing.assert_frame_equal(a.communities, b.communities, check_exact=True)
    assert a.labels == b.labels and a.params == b.params
    for label in a.labels:
        pd.testing.assert_frame_equal(a.anchors[label], b.anchors[label], check_exact=True)
        assert a.partitions[label].membership.equals(b.partitions[label].membership)


@pytest.mark.parametrize("mode", ["cumulative", "window"])
def test_periods_analysed_ahead_give_the_same_evolution(monkeypatch, mode):
    """The pipeline analyses the periods in a worker (analyse_periods) and hands them to
    evolve(): the same result as evolve() alone, and evolve() analyses no period again."""
    import pickle

    import ecosystem.analysis.temporal.evolution as E
    from ecosystem.analysis.temporal import analyse_periods

    eco = history_ecosystem()
    ahead = pickle.loads(pickle.dumps(analyse_periods(eco, cut={"mode": mode}, seed=3)))
    direct = evolve(eco, mode=mode, seed=3)
    monkeypatch.setattr(E, "analyse_period", lambda *a, **k: pytest.fail("analysed again"))
    _same_evolution(evolve(eco, mode=mode, seed=3, analysed=ahead), direct)
    # other settings than the periods were analysed with: not used
    monkeypatch.undo()
    other = evolve(eco, mode=mode, seed=4, analysed=ahead)
    _same_evolution(other, evolve(eco, mode=mode, seed=4))


def test_the_latest_period_is_left_to_the_main_analysis_when_it_is_the_whole_network():
    import warnings

    from ecosystem import analyze, load
    from ecosystem.analysis.temporal import analyse_periods

    eco = load("demo")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        labels = evolve(eco).labels
        ahead = analyse_periods(eco, cut={}, skip_latest=True)
        assert list(ahead.results) == labels[:-1]
        a = analyze(eco, {"analyses": {"stability": False, "recommendations": False}}, cpus=1)
        assert a.evolution.params["latest_reused"] in ("same", "isolates")
        assert a.evolution_periods is None and "evolution_periods" in a.timings
        # the evolution step built no period's tie table: the periods' worker indexed them
        assert a.evolution.activity is not None
        assert not any("ties" in s.eco.__dict__ for s in a.evolution.snapshots)
        _same_evolution(a.evolution, evolve(eco, latest={
            "eco": eco, "partition": a.partition, "anchors": a.anchors, "health": a.health}))
    # relations that ended: the latest period is not the whole network, so it is analysed
    # ahead like the others
    hist = history_ecosystem()
    assert list(analyse_periods(hist, cut={}, skip_latest=True).results) == evolve(hist).labels


def test_the_latest_period_kpis_are_computed_ahead_when_partners_without_relations_are_left_out(
        monkeypatch):
    """A network with a partner that has no relation: the latest period holds every
    relation but not every partner, so its KPIs (under the main communities) are computed
    ahead with the other periods, and evolve() does not compute them again."""
    import warnings

    import ecosystem.analysis.temporal.evolution as E
    from ecosystem import analyze, load
    from ecosystem.analysis.temporal import analyse_periods

    demo = load("demo")
    lonely = pd.DataFrame({"id": ["nobody"], "name": ["Nobody"], "sector": ["company"]})
    eco = demo.replace(partners=pd.concat([demo.partners, lonely], ignore_index=True))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = analyze(eco, {"analyses": {"stability": False, "recommendations": False}}, cpus=1)
        latest = {"eco": eco, "partition": a.partition, "anchors": a.anchors, "health": a.health}
        ahead = analyse_periods(eco, cut={}, skip_latest=True, main_partition=a.partition)
        assert ahead.latest_kpis is not None and a.evolution.params["latest_reused"] == "isolates"
        direct = evolve(eco, latest=latest)
        monkeypatch.setattr(E, "latest_period_kpis", lambda *x, **k: pytest.fail("again"))
        _same_evolution(evolve(eco, latest=latest, analysed=ahead), direct)
        _same_evolution(a.evolution, direct)
        assert direct.kpis.iloc[-1]["n_partners"] < eco.n_partners   # the snapshot's own


def _same_activity(a, b):
    assert a.periods == b.periods and a.directed == b.directed
    assert a.index.equals(b.index) and (a.nodes == b.nodes).all()
    assert len(a.ties) == len(b.ties) and all((x == y).all() for x, y in zip(a.ties, b.ties))


@pytest.mark.parametrize("skip_latest", [False, True])
def test_the_periods_analysed_ahead_index_the_time_slider_and_evolve_builds_no_tie_table(
        monkeypatch, skip_latest):
    """The worker that analyses the periods also indexes their ties for the maps' time
    slider (it holds the tie tables): evolve() then counts each period's ties from there
    and builds no snapshot tie table, and the maps use that index."""
    import pickle
    import warnings
    from functools import cached_property

    from ecosystem import load
    from ecosystem.analysis.temporal import analyse_periods, snapshots
    from ecosystem.analysis.temporal.activity import activity_index, evolution_activity, time_spec
    from ecosystem.model import Ecosystem as E

    for eco in (history_ecosystem(), gap_year(), load("demo")):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            latest = None
            if skip_latest:  # the latest period is the main analysis' (when it is the network)
                from ecosystem.analysis.anchors import anchor_partners
                from ecosystem.analysis.communities import detect_communities
                from ecosystem.analysis.health import health_kpis

                part = detect_communities(eco, seed=0)
                latest = {"eco": eco, "partition": part, "health": health_kpis(eco, part, seed=0),
                          "anchors": anchor_partners(eco, partition=part, seed=0)}
            ahead = pickle.loads(pickle.dumps(analyse_periods(
                eco, cut={}, seed=0, skip_latest=skip_latest,
                main_partition=latest["partition"] if latest else None)))
            fresh = activity_index(snapshots(eco))
            _same_activity(ahead.activity, fresh)
            direct = evolve(eco, seed=0, latest=latest)
            eco.ties  # the analysed network's own table is built before the evolution
            built = []
            func = E.__dict__["ties"].func

            def counted(self, _func=func):
                built.append(self.name)
                return _func(self)
            prop = cached_property(counted)
            prop.__set_name__(E, "ties")
            monkeypatch.setattr(E, "ties", prop)
            ev = evolve(eco, seed=0, analysed=ahead, latest=latest)
            monkeypatch.undo()
        assert built == []                       # no period's tie table built again
        _same_evolution(ev, direct)
        assert direct.activity is None and ev.activity is ahead.activity
        snaps = ev.snapshots
        assert evolution_activity(snaps, {"evolution": ev}) is ahead.activity
        assert evolution_activity(snapshots(eco), {"evolution": ev}) is not ahead.activity
        ids = list(map(str, eco.ids))
        edges = [{"source": s, "target": t} for s, t in zip(eco.ties["source"], eco.ties["target"])]
        assert time_spec(snaps, ids, edges, index=ahead.activity) == time_spec(snaps, ids, edges)

"""Snapshots hold which relations are active, not copies of them; the time slider's index
is built one period at a time (so no period's tables are kept), and equals a naive index
of every period's partners and tie pairs."""
from __future__ import annotations

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest

from ecosystem import Ecosystem, load
from ecosystem.analysis.temporal import analyse_periods, evolve, snapshots
from ecosystem.analysis.temporal.activity import ActivityIndexer, activity_index
from ecosystem.analysis.temporal.snapshots import cut_snapshots
from evolution_history import history_ecosystem


def gap_year(directed: bool = False) -> Ecosystem:
    """2020: a triangle and a pair; 2021: nothing new; 2022: a tail d-e-f (and f->a)."""
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"),
                                ("d", "e"), ("e", "f"), ("f", "a")], directed=directed)
    return eco.replace(relations=eco.relations.assign(year=[2020, 2020, 2020, 2020, 2022, 2022, 2022]))


def naive_index(snaps, directed):
    """Every period's partner ids and tie pairs, as plain Python sets (no keys, no reuse)."""
    order, periods = [], []
    for snap in snaps:
        eco = snap.eco
        ids = [str(i) for i in eco.ids]
        order += [i for i in ids if i not in order]
        pairs = {(str(s), str(t)) if directed else tuple(sorted((str(s), str(t))))
                 for s, t in zip(eco.relations["source"], eco.relations["target"])}
        periods.append((set(ids), pairs))
    return order, periods


def decoded(act):
    """The Activity's periods back as (partner ids, tie pairs) sets."""
    n = max(len(act.index), 1)
    out = []
    for k, keys in enumerate(act.ties):
        ids = set(act.index[act.nodes[:, k]].astype(str))
        pairs = {(str(act.index[a]), str(act.index[b])) for a, b in zip(keys // n, keys % n)}
        if not act.directed:
            pairs = {tuple(sorted(p)) for p in pairs}
        assert (np.diff(keys) > 0).all()  # sorted and unique: lookups bisect them
        out.append((ids, pairs))
    return out


CASES = [("gap year", lambda: gap_year(), {}), ("gap year, directed", lambda: gap_year(True), {}),
         ("window of two", lambda: gap_year(), {"mode": "window", "window": 2}),
         ("all partners", lambda: gap_year(), {"partners": "all"}),
         ("planted history", history_ecosystem, {}), ("demo", lambda: load("demo"), {})]


@pytest.mark.parametrize("name,make,cut", CASES, ids=[c[0] for c in CASES])
def test_the_time_slider_index_equals_every_periods_partners_and_tie_pairs(name, make, cut):
    eco = make()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        snaps = snapshots(eco, **cut)
    act = activity_index(snaps, eco.directed)
    order, expected = naive_index(snaps, eco.directed)
    assert act.periods == [s.label for s in snaps]
    assert act.index.tolist() == order                      # first appearance, period by period
    assert decoded(act) == expected
    # the same index when the latest period's ties come from the caller's own table
    last = len(snaps) - 1
    given = activity_index(snaps, eco.directed, tie_tables={last: snaps[last].eco.ties})
    assert decoded(given) == expected and given.index.equals(act.index)


def test_indexing_builds_no_snapshot_it_was_not_given_built_and_shares_unchanged_periods():
    snaps, same, _ = cut_snapshots(gap_year())
    assert same == [False, True, False] and not any(s.built for s in snaps)
    snaps[0].eco                                            # built by the caller: kept
    act = activity_index(snaps)
    assert [s.built for s in snaps] == [True, False, False]
    assert "ties" not in snaps[0].eco.__dict__              # its tie table was not kept
    assert act.ties[1] is act.ties[0]                       # 2021 = 2020's relations: shared


def test_a_snapshot_rebuilds_an_equal_ecosystem_after_release_and_pickles_without_it():
    snaps, _, _ = cut_snapshots(gap_year())
    snap = snaps[2]
    assert snap.n_relations == 7 and not snap.built          # counted without building it
    first = snap.eco
    assert snap.eco is first                                # held until released
    snap.release()
    again = snap.eco
    assert again is not first
    pd.testing.assert_frame_equal(again.relations, first.relations)
    pd.testing.assert_frame_equal(again.partners, first.partners)
    assert again.name == first.name and again.metadata == first.metadata
    copy = pickle.loads(pickle.dumps(snap))
    assert not copy.built and copy.label == "2022" and copy.eco.n_relations == 7
    assert snaps[1].same_relations_as(snaps[0]) and not snaps[2].same_relations_as(snaps[1])


def test_the_evolution_and_the_periods_analysed_ahead_keep_no_period_ecosystem(monkeypatch):
    """A cumulative H2020 history held nine copies of the relation rows (about 470 MB in the
    main process, as much again in the periods' worker): both now let each period's
    ecosystem go once it is used, and the results are unchanged."""
    cuts = []
    real = cut_snapshots

    def recording(*args, **kwargs):
        out = real(*args, **kwargs)
        cuts.append(out[0])
        return out

    eco = history_ecosystem()
    import ecosystem.analysis.temporal.evolution as evolution_module
    import ecosystem.analysis.temporal.period_analysis as period_module
    monkeypatch.setattr(evolution_module, "cut_snapshots", recording)
    monkeypatch.setattr(period_module, "cut_snapshots", recording)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ahead = analyse_periods(eco, cut={}, seed=0)
        ev = evolve(eco, seed=0, analysed=ahead)
    assert len(cuts) == 2 and len(cuts[0]) >= 3
    assert not any(s.built for snaps in cuts for s in snaps)
    direct = evolve(history_ecosystem(), seed=0)
    pd.testing.assert_frame_equal(ev.periods, direct.periods)
    pd.testing.assert_frame_equal(ev.entrants, direct.entrants)
    pd.testing.assert_frame_equal(ev.ranks, direct.ranks)
    pd.testing.assert_frame_equal(ev.tracking.communities, direct.tracking.communities)
    fresh = activity_index(snapshots(eco))
    assert ahead.activity.index.equals(fresh.index) and (ahead.activity.nodes == fresh.nodes).all()
    assert all((x == y).all() for x, y in zip(ahead.activity.ties, fresh.ties))


def test_periods_can_be_indexed_one_by_one_and_the_index_has_every_partners_row():
    eco = gap_year()
    indexer = ActivityIndexer()
    for snap in snapshots(eco):
        indexer.add(snap)
        snap.release()
    act = indexer.finish()
    assert act.index.tolist() == ["a", "b", "c", "d", "e", "f"]
    assert act.nodes.sum(axis=0).tolist() == [4, 4, 6]
    assert [len(t) for t in act.ties] == [4, 4, 7]


@pytest.mark.parametrize("partners", ["active", "all"])
def test_a_snapshot_counts_its_partners_and_names_the_active_ones_without_being_built(partners):
    for eco in (gap_year(), history_ecosystem()):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            snaps = snapshots(eco, partners=partners)
        for snap in snaps:
            counted, named = snap.n_partners, snap.active_ids()
            assert not snap.built
            rel = snap.eco.relations
            assert counted == snap.eco.n_partners
            assert named == set(rel["source"].astype(str)) | set(rel["target"].astype(str))


def test_evolve_builds_no_period_ecosystem_when_the_periods_were_analysed_ahead(monkeypatch):
    """The evolution step only assembles what the periods' worker computed: counts, active
    partners, entrants' names and sectors come from the cut and the network itself (the
    main process built every period's ecosystem before: 2.5 s of CPU on H2020)."""
    from ecosystem.analysis.temporal.snapshots import _Cut

    from ecosystem.analysis.anchors import anchor_partners
    from ecosystem.analysis.communities import detect_communities
    from ecosystem.analysis.health import health_kpis

    eco = history_ecosystem()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ahead = analyse_periods(eco, cut={}, seed=0)
        direct = evolve(eco, seed=0)
        builds = []
        real = _Cut.build
        monkeypatch.setattr(_Cut, "build",
                            lambda self: builds.append(self.name) or real(self))
        ev = evolve(eco, seed=0, analysed=ahead)
        assert builds == []
        # the latest period is the analysed network (gap_year: every relation is dated
        # and none ended): reused without building it, counting tells it is the same
        small = gap_year()
        small_part = detect_communities(small, seed=0)
        small_latest = {"eco": small, "partition": small_part,
                        "health": health_kpis(small, small_part, seed=0),
                        "anchors": anchor_partners(small, partition=small_part, seed=0)}
        ahead_of_main = analyse_periods(small, cut={}, seed=0, skip_latest=True,
                                        main_partition=small_part)
        monkeypatch.undo()
        with_main = evolve(small, seed=0, latest=small_latest)
        monkeypatch.setattr(_Cut, "build",
                            lambda self: builds.append(self.name) or real(self))
        builds.clear()
        ev_main = evolve(small, seed=0, analysed=ahead_of_main, latest=small_latest)
    assert ev_main.params["latest_reused"] == "same" and builds == []
    pd.testing.assert_frame_equal(ev_main.periods, with_main.periods)
    pd.testing.assert_frame_equal(ev_main.ranks, with_main.ranks)
    for table in ("periods", "kpis", "entrants", "exits", "ranks", "movers"):
        pd.testing.assert_frame_equal(getattr(ev, table), getattr(direct, table))
    pd.testing.assert_frame_equal(ev.tracking.communities, direct.tracking.communities)

"""compare(): new/lost partners and ties, KPI deltas, anchors, gaps closed/opened, hit rate."""
from __future__ import annotations

import itertools

import pandas as pd
import pytest

from ecosystem import Ecosystem
from ecosystem.analysis.compare import compare, compare_periods
from ecosystem.analysis.health import health_kpis
from ecosystem.exceptions import InvalidParameterError
from ecosystem.results import Partition
from evolution_history import BROKER, history_ecosystem


def clique(names):
    return [(a, b) for a, b in itertools.combinations(names, 2)]


def test_partners_and_ties_by_hand():
    a = Ecosystem.from_edges([("x", "y", 1), ("y", "z", 1), ("z", "q", 2)])
    b = Ecosystem.from_edges([("x", "y", 3), ("y", "z", 1), ("x", "w", 1)])
    c = compare(a, b, labels=("2021", "2023"), recommendations=0)
    assert c.labels == ("2021", "2023")
    assert c.partners_new["id"].tolist() == ["w"]
    assert c.partners_lost["id"].tolist() == ["q"]
    assert c.ties_new[["source", "target", "strength"]].values.tolist() == [["w", "x", 1.0]]
    assert c.ties_lost[["source", "target", "strength"]].values.tolist() == [["q", "z", 2.0]]
    assert c.ties_changed[["source", "target", "strength_before", "strength_after", "delta"]
                          ].values.tolist() == [["x", "y", 1.0, 3.0, 2.0]]
    summary = dict(c.summary().values.tolist())
    assert summary["partners new"] == 1 and summary["ties lost"] == 1


def test_kpis_are_before_after_delta_of_health_kpis(two_triangles):
    bigger = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"),
                                   ("d", "f"), ("c", "d"), ("a", "f")])
    c = compare(two_triangles, bigger, recommendations=0)
    k = c.kpis.set_index("kpi")
    assert k.loc["ties"].tolist() == [7.0, 8.0, 1.0]
    from ecosystem.analysis.communities import detect_communities

    before = health_kpis(two_triangles, detect_communities(two_triangles, seed=0))
    after = health_kpis(bigger, detect_communities(bigger, seed=0))
    assert k.loc["density", "before"] == pytest.approx(7 / 15) == pytest.approx(before["density"])
    assert k.loc["density", "after"] == pytest.approx(8 / 15) == pytest.approx(after["density"])
    assert k.loc["density", "delta"] == pytest.approx(1 / 15)


def test_community_gap_closed_with_given_partitions():
    # two 5-cliques and one bridge: S = 21, d0 = d1 = 21, expected cross = 21*21/42 = 10.5,
    # observed 1 -> ratio 0.095 (a gap). After 12 more cross ties: expected 33*33/66 = 16.5,
    # observed 13 -> ratio 0.79 (no gap): closed.
    left, right = list("abcde"), list("vwxyz")
    base = clique(left) + clique(right) + [("a", "v")]
    extra = [(l, r) for l, r in itertools.product(left, right) if (l, r) != ("a", "v")][:12]
    eco_a, eco_b = Ecosystem.from_edges(base), Ecosystem.from_edges(base + extra)
    memb = pd.Series({**{i: 0 for i in left}, **{i: 1 for i in right}})
    c = compare(eco_a, eco_b, partition_a=Partition(memb), partition_b=Partition(memb),
                recommendations=0)
    gap = c.gaps[c.gaps["kind"] == "community_gap"]
    assert gap[["status", "item", "before", "after"]].values.tolist() == [
        ["closed", "C0 - C1", "ratio 0.10", "ratio 0.79"]]
    # and back: the gap opens
    back = compare(eco_b, eco_a, partition_a=Partition(memb), partition_b=Partition(memb),
                   recommendations=0)
    assert back.gaps.loc[back.gaps["kind"] == "community_gap", "status"].tolist() == ["opened"]


def test_missing_sector_gap_closed_when_a_community_gains_government():
    partners = pd.DataFrame({"id": list("abcdevwxyzg"),
                             "sector": ["university"] * 5 + ["company"] * 5 + ["government"]})
    base = clique("abcde") + clique("vwxyz") + [("a", "v")]
    eco_a = Ecosystem.from_edges(base, partners=partners[partners["id"] != "g"])
    eco_b = Ecosystem.from_edges(base + [("g", "a"), ("g", "b"), ("g", "c")], partners=partners)
    c = compare(eco_a, eco_b, recommendations=0)
    rows = c.gaps[c.gaps["kind"] == "missing_sector"]
    closed = rows[rows["status"] == "closed"]
    # the university community (a's: C0, the first of two equal-size communities in A,
    # matched to its 6-member successor in B) now includes government; civil society is
    # still missing everywhere, so nothing else changes
    assert closed[["item", "before", "after"]].values.tolist() == [
        ["C0: government", "missing", "present"]]
    assert (rows["status"] == "opened").sum() == 0
    assert c.partners_new["id"].tolist() == ["g"]


def test_recommendations_that_came_true_and_hit_rate_by_hand():
    base = clique("abcde") + clique("vwxyz") + [("a", "v")]
    eco_a = Ecosystem.from_edges(base)
    from ecosystem.analysis.communities import detect_communities
    from ecosystem.analysis.recommend import recommend_partnerships

    recs = recommend_partnerships(eco_a, top=5, partition=detect_communities(eco_a, seed=0), seed=0,
                                  group=False, per_partner=None, diversity=0.0)
    came = list(zip(recs["source"], recs["target"]))[:2]
    eco_b = Ecosystem.from_edges(base + came + [("c", "x")])      # 2 hits + 1 other new tie
    c = compare(eco_a, eco_b, recommendations=5)
    h = c.hit_rate
    assert (h["recommended"], h["evaluable"], h["hits"]) == (5, 5, 2)
    assert h["hit_rate"] == pytest.approx(2 / 5)
    # 10 partners, 45 pairs, 21 tied in A -> 24 untied, 3 of them tied in B
    assert h["base_rate"] == pytest.approx(3 / 24)
    assert h["lift"] == pytest.approx((2 / 5) / (3 / 24))
    assert c.recommendations["came_true"].tolist() == [True, True, False, False, False]


def test_recommended_partner_that_left_is_not_evaluable():
    base = clique("abcde") + clique("vwxyz") + [("a", "v")]
    eco_a = Ecosystem.from_edges(base)
    eco_b = Ecosystem.from_edges(clique("bcde") + clique("vwxyz") + [("b", "v")])   # a left
    c = compare(eco_a, eco_b, recommendations=5)
    rec = c.recommendations
    has_a = (rec["source"] == "a") | (rec["target"] == "a")
    assert (~rec.loc[has_a, "evaluable"]).all()
    assert c.hit_rate["evaluable"] == int((~has_a).sum())


def test_planted_history_2019_vs_2022():
    eco = history_ecosystem()
    c = compare_periods(eco, "2019", "2022", seed=0)
    assert c.labels == ("2019", "2022") and c.params["periods"] == ["2019", "2022"]
    assert sorted(c.partners_new["id"]) == [f"e{i}" for i in range(5)]
    assert len(c.partners_lost) == 8
    anchors = c.anchors.set_index("id")
    assert anchors.loc[BROKER, "rank_after"] == 1 and anchors.loc[BROKER, "status"] == "up"
    brokers = c.gaps[(c.gaps["kind"] == "broker") & (c.gaps["status"] == "gained")]
    assert brokers["item"].str.contains("Rising Broker").any()
    # A and B merged: the company - university sector gap of 2019 is closed in 2022
    sector = c.gaps[c.gaps["kind"] == "sector_gap"]
    assert ["closed", "company - university"] in sector[["status", "item"]].values.tolist()
    merges = c.communities[c.communities["event"] == "merge"]
    assert len(merges) >= 1
    assert 0 <= c.hit_rate["hit_rate"] <= 1 and c.hit_rate["base_rate"] > 0


def test_bad_input():
    eco = Ecosystem.from_edges([("a", "b")])
    with pytest.raises(InvalidParameterError):
        compare(eco, eco, top=0)
    with pytest.raises(InvalidParameterError):
        compare(eco, eco, recommendations=-1)
    dated = eco.replace(relations=eco.relations.assign(year=[2020]))
    with pytest.raises(InvalidParameterError, match="no period '2019'"):
        compare_periods(dated, "2019", "2020")
    same = compare(eco, eco, labels=("x", "x"), recommendations=0)
    assert same.labels[0] != same.labels[1] and same.ties_new.empty and same.ties_lost.empty


def test_swafs_2017_vs_2021_recommendations_beat_chance():
    """Real data (CORDIS H2020 SWAFS, CC BY 4.0): Adamic-Adar picks on 2017 beat chance by 2021."""
    import warnings
    from pathlib import Path

    from ecosystem.exceptions import EcosystemWarning
    from ecosystem.io.readers import load

    path = Path(__file__).resolve().parent.parent / "datasets" / "cordis_h2020" / \
        "h2020_swafs_participations.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EcosystemWarning)
        eco = load(path)
    c = compare_periods(eco, "2017", "2021", seed=0)
    assert len(c.partners_lost) == 0 and len(c.ties_lost) == 0     # cumulative, no end dates
    assert len(c.partners_new) == 1065 - 531                        # 2021 and 2017 snapshots
    h = c.hit_rate
    assert h["evaluable"] == h["recommended"] == 50
    assert h["hits"] >= 1 and h["lift"] > 2

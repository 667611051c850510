"""Headline indicators against a degree-preserving null and the previous period."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from ecosystem import Ecosystem
from ecosystem.analysis.baselines import HEADLINE_KPIS, kpi_baselines, null_model_kpis, verdict
from ecosystem.analysis.communities import detect_communities
from ecosystem.exceptions import InvalidParameterError
from ecosystem.results import Partition


def clique(names):
    return list(itertools.combinations(names, 2))


def test_a_complete_graph_cannot_be_rewired_so_chance_equals_what_is_seen():
    eco = Ecosystem.from_edges(clique("abcde"))
    part = Partition(pd.Series(0, index=list("abcde")), params={"resolution": 1.0})
    b = kpi_baselines(eco, part, runs=3)
    assert (b["verdict"] == "as_expected").all()
    assert b.loc["average_clustering", "value"] == 1.0 == b.loc["average_clustering", "null_mean"]
    assert b.loc["articulation_points", "value"] == 0


def test_two_cliques_joined_by_one_tie_keep_to_themselves_far_more_than_chance():
    eco = Ecosystem.from_edges(clique("abcde") + clique("vwxyz") + [("a", "v")])
    part = detect_communities(eco)
    b = kpi_baselines(eco, part, runs=5, seed=1)
    # 1 of 21 ties crosses the two communities (hand count)
    assert b.loc["cross_community_tie_share", "value"] == pytest.approx(1 / 21)
    assert b.loc["cross_community_tie_share", "verdict"] == "lower"
    assert b.loc["modularity", "verdict"] == "higher"
    # a and v are the two articulation points of the observed network
    assert b.loc["articulation_points", "value"] == 2
    assert list(b.index) == list(HEADLINE_KPIS)


def test_null_runs_keep_every_partner_degree_and_are_seeded():
    eco = Ecosystem.from_edges(clique("abcde") + clique("vwxyz") + [("a", "v"), ("b", "w")])
    part = detect_communities(eco)
    one = null_model_kpis(eco, part, runs=3, seed=7)
    pd.testing.assert_frame_equal(one, null_model_kpis(eco, part, runs=3, seed=7))
    assert not one.equals(null_model_kpis(eco, part, runs=3, seed=8))
    with pytest.raises(InvalidParameterError):
        null_model_kpis(eco, part, runs=0)


def test_previous_period_comes_from_the_evolution_kpis():
    eco = Ecosystem.from_edges(clique("abcd"))
    part = Partition(pd.Series(0, index=list("abcd")), params={"resolution": 1.0})

    class Ev:
        kpis = pd.DataFrame({"modularity": [0.1, 0.3], "average_clustering": [0.5, 0.7]},
                            index=["2023", "2024"])
    b = kpi_baselines(eco, part, runs=2, evolution=Ev())
    assert b.loc["modularity", ["previous_period", "previous_value", "period_value"]].tolist() == [
        "2023", 0.1, 0.3]
    assert b.loc["average_clustering", "change"] == pytest.approx(0.2)
    assert pd.isna(b.loc["articulation_points", "previous_period"])     # not a period KPI


@pytest.mark.parametrize("value,mean,sd,expected", [
    (0.9, 0.5, 0.1, "higher"), (0.1, 0.5, 0.1, "lower"), (0.6, 0.5, 0.1, "as_expected"),
    (0.502, 0.5, 0.0, "as_expected"), (0.4, 0.5, 0.0, "lower"), (float("nan"), 0.5, 0.1, "unknown")])
def test_verdict_is_two_standard_deviations_and_one_percent(value, mean, sd, expected):
    assert verdict(value, mean, sd) == expected


def _keys(s, t, n):
    return sorted((min(a, b) * n + max(a, b)) for a, b in zip(s.tolist(), t.tolist()))


def test_rewiring_keeps_degrees_and_a_simple_graph_and_is_seeded():
    from ecosystem.analysis.baselines import rewire

    eco = Ecosystem.from_edges(clique("abcde") + clique("vwxyz") + [("a", "v"), ("b", "w")]
                               + [("c", "p"), ("p", "q"), ("q", "r"), ("r", "s")])
    g = eco.igraph
    e = np.asarray(g.get_edgelist())
    n = g.vcount()
    s, t = rewire(e[:, 0], e[:, 1], n, seed=3)
    assert np.bincount(np.r_[s, t], minlength=n).tolist() == g.degree()   # degrees kept
    assert (s != t).all() and len(set(_keys(s, t, n))) == len(s)          # no self or double ties
    assert _keys(s, t, n) != _keys(e[:, 0], e[:, 1], n)                   # something moved
    again = rewire(e[:, 0], e[:, 1], n, seed=3)
    assert (again[0] == s).all() and (again[1] == t).all()                 # seeded
    assert _keys(*rewire(e[:, 0], e[:, 1], n, seed=4), n) != _keys(s, t, n)


def test_rewiring_with_packed_keys_makes_the_swaps_an_argsort_makes():
    """Each new tie's slot rides in the low bits of its key when ``n * n`` leaves room
    (one plain sort); a huge ``n`` falls back to an argsort. Same swaps either way."""
    from ecosystem.analysis.baselines import rewire

    rng = np.random.default_rng(7)                     # 400 distinct ties among 80 partners
    pairs = np.array([(a, b) for a in range(80) for b in range(a + 1, 80)])
    e = pairs[np.sort(rng.choice(len(pairs), size=400, replace=False))]
    for seed in range(3):
        packed = rewire(e[:, 0], e[:, 1], 80, seed=seed)
        sorted_by_index = rewire(e[:, 0], e[:, 1], 2 ** 31, seed=seed)   # no room to pack
        assert (packed[0] == sorted_by_index[0]).all() and (packed[1] == sorted_by_index[1]).all()
        assert _keys(*packed, 80) != _keys(e[:, 0], e[:, 1], 80)


def test_a_complete_graph_has_no_legal_swap():
    from ecosystem.analysis.baselines import rewire

    e = np.array(clique(range(5)))
    s, t = rewire(e[:, 0], e[:, 1], 5, seed=0)
    assert _keys(s, t, 5) == _keys(e[:, 0], e[:, 1], 5)


def test_a_tile_compares_two_periods_when_the_whole_network_is_measured_differently():
    """Demo: 5 partners have no tie, so the whole network's largest part holds 98% while
    every period (partners with a relation then) is 100% connected. The tile must not set
    98% beside "2024: 100%" (which reads as fragmentation), nor a second value for 2025
    beside its own (a reviewer read "0.20 ... 2025: 0.21" as a contradiction): it says how
    the periods changed since 2024."""
    from ecosystem import analyze
    from ecosystem.i18n import translator
    from ecosystem.render.brief import headline_tiles

    a = analyze("demo", {"communities": {"stability_runs": 2}, "baselines": {"runs": 3},
                         "resilience": {"runs": 2, "steps": 5},
                         "recommendations": {"evaluate": False}})
    tiles = {x["key"]: x for x in headline_tiles(a, translator("en"), "en")}
    share = tiles["largest_component_share"]
    assert share["value"] == "98%"
    assert share["previous"] == "since 2024: unchanged (partners with ties)"
    # a measure the periods take like the whole network keeps the short form
    b = a.baselines.loc["modularity"]
    assert tiles["modularity"]["previous"] == f"2024: {b['previous_value']:.2f}"
    ko = {x["key"]: x for x in headline_tiles(a, translator("ko"), "ko")}
    assert ko["largest_component_share"]["previous"] == "2024년 대비 변화 없음(관계가 있는 파트너 기준)"
    clustering = a.baselines.loc["average_clustering"]
    if f"{clustering['period_value']:.2f}" != tiles["average_clustering"]["value"]:
        d = clustering["period_value"] - clustering["previous_value"]
        assert tiles["average_clustering"]["previous"] == \
            f"since 2024: {d:+.2f} (partners with ties)"

"""Ecosystem health KPIs: hand values and networkx cross-checks."""
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ecosystem import Ecosystem, Partition
from ecosystem.analysis.health import DEFINITIONS, health_kpis, health_table


@pytest.fixture
def mixed():
    partners = pd.DataFrame({"id": list("abcdefgz"),
                             "sector": ["university", "company", "company", "startup",
                                        "government", "company", "startup", "NGO"]})
    edges = [("a", "b", 2), ("b", "c", 1), ("a", "c", 3), ("c", "d", 1), ("d", "e", 2),
             ("e", "f", 1), ("d", "f", 1), ("f", "g", 4)]
    return Ecosystem.from_edges(edges, partners=partners)


def test_keys_are_stable_and_all_defined(mixed):
    k = health_kpis(mixed)
    assert list(k) == list(DEFINITIONS)
    table = health_table(k)
    assert list(table.columns) == ["kpi", "value", "definition"]
    assert (table["definition"].str.len() > 10).all()


def test_values_match_networkx(mixed):
    k = health_kpis(mixed)
    G = nx.Graph(mixed.graph)
    assert k["n_partners"] == 8 and k["n_ties"] == 8
    assert k["density"] == pytest.approx(nx.density(G))
    assert k["average_clustering"] == pytest.approx(nx.average_clustering(G))
    assert k["transitivity"] == pytest.approx(nx.transitivity(G))
    assert k["components"] == 2 and k["isolates"] == 1 and k["isolate_share"] == 1 / 8
    assert k["largest_component_share"] == pytest.approx(7 / 8)
    main = G.subgraph(max(nx.connected_components(G), key=len))
    assert k["average_path_length"] == pytest.approx(nx.average_shortest_path_length(main))
    assert k["average_path_length_weighted"] == pytest.approx(
        nx.average_shortest_path_length(main, weight="distance"))
    assert k["path_length_sampled"] is False
    core = nx.core_number(G)
    kmax = max(core.values())
    assert k["kcore_max"] == kmax
    assert k["main_core_share"] == pytest.approx(sum(v == kmax for v in core.values()) / 8)


def test_diversity_and_cross_ties_hand_values(mixed):
    part = Partition(pd.Series({"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1, "g": 1, "z": 2}))
    k = health_kpis(mixed, part)
    # sectors: company 3, startup 2, university 1, government 1, NGO 1 (of 8)
    p = np.array([3, 2, 1, 1, 1]) / 8
    assert k["sector_count"] == 5
    assert k["sector_shannon"] == pytest.approx(-(p * np.log(p)).sum())
    assert k["sector_blau"] == pytest.approx(1 - (p ** 2).sum())
    assert k["sector_evenness"] == pytest.approx(k["sector_shannon"] / math.log(5))
    # cross-sector ties: a-b, a-c, c-d, d-e, e-f, f-g cross; b-c (company-company), d-f? startup-company cross
    sectors = mixed.sectors
    t = mixed.ties
    cross = (sectors[t["source"]].to_numpy() != sectors[t["target"]].to_numpy()).mean()
    assert k["cross_sector_tie_share"] == pytest.approx(cross)
    assert k["cross_community_tie_share"] == pytest.approx(1 / 8)  # only c-d
    assert k["n_communities"] == 2  # the isolate z is not a community (it is an isolate)
    assert k["isolates"] == 1
    expected_q = nx.community.modularity(nx.Graph(mixed.graph), [{"a", "b", "c"}, {"d", "e", "f", "g"}, {"z"}],
                                         weight="weight")
    assert k["modularity"] == pytest.approx(expected_q)


def test_star_is_fully_centralised_and_ring_not():
    star = Ecosystem.from_edges([("hub", x) for x in "abcdef"])
    k = health_kpis(star)
    assert k["degree_centralization"] == 1.0 and k["average_clustering"] == 0.0
    ring = Ecosystem.from_edges([(f"r{i}", f"r{(i + 1) % 6}") for i in range(6)])
    assert health_kpis(ring)["degree_centralization"] == 0.0


def test_path_lengths_are_sampled_and_seeded_on_large_networks():
    edges = [(f"v{i}", f"v{i + 1}") for i in range(60)]
    eco = Ecosystem.from_edges(edges)
    exact = health_kpis(eco)
    a = health_kpis(eco, sample_above=10, n_sources=20, seed=1)
    b = health_kpis(eco, sample_above=10, n_sources=20, seed=1)
    assert a == b and a["path_length_sampled"] is True
    assert a["average_path_length"] == pytest.approx(exact["average_path_length"], rel=0.25)
    assert exact["average_path_length"] == pytest.approx(
        nx.average_shortest_path_length(nx.path_graph(61)))


def test_sampled_path_length_error_matches_the_spread_over_seeds():
    g = nx.les_miserables_graph()
    eco = Ecosystem.from_edges([(u, v) for u, v in g.edges()])
    exact = health_kpis(eco)
    assert exact["path_length_rse"] == 0.0 and exact["path_length_sampled"] is False
    runs = [health_kpis(eco, sample_above=10, n_sources=15, seed=s) for s in range(150)]
    values = np.array([k["average_path_length"] for k in runs])
    reported = np.array([k["path_length_rse"] for k in runs])
    observed = values.std() / exact["average_path_length"]
    assert values.mean() == pytest.approx(exact["average_path_length"], rel=0.02)
    # the larger of the two errors is reported: it bounds the hop-count estimate's spread
    assert 0.75 < np.sqrt((reported ** 2).mean()) / observed < 1.6


@pytest.mark.parametrize("distance", ["inverse", "unit"])
def test_scipy_path_lengths_equal_igraph_exactly(monkeypatch, distance):
    from ecosystem.analysis import health
    rng = np.random.default_rng(3)
    edges = [(f"p{i}", f"p{j}", float(w)) for i, j, w in
             zip(rng.integers(0, 120, 300), rng.integers(0, 120, 300), rng.integers(1, 9, 300))]
    eco = Ecosystem.from_edges(edges, partners=[f"p{i}" for i in range(130)], distance=distance)
    assert health._distance_csr(eco) is not None
    fast = [health._path_lengths(eco, sample_above=a, n_sources=20, seed=1) for a in (50, 500)]
    monkeypatch.setattr(health, "_distance_csr", lambda e: None)  # igraph only
    slow = [health._path_lengths(eco, sample_above=a, n_sources=20, seed=1) for a in (50, 500)]
    assert fast == slow


def test_igraph_path_lengths_when_a_tie_length_is_not_finite_and_positive():
    from ecosystem.analysis import health
    for bad in (0.0, -1.0, np.inf, np.nan):
        eco = Ecosystem.from_edges([("a", "b", 2.0), ("b", "c", 1.0)])
        eco.__dict__["undirected_ties"] = eco.undirected_ties.assign(distance=[bad, 1.0])
        assert health._distance_csr(eco) is None


@pytest.mark.parametrize("graph", ["karate", "random", "star", "path", "loop", "empty"])
def test_global_transitivity_from_local_clustering_equals_igraph(graph):
    """3 x triangles / triples, from the local clustering already computed: igraph's own
    count on simple graphs (to rounding), igraph itself when the graph has a self-tie."""
    import igraph as ig

    from ecosystem.analysis.health import global_transitivity

    g = {"karate": lambda: ig.Graph.Famous("Zachary"),
         "random": lambda: ig.Graph.Erdos_Renyi(n=300, m=1500),
         "star": lambda: ig.Graph.Star(6),
         "path": lambda: ig.Graph([(0, 1), (1, 2), (2, 3)]),
         "loop": lambda: ig.Graph([(0, 1), (1, 2), (0, 2), (2, 2), (2, 3)]),
         "empty": lambda: ig.Graph(n=3)}[graph]()
    local = np.asarray(g.transitivity_local_undirected(mode="zero"), dtype=float)
    expected = np.nan_to_num(g.transitivity_undirected(), nan=0.0)
    assert global_transitivity(g, local) == pytest.approx(expected, rel=1e-13, abs=1e-15)
    if graph == "karate":  # hand value: 45 triangles, 528 connected triples
        assert global_transitivity(g, local) == pytest.approx(3 * 45 / 528)

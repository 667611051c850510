"""Per-partner centrality: hand-computed values, published values, igraph == networkx."""
import random
import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from ecosystem import Ecosystem
from ecosystem.analysis import centrality as C
from ecosystem.analysis.centrality import centrality
from ecosystem.exceptions import InvalidParameterError

UNDIRECTED = ["degree", "strength", "pagerank", "eigenvector", "betweenness", "closeness",
              "harmonic", "coreness", "clustering", "clustering_weighted", "reach2"]


def eco_from_nx(g, weighted=True, **kw):
    edges = [(str(u), str(v), d["weight"]) if weighted else (str(u), str(v))
             for u, v, d in g.edges(data=True)]
    return Ecosystem.from_edges(edges, partners=[str(n) for n in g.nodes], **kw)


# ---------------------------------------------------------------- hand-computed
def test_star_by_hand():
    eco = Ecosystem.from_edges([("hub", x, 2) for x in "abcd"])
    t = centrality(eco).table
    assert list(t.columns) == UNDIRECTED
    assert t.loc["hub", "degree"] == 4 and t.loc["hub", "strength"] == 8
    assert t.loc["hub", "betweenness"] == pytest.approx(1.0)      # on every leaf-leaf path
    assert t.loc["a", "betweenness"] == 0
    # distances are 1/2: hub reaches 4 partners at 0.5 -> closeness 4/2 = 2; harmonic 4*2/4 = 2
    assert t.loc["hub", "closeness"] == pytest.approx(2.0)
    assert t.loc["a", "closeness"] == pytest.approx(4 / (0.5 + 3 * 1.0))
    assert t.loc["a", "harmonic"] == pytest.approx((2 + 3 * 1.0) / 4)
    assert t.loc["a", "reach2"] == 1.0 and t.loc["hub", "reach2"] == 1.0
    assert (t["coreness"] == 1).all() and (t["clustering"] == 0).all()
    assert t.loc["hub", "eigenvector"] == pytest.approx(1.0)
    assert t.loc["a", "eigenvector"] == pytest.approx(0.5)        # sqrt(4)=2 -> leaf 1/2
    assert t["pagerank"].sum() == pytest.approx(1.0)


def test_onnela_weighted_clustering_by_hand():
    # triangle a-b (1), b-c (8), a-c (1) + pendant a-d (1); max strength 8
    eco = Ecosystem.from_edges([("a", "b", 1), ("b", "c", 8), ("a", "c", 1), ("a", "d", 1)])
    t = centrality(eco).table
    tri = (1 / 8 * 1 * 1 / 8) ** (1 / 3)          # = 1/4
    assert t.loc["b", "clustering_weighted"] == pytest.approx(tri)
    assert t.loc["a", "clustering_weighted"] == pytest.approx(2 * tri / (3 * 2))   # = 1/12
    assert t.loc["a", "clustering"] == pytest.approx(1 / 3)
    assert t.loc["d", "clustering"] == 0 and t.loc["d", "clustering_weighted"] == 0


def test_reach2_and_coreness_on_a_path():
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d"), ("b", "d")])
    t = centrality(eco).table
    assert t.loc["a", "reach2"] == pytest.approx(3 / 3)
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")])
    t = centrality(eco).table
    assert t.loc["a", "reach2"] == pytest.approx(2 / 4)
    assert t.loc["c", "reach2"] == pytest.approx(4 / 4)


def test_betweenness_follows_the_strong_tie_route():
    # two routes from a to b: via x over strong ties, via y over weak ties (same hop count)
    edges = [("a", "x", 5), ("x", "b", 5), ("a", "y", 1), ("y", "b", 1)]
    t = centrality(Ecosystem.from_edges(edges)).table
    # pairs not involving x: (a,b) runs through x (0.4 vs 2.0 long), (a,y), (b,y) are direct
    assert t.loc["x", "betweenness"] == pytest.approx(1 / 3)
    assert t.loc["y", "betweenness"] == 0
    # counting hops instead, both routes are shortest and share the brokerage
    t = centrality(Ecosystem.from_edges(edges, distance="unit")).table
    assert t.loc["x", "betweenness"] == pytest.approx(1 / 6)
    assert t.loc["y", "betweenness"] == pytest.approx(1 / 6)


def test_eigenvector_on_a_disconnected_graph_with_isolates():
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e")],
                               partners=["lonely"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")                 # igraph's "disconnected" warning handled
        t = centrality(eco).table
    assert t.loc[["a", "b", "c"], "eigenvector"].tolist() == pytest.approx([1, 1, 1])
    assert t.loc[["d", "e", "lonely"], "eigenvector"].tolist() == [0, 0, 0]
    assert t.loc["lonely", ["degree", "betweenness", "closeness", "harmonic", "reach2"]].sum() == 0


# ---------------------------------------------------------------- published values
def test_florentine_families_published_values():
    g = nx.florentine_families_graph()
    t = centrality(eco_from_nx(g, weighted=False)).table
    assert t.loc["Medici", "betweenness"] == pytest.approx(0.522, abs=5e-4)
    assert t["betweenness"].idxmax() == "Medici"
    assert t.loc["Medici", "degree"] == 6
    assert t.loc["Medici", "closeness"] == pytest.approx(0.560, abs=5e-4)
    assert t.loc["Guadagni", "betweenness"] == pytest.approx(0.2545, abs=5e-4)


def test_karate_club_degree_and_betweenness_leaders():
    g = nx.karate_club_graph()
    t = centrality(eco_from_nx(g, weighted=False)).table
    assert t["degree"].nlargest(2).index.tolist() == ["33", "0"]
    assert t.loc["0", "betweenness"] == pytest.approx(0.4376, abs=5e-4)


# ---------------------------------------------------------------- igraph == networkx
def _weighted_graph(seed, n=60, m=150, isolates=2, extra=True):
    rnd = random.Random(seed)
    g = nx.gnm_random_graph(n, m, seed=seed)
    edges = [(str(u), str(v), rnd.uniform(0.5, 5.0)) for u, v in g.edges()]
    if extra:
        edges += [("x", "y", 3.0), ("y", "z", 1.5)]            # a second component
    return Ecosystem.from_edges(edges, partners=[str(i) for i in range(n)]
                                + [f"iso{i}" for i in range(isolates)])


@pytest.mark.parametrize("seed", [1, 2])
def test_igraph_matches_networkx_on_weighted_graphs(seed):
    eco = _weighted_graph(seed)
    t = centrality(eco).table
    g = eco.graph
    n = g.number_of_nodes()
    ref = {
        "degree": dict(g.degree()),
        "strength": dict(g.degree(weight="weight")),
        "betweenness": nx.betweenness_centrality(g, weight="distance", normalized=True),
        "closeness": nx.closeness_centrality(g, distance="distance"),
        "harmonic": {k: v / (n - 1) for k, v in nx.harmonic_centrality(g, distance="distance").items()},
        "pagerank": nx.pagerank(g, weight="weight", tol=1e-12, max_iter=10_000),
        "coreness": nx.core_number(g),
        "clustering": nx.clustering(g),
        "clustering_weighted": nx.clustering(g, weight="weight"),
    }
    for name, values in ref.items():
        expected = pd.Series(values).reindex(t.index).astype(float)
        np.testing.assert_allclose(t[name].astype(float), expected, atol=1e-6, err_msg=name)
    giant = max(nx.connected_components(g), key=len)
    ev = pd.Series(nx.eigenvector_centrality_numpy(g.subgraph(giant), weight="weight"))
    ev = (ev / ev.max()).reindex(t.index).fillna(0.0)
    np.testing.assert_allclose(t["eigenvector"], ev, atol=1e-6)


def test_directed_variants_match_networkx():
    rnd = random.Random(5)
    g = nx.gnm_random_graph(40, 120, seed=5, directed=True)
    edges = [(str(u), str(v), rnd.uniform(0.5, 4.0)) for u, v in g.edges()]
    eco = Ecosystem.from_edges(edges, partners=[str(i) for i in range(40)], directed=True)
    res = centrality(eco)
    t = res.table
    assert res.params["directed"] is True
    d = eco.digraph
    ref = {
        "in_degree": dict(d.in_degree()), "out_degree": dict(d.out_degree()),
        "in_strength": dict(d.in_degree(weight="weight")),
        "out_strength": dict(d.out_degree(weight="weight")),
        "pagerank_directed": nx.pagerank(d, weight="weight", tol=1e-12, max_iter=10_000),
        "closeness_in": nx.closeness_centrality(d, distance="distance"),
        "closeness_out": nx.closeness_centrality(d.reverse(copy=True), distance="distance"),
    }
    for name, values in ref.items():
        expected = pd.Series(values).reindex(t.index).astype(float)
        np.testing.assert_allclose(t[name].astype(float), expected, atol=1e-6, err_msg=name)
    # undirected measures stay on the undirected view
    np.testing.assert_allclose(
        t["betweenness"], pd.Series(nx.betweenness_centrality(eco.graph, weight="distance")).reindex(t.index),
        atol=1e-6)
    assert "in_degree" not in centrality(eco, directed=False).table


# ---------------------------------------------------------------- sampling
@pytest.fixture(scope="module")
def thousand():
    g = nx.powerlaw_cluster_graph(1000, 3, 0.1, seed=3)
    rnd = random.Random(3)
    return Ecosystem.from_edges([(f"p{u}", f"p{v}", rnd.randint(1, 5)) for u, v in g.edges()])


def test_sampled_estimate_tracks_exact_and_is_seeded(thousand):
    exact = centrality(thousand, sample=False)
    est = centrality(thousand, sample=True, n_samples=200, seed=7)
    assert not exact.sampled and est.sampled
    assert est.params["n_samples"] == 200 and est.params["seed"] == 7
    assert est.method == "igraph, source-sampled paths"
    for col in ("betweenness", "closeness", "harmonic"):
        rho = spearmanr(exact.table[col], est.table[col]).statistic
        assert rho > 0.9, (col, rho)
    # unsampled measures are identical
    pd.testing.assert_series_equal(exact.table["pagerank"], est.table["pagerank"])
    again = centrality(thousand, sample=True, n_samples=200, seed=7)
    pd.testing.assert_frame_equal(est.table, again.table)
    other = centrality(thousand, sample=True, n_samples=200, seed=8)
    assert not np.allclose(est.table["betweenness"], other.table["betweenness"])


def test_sampling_switches_on_above_threshold(monkeypatch, two_triangles):
    assert not centrality(two_triangles).sampled
    monkeypatch.setattr(C, "SAMPLE_THRESHOLD", 4)
    auto = centrality(two_triangles, n_samples=2)
    assert auto.sampled and auto.params["sampled_components"] == [{"size": 6, "pivots": 2}]
    assert not centrality(two_triangles, sample=False, n_samples=2).sampled


def test_small_components_stay_exact_when_sampling():
    big = [(f"b{i}", f"b{i + 1}") for i in range(30)]
    eco = Ecosystem.from_edges(big + [("x", "y"), ("y", "z")])
    res = centrality(eco, sample=True, n_samples=5)
    exact = centrality(eco, sample=False).table
    assert res.params["sampled_components"] == [{"size": 31, "pivots": 5}]
    for col in ("betweenness", "closeness", "harmonic"):
        assert res.table.loc["y", col] == pytest.approx(exact.loc["y", col])


def test_sampling_with_all_pivots_equals_exact(two_triangles):
    est = centrality(two_triangles, sample=True, n_samples=5)     # 5 of 6 -> still an estimate
    full = centrality(two_triangles, sample=False).table
    assert est.sampled
    same = centrality(two_triangles, sample=True, n_samples=6)     # component not larger than k
    pd.testing.assert_frame_equal(same.table, full)
    assert not same.sampled


# ---------------------------------------------------------------- parameters
@pytest.mark.parametrize("kwargs, message", [
    ({"sample": "yes"}, "sample must be"),
    ({"n_samples": 0}, "n_samples"),
    ({"seed": "x"}, "seed"),
    ({"directed": True}, "directed"),
])
def test_bad_parameters(two_triangles, kwargs, message):
    with pytest.raises(InvalidParameterError, match=message):
        centrality(two_triangles, **kwargs)


def test_result_provenance(two_triangles):
    res = centrality(two_triangles)
    d = res.to_dict()
    assert d["sampled"] is False and d["params"]["seed"] == 0
    assert set(d["measures"]) == set(UNDIRECTED)
    assert res.table.index.name == "id"


def test_directed_closeness_can_be_sampled():
    g = nx.gnm_random_graph(400, 2400, seed=9, directed=True)
    rnd = random.Random(9)
    eco = Ecosystem.from_edges([(str(u), str(v), rnd.uniform(1, 3)) for u, v in g.edges()],
                               directed=True)
    exact = centrality(eco, sample=False).table
    est = centrality(eco, sample=True, n_samples=100, seed=1)
    assert est.sampled
    for col in ("closeness_in", "closeness_out"):
        assert spearmanr(exact[col], est.table[col]).statistic > 0.8, col
        ok = exact[col] > 0
        assert np.median(np.abs(est.table.loc[ok, col] / exact.loc[ok, col] - 1)) < 0.1, col


def test_mathematically_equal_routes_are_both_shortest():
    # a-x-b: 1/2 + 1/12 and a-y-b: 1/3 + 1/4 are both 7/12, but differ in the last float bit;
    # igraph compares path lengths with a tolerance, so both routes share the brokerage
    # (networkx's exact float comparison would credit only one of them).
    eco = Ecosystem.from_edges([("a", "x", 2), ("x", "b", 12), ("a", "y", 3), ("y", "b", 4)])
    assert 1 / 2 + 1 / 12 != 1 / 3 + 1 / 4
    t = centrality(eco).table
    assert t.loc["x", "betweenness"] == pytest.approx(t.loc["y", "betweenness"])
    assert t.loc["x", "betweenness"] == pytest.approx(1 / 6)


# ----------------------------------------------------------------- measures= (compute a subset)
@pytest.mark.parametrize("sample", [False, True])
def test_measures_subset_equals_the_full_table(sample):
    g = nx.les_miserables_graph()
    eco = eco_from_nx(g)
    full = centrality(eco, sample=sample, n_samples=20, seed=3)
    for wanted in (["betweenness"], ["strength", "pagerank", "betweenness"],
                   ["harmonic", "degree"], ["reach2", "clustering_weighted"]):
        part = centrality(eco, sample=sample, n_samples=20, seed=3, measures=wanted)
        expected = [c for c in UNDIRECTED if c in wanted]
        assert part.table.columns.tolist() == expected
        pd.testing.assert_frame_equal(part.table, full.table[expected])
        assert part.params["measures"] == expected
        assert part.sampled == (sample and bool({"betweenness", "harmonic"} & set(wanted)))
    assert "measures" not in full.params  # default: every measure, params unchanged


def test_measures_without_path_measures_skip_sampling():
    eco = Ecosystem.from_edges([("a", "b", 2), ("b", "c", 1)])
    res = centrality(eco, sample=True, n_samples=1, measures=("strength", "degree"))
    assert res.table.columns.tolist() == ["degree", "strength"]
    assert res.table["degree"].dtype == np.int64
    assert not res.sampled and res.params["n_samples"] is None


def test_measures_directed_subset_matches_full():
    eco = Ecosystem.from_edges([("a", "b", 2), ("b", "c", 1), ("c", "a", 3), ("c", "d", 1)],
                               directed=True)
    full = centrality(eco)
    part = centrality(eco, measures=["closeness_out", "in_degree", "pagerank"])
    assert part.table.columns.tolist() == ["pagerank", "in_degree", "closeness_out"]
    pd.testing.assert_frame_equal(part.table, full.table[part.table.columns])


@pytest.mark.parametrize("bad", [["speed"], [], "in_degree", 3])
def test_measures_rejects_unknown_names(bad):
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c")])
    with pytest.raises(InvalidParameterError):
        centrality(eco, measures=bad)

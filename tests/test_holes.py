"""Burt's structural-hole measures and Gould-Fernandez brokerage roles."""
import itertools
import math
import random

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ecosystem import Ecosystem
from ecosystem.analysis.holes import brokerage_roles, structural_holes, top_brokers
from ecosystem.exceptions import InvalidParameterError

# Borgatti's example graph (Connections 20(1), 1997), as in networkx's test suite;
# expected values there come from UCINET and were checked by hand.
BORGATTI = {("A", "B"): 2, ("A", "F"): 3, ("A", "G"): 5, ("A", "E"): 2, ("E", "G"): 8,
            ("F", "G"): 3, ("B", "G"): 4, ("B", "D"): 1, ("D", "G"): 3, ("G", "C"): 10}


@pytest.fixture
def borgatti_weighted():
    return Ecosystem.from_edges([(u, v, w) for (u, v), w in BORGATTI.items()])


@pytest.fixture
def directed_d():
    return Ecosystem.from_edges([("0", "1", 2), ("0", "2", 2), ("1", "0", 1), ("2", "1", 1)],
                                directed=True)


def test_ucinet_values_unweighted_undirected(borgatti_weighted):
    h = structural_holes(borgatti_weighted, weighted=False)
    assert h.loc["G", "effective_size"] == pytest.approx(4.67, abs=1e-2)
    assert h.loc["A", "effective_size"] == pytest.approx(2.50, abs=1e-2)
    assert h.loc["C", "effective_size"] == pytest.approx(1, abs=1e-2)
    assert h.loc["G", "constraint"] == pytest.approx(0.400, abs=1e-3)
    assert h.loc["A", "constraint"] == pytest.approx(0.595, abs=1e-3)
    assert h.loc["C", "constraint"] == pytest.approx(1, abs=1e-3)


def test_ucinet_values_weighted_undirected(borgatti_weighted):
    h = structural_holes(borgatti_weighted)
    assert h.loc["G", "effective_size"] == pytest.approx(5.47, abs=1e-2)
    assert h.loc["A", "effective_size"] == pytest.approx(2.47, abs=1e-2)
    assert h.loc["C", "effective_size"] == pytest.approx(1, abs=1e-2)
    assert h.loc["G", "constraint"] == pytest.approx(0.299, abs=1e-3)
    assert h.loc["A", "constraint"] == pytest.approx(0.795, abs=1e-3)
    assert h.loc["C", "constraint"] == pytest.approx(1, abs=1e-3)
    assert h.loc["G", "efficiency"] == pytest.approx(5.4717 / 6, abs=1e-3)


def test_ucinet_values_directed(directed_d):
    h = structural_holes(directed_d, weighted=False)
    assert h["constraint"].tolist() == pytest.approx([1.003, 1.003, 1.389], abs=1e-3)
    assert h["effective_size"].tolist() == pytest.approx([1.167, 1.167, 1.0], abs=1e-3)
    hw = structural_holes(directed_d)
    assert hw["constraint"].tolist() == pytest.approx([0.840, 1.143, 1.378], abs=1e-3)
    assert hw["effective_size"].tolist() == pytest.approx([1.567, 1.083, 1.0], abs=1e-3)


def test_isolates_are_nan_and_rank_last():
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c")], partners=["z"])
    h = structural_holes(eco)
    assert math.isnan(h.loc["z", "effective_size"]) and math.isnan(h.loc["z", "constraint"])
    assert math.isnan(h.loc["z", "hierarchy"])
    assert h.loc["z", "broker_rank"] == 4 and h.loc["b", "broker_rank"] == 1


def _random_weighted(seed, n=25, m=60):
    rng = np.random.default_rng(seed)
    random.seed(seed)  # igraph draws from Python's random module
    g = ig.Graph.Erdos_Renyi(n=n, m=m)
    edges = [(f"v{e.source}", f"v{e.target}", int(rng.integers(1, 9))) for e in g.es]
    return Ecosystem.from_edges(edges, partners=[f"v{i}" for i in range(n)])


@pytest.mark.parametrize("seed", range(4))
def test_matches_networkx_per_node_definitions_and_igraph(seed):
    eco = _random_weighted(seed)
    h = structural_holes(eco)
    G = nx.Graph(eco.graph)
    nodes = list(G)
    # networkx's per-node path implements the documented formula (its whole-graph
    # path is wrong for weighted graphs, so we always pass nodes=)
    es = nx.effective_size(G, nodes=nodes, weight="weight")
    cs = nx.constraint(G, nodes=nodes, weight="weight")
    for v in nodes:
        if math.isnan(es[v]):
            assert math.isnan(h.loc[v, "effective_size"])
            continue
        assert h.loc[v, "effective_size"] == pytest.approx(es[v], rel=1e-9)
        assert h.loc[v, "constraint"] == pytest.approx(cs[v], rel=1e-9)
    igc = eco.igraph.constraint(weights="weight")
    connected = h["degree"].to_numpy() > 0
    assert np.allclose(h["constraint"].to_numpy()[connected], np.asarray(igc)[connected])


def test_hierarchy_matches_burt_formula_from_local_constraints(borgatti_weighted):
    h = structural_holes(borgatti_weighted)
    G = nx.Graph(borgatti_weighted.graph)
    for v in G:
        nbrs = list(G[v])
        n = len(nbrs)
        if n < 2:
            assert math.isnan(h.loc[v, "hierarchy"])
            continue
        local = np.array([nx.local_constraint(G, v, u, weight="weight") for u in nbrs])
        r = local / (local.sum() / n)
        expected = float((r * np.log(r)).sum() / (n * math.log(n)))
        assert h.loc[v, "hierarchy"] == pytest.approx(expected, rel=1e-9)


def test_hierarchy_is_zero_when_constraint_is_spread_evenly():
    eco = Ecosystem.from_edges([("hub", x) for x in "abcd"])
    h = structural_holes(eco)
    assert h.loc["hub", "hierarchy"] == pytest.approx(0.0, abs=1e-12)
    assert h.loc["hub", "constraint"] == pytest.approx(0.25)
    assert h.loc["hub", "effective_size"] == pytest.approx(4.0)


def test_broker_between_two_clusters_is_top_ranked():
    left = [f"l{i}" for i in range(5)]
    right = [f"r{i}" for i in range(5)]
    edges = list(itertools.combinations(left, 2)) + list(itertools.combinations(right, 2))
    edges += [("broker", "l0"), ("broker", "l1"), ("broker", "r0"), ("broker", "r1")]
    h = structural_holes(Ecosystem.from_edges(edges))
    assert top_brokers(h, 1).index.tolist() == ["broker"]
    assert h["constraint"].idxmin() == "broker"


def test_partners_in_equal_positions_rank_in_table_order():
    """Two stars with leaf weights 0.1, 0.2, 0.3 summed in opposite orders: their
    constraints differ in the last bit (0.38888888888888895 vs ...884), which ranked
    the second star first; ranks now follow the partner table whichever comes first."""
    x = [("x", "a", 0.1), ("x", "b", 0.2), ("x", "c", 0.3)]
    y = [("y", "d", 0.3), ("y", "e", 0.2), ("y", "f", 0.1)]
    for edges, first in ((x + y, "x"), (y + x, "y")):
        h = structural_holes(Ecosystem.from_edges(edges))
        assert h.loc[first, "broker_rank"] == 1
        assert h.loc["x", "constraint"] == pytest.approx(h.loc["y", "constraint"], abs=1e-15)


def test_weights_change_the_answer_only_when_asked(borgatti_weighted):
    assert not np.allclose(structural_holes(borgatti_weighted)["effective_size"],
                           structural_holes(borgatti_weighted, weighted=False)["effective_size"])


# ----------------------------------------------------------------- brokerage
def test_gould_fernandez_hand_worked_directed_example():
    # groups: x* and b in G1, y* in G2, z in G3
    groups = pd.Series({"x1": "G1", "x2": "G1", "b": "G1", "y1": "G2", "y2": "G2", "z": "G3"})
    edges = [("x1", "b"), ("b", "x2"), ("y1", "b"), ("b", "y2"), ("b", "z"), ("z", "b"),
             ("x1", "x2"), ("y2", "y1")]
    eco = Ecosystem.from_edges(edges, directed=True)
    r = brokerage_roles(eco, groups)
    # b: in {x1, y1, z}, out {x2, y2, z}
    #   x1->b->x2 closed by x1->x2 (not counted); x1->b->y2, x1->b->z: representative
    #   y1->b->x2: gatekeeper; y1->b->y2: itinerant (only y2->y1 exists); y1->b->z: liaison
    #   z->b->x2: gatekeeper; z->b->y2: liaison; z->b->z: a == c (not counted)
    assert r.loc["b", ["coordinator", "itinerant", "gatekeeper", "representative",
                       "liaison", "total"]].tolist() == [0, 1, 2, 2, 2, 7]
    # y2 brokers b->y2->y1 (no b->y1): y2 with y1, b outside -> gatekeeper
    assert r.loc["y2", "gatekeeper"] == 1 and r.loc["y2", "total"] == 1
    # y1 brokers y2->y1->b (no y2->b): y1 with y2, b outside -> representative
    assert r.loc["y1", "representative"] == 1 and r.loc["y1", "total"] == 1
    assert r.loc[["x1", "x2", "z"], "total"].tolist() == [0, 0, 0]
    assert r.attrs["totals"]["total"] == 9


def test_gould_fernandez_hand_worked_undirected_example():
    groups = pd.Series({"b": "firm", "c1": "firm", "c2": "firm", "u1": "uni", "u2": "uni",
                        "g1": "gov"})
    edges = [("b", x) for x in ("c1", "c2", "u1", "u2", "g1")] + [("c1", "c2")]
    r = brokerage_roles(Ecosystem.from_edges(edges), groups)
    # pairs of b's neighbours: c1-c2 closed; u1-u2 itinerant; u-g, u-u... liaison: u1-g1, u2-g1
    # mixed (one in b's group): c1/c2 x u1/u2/g1 = 6
    assert r.loc["b", ["coordinator", "itinerant", "gatekeeper_representative", "liaison",
                       "total"]].tolist() == [0, 1, 6, 2, 9]
    assert r.drop(index="b")["total"].sum() == 0  # c1 and c2 each have b+c as a closed pair


def _brute_force_ordered(eco, groups):
    """UCINET's count on symmetric data: ordered paths a-b-c, a != c, no a-c tie."""
    G = eco.graph
    out = {v: dict.fromkeys(("coordinator", "itinerant", "gatekeeper", "representative",
                             "liaison"), 0) for v in G}
    for b in G:
        for a in G[b]:
            for c in G[b]:
                if a == c or G.has_edge(a, c):
                    continue
                ga, gb, gc = groups[a], groups[b], groups[c]
                if ga == gb == gc:
                    out[b]["coordinator"] += 1
                elif ga == gc:
                    out[b]["itinerant"] += 1
                elif gb == gc:
                    out[b]["gatekeeper"] += 1
                elif ga == gb:
                    out[b]["representative"] += 1
                else:
                    out[b]["liaison"] += 1
    return out


@pytest.mark.parametrize("seed", range(3))
def test_undirected_counts_equal_half_of_ucinet_symmetric_counts(seed):
    eco = _random_weighted(seed, n=30, m=80)
    rng = np.random.default_rng(seed)
    groups = pd.Series(rng.choice(["a", "b", "c"], size=30), index=eco.ids)
    r = brokerage_roles(eco, groups)
    brute = _brute_force_ordered(eco, groups)
    for v in eco.ids:
        bv = brute[v]
        assert r.loc[v, "coordinator"] * 2 == bv["coordinator"]
        assert r.loc[v, "itinerant"] * 2 == bv["itinerant"]
        assert r.loc[v, "liaison"] * 2 == bv["liaison"]
        assert r.loc[v, "gatekeeper_representative"] == bv["gatekeeper"] == bv["representative"]


def test_directed_enumeration_on_symmetric_graph_equals_ucinet():
    eco = _random_weighted(7, n=20, m=50)
    t = eco.ties
    both = [(s, d) for s, d in zip(t["source"], t["target"])] + \
           [(d, s) for s, d in zip(t["source"], t["target"])]
    deco = Ecosystem.from_edges(both, directed=True, partners=list(eco.ids))
    groups = pd.Series(np.arange(20) % 3, index=eco.ids)
    r = brokerage_roles(deco, groups)
    brute = _brute_force_ordered(eco, groups)
    for v in eco.ids:
        assert r.loc[v, ["coordinator", "itinerant", "gatekeeper", "representative",
                         "liaison"]].tolist() == list(brute[v].values())


def test_groups_by_attribute_name_partition_and_missing_values(two_triangles):
    from ecosystem.analysis.communities import detect_communities

    part = detect_communities(two_triangles)
    r = brokerage_roles(two_triangles, part)
    # c brokers a/b (its community) and d (other): 2 mixed pairs; same for d
    assert r.loc["c", "gatekeeper_representative"] == 2 and r.loc["d", "total"] == 2
    r2 = brokerage_roles(two_triangles, "sector")
    assert set(r2["group"]) == {"unknown"} and r2.loc["c", "coordinator"] == 2
    partial = pd.Series({"a": "x"})
    r3 = brokerage_roles(two_triangles, partial)
    assert (r3.drop(index="a")["group"] == "(missing)").all()
    with pytest.raises(InvalidParameterError):
        brokerage_roles(two_triangles, [1, 2, 3])
    with pytest.raises(InvalidParameterError):
        brokerage_roles(two_triangles, "country")


def test_large_sparse_graph_is_fast():
    import time

    g = ig.Graph.Barabasi(20000, 3)
    edges = np.asarray(g.get_edgelist())
    rel = pd.DataFrame({"source": [f"p{i}" for i in edges[:, 0]],
                        "target": [f"p{i}" for i in edges[:, 1]]})
    eco = Ecosystem(pd.DataFrame({"id": [f"p{i}" for i in range(20000)]}), rel)
    start = time.perf_counter()
    h = structural_holes(eco)
    r = brokerage_roles(eco, pd.Series(np.arange(20000) % 4, index=eco.ids))
    assert time.perf_counter() - start < 20
    assert h["effective_size"].notna().all() and r["total"].sum() > 0


def _triangle_listing_counts(eco, codes):
    """The former implementation: all neighbour pairs by group tallies minus every listed
    triangle classified by role (kept here as the reference for the blocked version)."""
    n = eco.n_partners
    total = np.zeros((n, 4), dtype=np.int64)
    nbrs = eco.igraph.neighborhood(mindist=1)
    for b in range(n):
        nb = sorted(set(nbrs[b]) - {b})
        for i, a in enumerate(nb):
            for c in nb[i + 1:]:
                ga, gb, gc = codes[a], codes[b], codes[c]
                role = 0 if ga == gb == gc else 1 if ga == gc else 2 if gb in (ga, gc) else 3
                total[b, role] += 1
    for x, y, z in eco.igraph.list_triangles():
        for brok, a, c in ((x, y, z), (y, x, z), (z, x, y)):
            ga, gb, gc = codes[a], codes[brok], codes[c]
            role = 0 if ga == gb == gc else 1 if ga == gc else 2 if gb in (ga, gc) else 3
            total[brok, role] -= 1
    return total


@pytest.mark.parametrize("seed", range(6))
def test_blocked_closed_pair_counts_equal_triangle_listing(seed):
    """Closed pairs are counted by sparse products in row blocks (never listing the
    triangles); any block size gives the counts of listing every triangle."""
    from ecosystem.analysis.holes import _undirected_counts

    rng = np.random.default_rng(seed)
    n = int(rng.integers(20, 70))
    m = int(rng.integers(n, 5 * n))
    pairs = rng.integers(0, n, size=(m, 2))
    edges = [(f"p{u}", f"p{v}") for u, v in pairs if u != v]
    eco = Ecosystem.from_edges(edges, partners=[f"p{i}" for i in range(n)])
    codes = rng.integers(0, int(rng.integers(1, 5)), size=n).astype(np.int64)
    expected = _triangle_listing_counts(eco, codes)
    assert expected.min() >= 0 and len(eco.igraph.list_triangles()) > 0
    for budget in (1, 37, 4_000_000):
        assert (_undirected_counts(eco, codes, budget) == expected).all()


def test_igraph_constraint_path_equals_the_sparse_burt_table():
    # issue 8: constraint alone goes through igraph (fast path); same numbers as structural_holes
    import numpy as np
    import pandas as pd
    from ecosystem import Ecosystem
    from ecosystem.analysis.holes import burt_constraint, structural_holes

    rng = np.random.default_rng(3)
    edges = {(int(a), int(b)) for a, b in rng.integers(0, 60, size=(240, 2)) if a != b}
    eco = Ecosystem.from_edges([(f"n{a}", f"n{b}", float(rng.integers(1, 6))) for a, b in edges],
                               partners=["lonely"])
    fast = burt_constraint(eco)
    full = structural_holes(eco)["constraint"]
    assert np.isnan(fast["lonely"]) and np.isnan(full["lonely"])
    pd.testing.assert_series_equal(fast.drop("lonely"), full.drop("lonely"), check_names=False,
                                   rtol=1e-9, atol=1e-12)

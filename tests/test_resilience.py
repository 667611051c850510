"""Removal curves, what-if scenarios and key players on graphs with known answers."""
import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ecosystem import Ecosystem, Partition
from ecosystem.analysis.resilience import fragmentation, key_players, removal_curves, what_if
from ecosystem.exceptions import InvalidParameterError, PartnerNotFoundError


def star(n_leaves=6):
    return Ecosystem.from_edges([("hub", f"leaf{i}") for i in range(n_leaves)])


def barbell(k=5):
    edges = list(itertools.combinations([f"a{i}" for i in range(k)], 2))
    edges += list(itertools.combinations([f"b{i}" for i in range(k)], 2))
    return Ecosystem.from_edges(edges + [("a0", "b0")])


def ring(n=8):
    return Ecosystem.from_edges([(f"r{i}", f"r{(i + 1) % n}") for i in range(n)])


# ----------------------------------------------------------------- known answers
def test_star_removing_the_centre_leaves_everyone_isolated():
    eco = star(6)
    w = what_if(eco, ["hub"])
    assert w.components_before == 1 and w.components_after == 6
    assert w.lcc_after == 1 and w.reach_pairs_after == 0
    assert w.reach_pairs_before == 15 and w.reach_lost == 15 and w.reach_lost_share == 1.0
    assert w.efficiency_after == 0.0 and w.efficiency_before > 0
    curves = removal_curves(eco, strategies=["degree", "betweenness"], steps=7, max_share=1 / 7)
    after_one = curves[curves["removed_count"] == 1]
    assert after_one["lcc_share"].tolist() == pytest.approx([1 / 7, 1 / 7])
    assert (after_one["efficiency"] == 0).all()


def test_barbell_removing_a_bridge_endpoint_halves_it():
    eco = barbell(5)
    w = what_if(eco, ["a0"])
    assert w.lcc_before == 10 and w.lcc_after == 5
    assert w.lcc_after / eco.n_partners == 0.5
    assert w.components_after == 2
    assert sorted(w.cut_off.index) == ["a1", "a2", "a3", "a4"]
    # pairs among the 9 remaining: 36 before, C(5,2) + C(4,2) = 16 after
    assert (w.reach_pairs_before, w.reach_pairs_after, w.reach_lost) == (36, 16, 20)
    assert key_players(eco, 1).index[0] in {"a0", "b0"}


def test_ring_one_removal_keeps_it_connected_two_split_it():
    eco = ring(8)
    one = what_if(eco, ["r0"])
    assert one.components_after == 1 and one.cut_off.empty and one.reach_lost == 0
    two = what_if(eco, ["r0", "r4"])
    assert two.components_after == 2 and two.lcc_after == 3
    adjacent = what_if(eco, ["r0", "r1"])
    assert adjacent.components_after == 1


def test_what_if_resolves_names_and_reports_unknown_partners():
    partners = pd.DataFrame({"id": ["hub"] + [f"leaf{i}" for i in range(6)],
                             "name": ["Central Univ"] + [f"Leaf {i}" for i in range(6)]})
    eco = Ecosystem.from_edges([("hub", f"leaf{i}") for i in range(6)], partners=partners)
    w = what_if(eco, ["central univ"])
    assert w.removed == ["hub"] and w.removed_names == ["Central Univ"]
    with pytest.raises(PartnerNotFoundError, match="did you mean"):
        what_if(eco, ["Centrl Univ"])
    with pytest.raises(InvalidParameterError):
        what_if(eco, [])


def test_what_if_reports_split_communities():
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "a"),
                                ("x", "y"), ("y", "z"), ("z", "x"), ("a", "x")])
    part = Partition(pd.Series({"a": 0, "b": 0, "c": 0, "d": 0, "e": 0, "x": 1, "y": 1, "z": 1}))
    w = what_if(eco, ["b", "d"], partition=part)
    row = w.communities_split.set_index("community").loc[0]
    assert bool(row["split"]) and row["pieces"] == 2 and row["removed"] == 2
    assert w.summary()["communities_split"] == 1
    assert w.cut_off.index.tolist() == ["c"]


# ----------------------------------------------------------------- efficiency
def test_efficiency_matches_networkx_global_efficiency_on_hops():
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d"), ("b", "d"), ("d", "e")],
                               distance="unit")
    curves = removal_curves(eco, strategies=["degree"], steps=1, max_share=0.2)
    assert curves.loc[0, "efficiency"] == pytest.approx(nx.global_efficiency(nx.Graph(eco.graph)))


def test_efficiency_uses_tie_distance():
    eco = Ecosystem.from_edges([("a", "b", 2), ("b", "c", 4)])  # distances 0.5, 0.25
    expected = 2 * (1 / 0.5 + 1 / 0.25 + 1 / 0.75) / (3 * 2)
    w = what_if(eco, ["c"])
    assert w.efficiency_before == pytest.approx(expected)
    # after removing c only a-b remains; normalised by the original 3 partners
    assert w.efficiency_after == pytest.approx(2 * 2 / 6)


def test_sampled_efficiency_is_close_and_seeded():
    eco = barbell(12)
    exact = removal_curves(eco, strategies=["degree"], steps=2, max_share=0.1)
    s1 = removal_curves(eco, strategies=["degree"], steps=2, max_share=0.1, sample_above=5,
                        n_sources=12)
    s2 = removal_curves(eco, strategies=["degree"], steps=2, max_share=0.1, sample_above=5,
                        n_sources=12)
    pd.testing.assert_frame_equal(s1, s2)
    assert s1.attrs["params"]["efficiency_sampled"] and not exact.attrs["params"]["efficiency_sampled"]
    assert np.allclose(s1["efficiency"], exact["efficiency"], rtol=0.15)


# ----------------------------------------------------------------- curves
def test_random_curves_are_averaged_and_seeded():
    eco = barbell(6)
    a = removal_curves(eco, strategies=["random"], runs=5, seed=1, steps=4)
    b = removal_curves(eco, strategies=["random"], runs=5, seed=1, steps=4)
    c = removal_curves(eco, strategies=["random"], runs=5, seed=2, steps=4)
    pd.testing.assert_frame_equal(a, b)
    assert not a["lcc_share"].equals(c["lcc_share"])
    assert list(a.columns) == ["strategy", "removed_share", "removed_count", "lcc_share",
                               "efficiency", "lcc_share_sd", "efficiency_sd"]
    assert a.loc[0, "lcc_share"] == 1.0 and (a["lcc_share_sd"].iloc[1:] >= 0).all()
    assert (np.diff(a["removed_count"]) > 0).all()


def test_targeted_removal_hurts_more_than_random():
    eco = Ecosystem.from_edges([("hub", f"l{i}") for i in range(20)] +
                               [(f"l{i}", f"l{i + 1}") for i in range(0, 20, 4)])
    curves = removal_curves(eco, strategies=["degree", "random"], runs=10, steps=4, max_share=0.2)
    at = curves[curves["removed_share"] > 0].groupby("strategy")["lcc_share"].mean()
    assert at["degree"] < at["random"]


def test_all_strategies_and_adaptive_mode_run(two_triangles):
    curves = removal_curves(two_triangles, steps=3, runs=2)
    assert set(curves["strategy"]) == {"anchor", "degree", "betweenness", "random"}
    adaptive = removal_curves(two_triangles, strategies=["degree", "betweenness"], steps=3,
                              recompute=True, efficiency=False)
    assert adaptive["efficiency"].isna().all() and adaptive.attrs["params"]["recompute"]
    # first removal is c or d (the brokers) in every targeted strategy
    first = curves[(curves["removed_count"] == 1) & (curves["strategy"] != "random")]
    assert first["lcc_share"].tolist() == pytest.approx([0.5, 0.5, 0.5])
    with pytest.raises(InvalidParameterError):
        removal_curves(two_triangles, strategies=["alphabetical"])


# ----------------------------------------------------------------- key players
def test_fragmentation_definition():
    assert fragmentation([5]) == 0.0 and fragmentation([1, 1, 1, 1]) == 1.0
    assert fragmentation([2, 2]) == pytest.approx(1 - 4 / 12)


def test_key_players_in_known_graphs():
    assert key_players(star(5), 1).index.tolist() == ["hub"]
    chain = list(itertools.combinations(["a1", "a2", "a3", "a4"], 2))
    chain += list(itertools.combinations(["b1", "b2", "b3", "b4"], 2))
    chain += list(itertools.combinations(["c1", "c2", "c3", "c4"], 2))
    chain += [("a1", "x"), ("x", "b1"), ("b2", "y"), ("y", "c1")]
    kp = key_players(Ecosystem.from_edges(chain), 2, seed=0)
    assert set(kp.index) == {"x", "y"}
    assert kp.attrs["fragmentation"] == pytest.approx(fragmentation([4, 4, 4]))
    assert kp.attrs["fragmentation_before"] == 0.0 and kp.attrs["components_after"] == 3
    with pytest.raises(InvalidParameterError):
        key_players(star(3), 0)


def _best_pair(eco):
    import igraph as ig

    best = -1.0
    for pair in itertools.combinations(range(eco.n_partners), 2):
        g = eco.igraph.copy()
        g.delete_vertices(list(pair))
        best = max(best, fragmentation(g.connected_components().sizes()))
    return best


def test_key_players_reach_the_brute_force_optimum_where_greedy_does_not():
    # greedy takes b1 first (best single removal); the best pair is {x, y}
    chain = list(itertools.combinations(["a1", "a2", "a3", "a4"], 2))
    chain += list(itertools.combinations(["b1", "b2", "b3", "b4"], 2))
    chain += list(itertools.combinations(["c1", "c2", "c3", "c4"], 2))
    chain += [("a1", "x"), ("x", "b1"), ("b2", "y"), ("y", "c1")]
    eco = Ecosystem.from_edges(chain)
    kp = key_players(eco, 2, seed=0)
    assert kp.attrs["fragmentation"] == pytest.approx(_best_pair(eco))
    edges = [("h", f"s{i}") for i in range(6)] + [(f"s{i}", f"s{i + 1}") for i in range(5)]
    edges += list(itertools.combinations(["l1", "l2", "l3", "l4", "l5"], 2))
    edges += list(itertools.combinations(["r1", "r2", "r3", "r4", "r5"], 2))
    edges += [("h", "p"), ("p", "l1"), ("h", "q"), ("q", "r1")]
    eco2 = Ecosystem.from_edges(edges)
    assert key_players(eco2, 2, seed=0).attrs["fragmentation"] == pytest.approx(_best_pair(eco2))
    pd.testing.assert_frame_equal(key_players(eco2, 2, seed=4), key_players(eco2, 2, seed=4))


# ----------------------------------------------------------------- cost on large networks
def test_efficiency_on_the_sliced_matrix_equals_the_induced_subgraph():
    from ecosystem.analysis.resilience.curves import _distance_matrix, _efficiency_without
    from ecosystem.analysis.resilience.measures import _efficiency, _remaining

    g = nx.les_miserables_graph()
    eco = Ecosystem.from_edges([(u, v, d["weight"]) for u, v, d in g.edges(data=True)])
    dist = _distance_matrix(eco)
    for removed in ([], [0, 5, 11], list(range(0, 77, 3))):
        sub, _ = _remaining(eco, removed)
        for above, k in ((1000, 50), (5, 12)):
            r1, r2 = np.random.default_rng(4), np.random.default_rng(4)
            old = _efficiency(sub, eco.n_partners, sample_above=above, n_sources=k, rng=r1)
            new = _efficiency_without(dist, np.asarray(removed, dtype=np.int64), eco.n_partners,
                                      sample_above=above, n_sources=k, rng=r2)
            assert new[1] == old[1]
            assert new[0] == pytest.approx(old[0], rel=1e-12)
    # networkx's global efficiency is unweighted: compare on an unweighted ring
    r = ring(9)
    assert _efficiency_without(_distance_matrix(r), np.zeros(0, dtype=np.int64), 9,
                               sample_above=300, n_sources=50,
                               rng=np.random.default_rng(0))[0] == \
        pytest.approx(nx.global_efficiency(nx.cycle_graph(9)))


def test_large_networks_get_fewer_checkpoints_and_runs_by_default():
    from ecosystem.analysis.resilience import curve_defaults

    assert curve_defaults(10_000, 40_000) == (20, 10)
    assert curve_defaults(10_001, 100) == (10, 3) == curve_defaults(500, 40_001)
    small = removal_curves(barbell(12), strategies=["degree", "random"], max_share=0.5)
    p = small.attrs["params"]
    assert (p["steps"], p["runs"], p["defaults"]["large_network"]) == (20, 10, False)
    assert p["defaults"]["steps"] == "auto" and p["sample_above"] == 300
    assert not p["efficiency_sampled"]                   # 24 partners: exact
    given = removal_curves(barbell(12), strategies=["degree"], steps=4, runs=2)
    assert given.attrs["params"]["defaults"]["steps"] == "given"
    assert len(given) == 5


def test_efficiency_is_sampled_above_300_partners_and_seeded():
    eco = Ecosystem.from_edges([(f"r{i}", f"r{(i + 1) % 400}") for i in range(400)])
    a = removal_curves(eco, strategies=["degree"], steps=2, max_share=0.01)
    b = removal_curves(eco, strategies=["degree"], steps=2, max_share=0.01)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs["params"]["efficiency_sampled"]
    exact = removal_curves(eco, strategies=["degree"], steps=2, max_share=0.01, sample_above=400)
    assert not exact.attrs["params"]["efficiency_sampled"]
    # intact ring: every source sees the same distances, so the estimate is exact
    assert a["efficiency"].iloc[0] == pytest.approx(exact["efficiency"].iloc[0], rel=1e-12)
    assert np.allclose(a["efficiency"], exact["efficiency"], rtol=0.05)


def test_sampled_efficiency_reports_an_honest_standard_error():
    """Over many seeds, the spread of the sampled estimate matches the reported relative
    standard error (and the exact computation reports 0)."""
    from ecosystem.analysis.resilience.curves import _distance_matrix, _efficiency_without

    g = nx.les_miserables_graph()
    eco = Ecosystem.from_edges([(u, v, d["weight"]) for u, v, d in g.edges(data=True)])
    dist = _distance_matrix(eco)
    none = np.zeros(0, dtype=np.int64)
    exact, sampled, rse = _efficiency_without(dist, none, 77, sample_above=1000, n_sources=10,
                                              rng=np.random.default_rng(0))
    assert not sampled and rse == 0.0
    runs = [_efficiency_without(dist, none, 77, sample_above=5, n_sources=15,
                                rng=np.random.default_rng(seed)) for seed in range(400)]
    values = np.array([r[0] for r in runs])
    reported = np.array([r[2] for r in runs])
    assert all(r[1] for r in runs)
    assert values.mean() == pytest.approx(exact, rel=0.02)          # unbiased
    observed = values.std() / exact
    assert 0.75 < np.sqrt((reported ** 2).mean()) / observed < 1.33  # the error it claims


def test_removal_curves_record_the_worst_sampling_error():
    eco = Ecosystem.from_edges([(u, v, d["weight"]) for u, v, d in
                                nx.les_miserables_graph().edges(data=True)])
    curves = removal_curves(eco, strategies=["degree"], steps=4, sample_above=20, n_sources=10)
    rse = curves.attrs["params"]["efficiency_rse_max"]
    assert curves.attrs["params"]["efficiency_sampled"] and 0 < rse < 1
    exact = removal_curves(eco, strategies=["degree"], steps=4)
    assert exact.attrs["params"]["efficiency_rse_max"] is None


def test_component_sizes_by_masking_or_self_ties_match_the_induced_subgraph():
    """Both evaluation paths (few removed: ties turned into self-ties; many: entries
    masked) give the component sizes of the induced subgraph, hand-checked on a path."""
    from ecosystem.analysis.resilience.measures import _adjacency, _remaining

    path = Ecosystem.from_edges([(f"p{i}", f"p{i + 1}") for i in range(9)])  # p0 - ... - p9
    m = _adjacency(path)
    idx = path.ids.get_indexer(["p3", "p6"])
    assert sorted(m.sizes(idx).tolist()) == [2, 3, 3]          # p7-p9 | p0-p2 | p4-p5
    assert sorted(m._isolated(idx).nnz * [0]) == [0] * 18        # structure kept, self-ties
    rng = np.random.default_rng(5)
    g = Ecosystem.from_edges([(f"n{a}", f"n{b}") for a, b in rng.integers(0, 300, (500, 2))
                              if a != b])
    mg = _adjacency(g)
    for k in (1, 5, 60, 70, 200):
        rem = rng.choice(g.n_partners, k, replace=False)
        sub, _ = _remaining(g, rem)
        expected = sorted(np.bincount(sub.connected_components().membership).tolist())
        mask = mg.keep_mask(rem)
        assert sorted(mg.sizes(rem).tolist()) == expected
        from scipy.sparse.csgraph import connected_components
        _, lab = connected_components(mg.without(mask), directed=False)
        assert sorted(np.bincount(lab[mask])[np.bincount(lab[mask]) > 0].tolist()) == expected
# ---------------------------------------------------------------- issue 15: "cut off"
def test_when_the_hub_of_a_20_leaf_star_leaves_all_20_leaves_are_cut_off():
    from ecosystem import Ecosystem
    from ecosystem.analysis.resilience import what_if

    eco = Ecosystem.from_edges([("hub", f"leaf{i:02d}") for i in range(20)])
    w = what_if(eco, ["hub"], efficiency=False)
    assert len(w.cut_off) == 20  # single partners: none of them is "the main network"
    assert w.components_after == 20 and w.lcc_after == 1


def test_equal_halves_have_no_main_network_and_everyone_is_cut_off():
    from ecosystem import Ecosystem
    from ecosystem.analysis.resilience import what_if

    # a-b-c - x - d-e-f: removing x leaves two pieces of 3
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "x"), ("x", "d"), ("d", "e"),
                                ("e", "f")])
    w = what_if(eco, ["x"], efficiency=False)
    assert sorted(w.cut_off.index) == ["a", "b", "c", "d", "e", "f"]


def test_a_unique_largest_piece_stays_the_main_network():
    from ecosystem import Ecosystem
    from ecosystem.analysis.resilience import what_if

    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "x"), ("x", "d"), ("d", "e")])
    w = what_if(eco, ["x"], efficiency=False)
    assert sorted(w.cut_off.index) == ["d", "e"]  # a-b-c (3) is the main network


def test_key_player_evaluations_on_the_contracted_network_equal_the_full_count():
    """Merging the partners that are never removed into weighted pieces changes no
    component size: every candidate set gives the sizes of a full connected-components
    pass over the whole network."""
    import itertools

    from ecosystem.analysis.resilience.keyplayers import _Contracted
    from ecosystem.analysis.resilience.measures import _adjacency, _component_sizes

    rng = np.random.default_rng(3)
    edges = {(int(a), int(b)) for a, b in rng.integers(0, 60, size=(90, 2)) if a != b}
    edges |= {(60, 61), (61, 62), (62, 60)}  # a piece no candidate touches
    eco = Ecosystem.from_edges([(f"p{a}", f"p{b}") for a, b in sorted(edges)])
    adj = _adjacency(eco)
    cand = np.sort(rng.choice(eco.n_partners, size=8, replace=False))
    small = _Contracted(adj, cand)
    assert small.small.n < eco.n_partners
    for k in (1, 2, 3):
        for sel in itertools.combinations(cand.tolist(), k):
            assert sorted(small.sizes(sel)) == sorted(_component_sizes(adj, sel)), sel


def test_each_targeted_curve_is_the_same_whether_computed_alone_or_with_the_others():
    """The intact network is measured once for the targeted orders (same seed, same
    sources): every strategy's curve equals its curve computed on its own."""
    g = nx.connected_watts_strogatz_graph(400, 6, 0.1, seed=2)
    eco = Ecosystem.from_edges([(f"p{a}", f"p{b}", 1 + (a * b) % 3) for a, b in g.edges()])
    together = removal_curves(eco, strategies=["anchor", "degree", "betweenness"], steps=4,
                              seed=5)
    for strategy in ("anchor", "degree", "betweenness"):
        alone = removal_curves(eco, strategies=[strategy], steps=4, seed=5)
        got = together[together["strategy"] == strategy].reset_index(drop=True)
        pd.testing.assert_frame_equal(got, alone, check_exact=True)
    assert together.attrs["params"]["efficiency_sampled"]  # 400 partners: sampled sources


def _what_if_graph():
    """A seeded 600-partner network with a hub, a leaf and one partner without ties."""
    g = nx.barabasi_albert_graph(600, 2, seed=4)
    rng = np.random.default_rng(4)
    edges = [(f"p{a}", f"p{b}", float(rng.integers(1, 4))) for a, b in g.edges()]
    return Ecosystem.from_edges(edges, partners=["alone"])


def test_sampled_what_if_measures_the_change_from_the_same_sources():
    """Session 26: before and after are estimated from the same sampled sources, so the
    change is not the difference of two independent sampling errors (on H2020 every
    single partner "lost" 0.012-0.022 of 0.52 that way). Removing a partner without ties
    changes nothing, even sampled; removing the hub: unbiased over seeds, half the error
    of independent estimates, and a standard error that matches the error it makes."""
    from ecosystem.analysis.resilience.curves import _efficiency_without
    from ecosystem.analysis.resilience.whatif import what_if_baseline

    eco = _what_if_graph()
    alone = what_if(eco, ["alone"], sample_above=100, n_sources=30, seed=1)
    assert alone.params["efficiency_sampled"]
    assert alone.efficiency_after - alone.efficiency_before == 0.0
    hub = str(eco.ids[int(np.argmax(eco.igraph.degree()))])
    exact = what_if(eco, [hub], sample_above=10_000)
    assert not exact.params["efficiency_sampled"]
    true_change = exact.efficiency_after - exact.efficiency_before
    assert true_change < -0.01
    paired, independent, se = [], [], []
    for seed in range(20):
        w = what_if(eco, [hub], sample_above=100, n_sources=30, seed=seed)
        paired.append(w.efficiency_after - w.efficiency_before)
        se.append(w.params["efficiency_change_se"])
        base = what_if_baseline(eco, seed=seed, sample_above=100, n_sources=30)
        after = _efficiency_without(base.distances, eco.ids.get_indexer([hub]), eco.n_partners,
                                    sample_above=100, n_sources=30,
                                    rng=np.random.default_rng(seed))[0]
        independent.append(after - base.efficiency[0])     # the former estimate
    error = np.sqrt(np.mean((np.array(paired) - true_change) ** 2))
    former = np.sqrt(np.mean((np.array(independent) - true_change) ** 2))
    assert abs(np.mean(paired) - true_change) < 0.2 * abs(true_change)
    assert error < 0.75 * former
    assert 0.67 * error < np.mean(se) < 1.5 * error


def test_a_sampled_removal_curve_keeps_its_sources_and_follows_the_exact_curve():
    """Session 29: each checkpoint of a sampled curve used to draw new sources, so the
    change from one point to the next was the difference of two independent estimates
    (on H2020 the random curve rose between 25% and 30% removed). Now one seeded source
    order per curve: each point's estimate is as accurate as before (unbiased), and the
    steps between points follow the exact curve's much better than independent draws."""
    from ecosystem.analysis.resilience.curves import (_distance_matrix, _efficiency_without,
                                                      _sources_in_order)

    eco = _what_if_graph()
    kw = dict(strategies=["degree"], steps=10, max_share=0.3)
    exact = removal_curves(eco, sample_above=10_000, **kw)["efficiency"].to_numpy()
    order = np.lexsort((np.arange(eco.n_partners), -np.asarray(eco.igraph.degree())))
    points = np.round(np.linspace(0, 0.3 * eco.n_partners, 11)).astype(int)
    dist = _distance_matrix(eco)
    kept, fresh, level = [], [], []
    for seed in range(12):
        curve = removal_curves(eco, sample_above=100, n_sources=30, seed=seed, **kw)
        assert curve.attrs["params"]["efficiency_sampled"]
        values = curve["efficiency"].to_numpy()
        independent = [_efficiency_without(dist, order[:p], eco.n_partners, sample_above=100,
                                           n_sources=30, rng=np.random.default_rng([seed, p]))[0]
                       for p in points]                          # the former draws
        kept.append(np.diff(values) - np.diff(exact))
        fresh.append(np.diff(independent) - np.diff(exact))
        level.append(values - exact)
    rms = lambda x: float(np.sqrt(np.mean(np.square(x))))  # noqa: E731
    assert abs(np.mean(level)) < 0.5 * rms(level)                  # no bias in the values
    # the first step (the hubs leave: half the efficiency goes) is as uncertain either
    # way; every later step follows the exact curve's step better (measured: 0.59x)
    assert rms(np.array(kept)[:, 1:]) < 0.75 * rms(np.array(fresh)[:, 1:])
    # the sources of consecutive points: those that remain stay, those removed are replaced
    priority = np.random.default_rng(0).permutation(eco.n_partners)
    mask = np.ones(eco.n_partners, bool)
    before = _sources_in_order(priority, mask, 30)
    mask[before[:3]] = False
    after = _sources_in_order(priority, mask, 30)
    assert len(after) == 30 and set(before[3:]) <= set(after) and not set(before[:3]) & set(after)


def test_the_report_says_what_the_key_players_are():
    # the section listed "Order, Name, Sector, Ties" without saying what a key player is,
    # and "1 Polaris (3 ties)" above "5 경기혁신진흥원 (19 ties)" read as a wrong ranking
    from types import SimpleNamespace

    from ecosystem.i18n import translator
    from ecosystem.render.report_sections import what_if_section

    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"), ("c", "x"),
                                ("x", "d"), ("d", "e"), ("e", "f"), ("d", "f")])
    kp = key_players(eco, 1)
    a = SimpleNamespace(eco=eco, key_players=kp, what_if=None)
    f = kp.attrs["fragmentation"]
    cfg = {"report": {"max_rows": 25}}
    ctx = what_if_section(a, translator("en"), "en", cfg)
    assert ctx["key_players"]["rows"][0][1] == "x"
    assert ctx["key_players_text"] == (
        "The partner whose departure would split the network most (a key-player set of one, "
        f"Borgatti 2006): without it {f * 100:.0f}% of all pairs of partners could not reach "
        "each other, against 0% now (partners without ties count in both), in 2 separate "
        "groups.")
    two = key_players(eco, 2)
    text = what_if_section(SimpleNamespace(eco=eco, key_players=two, what_if=None),
                           translator("en"), "en", cfg)["key_players_text"]
    assert text.startswith("The 2 partners whose departure together would split the network")
    assert text.endswith("It is a set, not a ranking: the order is the order the search added "
                         "them.")
    ko = what_if_section(SimpleNamespace(eco=eco, key_players=two, what_if=None),
                         translator("ko"), "ko", cfg)["key_players_text"]
    assert ko.startswith("함께 빠지면 네트워크가 가장 크게 쪼개지는 파트너 2곳입니다")

"""Communities: detection (published benchmarks, planted partitions), summary, stability."""
import itertools

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ecosystem import Ecosystem
from ecosystem.analysis.communities import (co_assignment_consistency, community_label,
                                            community_stability, community_summary,
                                            detect_communities)
from ecosystem.analysis.centrality import centrality
from ecosystem.exceptions import InvalidParameterError
from ecosystem.results import Partition

METHODS = ["leiden", "louvain", "label_propagation"]


def nmi(a, b) -> float:
    return ig.compare_communities(list(a), list(b), method="nmi")


@pytest.fixture(scope="module")
def karate():
    g = nx.karate_club_graph()
    weighted = Ecosystem.from_edges([(str(u), str(v), d["weight"]) for u, v, d in g.edges(data=True)])
    plain = Ecosystem.from_edges([(str(u), str(v)) for u, v in g.edges()])
    faction = pd.Series({str(i): int(g.nodes[i]["club"] != "Mr. Hi") for i in g})
    return weighted, plain, faction


def planted(p_in, p_out, *, sizes=(25, 25, 25, 25), seed=1, weights=None):
    g = nx.random_partition_graph(list(sizes), p_in, p_out, seed=seed)
    block = {v: b for b, part in enumerate(g.graph["partition"]) for v in part}
    edges = []
    for u, v in g.edges():
        if weights is None:
            edges.append((f"n{u}", f"n{v}"))
        else:
            edges.append((f"n{u}", f"n{v}", weights[0] if block[u] == block[v] else weights[1]))
    eco = Ecosystem.from_edges(edges, partners=[f"n{v}" for v in g.nodes])
    truth = [block[int(i[1:])] for i in eco.ids]
    return eco, truth


# ---------------------------------------------------------------- published benchmarks
def test_karate_leiden_reaches_the_known_optimum_modularity(karate):
    _, plain, _ = karate
    p = detect_communities(plain)
    assert p.modularity == pytest.approx(0.4198, abs=1e-3)       # the known optimum (4 groups)
    assert p.n_communities == 4
    lv = detect_communities(plain, method="louvain")
    assert 0.40 <= lv.modularity <= 0.4199


@pytest.mark.parametrize("method", METHODS)
def test_karate_communities_nest_inside_the_two_factions(karate, method):
    weighted, _, faction = karate
    p = detect_communities(weighted, method=method)
    assert 0.40 <= p.modularity <= 0.45
    ct = pd.crosstab(p.membership, faction.reindex(p.membership.index))
    purity = (ct.max(axis=1) / ct.sum(axis=1))
    assert (purity >= 0.85).all()                   # every community sits in one faction
    assert (ct.max(axis=1).sum() / 34) >= 0.94       # at most two partners on the "wrong" side


def test_karate_two_factions_recovered_at_lower_resolution(karate):
    weighted, _, faction = karate
    p = detect_communities(weighted, resolution=0.5)
    assert p.n_communities == 2
    assert nmi(p.membership.tolist(), faction.reindex(p.membership.index).tolist()) > 0.8


# ---------------------------------------------------------------- planted partitions
@pytest.mark.parametrize("method", METHODS)
def test_planted_partition_is_recovered(method):
    eco, truth = planted(0.5, 0.02)
    p = detect_communities(eco, method=method, seed=3)
    assert nmi(p.membership.tolist(), truth) > 0.9


@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_communities_hidden_only_in_tie_strength_are_found(method):
    # ties are equally likely inside and across blocks; only their strength differs
    eco, truth = planted(0.2, 0.2, weights=(20, 1))
    flat = Ecosystem.from_edges([(s, t) for s, t in zip(eco.ties["source"], eco.ties["target"])])
    assert nmi(detect_communities(eco, method=method).membership.tolist(), truth) > 0.9
    flat_truth = [int(i[1:]) // 25 for i in flat.ids]
    assert nmi(detect_communities(flat, method=method).membership.tolist(), flat_truth) < 0.3


# ---------------------------------------------------------------- determinism & numbering
@pytest.mark.parametrize("method", METHODS)
def test_same_seed_same_partition_and_numbering(method):
    eco, _ = planted(0.3, 0.05, sizes=(30, 20, 10, 25), seed=4)
    a = detect_communities(eco, method=method, seed=11)
    b = detect_communities(eco, method=method, seed=11)
    pd.testing.assert_series_equal(a.membership, b.membership)
    sizes = a.membership.value_counts().sort_index().tolist()
    assert sizes == sorted(sizes, reverse=True)                 # largest = 0
    assert a.params["seed"] == 11 and a.method == method


def test_bad_parameters(two_triangles):
    with pytest.raises(InvalidParameterError, match="resolution"):
        detect_communities(two_triangles, resolution=0)
    with pytest.raises(InvalidParameterError, match="method"):
        detect_communities(two_triangles, method="girvan")
    with pytest.raises(InvalidParameterError, match="runs"):
        community_stability(two_triangles, runs=0)
    with pytest.raises(InvalidParameterError, match="does not cover"):
        community_summary(two_triangles, Partition(pd.Series({"a": 0, "b": 0})))
    with pytest.raises(InvalidParameterError, match="whole numbers"):
        community_summary(two_triangles, Partition(pd.Series(dict.fromkeys("abcdef", "x"))))
    # any whole-number labels work (e.g. a partition from another tool)
    labels = Partition(pd.Series({"a": 7, "b": 7, "c": 7, "d": -1, "e": -1, "f": -1}))
    assert community_summary(two_triangles, labels)["community"].tolist() == [-1, 7]
    assert co_assignment_consistency(np.array([7, 7, -1]), [np.array([3, 3, 9])]).tolist() == [1, 1, 1]


# ---------------------------------------------------------------- summary
def test_summary_of_two_triangles_by_hand(two_triangles):
    p = detect_communities(two_triangles)
    s = community_summary(two_triangles, p)
    assert s["size"].tolist() == [3, 3]
    assert s["internal_ties"].tolist() == [3, 3]
    assert s["density"].tolist() == [1.0, 1.0]
    assert s["internal_strength"].tolist() == [3.0, 3.0]
    assert s["external_strength"].tolist() == [1.0, 1.0]
    assert s["internal_share"].tolist() == [0.75, 0.75]
    # m = 7; each side: 3/7 - (7/14)^2
    assert s["modularity_contribution"].tolist() == pytest.approx([3 / 7 - 0.25] * 2)
    assert s.attrs["modularity"] == pytest.approx(5 / 14)
    assert s["strongest_links"].tolist() == ["Community 1 (1)", "Community 0 (1)"]
    assert s["central_partner_id"].tolist() == ["c", "d"]        # the bridge ends
    assert s["label"].tolist() == ["Community 0 — around c", "Community 1 — around d"]


def test_summary_sector_mix_top_partners_and_korean_names():
    partners = pd.DataFrame({
        "id": ["k", "s", "h", "l", "n", "e", "g"],
        "name": ["카이스트", "삼성전자", "현대", "LG", "네이버", "ETRI", "과기정통부"],
        "sector": ["university", "company", "company", "company", "company", "research", "government"]})
    rel = pd.DataFrame({"source": ["k", "k", "k", "s", "h", "n", "e", "e", "g"],
                        "target": ["s", "h", "l", "h", "l", "e", "g", "l", "n"],
                        "weight": [3, 3, 3, 1, 1, 2, 2, 0.5, 2]})
    eco = Ecosystem.from_frames(rel, partners)
    part = Partition(pd.Series({"k": 0, "s": 0, "h": 0, "l": 0, "n": 1, "e": 1, "g": 1}),
                     params={"resolution": 1.0})
    s = community_summary(eco, part, centrality_table=centrality(eco).table, top=2)
    first = s.iloc[0]
    assert first["sector_mix"] == "company 3, university 1"
    assert first["dominant_sector"] == "company" and first["dominant_sector_share"] == 0.75
    assert first["central_partner"] == "카이스트"
    assert first["label"] == "Community 0 — around 카이스트"
    assert first["top_partners"].split(", ")[0] == "카이스트"
    assert len(first["top_partner_ids"].split(";")) == 2
    assert first["density"] == pytest.approx(5 / 6)
    assert first["strongest_link_community"] == 1 and first["strongest_link_strength"] == 0.5
    assert s.iloc[1]["sector_mix"] == "company 1, government 1, research 1"
    assert community_label(1, "카이스트", lang="ko") == "커뮤니티 1 — 카이스트 중심"


# ---------------------------------------------------------------- stability
def test_co_assignment_consistency_by_hand():
    ref = np.array([0, 0, 0, 1, 1])
    runs = [np.array([0, 0, 0, 1, 1]),          # identical
            np.array([0, 0, 1, 1, 1])]          # partner 2 moved to the other group
    c = co_assignment_consistency(ref, runs)
    # partner 0: run1 2/2, run2 1/2 -> 0.75; partner 2: 1, 0 -> 0.5; 3 and 4 always together
    assert c.tolist() == pytest.approx([0.75, 0.75, 0.5, 1.0, 1.0])


def test_stability_on_a_clear_structure_is_perfect():
    eco, truth = planted(0.6, 0.01, seed=2)
    st = community_stability(eco, runs=5, seed=0)
    assert st.runs == 5 and st.seeds == [0, 1, 2, 3, 4]
    assert st.mean_nmi == pytest.approx(1.0)
    assert st.partners["consistency"].min() == pytest.approx(1.0)
    assert st.communities["consistency"].tolist() == pytest.approx([1.0] * 4)
    assert nmi(st.consensus.membership.tolist(), truth) == pytest.approx(1.0)


@pytest.mark.parametrize("method", METHODS)
def test_stability_flags_the_ambiguous_partner(method):
    # three 5-cliques; x is tied equally to clique a and clique b
    edges = []
    for grp in "abc":
        edges += [(f"{grp}{i}", f"{grp}{j}") for i, j in itertools.combinations(range(5), 2)]
    edges += [("x", "a0"), ("x", "a1"), ("x", "b0"), ("x", "b1"), ("a4", "c4"), ("b4", "c3")]
    eco = Ecosystem.from_edges(edges)
    st = community_stability(eco, method=method, runs=10, seed=0)
    c = st.partners["consistency"]
    assert c.idxmin() == "x" and c["x"] < 0.95
    assert c.drop("x").min() >= 0.95


def test_stability_on_karate_with_a_reference(karate):
    weighted, _, _ = karate
    st = community_stability(weighted, method="louvain", runs=10, seed=0)
    c = st.partners["consistency"]
    assert c.between(0, 1).all() and c.min() < 0.9
    assert st.communities["consistency"].min() < 1.0
    assert 0 < st.mean_nmi < 1
    # by default consistency refers to the seed's own partition (numbers match detect_communities)
    ref = detect_communities(weighted, method="louvain", seed=0)
    assert st.partners["community"].tolist() == ref.membership.tolist()
    assert st.params["reference"] == "seed"
    cons = community_stability(weighted, method="louvain", runs=10, seed=0, reference="consensus")
    assert cons.partners["community"].tolist() == cons.consensus.membership.tolist()
    given = community_stability(weighted, method="louvain", runs=3, seed=0, reference=cons.consensus)
    assert given.params["reference"] == "given"
    with pytest.raises(InvalidParameterError, match="reference"):
        community_stability(weighted, runs=2, reference="best")


def test_stability_is_deterministic(karate):
    weighted, _, _ = karate
    a = community_stability(weighted, runs=4, seed=5)
    b = community_stability(weighted, runs=4, seed=5)
    pd.testing.assert_frame_equal(a.partners, b.partners)
    pd.testing.assert_series_equal(a.consensus.membership, b.consensus.membership)
    one = community_stability(weighted, runs=1)
    assert (one.partners["consistency"] == 1.0).all() and one.mean_nmi == 1.0


def test_stability_takes_the_main_partition_as_the_seeds_run(karate, monkeypatch):
    import ecosystem.analysis.communities as comm

    weighted, _, _ = karate
    main = detect_communities(weighted, seed=3)
    again = community_stability(weighted, runs=4, seed=3, reference=main)
    calls = []
    real = comm.detect_communities
    monkeypatch.setattr(comm, "detect_communities",
                        lambda *a, **k: calls.append(k["seed"]) or real(*a, **k))
    reused = community_stability(weighted, runs=4, seed=3, reference=main, seed_partition=main)
    assert calls == [4, 5, 6]                                  # seed 3 was not run again
    pd.testing.assert_frame_equal(reused.partners, again.partners)
    assert reused.mean_nmi == again.mean_nmi and reused.modularities == again.modularities
    pd.testing.assert_series_equal(reused.consensus.membership, again.consensus.membership)
    for wrong in (detect_communities(weighted, seed=4),
                  detect_communities(weighted, seed=3, resolution=2.0),
                  detect_communities(weighted, method="louvain", seed=3)):
        with pytest.raises(InvalidParameterError, match="seed_partition"):
            community_stability(weighted, runs=2, seed=3, seed_partition=wrong)


def test_leiden_iterations_drop_to_two_on_big_networks(monkeypatch):
    import ecosystem.analysis.communities as comm

    eco, truth = planted(0.5, 0.02)
    assert detect_communities(eco).params["leiden_iterations"] == "until stable"
    monkeypatch.setattr(comm, "LEIDEN_UNTIL_STABLE_MAX_TIES", 10)
    p = detect_communities(eco)
    assert p.params["leiden_iterations"] == 2
    assert nmi(p.membership.tolist(), truth) > 0.9
    with pytest.raises(InvalidParameterError, match="resolution"):
        detect_communities(eco, resolution="high")
    with pytest.raises(InvalidParameterError, match="seed"):
        detect_communities(eco, seed=1.5)

"""Community gaps and sector / attribute gaps (configuration-model expectations)."""
import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ecosystem import Ecosystem, Partition
from ecosystem.analysis.gaps import (HELIX_GROUPS, community_gaps, helix_group, mixing_table,
                                     sector_gaps, weighted_assortativity)
from ecosystem.exceptions import InvalidParameterError


def clique(prefix, k=4):
    return list(itertools.combinations([f"{prefix}{i}" for i in range(1, k + 1)], 2))


@pytest.fixture
def three_clusters():
    """Three K4 clusters; A-B and A-C linked by 3 ties each, B-C by one (b4-c4)."""
    edges = clique("a") + clique("b") + clique("c")
    edges += [("a1", "b1"), ("a2", "b2"), ("a3", "b3"), ("a1", "c1"), ("a2", "c2"), ("a3", "c3"),
              ("b4", "c4")]
    eco = Ecosystem.from_edges(edges)
    part = Partition(pd.Series({i: "abc".index(i[0]) for i in eco.ids}), method="given")
    return eco, part


def test_community_gap_hand_checked_expectations(three_clusters):
    eco, part = three_clusters
    cg = community_gaps(eco, part)
    pairs = cg.pairs.set_index(["community_a", "community_b"])
    # degrees: A = 5+5+5+3 = 18, B = 16, C = 16; 25 ties (2m = 50)
    assert pairs.loc[(1, 2), "expected_ties"] == pytest.approx(16 * 16 / 50)
    assert pairs.loc[(0, 1), "expected_ties"] == pytest.approx(18 * 16 / 50)
    assert pairs.loc[(1, 2), "ties"] == 1 and pairs.loc[(0, 1), "ties"] == 3
    # unit strengths: strength expectations equal tie expectations
    assert pairs.loc[(1, 2), "expected_strength"] == pytest.approx(5.12)
    assert pairs.loc[(1, 2), "ratio"] == pytest.approx(1 / 5.12)
    assert pairs.loc[(1, 2), "z"] == pytest.approx((1 - 5.12) / np.sqrt(5.12))
    assert cg.expected_matrix.loc[0, 0] == pytest.approx(18 * 18 / 100)
    assert cg.ties_matrix.loc[0, 0] == 6 and cg.ties_matrix.loc[1, 2] == 1
    # the one under-connected pair is the only gap, with its bridging partners
    assert cg.gaps[["community_a", "community_b"]].values.tolist() == [[1, 2]]
    assert cg.gaps.loc[0, "bridges"] == ["b4", "c4"]
    assert cg.pairs.set_index(["community_a", "community_b"]).loc[(0, 1), "bridges"] == ["a1", "a2", "a3"]


def test_expected_strength_sums_to_total_and_scales(three_clusters):
    eco, part = three_clusters
    t = mixing_table(eco, part.membership)
    assert t["expected_strength"].sum() == pytest.approx(eco.ties["strength"].sum())
    assert t["expected_ties"].sum() == pytest.approx(eco.n_ties)
    rel = eco.relations.assign(weight=5.0)
    scaled = eco.replace(relations=rel)
    t5 = mixing_table(scaled, part.membership)
    assert np.allclose(t5["ratio"], t["ratio"]) and np.allclose(t5["z"], t["z"])


def test_min_expected_keeps_tiny_communities_out(three_clusters):
    eco, part = three_clusters
    assert community_gaps(eco, part, min_expected=10).gaps.empty
    with pytest.raises(InvalidParameterError):
        community_gaps(eco, part, max_ratio=-1)


def test_default_partition_is_leiden(two_triangles):
    cg = community_gaps(two_triangles, min_expected=0)
    assert cg.params["partition_method"] == "leiden"
    assert cg.pairs.loc[0, "bridges"] == ["c", "d"]


# ----------------------------------------------------------------- helix / sectors
@pytest.mark.parametrize("label, group", [
    ("University", "academia"), ("research institute", "academia"), ("대학교", "academia"),
    ("start-up", "industry"), ("Startup", "industry"), ("SME", "industry"), ("corporate", "industry"),
    ("스타트업", "industry"), ("Public_Agency", "government"), ("government", "government"),
    ("지자체", "government"), ("NGO", "civil_society"), ("association", "civil_society"),
    ("협회", "civil_society"), ("  Company  ", "industry")])
def test_helix_spellings(label, group):
    assert helix_group(label) == group


def test_unknown_sectors_are_not_guessed_and_mapping_can_be_extended():
    assert helix_group("space agency") is None and helix_group("hospital") is None
    assert helix_group("hospital", {"hospital": "civil_society"}) == "civil_society"
    with pytest.raises(InvalidParameterError):
        helix_group("x", {"x": "media"})
    assert HELIX_GROUPS == ("academia", "industry", "government", "civil_society")


@pytest.fixture
def helix_eco():
    partners = pd.DataFrame({
        "id": ["u", "f1", "g", "n", "s1", "s2", "f2", "h"],
        "sector": ["University", "company", "public agency", "NGO", "startup", "SME", "corporate",
                   "hospital"],
        "country": ["KR", "KR", "KR", "DE", "KR", "DE", "DE", None]})
    edges = [("u", "f1"), ("u", "g"), ("g", "n"), ("f1", "n"), ("u", "n"),
             ("s1", "s2"), ("s2", "f2"), ("s1", "f2"), ("f2", "h"), ("f1", "s1")]
    eco = Ecosystem.from_edges(edges, partners=partners)
    part = Partition(pd.Series({"u": 0, "f1": 0, "g": 0, "n": 0, "s1": 1, "s2": 1, "f2": 1, "h": 1}))
    return eco, part


def test_community_without_university_is_top_of_missing_list(helix_eco):
    eco, part = helix_eco
    sg = sector_gaps(eco, part)
    top = sg.missing.iloc[0]
    assert top["community"] == 1
    assert top["missing"] == ["academia", "government", "civil_society"]
    assert top["unknown_sectors"] == ["hospital"]
    assert sg.missing.iloc[1]["missing"] == [] and sg.missing.iloc[1]["community"] == 0
    assert sg.unknown == ["hospital"]


def test_sector_mixing_and_cross_share(helix_eco):
    eco, part = helix_eco
    sg = sector_gaps(eco, part)
    sectors = eco.sectors
    t = eco.ties
    cross = (sectors[t["source"]].to_numpy() != sectors[t["target"]].to_numpy()).mean()
    assert sg.cross_share_ties == pytest.approx(cross)
    assert sg.matrix.loc["startup", "SME"] == 1 and sg.matrix.loc["SME", "startup"] == 1
    assert sg.expected_matrix.to_numpy().sum() > 0


def test_country_attribute_cross_border_share(helix_eco):
    eco, part = helix_eco
    sg = sector_gaps(eco, part, attribute="country", min_size=1)
    # ties: u-f1 KR-KR, u-g KR-KR, g-n KR-DE, f1-n KR-DE, u-n KR-DE, s1-s2 KR-DE,
    # s2-f2 DE-DE, s1-f2 KR-DE, f2-h DE-(missing), f1-s1 KR-KR -> 6 of 10 cross
    assert sg.cross_share_ties == pytest.approx(0.6)
    assert "(missing)" in sg.matrix.index
    assert sg.attribute == "country"
    with pytest.raises(InvalidParameterError):
        sector_gaps(eco, part, attribute="nope")


def test_assortativity_matches_igraph_and_networkx_unweighted(helix_eco):
    eco, _ = helix_eco
    codes, _ = pd.factorize(eco.sectors)
    expected = eco.igraph.assortativity_nominal(list(codes), directed=False)
    assert weighted_assortativity(eco, eco.sectors, weighted=False) == pytest.approx(expected)
    G = nx.Graph(eco.graph)
    assert weighted_assortativity(eco, eco.sectors, weighted=False) == pytest.approx(
        nx.attribute_assortativity_coefficient(G, "sector"))


def test_weighted_assortativity_hand_value():
    eco = Ecosystem.from_edges([("a", "b", 3), ("c", "d", 1), ("a", "c", 1)])
    groups = pd.Series({"a": 1, "b": 1, "c": 2, "d": 2})
    # e (tie ends / 10): [[6, 1], [1, 2]] / 10 -> a = (.7, .3); r = (.8 - .58) / (1 - .58)
    assert weighted_assortativity(eco, groups) == pytest.approx(0.22 / 0.42)
    assert weighted_assortativity(eco, pd.Series(1, index=eco.ids)) != weighted_assortativity(eco, pd.Series(1, index=eco.ids))  # NaN


def test_many_groups_list_only_tied_or_expected_pairs_with_identical_numbers():
    rng = np.random.default_rng(0)
    n = 1500
    edges = {(int(a), int(b)) for a, b in rng.integers(0, n, size=(4000, 2)) if a != b}
    eco = Ecosystem.from_edges([(f"v{a}", f"v{b}") for a, b in edges],
                               partners=[f"v{i}" for i in range(n)] + [f"iso{i}" for i in range(500)])
    groups = pd.Series(rng.integers(0, 300, eco.n_partners), index=eco.ids)
    full = mixing_table(eco, groups, all_pairs=10 ** 6)
    short = mixing_table(eco, groups)  # 300 groups > all_pairs=200: pruned listing
    assert len(short) < len(full) / 5
    wanted = full[(full["ties"] > 0) | (full["expected_ties"] >= 1 - 1e-9)]
    merged = short.merge(full, on=["group_a", "group_b"], suffixes=("", "_full"))
    assert len(merged) == len(short)
    assert set(map(tuple, wanted[["group_a", "group_b"]].values.tolist())) <= \
        set(map(tuple, short[["group_a", "group_b"]].values.tolist()))
    for col in ("ties", "expected_ties", "strength", "ratio", "z"):
        assert np.allclose(merged[col], merged[f"{col}_full"], equal_nan=True)
    part = Partition(groups)
    cg = community_gaps(eco, part)
    assert cg.expected_matrix.shape == (100, 100)
    lab = cg.expected_matrix.index[:2]
    row = full[(full["group_a"] == min(lab)) & (full["group_b"] == max(lab))]
    assert cg.expected_matrix.loc[lab[0], lab[1]] == pytest.approx(row["expected_strength"].iloc[0])


def test_relative_ratio_compares_with_the_typical_between_pair(three_clusters):
    eco, part = three_clusters
    pairs = community_gaps(eco, part).pairs.set_index(["community_a", "community_b"])
    level = pairs["strength"].sum() / pairs["expected_strength"].sum()  # 7 / (5.76*2 + 5.12)
    assert level == pytest.approx(7 / (2 * 5.76 + 5.12))
    assert pairs.loc[(1, 2), "relative_ratio"] == pytest.approx((1 / 5.12) / level)
    assert pairs.loc[(1, 2), "relative_ratio"] < 1 < pairs.loc[(0, 1), "relative_ratio"]


def test_missing_sectors_compare_each_community_with_its_peers():
    # three clusters; two have a university, the third has none (research institute only,
    # so the helix group "academia" is present but the sector "university" is missing)
    import pandas as pd
    from ecosystem import Ecosystem
    from ecosystem.analysis.gaps import sector_gaps
    from ecosystem.results import Partition

    sectors = {"u1": "university", "c1": "company", "g1": "government",
               "u2": "university", "c2": "company", "g2": "government",
               "r3": "research institute", "c3": "company", "g3": "government"}
    edges = [(a, b) for group in (("u1", "c1", "g1"), ("u2", "c2", "g2"), ("r3", "c3", "g3"))
             for a, b in ((group[0], group[1]), (group[1], group[2]), (group[0], group[2]))]
    edges += [("c1", "c2"), ("c2", "c3")]
    partners = pd.DataFrame({"id": list(sectors), "sector": list(sectors.values())})
    eco = Ecosystem.from_edges(edges, partners=partners)
    part = Partition(pd.Series({p: int(p[-1]) - 1 for p in sectors}).reindex(eco.ids))
    missing = sector_gaps(eco, part).missing.set_index("community")
    assert missing.loc[2, "missing_sectors"] == ["university"]
    assert "academia" not in missing.loc[2, "missing"]
    assert missing.loc[0, "missing_sectors"] == [] and missing.loc[1, "missing_sectors"] == []
    assert missing.index[0] == 2  # the community with a gap comes first


def test_community_gap_pairs_decides_as_community_gaps():
    from ecosystem.analysis.communities import detect_communities
    from ecosystem.analysis.gaps import community_gap_pairs, community_gaps

    rng = np.random.default_rng(3)
    edges = [(f"c{g}_{i}", f"c{g}_{j}") for g in range(6) for i in range(8) for j in range(i + 1, 8)
             if rng.random() < 0.6]
    edges += [(f"c{rng.integers(6)}_{rng.integers(8)}", f"c{rng.integers(6)}_{rng.integers(8)}")
              for _ in range(25)]
    eco = Ecosystem.from_edges([e for e in edges if e[0] != e[1]])
    part = detect_communities(eco, seed=0)
    for max_ratio, min_expected in ((0.5, 1.0), (0.8, 0.5), (0.2, 2.0)):
        cg = community_gaps(eco, part, max_ratio=max_ratio, min_expected=min_expected)
        want = set(zip(cg.gaps["community_a"], cg.gaps["community_b"]))
        got = community_gap_pairs(eco, part, max_ratio=max_ratio, min_expected=min_expected)
        assert got == want
        every = list(zip(cg.pairs["community_a"], cg.pairs["community_b"]))
        # asking about a few pairs (either order) answers for those alone
        among = every[::3] + [(b, a) for a, b in every[1::3]]
        expect = {p for p in want if p in set(every[::3]) | set(every[1::3])}
        assert community_gap_pairs(eco, part, max_ratio=max_ratio, min_expected=min_expected,
                                   among=among) == expect
    assert any(len(community_gap_pairs(eco, part, max_ratio=r)) for r in (0.5, 0.8))


def test_top_cuts_the_headline_tables_not_the_results(three_clusters):
    # max_ratio 0.6: all three pairs are gaps; B-C (1 tie, 5.12 expected, z -1.82) first,
    # then A-B and A-C (3 ties, 5.76 expected, z -1.15 each; tie kept in pair order)
    eco, part = three_clusters
    everything = community_gaps(eco, part, max_ratio=0.6)
    cg = community_gaps(eco, part, max_ratio=0.6, top=2)
    assert everything.top is None and cg.top == 2
    order = [[1, 2], [0, 1], [0, 2]]
    assert cg.gaps[["community_a", "community_b"]].values.tolist() == order
    assert cg.top_gaps[["community_a", "community_b"]].values.tolist() == order[:2]
    assert everything.top_gaps[["community_a", "community_b"]].values.tolist() == order
    pd.testing.assert_frame_equal(cg.gaps, everything.gaps)    # the results are not cut
    pd.testing.assert_frame_equal(cg.pairs, everything.pairs)
    assert len(community_gaps(eco, part, max_ratio=0.6, top=10).top_gaps) == 3

    # the same network by sector: one helix group per cluster, each missing the other three
    sectors = {"a": "university", "b": "company", "c": "government"}
    eco_s = Ecosystem.from_edges(eco.ties[["source", "target"]].values.tolist(),
                                 partners=pd.DataFrame({"id": list(eco.ids),
                                                        "sector": [sectors[i[0]] for i in eco.ids]}))
    sg = sector_gaps(eco_s, part, max_ratio=0.6, top=2)
    assert sg.gaps[["group_a", "group_b"]].values.tolist() == [
        ["company", "government"], ["company", "university"], ["government", "university"]]
    assert sg.top_gaps[["group_a", "group_b"]].values.tolist() == [
        ["company", "government"], ["company", "university"]]
    assert sg.missing["community"].tolist() == [0, 1, 2]
    assert sg.missing["n_missing"].tolist() == [3, 3, 3]
    assert sg.top_missing["community"].tolist() == [0, 1]
    full = sector_gaps(eco_s, part, max_ratio=0.6)
    pd.testing.assert_frame_equal(sg.missing, full.missing)
    assert len(full.top_missing) == 3 and len(full.top_gaps) == 3


@pytest.mark.parametrize("bad", [0, -1, 2.5, "3", True])
def test_top_must_be_a_whole_number_or_none(three_clusters, bad):
    eco, part = three_clusters
    with pytest.raises(InvalidParameterError, match="top"):
        community_gaps(eco, part, top=bad)
    with pytest.raises(InvalidParameterError, match="top"):
        sector_gaps(eco, part, top=bad)

"""Articulation points, bridges, components and dependency concentration."""
import itertools
import random

import igraph as ig
import numpy as np
import pytest

from ecosystem import Ecosystem
from ecosystem.analysis.fragility import dependency_concentration, fragility
from ecosystem.exceptions import InvalidParameterError


def test_one_bridge_is_found_at_the_top():
    left = [f"l{i}" for i in range(4)]
    right = [f"r{i}" for i in range(3)]
    edges = list(itertools.combinations(left, 2)) + list(itertools.combinations(right, 2))
    edges += [("l0", "r0")]
    f = fragility(Ecosystem.from_edges(edges))
    assert len(f.bridges) == 1
    top = f.bridges.iloc[0]
    assert (top["source"], top["target"]) == ("l0", "r0")
    assert top["cut_off"] == 3 and top["cut_off_ids"] == ["r0", "r1", "r2"]
    assert f.articulation_points.index.tolist() == ["l0", "r0"]
    # removing l0 leaves {l1,l2,l3} and {r0,r1,r2}: 3 cut off either way (ties: more ties first)
    assert f.articulation_points.loc["l0", "cut_off"] == 3
    assert f.articulation_points.loc["l0", "pieces"] == 2


def test_what_each_articulation_point_cuts_off_names_partners():
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e")],
                               partners=["z"])
    f = fragility(eco)
    ap = f.articulation_points
    assert ap.index.tolist() == ["c", "d"]
    assert ap.loc["c", "cut_off_ids"] == ["d", "e"] and ap.loc["d", "cut_off_names"] == ["e"]
    assert f.bridges[["source", "target", "cut_off"]].values.tolist() == [["c", "d", 2], ["d", "e", 1]]
    assert f.components["size"].tolist() == [5, 1] and f.n_components == 2
    assert f.components.loc[1, "members"] == ["z"]


def test_star_centre_cuts_off_all_but_one():
    eco = Ecosystem.from_edges([("hub", x) for x in "abcde"])
    f = fragility(eco)
    assert f.articulation_points.index.tolist() == ["hub"]
    assert f.articulation_points.loc["hub", "cut_off"] == 4
    assert f.articulation_points.loc["hub", "pieces"] == 5
    assert len(f.bridges) == 5 and (f.bridges["cut_off"] == 1).all()


@pytest.mark.parametrize("seed", range(8))
def test_agrees_with_igraph_and_with_brute_force_removal(seed):
    rng = np.random.default_rng(seed)
    random.seed(seed)  # igraph draws from Python's random module
    n = 40
    g = ig.Graph.Erdos_Renyi(n=n, m=int(rng.integers(40, 60)))
    eco = Ecosystem.from_edges([(f"v{e.source}", f"v{e.target}") for e in g.es],
                               partners=[f"v{i}" for i in range(n)])
    f = fragility(eco)
    gi = eco.igraph
    assert set(f.articulation_points.index) == {gi.vs[i]["name"] for i in gi.articulation_points()}
    expected_bridges = {tuple(sorted((gi.vs[gi.es[i].source]["name"], gi.vs[gi.es[i].target]["name"])))
                        for i in gi.bridges()}
    assert {tuple(sorted(p)) for p in f.bridges[["source", "target"]].values.tolist()} == expected_bridges
    before = gi.connected_components().membership
    for v, row in f.articulation_points.iterrows():
        vi = gi.vs.find(name=v).index
        h = gi.copy()
        h.delete_vertices([vi])
        memb = h.connected_components().membership
        pieces: dict[int, list[str]] = {}
        for name, m in zip(h.vs["name"], memb):
            if before[gi.vs.find(name=name).index] == before[vi]:
                pieces.setdefault(m, []).append(name)
        sizes = sorted((len(p) for p in pieces.values()), reverse=True)
        assert row["pieces"] == len(sizes)
        assert row["cut_off"] == sum(sizes) - sizes[0]
        if len(sizes) == 1 or sizes[0] > sizes[1]:  # unique largest piece: members are exact
            largest = max(pieces.values(), key=len)
            cut = {m for p in pieces.values() if p is not largest for m in p}
            assert set(row["cut_off_ids"]) == cut
    for _, row in f.bridges.iterrows():
        h = gi.copy()
        h.delete_edges([(gi.vs.find(name=row["source"]).index, gi.vs.find(name=row["target"]).index)])
        comp = h.connected_components()
        side = comp.membership[gi.vs.find(name=row["cut_off_ids"][0]).index]
        members = {nm for nm, m in zip(h.vs["name"], comp.membership) if m == side}
        assert set(row["cut_off_ids"]) == members
        assert row["cut_off"] == comp.sizes()[side] == min(comp.sizes()[m] for m in set(comp.membership) if m in {comp.membership[gi.vs.find(name=row["source"]).index], comp.membership[gi.vs.find(name=row["target"]).index]})


def test_dependency_concentration_flags_partners_tied_mostly_to_one():
    eco = Ecosystem.from_edges([("a", "b", 9), ("a", "c", 1), ("b", "c", 1), ("c", "d", 1),
                                ("c", "e", 1)])
    d = dependency_concentration(eco)
    assert d.loc["a", "top_partner"] == "b" and d.loc["a", "top_share"] == pytest.approx(0.9)
    assert bool(d.loc["a", "dependent"]) and bool(d.loc["d", "dependent"])  # single tie
    assert not bool(d.loc["c", "dependent"])  # 4 equal ties: 25%
    assert d.loc["b", "top_share"] == pytest.approx(0.9)
    assert d.index[0] in {"d", "e"}  # sorted by share: single-tie partners first


def test_bad_parameters():
    eco = Ecosystem.from_edges([("a", "b")])
    with pytest.raises(InvalidParameterError):
        fragility(eco, threshold=1.5)
    with pytest.raises(InvalidParameterError):
        fragility(eco, max_listed=0)


def test_cut_off_lists_are_capped_but_counts_exact():
    eco = Ecosystem.from_edges([("hub", "bridge")] + [("bridge", f"leaf{i}") for i in range(30)]
                               + [("hub", "x"), ("x", "y"), ("y", "hub")])
    f = fragility(eco, max_listed=5)
    row = f.articulation_points.loc["bridge"]
    assert row["cut_off"] == 30 and len(row["cut_off_ids"]) == 5


def test_cut_off_rest_of_the_component_when_the_dfs_root_side_is_smaller():
    # root r is on the small side of v; c hangs under v but is tied back to r
    eco = Ecosystem.from_edges([("r", "v"), ("v", "c"), ("c", "r"), ("v", "a1"), ("a1", "a2"),
                                ("a2", "a3"), ("a3", "a4")])
    f = fragility(eco)
    assert f.articulation_points.loc["v", "cut_off_ids"] == ["r", "c"]
    assert f.articulation_points.loc["a1", "cut_off_ids"] == ["a2", "a3", "a4"]
    path = Ecosystem.from_edges([(f"p{i}", f"p{i + 1}") for i in range(8)])
    fp = fragility(path)
    assert fp.articulation_points.loc["p2", "cut_off_ids"] == ["p0", "p1"]
    assert fp.articulation_points.loc["p6", "cut_off_ids"] == ["p7", "p8"]
    b = fp.bridges.set_index(["source", "target"])
    assert b.loc[("p1", "p2"), "cut_off_ids"] == ["p0", "p1"]
    assert b.loc[("p6", "p7"), "cut_off_ids"] == ["p7", "p8"]

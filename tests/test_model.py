"""The Ecosystem model: aggregation, weight semantics, caching, isolates."""
import networkx as nx
import pandas as pd
import pytest

from ecosystem import Ecosystem, StrengthRule
from ecosystem.exceptions import InvalidParameterError, PartnerNotFoundError


def test_parallel_relations_become_one_tie_with_summed_strength():
    eco = Ecosystem.from_edges([("a", "b", 3), ("b", "a", 1), ("b", "c", 2)])
    ties = eco.ties.set_index(["source", "target"])
    assert ties.loc[("a", "b"), "strength"] == 4.0
    assert ties.loc[("a", "b"), "count"] == 2
    assert ties.loc[("a", "b"), "distance"] == pytest.approx(0.25)
    assert eco.n_relations == 3 and eco.n_ties == 2


@pytest.mark.parametrize("aggregate, expected", [("sum", 4.0), ("max", 3.0), ("mean", 2.0), ("count", 2.0)])
def test_aggregation_rules(aggregate, expected):
    eco = Ecosystem.from_edges([("a", "b", 3), ("a", "b", 1)], aggregate=aggregate)
    assert eco.ties["strength"].tolist() == [expected]


def test_per_type_breakdown_is_kept():
    eco = Ecosystem.from_edges([("a", "b", 1, "pilot"), ("a", "b", 2, "joint R&D"),
                                ("a", "b", 2, "pilot")])
    tt = eco.tie_types.set_index("type")
    assert tt.loc["pilot", "strength"] == 3.0 and tt.loc["pilot", "count"] == 2
    assert tt.loc["joint R&D", "strength"] == 2.0
    assert eco.ties["types"].iloc[0] == "joint R&D;pilot"


def test_type_weights_and_factors_and_decay_multiply():
    rel = pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"],
                        "type": ["joint R&D", "MoU"], "trust": ["0.5", "1"],
                        "year": ["2020", "2024"]})
    rule = StrengthRule(type_weights={"joint r&d": 3, "MoU": 1}, factors=("trust",),
                        half_life=2, reference_date="2024-01-01")
    eco = Ecosystem.from_frames(rel, strength_rule=rule)
    s = eco.ties.set_index("target")["strength"]
    # 1 x 3 x 0.5 x 0.5**(4 years / 2) = 0.375 ; 1 x 1 x 1 x 1
    assert s["b"] == pytest.approx(0.375, rel=1e-3)
    assert s["c"] == pytest.approx(1.0)


def test_isolates_stay_in_the_model():
    eco = Ecosystem.from_edges([("a", "b")], partners=["z"])
    assert "z" in eco.graph and eco.graph.degree("z") == 0
    assert eco.igraph.vcount() == 3


def test_graph_is_cached_and_frozen():
    eco = Ecosystem.from_edges([("a", "b")])
    assert eco.graph is eco.graph and eco.igraph is eco.igraph
    with pytest.raises(nx.NetworkXError):
        eco.graph.add_edge("x", "y")


def test_igraph_and_networkx_agree_on_edges_and_weights():
    eco = Ecosystem.from_edges([("a", "b", 2), ("b", "c", 5), ("c", "a", 1)])
    g = eco.igraph
    from_ig = {frozenset((g.vs[e.source]["name"], g.vs[e.target]["name"])): e["weight"] for e in g.es}
    from_nx = {frozenset((u, v)): d["weight"] for u, v, d in eco.graph.edges(data=True)}
    assert from_ig == from_nx


def test_directed_keeps_direction_and_undirected_view_merges():
    eco = Ecosystem.from_edges([("vc", "s1", 2), ("s1", "vc", 1)], directed=True)
    assert eco.digraph.has_edge("vc", "s1") and eco.digraph.has_edge("s1", "vc")
    assert eco.graph["vc"]["s1"]["weight"] == 3.0
    assert eco.igraph.ecount() == 1 and eco.igraph_directed.ecount() == 2


def test_unit_distance_counts_hops():
    eco = Ecosystem.from_edges([("a", "b", 5)], distance="unit")
    assert eco.ties["distance"].tolist() == [1.0]


def test_bad_settings_are_named():
    with pytest.raises(InvalidParameterError, match="aggregate"):
        Ecosystem.from_edges([("a", "b")], aggregate="median")
    with pytest.raises(InvalidParameterError, match="type weight"):
        StrengthRule(type_weights={"x": -1})


def test_resolve_by_id_name_and_suggestion():
    partners = pd.DataFrame({"id": ["p1", "p2"], "name": ["Samsung Electronics", "KAIST"]})
    eco = Ecosystem.from_frames(pd.DataFrame({"source": ["p1"], "target": ["p2"]}), partners)
    assert eco.resolve("p2") == "p2"
    assert eco.resolve("kaist") == "p2"
    with pytest.raises(PartnerNotFoundError, match="did you mean"):
        eco.resolve("KAIS")


def test_subset_and_without_do_not_touch_the_original():
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d")])
    sub = eco.without(["b"])
    assert sub.n_partners == 3 and sub.n_ties == 1
    assert eco.n_partners == 4 and eco.n_ties == 3


def test_missing_strength_factor_counts_as_one_and_is_reported():
    rel = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "trust": ["2", ""]})
    eco = Ecosystem.from_frames(rel, strength_rule=StrengthRule(factors=("trust",)))
    assert eco.ties["strength"].tolist() == [2.0, 1.0]
    warned = [p for p in eco.report.warnings if p.code == "missing_factor"]
    assert len(warned) == 1 and warned[0].column == "trust" and warned[0].value == 1


def test_strength_factor_must_be_positive_and_is_named():
    # found in review: a trust of -1 or 0 gave strengths -1 and 0 (distance 1/0)
    from ecosystem.exceptions import InputDataError

    rel = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "a"], "trust": [2, -1, 0]})
    with pytest.raises(InputDataError) as err:
        Ecosystem.from_frames(rel, strength_rule=StrengthRule(factors=("trust",)))
    problems = err.value.problems
    assert [(p.column, p.value, p.code) for p in problems] == [("trust", -1.0, "bad_factor"),
                                                               ("trust", 0.0, "bad_factor")]
    assert "b -> c" in str(err.value) and "> 0" in str(err.value)


def test_many_relation_types_are_listed_per_tie():
    edges = [("a", "b", 1, f"type{i:02d}") for i in range(70)] + [("b", "c", 1, "x"), ("b", "c", 1, "y")]
    eco = Ecosystem.from_edges(edges)
    types = eco.ties.set_index("target")["types"]
    assert types["b"].split(";") == sorted(f"type{i:02d}" for i in range(70))
    assert types["c"] == "x;y"

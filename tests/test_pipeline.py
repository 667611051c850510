"""The pipeline runs every analysis once on one ecosystem and keeps the results together."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ecosystem import Ecosystem, load
from ecosystem.exceptions import EmptyGraphError, InvalidParameterError
from ecosystem.pipeline import STEPS, Analysis, analyze

FAST = {"communities": {"stability_runs": 3}, "resilience": {"runs": 2, "steps": 5}}


@pytest.fixture(scope="module")
def demo():
    return load("demo")


@pytest.fixture(scope="module")
def demo_analysis(demo):
    return analyze(demo, FAST)


def test_every_analysis_is_wired_and_ran(demo_analysis):
    a = demo_analysis
    assert a.notes == {}, a.notes  # nothing skipped as "not available"
    for name in ("centrality", "partition", "communities", "stability", "roles", "anchors",
                 "holes", "brokerage", "fragility", "community_gaps", "sector_gaps",
                 "recommendations", "recommendation_quality", "resilience", "key_players",
                 "health", "evolution",
                 "layout"):
        assert getattr(a, name) is not None, name
    assert set(a.timings) == set(STEPS)
    assert len(a.what_if) >= 2  # top anchors one by one, then the key players together


def test_results_are_consistent_with_each_other(demo, demo_analysis):
    a = demo_analysis
    ids = set(demo.ids)
    assert set(a.centrality.table.index) == ids
    assert set(a.partition.membership.index) == ids
    # roles and anchors were computed on the same partition the report shows
    assert (a.roles["community"].reindex(demo.ids).to_numpy()
            == a.partition.membership.reindex(demo.ids).to_numpy()).all()
    assert a.anchors["rank"].min() == 1 and a.anchors["anchor_score"].between(0, 1).all()
    # the health KPIs describe this partition
    assert a.health["n_communities"] == a.partition.n_groups  # isolates are not communities
    assert a.partition.n_communities == a.partition.n_groups + a.health["isolates"]
    assert a.health["modularity"] == pytest.approx(a.partition.modularity)
    # graphs were built once: the analysis holds the very ecosystem it was given
    assert a.eco is demo


def test_partners_table_has_every_metric_per_partner(demo, demo_analysis):
    t = demo_analysis.partners_table()
    assert list(t.index) == list(demo.ids)
    for col in ("name", "sector", "degree", "strength", "pagerank", "eigenvector",
                "betweenness", "closeness", "community", "role", "participation",
                "anchor_score", "anchor_rank", "anchor_why", "effective_size", "constraint",
                "brokerage_total", "articulation_point", "color", "x", "y"):
        assert col in t.columns, col
    # values are the analyses' own numbers, not recomputed
    c = demo_analysis.centrality.table
    assert np.allclose(t["betweenness"].to_numpy(float), c["betweenness"].reindex(t.index).to_numpy(float))
    art = demo_analysis.fragility.articulation_points
    assert set(t.index[t["articulation_point"]]) == set(art.index)


def test_same_seed_same_results_other_seed_is_recorded():
    karate = load("karate")
    a1 = analyze(karate, FAST)
    a2 = analyze(karate, FAST)
    s1, s2 = a1.summary(), a2.summary()
    for s in (s1, s2):
        s.pop("timings")
        s.pop("generated_at")
    assert s1 == s2
    a3 = analyze(karate, FAST, seed=5)
    assert a3.params["seed"] == 5 and a3.partition.params["seed"] == 5


def test_switched_off_steps_are_noted_and_skipped(two_triangles):
    a = analyze(two_triangles, {"analyses": {"resilience": False, "recommendations": False,
                                             "stability": False}})
    assert a.resilience is None and a.recommendations is None
    assert "switched off" in a.notes["resilience"]
    assert a.partition.membership.to_dict() == {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1}
    # two triangles joined by c-d: c and d are the articulation points
    assert set(a.fragility.articulation_points.index) == {"c", "d"}


def test_a_step_switched_off_leaves_its_result_empty_and_the_rest_runs(two_triangles):
    a = analyze(two_triangles, {"communities": {"stability_runs": 0},
                                "analyses": {"holes": False}})
    assert a.holes is None and a.notes["holes"] == "switched off in the configuration"
    assert a.anchors is not None
    assert "effective_size" not in a.partners_table()


def test_an_analysis_whose_signature_changed_fails_loudly(two_triangles, monkeypatch):
    # the pipeline calls each analysis directly with explicit arguments: a renamed
    # parameter is an error, never silently dropped (issue 17)
    import ecosystem.steps as steps

    monkeypatch.setattr(steps, "fragility", lambda eco, *, limit: None)
    with pytest.raises(TypeError, match="fragility|positional|argument"):
        analyze(two_triangles, {"communities": {"stability_runs": 0}})


def test_every_step_is_a_direct_call_of_an_imported_analysis():
    import ast
    import inspect

    import ecosystem.steps as steps

    source = ast.parse(inspect.getsource(steps))
    names = {n.id for n in ast.walk(source) if isinstance(n, ast.Name)}
    assert "_call" not in names and "_import" not in names and "import_module" not in names
    assert [s.name for s in steps.STEPS] == list(STEPS)


def test_sector_rename_from_config():
    partners = pd.DataFrame({"id": ["a", "b", "c"], "sector": ["PRC", "HES", "PRC"]})
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c")], partners=partners)
    a = analyze(eco, {"sectors": {"rename": {"PRC": "company", "HES": "university"}},
                      "communities": {"stability_runs": 0}})
    assert a.eco.sectors.to_dict() == {"a": "company", "b": "university", "c": "company"}
    assert eco.sectors["a"] == "PRC"  # the input ecosystem is not mutated


def test_empty_ecosystem_is_a_clear_error():
    eco = Ecosystem.from_edges([], partners=["a", "b"])
    with pytest.raises(EmptyGraphError):
        analyze(eco)


def test_unknown_override_is_an_error(two_triangles):
    with pytest.raises(InvalidParameterError, match="communities.resolutoin"):
        analyze(two_triangles, **{"communities.resolutoin": 2})


def test_repr_and_map_view(two_triangles):
    a = analyze(two_triangles, {"communities": {"stability_runs": 0}})
    assert isinstance(a, Analysis) and "6 partners" in repr(a)
    card = a._repr_html_()  # notebook summary card
    assert "<table>" in card and ">partners<" in card and "<ol>" in card
    view = a.map()
    html = view._repr_html_()
    assert html.startswith("<iframe") and "srcdoc" in html


@pytest.mark.parametrize("edges, kwargs", [
    ([("a", "b")], {}),
    ([("a", "b")], {"partners": ["a", "b", "c"]}),
    ([("h", x) for x in "abcdef"], {}),
    ([("a", "b"), ("c", "d")], {}),
    ([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e")], {"directed": True}),
], ids=["pair", "pair+isolate", "star", "two-pieces", "directed"])
def test_small_and_odd_networks_give_a_full_report(edges, kwargs, tmp_path):
    eco = Ecosystem.from_edges(edges, **kwargs)
    a = analyze(eco, FAST)
    assert a.notes == {"evolution": "the relations have no dates"}
    info = a.write_report(tmp_path / "r", outputs=["summary.json", "partners.csv", "report.md"])
    assert info["files"] == ["partners.csv", "report.md", "summary.json"]
    assert len(a.partners_table()) == eco.n_partners


def test_anchor_weights_from_config_change_the_ranking():
    eco = load("karate")
    base = {"communities": {"stability_runs": 0}, "analyses": {"resilience": False}}
    by_betweenness = analyze(eco, {**base, "anchors": {"weights": {"betweenness": 1}}})
    top = by_betweenness.anchors.sort_values("rank").index[0]
    assert top == by_betweenness.centrality.table["betweenness"].idxmax()


def test_analyze_accepts_a_dataset_name_or_path(tmp_path):
    path = tmp_path / "rel.csv"
    path.write_text("source,target,type\nA,B,pilot\nB,C,joint R&D\n", encoding="utf-8")
    a = analyze(str(path), {"communities": {"stability_runs": 0},
                            "strength": {"type_weights": {"joint R&D": 3}}})
    assert a.eco.n_partners == 3
    assert sorted(a.eco.ties["strength"].tolist()) == [1.0, 3.0]  # config's type weights applied
    assert "2 steps skipped" in repr(a)  # stability switched off, no dates for evolution


def test_what_if_the_top_anchor_left(two_triangles):
    a = analyze(two_triangles, {"communities": {"stability_runs": 0},
                                "resilience": {"what_if": 1, "runs": 1, "steps": 3}})
    top = a.anchors.sort_values("rank").index[0]
    assert top in {"c", "d"}  # the two brokers of the bridge
    first = a.what_if[0].summary()
    assert first["removed"] == [top]
    assert first["cut_off_count"] == 2  # its triangle mates lose the rest of the network
    assert (first["components_before"], first["components_after"]) == (1, 2)
    assert a.summary()["resilience"]["what_if"][0]["removed"] == [top]


def test_period_analyses_the_ecosystem_as_it_was_then():
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")])
    eco = eco.replace(relations=eco.relations.assign(year=[2019, 2019, 2021, 2021]))
    cfg = {"communities": {"stability_runs": 0}, "analyses": {"resilience": False}}
    then = analyze(eco, {**cfg, "data": {"period": "2019"}})
    now = analyze(eco, cfg)
    assert then.eco.n_relations == 2 and now.eco.n_relations == 4
    assert "2019" in then.eco.name
    with pytest.raises(InvalidParameterError, match="2019"):  # lists the periods there are
        analyze(eco, {**cfg, "data": {"period": "1999"}})


def test_very_large_networks_repeat_whole_network_runs_less_unless_told(demo, monkeypatch):
    from ecosystem.analysis import scale
    from ecosystem.render.report import report_context

    base = {"outputs": {}, "analyses": {"evolution": False},
            "resilience": {"strategies": ["degree"], "what_if": 1}}
    normal = analyze(demo, base)
    assert normal.stability.runs == 10 and normal.baselines.attrs["params"]["runs"] == 5
    assert normal.resilience.attrs["params"]["n_sources"] == 50
    assert [w.params["n_sources"] for w in normal.what_if] == [50, 50]
    monkeypatch.setattr(scale, "VERY_LARGE_TIES", demo.n_ties - 1)  # the demo counts as huge
    big = analyze(demo, base)
    assert big.stability.runs == 5 and big.baselines.attrs["params"]["runs"] == 3
    assert big.resilience.attrs["params"]["n_sources"] == 20
    assert [w.params["n_sources"] for w in big.what_if] == [20, 20]   # what-if too
    methods = dict(map(tuple, report_context(big, "en")["parameters"]))
    assert methods["baselines.runs"] == "3" and methods["communities.stability_runs"] == "5"
    assert "3 chance baselines instead of 5" in methods["scale"]
    assert "efficiency from 20 sources per point instead of 50" in methods["scale"]
    assert "출발점 50개 대신 20개" in dict(map(tuple, report_context(big, "ko")["parameters"]))["scale"]
    told = analyze(demo, {**base, "baselines": {"runs": 4}, "communities": {"stability_runs": 2},
                          "resilience": {"strategies": ["degree"], "what_if": 1, "sources": 30}})
    assert told.stability.runs == 2 and told.baselines.attrs["params"]["runs"] == 4
    assert told.resilience.attrs["params"]["n_sources"] == 30


def test_very_large_networks_sample_the_evolution_periods_more_lightly(demo, monkeypatch):
    """evolution.samples: 50 pivots and path sources per large snapshot, 20 above
    VERY_LARGE_TIES ties; the periods analysed ahead (evolution_periods) use the same
    number, so the evolution takes them instead of analysing them again."""
    from ecosystem.analysis import scale
    from ecosystem.analysis.temporal import evolution as E
    from ecosystem.analysis.temporal import period_analysis as T
    from ecosystem.render.report import report_context

    monkeypatch.setattr(T, "SNAPSHOT_SAMPLE_ABOVE", 5)      # every snapshot counts as large
    base = {"outputs": {}, "analyses": {name: False for name in (
        "stability", "baselines", "resilience", "rank_stability", "recommendations",
        "holes", "brokerage", "roles")}}
    normal = analyze(demo, base)
    assert normal.evolution.params["snapshot_sampling"]["betweenness_pivots"] == 50
    monkeypatch.setattr(scale, "VERY_LARGE_TIES", demo.n_ties - 1)  # the demo counts as huge
    again = []
    monkeypatch.setattr(E, "analyse_period", lambda *a, **k: again.append(1))
    big = analyze(demo, base)
    assert again == []                  # every period came from evolution_periods
    sampling = big.evolution.params["snapshot_sampling"]
    assert sampling["betweenness_pivots"] == sampling["path_length_sources"] == 20
    assert sampling["sampled_periods"]
    assert big.evolution.kpis["path_length_sampled"].iloc[:-1].all()
    methods = dict(map(tuple, report_context(big, "en")["parameters"]))
    assert "with 20 betweenness pivots and path-length sources instead of 50" in methods["scale"]
    ko = dict(map(tuple, report_context(big, "ko")["parameters"]))["scale"]
    assert "피벗과 경로 길이 출발점 50개 대신 20개" in ko
    told = analyze(demo, {**base, "evolution": {"samples": 7}})
    assert told.evolution.params["snapshot_sampling"]["betweenness_pivots"] == 7

"""Trust and value from a hand-computed survey of 5 organisations (PARTNER Tool method).

Network: A-B, A-C, B-C, C-D, D-E; communities {A, B, C} and {D, E}. E does not answer.
Ratings (reliability, mission, openness | power, involvement, resources):

    A->B 4 4 4 | 3 3 3   trust 4, value 3      B->A 2 2 2 | 3 3 3   trust 2, value 3
    A->C 3 3 3 | 2 2 2   trust 3, value 2      C->A 3 4 2 | 2 2 2   trust 3, value 2
    B->C 4 3 2 | 4 4 1   trust 3, value 3      (C does not name B: one-sided)
    C->D 1 2 3 | 1 1 1   trust 2, value 1      D->C 3 3 3 | 2 2 2   trust 3, value 2
    D->E 4 4 4 | 4 4 4   trust 4, value 4      (E did not answer: unconfirmed)
"""
from __future__ import annotations

import pandas as pd
import pytest

from ecosystem import Ecosystem
from ecosystem.analysis.fragility import fragility
from ecosystem.analysis.trust import trust_scores, with_trust_factors
from ecosystem.exceptions import InvalidParameterError
from ecosystem.io.survey import read_survey
from ecosystem.results import Partition

SURVEY = """respondent,partner,reliability,mission,openness,power,involvement,resources
A,B,4,4,4,3,3,3
B,A,2,2,2,3,3,3
A,C,3,3,3,2,2,2
C,A,3,4,2,2,2,2
B,C,4,3,2,4,4,1
C,D,1,2,3,1,1,1
D,C,3,3,3,2,2,2
D,E,4,4,4,4,4,4
"""


@pytest.fixture
def five(tmp_path):
    eco = Ecosystem.from_edges([("A", "B"), ("A", "C"), ("B", "C"), ("C", "D"), ("D", "E")])
    path = tmp_path / "survey.csv"
    path.write_text(SURVEY, encoding="utf-8")
    part = Partition(pd.Series([0, 0, 0, 1, 1], index=list("ABCDE")))
    return eco, read_survey(path, eco=eco), part


def test_tie_scores_and_reciprocity(five):
    eco, survey, part = five
    res = trust_scores(survey, eco, partition=part)
    t = res.ties.set_index(["a", "b"])
    assert t["status"].to_dict() == {("A", "B"): "mutual", ("A", "C"): "mutual",
                                     ("B", "C"): "one-sided", ("C", "D"): "mutual",
                                     ("D", "E"): "unconfirmed"}
    assert t["n_ratings"].tolist() == [2, 2, 1, 2, 1]
    assert t["trust"].tolist() == [3.0, 3.0, 3.0, 2.5, 4.0]     # mean of both directions
    assert t["value"].tolist() == [3.0, 2.0, 3.0, 1.5, 4.0]
    assert t.loc[("C", "D"), ["trust_ab", "trust_ba"]].tolist() == [2.0, 3.0]
    assert t["in_network"].all()


@pytest.mark.parametrize("rule, network_trust", [("mean", 3.1), ("min", 2.8), ("max", 3.4)])
def test_symmetrisation_rules(five, rule, network_trust):
    eco, survey, _ = five
    net = trust_scores(survey, eco, rule=rule).network.loc["1"]
    # mean: (3 + 3 + 3 + 2.5 + 4) / 5; min: (2 + 3 + 3 + 2 + 4) / 5; max: (4 + 3 + 3 + 3 + 4) / 5
    assert net["trust"] == pytest.approx(network_trust)
    assert net["trust_share"] == pytest.approx(network_trust / 4)   # share of the maximum


def test_respondent_rule_takes_the_perspective_partners_view(five):
    eco, survey, _ = five
    res = trust_scores(survey, eco, rule="respondent", perspective=["A"])
    t = res.ties.set_index(["a", "b"])["trust"]
    assert t[("A", "B")] == 4.0 and t[("A", "C")] == 3.0   # A's own view
    assert t[("C", "D")] == 2.5                            # A not involved: the mean
    assert res.network.loc["1", "trust"] == pytest.approx((4 + 3 + 3 + 2.5 + 4) / 5)
    with pytest.raises(InvalidParameterError, match="perspective"):
        trust_scores(survey, eco, rule="respondent")


def test_non_response_options_and_response_rate(five):
    eco, survey, _ = five
    use = trust_scores(survey, eco, non_response="use")
    excl = trust_scores(survey, eco, non_response="exclude")
    mutual = trust_scores(survey, eco, non_response="mutual")
    assert use.network.loc["1", "response_rate"] == pytest.approx(4 / 5)
    assert use.network.loc["1", ["respondents", "invited"]].tolist() == [4, 5]
    assert use.network.loc["1", "trust"] == pytest.approx(15.5 / 5)
    assert excl.network.loc["1", "trust"] == pytest.approx(11.5 / 4)    # D-E dropped
    assert mutual.network.loc["1", "trust"] == pytest.approx(8.5 / 3)   # B-C, D-E dropped
    assert excl.network.loc["1", "scored_ties"] == 4 and mutual.network.loc["1", "scored_ties"] == 3
    # E (no answer) is scored on D's report only, or not at all
    assert use.partners.loc["E", ["trust_received", "n_received"]].tolist() == [4.0, 1]
    assert excl.partners.loc["E", "n_received"] == 0
    assert pd.isna(excl.partners.loc["E", "trust_received"])
    assert not use.partners.loc["E", "responded"]


def test_partner_scores_as_rated_by_others_and_as_rater(five):
    eco, survey, _ = five
    p = trust_scores(survey, eco).partners
    assert p.loc["A", ["trust_received", "n_received", "trust_given", "n_given"]].tolist() == \
        [2.5, 2, 3.5, 2]                                  # B gives 2, C gives 3; A gives 4 and 3
    assert p.loc["C", ["trust_received", "n_received"]].tolist() == [3.0, 3]
    assert p.loc["D", "value_received"] == 1.0 and p.loc["D", "reliability_received"] == 1.0
    assert p.loc["C", ["mutual", "one_sided", "unconfirmed", "ties"]].tolist() == [2, 1, 0, 3]
    assert p.loc["E", "n_given"] == 0 and pd.isna(p.loc["E", "trust_given"])


def test_perception_gaps_of_two_points(five):
    eco, survey, _ = five
    g = trust_scores(survey, eco).gaps
    assert g[["a", "b", "indicator", "a_rates_b", "b_rates_a", "gap"]].values.tolist() == [
        ["A", "B", "reliability", 4.0, 2.0, 2.0], ["A", "B", "mission", 4.0, 2.0, 2.0],
        ["A", "B", "openness", 4.0, 2.0, 2.0], ["C", "D", "reliability", 1.0, 3.0, 2.0]]
    assert trust_scores(survey, eco, gap=3).gaps.empty


def test_community_and_sector_scores(five):
    eco, survey, part = five
    g = trust_scores(survey, eco, partition=part).groups.set_index(["kind", "group"])
    # community 0 touches A-B, A-C, B-C, C-D: (3 + 3 + 3 + 2.5) / 4
    assert g.loc[("community", "0"), "trust"] == pytest.approx(11.5 / 4)
    assert g.loc[("community", "0"), ["ties", "n_ratings", "within_ties"]].tolist() == [4, 7, 3]
    # community 1 touches C-D and D-E: (2.5 + 4) / 2; inside it only D-E (4)
    assert g.loc[("community", "1"), "trust"] == pytest.approx(3.25)
    assert g.loc[("community", "1"), "trust_within"] == 4.0
    assert g.loc[("sector", "unknown"), "trust_share"] == pytest.approx(3.1 / 4)


def test_trust_bridges_need_strong_trust_on_the_only_link(five):
    eco, survey, part = five
    frag = fragility(eco)
    # C-D is the only tie between the two communities; its trust is 2.5 (mean) or 3 (max)
    assert trust_scores(survey, eco, partition=part, fragility=frag).bridges.empty
    b = trust_scores(survey, eco, rule="max", partition=part, fragility=frag).bridges
    assert b[["a", "b", "trust", "n_ratings", "graph_bridge"]].values.tolist() == \
        [["C", "D", 3.0, 2, True]]


def test_waves_and_changes(tmp_path, five):
    eco, _, _ = five
    path = tmp_path / "waves.csv"
    path.write_text("wave,respondent,partner,trust,value\n1,A,B,2,2\n1,B,A,2,3\n"
                    "2,A,B,4,3\n2,B,A,3,3\n2,C,D,3,3\n", encoding="utf-8")
    res = trust_scores(read_survey(path, eco=eco), eco)
    assert res.waves == ["1", "2"]
    assert res.network["trust"].tolist() == [2.0, (3.5 + 3) / 2]
    ch = res.partner_changes
    assert ch.loc["B", ["trust_first", "trust_last", "trust_change"]].tolist() == [2.0, 4.0, 2.0]
    assert ch.loc["A", "trust_change"] == 1.0
    tc = res.tie_changes.set_index(["a", "b"])
    assert tc.loc[("A", "B"), ["trust_first", "trust_last", "trust_change"]].tolist() == [2.0, 3.5, 1.5]
    assert pd.isna(tc.loc[("C", "D"), "trust_first"])   # new tie in wave 2


def test_trust_feeds_the_strength_rule(five):
    eco, survey, _ = five
    res = trust_scores(survey, eco)
    e2 = with_trust_factors(eco, res, which=("trust", "value"))
    assert e2.strength_rule.factors == ("survey_trust", "survey_value")
    s = e2.ties.set_index(["source", "target"])["strength"]
    assert s[("A", "B")] == pytest.approx((3 / 4) * (3 / 4))
    assert s[("C", "D")] == pytest.approx((2.5 / 4) * (1.5 / 4))
    eco2 = Ecosystem.from_edges([("A", "B"), ("A", "C"), ("B", "C"), ("C", "D"), ("D", "E"),
                                 ("A", "E")])
    # an unrated pair (A-E) gets the network mean share
    e3 = with_trust_factors(eco2, trust_scores(survey, eco2))
    assert e3.ties.set_index(["source", "target"])["strength"][("A", "E")] == \
        pytest.approx(3.1 / 4)


def test_pipeline_period_snapshot_leaves_out_later_partners_with_a_note(tmp_path):
    from ecosystem.pipeline import analyze

    rel = pd.DataFrame({"source": ["A", "B", "C"], "target": ["B", "C", "D"],
                        "date": ["2019-03-01", "2019-06-01", "2023-01-01"]})
    eco = Ecosystem.from_frames(rel)
    path = tmp_path / "s.csv"
    path.write_text("respondent,partner,trust\nA,B,4\nB,A,3\nC,D,2\n", encoding="utf-8")
    a = analyze(eco, {"data": {"period": "2020"}, "survey": {"file": str(path)},
                      "communities": {"stability_runs": 0},
                      "analyses": {"resilience": False, "recommendations": False}})
    assert set(a.eco.ids) == {"A", "B", "C"}
    assert "1 answer(s) name organisations outside the analysed partners (D)" in a.notes["trust"]
    assert a.trust.ties[["a", "b", "trust"]].values.tolist() == [["A", "B", 3.5]]
    assert a.risk is not None and set(a.risk.table.index) == {"A", "B", "C"}

"""The partner risk matrix, checked by hand on a 7-partner network with a small survey.

Network: triangle A-B-C, C-D, triangle D-E-F, F-G. Communities {A, B, C} and {D, E, F, G}.

Impact signals (each divided by its maximum, impact = the largest; partners cut off and
dependents both count partners and share one scale, the largest of either: 3):
    cut_off   C 2 (A, B), D 3, F 1 (G)          -> C 2/3, D 1, F 1/3
    sole link C and D (the only C-D tie)        -> C 1, D 1
    dependents: G owes all its strength to F    -> F 1/3 (1 of 3, not 1 of 1)
    => impact A 0, B 0, C 1, D 1, E 0, F 1/3, G 0

Survey (direct trust, 1-4; E and G do not answer):
    A<->B 4/4, C->D 1 / D->C 2 (tie 1.5), D<->F 4/4, F->G 2 (unconfirmed)
Warning signs (mean of the available ones):
    low_trust = (4 - mean trust of its ties) / 3; one_sided = share of its surveyed ties not
    mutual; no_redundancy = share of its ties that are bridges (C-D, F-G)
    A: 0, 0, 0              -> 0            stable
    C: 5/6, 0, 1/3          -> 0.3889       act now   (impact 1, >= 0.35)
    D: 5/12, 0, 1/3         -> 0.25         keep close
    E: -, -, 0              -> 0            stable
    F: 1/3, 1/2, 1/3        -> 0.3889       watch     (impact 1/3 < 0.5)
    G: 2/3, 1, 1            -> 0.8889       watch
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ecosystem import Ecosystem
from ecosystem.analysis.fragility import fragility
from ecosystem.analysis.risk import risk_findings, risk_matrix, warning_signs
from ecosystem.analysis.trust import trust_scores
from ecosystem.exceptions import InvalidParameterError
from ecosystem.io.survey import read_survey
from ecosystem.results import Partition

EDGES = [("A", "B"), ("B", "C"), ("A", "C"), ("C", "D"), ("D", "E"), ("E", "F"), ("D", "F"),
         ("F", "G")]


@pytest.fixture
def seven(tmp_path):
    eco = Ecosystem.from_edges(EDGES)
    path = tmp_path / "s.csv"
    path.write_text("respondent,partner,trust\nA,B,4\nB,A,4\nC,D,1\nD,C,2\nD,F,4\nF,D,4\nF,G,2\n",
                    encoding="utf-8")
    part = Partition(pd.Series([0, 0, 0, 1, 1, 1, 1], index=list("ABCDEFG")))
    trust = trust_scores(read_survey(path, eco=eco), eco, partition=part)
    return eco, part, trust


def test_quadrant_of_every_partner_by_hand(seven):
    eco, part, trust = seven
    r = risk_matrix(eco, fragility(eco), trust=trust, partition=part)
    t = r.table
    assert t["quadrant"].to_dict() == {"C": "act_now", "F": "watch", "D": "keep_close",
                                       "G": "watch", "A": "stable", "B": "stable", "E": "stable"}
    assert t.loc[list("ABCDEFG"), "impact"].tolist() == pytest.approx([0, 0, 1, 1, 0, 1 / 3, 0])
    assert t.loc[list("CDF"), "cut_off"].tolist() == [2, 3, 1]
    assert t.loc[list("CD"), "communities_held"].tolist() == [2, 2]
    assert t.loc["F", "dependents"] == 1
    assert t.loc["C", "likelihood"] == pytest.approx((5 / 6 + 0 + 1 / 3) / 3)
    assert t.loc["D", "likelihood"] == pytest.approx((5 / 12 + 0 + 1 / 3) / 3)
    assert t.loc["F", "likelihood"] == pytest.approx((1 / 3 + 1 / 2 + 1 / 3) / 3)
    assert t.loc["G", "likelihood"] == pytest.approx((2 / 3 + 1 + 1) / 3)
    assert t.loc["E", "signals"] == 1 and pd.isna(t.loc["E", "low_trust"])
    assert r.counts() == {"act_now": 1, "keep_close": 1, "watch": 2, "stable": 3}


def test_one_dependent_weighs_less_than_nine_partners_cut_off():
    # h2020_swafs had a partner cutting off 9 and others with a single dependent: each
    # signal on its own scale gave both impact 1.0. Here hub h (nine leaves) hangs on k0 of
    # a 12-partner clique; clique member k1 has one leaf t, which depends on it.
    import itertools

    clique = [f"k{i}" for i in range(12)]
    edges = list(itertools.combinations(clique, 2)) + [("k0", "h"), ("k1", "t")]
    eco = Ecosystem.from_edges(edges + [("h", f"l{i}") for i in range(9)])
    t = risk_matrix(eco, fragility(eco)).table
    assert t.loc[["k0", "h", "k1"], "cut_off"].tolist() == [10, 9, 1]
    assert t.loc[["h", "k1"], "dependents"].tolist() == [9, 1]
    # one scale for both partner counts: the largest of either (10)
    assert t.loc[["k0", "h", "k1"], "impact"].tolist() == pytest.approx([1.0, 0.9, 0.1])
    assert t.loc["k1", "quadrant"] == "stable"  # was "keep close" on impact 1.0


def test_thresholds_move_partners_between_quadrants(seven):
    eco, part, trust = seven
    r = risk_matrix(eco, fragility(eco), trust=trust, partition=part, likelihood_at=0.2)
    assert r.table.loc["D", "quadrant"] == "act_now"
    r = risk_matrix(eco, fragility(eco), trust=trust, partition=part, impact_at=0.1,
                    likelihood_at=0.9)
    assert set(r.table["quadrant"]) == {"keep_close", "stable"}
    with pytest.raises(InvalidParameterError):
        risk_matrix(eco, fragility(eco), impact_at=2)


def test_without_a_survey_only_structure_counts(seven):
    eco, part, _ = seven
    t = risk_matrix(eco, fragility(eco), partition=part).table
    assert t["low_trust"].isna().all() and t["one_sided"].isna().all()
    assert t.loc["G", "likelihood"] == 1.0 and t.loc["G", "quadrant"] == "watch"
    assert t.loc["C", "likelihood"] == pytest.approx(1 / 3) and t.loc["C", "quadrant"] == "keep_close"


def test_paths_through_user_risk_and_dormant_signals():
    rel = pd.DataFrame({"source": ["a", "b", "c", "d"], "target": ["b", "c", "d", "a"],
                        "date": ["2018-01-01", "2024-05-01", "2024-06-01", "2024-02-01"]})
    partners = pd.DataFrame({"id": list("abcd"), "risk": [5, 0, 0, 1]})
    eco = Ecosystem.from_frames(rel, partners)
    cent = pd.DataFrame({"betweenness": [0.2, 0.1, 0.0, 0.0]}, index=list("abcd"))
    t = risk_matrix(eco, fragility(eco), centrality=cent, risk_column="risk").table
    assert t.loc[list("abcd"), "impact"].tolist() == [1.0, 0.5, 0.0, 0.0]   # betweenness / max
    assert t.loc[list("abcd"), "user_risk"].tolist() == [1.0, 0.0, 0.0, 0.2]  # / max (5)
    # every partner has a 2024 relation: nobody dormant; a 1-period threshold is the same
    assert t["dormant"].tolist() == [0.0] * 4
    rel2 = rel.assign(date=["2018-01-01", "2024-05-01", "2024-06-01", "2019-02-01"])
    t2 = risk_matrix(Ecosystem.from_frames(rel2, partners), fragility(eco)).table
    assert t2.loc[list("abcd"), "dormant"].tolist() == [1.0, 0.0, 0.0, 0.0]  # a: last 2019
    assert t2.loc[list("abcd"), "last_active"].tolist() == ["2019", "2024", "2024", "2024"]
    r2 = risk_matrix(Ecosystem.from_frames(rel2, partners), fragility(eco))
    assert warning_signs(r2, partners=["a"])["a"] == "its latest relation dates from 2019"
    assert warning_signs(r2, "ko", partners=["a"])["a"] == "마지막 관계 시점 2019"
    with pytest.raises(InvalidParameterError, match="risk column 'nope'"):
        risk_matrix(eco, fragility(eco), risk_column="nope")


def test_findings_name_the_partner_and_why(seven):
    eco, part, trust = seven
    r = risk_matrix(eco, fragility(eco), trust=trust, partition=part)
    en = risk_findings(r, "en")
    # the score as the risk table's "Its score" column shows it (3 significant digits)
    assert en[0] == ("C holds 2 communities together and would cut off 2 partners if it left; "
                     "its ties are rated low on trust (2 on average).")
    ko = risk_findings(r, "ko")
    assert ko[0].startswith("C: 2개 커뮤니티를 이어 주고 있음, 빠지면 파트너 2곳이 나머지 네트워크와 끊김.")


def test_an_isolated_pair_is_not_a_critical_partner():
    # a-b-c triangle with a leaf d on c, and a separate pair x-y
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("x", "y")])
    t = risk_matrix(eco, fragility(eco)).table
    assert t.loc[["x", "y"], "dependents"].tolist() == [0, 0]
    assert t.loc[["x", "y"], "impact"].tolist() == [0.0, 0.0]
    assert t.loc["c", "dependents"] == 1 and t.loc["c", "impact"] == 1.0
    assert risk_findings(risk_matrix(eco, fragility(eco), likelihood_at=0.3))[0] == (
        "c would cut off 1 partner if it left and is the main partner of an organisation that "
        "depends on it; no single strong sign (together 0.333).")   # the table's digits


@pytest.mark.parametrize("code", ["Y", "Q", "M"])
def test_period_numbers_are_the_periods_own_ordinals(code):
    """The vectorised period numbers equal pandas' Period.ordinal element by element
    (NaN for a missing date), across year, quarter and month boundaries."""
    from ecosystem.analysis.risk import _period_ordinals

    dates = pd.Series(pd.to_datetime(["1969-12-31", "2020-01-01", None, "2020-03-31",
                                      "2020-04-01", "2024-02-29", "2025-12-31"]))
    expected = [float(p.ordinal) if pd.notna(p) else np.nan
                for p in dates.dt.to_period(code)]
    np.testing.assert_array_equal(_period_ordinals(dates, code), np.array(expected))


def test_warning_signs_say_which_signs_in_words(seven):
    eco, part, trust = seven
    r = risk_matrix(eco, fragility(eco), trust=trust, partition=part)
    signs = warning_signs(r)
    # the partners whose signs reach the threshold: act now (C) and watch (F, G)
    assert sorted(signs.index) == ["C", "F", "G"]
    assert signs["C"] == "its ties are rated low on trust (2 on average)"
    # G: F rated their tie 2 of 4, G did not answer, and its one tie (to F) is a bridge
    assert signs["G"] == ("its ties are rated low on trust (2 on average); it did not answer "
                          "the latest survey; its only tie has no alternative path")
    # F: one of its three ties (F-G) is a bridge (1/3 < 1/2: not named); its ties average 3
    # of 4 -> no low rating; half of its surveyed ties are one-sided
    assert signs["F"] == "50% of its surveyed ties are confirmed by one side only"
    # without a survey: D's ties C-D (bridge), D-E, D-F -> 1 of 3, below half: the score
    t = risk_matrix(eco, fragility(eco), partition=part, likelihood_at=0.3)
    assert warning_signs(t, partners=["D"])["D"] == "no single strong sign (together 0.333)"
    assert warning_signs(t, partners=["A"])["A"] == "none"  # nothing at all
    # two bridges of three ties are named with their counts, in Korean too
    star = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "a"), ("a", "x"), ("a", "y")])
    s = risk_matrix(star, fragility(star))
    assert warning_signs(s, partners=["a"])["a"] == "2 of its 4 ties have no alternative path"
    assert warning_signs(s, "ko", partners=["a"])["a"] == "관계 4개 중 2개에 대체 경로가 없음"


def test_the_report_risk_table_explains_the_warning_signs(seven):
    from ecosystem.render.trust import trust_section

    eco, part, trust = seven
    r = risk_matrix(eco, fragility(eco), trust=trust, partition=part)

    class Result:  # what trust_section reads of an analysis
        risk, trust, config = r, None, None

    sec = trust_section(Result(), "en", charts=False)["risk"]["table"]
    col = sec["columns"].index("Which warning signs")
    by_name = {row[0]: row[col] for row in sec["rows"]}
    assert by_name["G"] == warning_signs(r)["G"] and by_name["C"] == warning_signs(r)["C"]
    # keep close: its signs are below the threshold, but what there is is said
    assert by_name["D"] == warning_signs(r, partners=["D"])["D"] == \
        "its ties are rated low on trust (2.5 on average)"


def test_the_report_says_how_many_partners_the_matrix_leaves_out():
    # scotland_interlocks: the counts added up to 92 of 108 partners without a word on the
    # 16 that have no tie
    from ecosystem.render.trust import trust_section

    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    eco = Ecosystem.from_frames(eco.relations, pd.DataFrame({"id": list("abcdxy")}))
    r = risk_matrix(eco, fragility(eco))

    class Result:
        risk, trust, config = r, None, None

    Result.eco = eco
    counts = trust_section(Result(), "en", charts=False)["risk"]["counts"]
    assert counts.endswith("stable 2. 2 partners without any tie are not placed.")
    assert sum(r.counts().values()) == 4
    ko = trust_section(Result(), "ko", charts=False)["risk"]["counts"]
    assert ko.endswith("관계가 없는 파트너 2곳은 매트릭스에 넣지 않았습니다.")


def test_a_relation_running_past_the_data_is_no_dormancy():
    # "now" is the data's latest start (2024); a project that started in 2019 and runs to
    # 2025 keeps its partners active, one that ended in 2020 does not
    rel = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"],
                        "year": [2019, 2019, 2024],
                        "end": ["2025-12-31", "2020-12-31", "2024-12-31"]})
    eco = Ecosystem.from_frames(rel)
    t = risk_matrix(eco, fragility(eco)).table
    assert t.loc[list("abcd"), "dormant"].tolist() == [0.0, 0.0, 0.0, 0.0]
    # a's only relation ends in 2025, after the data's last start: active "now" (2024)
    assert t.loc["a", "last_active"] == "2024"
    rel2 = rel.assign(end=["2020-12-31", "2020-12-31", "2024-12-31"])
    t2 = risk_matrix(Ecosystem.from_frames(rel2), fragility(eco)).table
    assert t2.loc[list("abcd"), "dormant"].tolist() == [1.0, 1.0, 0.0, 0.0]  # b: both end 2020
    assert t2.loc["a", "last_active"] == "2020"

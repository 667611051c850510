"""Recommended partnerships worth acting on: project evidence, tie rule, range, goals,
exclusions, competitor flags (issue 14)."""
import itertools

import numpy as np
import pandas as pd
import pytest

from ecosystem import Ecosystem, load
from ecosystem.analysis.recommend import recommend_partnerships, round_scores
from ecosystem.analysis.recommend import project_memberships
from ecosystem.exceptions import InputDataError, InvalidParameterError
from ecosystem.io.affiliation import project_affiliations

PLAIN = {"per_partner": None, "diversity": 0.0, "group": False}  # the bare ranking


def _participations(rows):
    t = pd.DataFrame(rows, columns=["project", "org"])
    proj = project_affiliations(t)
    return Ecosystem(proj.partners, proj.relations)


@pytest.fixture
def big_project_eco():
    """Two 33-member projects sharing 28 members (x1..x5 in one, y1..y5 in the other) and
    ten chains s_i - h_i - t_i made of two-member projects."""
    shared = [f"b{i:02d}" for i in range(28)]
    rows = [("BIG1", m) for m in shared + [f"x{i}" for i in range(1, 6)]]
    rows += [("BIG2", m) for m in shared + [f"y{i}" for i in range(1, 6)]]
    for i in range(10):
        rows += [(f"S{i}", f"s{i}"), (f"S{i}", f"h{i}"), (f"T{i}", f"h{i}"), (f"T{i}", f"t{i}")]
    return _participations(rows)


def _members(frame, prefixes=("x", "y", "b")):
    return [s[0] in prefixes and t[0] in prefixes for s, t in zip(frame["source"], frame["target"])]


def test_one_big_project_pair_no_longer_fills_the_list(big_project_eco):
    eco = big_project_eco
    # the old default (Adamic-Adar, bare ranking): 28 shared partners, 28-fold evidence
    old = recommend_partnerships(eco, top=10, method="adamic_adar", **PLAIN)
    assert all(_members(old))
    # the default list: resource allocation (a shared partner counts 1/degree: x_i - y_j
    # 28/37 = 0.757, s_i - t_i 1/2), near-duplicates grouped, at most 2 rows per partner
    new = recommend_partnerships(eco, top=10)
    big = new[_members(new)]
    assert len(big) <= 3 and (big["group_size"] >= 4).all()
    assert big["score"].tolist() == pytest.approx([28 / 37] * len(big))
    chain = new[new["source"].str[0].isin(["s", "t"])]
    assert len(chain) >= 7 and np.allclose(chain["score"], 0.5)
    why = chain.iloc[0]["why"]
    assert why.startswith("Linked through 2 projects (S") and "with 1 shared partner: h" in why
    # project evidence (Adamic-Adar on the partner-project graph), hand-computed: s_i - t_i
    # share h_i through two 2-member projects, W = 1/2 each, h_i has 2 projects,
    # f = 1/ln(1 + 2): 1/2 * 1/2 / ln 3 = 0.2276; x_i - y_j: 28 * 1/33 * 1/33 / ln 3 = 0.0234
    proj = recommend_partnerships(eco, top=10, evidence="projects", method="adamic_adar", **PLAIN)
    assert proj["evidence"].eq("projects").all() and sum(_members(proj)) == 0
    assert np.allclose(proj["score"], 0.25 / np.log(3))
    one = recommend_partnerships(eco, top=1, focus="x1", evidence="projects",
                                 method="adamic_adar", **PLAIN)
    assert one.loc[0, "score"] == pytest.approx(28 / 33 / 33 / np.log(3))
    ra = recommend_partnerships(eco, top=1, evidence="projects", **PLAIN)
    assert ra.loc[0, "score"] == pytest.approx(1 / 2 * 1 / 2 * 1 / 2)  # f = 1 / projects


def test_memberships_come_from_the_projected_relations(big_project_eco):
    m = project_memberships(big_project_eco)
    assert m.n_projects == 22
    big = list(m.labels).index("BIG1")
    assert m.sizes[big] == 33 and int(m.matrix[:, big].sum()) == 33
    plain = Ecosystem.from_edges([("a", "b"), ("b", "c")])
    assert project_memberships(plain) is None
    with pytest.raises(InvalidParameterError, match="participation data"):
        recommend_partnerships(plain, evidence="projects")


def test_equal_scores_follow_the_index_rule_after_rounding():
    # resource allocation of (a, b): 1/2 + 1/3 + 1/6 = 0.9999999999999999 in floating point;
    # (c, d), (w1, w2), (e, f), (w3, w4) score exactly 1.0
    edges = [("a", "z2"), ("b", "z2"), ("a", "z3"), ("b", "z3"), ("z3", "p1"), ("a", "z6"),
             ("b", "z6")] + [("z6", f"q{i}") for i in range(4)]
    edges += [("c", "w1"), ("d", "w1"), ("c", "w2"), ("d", "w2"), ("e", "w3"), ("f", "w3"),
              ("e", "w4"), ("f", "w4")]
    eco = Ecosystem.from_edges(edges)
    r = recommend_partnerships(eco, top=2, method="resource_allocation", **PLAIN)
    assert r[["source", "target"]].values.tolist() == [["a", "b"], ["c", "d"]]
    assert r.loc[0, "score"] != 1.0 and round_scores(np.array([r.loc[0, "score"]]))[0] == 1.0
    assert round_scores(np.array([1 / 2 + 1 / 3 + 1 / 6]))[0] == 1.0


def test_per_partner_cap_binds_by_default():
    hub = [("hub", f"p{i}") for i in range(12)]
    ring = [(f"p{i}", f"q{i}") for i in range(12)] + [(f"q{i}", f"q{(i + 1) % 12}")
                                                      for i in range(12)]
    eco = Ecosystem.from_edges(hub + ring)
    capped = recommend_partnerships(eco, top=10, diversity=0.0, group=False)
    counts = pd.concat([capped["source"], capped["target"]]).value_counts()
    assert counts.max() <= 2 and len(capped) == 10
    free = recommend_partnerships(eco, top=10, **PLAIN)
    assert pd.concat([free["source"], free["target"]]).value_counts()["hub"] > 2
    assert recommend_partnerships(eco, top=10).attrs["params"]["per_partner"] == 2


def test_near_duplicates_become_one_row(big_project_eco):
    r = recommend_partnerships(big_project_eco, top=3, focus="x1", per_partner=None,
                               diversity=0.0)
    row = r.iloc[0]
    assert row["group_size"] == 5 and row["group_label"] == "BIG2"
    assert row["source"] == "x1" and set(row["group_member_ids"]) == {f"y{i}" for i in range(1, 6)}
    assert row["target"] == "y1"
    assert f"stands for 5 members of project {row['group_label']}" in row["why"]


def test_diversity_spreads_the_list_over_partners(big_project_eco):
    plain = recommend_partnerships(big_project_eco, top=8, evidence="ties", **PLAIN)
    diverse = recommend_partnerships(big_project_eco, top=8, evidence="ties", per_partner=None,
                                     group=False, diversity=0.6)
    def n_partners(f):
        return len(set(f["source"]) | set(f["target"]))
    assert n_partners(diverse) > n_partners(plain)


def test_excluded_pairs_are_never_recommended(tmp_path):
    eco = Ecosystem.from_edges([("a", p) for p in "pqr"] + [("z", p) for p in "pqr"]
                               + [("a", "s"), ("s", "t"), ("z", "u")])
    first = recommend_partnerships(eco, top=1, **PLAIN)
    assert first[["source", "target"]].values.tolist() == [["a", "z"]]
    for exclude in ([("z", "a")], pd.DataFrame({"x": ["a"], "y": ["z"]})):
        r = recommend_partnerships(eco, top=50, exclude=exclude, **PLAIN)
        pairs = {frozenset(p) for p in r[["source", "target"]].values.tolist()}
        assert frozenset({"a", "z"}) not in pairs and len(r) > 3
    csv = tmp_path / "no.csv"
    csv.write_text("first,second\na,z\nnobody,a\n", encoding="utf-8")
    with pytest.raises(InputDataError) as err:
        recommend_partnerships(eco, exclude=str(csv))
    p = err.value.problems[0]
    assert (p.file, p.row, p.column, p.value) == (str(csv), 3, "first", "nobody")


def test_likely_competitors_are_flagged_not_silently_recommended():
    rel = pd.DataFrame({"source": ["k1", "k2", "k1", "k2", "u1", "u2"],
                        "target": ["h", "h", "g", "g", "h", "h"]})
    part = pd.DataFrame({"id": ["k1", "k2", "u1", "u2", "h", "g"],
                         "sector": ["company", "company", "university", "university", "agency",
                                    "agency"],
                         "country": ["KR", "KR", "KR", "KR", "KR", "KR"]})
    eco = Ecosystem.from_frames(rel, part)
    r = recommend_partnerships(eco, top=10, **PLAIN).set_index(["source", "target"])
    assert r.loc[("k1", "k2"), "competitor"]
    assert r.loc[("k1", "k2"), "competitor_reason"] == "same sector (company), same country (KR)"
    assert r.loc[("k1", "k2"), "why"].startswith("Caution: likely competitors (same sector")
    assert not r.loc[("u1", "u2"), "competitor"]  # universities are not competitors here
    ko = recommend_partnerships(eco, top=10, lang="ko", **PLAIN).set_index(["source", "target"])
    assert ko.loc[("k1", "k2"), "why"].startswith(
        "주의: 경쟁 관계일 가능성이 있습니다(같은 부문(기업), 같은 나라(KR))")
    listed = recommend_partnerships(eco, top=10, competitors=[("u1", "u2")], **PLAIN)
    listed = listed.set_index(["source", "target"])
    assert listed.loc[("u1", "u2"), "competitor_reason"] == "listed as competitors"
    off = recommend_partnerships(eco, top=10, competitors=None, **PLAIN)
    assert not off["competitor"].any()


def test_goals_boost_pairs_and_the_why_names_them():
    rel = pd.DataFrame({"source": ["a", "b", "c", "a", "b", "c", "h"],
                        "target": ["h", "h", "h", "g", "g", "g", "g"]})
    part = pd.DataFrame({"id": list("abchg"), "sector": ["university", "company", "university",
                                                         "agency", "agency"],
                         "country": ["DE", "FR", "DE", "DE", "DE"]})
    eco = Ecosystem.from_frames(rel, part)
    plain = recommend_partnerships(eco, top=1, competitors=None, **PLAIN)
    assert plain[["source", "target"]].values.tolist() == [["a", "b"]]  # lower index first
    r = recommend_partnerships(eco, top=3, favour="country", competitors=None, **PLAIN)
    top = r.iloc[0]
    assert {top["source"], top["target"]} in ({"a", "b"}, {"b", "c"})
    assert top["goals"] == ["country"] and "global reach (DE with FR)" in top["why"]
    assert r.set_index(["source", "target"]).loc[("a", "c"), "goals"] == []
    t = recommend_partnerships(eco, top=3, target_sector="company", competitors=None, **PLAIN)
    assert "b" in (t.loc[0, "source"], t.loc[0, "target"]) and "target sector company" in t.loc[0, "why"]
    with pytest.raises(InvalidParameterError, match="matches no partner"):
        recommend_partnerships(eco, target_sector="hospital")
    with pytest.raises(InvalidParameterError, match="favour"):
        recommend_partnerships(eco, favour="size")
    ko = recommend_partnerships(eco, top=1, favour=["country"], lang="ko", competitors=None, **PLAIN)
    assert "국가 간 연결" in ko.loc[0, "why"]


def test_h2020_swafs_list_has_range():
    eco = load("h2020_swafs")
    r = recommend_partnerships(eco, top=20)
    assert len(r) == 20
    assert len(set(r["source"]) | set(r["target"])) >= 15
    assert pd.concat([r["source"], r["target"]]).value_counts().max() <= 2
    assert r["why"].str.contains("Linked through").all()

"""Anchor partners: composite score, ranking, structured facts and en/ko explanations."""
import pandas as pd
import pytest

from ecosystem import Ecosystem
from ecosystem.analysis.anchors import (DEFAULT_WEIGHTS, anchor_partners, anchor_why, anchors_by,
                                        explain_anchor, parse_weights, rank_normalise)
from ecosystem.analysis.centrality import centrality
from ecosystem.exceptions import InvalidParameterError
from ecosystem.results import Partition


@pytest.fixture(scope="module")
def stars():
    """Three stars: provincial hubs pa and pc, connector hub cb (see test_roles.three_stars)."""
    edges = []
    for m, hub in (("a", "pa"), ("b", "cb"), ("c", "pc")):
        edges += [(hub, f"{m}{i}") for i in range(1, 10)]
    edges += [("a1", "b1"), ("cb", "a2"), ("cb", "a3"), ("cb", "a4"),
              ("cb", "c1"), ("cb", "c2"), ("cb", "c3")]
    ids = list(dict.fromkeys(x for e in edges for x in e))
    sector = {"pa": "university", "pc": "university", "cb": "company"}
    partners = pd.DataFrame({"id": ids, "name": [i.upper() for i in ids],
                             "sector": [sector.get(i, "startup") for i in ids]})
    eco = Ecosystem.from_frames(pd.DataFrame(edges, columns=["source", "target"]), partners)
    hubs = {"pa": 0, "cb": 1, "pc": 2}
    part = Partition(pd.Series({i: hubs[i] if i in hubs else "abc".index(i[0]) for i in eco.ids}))
    return eco, part


def test_connector_hub_is_the_top_anchor_with_its_why(stars):
    eco, part = stars
    a = anchor_partners(eco, partition=part)
    top = a.iloc[0]
    assert a.index[0] == "cb" and top["rank"] == 1 and top["anchor_score"] == 1.0
    assert top["role"] == "connector hub"
    assert top["strength_rank"] == 1 and top["n_communities_reached"] == 3 and top["n_communities"] == 3
    share = top["betweenness_share"]
    assert share == pytest.approx(centrality(eco).table.loc["cb", "betweenness"])
    assert 0.7 < share < 0.8
    assert top["why"] == ("linking hub: strongest partner, ties into 3 of 3 communities, "
                          f"on {100 * share:.0f}% of shortest paths")


def test_provincial_hub_and_peripheral_explanations(stars):
    eco, part = stars
    a = anchor_partners(eco, partition=part)
    # strengths: cb 15, pa/pc 9, eight partners with 2 ties, the rest 1 (rank 12)
    assert a.loc["pa", "role"] == "provincial hub" and a.loc["pa", "strength_rank"] == 2
    assert a.loc["pa", "why"].startswith(
        "community hub: 2nd strongest partner, ties into 1 of 3 communities, on ")
    assert a.loc["a9", "why"] == "inner: 12th strongest partner, ties into 1 of 3 communities"
    assert a.loc["a1", "role"] == "peripheral" and a.loc["a1", "n_communities_reached"] == 2
    ultra = a[a["role"] == "ultra-peripheral"]
    assert a.loc["pa", "rank"] < ultra["rank"].min() and a.loc["pc", "rank"] < ultra["rank"].min()


def test_korean_explanations_from_the_same_facts(stars):
    eco, part = stars
    a = anchor_partners(eco, partition=part, lang="ko")
    pct = f"{100 * a.loc['cb', 'betweenness_share']:.0f}%"
    assert a.loc["cb", "why"] == f"연결 허브: 협력 강도 1위, 3개 커뮤니티 중 3개와 연결, 최단 경로의 {pct} 경유"
    assert a.loc["a9", "why"] == "내부 구성원: 협력 강도 12위, 3개 커뮤니티 중 1개와 연결"
    en = anchor_partners(eco, partition=part)
    pd.testing.assert_series_equal(anchor_why(en, lang="ko"), a["why"])


def test_score_is_the_documented_weighted_mean_of_rank_scores(stars):
    eco, part = stars
    a = anchor_partners(eco, partition=part)
    cols = [f"score_{m}" for m in DEFAULT_WEIGHTS]
    pd.testing.assert_series_equal(a[cols].mean(axis=1), a["anchor_score"], check_names=False)
    assert a["anchor_score"].between(0, 1).all()
    assert a["rank"].tolist() == list(range(1, eco.n_partners + 1))
    assert a["anchor_score"].is_monotonic_decreasing
    assert set(a.attrs["params"]["weights"]) == set(DEFAULT_WEIGHTS)


def test_custom_weights(stars):
    eco, part = stars
    by_strength = anchor_partners(eco, partition=part, weights={"strength": 1})
    assert by_strength.index[:3].tolist() == ["cb", "pa", "pc"]
    eig = anchor_partners(eco, partition=part, weights={"eigenvector": 2, "within_module_z": 1})
    assert "score_eigenvector" in eig and "score_within_module_z" in eig
    for bad, msg in [({"fame": 1}, "unknown measure 'fame'"), ({"strength": -1}, ">= 0"),
                     ({"strength": 0}, "at least one weight")]:
        with pytest.raises(InvalidParameterError, match=msg):
            anchor_partners(eco, partition=part, weights=bad)


def test_anchors_by_sector(stars):
    eco, part = stars
    t = anchors_by(eco, "sector", top=2, partition=part)
    assert t["group"].tolist()[:1] == ["company"]          # the group holding the top anchor first
    uni = t[t["group"] == "university"]
    assert sorted(uni["id"]) == ["pa", "pc"] and uni["group_rank"].tolist() == [1, 2]
    assert (t.groupby("group")["group_rank"].max() <= 2).all()
    assert t.groupby("group")["rank"].apply(lambda r: r.is_monotonic_increasing).all()
    with pytest.raises(InvalidParameterError, match="country"):
        anchors_by(eco, "country", partition=part)


def test_deterministic_and_accepts_precomputed_inputs(stars):
    eco, part = stars
    a = anchor_partners(eco, seed=3)
    b = anchor_partners(eco, seed=3)
    pd.testing.assert_frame_equal(a, b)
    c = anchor_partners(eco, partition=part, centrality=centrality(eco).table)
    d = anchor_partners(eco, partition=part, centrality=centrality(eco))
    pd.testing.assert_frame_equal(c, d)


@pytest.mark.parametrize("facts, expected", [
    ({"role": "peripheral", "strength_rank": 11, "n_communities_reached": 1, "n_communities": 1,
      "betweenness_share": 0.004}, "inner: 11th strongest partner, on <1% of shortest paths"),
    ({"role": "connector", "strength_rank": 22, "n_communities_reached": 2, "n_communities": 4,
      "betweenness_share": 0.305, "betweenness_estimated": True},
     "bridge: 22nd strongest partner, ties into 2 of 4 communities, on about 30% of shortest paths"),
    ({"role": "isolate", "strength_rank": 9, "n_communities_reached": 0, "n_communities": 3,
      "betweenness_share": 0.0}, "isolated: no relations in the data"),
])
def test_explanation_wording(facts, expected):
    assert explain_anchor(facts) == expected


def test_parse_weights_and_rank_normalise():
    assert parse_weights("strength=2,pagerank=1") == {"strength": 2.0, "pagerank": 1.0}
    for bad in ("strength", "strength=high", ""):
        with pytest.raises(InvalidParameterError):
            parse_weights(bad)
    assert rank_normalise(pd.Series([0.1 + 0.2, 0.3, 0.0])).tolist() == [0.75, 0.75, 0.0]
    with pytest.raises(InvalidParameterError, match="lang"):
        explain_anchor({}, lang="fr")


# ----------------------------------------------------------------- only the measures it uses
def test_default_centrality_is_only_what_the_score_uses_and_scores_are_unchanged():
    import networkx as nx

    from ecosystem.analysis.anchors import centrality_measures

    g = nx.les_miserables_graph()
    eco = Ecosystem.from_edges([(u, v, d["weight"]) for u, v, d in g.edges(data=True)])
    own = anchor_partners(eco)
    full = anchor_partners(eco, centrality=centrality(eco))
    pd.testing.assert_frame_equal(own, full)
    assert own.attrs["params"]["centrality"]["measures"] == ["strength", "pagerank", "betweenness"]
    assert centrality_measures({"eigenvector": 2, "participation": 1}) == \
        ["strength", "eigenvector", "betweenness"]
    weighted = anchor_partners(eco, weights={"eigenvector": 1, "participation": 1})
    assert "eigenvector" in weighted and "reach2" not in weighted
    with pytest.raises(InvalidParameterError, match="reach2"):  # listed as available
        anchor_partners(eco, weights={"speed": 1})

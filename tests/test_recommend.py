"""Recommended partnerships: scores, pruning, reasons, introducers, evaluation."""
import itertools
import random

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ecosystem import Ecosystem, Partition
from ecosystem.analysis.recommend import (METHODS, _binary, _candidates, _pair_scores, _tie_arrays,
                                          evaluate_recommendations, explain_recommendation,
                                          recommend_partnerships)
from ecosystem.exceptions import InvalidParameterError, PartnerNotFoundError


@pytest.fixture
def missing_triangle():
    """A dense cluster where a and z share four partners but are not tied."""
    core = ["p1", "p2", "p3", "p4"]
    edges = [("a", p, 1) for p in core] + [("z", p, 1) for p in core]
    edges += [("p1", "p2", 1), ("p3", "p4", 1), ("z", "q", 1), ("q", "r", 1), ("a", "s", 1)]
    edges[0] = ("a", "p1", 5)   # p1 is tied strongly to a ...
    edges[4] = ("z", "p1", 4)   # ... and to z: the best introducer
    return Ecosystem.from_edges(edges)


def test_missing_triangle_closing_tie_is_top(missing_triangle):
    for method in METHODS:
        r = recommend_partnerships(missing_triangle, method=method, top=3)
        assert (r.loc[0, "source"], r.loc[0, "target"]) == ("a", "z"), method
    r = recommend_partnerships(missing_triangle, top=1)
    row = r.iloc[0]
    assert row["common_partners"] == 4
    assert sorted(row["common_partner_ids"]) == ["p1", "p2", "p3", "p4"]
    assert row["introducers"][0] == "p1"
    assert row["why"].startswith("Share 4 partners: p1, ")
    assert "p1" in row["why"] and "could introduce them" in row["why"]


def test_never_recommends_existing_ties_or_self(missing_triangle):
    r = recommend_partnerships(missing_triangle, top=100, method="common_neighbours")
    existing = {tuple(sorted(p)) for p in missing_triangle.ties[["source", "target"]].values.tolist()}
    pairs = {tuple(sorted(p)) for p in r[["source", "target"]].values.tolist()}
    assert not pairs & existing
    assert all(s != t for s, t in pairs)
    assert len(pairs) == len(r)  # each unordered pair once


def _random_eco(seed, n=40, m=90):
    g = ig.Graph.Erdos_Renyi(n=n, m=m)
    return Ecosystem.from_edges([(f"v{e.source}", f"v{e.target}") for e in g.es],
                                partners=[f"v{i}" for i in range(n)])


@pytest.mark.parametrize("seed", range(3))
def test_scores_match_networkx(seed):
    eco = _random_eco(seed)
    G = nx.Graph(eco.graph)
    part = Partition(pd.Series(np.arange(eco.n_partners) % 3, index=eco.ids))
    for i, node in enumerate(eco.ids):
        G.nodes[node]["community"] = int(i % 3)
    pairs = [(u, v) for u, v in itertools.combinations(list(eco.ids), 2) if not G.has_edge(u, v)][:300]
    idx = eco.ids.get_indexer
    u = idx([p[0] for p in pairs])
    v = idx([p[1] for p in pairs])
    s, d, _ = _tie_arrays(eco)
    b = _binary(eco.n_partners, s, d)
    comm = part.membership.to_numpy()
    ref = {
        "adamic_adar": [x[2] for x in nx.adamic_adar_index(G, pairs)],
        "resource_allocation": [x[2] for x in nx.resource_allocation_index(G, pairs)],
        "jaccard": [x[2] for x in nx.jaccard_coefficient(G, pairs)],
        "common_neighbours": [len(list(nx.common_neighbors(G, a, c))) for a, c in pairs],
        "community": [x[2] for x in nx.cn_soundarajan_hopcroft(G, pairs)],
    }
    for method, expected in ref.items():
        got = _pair_scores(b, u, v, method, comm)
        assert np.allclose(got, expected), method


@pytest.mark.parametrize("method", METHODS)
def test_candidate_generation_agrees_with_pair_scores_and_prunes(method):
    eco = _random_eco(5, n=60, m=150)
    s, d, _ = _tie_arrays(eco)
    b = _binary(eco.n_partners, s, d)
    comm = np.arange(eco.n_partners) % 4
    cand = _candidates(b, method, per_partner=3, comm=comm, budget=50)  # many row blocks
    assert np.allclose(cand["score"], _pair_scores(b, cand["u"].to_numpy(), cand["v"].to_numpy(),
                                                   method, comm))
    # every partner contributes at most per_partner candidates of its own
    full = _candidates(b, method, per_partner=10_000, comm=comm)
    assert len(cand) <= 3 * eco.n_partners < len(full)
    # pruning keeps each partner's best candidate
    kept = set(map(tuple, cand[["u", "v"]].to_numpy()))
    both = pd.concat([full.rename(columns={"u": "p", "v": "q"}),
                      full.rename(columns={"v": "p", "u": "q"})])
    best = both.sort_values(["score", "q"], ascending=[False, True]).drop_duplicates("p")
    for p, q, score in best[["p", "q", "score"]].itertuples(index=False):
        assert (min(p, q), max(p, q)) in kept or (
            cand[(cand["u"] == p) | (cand["v"] == p)]["score"].max() >= score)
    assert (full["score"] > 0).all()


def test_favour_community_boosts_pairs_across_a_gap():
    left = [f"l{i}" for i in range(5)]
    right = [f"r{i}" for i in range(5)]
    edges = list(itertools.combinations(left, 2)) + list(itertools.combinations(right, 2))
    edges = [e for e in edges if e != ("l0", "l1")]            # one missing tie inside
    edges += [("l4", "m"), ("m", "r4")]                         # l4 and r4 share m
    eco = Ecosystem.from_edges(edges)
    part = Partition(pd.Series({i: (0 if i.startswith("l") else 1) for i in eco.ids}))
    plain = recommend_partnerships(eco, partition=part, top=1, method="common_neighbours")
    assert tuple(plain.loc[0, ["source", "target"]]) == ("l0", "l1")
    boosted = recommend_partnerships(eco, partition=part, top=1, method="common_neighbours",
                                     favour="community", bonus=10)
    row = boosted.iloc[0]
    assert {row["source"], row["target"]} <= set(left + right + ["m"])
    assert row["source_community"] != row["target_community"]
    assert "would link community" in row["why"]


def test_favour_sector_prefers_pairs_that_fill_a_missing_helix_group():
    partners = pd.DataFrame({"id": ["u", "f1", "f2", "f3", "f4"],
                             "sector": ["university", "company", "company", "startup", "SME"]})
    edges = [("f1", "f2"), ("f2", "f3"), ("f1", "f4"), ("f4", "f3"), ("f2", "u"), ("f4", "u")]
    eco = Ecosystem.from_edges(edges, partners=partners)
    part = Partition(pd.Series({"u": 1, "f1": 0, "f2": 0, "f3": 0, "f4": 0}))
    r = recommend_partnerships(eco, partition=part, top=3, method="common_neighbours",
                               favour="sector")
    top = r.iloc[0]
    assert "u" in (top["source"], top["target"]) and bool(top["sector_bonus"])


def test_korean_explanations_and_focus(missing_triangle):
    r = recommend_partnerships(missing_triangle, top=5, lang="ko", focus=["z"])
    assert (r["source"].eq("z") | r["target"].eq("z")).all()
    assert r.loc[0, "why"].startswith("공통 파트너 4곳(")
    assert "소개해 줄 수 있는 파트너: p1" in r.loc[0, "why"]
    with pytest.raises(PartnerNotFoundError):
        recommend_partnerships(missing_triangle, focus=["nobody"])


def test_explain_lists_at_most_five_names():
    rec = {"common_partner_names": list("ABCDEFG"), "source_community": 1, "target_community": 1,
           "introducer_names": []}
    assert explain_recommendation(rec) == "Share 7 partners: A, B, C, D, E and 2 more."
    assert explain_recommendation(rec, "ko") == "공통 파트너 7곳(A, B, C, D, E 외 2곳)을 공유합니다."
    with pytest.raises(InvalidParameterError):
        explain_recommendation(rec, "fr")


def test_bad_parameters(missing_triangle):
    with pytest.raises(InvalidParameterError):
        recommend_partnerships(missing_triangle, method="magic")
    with pytest.raises(InvalidParameterError):
        recommend_partnerships(missing_triangle, favour="size")
    with pytest.raises(InvalidParameterError):
        recommend_partnerships(missing_triangle, top=0)


def two_cliques(k=7):
    edges = [(f"a{i}", f"a{j}") for i, j in itertools.combinations(range(k), 2)]
    edges += [(f"b{i}", f"b{j}") for i, j in itertools.combinations(range(k), 2)]
    return Ecosystem.from_edges(edges + [("a0", "b0")])


def test_evaluation_is_seeded_and_informative():
    eco = two_cliques()
    ev = evaluate_recommendations(eco, hide=0.2, seed=3, k=5)
    again = evaluate_recommendations(eco, hide=0.2, seed=3, k=5)
    pd.testing.assert_frame_equal(ev, again)
    assert set(ev["method"]) == set(METHODS)
    # hidden ties inside cliques are easy to predict; random pairs mostly cross cliques
    assert (ev["auc"] > 0.85).all()
    assert (ev["precision_at_k"] > ev["random_precision"]).all()
    assert ev["hidden_ties"].iloc[0] == round(0.2 * eco.n_ties)


def test_evaluation_on_random_graph_is_near_chance():
    eco = _random_eco(11, n=120, m=300)
    ev = evaluate_recommendations(eco, hide=0.2, seed=0, methods=["common_neighbours"],
                                  n_non_edges=3000)
    assert 0.35 < ev.loc[0, "auc"] < 0.7


def test_evaluation_bad_parameters():
    eco = two_cliques(4)
    with pytest.raises(InvalidParameterError):
        evaluate_recommendations(eco, hide=0)
    with pytest.raises(InvalidParameterError):
        evaluate_recommendations(eco, methods=["nope"])


@pytest.mark.parametrize("method", ["common_neighbours", "adamic_adar", "resource_allocation"])
def test_weighted_scores_follow_lu_zhou(method):
    rng = np.random.default_rng(1)
    g = ig.Graph.Erdos_Renyi(n=30, m=80)
    eco = Ecosystem.from_edges([(f"v{e.source}", f"v{e.target}", int(rng.integers(1, 6))) for e in g.es],
                               partners=[f"v{i}" for i in range(30)])
    G = nx.Graph(eco.graph)
    s, d, w = _tie_arrays(eco)
    b = _binary(eco.n_partners, s, d)
    wm = _binary(eco.n_partners, s, d, w)
    cand = _candidates(b, method, per_partner=100, comm=None, w=wm)
    strength = dict(G.degree(weight="weight"))
    f = {"common_neighbours": lambda z: 1.0, "adamic_adar": lambda z: 1 / np.log1p(strength[z]),
         "resource_allocation": lambda z: 1 / strength[z]}[method]
    ids = list(eco.ids)
    for u, v, score in cand.head(40).itertuples(index=False):
        a, c = ids[u], ids[v]
        expected = sum((G[a][z]["weight"] + G[z][c]["weight"]) * f(z) for z in nx.common_neighbors(G, a, c))
        assert score == pytest.approx(expected)
    r = recommend_partnerships(eco, method=method, weighted=True, top=3)
    assert r.attrs["params"]["weighted"] is True
    ev = evaluate_recommendations(eco, methods=[method], weighted=True, hide=0.2)
    assert 0 <= ev.loc[0, "auc"] <= 1


def _reference_candidates(eco, method, per_partner, comm=None, multiplier=None):
    """Every unlinked two-step pair scored by networkx, each partner's best kept by a full sort."""
    G = nx.Graph(eco.graph)
    ids = list(eco.ids)
    pos = {x: i for i, x in enumerate(ids)}
    if method == "community":
        for i, node in enumerate(ids):
            G.nodes[node]["community"] = int(comm[i])
    pairs = {(min(pos[a], pos[c]), max(pos[a], pos[c])) for z in G for a in G[z] for c in G[z]
             if a != c and not G.has_edge(a, c)}
    pairs = sorted(pairs)
    named = [(ids[a], ids[c]) for a, c in pairs]
    score = {"adamic_adar": nx.adamic_adar_index, "resource_allocation": nx.resource_allocation_index,
             "jaccard": nx.jaccard_coefficient, "community": nx.cn_soundarajan_hopcroft}
    if method == "common_neighbours":
        vals = [len(list(nx.common_neighbors(G, a, c))) for a, c in named]
    else:
        vals = [x[2] for x in score[method](G, named)]
    u = np.array([p[0] for p in pairs])
    v = np.array([p[1] for p in pairs])
    vals = np.array(vals, float)
    if multiplier is not None:
        vals = vals * multiplier(u, v)
    both = pd.DataFrame({"p": np.r_[u, v], "q": np.r_[v, u], "score": np.r_[vals, vals]})
    both = both[both["score"] > 0].sort_values(["p", "score", "q"], ascending=[True, False, True])
    kept = both.groupby("p").head(per_partner)
    cutoff = kept.groupby("p")["score"].min()
    scores = {(min(p, q), max(p, q)): x for p, q, x in both.itertuples(index=False)}
    kept = {(min(p, q), max(p, q)) for p, q in kept[["p", "q"]].itertuples(index=False)}
    return kept, scores, cutoff


def _same_choice(got, eco, method, per_partner, comm, multiplier=None):
    """Equal sets; for float scores a pair may differ only as a rounding-level tie at a cutoff."""
    kept, scores, cutoff = _reference_candidates(eco, method, per_partner, comm, multiplier)
    if method in ("common_neighbours", "community", "jaccard"):  # exact arithmetic
        return got == kept
    return all(any(abs(scores[pair] - cutoff.get(p, -1)) < 1e-9 for p in pair)
               for pair in got ^ kept) and len(got ^ kept) <= 2


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("per_partner", [1, 3])
def test_per_row_top_k_equals_a_full_sort(method, per_partner):
    """Candidate pruning (sparse mask + per-row partition) keeps exactly what sorting keeps."""
    random.seed(per_partner)  # igraph draws from Python's random module
    g = ig.Graph.Barabasi(80, 3, power=1.2)  # hubs: many rows with ties in their scores
    eco = Ecosystem.from_edges([(f"v{e.source}", f"v{e.target}") for e in g.es])
    s, d, _ = _tie_arrays(eco)
    b = _binary(eco.n_partners, s, d)
    comm = np.arange(eco.n_partners) % 3
    cand = _candidates(b, method, per_partner, comm=comm, budget=40)
    got = set(map(tuple, cand[["u", "v"]].to_numpy().tolist()))
    assert _same_choice(got, eco, method, per_partner, comm)
    # the bonus multiplier is applied before the per-row choice
    mult = lambda r, c: np.where(comm[r] != comm[c], 2.0, 1.0)  # noqa: E731
    cand = _candidates(b, method, per_partner, comm=comm, multiplier=mult)
    got = set(map(tuple, cand[["u", "v"]].to_numpy().tolist()))
    assert _same_choice(got, eco, method, per_partner, comm, mult)


def test_row_top_breaks_ties_by_lower_partner():
    from ecosystem.analysis.recommend import _row_top
    indptr = np.array([0, 5, 7, 7])
    indices = np.array([9, 4, 7, 1, 3, 2, 5])
    data = np.array([1.0, 2.0, 1.0, 1.0, 2.0, 0.5, 0.5])
    keep = sorted(_row_top(indptr, indices, data, 3).tolist())
    # row 0: the two 2.0 entries (cols 4, 3), then the 1.0 with the lowest column (1)
    assert keep == [1, 3, 4, 5, 6]

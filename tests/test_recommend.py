"""Recommended partnerships: scores, pruning, reasons, introducers, evaluation."""
import itertools
import random

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ecosystem import Ecosystem, Partition
from ecosystem.analysis.recommend import (METHODS, evaluate_recommendations, explain_recommendation,
                                          recommend_partnerships, round_scores)
from ecosystem.analysis.recommend.scoring import _binary, _pair_scores, _tie_arrays, _top_pairs
from ecosystem.exceptions import InvalidParameterError, PartnerNotFoundError


def _candidates(b, method, limit, comm, multiplier=None, budget=2_000_000, w=None, rows=None,
                bound_factor=None, **evidence):
    """The pruned best-pair search as a table ``u, v, score`` (what these tests compare)."""
    u, v, score = _top_pairs(b, method, limit, comm, multiplier, budget, w, rows, bound_factor,
                             **evidence)
    return pd.DataFrame({"u": u, "v": v, "score": score})


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
    random.seed(seed)  # igraph draws from Python's random module
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
def test_candidate_scores_agree_with_pair_scores(method):
    eco = _random_eco(5, n=60, m=150)
    s, d, _ = _tie_arrays(eco)
    b = _binary(eco.n_partners, s, d)
    comm = np.arange(eco.n_partners) % 4
    cand = _candidates(b, method, 25, comm=comm, budget=50)  # many row blocks
    assert len(cand) == 25
    assert np.allclose(cand["score"], _pair_scores(b, cand["u"].to_numpy(), cand["v"].to_numpy(),
                                                   method, comm))
    assert (cand["u"] < cand["v"]).all() and (cand["score"] > 0).all()
    assert not cand.duplicated(["u", "v"]).any()
    # best first; equal scores: lower pair first
    keys = list(zip(-round_scores(cand["score"].to_numpy()), cand["u"], cand["v"]))
    assert keys == sorted(keys)


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
    assert "would link community" in row["why"].lower()


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
    cand = _candidates(b, method, 100, comm=None, w=wm)
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


def _reference(eco, method, comm=None, multiplier=None, weights=False):
    """Every unlinked two-step pair, scored by networkx (or by hand: weighted), fully sorted
    by (-score, u, v): what the pruned candidate generation must reproduce."""
    G = nx.Graph(eco.graph)
    ids = list(eco.ids)
    pos = {x: i for i, x in enumerate(ids)}
    if method == "community":
        for i, node in enumerate(ids):
            G.nodes[node]["community"] = int(comm[i])
    pairs = sorted({(min(pos[a], pos[c]), max(pos[a], pos[c])) for z in G for a in G[z]
                    for c in G[z] if a != c and not G.has_edge(a, c)})
    named = [(ids[a], ids[c]) for a, c in pairs]
    score = {"adamic_adar": nx.adamic_adar_index, "resource_allocation": nx.resource_allocation_index,
             "jaccard": nx.jaccard_coefficient, "community": nx.cn_soundarajan_hopcroft}
    if weights:
        strength = dict(G.degree(weight="weight"))
        f = {"common_neighbours": lambda z: 1.0, "adamic_adar": lambda z: 1 / np.log1p(strength[z]),
             "resource_allocation": lambda z: 1 / strength[z]}[method]
        vals = [sum((G[a][z]["weight"] + G[z][c]["weight"]) * f(z) for z in nx.common_neighbors(G, a, c))
                for a, c in named]
    elif method == "common_neighbours":
        vals = [len(list(nx.common_neighbors(G, a, c))) for a, c in named]
    else:
        vals = [x[2] for x in score[method](G, named)]
    ref = pd.DataFrame({"u": [p[0] for p in pairs], "v": [p[1] for p in pairs],
                        "score": np.array(vals, float)})
    if multiplier is not None:
        ref["score"] = ref["score"] * multiplier(ref["u"].to_numpy(), ref["v"].to_numpy())
    ref = ref[ref["score"] > 0]
    return ref.sort_values(["score", "u", "v"], ascending=[False, True, True]).reset_index(drop=True)


def _same_top(got, ref, limit, exact):
    """``got`` is ``ref``'s first ``limit`` rows; float scores may swap rounding-level ties."""
    want = ref.head(limit)
    if exact:
        return got[["u", "v"]].values.tolist() == want[["u", "v"]].values.tolist()
    if not np.allclose(got["score"], want["score"], rtol=1e-12, atol=1e-12):
        return False
    cut = want["score"].iloc[-1] if len(want) else 0
    diff = set(map(tuple, got[["u", "v"]].values.tolist())) ^ set(map(tuple, want[["u", "v"]].values.tolist()))
    scores = dict(zip(map(tuple, ref[["u", "v"]].values.tolist()), ref["score"]))
    return all(abs(scores[p] - cut) < 1e-9 for p in diff)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("limit", [1, 7, 40])
def test_top_pairs_equal_a_full_sort_of_every_two_step_pair(method, limit):
    """Pruning (score bounds, per-block partition, deeper looks past tied pairs) keeps exactly
    the first `limit` pairs of scoring and sorting every unlinked two-step pair."""
    random.seed(limit)  # igraph draws from Python's random module
    g = ig.Graph.Barabasi(80, 3, power=1.2)  # hubs: many rows with ties in their scores
    eco = Ecosystem.from_edges([(f"v{e.source}", f"v{e.target}") for e in g.es])
    s, d, _ = _tie_arrays(eco)
    b = _binary(eco.n_partners, s, d)
    comm = np.arange(eco.n_partners) % 3
    exact = method in ("common_neighbours", "community")
    ref = _reference(eco, method, comm)
    for budget in (40, 2_000_000):  # many small row blocks; one block
        cand = _candidates(b, method, limit, comm=comm, budget=budget)
        assert _same_top(cand, ref, limit, exact), budget
    # a favour multiplier is applied before choosing (bound_factor: its largest value)
    mult = lambda r, c: np.where(comm[r] != comm[c], 3.0, 1.0)  # noqa: E731
    ref = _reference(eco, method, comm, mult)
    for factor in (3.0, None):  # with a score bound; without one
        cand = _candidates(b, method, limit, comm=comm, multiplier=mult, budget=40,
                           bound_factor=factor)
        assert _same_top(cand, ref, limit, exact)


@pytest.mark.parametrize("method", ["common_neighbours", "adamic_adar", "resource_allocation"])
def test_weighted_top_pairs_equal_a_full_sort(method):
    rng = np.random.default_rng(4)
    g = ig.Graph.Erdos_Renyi(n=50, m=160)
    eco = Ecosystem.from_edges([(f"v{e.source}", f"v{e.target}", int(rng.integers(1, 9)))
                                for e in g.es], partners=[f"v{i}" for i in range(50)])
    s, d, w = _tie_arrays(eco)
    b = _binary(eco.n_partners, s, d)
    wm = _binary(eco.n_partners, s, d, w)
    ref = _reference(eco, method, weights=True)
    for limit in (3, 30):
        assert _same_top(_candidates(b, method, limit, comm=None, w=wm, budget=30), ref, limit,
                         exact=method == "common_neighbours")


@pytest.mark.parametrize("method", METHODS)
def test_score_bound_is_never_below_a_pair_score(method):
    from ecosystem.analysis.recommend.scoring import _factor, _score_bound, _weighted_factor
    random.seed(2)
    g = ig.Graph.Barabasi(60, 2)
    rng = np.random.default_rng(0)
    eco = Ecosystem.from_edges([(f"v{e.source}", f"v{e.target}", int(rng.integers(1, 5)))
                                for e in g.es])
    s, d, w = _tie_arrays(eco)
    b = _binary(eco.n_partners, s, d)
    wm = _binary(eco.n_partners, s, d, w)
    comm = np.arange(eco.n_partners) % 3
    deg = np.diff(b.indptr).astype(float)
    u, v = np.triu_indices(eco.n_partners, 1)
    score = _pair_scores(b, u, v, method, comm)
    bound = _score_bound(b, method, _factor(method, deg), None, 1.0)
    assert (score <= np.minimum(bound[u], bound[v]) + 1e-12).all()
    assert _score_bound(b, method, _factor(method, deg), None, None).tolist() == [np.inf] * len(deg)
    if method in ("common_neighbours", "adamic_adar", "resource_allocation"):
        score = _pair_scores(b, u, v, method, None, wm)
        fw = _weighted_factor(method, np.asarray(wm.sum(axis=1)).ravel())
        bound = _score_bound(b, method, fw, wm, 1.0)
        assert (score <= np.minimum(bound[u], bound[v]) + 1e-12).all()


def test_focus_rows_give_the_best_pairs_involving_them():
    random.seed(5)
    g = ig.Graph.Barabasi(70, 2)
    eco = Ecosystem.from_edges([(f"v{e.source}", f"v{e.target}") for e in g.es])
    s, d, _ = _tie_arrays(eco)
    b = _binary(eco.n_partners, s, d)
    ref = _reference(eco, "common_neighbours")
    focus = np.array([3, 10, 40])
    ref = ref[ref["u"].isin(focus) | ref["v"].isin(focus)].reset_index(drop=True)
    cand = _candidates(b, "common_neighbours", 15, comm=None, rows=focus, budget=20)
    assert _same_top(cand, ref, 15, exact=True)


def test_per_partner_caps_how_often_one_partner_is_recommended():
    from ecosystem.analysis.recommend.scoring import _recommended
    random.seed(1)
    g = ig.Graph.Barabasi(60, 3, power=1.3)  # one hub is in most of the best pairs
    eco = Ecosystem.from_edges([(f"v{e.source}", f"v{e.target}") for e in g.es])
    s, d, _ = _tie_arrays(eco)
    b = _binary(eco.n_partners, s, d)
    ref = _reference(eco, "common_neighbours")
    got = _recommended(b, "common_neighbours", 20, 2, None)
    counts = pd.concat([got["u"], got["v"]]).value_counts()
    assert len(got) == 20 and counts.max() <= 2
    # the same as walking down the full ranking, skipping pairs of partners already used twice
    used, want = {}, []
    for u, v in ref[["u", "v"]].itertuples(index=False):
        if used.get(u, 0) < 2 and used.get(v, 0) < 2:
            used[u], used[v] = used.get(u, 0) + 1, used.get(v, 0) + 1
            want.append([u, v])
        if len(want) == 20:
            break
    assert got[["u", "v"]].values.tolist() == want
    uncapped = _recommended(b, "common_neighbours", 20, None, None)
    assert pd.concat([uncapped["u"], uncapped["v"]]).value_counts().max() > 2
    assert uncapped[["u", "v"]].values.tolist() == ref.head(20)[["u", "v"]].values.tolist()


def test_top_entries_breaks_ties_by_lower_key():
    from ecosystem.analysis.recommend.scoring import _top_entries
    v = np.array([1.0, 2.0, 1.0, 1.0, 2.0, 0.5, 1.0])
    key = np.array([9, 4, 7, 1, 3, 2, 5])
    got = sorted(_top_entries(v, lambda q: key[q], 4).tolist())
    # the two 2.0 entries, then the 1.0 entries with the lowest keys (1, 5)
    assert got == [1, 3, 4, 6]
    assert sorted(_top_entries(v, lambda q: key[q], 10).tolist()) == list(range(7))


def test_precomputed_gaps_give_the_same_recommendations():
    from ecosystem.analysis.communities import detect_communities
    from ecosystem.analysis.gaps import community_gaps
    random.seed(8)
    g = ig.Graph.Barabasi(120, 2)
    eco = Ecosystem.from_edges([(f"v{e.source}", f"v{e.target}") for e in g.es])
    part = detect_communities(eco, seed=0)
    cg = community_gaps(eco, part, min_expected=0.2, max_ratio=0.9)
    assert len(cg.gaps)
    for favour in (None, "community"):
        own = recommend_partnerships(eco, partition=part, top=30, favour=favour, gaps=cg)
        table = recommend_partnerships(eco, partition=part, top=30, favour=favour, gaps=cg.gaps)
        pd.testing.assert_frame_equal(own, table)
        gap_pairs = set(zip(cg.gaps["community_a"], cg.gaps["community_b"]))
        flagged = [(min(a, b), max(a, b)) in gap_pairs and a != b
                   for a, b in zip(own["source_community"], own["target_community"])]
        assert own["community_gap"].tolist() == flagged and any(flagged)
    # by default the gap rule of community_gaps' defaults decides
    default = recommend_partnerships(eco, partition=part, top=30)
    assert default["community_gap"].any()
    cg0 = community_gaps(eco, part)
    gap0 = set(zip(cg0.gaps["community_a"], cg0.gaps["community_b"]))
    assert default["community_gap"].tolist() == [
        (min(a, b), max(a, b)) in gap0 and a != b
        for a, b in zip(default["source_community"], default["target_community"])]


@pytest.mark.parametrize("method", METHODS)
def test_pair_scores_in_chunks_equal_one_pass(method, monkeypatch):
    import ecosystem.analysis.recommend.scoring as rec
    eco = _random_eco(2, n=50, m=140)
    s, d, w = _tie_arrays(eco)
    b = _binary(eco.n_partners, s, d)
    wm = _binary(eco.n_partners, s, d, w + 1.0)
    comm = np.arange(eco.n_partners) % 3
    u, v = np.triu_indices(eco.n_partners, 1)
    whole = _pair_scores(b, u, v, method, comm), _pair_scores(b, u, v, method, comm, wm)
    monkeypatch.setattr(rec, "PAIR_CHUNK", 97)  # entries: many chunks, some of one pair
    chunked = _pair_scores(b, u, v, method, comm), _pair_scores(b, u, v, method, comm, wm)
    assert np.array_equal(whole[0], chunked[0]) and np.array_equal(whole[1], chunked[1])
    assert whole[0].any()


def test_negative_strengths_switch_the_score_bound_off():
    # found in review: with a negative strength the weighted bound was not a bound
    s, d = np.array([0, 0, 1, 2]), np.array([2, 3, 3, 4])
    w = np.array([2.0, 2.0, -1.0, 1.0])
    b, wm = _binary(5, s, d), _binary(5, s, d, w)
    for budget in (1, 2_000_000):
        cand = _candidates(b, "common_neighbours", 1, None, budget=budget, w=wm)
        assert cand[["u", "v"]].values.tolist() == [[2, 3]] and cand.loc[0, "score"] == 4.0


def test_partners_left_out_of_the_partition_do_not_break_gap_flags():
    a = [f"a{i}" for i in range(6)]
    b = [f"b{i}" for i in range(6)]
    edges = list(itertools.combinations(a, 2)) + list(itertools.combinations(b, 2))
    eco = Ecosystem.from_edges(edges + [("a0", "b0"), ("b1", "a1")])
    part = Partition(pd.Series({x: 0 for x in a}))  # the b's are in no community
    for favour in (None, "community", "sector"):
        r = recommend_partnerships(eco, partition=part, favour=favour, top=5)
        # the two cliques are mirror images: pairs that score alike and share a partner
        # fold into one row, so fewer than 5 rows, but 5 pairs or more, are offered
        offered = len(r) + sum(len(x) for x in r["equally_good_ids"])
        assert len(r) <= 5 <= offered and not r["community_gap"].any()


def test_focus_may_be_one_partner_given_as_a_string(missing_triangle):
    one = recommend_partnerships(missing_triangle, focus="z", top=3)
    listed = recommend_partnerships(missing_triangle, focus=["z"], top=3)
    assert one.attrs["params"]["focus"] == ["z"]
    assert one[["source", "target"]].values.tolist() == listed[["source", "target"]].values.tolist()


def test_pairs_of_partners_that_sit_alike_are_one_choice_with_equally_good_alternatives():
    """x1, x2, x3 each work with c1, c2, c3 (a triangle): every pair of x's scores the
    same, and recommending x1-x2, x1-x3 and x2-x3 as three rows wastes two slots (the
    H2020 SwafS list had 4 of 20 such rows). They are one row, with the other two pairs as
    equally good alternatives. The y's are a mirror image elsewhere: the same score but
    no partner in common with the x's, so they are a row of their own."""
    edges = []
    for side in ("x", "y"):
        hubs = [f"{side}c{i}" for i in range(3)]
        edges += list(itertools.combinations(hubs, 2))
        edges += [(f"{side}{i}", h) for i in range(3) for h in hubs]
    r = recommend_partnerships(Ecosystem.from_edges(edges), top=10)
    assert len(r) == 2
    assert r["score"].nunique() == 1
    for _, row in r.iterrows():
        side = row["source"][0]
        pairs = [tuple(sorted((row["source"], row["target"])))] + [
            tuple(sorted(p.split(" – "))) for p in row["equally_good_ids"]]
        assert sorted(pairs) == [(f"{side}0", f"{side}1"), (f"{side}0", f"{side}2"),
                                 (f"{side}1", f"{side}2")]
        assert row["why"].endswith(f"Equally good (one partner swapped for another with the "
                                   f"same shared partners): "
                                   f"{row['equally_good_names'][0]}, "
                                   f"{row['equally_good_names'][1]}.")
    ko = recommend_partnerships(Ecosystem.from_edges(edges), top=10, lang="ko")
    assert "같은 선택(" in ko["why"].iloc[0]
    # group=False keeps every pair as its own row
    assert len(recommend_partnerships(Ecosystem.from_edges(edges), top=10, group=False)) == 6


def test_rows_that_only_tie_in_score_are_not_folded():
    """Equal scores and a shared partner are not enough: A reaches six hubs, each leading
    to a different group, so A-t0 ... A-t5 all score alike but are different choices (found
    in review: a first version folded them into one row). A chain of rows sharing partners
    pairwise does not fold either."""
    edges = []
    for h in range(6):
        hub = f"H{h}"
        edges += [("A", hub), (hub, f"t{h}"), (hub, f"u{h}a"), (hub, f"u{h}b"),
                  (f"u{h}a", f"u{h}b"), (f"t{h}", f"s{h}")]
    eco = Ecosystem.from_edges(edges)
    r = recommend_partnerships(eco, top=10, focus="A", per_partner=None)
    # one row per hub (its three partners grouped as reached through the same hub)
    assert r["score"].nunique() == 1 and len(r) == 6 and set(r["group_size"]) == {3}
    assert not any(len(x) for x in r["equally_good_ids"])
    chain = [("H1", "A"), ("H1", "x1"), ("H1", "k1"), ("H1", "m1"), ("x1", "k1"), ("k1", "m1"),
             ("x1", "m1"), ("H2", "A"), ("H2", "y1"), ("H2", "B"), ("H2", "C"), ("y1", "z1"),
             ("z1", "z2"), ("z2", "z3"), ("B", "z4"), ("C", "z5")]
    r = recommend_partnerships(Ecosystem.from_edges(chain), top=10)
    assert not any(len(x) for x in r["equally_good_ids"])


def test_three_partners_on_the_same_shared_partners_are_one_choice():
    """scotland: united collieries, clan line steamers and general accident each sit on the
    same four tea firms (and elsewhere on different partners, so they are not twins); the
    three pairs among them scored alike on exactly the same shared partners and took three
    rows. They are one row with two equally good alternatives."""
    tea = [f"tea{i}" for i in range(4)]
    edges = list(itertools.combinations(tea, 2))
    for k, firm in enumerate(("UC", "CLS", "GA")):
        edges += [(firm, t) for t in tea] + [(firm, f"own{k}"), (f"own{k}", f"far{k}")]
    eco = Ecosystem.from_edges(edges)
    r = recommend_partnerships(eco, top=10)
    firms = {"UC", "CLS", "GA"}
    rows = r[r["source"].isin(firms) & r["target"].isin(firms)]
    assert len(rows) == 1
    alt = {tuple(sorted(p.split(" – "))) for p in rows["equally_good_ids"].iloc[0]}
    lead = tuple(sorted((rows["source"].iloc[0], rows["target"].iloc[0])))
    assert alt | {lead} == {("CLS", "UC"), ("GA", "UC"), ("CLS", "GA")}
    # without grouping every pair is its own row
    loose = recommend_partnerships(eco, top=10, group=False)
    assert int((loose["source"].isin(firms) & loose["target"].isin(firms)).sum()) == 3

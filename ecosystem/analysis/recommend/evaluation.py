"""How far to trust the recommended partnerships: hold-out tests and backtests.

* :func:`evaluate_recommendations`: hide a seeded share of ties, score the rest (AUC and
  precision@k per method; the historical check, kept for comparison).
* :func:`holdout_test`: hide whole **projects** (participation data) or ties, and ask
  whether the pairs that only those projects tied are found again. Hiding single ties
  of a projected clique leaks: the rest of the clique still links the pair.
* :func:`backtest_recommendations`: learn from everything before a cut year, score, and
  check the pairs that first tied from the cut year on.
* :func:`recommendation_confidence`: the test that fits the data (backtest when dated,
  project hold-out for participations, else tie hold-out) and a verdict in plain words.

Every test reports precision@k (share of the top k that came true) and recall@k (share
of the pairs that came true found in the top k) for the scorers and three baselines:
``random`` (the expected value of guessing among candidate pairs), ``preferential_attachment``
(``k_u k_v``, the best unlinked pairs exactly) and ``common_neighbours`` (on the ties).
Candidates are pairs of partners that already have a tie in the learning data and are
not tied there.
"""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np
import pandas as pd

from ...exceptions import InvalidParameterError
from ...model import Ecosystem
from ... import schema as S
from .partnerships import recommend_partnerships
from .scoring import (DEFAULT_METHOD, METHODS, _binary, _pair_scores, _recommended,
                      _tie_arrays, _top_pairs)

BASELINES = ("random", "preferential_attachment", "common_neighbours")
MIN_HITS = 3  # fewer hits than this: "thin" evidence even when ahead of the baselines


def evaluate_recommendations(eco: Ecosystem, *, hide: float = 0.1, seed: int = 0, k: int = 20,
                             methods: Iterable[str] = METHODS, n_non_edges: int | None = None,
                             per_partner: int | None = 10, weighted: bool = False) -> pd.DataFrame:
    """How trustworthy are the recommendations on this network? Hide ties and predict them.

    A seeded share ``hide`` of the ties is removed; each method scores the remaining
    network. **AUC**: the probability that a hidden tie scores higher than a random
    unlinked pair (``n_non_edges`` pairs sampled with ``seed``; ties count 1/2; 0.5 =
    no better than chance). **precision@k**: the share of the top-``k`` recommendations
    (at most ``per_partner`` per partner, as :func:`recommend_partnerships`) that are
    hidden ties. ``random_precision`` is what guessing unlinked pairs at random
    would achieve. The community score uses Leiden communities of the reduced network.

    Examples
    --------
    >>> import itertools
    >>> edges = [(f"a{i}", f"a{j}") for i, j in itertools.combinations(range(6), 2)]
    >>> edges += [(f"b{i}", f"b{j}") for i, j in itertools.combinations(range(6), 2)]
    >>> ev = evaluate_recommendations(Ecosystem.from_edges(edges + [("a0", "b0")]), hide=0.2)
    >>> bool((ev["auc"] > 0.8).all())
    True
    """
    if per_partner == "auto":
        per_partner = max(2, -(-k // 10))
    methods = list(methods)
    for m in methods:
        if m not in METHODS:
            raise InvalidParameterError(f"method must be one of {', '.join(METHODS)}, got {m!r}")
    if not 0 < hide < 1:
        raise InvalidParameterError(f"hide must be between 0 and 1, got {hide!r}")
    if k < 1:
        raise InvalidParameterError(f"k must be >= 1, got {k!r}")
    eco.require_ties()
    n = eco.n_partners
    s, d, w = _tie_arrays(eco)
    loops = s == d
    s, d, w = s[~loops], d[~loops], w[~loops]
    m = len(s)
    rng = np.random.default_rng(seed)
    n_hide = max(1, int(round(hide * m)))
    if n_hide >= m:
        raise InvalidParameterError("too few ties to hide some and keep the rest")
    hidden = np.zeros(m, dtype=bool)
    hidden[rng.choice(m, size=n_hide, replace=False)] = True
    b_train = _binary(n, s[~hidden], d[~hidden])
    w_train = _binary(n, s[~hidden], d[~hidden], w[~hidden]) if weighted else None
    all_keys = np.unique(np.concatenate([s * n + d, d * n + s]))
    # sampled unlinked pairs (in the full network)
    want = n_non_edges or max(1000, 10 * n_hide)
    total_pairs = n * (n - 1) // 2
    possible = total_pairs - m
    if possible <= 0:
        raise InvalidParameterError("the network is complete: there is nothing to predict")
    want = int(min(want, possible))
    uu, vv = np.zeros(0, np.int64), np.zeros(0, np.int64)
    tries = 0
    while len(uu) < want and tries < 50:
        a = rng.integers(0, n, size=2 * want)
        c = rng.integers(0, n, size=2 * want)
        ok = a != c
        a, c = a[ok], c[ok]
        key = np.minimum(a, c) * n + np.maximum(a, c)
        pos = np.minimum(np.searchsorted(all_keys, key), len(all_keys) - 1)
        ok = all_keys[pos] != key
        uu = np.concatenate([uu, np.minimum(a, c)[ok]])
        vv = np.concatenate([vv, np.maximum(a, c)[ok]])
        tries += 1
    uu, vv = uu[:want], vv[:want]
    hs, hd = s[hidden], d[hidden]
    hidden_keys = set((np.minimum(hs, hd) * n + np.maximum(hs, hd)).tolist())
    comm = None
    if "community" in methods:
        from ..communities import detect_communities
        train_eco = Ecosystem.from_edges(
            [(str(eco.ids[a]), str(eco.ids[c])) for a, c in zip(s[~hidden], d[~hidden])],
            partners=list(map(str, eco.ids)))
        part = detect_communities(train_eco, seed=seed)
        comm = part.membership.reindex(eco.ids.astype(str)).fillna(-1).astype(np.int64).to_numpy()
    train_pairs = total_pairs - int((~hidden).sum())
    rows = []
    for method in methods:
        pos_s = _pair_scores(b_train, hs, hd, method, comm, w_train)
        neg_s = _pair_scores(b_train, uu, vv, method, comm, w_train)
        ranks = _average_ranks(np.concatenate([pos_s, neg_s]))
        n_p, n_n = len(pos_s), len(neg_s)
        auc = (ranks[:n_p].sum() - n_p * (n_p + 1) / 2) / (n_p * n_n) if n_n else float("nan")
        top = _recommended(b_train, method, k, per_partner,
                           comm if method == "community" else None, w=w_train)
        hits = sum(int(a) * n + int(c) in hidden_keys for a, c in zip(top["u"], top["v"]))
        rows.append({"method": method, "auc": float(auc),
                     "precision_at_k": hits / len(top) if len(top) else float("nan"),
                     "k": int(k), "recommended": int(len(top)), "hits": int(hits),
                     "hidden_ties": int(n_hide), "sampled_non_edges": int(n_n),
                     "random_precision": n_hide / train_pairs if train_pairs else float("nan")})
    out = pd.DataFrame(rows)
    out.attrs["params"] = {"hide": hide, "seed": seed, "k": k, "n_non_edges": int(len(uu)),
                           "per_partner": per_partner, "weighted": weighted,
                           "auc": "P(hidden tie scores above a sampled unlinked pair), ties 1/2"}
    return out


def preferential_attachment_top(b, k: int, eligible: np.ndarray | None = None
                                ) -> tuple[np.ndarray, np.ndarray]:
    """The exact best ``k`` unlinked pairs by ``deg(u) * deg(v)`` (ties: lower pair first).

    Examples
    --------
    >>> b = _binary(5, np.array([0, 0, 0, 1]), np.array([1, 2, 3, 4]))
    >>> u, v = preferential_attachment_top(b, 2)
    >>> list(zip(u.tolist(), v.tolist()))
    [(0, 4), (1, 2)]
    """
    deg = np.diff(b.indptr).astype(np.int64)
    ok = deg > 0 if eligible is None else (eligible & (deg > 0))
    nodes = np.flatnonzero(ok)
    nodes = nodes[np.lexsort((nodes, -deg[nodes]))]
    m = min(len(nodes), max(2, int(np.sqrt(2 * k)) + 2))
    while True:
        top = np.sort(nodes[:m])
        a, c = np.triu_indices(len(top), 1)
        a, c = top[a], top[c]
        linked = np.asarray(b[a, c]).ravel() > 0 if len(a) else np.zeros(0, bool)
        a, c = a[~linked], c[~linked]
        prod = deg[a] * deg[c]
        order = np.lexsort((c, a, -prod))[:k]
        a, c, prod = a[order], c[order], prod[order]
        # a pair outside the top m scores at most deg[first] * deg[m-th]
        outside = deg[nodes[0]] * deg[nodes[m]] if m < len(nodes) else -1
        if m >= len(nodes) or (len(prod) == k and prod[-1] > outside):
            return a, c
        m = min(len(nodes), 2 * m)


def _test_table(train: Ecosystem, positives: set[int], eligible: np.ndarray, ks: Iterable[int],
                scorers: dict[str, dict[str, Any]], seed: int, what: dict[str, Any]
                ) -> pd.DataFrame:
    """precision@k and recall@k of each scorer and baseline on ``train`` against
    ``positives`` (keys ``u * n + v``, ``u < v``)."""

    n = train.n_partners
    ks = sorted(set(int(k) for k in ks))
    kmax = ks[-1]
    b = _binary(n, *_tie_arrays(train)[:2])
    elig_n = int(eligible.sum())
    tied_among = int(b[eligible][:, eligible].nnz // 2) if elig_n else 0
    candidates = elig_n * (elig_n - 1) // 2 - tied_among
    n_pos = len(positives)
    rows = []

    def add(name: str, kind: str, u: np.ndarray, v: np.ndarray) -> None:
        keys = np.minimum(u, v).astype(np.int64) * n + np.maximum(u, v)
        hit = np.array([int(x) in positives for x in keys.tolist()], dtype=bool)
        for k in ks:
            h = int(hit[:k].sum())
            listed = int(min(k, len(hit)))
            rows.append({"scorer": name, "kind": kind, "k": k, "listed": listed, "hits": h,
                         "precision_at_k": h / k, "recall_at_k": h / n_pos if n_pos else np.nan,
                         "positives": n_pos, "candidates": candidates})

    idx = train.ids.get_indexer
    for name, opts in scorers.items():
        opts = dict(opts)
        if opts.pop("ranking", False):  # the plain exact ranking, no list shaping
            r = recommend_partnerships(train, top=kmax, per_partner=None, diversity=0.0,
                                       group=False, competitors=None, seed=seed, **opts)
            add(name, "scorer", idx(r["source"].astype(str)), idx(r["target"].astype(str)))
            continue
        for k in ks:  # the list a user asking for k rows gets (the cap depends on k)
            r = recommend_partnerships(train, top=k, seed=seed, competitors=None, **opts)
            before = len(rows)
            add(name, "scorer", idx(r["source"].astype(str)), idx(r["target"].astype(str)))
            rows[before:] = [row for row in rows[before:] if row["k"] == k]
    # baselines
    p_rand = n_pos / candidates if candidates else np.nan
    for k in ks:
        rows.append({"scorer": "random", "kind": "baseline", "k": k, "listed": k,
                     "hits": k * p_rand, "precision_at_k": p_rand,
                     "recall_at_k": k * p_rand / n_pos if n_pos else np.nan,
                     "positives": n_pos, "candidates": candidates})
    u, v = preferential_attachment_top(b, kmax, eligible)
    add("preferential_attachment", "baseline", u, v)
    u, v, _ = _top_pairs(b, "common_neighbours", kmax, None)
    add("common_neighbours", "baseline", u, v)
    out = pd.DataFrame(rows)
    out.attrs["params"] = dict(what, ks=ks, positives=n_pos, candidates=candidates, seed=seed,
                               eligible_partners=elig_n)
    return out


def _positives(eco: Ecosystem, train_keys: np.ndarray, later: pd.Series,
               eligible: np.ndarray) -> set[int]:
    n = eco.n_partners
    s, d = eco._src[later.to_numpy()], eco._dst[later.to_numpy()]
    keep = (s != d) & eligible[s] & eligible[d]
    keys = np.unique(np.minimum(s, d)[keep].astype(np.int64) * n + np.maximum(s, d)[keep])
    return set(np.setdiff1d(keys, train_keys).tolist())


def _train_keys(train: Ecosystem) -> np.ndarray:
    n = train.n_partners
    s, d, _ = _tie_arrays(train)
    return np.unique(np.minimum(s, d).astype(np.int64) * n + np.maximum(s, d))


def _eligible(train: Ecosystem) -> np.ndarray:
    deg = np.zeros(train.n_partners, dtype=np.int64)
    s, d, _ = _tie_arrays(train)
    np.add.at(deg, s[s != d], 1)
    np.add.at(deg, d[s != d], 1)
    return deg > 0


def default_scorers(method: str | None = None) -> dict[str, dict[str, Any]]:
    """The scorer a test checks by default: the list as :func:`recommend_partnerships`
    makes it (its defaults)."""
    return {"recommended list": {"method": method or DEFAULT_METHOD}}


def backtest_recommendations(eco: Ecosystem, cut_year: int, *, end_year: int | None = None,
                             k: int | Iterable[int] = 20, seed: int = 0,
                             scorers: dict[str, dict[str, Any]] | None = None,
                             year_column: str = S.YEAR) -> pd.DataFrame:
    """Learn from relations dated before ``cut_year``; check the pairs that first tie in
    ``cut_year .. end_year`` (default: every later year).

    Only pairs of partners with a tie before the cut count (a newcomer cannot be
    predicted from its ties); relations without a year are left out of both sides.

    Examples
    --------
    >>> rel = pd.DataFrame({"source": ["a", "b", "c", "d", "a"], "target": ["b", "c", "d", "a", "c"],
    ...                     "year": [2015, 2015, 2016, 2016, 2019]})
    >>> t = backtest_recommendations(Ecosystem.from_frames(rel), 2018, k=1)
    >>> row = t.set_index("scorer").loc["recommended list"]
    >>> int(row["hits"]), float(row["precision_at_k"]), int(row["positives"])
    (1, 1.0, 1)
    """
    ks = [k] if isinstance(k, (int, np.integer)) else list(k)
    if year_column not in eco.relations.columns:
        raise InvalidParameterError(f"a backtest needs dated relations (a {year_column!r} column)")
    years = pd.to_numeric(eco.relations[year_column], errors="coerce")
    before = years < cut_year
    later = years >= cut_year
    if end_year is not None:
        later &= years <= end_year
    train = eco.replace(relations=eco.relations[before.to_numpy()])
    eligible = _eligible(train)
    positives = _positives(eco, _train_keys(train), later, eligible)
    return _test_table(train, positives, eligible, ks, scorers or default_scorers(), seed,
                       {"test": "backtest", "cut_year": int(cut_year),
                        "end_year": None if end_year is None else int(end_year),
                        "last_year": int(years[later].max()) if later.any() else None,
                        "learn_relations": int(before.sum()), "later_relations": int(later.sum())})


def holdout_test(eco: Ecosystem, *, unit: str = "auto", hide: float = 0.1, seed: int = 0,
                 k: int | Iterable[int] = 20, scorers: dict[str, dict[str, Any]] | None = None
                 ) -> pd.DataFrame:
    """Hide a seeded share of whole projects (``unit="projects"``) or of ties (``"ties"``;
    ``"auto"``: projects when the relations carry a ``project`` column) and check whether
    the pairs that lost their only tie are found again.

    Examples
    --------
    >>> import itertools
    >>> edges = [(f"a{i}", f"a{j}") for i, j in itertools.combinations(range(6), 2)]
    >>> t = holdout_test(Ecosystem.from_edges(edges + [("a0", "b0")]), hide=0.2, k=5)
    >>> t.attrs["params"]["test"]
    'ties'
    """
    ks = [k] if isinstance(k, (int, np.integer)) else list(k)
    if not 0 < hide < 1:
        raise InvalidParameterError(f"hide must be between 0 and 1, got {hide!r}")
    if unit not in ("auto", "projects", "ties"):
        raise InvalidParameterError(f"unit must be auto, projects or ties, got {unit!r}")
    rel = eco.relations
    has_projects = "project" in rel.columns and rel["project"].notna().any()
    if unit == "projects" and not has_projects:
        raise InvalidParameterError("hiding projects needs relations with a 'project' column")
    unit = ("projects" if has_projects else "ties") if unit == "auto" else unit
    rng = np.random.default_rng(seed)
    n = eco.n_partners
    if unit == "projects":
        labels = pd.unique(rel["project"].dropna().astype(str))
        n_hide = max(1, int(round(hide * len(labels))))
        if n_hide >= len(labels):
            raise InvalidParameterError("too few projects to hide some and keep the rest")
        hidden = set(rng.choice(labels, size=n_hide, replace=False).tolist())
        gone = rel["project"].astype(str).isin(hidden).to_numpy()
    else:
        key = np.minimum(eco._src, eco._dst).astype(np.int64) * n + np.maximum(eco._src, eco._dst)
        pairs = np.unique(key[eco._src != eco._dst])
        n_hide = max(1, int(round(hide * len(pairs))))
        if n_hide >= len(pairs):
            raise InvalidParameterError("too few ties to hide some and keep the rest")
        gone = np.isin(key, rng.choice(pairs, size=n_hide, replace=False))
    train = eco.replace(relations=rel[~gone])
    eligible = _eligible(train)
    positives = _positives(eco, _train_keys(train), pd.Series(gone), eligible)
    return _test_table(train, positives, eligible, ks, scorers or default_scorers(), seed,
                       {"test": unit, "hide": hide, "hidden": int(n_hide)})


def _average_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n, ties sharing their average rank (``scipy.stats.rankdata``; NaN
    anywhere gives NaN everywhere), without importing scipy.stats (1.3 s).

    Examples
    --------
    >>> _average_ranks(np.array([3.0, 1.0, 3.0, 2.0])).tolist()
    [3.5, 1.0, 3.5, 2.0]
    """
    x = np.asarray(values, dtype=float)
    if np.isnan(x).any():
        return np.full(len(x), np.nan)
    return pd.Series(x).rank(method="average").to_numpy(float)


def poisson_at_least(hits: int, mean: float) -> float:
    """Chance of at least ``hits`` events when ``mean`` are expected (Poisson):
    ``scipy.stats.poisson.sf(hits - 1, mean)``, from ``scipy.special.pdtrc``.

    Examples
    --------
    >>> poisson_at_least(0, 2.0), round(poisson_at_least(3, 1.0), 6)
    (1.0, 0.080301)
    """
    from scipy.special import pdtrc

    if hits <= 0:
        return 1.0 if mean == mean else float("nan")
    return float(pdtrc(hits - 1, mean))


def verdict(table: pd.DataFrame, k: int | None = None, scorer: str = "recommended list"
            ) -> dict[str, Any]:
    """Does ``scorer`` beat the baselines at ``k`` (default the smallest k)? ``level``:
    ``beats`` (above chance and above every baseline, with at least 3 hits), ``thin``
    (the same with 1 or 2 hits: too few to be sure), ``weak`` (above chance, not above a
    baseline), ``low`` (not clearly above chance: the chance of at least this many hits by
    guessing is over 5 %, Poisson) or ``none`` (nothing to test: no pairs came true)."""
    k = int(table["k"].min()) if k is None else int(k)
    t = table[table["k"] == k].set_index("scorer")
    row = t.loc[scorer]
    rand = t.loc["random"]
    base = t[(t["kind"] == "baseline") & (t.index != "random")]
    best = base["precision_at_k"].idxmax() if len(base) else "random"
    out = {"k": k, "hits": int(row["hits"]), "precision": float(row["precision_at_k"]),
           "random": float(rand["precision_at_k"]), "base_name": best,
           "base": float(t.loc[best, "precision_at_k"]), "positives": int(row["positives"])}
    if not row["positives"]:
        out["level"] = "none"
        return out
    p_chance = poisson_at_least(int(row["hits"]), k * float(rand["precision_at_k"]))
    out["p_chance"] = p_chance
    if row["hits"] == 0 or p_chance > 0.05:
        out["level"] = "low"
    elif (base["precision_at_k"] >= row["precision_at_k"]).any():
        out["level"] = "weak"
    elif row["hits"] < MIN_HITS:
        out["level"] = "thin"  # ahead of everything, on too few hits to be sure
    else:
        out["level"] = "beats"
    return out


def recommendation_confidence(eco: Ecosystem, *, k: int = 20, seed: int = 0,
                              cut_year: int | None = None, hide: float = 0.1,
                              **options: Any) -> pd.DataFrame:
    """The fitting test of the recommended list (``options`` as for
    :func:`recommend_partnerships`) with ``attrs["verdict"]`` (see :func:`verdict`).

    Dated relations (a ``year`` column with at least 3 distinct years): a backtest at
    ``cut_year`` (default: the year that leaves about the last fifth of the dated relations
    to check); participation data: a project hold-out; otherwise a tie hold-out.

    Examples
    --------
    >>> import itertools
    >>> edges = [(f"a{i}", f"a{j}") for i, j in itertools.combinations(range(8), 2)]
    >>> c = recommendation_confidence(Ecosystem.from_edges(edges + [("a0", "b0")]), k=5)
    >>> c.attrs["verdict"]["level"] in ("beats", "weak", "low", "none")
    True
    """
    scorers = {"recommended list": dict(options)}
    years = (pd.to_numeric(eco.relations[S.YEAR], errors="coerce")
             if S.YEAR in eco.relations.columns else None)
    table = None
    if years is not None and years.nunique() >= 3:
        cut = cut_year
        if cut is None:
            cut = int(np.ceil(years.dropna().quantile(0.8)))
            if cut <= years.min():
                cut = int(years.min()) + 1
        table = backtest_recommendations(eco, cut, k=k, seed=seed, scorers=scorers)
        if not table["positives"].iloc[0]:
            table = None
    if table is None:
        try:
            table = holdout_test(eco, hide=hide, seed=seed, k=k, scorers=scorers)
        except InvalidParameterError:
            out = pd.DataFrame(columns=["scorer", "kind", "k", "hits", "precision_at_k",
                                        "recall_at_k"])
            out.attrs["verdict"] = {"level": "none"}
            out.attrs["params"] = {"test": None}
            return out
    table.attrs["verdict"] = verdict(table, k)
    return table


def confidence_text(table: pd.DataFrame, lang: str = "en") -> tuple[str, str]:
    """The verdict of :func:`recommendation_confidence` in plain words, and its level
    (``beats``, ``thin``, ``weak``, ``low``, ``none``).

    Examples
    --------
    >>> t = pd.DataFrame(columns=["scorer"])
    >>> t.attrs["verdict"] = {"level": "none"}
    >>> confidence_text(t)
    ('Confidence unknown: the data is too small to test the list.', 'none')
    """
    from ...i18n import translator

    t = translator(lang)

    def fmt(x: float, kind: str = "share", lang: str = "en") -> str:
        """A share as a percentage: one decimal below 10 %, none above."""
        if x is None or not np.isfinite(x):
            return "–"
        return f"{100 * x:.1f}%" if abs(x) < 0.1 and x != 0 else f"{100 * x:.0f}%"

    v = table.attrs.get("verdict")
    if v is None and len(table) and "recommended list" in set(table["scorer"]):
        v = verdict(table)
    v = dict(v or {"level": "none"})
    level = v.get("level", "none")
    if level == "none":
        return t("rec_conf_none"), level
    p = table.attrs.get("params") or {}
    kind = p.get("test")
    if kind == "backtest":
        test = t("rec_test_backtest", year=p.get("cut_year"))
    else:
        test = t("rec_test_projects" if kind == "projects" else "rec_test_ties",
                 share=fmt(float(p.get("hide", 0.1)), "share", lang))
    key = f"rec_conf_{level}"
    if level == "low":  # say what the few hits show: nothing (0), or no more than a rule
        rule = v["base"] >= v["precision"] and v["base"] > 0
        key = ("rec_conf_low_zero" + ("_rule" if rule else "") if not v["hits"] else
               "rec_conf_low_rule" if rule else "rec_conf_low")
    text = t(key, test=test, hits=v["hits"], k=v["k"],
             precision=fmt(v["precision"], "share", lang), random=fmt(v["random"], "share", lang),
             base=fmt(v["base"], "share", lang), base_name=t(f"base_{v['base_name']}"))
    return text, level

"""Community detection (Leiden by default), seeded and numbered by size; summaries and stability."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..exceptions import InvalidParameterError
from ..model import Ecosystem
from ..results import Partition, number_by_size

METHODS = ("leiden", "louvain", "label_propagation")

LEIDEN_UNTIL_STABLE_MAX_TIES = 100_000
"""Leiden iterates until the partition is stable up to this many ties; above, 2 iterations
(perf.md: same modularity to 3 decimals, ~10x faster at 500k ties)."""


def detect_communities(eco: Ecosystem, *, method: str = "leiden", resolution: float = 1.0,
                       seed: int = 0) -> Partition:
    """Split the partners into communities of densely tied partners.

    Uses igraph on the undirected strength-weighted graph. ``leiden`` optimises
    modularity (igraph's ``community_leiden`` with ``objective_function="modularity"``;
    its default CPM objective would return thousands of tiny groups), ``louvain`` is
    igraph's multilevel algorithm, ``label_propagation`` igraph's label propagation.
    Leiden iterates until stable on networks of up to
    :data:`LEIDEN_UNTIL_STABLE_MAX_TIES` ties, and runs 2 iterations above (recorded
    in ``params["leiden_iterations"]``). Isolated partners form their own one-partner
    communities.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"),
    ...                             ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    >>> detect_communities(eco).membership.tolist()
    [0, 0, 0, 1, 1, 1]
    """
    if method not in METHODS:
        raise InvalidParameterError(
            f"community method must be one of {', '.join(METHODS)}, got {method!r}")
    if isinstance(resolution, bool) or not isinstance(resolution, (int, float, np.integer, np.floating)) \
            or not np.isfinite(resolution) or not resolution > 0:
        raise InvalidParameterError(f"resolution must be > 0, got {resolution!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise InvalidParameterError(f"seed must be an integer, got {seed!r}")
    g = eco.igraph
    iterations = -1 if g.ecount() <= LEIDEN_UNTIL_STABLE_MAX_TIES else 2
    if g.vcount() == 0:
        return Partition(pd.Series([], dtype=int), method=method,
                         params={"resolution": resolution, "seed": seed})
    weights = "weight" if g.ecount() else None
    state = random.getstate()
    random.seed(seed)
    try:
        import igraph as ig
        ig.set_random_number_generator(random)
        if method == "leiden":
            cl = g.community_leiden(objective_function="modularity", weights=weights,
                                    resolution=resolution, n_iterations=iterations)
        elif method == "louvain":
            cl = g.community_multilevel(weights=weights, resolution=resolution)
        else:
            cl = g.community_label_propagation(weights=weights)
    finally:
        random.setstate(state)
    labels = number_by_size(cl.membership)
    membership = pd.Series(np.asarray(labels, dtype=int), index=eco.ids, name="community")
    q = g.modularity(labels, weights=weights, resolution=resolution) if g.ecount() else float("nan")
    params: dict[str, Any] = {"resolution": resolution, "seed": seed, "weights": "strength"}
    if method == "leiden":
        params["leiden_iterations"] = "until stable" if iterations < 0 else iterations
    return Partition(membership, method=method, params=params, modularity=float(q))


# ---------------------------------------------------------------------- labels
def community_label(number: int, partner_name: str | None, lang: str = "en") -> str:
    """Readable community name, after its most central partner.

    Examples
    --------
    >>> community_label(2, "KAIST")
    'Community 2 — around KAIST'
    >>> community_label(2, "KAIST", lang="ko")
    '커뮤니티 2 — KAIST 중심'
    """
    if lang not in ("en", "ko"):
        raise InvalidParameterError(f"lang must be 'en' or 'ko', got {lang!r}")
    if lang == "ko":
        return f"커뮤니티 {number}" + (f" — {partner_name} 중심" if partner_name else "")
    return f"Community {number}" + (f" — around {partner_name}" if partner_name else "")


def _aligned_membership(eco: Ecosystem, partition: Partition) -> np.ndarray:
    if not isinstance(partition, Partition):
        raise InvalidParameterError(
            f"partition must be a Partition (see detect_communities), got {type(partition).__name__}")
    memb = partition.membership
    missing = eco.ids.difference(pd.Index(memb.index.astype(str)))
    if len(missing):
        raise InvalidParameterError(
            f"the partition does not cover {len(missing)} partner(s) of the ecosystem, "
            f"e.g. {missing[0]!r}")
    values = pd.Series(memb.to_numpy(), index=memb.index.astype(str))
    if not values.index.is_unique:
        raise InvalidParameterError("the partition lists a partner more than once")
    values = values.reindex(eco.ids)
    numeric = pd.to_numeric(values, errors="coerce")
    if numeric.isna().any() or (numeric != np.round(numeric)).any():
        bad = values[numeric.isna() | (numeric != np.round(numeric))].iloc[0]
        raise InvalidParameterError(f"community numbers must be whole numbers, got {bad!r}")
    return numeric.to_numpy().astype(np.int64)


def community_summary(eco: Ecosystem, partition: Partition,
                      centrality_table: pd.DataFrame | None = None, *, top: int = 3) -> pd.DataFrame:
    """One row per community: who is in it, how tight it is, what it links to.

    Parameters
    ----------
    eco : Ecosystem
    partition : Partition
        From :func:`detect_communities` (or any partition covering every partner).
    centrality_table : DataFrame, optional
        ``CentralityResult.table``; partners are ranked by its ``pagerank`` column to
        pick top partners and the label (computed here when not given).
    top : int, default 3
        How many top partners and strongest links to list.

    Returns
    -------
    DataFrame
        Columns: ``community``, ``label`` ("Community 2 — around KAIST"),
        ``central_partner_id``, ``central_partner``, ``size``, ``internal_ties``,
        ``density`` (internal ties / possible pairs; NaN for one partner),
        ``internal_strength`` (sum of tie strengths inside), ``external_strength``
        (sum of strengths of ties leaving it), ``internal_share`` (internal /
        (internal + external)), ``modularity_contribution`` (the community's term of
        the partition's modularity; the column sums to ``attrs["modularity"]``),
        ``n_sectors``, ``dominant_sector``, ``dominant_sector_share``, ``sector_mix``
        ("company 3, university 2"), ``top_partners`` (names), ``top_partner_ids``
        (``;``-separated), ``strongest_links`` ("Community 1 (12), ..."),
        ``strongest_link_community`` and ``strongest_link_strength`` (-1 / 0 when none).
        ``attrs`` holds ``modularity``, ``method`` and ``params``.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"),
    ...                             ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    >>> s = community_summary(eco, detect_communities(eco))
    >>> s[["community", "size", "internal_ties", "strongest_link_community"]].values.tolist()
    [[0, 3, 3, 1], [1, 3, 3, 0]]
    >>> s["density"].tolist(), s["label"].tolist()
    ([1.0, 1.0], ['Community 0 — around c', 'Community 1 — around d'])
    >>> round(float(s["modularity_contribution"].sum()), 4) == round(s.attrs["modularity"], 4)
    True
    """
    if not isinstance(top, (int, np.integer)) or top < 1:
        raise InvalidParameterError(f"top must be a whole number >= 1, got {top!r}")
    memb = _aligned_membership(eco, partition)
    ids = eco.ids
    names = eco.names.to_numpy()
    strength = np.zeros(len(ids))
    ties = eco.undirected_ties
    a = ties["source_index"].to_numpy()
    b = ties["target_index"].to_numpy()
    w = ties["strength"].to_numpy(float)
    np.add.at(strength, a, w)
    np.add.at(strength, b, w)
    if centrality_table is not None and "pagerank" in centrality_table:
        score = pd.Series(centrality_table["pagerank"]).reindex(ids).fillna(0).to_numpy(float)
    elif len(w):
        score = np.asarray(eco.igraph.pagerank(weights="weight", damping=0.85), dtype=float)
    else:
        score = strength
    comms = np.unique(memb)
    ca, cb = memb[a], memb[b]
    inside = ca == cb
    internal_ties = pd.Series(1, index=ca[inside]).groupby(level=0).sum().reindex(comms, fill_value=0)
    internal_strength = pd.Series(w[inside], index=ca[inside]).groupby(level=0).sum().reindex(
        comms, fill_value=0.0)
    out_w = np.concatenate([w[~inside], w[~inside]])
    out_from = np.concatenate([ca[~inside], cb[~inside]])
    out_to = np.concatenate([cb[~inside], ca[~inside]])
    external_strength = pd.Series(out_w, index=out_from).groupby(level=0).sum().reindex(
        comms, fill_value=0.0)
    links = (pd.DataFrame({"from": out_from, "to": out_to, "w": out_w})
             .groupby(["from", "to"], sort=True)["w"].sum().reset_index()
             .sort_values(["from", "w", "to"], ascending=[True, False, True]))
    sizes = pd.Series(memb).value_counts().reindex(comms)
    total = float(w.sum())
    resolution = float(partition.params.get("resolution", 1.0)) if partition.params else 1.0
    degree_sum = pd.Series(strength).groupby(memb).sum().reindex(comms, fill_value=0.0)
    if total > 0:
        contrib = internal_strength / total - resolution * (degree_sum / (2 * total)) ** 2
    else:
        contrib = pd.Series(np.nan, index=comms)
    sectors = eco.sectors.to_numpy()
    order = np.lexsort((np.arange(len(ids)), -score, memb))   # by community, score desc, position
    rows = []
    starts = np.searchsorted(memb[order], comms, side="left")   # order is grouped by community
    ends = np.searchsorted(memb[order], comms, side="right")
    links_top = links.groupby("from", sort=True).head(top)
    links_by = {c: grp for c, grp in links_top.groupby("from")}
    sec_counts = (pd.DataFrame({"c": memb, "s": sectors}).groupby(["c", "s"], sort=True).size()
                  .reset_index(name="k").sort_values(["c", "k", "s"], ascending=[True, False, True],
                                                     kind="stable"))
    sec_by = {c: (grp["s"].to_numpy(), grp["k"].to_numpy()) for c, grp in sec_counts.groupby("c")}
    for c, lo, hi in zip(comms, starts, ends):
        members = order[lo:hi]
        size = int(sizes[c])
        sec_names, sec_k = sec_by[c]
        central = members[0]
        tops = members[:top]
        lk_top = links_by.get(c)
        pairs = size * (size - 1) / 2
        internal = float(internal_strength[c])
        external = float(external_strength[c])
        rows.append({
            "community": int(c),
            "label": community_label(int(c), str(names[central])),
            "central_partner_id": str(ids[central]),
            "central_partner": str(names[central]),
            "size": size,
            "internal_ties": int(internal_ties[c]),
            "density": float(internal_ties[c] / pairs) if pairs else float("nan"),
            "internal_strength": internal,
            "external_strength": external,
            "internal_share": internal / (internal + external) if internal + external > 0 else float("nan"),
            "modularity_contribution": float(contrib[c]),
            "n_sectors": int(len(sec_names)),
            "dominant_sector": str(sec_names[0]),
            "dominant_sector_share": float(sec_k[0] / size),
            "sector_mix": ", ".join(f"{k} {v}" for k, v in zip(sec_names, sec_k)),
            "top_partners": ", ".join(str(names[i]) for i in tops),
            "top_partner_ids": ";".join(str(ids[i]) for i in tops),
            "strongest_links": ", ".join(f"Community {int(t)} ({v:.4g})"
                                         for t, v in zip(lk_top["to"], lk_top["w"])) if lk_top is not None else "",
            "strongest_link_community": int(lk_top["to"].iloc[0]) if lk_top is not None else -1,
            "strongest_link_strength": float(lk_top["w"].iloc[0]) if lk_top is not None else 0.0,
        })
    out = pd.DataFrame(rows)
    out.attrs["modularity"] = float(partition.modularity)
    out.attrs["method"] = partition.method
    out.attrs["params"] = dict(partition.params)
    return out


# ---------------------------------------------------------------------- stability
@dataclass
class StabilityResult:
    """How consistently partners are grouped across seeded community-detection runs.

    Attributes
    ----------
    partition : Partition
        The reference partition the consistency refers to: by default the partition of
        ``seed`` itself (what :func:`detect_communities` returns with that seed, so its
        numbers match every other analysis), or the consensus, or a given partition.
    consensus : Partition
        The most representative run: the one with the highest mean NMI to the others.
    partners : DataFrame
        Indexed by partner id: ``community`` (in ``partition``), ``consistency``.
    communities : DataFrame
        One row per community of ``partition``: ``community``, ``size``,
        ``consistency`` (mean over members), ``min_consistency``.
    runs, seeds, mean_nmi, modularities, method, params
        What was run and how similar the runs were (mean pairwise NMI).
    """

    partition: Partition
    consensus: Partition
    partners: pd.DataFrame
    communities: pd.DataFrame
    runs: int
    seeds: list[int]
    mean_nmi: float
    modularities: list[float]
    method: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"method": self.method, "runs": self.runs, "seeds": list(self.seeds),
                "mean_nmi": self.mean_nmi, "modularities": list(self.modularities),
                "params": dict(self.params)}


def _nmi(x: np.ndarray, y: np.ndarray) -> float:
    import igraph as ig

    if len(x) == 0:
        return 1.0
    return float(ig.compare_communities(x.tolist(), y.tolist(), method="nmi"))


def _seed_run(eco: Ecosystem, given: Partition | None, method: str, resolution: float,
              seed: int) -> Partition | None:
    """``given`` when it is the run of ``seed`` with these settings on ``eco``'s partners."""
    if given is None:
        return None
    params = (given.params or {}) if isinstance(given, Partition) else {}
    same = (isinstance(given, Partition) and given.method == method
            and params.get("seed") == seed and params.get("resolution") == resolution
            and len(given.membership) == eco.n_partners
            and bool((given.membership.index.astype(str) == pd.Index(eco.ids).astype(str)).all()))
    if not same:
        raise InvalidParameterError(
            "seed_partition must be detect_communities' result for the same network, method, "
            f"resolution and seed ({method}, {resolution}, {seed})")
    return given


def co_assignment_consistency(reference: np.ndarray, runs: list[np.ndarray]) -> np.ndarray:
    """Per partner: mean over runs of the share of its reference-community mates it is grouped with.

    For partner ``i`` in reference community ``C`` (``|C| > 1``) and run ``r``:
    ``(number of j in C, j != i, with P_r(j) == P_r(i)) / (|C| - 1)``; averaged over runs.
    A partner alone in the reference scores the share of runs in which it is alone.

    Examples
    --------
    >>> ref = np.array([0, 0, 0, 1])
    >>> co_assignment_consistency(ref, [np.array([0, 0, 1, 2]), np.array([0, 0, 0, 1])]).tolist()
    [0.75, 0.75, 0.5, 1.0]
    """
    ref = np.asarray(reference, dtype=np.int64)
    n = len(ref)
    if n == 0 or not runs:
        return np.ones(n)
    ref = np.unique(ref, return_inverse=True)[1].reshape(-1)      # any labels -> 0..k-1
    ref_size = np.bincount(ref)[ref].astype(float)
    acc = np.zeros(n)
    for run in runs:
        run = np.unique(np.asarray(run, dtype=np.int64), return_inverse=True)[1].reshape(-1)
        key = ref * (run.max() + 1) + run
        _, inv, counts = np.unique(key, return_inverse=True, return_counts=True)
        together = counts[inv].astype(float) - 1.0          # mates of i in C sharing i's run community
        run_size = np.bincount(run)[run]
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(ref_size > 1, together / (ref_size - 1), (run_size == 1).astype(float))
        acc += share
    return acc / len(runs)


def community_stability(eco: Ecosystem, *, method: str = "leiden", resolution: float = 1.0,
                        seed: int = 0, runs: int = 10,
                        reference: Partition | str | None = None,
                        seed_partition: Partition | None = None) -> StabilityResult:
    """Run community detection with ``runs`` seeds and measure how stable each grouping is.

    Runs use seeds ``seed, seed+1, ..., seed+runs-1``. The **consensus** partition is
    the run with the highest mean normalised mutual information (NMI) to the other runs
    (ties: the lowest seed). Each partner's **consistency** is its co-assignment share
    with its community in the reference partition (see
    :func:`co_assignment_consistency`): 1.0 means it was grouped with all of its
    community mates in every run. A community's consistency is the mean over its
    members.

    ``reference`` is ``"seed"`` (default: the partition of ``seed`` itself, i.e. what
    ``detect_communities(eco, method=..., resolution=..., seed=seed)`` returns, so
    community numbers match the rest of the analysis), ``"consensus"``, or a
    :class:`~ecosystem.results.Partition`.

    ``seed_partition`` is what ``detect_communities(eco, method=..., resolution=...,
    seed=seed)`` already returned on this same network (the pipeline's main partition):
    it is taken as the first run instead of detecting it again (same result, one run
    fewer). Its method, resolution, seed and partners must match (else
    :class:`~ecosystem.exceptions.InvalidParameterError`).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"),
    ...                             ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    >>> st = community_stability(eco, runs=5)
    >>> st.partners["consistency"].tolist()
    [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    >>> st.communities["size"].tolist(), st.communities["consistency"].tolist()
    ([3, 3], [1.0, 1.0])
    """
    if isinstance(runs, bool) or not isinstance(runs, (int, np.integer)) or runs < 1:
        raise InvalidParameterError(f"runs must be a whole number >= 1, got {runs!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise InvalidParameterError(f"seed must be an integer, got {seed!r}")
    seeds = [int(seed) + i for i in range(int(runs))]
    first = _seed_run(eco, seed_partition, method, resolution, int(seed))
    parts = [first if (s == seeds[0] and first is not None) else
             detect_communities(eco, method=method, resolution=resolution, seed=s) for s in seeds]
    arrays = [p.membership.to_numpy().astype(np.int64) for p in parts]
    r = len(arrays)
    nmi = np.ones((r, r))
    for i in range(r):
        for j in range(i + 1, r):
            nmi[i, j] = nmi[j, i] = _nmi(arrays[i], arrays[j])
    mean_to_others = (nmi.sum(axis=1) - 1) / (r - 1) if r > 1 else np.ones(1)
    best = int(np.argmax(mean_to_others))
    consensus = Partition(parts[best].membership, method=method,
                          params={**parts[best].params, "consensus_of_runs": r,
                                  "consensus_rule": "run with the highest mean NMI to the others"},
                          modularity=parts[best].modularity)
    if reference is None or (isinstance(reference, str) and reference == "seed"):
        ref_part, ref_name = parts[0], "seed"
    elif isinstance(reference, str) and reference == "consensus":
        ref_part, ref_name = consensus, "consensus"
    elif isinstance(reference, Partition):
        ref_part, ref_name = reference, "given"
    else:
        raise InvalidParameterError(
            f"reference must be 'seed', 'consensus' or a Partition, got {reference!r}")
    ref = _aligned_membership(eco, ref_part)
    consistency = co_assignment_consistency(ref, arrays)
    partners = pd.DataFrame({"community": ref, "consistency": consistency},
                            index=pd.Index(eco.ids, name="id"))
    grp = partners.groupby("community")["consistency"]
    communities = pd.DataFrame({"size": grp.size(), "consistency": grp.mean(),
                                "min_consistency": grp.min()}).reset_index()
    mean_nmi = float(nmi[np.triu_indices(r, 1)].mean()) if r > 1 else 1.0
    params = {"method": method, "resolution": resolution, "seed": int(seed), "runs": r,
              "reference": ref_name,
              "consistency": "mean over runs of the share of reference-community mates in the same run community"}
    return StabilityResult(partition=ref_part, consensus=consensus, partners=partners,
                           communities=communities, runs=r, seeds=seeds, mean_nmi=mean_nmi,
                           modularities=[float(p.modularity) for p in parts], method=method,
                           params=params)

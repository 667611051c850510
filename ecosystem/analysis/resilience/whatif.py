"""What if A and B leave? Who is cut off, which communities split, what reach is lost.

:func:`what_if` compares the network before and after removing a set of partners
(:func:`what_if_scenarios` runs several against one shared :func:`what_if_baseline`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np
import pandas as pd

from ...exceptions import InvalidParameterError
from ...model import Ecosystem
from ...results import Partition
from ..sampling import total_rse
from .curves import _distance_matrix, _efficiency_without, inverse_distance_sums
from .measures import _components, _Masked, _remaining, _scaled


# ------------------------------------------------------------------ what-if
@dataclass
class WhatIfResult:
    """The effect of removing a set of partners (see :func:`what_if`)."""

    removed: list[str]
    removed_names: list[str]
    components_before: int
    components_after: int
    lcc_before: int
    lcc_after: int
    cut_off: pd.DataFrame
    communities_split: pd.DataFrame
    reach_pairs_before: int
    reach_pairs_after: int
    efficiency_before: float
    efficiency_after: float
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def reach_lost(self) -> int:
        """Pairs of remaining partners that could reach each other before but not after."""
        return self.reach_pairs_before - self.reach_pairs_after

    @property
    def reach_lost_share(self) -> float:
        return self.reach_lost / self.reach_pairs_before if self.reach_pairs_before else 0.0

    @property
    def efficiency_change(self) -> float:
        return self.efficiency_after - self.efficiency_before

    def summary(self) -> dict[str, Any]:
        """Flat dict of every number (for JSON and tables)."""
        return {"removed": self.removed, "removed_names": self.removed_names,
                "components_before": self.components_before,
                "components_after": self.components_after,
                "lcc_before": self.lcc_before, "lcc_after": self.lcc_after,
                "cut_off_count": int(len(self.cut_off)),
                "communities_split": int(self.communities_split["split"].sum())
                if len(self.communities_split) else 0,
                "reach_pairs_before": self.reach_pairs_before,
                "reach_pairs_after": self.reach_pairs_after, "reach_lost": self.reach_lost,
                "reach_lost_share": self.reach_lost_share,
                "efficiency_before": self.efficiency_before,
                "efficiency_after": self.efficiency_after,
                "efficiency_change": self.efficiency_change,
                "efficiency_change_se": self.params.get("efficiency_change_se")}


def efficiency_change_share(summary: Any) -> float | None:
    """The efficiency change of a what-if as a share of the efficiency before (-0.1 = 10%
    less efficient), from :meth:`WhatIfResult.summary` (or any mapping with
    ``efficiency_change`` and ``efficiency_before``); None when either is unknown or the
    network had no efficiency to lose.

    The report's what-if table and the decision brief quote this one number.

    Examples
    --------
    >>> efficiency_change_share({"efficiency_change": -0.05, "efficiency_before": 0.5})
    -0.1
    >>> efficiency_change_share({"efficiency_change": None, "efficiency_before": 0.5}) is None
    True
    """
    get = summary.get if hasattr(summary, "get") else (lambda k: getattr(summary, k, None))
    change, before = get("efficiency_change"), get("efficiency_before")
    try:
        change, before = float(change), float(before)
    except (TypeError, ValueError):
        return None
    if not (np.isfinite(change) and np.isfinite(before)) or before <= 0:
        return None
    return change / before


# ---------------------------------------------------------------------- "cut off" (issue 15)
def _in_main_network(membership: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Which remaining partners are in *the main network* after a removal.

    The main network is the largest remaining piece, when exactly one piece is largest and
    it holds at least two partners. When several pieces tie for largest (the network fell
    apart into equal halves, or only single partners are left, as when the hub of a star
    leaves), no piece is the main network: none is picked arbitrarily, and every partner
    who was in the main network before is *cut off*.

    Examples
    --------
    >>> _in_main_network(np.array([0, 0, 1]), np.array([2, 1])).tolist()
    [True, True, False]
    >>> _in_main_network(np.array([0, 1, 2]), np.array([1, 1, 1])).tolist()
    [False, False, False]
    """
    if not len(membership) or not len(sizes):
        return np.zeros(len(membership), bool)
    largest = int(sizes.max())
    if largest < 2 or int((sizes == largest).sum()) > 1:
        return np.zeros(len(membership), bool)
    return membership == int(np.argmax(sizes))


def _pairs(sizes: np.ndarray) -> int:
    s = np.asarray(sizes, dtype=np.int64)
    return int((s * (s - 1) // 2).sum())


@dataclass(frozen=True)
class WhatIfBaseline:
    """The intact network's side of every :func:`what_if` scenario, computed once.

    ``membership`` = component label per partner; ``efficiency`` = ``(value, sampled,
    relative standard error)`` for the given seed and sampling settings (or ``None``);
    when sampled, ``sources`` and ``sums`` hold the sampled partners and each one's sum
    of ``1 / d``, so that every scenario measures its change from the same sources.
    """

    membership: np.ndarray
    efficiency: tuple[float, bool, float] | None
    seed: int
    sample_above: int
    n_sources: int
    distances: Any = field(default=None, repr=False, compare=False)
    """The tie-length matrix, prepared once for every scenario's shortest paths."""
    sources: np.ndarray | None = field(default=None, repr=False, compare=False)
    sums: np.ndarray | None = field(default=None, repr=False, compare=False)


def what_if_baseline(eco: Ecosystem, *, seed: int = 0, efficiency: bool = True,
                     sample_above: int = 1000, n_sources: int = 50) -> WhatIfBaseline:
    """Components and efficiency of the intact network, shared by :func:`what_if` calls
    (pass it as ``baseline=``; :func:`what_if_scenarios` does that for you).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d")])
    >>> b = what_if_baseline(eco)
    >>> what_if(eco, ["b"], baseline=b).reach_lost == what_if(eco, ["b"]).reach_lost
    True
    """
    g0 = eco.igraph
    n = eco.n_partners
    dist = _Masked(_distance_matrix(eco)) if efficiency and eco.n_ties else None
    eff = None if not efficiency else (0.0, False, 0.0)
    sources = sums = None
    if dist is not None and n >= 2:
        # the sources _efficiency_without draws for the intact network (same seed)
        sampled = n > sample_above
        picked = (np.sort(np.random.default_rng(seed).choice(n, size=min(n_sources, n),
                                                              replace=False))
                  if sampled else np.arange(n))
        rows = inverse_distance_sums(dist, np.ones(n, dtype=bool), picked, sub=dist.matrix)
        eff = _scaled([rows], n, n, sampled)
        if sampled:
            sources, sums = picked, rows
    return WhatIfBaseline(membership=_components(g0), efficiency=eff, seed=seed,
                          sample_above=sample_above, n_sources=n_sources, distances=dist,
                          sources=sources, sums=sums)


def _paired_change(base: WhatIfBaseline, removed: np.ndarray, n: int
                   ) -> tuple[float, float, float] | None:
    """The change in efficiency when ``removed`` leave, from the baseline's own sources
    (those that remain), and its standard error; ``None`` when not sampled.

    Before and after are measured from the same sources, so their difference is not
    swamped by the sampling error of two independent estimates (on H2020, removing
    one partner "lost" 0.012-0.022 of 0.52 that way, for every partner alike). The
    removed partners' own sums are computed exactly on the intact network. Returns
    ``(change, standard error, relative standard error of the after value)``.
    """
    if base.sources is None or base.sums is None or base.distances is None:
        return None
    dist = base.distances
    mask = dist.keep_mask(removed)
    nr = int(mask.sum())
    stay = mask[base.sources]
    src = base.sources[stay]
    if nr < 2 or len(src) < 2:
        return None
    after = inverse_distance_sums(dist, mask, src)
    gone = inverse_distance_sums(dist, np.ones(n, dtype=bool), np.unique(removed),
                                 sub=dist.matrix)
    denom = n * (n - 1)
    scale = nr / len(src)
    diff = after - base.sums[stay]
    change = (float(diff.sum()) * scale - float(gone.sum())) / denom
    fpc = np.sqrt(max(0.0, 1.0 - len(src) / nr))
    se = float(nr * diff.std(ddof=1) / np.sqrt(len(src)) * fpc / denom)
    return change, se, total_rse(after, nr)


def what_if_scenarios(eco: Ecosystem, scenarios: Iterable[Iterable[str]], *,
                      partition: Partition | None = None, seed: int = 0,
                      efficiency: bool = True, sample_above: int = 1000,
                      n_sources: int = 50) -> list[WhatIfResult]:
    """:func:`what_if` for several removal sets, sharing one baseline (the intact
    network's components and efficiency are computed once, not once per scenario).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d")])
    >>> [w.components_after for w in what_if_scenarios(eco, [["b"], ["a"], ["b", "c"]])]
    [2, 1, 2]
    """
    scenarios = [list(s) for s in scenarios]
    if not scenarios:
        return []
    if partition is None:
        from ..communities import detect_communities
        partition = detect_communities(eco, seed=seed)
    base = what_if_baseline(eco, seed=seed, efficiency=efficiency, sample_above=sample_above,
                            n_sources=n_sources)
    return [what_if(eco, ids, partition=partition, seed=seed, efficiency=efficiency,
                    sample_above=sample_above, n_sources=n_sources, baseline=base)
            for ids in scenarios]


_COMMUNITY_DTYPES = {"community": "int64", "remaining": "int64", "removed": "int64",
                     "pieces": "int64", "split": "bool", "largest_piece_share": "float64"}


def what_if(eco: Ecosystem, remove: Iterable[str], *, partition: Partition | None = None,
            seed: int = 0, efficiency: bool = True, sample_above: int = 1000,
            n_sources: int = 50, baseline: WhatIfBaseline | None = None) -> WhatIfResult:
    """What if these partners leave? Who is cut off, what splits, how much reach is lost.

    Parameters
    ----------
    remove : iterable of str
        Partner ids or names (resolved with :meth:`Ecosystem.resolve`; an unknown
        partner raises :class:`~ecosystem.exceptions.PartnerNotFoundError`).
    partition : Partition, optional
        Communities to check for splits (default: Leiden with ``seed``).
    baseline : WhatIfBaseline, optional
        The intact network's components and efficiency from :func:`what_if_baseline`
        (same ``seed``, ``efficiency``, ``sample_above``, ``n_sources``), to share
        between scenarios; computed here when not given.

    Notes
    -----
    ``cut_off`` lists the remaining partners that were in the largest component before
    and are not in *the main network* after: the largest remaining piece when exactly one
    piece is largest and it holds two partners or more. When pieces tie for largest (or
    only single partners remain, as when the hub of a star leaves), there is no main
    network and all of them are cut off; no piece is picked arbitrarily. ``reach`` counts unordered pairs of
    *remaining* partners joined by some path. Efficiency is normalised by the partner
    count before removal (see module notes).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d")])
    >>> w = what_if(eco, ["b"])
    >>> w.cut_off.index.tolist(), w.components_after, w.reach_lost
    (['a'], 2, 2)
    """
    ids = [eco.resolve(x) for x in remove]
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise InvalidParameterError("name at least one partner to remove")
    eco.require_ties()
    n = eco.n_partners
    if partition is None:
        from ..communities import detect_communities
        partition = detect_communities(eco, seed=seed)
    idx = eco.ids.get_indexer(ids)
    if baseline is None or (baseline.seed, baseline.sample_above, baseline.n_sources) != \
            (seed, sample_above, n_sources) or (efficiency and baseline.efficiency is None):
        baseline = what_if_baseline(eco, seed=seed, efficiency=efficiency,
                                    sample_above=sample_above, n_sources=n_sources)
    before = baseline.membership
    size_b = np.bincount(before)
    g1, keep = _remaining(eco, idx)
    after = _components(g1)
    size_a = np.bincount(after) if len(after) else np.zeros(0, np.int64)
    was_main = _in_main_network(before, size_b)[keep]
    now_main = _in_main_network(after, size_a)
    cut_idx = keep[was_main & ~now_main]
    names = eco.names.to_numpy()
    cut = pd.DataFrame({"name": names[cut_idx], "sector": eco.sectors.to_numpy()[cut_idx]},
                       index=pd.Index(np.asarray(eco.ids)[cut_idx].astype(str), name="id"))
    # reach among remaining partners
    pairs_before = _pairs(np.bincount(before[keep])) if len(keep) else 0
    pairs_after = _pairs(size_a)
    # communities split
    memb = partition.membership.copy()
    memb.index = memb.index.astype(str)
    comm_keep = memb.reindex(np.asarray(eco.ids)[keep].astype(str)).to_numpy()
    comm_rows = []
    frame = pd.DataFrame({"community": comm_keep, "component": after})
    frame = frame.dropna(subset=["community"])
    removed_comm = memb.reindex(ids).value_counts()
    # only communities that lost a partner are reported: group just those
    touched = frame[frame["community"].isin(removed_comm.index)]
    for c, grp in touched.groupby("community", sort=True):
        counts = grp["component"].value_counts()
        comm_rows.append({"community": int(c), "remaining": int(len(grp)),
                          "removed": int(removed_comm.get(c, 0)),
                          "pieces": int(len(counts)), "split": bool(len(counts) > 1),
                          "largest_piece_share": float(counts.max() / len(grp))})
    for c, k in removed_comm.items():
        if c not in set(frame["community"]):
            comm_rows.append({"community": int(c), "remaining": 0, "removed": int(k),
                              "pieces": 0, "split": False, "largest_piece_share": 0.0})
    comms = pd.DataFrame(comm_rows, columns=list(_COMMUNITY_DTYPES))
    if not comm_rows and len(frame):  # typed columns, as when untouched communities were listed
        comms = comms.astype(_COMMUNITY_DTYPES)
    comms = comms[comms["removed"] > 0].sort_values(["split", "pieces", "community"],
                                                    ascending=[False, False, True]).reset_index(drop=True)
    change_se = None
    if efficiency:
        e0, s0, r0 = baseline.efficiency
        paired = _paired_change(baseline, idx, n)
        if paired is not None:  # sampled: the change measured from the same sources
            change, change_se, r1 = paired
            e1, s1 = e0 + change, True
        else:  # exact (or too few sources left): scipy's Dijkstra on the masked lengths
            e1, s1, r1 = (_efficiency_without(baseline.distances, idx, n,
                                              sample_above=sample_above, n_sources=n_sources,
                                              rng=np.random.default_rng(seed))
                          if baseline.distances is not None else (0.0, False, 0.0))
    else:
        e0 = e1 = float("nan")
        s0 = s1 = False
        r0 = r1 = 0.0
    return WhatIfResult(
        removed=ids, removed_names=[str(names[i]) for i in idx],
        components_before=int(len(size_b)), components_after=int(len(size_a)),
        lcc_before=int(size_b.max()), lcc_after=int(size_a.max()) if len(size_a) else 0,
        cut_off=cut, communities_split=comms, reach_pairs_before=pairs_before,
        reach_pairs_after=pairs_after, efficiency_before=e0, efficiency_after=e1,
        params={"seed": seed, "partition_method": partition.method,
                "efficiency_sampled": bool(s0 or s1), "sample_above": sample_above,
                "n_sources": n_sources,
                "efficiency_rse_max": (float(np.nanmax([r0, r1])) if (s0 or s1)
                                       and not np.isnan([r0, r1]).all() else None),
                "efficiency_change_se": change_se,
                "efficiency": "global efficiency on distance, normalised by n before removal"})

"""Does the top of the anchor ranking hold? Re-rank under other weightings and seeds.

An anchor ranking depends on choices: the measures' weights, the community detection's
seed (participation depends on the communities) and, for participation lists, how
shared projects are weighted (a tie per shared project, or Newman's ``1/(n_p - 1)``).
:func:`rank_stability` re-ranks the partners under the documented alternatives
(:data:`WEIGHTINGS`, ``seeds`` other community seeds, and the other projection weighting
when the relations carry their project size) and reports, for the top anchors, their
rank in each variant. :func:`near_tie` says when the top scores are too close to order.
"""
from __future__ import annotations

from typing import Any, Mapping

import numpy as np
import pandas as pd

from ..model import Ecosystem
from ..results import Partition

WEIGHTINGS: dict[str, dict[str, float]] = {
    "size_first": {"strength": 2.0, "pagerank": 2.0, "betweenness": 1.0, "participation": 1.0},
    "no_participation": {"strength": 1.0, "pagerank": 1.0, "betweenness": 1.0},
}
"""The alternative anchor weightings documented in docs/anchors.md ("biggest players
first" and "drop participation")."""

NEAR_TIE = 0.02
"""Anchor scores closer than this (on the 0..1 scale) are a near tie."""


def near_tie(anchors: pd.DataFrame, *, top: int = 10, gap: float = NEAR_TIE) -> dict[str, Any]:
    """How many of the ``top`` anchors lie within ``gap`` of the first one's score.

    Examples
    --------
    >>> a = pd.DataFrame({"rank": [1, 2, 3], "anchor_score": [0.99, 0.98, 0.90]})
    >>> near_tie(a)
    {'tied_with_first': 2, 'spread_top': 0.09, 'top': 3, 'gap': 0.02}
    """
    a = anchors.sort_values("rank") if "rank" in anchors else anchors
    s = a["anchor_score"].astype(float).head(top).to_numpy()
    if not len(s):
        return {"tied_with_first": 0, "spread_top": float("nan"), "top": 0, "gap": gap}
    return {"tied_with_first": int((s[0] - s < gap).sum()),
            "spread_top": round(float(s[0] - s[-1]), 6), "top": int(len(s)), "gap": gap}


def _other_projection(eco: Ecosystem) -> tuple[str, Ecosystem] | None:
    """The ecosystem with the other shared-project weighting, when relations carry it."""
    rel = eco.relations
    if not {"members", "weight"} <= set(rel.columns):
        return None
    members = pd.to_numeric(rel["members"], errors="coerce")
    weight = pd.to_numeric(rel["weight"], errors="coerce")
    if members.isna().any() or weight.isna().any() or (members < 2).any():
        return None
    newman = 1.0 / (members - 1.0)
    if np.allclose(weight, 1.0):
        return "newman", eco.replace(relations=rel.assign(weight=newman.to_numpy()))
    if np.allclose(weight, newman):
        return "count", eco.replace(relations=rel.assign(weight=1.0))
    return None


def rank_stability(eco: Ecosystem, anchors: pd.DataFrame, *, partition: Partition | None = None,
                   weights: Mapping[str, float] | None = None, seed: int = 0, seeds: int = 2,
                   top: int = 5, weightings: Mapping[str, Mapping[str, float]] | None = None,
                   method: str = "leiden", resolution: float = 1.0, centrality: Any = None,
                   max_ties_projection: int = 200_000) -> pd.DataFrame:
    """The top anchors' ranks under other weightings, community seeds and projection.

    Parameters
    ----------
    eco : Ecosystem
    anchors : DataFrame
        The reference ranking (:func:`~ecosystem.analysis.anchors.anchor_partners`).
    partition : Partition, optional
        The reference communities (reused by the weighting variants).
    weights : mapping, optional
        The reference weights (for the seed and projection variants).
    seed, seeds : int
        Community seeds ``seed+1 .. seed+seeds`` are tried.
    top : int
        How many top anchors to follow.
    weightings : mapping, optional
        Alternative weightings (default :data:`WEIGHTINGS`).
    centrality : CentralityResult, optional
        The analysis' centrality, reused by every variant on the same graph (weightings,
        seeds), so only the projection variant measures centrality again.
    max_ties_projection : int
        Above this many ties the projection variant is skipped (``attrs["skipped"]``).

    Returns
    -------
    DataFrame
        Indexed by partner id (the reference top ``top``): ``name``, ``rank`` (reference),
        one ``rank_<variant>`` column per variant, ``best_rank``, ``worst_rank``,
        ``holds`` (in the top ``top`` under every variant). ``attrs``: ``variants``
        (name -> description), ``first_holds`` (the reference #1 is #1 in every
        variant), ``firsts`` (variant -> its #1 id), ``near_tie`` (:func:`near_tie`).

    Examples
    --------
    >>> from .anchors import anchor_partners
    >>> eco = Ecosystem.from_edges([("hub", x) for x in "abcde"] + [("a", "b")])
    >>> rs = rank_stability(eco, anchor_partners(eco), top=2, seeds=1)
    >>> rs.index[0], bool(rs.loc["hub", "holds"]), rs.attrs["first_holds"]
    ('hub', True, True)
    """
    from .anchors import anchor_partners
    from .communities import detect_communities

    ref = anchors.sort_values("rank") if "rank" in anchors else anchors
    head = ref.head(top)
    variants: dict[str, pd.DataFrame] = {}
    described: dict[str, str] = {}
    for name, w in (weightings or WEIGHTINGS).items():
        try:
            variants[f"weights_{name}"] = anchor_partners(eco, partition=partition, weights=w,
                                                          centrality=centrality, seed=seed)
            described[f"weights_{name}"] = ", ".join(f"{k}={v:g}" for k, v in w.items())
        except Exception:  # a weighting needing a measure this network lacks is skipped
            continue
    for s in range(int(seed) + 1, int(seed) + 1 + int(seeds)):
        part = detect_communities(eco, method=method, resolution=resolution, seed=s)
        variants[f"seed_{s}"] = anchor_partners(eco, partition=part, weights=weights,
                                                centrality=centrality, seed=s)
        described[f"seed_{s}"] = f"communities with seed {s}"
    other = _other_projection(eco)
    skipped = []
    if other is not None and eco.n_ties > max_ties_projection:
        skipped.append(f"projection_{other[0]}: more than {max_ties_projection:,} ties")
        other = None
    if other is not None:
        kind, alt = other
        variants[f"projection_{kind}"] = anchor_partners(alt, weights=weights, seed=seed)
        described[f"projection_{kind}"] = ("shared projects weighted 1/(members - 1) (Newman)"
                                           if kind == "newman" else "one per shared project")
    out = pd.DataFrame({"name": head["name"] if "name" in head else head.index,
                        "rank": head["rank"] if "rank" in head else np.arange(1, len(head) + 1)},
                       index=head.index)
    for name, table in variants.items():
        out[f"rank_{name}"] = table["rank"].reindex(out.index).astype("Int64")
    rank_cols = ["rank"] + [f"rank_{v}" for v in variants]
    ranks = out[rank_cols].astype(float)
    out["best_rank"] = ranks.min(axis=1).astype(int)
    out["worst_rank"] = ranks.max(axis=1).astype(int)
    out["holds"] = out["worst_rank"] <= top
    firsts = {name: str(t.sort_values("rank").index[0]) for name, t in variants.items()}
    out.attrs["variants"] = described
    out.attrs["skipped"] = skipped
    out.attrs["firsts"] = firsts
    out.attrs["firsts_names"] = {k: str(eco.names.get(v, v)) for k, v in firsts.items()}
    out.attrs["first_holds"] = bool(len(head)) and all(v == str(head.index[0]) for v in firsts.values())
    out.attrs["near_tie"] = near_tie(ref)
    out.attrs["top"] = int(top)
    return out


__all__ = ["WEIGHTINGS", "NEAR_TIE", "near_tie", "rank_stability"]

"""Sector (or any attribute) gaps: mixing between sectors, assortativity, and the helix
groups or values each community lacks."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import pandas as pd

from ...exceptions import InvalidParameterError
from ...model import Ecosystem
from ...results import Partition
from .helix import HELIX_GROUPS, helix_group
from .mixing import _check_top, _group_gaps, _head, _matrix, weighted_assortativity


@dataclass
class SectorGapsResult:
    """Sector (or any attribute) mixing, assortativity and per-community missing groups.

    ``pairs``: every pair of different values with observed/expected ties, ratio, z,
    ``gap`` and bridging partners; ``gaps``: the gap rows; ``matrix`` / ``expected_matrix``:
    square strength matrices; ``assortativity`` (weighted) and
    ``assortativity_unweighted``; ``cross_share_ties`` / ``cross_share_strength``:
    share of ties (strength) between different values; ``missing``: one row per
    community with the values (sector: helix groups) it lacks; ``unknown``: sector
    labels that map to no helix group (sector only). ``top``: how many rows of ``gaps``
    and of ``missing`` the headline shows (:attr:`top_gaps`, :attr:`top_missing`; None:
    all). The tables are never cut: exports and findings use every row.
    """

    attribute: str
    pairs: pd.DataFrame
    gaps: pd.DataFrame
    matrix: pd.DataFrame
    expected_matrix: pd.DataFrame
    assortativity: float
    assortativity_unweighted: float
    cross_share_ties: float
    cross_share_strength: float
    missing: pd.DataFrame
    unknown: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    top: int | None = None

    @property
    def top_gaps(self) -> pd.DataFrame:
        """The first ``top`` rows of :attr:`gaps` (all when ``top`` is None)."""
        return _head(self.gaps, self.top)

    @property
    def top_missing(self) -> pd.DataFrame:
        """The first ``top`` rows of :attr:`missing`, the communities that lack most
        first (all when ``top`` is None)."""
        return _head(self.missing, self.top)


def sector_gaps(eco: Ecosystem, partition: Partition | None = None, attribute: str = "sector", *,
                helix: Mapping[str, str] | None = None, max_ratio: float = 0.5,
                min_expected: float = 1.0, min_size: int = 3, major_share: float = 0.1,
                top_bridges: int = 3, seed: int = 0, min_mapped: float = 0.5,
                top: int | None = None) -> SectorGapsResult:
    """Sector-by-sector (or country-by-country...) mixing and per-community missing groups.

    For ``attribute="sector"`` each community is checked against the quadruple helix
    (academia, industry, government, civil society; see :func:`helix_group`): the
    ``missing`` table lists the helix groups absent from each community of at least
    ``min_size`` partners, most gaps first. For another attribute a community "misses"
    a value held by at least ``major_share`` of all partners. For every attribute,
    ``missing_sectors`` lists the values that at least half of the communities have but
    this one lacks (a peer comparison: "every other cluster has a university, this one
    has none").

    A helix gap is claimed only for a community where at least ``min_mapped`` of the
    members have a sector that maps to the helix (``mapped_share``); sectors that map to
    no group are listed in ``unknown_sectors`` / ``unknown`` (unmapped), never as gaps.

    ``top`` (configuration key ``top.gaps``; None: all) sets how many rows of ``gaps`` and
    ``missing`` the headline tables :attr:`SectorGapsResult.top_gaps` and
    :attr:`SectorGapsResult.top_missing` hold; ``gaps``, ``missing`` and ``pairs`` always
    hold every row.

    Examples
    --------
    >>> partners = pd.DataFrame({"id": list("abcdef"), "sector": [
    ...     "university", "company", "government", "company", "startup", "SME"]})
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"),
    ...                             ("e", "f"), ("d", "f"), ("c", "d")], partners=partners)
    >>> sg = sector_gaps(eco)
    >>> sg.missing.loc[0, ["members", "missing"]].tolist()
    [['d', 'e', 'f'], ['academia', 'government', 'civil_society']]
    >>> len(sector_gaps(eco, top=1).top_missing)
    1
    """
    _check_top(top)
    if min_size < 1:
        raise InvalidParameterError(f"min_size must be >= 1, got {min_size!r}")
    values = eco.sectors if attribute == "sector" else eco.attribute(attribute)
    if partition is None:
        from ..communities import detect_communities
        partition = detect_communities(eco, seed=seed)
    pairs, gaps, (table, labels) = _group_gaps(
        eco, values, max_ratio=max_ratio, min_expected=min_expected,
        top_bridges=top_bridges, prefix="group")
    cross = pairs
    tot_ties = table["ties"].sum()
    tot_str = table["strength"].sum()
    cs_ties = float(cross["ties"].sum() / tot_ties) if tot_ties else float("nan")
    cs_str = float(cross["strength"].sum() / tot_str) if tot_str else float("nan")

    vals = values.copy()
    vals.index = vals.index.astype(str)
    vals = vals.reindex(eco.ids).astype(object).where(vals.reindex(eco.ids).notna(), "(missing)")
    member = partition.membership.reindex(eco.ids)
    unknown: list[str] = []
    rows = []
    grouped = pd.Series(member.index, index=member.index).groupby(member.to_numpy(), sort=True)
    big_groups = [(c, pd.Index(ids)) for c, ids in grouped if len(ids) >= min_size]
    if attribute == "sector":
        groups_of = {v: helix_group(v, helix) for v in pd.unique(vals.astype(str))}
        unknown = sorted(v for v, gname in groups_of.items() if gname is None)
        for c, ids_c in big_groups:
            member_vals = vals.loc[ids_c].astype(str)
            present_sectors = sorted(pd.unique(member_vals).tolist())
            present = [g for g in HELIX_GROUPS if any(groups_of[s] == g for s in present_sectors)]
            mapped = float(member_vals.map(lambda v: groups_of[v] is not None).mean())
            # a helix gap is claimed only where most members' sectors map to the helix
            miss = [g for g in HELIX_GROUPS if g not in present] if mapped >= min_mapped else []
            rows.append({"community": int(c), "size": int(len(ids_c)),
                         "members": [str(i) for i in ids_c[:50]],
                         "present": present, "missing": miss, "n_missing": len(miss),
                         "sectors": present_sectors,
                         "unknown_sectors": [s for s in present_sectors if groups_of[s] is None],
                         "mapped_share": mapped})
    else:
        share = vals.astype(str).value_counts(normalize=True)
        major = sorted(share.index[share >= major_share].tolist())
        for c, ids_c in big_groups:
            present = sorted(pd.unique(vals.loc[ids_c].astype(str)).tolist())
            miss = [v for v in major if v not in present]
            rows.append({"community": int(c), "size": int(len(ids_c)),
                         "members": [str(i) for i in ids_c[:50]], "present": present,
                         "missing": miss, "n_missing": len(miss), "sectors": present,
                         "unknown_sectors": [], "mapped_share": 1.0})
    # Peer comparison at the value level: a value (e.g. "university", "investor") that at
    # least half of the communities have is "missing" from a community without it.
    if rows:
        have = pd.Series([v for r in rows for v in set(r["sectors"])]).value_counts()
        common = sorted(v for v, n in have.items() if n >= len(rows) / 2
                        and v not in ("(missing)", "unknown") and v not in unknown)
    else:
        common = []
    for r in rows:
        r["missing_sectors"] = [v for v in common if v not in r["sectors"]]
        r["n_missing_sectors"] = len(r["missing_sectors"])
    missing = pd.DataFrame(rows, columns=["community", "size", "members", "present", "missing",
                                          "n_missing", "sectors", "unknown_sectors",
                                          "missing_sectors", "n_missing_sectors", "mapped_share"])
    missing = missing.sort_values(["n_missing", "n_missing_sectors", "size", "community"],
                                  ascending=[False, False, False, True],
                                  kind="mergesort").reset_index(drop=True)
    return SectorGapsResult(
        attribute=attribute, pairs=pairs, gaps=gaps,
        matrix=_matrix(table, "strength", labels),
        expected_matrix=_matrix(table, "expected_strength", labels),
        assortativity=weighted_assortativity(eco, values),
        assortativity_unweighted=weighted_assortativity(eco, values, weighted=False),
        cross_share_ties=cs_ties, cross_share_strength=cs_str, missing=missing, unknown=unknown,
        params={"attribute": attribute, "max_ratio": max_ratio, "min_expected": min_expected,
                "min_size": min_size, "major_share": major_share, "min_mapped": min_mapped,
                "helix_map": dict(helix or {}),
                "helix_groups": list(HELIX_GROUPS) if attribute == "sector" else None,
                "partition_method": partition.method, "partition_params": dict(partition.params),
                "null_model": table.attrs["null_model"]}, top=top)

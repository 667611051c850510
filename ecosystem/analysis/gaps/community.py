"""Community gaps: pairs of communities with far fewer ties than their degrees predict."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ...model import Ecosystem
from ...results import Partition
from .mixing import (_check_gap_thresholds, _check_top, _codes, _group_gaps, _head, _is_gap,
                     _matrix, _mixing)


@dataclass
class CommunityGapsResult:
    """Community-by-community mixing, observed vs expected, and the gaps.

    ``pairs``: one row per pair of different communities (``community_a < community_b``)
    with ``ties, expected_ties, strength, expected_strength, ratio, z, gap, relative_ratio,
    bridges, bridge_names, bridge_strength`` (``relative_ratio`` = ratio divided by the
    ratio of all between-community ties together: below 1 = weaker than a typical pair);
    ``gaps``: every gap row, most under-connected (lowest z) first; ``ties_matrix`` /
    ``strength_matrix`` / ``expected_matrix``: square DataFrames (diagonal = ties inside
    a community). ``top``: how many gaps the headline shows (:attr:`top_gaps`; None: all).
    The tables are never cut: exports, findings and the gap flags of recommendations use
    every gap.
    """

    pairs: pd.DataFrame
    gaps: pd.DataFrame
    ties_matrix: pd.DataFrame
    strength_matrix: pd.DataFrame
    expected_matrix: pd.DataFrame
    params: dict[str, Any] = field(default_factory=dict)
    top: int | None = None

    @property
    def top_gaps(self) -> pd.DataFrame:
        """The first ``top`` rows of :attr:`gaps` (the most under-connected pairs; all
        when ``top`` is None): the rows a report or summary shows."""
        return _head(self.gaps, self.top)


def community_gap_pairs(eco: Ecosystem, partition: Partition, *, max_ratio: float = 0.5,
                        min_expected: float = 1.0, among: Any = None) -> set[tuple[Any, Any]]:
    """The community pairs ``(a, b)`` (``a < b``) that are gaps, as :func:`community_gaps`
    decides them, without its tables and bridging partners (cheap: one pass over the ties).

    ``among``: optional iterable of community pairs; only these are checked.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"),
    ...                             ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    >>> part = Partition(pd.Series({"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1}))
    >>> community_gap_pairs(eco, part, min_expected=0, max_ratio=0.5)
    {(0, 1)}
    """
    _check_gap_thresholds(max_ratio, min_expected)
    codes, labels = _codes(partition.membership, eco)
    only = None
    if among is not None:
        index = {lab: i for i, lab in enumerate(labels)}
        got = [(index[a], index[b]) for a, b in among if a in index and b in index and a != b]
        got = sorted({(min(a, b), max(a, b)) for a, b in got})
        if not got:
            return set()
        only = (np.array([a for a, _ in got]), np.array([b for _, b in got]))
    table = _mixing(eco, codes, labels, min_expected=min_expected, only=only)
    table = table[table["group_a"] != table["group_b"]]
    gap = table[_is_gap(table, max_ratio, min_expected)]
    return set(zip(gap["group_a"].tolist(), gap["group_b"].tolist()))


def community_gaps(eco: Ecosystem, partition: Partition | None = None, *, max_ratio: float = 0.5,
                   min_expected: float = 1.0, top_bridges: int = 3, seed: int = 0,
                   top: int | None = None) -> CommunityGapsResult:
    """Pairs of communities with far fewer ties than their degrees predict.

    Parameters
    ----------
    partition : Partition, optional
        Default: :func:`~ecosystem.analysis.communities.detect_communities` (Leiden, ``seed``).
    max_ratio : float, default 0.5
        A pair is a gap when observed strength is at most this share of expected ...
    min_expected : float, default 1.0
        ... and at least this many ties were expected (tiny communities are not gaps).
    top_bridges : int, default 3
        Partners listed as currently bridging each pair (most cross-strength first).
    seed : int, default 0
        Seed of the default community detection.
    top : int, optional
        Gaps in the headline table :attr:`CommunityGapsResult.top_gaps` (configuration
        key ``top.gaps``); None: all. ``gaps`` and ``pairs`` always hold every row.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"),
    ...                             ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    >>> cg = community_gaps(eco, min_expected=0)
    >>> cg.pairs[["community_a", "community_b", "ties", "bridges"]].values.tolist()
    [[0, 1, 1, ['c', 'd']]]
    >>> len(cg.gaps), len(community_gaps(eco, min_expected=0, top=1).top_gaps)
    (1, 1)
    """
    _check_top(top)
    if partition is None:
        from ..communities import detect_communities
        partition = detect_communities(eco, seed=seed)
    pairs, gaps, (table, labels) = _group_gaps(
        eco, partition.membership, max_ratio=max_ratio, min_expected=min_expected,
        top_bridges=top_bridges, prefix="community")
    return CommunityGapsResult(
        pairs=pairs, gaps=gaps, ties_matrix=_matrix(table, "ties", labels),
        strength_matrix=_matrix(table, "strength", labels),
        expected_matrix=_matrix(table, "expected_strength", labels),
        params={"partition_method": partition.method, "partition_params": dict(partition.params),
                "max_ratio": max_ratio, "min_expected": min_expected,
                "null_model": table.attrs["null_model"], "units": "strength",
                "z": "(observed - expected) / sqrt(mean tie strength * expected)"}, top=top)

"""Result objects shared between analyses and renderers.

Every result carries how it was produced (``method`` and ``params``, including any
seed), so reports and JSON output can state their provenance.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class Partition:
    """A split of the partners into communities.

    ``membership`` maps partner id -> community number; communities are numbered by
    size (largest = 0; ties broken by the first member's position in the partner
    table), so the same partition always gets the same numbers.

    Examples
    --------
    >>> p = Partition(pd.Series({"a": 0, "b": 0, "c": 1}), method="given")
    >>> p.n_communities, p.n_groups, p.members(0)
    (2, 1, ['a', 'b'])
    """

    membership: pd.Series
    method: str = "given"
    params: dict[str, Any] = field(default_factory=dict)
    modularity: float = float("nan")

    @property
    def n_communities(self) -> int:
        return int(self.membership.nunique()) if len(self.membership) else 0

    @property
    def n_groups(self) -> int:
        """Communities with at least two partners.

        Isolated partners (no relation) each form a one-partner community; reports count
        them as isolates, not as communities.
        """
        return int((self.membership.value_counts() >= 2).sum()) if len(self.membership) else 0

    @property
    def sizes(self) -> pd.Series:
        return self.membership.value_counts().sort_index()

    def members(self, community: int) -> list[str]:
        return [str(i) for i in self.membership.index[self.membership == community]]

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"id": self.membership.index.astype(str),
                             "community": self.membership.to_numpy()})


def number_by_size(labels, order_index=None) -> list[int]:
    """Renumber arbitrary labels so the largest group is 0, then 1, ...

    Ties in size go to the group whose first member comes first.

    Examples
    --------
    >>> number_by_size(["x", "y", "y", "z", "z", "z"])
    [2, 1, 1, 0, 0, 0]
    """
    labels = list(labels)
    first: dict[Any, int] = {}
    size: dict[Any, int] = {}
    for i, lab in enumerate(labels):
        first.setdefault(lab, i)
        size[lab] = size.get(lab, 0) + 1
    order = sorted(size, key=lambda lab: (-size[lab], first[lab]))
    rank = {lab: k for k, lab in enumerate(order)}
    return [rank[lab] for lab in labels]

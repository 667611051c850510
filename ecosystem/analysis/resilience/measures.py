"""What removal curves, what-if scenarios and key players measure, on a masked network.

Components and fragmentation of the network without some partners, and the global
efficiency (Latora & Marchiori 2001) with seeded source sampling on large networks;
the definitions are in :mod:`ecosystem.analysis.resilience`.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

from ...model import Ecosystem
from ..sampling import total_rse


# ------------------------------------------------------------------ measures
def _efficiency(g, n_total: int, *, sample_above: int, n_sources: int,
                rng: np.random.Generator) -> tuple[float, bool, float]:
    """Global efficiency of igraph ``g`` (edge attr ``distance``), normalised by n_total:
    ``(value, sampled, relative standard error)`` (the error is 0 when computed exactly)."""
    nr = g.vcount()
    if n_total < 2 or nr < 2 or g.ecount() == 0:
        return 0.0, False, 0.0
    sampled = nr > sample_above
    sources = (np.sort(rng.choice(nr, size=min(n_sources, nr), replace=False)) if sampled
               else np.arange(nr))
    per_source = []
    chunk = max(1, 2_000_000 // max(nr, 1))
    lengths = np.asarray(g.es["distance"], dtype=float)
    unit = float(lengths[0]) if len(lengths) and np.all(lengths == lengths[0]) else None
    for i in range(0, len(sources), chunk):
        src = sources[i:i + chunk].tolist()
        if unit is not None:  # equal lengths: breadth-first search is ~6x faster than Dijkstra
            dist = np.asarray(g.distances(source=src), dtype=float) * unit
        else:
            dist = np.asarray(g.distances(source=src, weights="distance"), dtype=float)
        with np.errstate(divide="ignore"):
            inv = np.where(np.isfinite(dist) & (dist > 0), 1.0 / dist, 0.0)
        per_source.append(inv.sum(axis=1))
    return _scaled(per_source, nr, n_total, sampled)


def _scaled(per_source: list[np.ndarray], nr: int, n_total: int,
            sampled: bool) -> tuple[float, bool, float]:
    """Efficiency from each source's sum of ``1 / distance``: ``(value, sampled, rse)``."""
    x = np.concatenate(per_source) if per_source else np.zeros(0)
    total = float(x.sum())
    if sampled:
        total *= nr / len(x)
    return total / (n_total * (n_total - 1)), sampled, (total_rse(x, nr) if sampled else 0.0)


def _components(g) -> np.ndarray:
    if g.vcount() == 0:
        return np.zeros(0, dtype=np.int64)
    return np.asarray(g.connected_components().membership, dtype=np.int64)


class _Masked:
    """A symmetric CSR matrix prepared for many "without these partners" evaluations.

    :meth:`without` drops the rows and columns of removed partners by masking the
    stored entries (two vectorised passes over the ties, no matrix product and no
    renumbering), so each evaluation costs O(partners + ties) with a small constant.
    """

    def __init__(self, matrix) -> None:
        import scipy.sparse as sp

        m = sp.csr_matrix(matrix)
        self.n = m.shape[0]
        self.indptr = m.indptr
        self.indices = m.indices
        self.data = m.data
        self.rows = np.repeat(np.arange(self.n, dtype=m.indices.dtype), np.diff(m.indptr))
        self.matrix = m
        self.pattern = np.ones(len(m.indices))
        self._mirror: np.ndarray | None = None

    def keep_mask(self, removed: Iterable[int]) -> np.ndarray:
        """Boolean mask of the partners left after ``removed`` (indices)."""
        mask = np.ones(self.n, dtype=bool)
        rem = removed if isinstance(removed, np.ndarray) else list(removed)
        mask[np.asarray(rem, dtype=np.int64)] = False
        return mask

    def without(self, mask: np.ndarray):
        """The CSR matrix with every entry touching a removed partner (``~mask``) dropped,
        on the original numbering (removed partners become isolated)."""
        import scipy.sparse as sp

        if mask.all():
            return self.matrix
        entry = mask[self.rows] & mask[self.indices]
        cum = np.zeros(len(entry) + 1, dtype=np.int64)
        np.cumsum(entry, out=cum[1:])
        indptr = cum[self.indptr].astype(self.indptr.dtype, copy=False)
        return sp.csr_matrix((self.data[entry], self.indices[entry], indptr),
                             shape=(self.n, self.n))

    def _isolated(self, rem: np.ndarray):
        """The pattern with every tie of ``rem`` turned into a self-tie (harmless for
        components): one copy of the index array plus O(degree of rem) writes, cheaper
        than masking every entry when few partners are removed."""
        import scipy.sparse as sp

        if self._mirror is None:  # position of each entry's reverse (symmetric, sorted)
            self._mirror = np.lexsort((self.rows, self.indices))
        indices = self.indices.copy()
        if len(rem):
            starts, ends = self.indptr[rem], self.indptr[rem + 1]
            own = np.concatenate([np.arange(a, b) for a, b in zip(starts.tolist(), ends.tolist())]) \
                if len(rem) > 1 else np.arange(int(starts[0]), int(ends[0]))
            indices[own] = self.rows[own]
            back = self._mirror[own]
            indices[back] = self.rows[back]
        return sp.csr_matrix((self.pattern, indices, self.indptr), shape=(self.n, self.n))

    def sizes(self, removed: Iterable[int]) -> np.ndarray:
        """Component sizes of the remaining partners (any order, no zeros)."""
        from scipy.sparse.csgraph import connected_components

        mask = self.keep_mask(removed)
        if not mask.any():
            return np.zeros(0, dtype=np.int64)
        rem = np.flatnonzero(~mask)
        if len(rem) <= 64:
            graph = self._isolated(rem)
        else:
            graph = self.without(mask)
        # symmetric: strong components = components, and scipy skips the transpose
        _, labels = connected_components(graph, directed=True, connection="strong")
        counts = np.bincount(labels[mask])
        return counts[counts > 0]


def _component_sizes(adj, removed: Iterable[int]) -> np.ndarray:
    """Component sizes of the network without ``removed`` (sparse, no graph copy).

    ``adj`` is a symmetric adjacency matrix or a prepared :class:`_Masked`.
    """
    masked = adj if isinstance(adj, _Masked) else _Masked(adj)
    return masked.sizes(removed)


def _adjacency(eco: Ecosystem) -> _Masked:
    """The tie pattern, prepared for component counts without graph copies."""
    return _Masked(eco.strength_matrix)


def _remaining(eco: Ecosystem, removed_idx: Iterable[int]):
    g = eco.igraph
    mask = np.ones(g.vcount(), dtype=bool)
    mask[np.asarray(list(removed_idx), dtype=np.int64)] = False
    keep = np.flatnonzero(mask)
    return g.induced_subgraph(keep.tolist(), implementation="create_from_scratch"), keep


def fragmentation(sizes: Sequence[int]) -> float:
    """Borgatti's fragmentation from component sizes.

    Examples
    --------
    >>> fragmentation([4]), fragmentation([1, 1, 1]), round(fragmentation([2, 2]), 4)
    (0.0, 1.0, 0.6667)
    """
    s = np.asarray(sizes, dtype=float)
    n = s.sum()
    if n < 2:
        return 0.0
    return float(1.0 - (s * (s - 1)).sum() / (n * (n - 1)))

"""The backbone of a weighted network: the disparity filter (Serrano, Boguñá, Vespignani 2009).

M. Á. Serrano, M. Boguñá and A. Vespignani, "Extracting the multiscale backbone of
complex weighted networks", *PNAS* 106 (16), 6483-6488 (2009), doi:10.1073/pnas.0808904106.

For partner ``i`` with ``k_i`` ties and strength ``s_i`` (sum of its tie strengths), the
null model spreads ``s_i`` uniformly at random over the ``k_i`` ties. Under it, the share
``p_ij = w_ij / s_i`` of one tie is at least as large as observed with probability

.. math:: \\alpha_{ij} = (1 - p_{ij})^{k_i - 1}

A tie is **significant for i** when ``alpha_ij < alpha`` (default 0.05): it carries more
of ``i``'s strength than chance would give it. The backbone keeps a tie when it is
significant for **at least one** of its two ends (the paper's rule). A partner with a
single tie has ``alpha = 1`` by the formula (one tie carries all of its strength by
necessity), so the paper's filter would always drop such ties and leave their partner
floating; ``keep_leaves=True`` (default) keeps the tie of a one-tie partner, and says so
in the ``reason`` column.

Direction is ignored (a directed ecosystem's opposite ties are merged, strengths added,
as in :attr:`~ecosystem.model.Ecosystem.undirected_ties`). Strengths must be positive.

Examples
--------
>>> from ecosystem import Ecosystem
>>> eco = Ecosystem.from_edges([("a", "b", 10), ("a", "c", 1), ("a", "d", 1), ("a", "e", 1),
...                             ("b", "c", 1)])
>>> bb = disparity_filter(eco, alpha=0.2)
>>> bb.loc[bb["backbone"], ["source", "target"]].values.tolist()
[['a', 'b'], ['a', 'd'], ['a', 'e']]
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import schema as S
from ..exceptions import InvalidParameterError
from ..model import Ecosystem


def disparity_alphas(source: np.ndarray, target: np.ndarray, strength: np.ndarray,
                     n: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``alpha`` of every tie seen from its source and from its target, and end degrees.

    Parameters
    ----------
    source, target : array of int
        Node indices (0..n-1) of each undirected tie (each pair once).
    strength : array of float
        Tie strengths (> 0).
    n : int, optional
        Number of nodes (default: largest index + 1).

    Returns
    -------
    alpha_source, alpha_target : ndarray of float
        ``(1 - w / s_end) ** (k_end - 1)`` for each end.
    min_degree : ndarray of int
        The smaller of the two ends' degrees (1 marks a leaf tie).

    Examples
    --------
    >>> a_s, a_t, k = disparity_alphas(np.array([0, 0]), np.array([1, 2]), np.array([3.0, 1.0]))
    >>> a_s.tolist(), a_t.tolist(), k.tolist()
    ([0.25, 0.75], [1.0, 1.0], [1, 1])
    """
    source = np.asarray(source, dtype=np.int64)
    target = np.asarray(target, dtype=np.int64)
    w = np.asarray(strength, dtype=float)
    if len(w) and not (np.isfinite(w).all() and (w > 0).all()):
        bad = w[~(np.isfinite(w) & (w > 0))][0]
        raise InvalidParameterError(f"the disparity filter needs positive tie strengths, got {bad!r}")
    if n is None:
        n = int(max(source.max(initial=-1), target.max(initial=-1))) + 1
    k = np.bincount(source, minlength=n) + np.bincount(target, minlength=n)
    s = np.bincount(source, weights=w, minlength=n) + np.bincount(target, weights=w, minlength=n)

    def alpha(end: np.ndarray) -> np.ndarray:
        p = np.clip(w / s[end], 0.0, 1.0)
        return np.power(1.0 - p, k[end] - 1.0)

    return alpha(source), alpha(target), np.minimum(k[source], k[target])


def disparity_filter(eco: Ecosystem, *, alpha: float = 0.05,
                     keep_leaves: bool = True) -> pd.DataFrame:
    """Every tie with its disparity-filter significance and whether it is in the backbone.

    Parameters
    ----------
    eco : Ecosystem
    alpha : float, default 0.05
        Significance level, in (0, 1]: smaller keeps fewer ties.
    keep_leaves : bool, default True
        Keep the tie of a partner that has only one tie (see module docstring).

    Returns
    -------
    DataFrame
        One row per undirected tie (order of :attr:`Ecosystem.undirected_ties`):
        ``source, target, strength, alpha_source, alpha_target, alpha`` (the smaller of
        the two), ``backbone`` (bool) and ``reason`` (``"significant"``, ``"leaf"`` or
        ``""``).

    Raises
    ------
    InvalidParameterError
        ``alpha`` outside (0, 1], or a tie strength that is not positive.

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> eco = Ecosystem.from_edges([("a", "b", 3), ("a", "c", 1)])
    >>> disparity_filter(eco, alpha=0.5)[["source", "target", "alpha", "reason"]].values.tolist()
    [['a', 'b', 0.25, 'significant'], ['a', 'c', 0.75, 'leaf']]
    """
    if not (isinstance(alpha, (int, float)) and 0 < float(alpha) <= 1):
        raise InvalidParameterError(f"alpha must be in (0, 1], got {alpha!r}")
    ties = eco.undirected_ties
    a_s, a_t, kmin = disparity_alphas(ties["source_index"].to_numpy(), ties["target_index"].to_numpy(),
                                      ties[S.STRENGTH].to_numpy(float), eco.n_partners)
    significant = (a_s < alpha) | (a_t < alpha)
    leaf = (kmin == 1) & bool(keep_leaves)
    reason = np.where(significant, "significant", np.where(leaf, "leaf", ""))
    return pd.DataFrame({"source": ties[S.SOURCE].to_numpy(), "target": ties[S.TARGET].to_numpy(),
                         "strength": ties[S.STRENGTH].to_numpy(float),
                         "alpha_source": a_s, "alpha_target": a_t,
                         "alpha": np.minimum(a_s, a_t), "backbone": significant | leaf,
                         "reason": reason})


def spanning_forest(source: np.ndarray, target: np.ndarray, strength: np.ndarray,
                    n: int | None = None, *, prefer: np.ndarray | None = None) -> np.ndarray:
    """Mask of the ties of a maximum spanning forest (strongest ties that connect everyone).

    The forest of minimum total distance ``1/strength`` (the engine's tie length), so it
    keeps every connected group of partners connected with its strongest ties. ``prefer``
    (boolean per tie) breaks exact ties in favour of the flagged ties (a map prefers ties
    inside a community). Together with :func:`disparity_filter` it gives a display
    backbone where no partner floats loose even when weights are nearly uniform (there the
    disparity filter alone keeps almost nothing: every share is close to ``1/k``).

    Examples
    --------
    >>> spanning_forest(np.array([0, 1, 0]), np.array([1, 2, 2]), np.array([3.0, 2.0, 1.0])).tolist()
    [True, True, False]
    """
    import igraph as ig

    source = np.asarray(source, dtype=np.int64)
    target = np.asarray(target, dtype=np.int64)
    w = np.asarray(strength, dtype=float)
    if n is None:
        n = int(max(source.max(initial=-1), target.max(initial=-1))) + 1
    if len(w) == 0:
        return np.zeros(0, dtype=bool)
    dist = 1.0 / np.where(w > 0, w, np.nan)
    dist = np.where(np.isfinite(dist), dist, np.nanmax(dist[np.isfinite(dist)], initial=1.0) * 10)
    if prefer is not None:
        dist = dist * np.where(np.asarray(prefer, dtype=bool), 1.0 - 1e-9, 1.0)
    g = ig.Graph(n=n, edges=list(zip(source.tolist(), target.tolist())))
    keep = np.zeros(len(w), dtype=bool)
    keep[np.asarray(g.spanning_tree(weights=dist.tolist(), return_tree=False), dtype=np.int64)] = True
    return keep


__all__ = ["disparity_filter", "disparity_alphas", "spanning_forest"]

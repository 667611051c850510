"""Community detection (Leiden by default), seeded and numbered by size."""
from __future__ import annotations

import random

import numpy as np
import pandas as pd

from ..exceptions import InvalidParameterError
from ..model import Ecosystem
from ..results import Partition, number_by_size

METHODS = ("leiden", "louvain", "label_propagation")


def detect_communities(eco: Ecosystem, *, method: str = "leiden", resolution: float = 1.0,
                       seed: int = 0) -> Partition:
    """Split the partners into communities of densely tied partners.

    Uses igraph on the undirected strength-weighted graph. ``leiden`` optimises
    modularity (igraph's ``community_leiden`` with ``objective_function="modularity"``;
    its default CPM objective would return thousands of tiny groups), ``louvain`` is
    igraph's multilevel algorithm, ``label_propagation`` igraph's label propagation.
    Isolated partners form their own one-partner communities.

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
    if not resolution > 0:
        raise InvalidParameterError(f"resolution must be > 0, got {resolution!r}")
    g = eco.igraph
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
                                    resolution=resolution, n_iterations=-1)
        elif method == "louvain":
            cl = g.community_multilevel(weights=weights, resolution=resolution)
        else:
            cl = g.community_label_propagation(weights=weights)
    finally:
        random.setstate(state)
    labels = number_by_size(cl.membership)
    membership = pd.Series(np.asarray(labels, dtype=int), index=eco.ids, name="community")
    q = g.modularity(labels, weights=weights, resolution=resolution) if g.ecount() else float("nan")
    return Partition(membership, method=method,
                     params={"resolution": resolution, "seed": seed, "weights": "strength"},
                     modularity=float(q))

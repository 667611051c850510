"""Each triangle found once over ties oriented by degree (ecosystem.analysis.triangles)."""
from __future__ import annotations

import numpy as np
import pytest

from ecosystem import Ecosystem
from ecosystem.analysis.triangles import masked_sums, orient


@pytest.mark.parametrize("seed", range(4))
def test_triangles_at_each_partner_equal_igraph_listing_in_any_block_size(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(15, 60))
    pairs = {tuple(sorted(map(int, p))) for p in rng.integers(0, n, size=(4 * n, 2)) if p[0] != p[1]}
    eco = Ecosystem.from_edges([(f"p{a}", f"p{b}") for a, b in pairs],
                               partners=[f"p{i}" for i in range(n)])
    g = eco.igraph
    expected = np.zeros(g.vcount())
    for tri in g.list_triangles():
        expected[list(tri)] += 1
    el = np.asarray(g.get_edgelist())
    lo = orient(g.vcount(), el[:, 0], el[:, 1], np.ones(len(el)))
    assert lo.nnz == len(el) and lo.multiply(lo.T).nnz == 0     # each tie once, one way
    for budget in (1, 25, 4_000_000):
        (low, high), = masked_sums(lo, lo, [lo], budget=budget)
        (middle, _), = masked_sums(lo.T, lo, [lo], budget=budget)
        assert (low + high + middle).tolist() == expected.tolist()
        assert low.sum() == high.sum() == middle.sum() == len(g.list_triangles())

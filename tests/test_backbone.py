"""The disparity filter (Serrano, Boguñá & Vespignani 2009) against hand-computed values."""
from __future__ import annotations

import numpy as np
import pytest

from ecosystem import Ecosystem
from ecosystem.analysis.backbone import disparity_filter
from ecosystem.exceptions import InvalidParameterError


def star_with_chord() -> Ecosystem:
    # hub h: ties of 8, 1, 1 (k=3, s=10); a-b chord of 2; c hangs off h only
    return Ecosystem.from_edges([("h", "a", 8), ("h", "b", 1), ("h", "c", 1), ("a", "b", 2)])


def test_alphas_match_the_hand_computed_formula():
    # alpha_ij = (1 - w_ij / s_i) ** (k_i - 1)
    # h: k=3, s=10 -> h-a: 0.2**2 = 0.04; h-b, h-c: 0.9**2 = 0.81
    # a: k=2, s=10 -> a-h: 0.2; a-b: 0.8      b: k=2, s=3 -> b-h: 2/3; b-a: 1/3
    # c: k=1 -> 1 (a leaf)
    bb = disparity_filter(star_with_chord(), alpha=0.05).set_index(["source", "target"])
    expected = {("a", "h"): (0.2, 0.04), ("a", "b"): (0.8, 1 / 3), ("b", "h"): (2 / 3, 0.81),
                ("c", "h"): (1.0, 0.81)}
    for (s, t), (a_s, a_t) in expected.items():
        key = (s, t) if (s, t) in bb.index else (t, s)
        row = bb.loc[key]
        got = (row["alpha_source"], row["alpha_target"]) if key == (s, t) else \
            (row["alpha_target"], row["alpha_source"])
        assert got == pytest.approx((a_s, a_t))
        assert row["alpha"] == pytest.approx(min(a_s, a_t))


def test_backbone_keeps_ties_significant_for_one_end_and_leaf_ties():
    bb = disparity_filter(star_with_chord(), alpha=0.05)
    kept = {frozenset(p) for p, k in zip(zip(bb["source"], bb["target"]), bb["backbone"]) if k}
    # h-a is significant for h (0.04 < 0.05); c's only tie is kept as a leaf tie
    assert kept == {frozenset("ha"), frozenset("hc")}
    reasons = dict(zip(map(frozenset, zip(bb["source"], bb["target"])), bb["reason"]))
    assert reasons[frozenset("ha")] == "significant" and reasons[frozenset("hc")] == "leaf"
    # the paper's rule without the leaf exception drops c's tie; a looser alpha keeps b-a
    strict = disparity_filter(star_with_chord(), alpha=0.05, keep_leaves=False)
    assert int(strict["backbone"].sum()) == 1
    loose = disparity_filter(star_with_chord(), alpha=0.4)
    assert frozenset("ab") in {frozenset(p) for p, k in
                               zip(zip(loose["source"], loose["target"]), loose["backbone"]) if k}


def test_equal_weights_are_never_significant_alone():
    # a ring of equal ties: every share is 1/2, alpha = 0.5 for every end
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")])
    bb = disparity_filter(eco, alpha=0.05)
    assert np.allclose(bb["alpha"], 0.5) and not bb["backbone"].any()


def test_bad_alpha_is_a_clear_error():
    with pytest.raises(InvalidParameterError, match="alpha"):
        disparity_filter(star_with_chord(), alpha=0)

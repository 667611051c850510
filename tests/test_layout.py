"""compute_layout: seeded, weighted, main component first, small pieces packed under it."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ecosystem import Ecosystem
from ecosystem.exceptions import EmptyGraphError, InvalidParameterError
from ecosystem.analysis.layout import compute_layout


@pytest.fixture
def pieces() -> Ecosystem:
    """A 30-partner ring with chords (main component), a triangle, a pair and 3 isolates."""
    edges = [(f"r{i}", f"r{(i + 1) % 30}") for i in range(30)]
    edges += [(f"r{i}", f"r{(i + 7) % 30}") for i in range(0, 30, 3)]
    edges += [("t1", "t2"), ("t2", "t3"), ("t3", "t1"), ("p1", "p2")]
    return Ecosystem.from_edges(edges, partners=["i1", "i2", "i3"])


def test_same_seed_same_positions_other_seed_other_positions(pieces):
    a = compute_layout(pieces, seed=3)
    b = compute_layout(pieces, seed=3)
    c = compute_layout(pieces, seed=4)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a[["x", "y"]].to_numpy(), c[["x", "y"]].to_numpy())


def test_every_partner_gets_finite_position_in_partner_order(pieces):
    pos = compute_layout(pieces)
    assert list(pos.index) == list(pieces.ids)
    assert np.isfinite(pos[["x", "y"]].to_numpy()).all()
    # no two partners on the same spot
    assert len(pos[["x", "y"]].round(3).drop_duplicates()) == pieces.n_partners


def test_components_numbered_by_size_and_packed_below_main(pieces):
    pos = compute_layout(pieces)
    comp = pos["component"]
    assert (comp[[f"r{i}" for i in range(30)]] == 0).all()
    assert (comp[["t1", "t2", "t3"]] == 1).all()
    assert (comp[["p1", "p2"]] == 2).all()
    assert sorted(comp[["i1", "i2", "i3"]]) == [3, 4, 5]
    main = pos[comp == 0]
    rest = pos[comp > 0]
    # main component centred at the origin, everything else strictly below it (page y grows down)
    assert abs(main["x"].mean()) < 1e-6 and abs(main["y"].mean()) < 1e-6
    assert rest["y"].min() > main["y"].max()
    # and not pushed far away: within two main-component heights
    height = main["y"].max() - main["y"].min()
    assert rest["y"].max() - main["y"].max() < 2 * height


def test_spacing_scales_area_per_partner(pieces):
    small = compute_layout(pieces, spacing=10)
    big = compute_layout(pieces, spacing=100)
    main_small = small[small["component"] == 0]
    main_big = big[big["component"] == 0]
    ratio = (main_big["x"].std() / main_small["x"].std())
    assert ratio == pytest.approx(10, rel=1e-6)
    # rms radius of the main component = spacing * sqrt(n) / 2
    r = np.sqrt((main_big["x"] ** 2 + main_big["y"] ** 2).mean())
    assert r == pytest.approx(100 * np.sqrt(30) / 2)


def test_strong_ties_are_drawn_shorter_than_weak_ties():
    # a hub with 6 strong and 6 weak spokes, plus a ring among the leaves
    edges = [("hub", f"s{i}", 10.0) for i in range(6)] + [("hub", f"w{i}", 0.5) for i in range(6)]
    leaves = [f"s{i}" for i in range(6)] + [f"w{i}" for i in range(6)]
    edges += [(leaves[i], leaves[(i + 1) % 12], 1.0) for i in range(12)]
    eco = Ecosystem.from_edges(edges)
    for seed in range(3):
        pos = compute_layout(eco, seed=seed)
        hub = pos.loc["hub", ["x", "y"]].to_numpy()
        d = lambda p: float(np.hypot(*(pos.loc[p, ["x", "y"]].to_numpy() - hub)))  # noqa: E731
        strong = np.mean([d(f"s{i}") for i in range(6)])
        weak = np.mean([d(f"w{i}") for i in range(6)])
        assert strong < weak
    unweighted = compute_layout(eco, weighted=False)
    assert not np.allclose(unweighted[["x", "y"]].to_numpy(), pos[["x", "y"]].to_numpy())


def test_other_methods_and_bad_parameters(pieces):
    circle = compute_layout(pieces, method="circle")
    ring = circle[circle["component"] == 0]
    radii = np.hypot(ring["x"], ring["y"])
    assert radii.std() / radii.mean() < 1e-9  # all on one circle
    kk = compute_layout(pieces, method="kk", seed=1)
    assert np.isfinite(kk[["x", "y"]].to_numpy()).all()
    with pytest.raises(InvalidParameterError, match="layout method"):
        compute_layout(pieces, method="spring")
    with pytest.raises(InvalidParameterError, match="spacing"):
        compute_layout(pieces, spacing=0)
    with pytest.raises(InvalidParameterError, match="grid"):
        compute_layout(pieces, grid="yes")


def test_empty_and_tiny_ecosystems():
    empty = Ecosystem(pd.DataFrame({"id": []}), pd.DataFrame({"source": [], "target": []}))
    with pytest.raises(EmptyGraphError):
        compute_layout(empty)
    lone = Ecosystem(pd.DataFrame({"id": ["a"]}), pd.DataFrame({"source": [], "target": []}))
    pos = compute_layout(lone)
    assert pos.loc["a", ["x", "y"]].tolist() == [0.0, 0.0]


def test_communities_are_placed_apart_as_separate_clouds():
    # three 8-cliques in a chain (one tie between neighbours): one component, three communities
    edges = [(f"{c}{i}", f"{c}{j}") for c in "abc" for i in range(8) for j in range(i + 1, 8)]
    edges += [("a0", "b0"), ("b1", "c0")]
    eco = Ecosystem.from_edges(edges)
    membership = pd.Series({pid: "abc".index(pid[0]) for pid in eco.ids})
    pos = compute_layout(eco, seed=2, communities=membership)
    assert pos.equals(compute_layout(eco, seed=2, communities=membership))
    assert pos.attrs["layout"]["method"] == "communities"
    xy = pos[["x", "y"]]
    centre = xy.groupby(membership).mean()
    radius = xy.sub(centre.loc[membership.reindex(xy.index)].to_numpy()).pow(2).sum(axis=1) \
        .pow(0.5).groupby(membership).max()
    for a in range(3):
        for b in range(a + 1, 3):
            gap = float(np.hypot(*(centre.loc[a] - centre.loc[b])))
            assert gap > radius[a] + radius[b]  # the clouds' discs do not even touch

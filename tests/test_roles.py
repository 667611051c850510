"""Guimerà-Amaral functional roles on graphs built to have known roles."""
import math

import pandas as pd
import pytest

from ecosystem import Ecosystem
from ecosystem.analysis.communities import detect_communities
from ecosystem.analysis.roles import ROLE_CODES, classify_role, functional_roles
from ecosystem.exceptions import InvalidParameterError
from ecosystem.results import Partition


def three_stars():
    """Modules a, b, c: each a hub with 9 leaves.

    * ``pa`` (hub of a) has only internal ties -> provincial hub;
    * ``cb`` (hub of b) also ties to a2-a4 and c1-c3 -> connector hub;
    * ``a9`` only tied to its hub -> ultra-peripheral; ``a1`` also tied to b1 -> peripheral.
    """
    edges = []
    for m, hub in (("a", "pa"), ("b", "cb"), ("c", "pc")):
        edges += [(hub, f"{m}{i}") for i in range(1, 10)]
    edges += [("a1", "b1"), ("cb", "a2"), ("cb", "a3"), ("cb", "a4"),
              ("cb", "c1"), ("cb", "c2"), ("cb", "c3")]
    eco = Ecosystem.from_edges(edges)
    hubs = {"pa": 0, "cb": 1, "pc": 2}
    part = Partition(pd.Series({i: hubs[i] if i in hubs else "abc".index(i[0]) for i in eco.ids}),
                     method="given")
    return eco, part


def test_known_roles_on_three_stars():
    eco, part = three_stars()
    r = functional_roles(eco, part)
    # module a: kappa = 9 for the hub, 1 for each leaf -> mean 1.8, std 2.4 -> z = 3
    assert r.loc["pa", "within_module_z"] == pytest.approx(3.0)
    assert r.loc["a9", "within_module_z"] == pytest.approx(-0.8 / 2.4)
    assert r.loc["pa", "participation"] == 0.0
    assert r.loc["pa", "role"] == "provincial hub" and r.loc["pa", "role_code"] == "R5"
    # cb: 9 ties inside b, 3 to a, 3 to c -> P = 1 - (9^2 + 3^2 + 3^2) / 15^2
    assert r.loc["cb", "participation"] == pytest.approx(1 - 99 / 225)
    assert r.loc["cb", "role"] == "connector hub" and r.loc["cb", "is_hub"]
    assert r.loc["a1", "participation"] == pytest.approx(0.5)
    assert r.loc["a1", "role"] == "peripheral"
    assert r.loc["a9", "role"] == "ultra-peripheral" and r.loc["a9", "role_code"] == "R1"
    assert r.attrs["params"]["hub_z"] == 2.5


def test_detection_finds_the_built_modules():
    eco, part = three_stars()
    found = detect_communities(eco)
    r_found = functional_roles(eco, found)
    assert r_found.loc["pa", "role"] == "provincial hub"
    assert r_found.loc["cb", "role"] == "connector hub"


def test_connector_and_kinless_non_hubs():
    # x ties to one partner in each of 4 (connector) or 6 (kinless) modules of triangles
    def build(k):
        edges = []
        for m in range(k):
            edges += [(f"m{m}a", f"m{m}b"), (f"m{m}b", f"m{m}c"), (f"m{m}a", f"m{m}c"),
                      ("x", f"m{m}a")]
        eco = Ecosystem.from_edges(edges)
        memb = {i: (int(i[1]) if i != "x" else 0) for i in eco.ids}
        return eco, Partition(pd.Series(memb))
    eco, part = build(4)
    r = functional_roles(eco, part)
    assert r.loc["x", "participation"] == pytest.approx(1 - 4 * (1 / 4) ** 2)   # 0.75
    assert r.loc["x", "role"] == "connector"
    eco, part = build(6)
    r = functional_roles(eco, part)
    assert r.loc["x", "participation"] == pytest.approx(1 - 6 / 36)              # 0.833
    assert r.loc["x", "role"] == "kinless"


def test_strength_and_degree_variants_differ_as_defined():
    # b: one strong tie inside (9), one weak tie outside (1)
    eco = Ecosystem.from_edges([("a", "b", 9), ("b", "c", 1), ("c", "d", 1)])
    part = Partition(pd.Series({"a": 0, "b": 0, "c": 1, "d": 1}))
    r = functional_roles(eco, part)
    assert r.loc["b", "participation_strength"] == pytest.approx(1 - 0.81 - 0.01)
    assert r.loc["b", "participation_degree"] == pytest.approx(0.5)
    assert r.loc["b", "participation"] == r.loc["b", "participation_strength"]
    assert r.loc["b", "within_strength"] == 9 and r.loc["b", "within_degree"] == 1
    rd = functional_roles(eco, part, weighted=False)
    assert rd.loc["b", "participation"] == pytest.approx(0.5)
    assert rd.attrs["params"]["weighted"] is False


@pytest.mark.parametrize("z, p, role", [
    (2.49, 0.05, "ultra-peripheral"), (0, 0.0501, "peripheral"), (0, 0.62, "peripheral"),
    (0, 0.6201, "connector"), (0, 0.80, "connector"), (0, 0.8001, "kinless"),
    (2.5, 0.30, "provincial hub"), (2.5, 0.3001, "connector hub"), (2.5, 0.75, "connector hub"),
    (2.5, 0.7501, "kinless hub"),
])
def test_the_papers_thresholds(z, p, role):
    assert classify_role(z, p) == role


def test_isolates_and_uniform_modules():
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c")], partners=["lone"])
    part = detect_communities(eco)
    r = functional_roles(eco, part)
    assert r.loc["lone", "role"] == "isolate" and r.loc["lone", "role_code"] == "R0"
    assert (r.loc[["a", "b", "c"], "within_module_z"] == 0).all()     # std 0 -> z 0
    assert set(ROLE_CODES) >= set(r["role"])
    assert all(not math.isnan(v) for v in r["participation"])


def test_hub_threshold_is_configurable_and_validated():
    eco, part = three_stars()
    assert functional_roles(eco, part, hub_z=3.5).loc["pa", "role"] == "ultra-peripheral"
    with pytest.raises(InvalidParameterError, match="hub_z"):
        functional_roles(eco, part, hub_z="high")

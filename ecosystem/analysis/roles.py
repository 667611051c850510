"""Functional roles of partners in a community structure (Guimerà & Amaral 2005).

R. Guimerà and L. A. N. Amaral, "Functional cartography of complex metabolic networks",
*Nature* 433, 895-900 (2005), doi:10.1038/nature03288.

For partner ``i`` in community ``s_i``:

* **within-community z-score** ``z_i = (κ_i - mean(κ over s_i)) / std(κ over s_i)``,
  ``κ_i`` = its ties (or tie strength) to partners of its own community; the standard
  deviation is the population one (ddof 0); ``z = 0`` when every member has the same κ.
* **participation coefficient** ``P_i = 1 - Σ_s (κ_is / k_i)²``, ``κ_is`` = its ties (or
  strength) to community ``s``, ``k_i`` its degree (or strength). 0 = all ties inside
  one community; near 1 = spread evenly over many.

Roles (the paper's thresholds; hubs have ``z >= 2.5``):

====  ====================  ======  ==================
code  role                  hub?    participation P
====  ====================  ======  ==================
R1    ultra-peripheral      no      P <= 0.05
R2    peripheral            no      0.05 < P <= 0.62
R3    connector             no      0.62 < P <= 0.80
R4    kinless               no      P > 0.80
R5    provincial hub        yes     P <= 0.30
R6    connector hub         yes     0.30 < P <= 0.75
R7    kinless hub           yes     P > 0.75
====  ====================  ======  ==================

Partners without any tie get role ``isolate`` (code ``R0``). By default the role uses
the **strength-based** variant (κ and k are sums of tie strengths); the degree-based
values (the paper's original, unweighted definition) are returned alongside.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..exceptions import InvalidParameterError
from ..model import Ecosystem
from ..results import Partition

HUB_Z = 2.5
ROLE_CODES = {"isolate": "R0", "ultra-peripheral": "R1", "peripheral": "R2", "connector": "R3",
              "kinless": "R4", "provincial hub": "R5", "connector hub": "R6", "kinless hub": "R7"}
ROLES = tuple(ROLE_CODES)


def classify_role(z: float, p: float, *, hub_z: float = HUB_Z, isolated: bool = False) -> str:
    """The Guimerà-Amaral role for a within-community z-score and participation.

    Examples
    --------
    >>> classify_role(3.0, 0.1), classify_role(3.0, 0.5), classify_role(0.0, 0.7)
    ('provincial hub', 'connector hub', 'connector')
    >>> classify_role(0.0, 0.0), classify_role(-1.0, 0.3), classify_role(0.0, 0.9)
    ('ultra-peripheral', 'peripheral', 'kinless')
    """
    if isolated:
        return "isolate"
    if z >= hub_z:
        if p <= 0.30:
            return "provincial hub"
        if p <= 0.75:
            return "connector hub"
        return "kinless hub"
    if p <= 0.05:
        return "ultra-peripheral"
    if p <= 0.62:
        return "peripheral"
    if p <= 0.80:
        return "connector"
    return "kinless"


def _z_and_p(memb: np.ndarray, a: np.ndarray, b: np.ndarray, w: np.ndarray,
             n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Within-community z, participation and total (degree or strength) per partner."""
    nodes = np.concatenate([a, b])
    other = np.concatenate([b, a])
    ww = np.concatenate([w, w])
    total = np.bincount(nodes, weights=ww, minlength=n)
    comm = memb[other].astype(np.int64)
    low = int(comm.min()) if len(comm) else 0
    span = (int(comm.max()) - low + 1) if len(comm) else 1
    # one int64 key per (node, community): grouping on it is faster than on two columns,
    # with the same groups in the same order and the same sums
    by = pd.Series(ww).groupby(nodes.astype(np.int64) * span + (comm - low), sort=False).sum()
    key = by.index.to_numpy(np.int64)
    node_idx, comm_idx = key // span, key % span + low
    vals = by.to_numpy()
    inside = comm_idx == memb[node_idx]
    kappa = np.zeros(n)
    kappa[node_idx[inside]] = vals[inside]
    sq = np.bincount(node_idx, weights=vals ** 2, minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        participation = np.where(total > 0, 1.0 - sq / np.where(total > 0, total, 1.0) ** 2, 0.0)
    k = pd.Series(kappa)
    grp = k.groupby(memb)
    mean = grp.transform("mean").to_numpy()
    std = np.sqrt(pd.Series((kappa - mean) ** 2).groupby(memb).transform("mean").to_numpy())
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(std > 0, (kappa - mean) / np.where(std > 0, std, 1.0), 0.0)
    participation = np.clip(participation, 0.0, 1.0)
    return z, participation, kappa


def functional_roles(eco: Ecosystem, partition: Partition, *, weighted: bool = True,
                     hub_z: float = HUB_Z) -> pd.DataFrame:
    """Guimerà-Amaral within-community z-score, participation coefficient and role.

    Parameters
    ----------
    eco : Ecosystem
    partition : Partition
        Communities (e.g. :func:`~ecosystem.analysis.communities.detect_communities`).
    weighted : bool, default True
        Classify with the strength-based z and P (``False``: the degree-based ones).
    hub_z : float, default 2.5
        z-score from which a partner counts as a hub (the paper's 2.5).

    Returns
    -------
    DataFrame
        Indexed by partner id: ``community``, ``within_module_z`` and
        ``participation`` (the variant the role uses, see ``weighted``), both variants
        explicitly (``within_module_z_strength``, ``participation_strength``,
        ``within_module_z_degree``, ``participation_degree``), ``within_strength``,
        ``within_degree``, ``role``, ``role_code`` (R0-R7), ``is_hub``.
        ``attrs["params"]`` records the choices.

    Examples
    --------
    >>> from ecosystem.results import Partition
    >>> eco = Ecosystem.from_edges([("a", "b"), ("a", "c"), ("c", "d")])
    >>> part = Partition(pd.Series({"a": 0, "b": 0, "c": 1, "d": 1}))
    >>> r = functional_roles(eco, part)
    >>> r["participation"].round(3).tolist()
    [0.5, 0.0, 0.5, 0.0]
    >>> r["role"].tolist()
    ['peripheral', 'ultra-peripheral', 'peripheral', 'ultra-peripheral']
    """
    from .communities import _aligned_membership

    if not isinstance(hub_z, (int, float)) or isinstance(hub_z, bool) or not np.isfinite(hub_z):
        raise InvalidParameterError(f"hub_z must be a number, got {hub_z!r}")
    memb = _aligned_membership(eco, partition)
    n = eco.n_partners
    ties = eco.undirected_ties
    a = ties["source_index"].to_numpy()
    b = ties["target_index"].to_numpy()
    s = ties["strength"].to_numpy(float)
    z_s, p_s, kappa_s = _z_and_p(memb, a, b, s, n)
    z_d, p_d, kappa_d = _z_and_p(memb, a, b, np.ones(len(a)), n)
    degree = np.bincount(np.concatenate([a, b]), minlength=n)
    z, p = (z_s, p_s) if weighted else (z_d, p_d)
    roles = [classify_role(float(zi), float(pi), hub_z=hub_z, isolated=bool(di == 0))
             for zi, pi, di in zip(z, p, degree)]
    out = pd.DataFrame({
        "community": memb,
        "within_module_z": z, "participation": p,
        "within_module_z_strength": z_s, "participation_strength": p_s,
        "within_module_z_degree": z_d, "participation_degree": p_d,
        "within_strength": kappa_s, "within_degree": kappa_d.astype(np.int64),
        "role": roles,
    }, index=pd.Index(eco.ids, name="id"))
    out["role_code"] = out["role"].map(ROLE_CODES)
    out["is_hub"] = out["role"].str.endswith("hub")
    out.attrs["params"] = {"weighted": bool(weighted), "hub_z": float(hub_z),
                           "thresholds": {"non_hub_P": [0.05, 0.62, 0.80], "hub_P": [0.30, 0.75]},
                           "reference": "Guimerà & Amaral, Nature 433:895 (2005)"}
    return out


__all__ = ["HUB_Z", "ROLES", "ROLE_CODES", "classify_role", "functional_roles"]

"""Project-level (affiliation-aware) evidence for recommended partnerships.

When the ties come from shared projects (a participation list projected to partners, see
:mod:`ecosystem.io.affiliation`), members of one 30-partner project are all tied to each
other, and two overlapping big projects make every member look like "29 shared
partners". Counting tie by tie then counts one project 29 times. Here the evidence is
counted on the bipartite partner-project graph instead: a path ``u - P - z - Q - v``
(``u`` and ``z`` in project ``P``, ``z`` and ``v`` in ``Q``) contributes
``1/n_P * f(z) * 1/n_Q`` (``n_P`` = members of ``P``), i.e. the score is

``score(u, v) = sum_z W_uz f(z) W_zv``, ``W_uz = sum_{P contains u, z} 1 / n_P``

with ``f(z) = 1 / k_z`` (``k_z`` = projects of ``z``: resource allocation on the
bipartite graph, the default), ``1 / ln(1 + k_z)`` (Adamic-Adar) or 1 (common
neighbours). A 30-member project adds at most ``29 / 30^2`` to a pair, a close
three-partner project ``1/9``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ... import schema as S
from ...model import Ecosystem

PROJECT_METHODS = ("adamic_adar", "resource_allocation", "common_neighbours")


@dataclass
class Memberships:
    """Who took part in which project (the bipartite graph behind a projected network).

    ``matrix`` is partners x projects (1 = member), ``labels`` the project ids, ``sizes``
    the members of each project (from the relations' ``members`` column when present,
    else the members seen), ``years`` each project's year (NaN when unknown).
    """

    matrix: sp.csr_matrix
    labels: np.ndarray
    sizes: np.ndarray
    years: np.ndarray

    @property
    def n_projects(self) -> int:
        return len(self.labels)


def project_memberships(eco: Ecosystem) -> Memberships | None:
    """The partner-project memberships behind ``eco``, or None when its relations do not
    carry a ``project`` column (relations projected one row per pair and project, the
    default of :func:`~ecosystem.io.affiliation.project_affiliations`).

    Projects with a single member produce no relation, so they are not seen here (they
    are no evidence for a pair anyway).

    Examples
    --------
    >>> import pandas as pd
    >>> from ecosystem.io.affiliation import project_affiliations
    >>> t = pd.DataFrame({"project": ["p1", "p1", "p1", "p2", "p2"],
    ...                   "org": ["a", "b", "c", "a", "d"]})
    >>> proj = project_affiliations(t)
    >>> m = project_memberships(Ecosystem(proj.partners, proj.relations))
    >>> m.labels.tolist(), m.sizes.tolist(), int(m.matrix.sum())
    (['p1', 'p2'], [3, 2], 5)
    """
    rel = eco.relations
    if "project" not in rel.columns or not len(rel):
        return None
    proj = rel["project"]
    ok = proj.notna().to_numpy()
    if not ok.any():
        return None
    codes, labels = pd.factorize(proj[ok].astype(str), sort=True)
    src = eco._src[ok]
    dst = eco._dst[ok]
    n, k = eco.n_partners, len(labels)
    rows = np.concatenate([src, dst]).astype(np.int64)
    cols = np.concatenate([codes, codes]).astype(np.int64)
    m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, k))
    m.sum_duplicates()
    m.data[:] = 1.0
    seen = np.asarray(m.sum(axis=0)).ravel().astype(np.int64)
    sizes = seen
    if "members" in rel.columns:
        mem = pd.to_numeric(rel["members"][ok], errors="coerce").to_numpy(float)
        given = pd.Series(mem).groupby(codes).max().reindex(range(k)).to_numpy(float)
        sizes = np.where(np.isfinite(given) & (given >= seen), given, seen).astype(np.int64)
    years = np.full(k, np.nan)
    if S.YEAR in rel.columns:
        y = pd.to_numeric(rel[S.YEAR][ok], errors="coerce").to_numpy(float)
        years = pd.Series(y).groupby(codes).min().reindex(range(k)).to_numpy(float)
    return Memberships(m, np.asarray(labels, dtype=object), sizes, years)


def project_weights(mem: Memberships) -> sp.csr_matrix:
    """``W_uz = sum_{P contains u, z} 1 / n_P`` (partners x partners, zero diagonal)."""
    inv = sp.diags(1.0 / np.maximum(mem.sizes, 1).astype(float))
    w = sp.csr_matrix(mem.matrix @ inv @ mem.matrix.T)
    w.setdiag(0)
    w.eliminate_zeros()
    w.sort_indices()
    return w


def project_factor(method: str, mem: Memberships) -> np.ndarray:
    """``f(z)`` of each partner from its number of projects ``k_z`` (see module notes)."""
    k = np.asarray(mem.matrix.sum(axis=1)).ravel().astype(float)
    with np.errstate(divide="ignore"):
        if method == "resource_allocation":
            return np.where(k > 0, 1.0 / np.maximum(k, 1), 0.0)
        if method == "adamic_adar":
            return np.where(k > 0, 1.0 / np.log1p(np.maximum(k, 1)), 0.0)
    return np.ones_like(k)


def linking_projects(mem: Memberships, u: int, v: int, common: list[int]) -> list[str]:
    """The projects through which ``u`` and ``v`` are linked: ``u``'s and ``v``'s projects
    that hold one of their ``common`` partners, smallest project first (then by id).

    Examples
    --------
    >>> m = Memberships(sp.csr_matrix(np.array([[1, 0], [1, 1], [0, 1.]])),
    ...                 np.array(["P", "Q"], dtype=object), np.array([2, 2]), np.full(2, np.nan))
    >>> linking_projects(m, 0, 2, [1])
    ['P', 'Q']
    """
    m = mem.matrix
    if not common:
        return []
    cu = set(m.indices[m.indptr[u]:m.indptr[u + 1]].tolist())
    cv = set(m.indices[m.indptr[v]:m.indptr[v + 1]].tolist())
    zproj = set(m[np.asarray(common, dtype=np.int64)].indices.tolist())
    linked = sorted((cu | cv) & zproj, key=lambda p: (mem.sizes[p], str(mem.labels[p])))
    return [str(mem.labels[p]) for p in linked]

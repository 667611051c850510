"""The partner network: partners + weighted relations, and the graphs analyses read.

An :class:`Ecosystem` holds two pandas tables, ``partners`` (one row per organisation)
and ``relations`` (one row per partnership, project, licence...), and gives analyses
the aggregated weighted graph as networkx and igraph objects, built once and cached.

Weight semantics
----------------
* ``strength`` (edge attribute ``"weight"`` in the graphs) is **tie strength**: higher
  means a stronger tie. Degree/strength, PageRank, eigenvector, clustering, Burt's
  measures and community detection use it as is.
* ``distance`` is the length of a tie for path-based measures (betweenness, closeness,
  shortest paths). By default ``distance = 1 / strength`` (``distance="inverse"``), so
  a path over strong ties is short. ``distance="unit"`` counts hops (every tie length 1).
* Several relations between the same pair become **one tie**; its strength is the
  ``sum`` (default), ``max``, ``mean`` or ``count`` of the relations' strengths. The
  per-type breakdown stays available in :attr:`Ecosystem.tie_types`.
"""
from __future__ import annotations

import difflib
from functools import cached_property
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from . import schema as S
from .exceptions import EmptyGraphError, InvalidParameterError, PartnerNotFoundError, Problem
from .model_report import ValidationReport
from .model_strength import StrengthRule, relation_dates  # noqa: F401 (relation_dates: re-exported)
from .model_validate import prepare_tables


class Ecosystem:
    """Partners and their weighted relations; the one object every analysis reads.

    Build one with :func:`ecosystem.load` (files), :meth:`from_frames` (pandas tables,
    validated) or :meth:`from_edges` (a list of tuples, for notebooks and tests). The
    constructor itself expects tables that are already clean.

    Parameters
    ----------
    partners : DataFrame
        One row per partner: ``id`` (unique str), ``name``, ``sector`` and any attributes.
    relations : DataFrame
        One row per relation: ``source``, ``target`` (partner ids), ``type``, ``weight``
        and any attributes (dates, trust...).
    directed : bool, default False
        Whether relations have a direction (investor -> startup). Analyses use the
        undirected view unless they offer a directed variant.
    aggregate : {"sum", "max", "mean", "count"}, default "sum"
        How several relations between one pair become one tie's strength.
    strength_rule : StrengthRule, optional
        How each relation's strength is computed (default: its ``weight``, or 1).
    distance : {"inverse", "unit"}, default "inverse"
        Tie length for path-based measures: ``1/strength`` or 1 per hop.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b", 3), ("b", "c", 1), ("a", "b", 1)])
    >>> eco.n_partners, eco.n_relations, eco.n_ties
    (3, 3, 2)
    >>> float(eco.ties.loc[0, "strength"])
    4.0
    """

    def __init__(self, partners: pd.DataFrame, relations: pd.DataFrame, *,
                 directed: bool = False, aggregate: str = "sum",
                 strength_rule: StrengthRule | None = None, distance: str = "inverse",
                 report: ValidationReport | None = None, name: str = "ecosystem",
                 metadata: Mapping[str, Any] | None = None) -> None:
        if aggregate not in S.AGGREGATIONS:
            raise InvalidParameterError(
                f"aggregate must be one of {', '.join(S.AGGREGATIONS)}, got {aggregate!r}")
        if distance not in ("inverse", "unit"):
            raise InvalidParameterError(
                f"distance must be 'inverse' or 'unit', got {distance!r}")
        partners = partners.reset_index(drop=True).copy()
        relations = relations.reset_index(drop=True).copy()
        for col, default in ((S.NAME, None), (S.SECTOR, S.UNKNOWN_SECTOR)):
            if col not in partners:
                partners[col] = partners[S.ID] if default is None else default
        partners[S.ID] = partners[S.ID].astype(str)
        if S.TYPE not in relations:
            relations[S.TYPE] = S.DEFAULT_TYPE
        relations[S.SOURCE] = relations[S.SOURCE].astype(str)
        relations[S.TARGET] = relations[S.TARGET].astype(str)
        self.strength_rule = strength_rule or StrengthRule()
        relations[S.STRENGTH] = self.strength_rule.apply(relations)
        report = report or ValidationReport()
        for col in self.strength_rule.factors:
            missing = int(pd.to_numeric(relations[col], errors="coerce").isna().sum())
            if missing and not any(p.code == "missing_factor" and p.column == col
                                   for p in report.problems):
                report.problems.append(Problem(
                    f"{missing} relation(s) have no number in strength factor column; "
                    "counted as 1 (neutral)", column=col, value=missing,
                    severity="warning", code="missing_factor"))
        front = [S.ID, S.NAME, S.SECTOR]
        self.partners: pd.DataFrame = partners[front + [c for c in partners if c not in front]]
        self.relations: pd.DataFrame = relations
        self.directed = bool(directed)
        self.aggregate = aggregate
        self.distance = distance
        self.report = report
        self.name = name
        self.metadata: dict[str, Any] = dict(metadata or {})
        if not self.partners[S.ID].is_unique:
            dup = self.partners[S.ID][self.partners[S.ID].duplicated()].iloc[0]
            raise InvalidParameterError(f"partner ids must be unique; {dup!r} repeats")
        self._pos = pd.Index(self.partners[S.ID])
        src = self._pos.get_indexer(self.relations[S.SOURCE])
        dst = self._pos.get_indexer(self.relations[S.TARGET])
        if (src < 0).any() or (dst < 0).any():
            bad = self.relations.loc[(src < 0) | (dst < 0), [S.SOURCE, S.TARGET]].iloc[0]
            raise InvalidParameterError(
                f"relation {bad[S.SOURCE]!r} -> {bad[S.TARGET]!r} names an unknown partner; "
                "use Ecosystem.from_frames to validate raw tables")
        self._src = src
        self._dst = dst

    # ------------------------------------------------------------------ builders
    @classmethod
    def from_frames(cls, relations: pd.DataFrame, partners: pd.DataFrame | None = None, *,
                    auto_add_partners: bool = True, strict: bool = False,
                    relations_file: str = "relations", partners_file: str = "partners",
                    row_offset: int = 2, **kwargs: Any) -> "Ecosystem":
        """Validate raw tables (column aliases, ids, weights, dates) and build.

        Raises :class:`~ecosystem.exceptions.InputDataError` listing every problem.
        """
        mapping = kwargs.pop("columns", None)
        p, r, report = prepare_tables(
            relations, partners, relations_file=relations_file, partners_file=partners_file,
            row_offset=row_offset, auto_add_partners=auto_add_partners, strict=strict,
            columns=mapping)
        return cls(p, r, report=report, **kwargs)

    @classmethod
    def from_edges(cls, edges: Iterable[Sequence[Any]], partners: Iterable[Any] | pd.DataFrame | None = None,
                   **kwargs: Any) -> "Ecosystem":
        """Build from ``(source, target[, weight[, type]])`` tuples (validated).

        ``partners`` may list extra partner ids (isolates) or be a partner DataFrame.
        """
        rows = []
        for edge in edges:
            edge = tuple(edge)
            row = {S.SOURCE: edge[0], S.TARGET: edge[1]}
            if len(edge) > 2:
                row[S.WEIGHT] = edge[2]
            if len(edge) > 3:
                row[S.TYPE] = edge[3]
            rows.append(row)
        relations = pd.DataFrame(rows, columns=[S.SOURCE, S.TARGET] + (
            [S.WEIGHT] if any(S.WEIGHT in r for r in rows) else []) + (
            [S.TYPE] if any(S.TYPE in r for r in rows) else []))
        if partners is not None and not isinstance(partners, pd.DataFrame):
            named = [str(x) for pair in zip(relations[S.SOURCE], relations[S.TARGET]) for x in pair]
            ids = list(dict.fromkeys(named + [str(p) for p in partners]))
            partners = pd.DataFrame({S.ID: ids})
        return cls.from_frames(relations, partners, row_offset=0, **kwargs)

    def replace(self, *, partners: pd.DataFrame | None = None,
                relations: pd.DataFrame | None = None, **kwargs: Any) -> "Ecosystem":
        """A new Ecosystem with some tables or settings replaced (this one is unchanged)."""
        settings = dict(directed=self.directed, aggregate=self.aggregate,
                        strength_rule=self.strength_rule, distance=self.distance,
                        report=self.report, name=self.name, metadata=self.metadata)
        settings.update(kwargs)
        rel = self.relations if relations is None else relations
        rel = rel.drop(columns=[S.STRENGTH], errors="ignore")
        return Ecosystem(self.partners if partners is None else partners, rel, **settings)

    def subset(self, partner_ids: Iterable[str], *, name: str | None = None) -> "Ecosystem":
        """The ecosystem restricted to these partners and the relations among them."""
        keep = set(map(str, partner_ids))
        p = self.partners[self.partners[S.ID].isin(keep)]
        r = self.relations[self.relations[S.SOURCE].isin(keep) & self.relations[S.TARGET].isin(keep)]
        return self.replace(partners=p, relations=r, name=name or self.name)

    def without(self, partner_ids: Iterable[str]) -> "Ecosystem":
        """The ecosystem with these partners (and their relations) removed."""
        drop = set(map(str, partner_ids))
        return self.subset([p for p in self.partners[S.ID] if p not in drop])

    # ------------------------------------------------------------------ lookups
    @property
    def ids(self) -> pd.Index:
        """Partner ids in table order (position i = igraph vertex i)."""
        return self._pos

    @property
    def n_partners(self) -> int:
        return len(self.partners)

    @property
    def n_relations(self) -> int:
        return len(self.relations)

    @property
    def n_ties(self) -> int:
        return len(self.ties)

    @cached_property
    def names(self) -> pd.Series:
        """Partner id -> display name."""
        return pd.Series(self.partners[S.NAME].astype(str).to_numpy(), index=self._pos, name=S.NAME)

    @cached_property
    def sectors(self) -> pd.Series:
        """Partner id -> sector."""
        return pd.Series(self.partners[S.SECTOR].astype(str).to_numpy(), index=self._pos, name=S.SECTOR)

    def attribute(self, column: str) -> pd.Series:
        """Partner id -> values of one partner column (e.g. ``country``)."""
        if column not in self.partners:
            raise InvalidParameterError(
                f"partner attribute {column!r} not found; available: "
                f"{', '.join(map(str, self.partners.columns))}")
        return pd.Series(self.partners[column].to_numpy(), index=self._pos, name=column)

    def resolve(self, partner: str) -> str:
        """Find a partner by id, or by name (case-insensitive); return its id.

        Raises :class:`PartnerNotFoundError` with close matches as suggestions.
        """
        key = str(partner)
        if key in self._pos:
            return key
        lowered = key.strip().casefold()
        names = self.partners[S.NAME].astype(str)
        hits = self.partners.loc[names.str.strip().str.casefold() == lowered, S.ID]
        if len(hits) >= 1:
            return str(hits.iloc[0])
        pool = list(map(str, self._pos)) + list(names)
        close = difflib.get_close_matches(key, pool, n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise PartnerNotFoundError(f"partner {key!r} is not in the ecosystem{hint}")

    # ------------------------------------------------------------------ ties
    @cached_property
    def tie_types(self) -> pd.DataFrame:
        """Per pair and relation type: ``source, target, type, strength, count``.

        Undirected ecosystems list each pair once, ``source`` being the partner that
        comes first in the partner table.
        """
        a, b = self._pair_codes()
        frame = pd.DataFrame({"a": a, "b": b, S.TYPE: self.relations[S.TYPE].astype(str).to_numpy(),
                              S.STRENGTH: self.relations[S.STRENGTH].to_numpy(float)})
        g = frame.groupby(["a", "b", S.TYPE], sort=True)[S.STRENGTH]
        out = g.agg(_AGG[self.aggregate]).rename(S.STRENGTH).to_frame()
        out[S.COUNT] = g.size()
        out = out.reset_index()
        out.insert(0, S.SOURCE, self._pos[out["a"].to_numpy()])
        out.insert(1, S.TARGET, self._pos[out["b"].to_numpy()])
        return out.drop(columns=["a", "b"])

    @cached_property
    def ties(self) -> pd.DataFrame:
        """One row per connected pair: ``source, target, strength, distance, count, types``.

        ``strength`` aggregates all relations of the pair (see ``aggregate``);
        ``types`` lists their relation types, ``;``-separated, sorted.
        """
        a, b = self._pair_codes()
        n = max(self.n_partners, 1)
        # one int64 key per pair (sorted as (a, b)): grouping on it is faster than on two
        # columns, and the sums are the same (the same kernel adds the same rows in order)
        frame = pd.DataFrame({"pair": np.asarray(a, np.int64) * n + np.asarray(b, np.int64),
                              S.STRENGTH: self.relations[S.STRENGTH].to_numpy(float),
                              S.TYPE: self.relations[S.TYPE].astype(str).to_numpy()})
        g = frame.groupby("pair", sort=True)
        out = g[S.STRENGTH].agg(_AGG[self.aggregate]).rename(S.STRENGTH).to_frame()
        out[S.COUNT] = g.size()
        out["types"] = _joined_types(frame, ["pair"], S.TYPE,
                                     groups=out.index).reindex(out.index).to_numpy()
        pair = out.index.to_numpy(np.int64)
        out = out.reset_index(drop=True)
        out.insert(0, "source_index", pair // n)
        out.insert(1, "target_index", pair % n)
        out.insert(0, S.SOURCE, self._pos[out["source_index"].to_numpy()])
        out.insert(1, S.TARGET, self._pos[out["target_index"].to_numpy()])
        out[S.DISTANCE] = self.distance_of(out[S.STRENGTH].to_numpy(float))
        return out

    def distance_of(self, strength: np.ndarray) -> np.ndarray:
        """Tie length for path-based measures (see ``distance``)."""
        strength = np.asarray(strength, dtype=float)
        if self.distance == "unit":
            return np.ones_like(strength)
        return 1.0 / strength

    def _pair_codes(self) -> tuple[np.ndarray, np.ndarray]:
        src, dst = self._src, self._dst
        if self.directed:
            return src, dst
        return np.minimum(src, dst), np.maximum(src, dst)

    # ------------------------------------------------------------------ graphs
    @cached_property
    def igraph(self):
        """Undirected weighted igraph.Graph (cached; do not mutate).

        Vertex ``i`` is partner row ``i`` (attribute ``name`` = partner id); edges carry
        ``weight`` (strength), ``distance`` and ``count``. A directed ecosystem's
        opposite relations are merged into one undirected tie here.
        """
        import igraph as ig

        ties = self.undirected_ties
        g = ig.Graph(n=self.n_partners, edges=list(zip(ties["source_index"].tolist(),
                                                         ties["target_index"].tolist())),
                     directed=False)
        g.vs["name"] = list(self._pos)
        g.es["weight"] = ties[S.STRENGTH].astype(float).tolist()
        g.es[S.DISTANCE] = ties[S.DISTANCE].astype(float).tolist()
        g.es[S.COUNT] = ties[S.COUNT].astype(int).tolist()
        return g

    @cached_property
    def igraph_directed(self):
        """Directed weighted igraph.Graph (only meaningful when ``directed``)."""
        import igraph as ig

        ties = self.ties
        g = ig.Graph(n=self.n_partners, edges=list(zip(ties["source_index"].tolist(),
                                                         ties["target_index"].tolist())),
                     directed=True)
        g.vs["name"] = list(self._pos)
        g.es["weight"] = ties[S.STRENGTH].astype(float).tolist()
        g.es[S.DISTANCE] = ties[S.DISTANCE].astype(float).tolist()
        g.es[S.COUNT] = ties[S.COUNT].astype(int).tolist()
        return g

    @cached_property
    def undirected_ties(self) -> pd.DataFrame:
        """:attr:`ties` with direction ignored (identical to ``ties`` when undirected)."""
        if not self.directed:
            return self.ties
        t = self.ties
        a = np.minimum(t["source_index"], t["target_index"])
        b = np.maximum(t["source_index"], t["target_index"])
        frame = pd.DataFrame({"a": a, "b": b, S.STRENGTH: t[S.STRENGTH], S.COUNT: t[S.COUNT],
                              "types": t["types"]})
        g = frame.groupby(["a", "b"], sort=True)
        agg = "sum" if self.aggregate in ("sum", "count") else _AGG[self.aggregate]
        out = g[S.STRENGTH].agg(agg).rename(S.STRENGTH).to_frame()
        out[S.COUNT] = g[S.COUNT].sum()
        split = frame[["a", "b", "types"]].assign(types=frame["types"].str.split(";")).explode("types")
        out["types"] = _joined_types(split, ["a", "b"], "types",
                                     groups=out.index).reindex(out.index).to_numpy()
        out = out.reset_index()
        out.insert(0, "source_index", out.pop("a").astype(np.int64))
        out.insert(1, "target_index", out.pop("b").astype(np.int64))
        out.insert(0, S.SOURCE, self._pos[out["source_index"].to_numpy()])
        out.insert(1, S.TARGET, self._pos[out["target_index"].to_numpy()])
        out[S.DISTANCE] = self.distance_of(out[S.STRENGTH].to_numpy(float))
        return out

    @cached_property
    def strength_matrix(self):
        """Symmetric ``n x n`` scipy CSR matrix of tie strengths (direction ignored, no
        self-ties, sorted indices; row ``i`` = partner ``ids[i]``). Read-only: shared by
        the analyses that work on sparse matrices.

        Examples
        --------
        >>> eco = Ecosystem.from_edges([("a", "b", 2), ("b", "c", 1)])
        >>> eco.strength_matrix.toarray().tolist()
        [[0.0, 2.0, 0.0], [2.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
        """
        import scipy.sparse as sp

        t = self.undirected_ties
        s = t["source_index"].to_numpy(np.int64)
        d = t["target_index"].to_numpy(np.int64)
        w = t[S.STRENGTH].to_numpy(float)
        keep = s != d
        s, d, w = s[keep], d[keep], w[keep]
        n = self.n_partners
        m = sp.csr_matrix((np.concatenate([w, w]), (np.concatenate([s, d]), np.concatenate([d, s]))),
                          shape=(n, n))
        m.sum_duplicates()
        m.sort_indices()
        for arr in (m.data, m.indices, m.indptr):
            arr.flags.writeable = False
        return m

    @cached_property
    def graph(self):
        """Undirected weighted networkx.Graph, frozen (analyses cannot mutate it).

        Nodes are partner ids with every partner column as attributes; edges carry
        ``weight`` (strength), ``distance``, ``count`` and ``types``.
        """
        return self._nx(directed=False)

    @cached_property
    def digraph(self):
        """Directed weighted networkx.DiGraph, frozen (use when ``directed``)."""
        return self._nx(directed=True)

    def _nx(self, directed: bool):
        import networkx as nx

        g = nx.DiGraph() if directed else nx.Graph()
        records = self.partners.to_dict("records")
        g.add_nodes_from((str(r[S.ID]), {k: v for k, v in r.items() if k != S.ID}) for r in records)
        ties = self.ties if directed else self.undirected_ties
        g.add_edges_from(
            (s, t, {"weight": w, S.DISTANCE: d, S.COUNT: int(c), "types": ty})
            for s, t, w, d, c, ty in zip(ties[S.SOURCE], ties[S.TARGET], ties[S.STRENGTH],
                                         ties[S.DISTANCE], ties[S.COUNT], ties["types"]))
        g.graph["name"] = self.name
        return nx.freeze(g)

    def require_ties(self) -> None:
        """Raise :class:`EmptyGraphError` when there is no tie to analyse."""
        if self.n_partners == 0:
            raise EmptyGraphError(f"{self.name}: the ecosystem has no partners")
        if self.n_ties == 0:
            raise EmptyGraphError(f"{self.name}: the ecosystem has no relations to analyse")

    def settings(self) -> dict[str, Any]:
        """The modelling choices, for provenance in reports and JSON."""
        return {"directed": self.directed, "aggregate": self.aggregate,
                "distance": self.distance,
                "distance_definition": "1/strength" if self.distance == "inverse" else "1 per tie",
                "strength_rule": self.strength_rule.to_dict()}

    def __repr__(self) -> str:
        return (f"Ecosystem({self.name!r}: {self.n_partners} partners, {self.n_relations} relations, "
                f"{self.n_ties} ties{', directed' if self.directed else ''})")


_AGG = {"sum": "sum", "max": "max", "mean": "mean", "count": "size"}


def _joined_types(frame: pd.DataFrame, keys: list[str], column: str,
                  groups: pd.Index | None = None) -> pd.Series:
    """Per group of ``keys``: the sorted distinct values of ``column``, ``;``-joined.

    Vectorised: each distinct value is a bit, OR-ed per group, and each distinct bit
    mask is turned into text once (a million ties take well under a second). ``groups``:
    the groups' sorted index when the caller has it (one relation type, e.g. every
    project of a funding programme: no second grouping, 0.25 s less on H2020's ties).
    """
    codes, uniques = pd.factorize(frame[column], sort=True)
    if len(uniques) <= 1:
        label = str(uniques[0]) if len(uniques) else ""
        index = frame.groupby(keys, sort=True).size().index if groups is None else groups
        return pd.Series(label, index=index, dtype=object)
    if len(uniques) > 62:  # too many types for an int64 mask: plain (slower) join
        dedup = frame[keys + [column]].drop_duplicates().sort_values(keys + [column])
        return dedup.groupby(keys, sort=True)[column].agg(";".join)
    bits = pd.Series(np.left_shift(np.int64(1), codes.astype(np.int64)), index=frame.index)
    dedup = pd.DataFrame({**{k: frame[k].to_numpy() for k in keys}, "bit": bits.to_numpy()}).drop_duplicates()
    masks = dedup.groupby(keys, sort=True)["bit"].sum()  # distinct bits: sum == OR
    names = [str(u) for u in uniques]
    text = {m: ";".join(names[i] for i in range(len(names)) if (int(m) >> i) & 1)
            for m in pd.unique(masks.to_numpy())}
    return masks.map(text)

"""Snapshots of a dated ecosystem: one sub-ecosystem per period.

:func:`snapshots` cuts an :class:`~ecosystem.model.Ecosystem` whose relations carry dates
into one sub-ecosystem per period (year, quarter, month or custom bins, see
:mod:`.periods`), either **cumulative** (everything that started up to the period's end,
minus what ended before its start) or as a **sliding window** of the last ``window``
periods. Definitions are in ``docs/evolution.md``.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import pandas as pd

from ... import schema as S
from ...exceptions import EcosystemWarning, InvalidParameterError
from ...model import Ecosystem
from .periods import (FREQS, MODES, PARTNER_SCOPES, UNDATED, RelationDates, _check, make_periods,
                      relation_dates)


# --------------------------------------------------------------------------- snapshots
class Snapshot:
    """The ecosystem as it was in one period.

    Attributes
    ----------
    label : str
        Period label (``"2021"``, ``"2021Q3"``, ``"2021-07"``, ``"2014-2016"``).
    start, end : Timestamp
        The period, ``start`` inclusive, ``end`` exclusive.
    eco : Ecosystem
        The relations active in the period (see :func:`snapshots`) and their partners.
        A snapshot cut from a network holds only which of its relations are active (one
        flag per relation) and builds this ecosystem when it is first asked for; it keeps
        it until :meth:`release` (then the next access builds it again, equal). Nine
        cumulative years of H2020 would otherwise hold five times the network's relation
        rows for as long as the evolution is kept.
    since : Timestamp or None
        Start of the time span whose relations count (``None`` = all the past:
        cumulative mode).
    n_undated : int
        Relations without a date in the whole data.
    undated : str
        What was done with them: ``"latest"`` (in the latest period only), ``"exclude"``
        or ``"include"`` (in every period).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c")])
    >>> snap = snapshots(eco.replace(relations=eco.relations.assign(year=[2020, 2021])))[0]
    >>> snap.n_relations, snap.eco.n_partners, snap.release(), snap.eco.n_partners
    (1, 2, None, 2)
    """

    __slots__ = ("label", "start", "end", "since", "n_undated", "undated", "_eco", "_cut")

    def __init__(self, label: str, start: pd.Timestamp, end: pd.Timestamp,
                 eco: Ecosystem | None = None, since: pd.Timestamp | None = None,
                 n_undated: int = 0, undated: str = "latest", *,
                 cut: "_Cut | None" = None) -> None:
        if (eco is None) == (cut is None):
            raise TypeError("Snapshot needs an ecosystem or a cut, not both")
        self.label, self.start, self.end = label, start, end
        self.since, self.n_undated, self.undated = since, n_undated, undated
        self._eco, self._cut = eco, cut

    @property
    def eco(self) -> Ecosystem:
        if self._eco is None:
            self._eco = self._cut.build()
        return self._eco

    @property
    def n_relations(self) -> int:
        """Relations active in the period (without building :attr:`eco`)."""
        return int(self._cut.n_relations) if self._cut is not None else self.eco.n_relations

    @property
    def source(self) -> Ecosystem | None:
        """The network this snapshot was cut from (``None`` for a snapshot given its
        ecosystem); its partners are rows of that network's partner table, in order."""
        return self._cut.source if self._cut is not None else None

    @property
    def n_partners(self) -> int:
        """Partners in the period (without building :attr:`eco`)."""
        if self._cut is None:
            return self.eco.n_partners
        if self._cut.partners == "all":
            return self._cut.source.n_partners
        return len(self._cut.active_rows())

    def active_ids(self) -> set[str]:
        """Ids of the partners with at least one relation in the period (without building
        :attr:`eco`)."""
        if self._cut is None:
            rel = self.eco.relations  # unique() first: a string column's elements are slow
            return set(rel[S.SOURCE].unique().tolist()) | set(rel[S.TARGET].unique().tolist())
        return set(self._cut.source.ids[self._cut.active_rows()].astype(str).tolist())

    @property
    def directed(self) -> bool:
        """Whether its ties are directed (the setting of the network it was cut from)."""
        return bool(self._cut.source.directed if self._cut is not None else self.eco.directed)

    @property
    def built(self) -> bool:
        """Whether :attr:`eco` is built and held (until :meth:`release`)."""
        return self._eco is not None

    def release(self) -> None:
        """Drop the ecosystem built on access (a snapshot given its ecosystem keeps it)."""
        if self._cut is not None:
            self._eco = None

    def same_relations_as(self, other: "Snapshot") -> bool:
        """Whether the two hold the same relation rows of one network, known without
        building either (a period whose relations did not change, see
        :func:`cut_snapshots`)."""
        if self._cut is not None and other._cut is not None:
            return self._cut.source is other._cut.source and self._cut.rows is other._cut.rows
        return self.eco.relations is other.eco.relations

    @property
    def partner_ids(self) -> set[str]:
        return set(map(str, self.eco.ids))

    def __getstate__(self) -> dict[str, Any]:  # a cut snapshot is pickled without its build
        state = {k: getattr(self, k) for k in self.__slots__}
        if self._cut is not None:
            state["_eco"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            setattr(self, key, value)

    def __repr__(self) -> str:
        return (f"Snapshot({self.label!r}: {self.eco.n_partners} partners, "
                f"{self.eco.n_relations} relations)")


@dataclass(frozen=True, eq=False)
class _Cut:
    """How to build a snapshot's ecosystem: which rows of ``source``'s relations are
    active (a flag per row, shared by the periods whose relations did not change), which
    partners it holds (``"active"`` or ``"all"``), its name and metadata."""

    source: Ecosystem
    rows: np.ndarray
    partners: str
    name: str
    metadata: dict[str, Any]

    @property
    def n_relations(self) -> int:
        return int(np.count_nonzero(self.rows))

    def active_rows(self) -> np.ndarray:
        """Rows of ``source``'s partner table with an active relation, in table order."""
        seen = np.zeros(self.source.n_partners, dtype=bool)
        seen[self.source._src[self.rows]] = True
        seen[self.source._dst[self.rows]] = True
        return np.flatnonzero(seen)

    def build(self) -> Ecosystem:
        sub = self.source.relations[self.rows]
        part = self.source.partners
        if self.partners == "active":
            part = part.iloc[self.active_rows()]
        return self.source.replace(partners=part, relations=sub, name=self.name,
                                   metadata=self.metadata)


def snapshots(eco: Ecosystem, *, freq: str = "year", mode: str = "cumulative", window: int = 1,
              date_column: str | None = None, bins: Sequence[Any] | None = None,
              undated: str = "latest", partners: str = "active") -> list[Snapshot]:
    """One sub-ecosystem per period, from the relations' dates.

    Parameters
    ----------
    eco : Ecosystem
        Relations with dates (see :func:`relation_dates`).
    freq : {"year", "quarter", "month"}, default "year"
        Period length. Periods run from the period of the earliest (start) date to
        the period of the latest.
    mode : {"cumulative", "window"}, default "cumulative"
        ``cumulative``: a relation is active in a period when it started before the
        period's end and did not end before the period's start (end dates only count
        when known). ``window``: a relation is active when its time span
        ``[start, end]`` overlaps the last ``window`` periods; a relation with no end
        date is an event on its start date.
    window : int, default 1
        Number of periods in the sliding window (``mode="window"``).
    date_column : str, optional
        Relation column with the dates (default: ``start``, ``date``, ``year``, ``end``).
    bins : sequence of years or dates, optional
        Custom period edges (overrides ``freq``): ``[2014, 2017, 2020]`` gives
        2014-2016 and 2017-2019. Relations after the last edge are in no period.
    undated : {"latest", "exclude", "include"}, default "latest"
        Relations without a date are in the latest snapshot only (``latest``: they exist
        now, when they started is unknown; the latest period is then the whole network,
        as the one-off analysis sees it), left out of every snapshot (``exclude``) or put
        in every snapshot (``include``). Either way they are counted
        (:attr:`Snapshot.n_undated`) and an :class:`EcosystemWarning` says how many.
    partners : {"active", "all"}, default "active"
        ``active``: a snapshot holds the partners with at least one active relation.
        ``all``: every partner of ``eco`` is in every snapshot (inactive ones isolated).

    Returns
    -------
    list of Snapshot
        In time order; periods without an active relation are kept (empty ecosystems).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d")])
    >>> eco = eco.replace(relations=eco.relations.assign(year=[2020, 2021, 2022]))
    >>> [(s.label, s.eco.n_relations) for s in snapshots(eco)]
    [('2020', 1), ('2021', 2), ('2022', 3)]
    >>> [(s.label, s.eco.n_relations) for s in snapshots(eco, mode="window", window=2)]
    [('2020', 1), ('2021', 2), ('2022', 2)]
    """
    return _cut(eco, freq=freq, mode=mode, window=window, date_column=date_column,
                bins=bins, undated=undated, partners=partners)[0]


def cut_snapshots(eco: Ecosystem, *, freq: str = "year", mode: str = "cumulative",
                  window: int = 1, date_column: str | None = None,
                  bins: Sequence[Any] | None = None, undated: str = "latest",
                  partners: str = "active") -> tuple[list[Snapshot], list[bool], RelationDates]:
    """:func:`snapshots`; for each one whether it holds exactly the relations (hence the
    partners) of the period before (``False`` for the first period); the relations' dates
    (:func:`~.periods.relation_dates`, read once).

    A period whose relations did not change shares the previous snapshot's relation and
    partner tables (only its name and period metadata differ), so :func:`~.evolve` can
    reuse the previous period's analysis instead of repeating it.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c")])
    >>> eco = eco.replace(relations=eco.relations.assign(year=[2020, 2022]))
    >>> snaps, same, dates = cut_snapshots(eco)
    >>> [(s.label, s.eco.n_relations) for s in snaps], same
    ([('2020', 1), ('2021', 1), ('2022', 2)], [False, True, False])
    """
    return _cut(eco, freq=freq, mode=mode, window=window, date_column=date_column,
                bins=bins, undated=undated, partners=partners)


def _cut(eco: Ecosystem, *, freq: str, mode: str, window: int, date_column: str | None,
         bins: Sequence[Any] | None, undated: str,
         partners: str) -> tuple[list[Snapshot], list[bool], RelationDates]:
    """The work of :func:`snapshots` and :func:`cut_snapshots` (warnings point at the
    caller of either)."""
    _check("mode", mode, MODES)
    _check("undated", undated, UNDATED)
    _check("partners", partners, PARTNER_SCOPES)
    if bins is None:
        _check("freq", freq, FREQS)
    if not isinstance(window, (int, np.integer)) or isinstance(window, bool) or window < 1:
        raise InvalidParameterError(f"window must be a whole number of periods >= 1, got {window!r}")
    dates = relation_dates(eco, date_column)
    start, end = dates.start, dates.end
    n_undated = dates.n_undated
    if n_undated:
        what = {"latest": "counted in the latest snapshot only",
                "exclude": "left out of every snapshot",
                "include": "included in every snapshot"}[undated]
        warnings.warn(f"{n_undated} relation{'s' if n_undated != 1 else ''} without a date in "
                      f"{dates.column!r}: {what} (undated={undated!r})", EcosystemWarning,
                      stacklevel=3)
    periods = make_periods(start.min(), start.max(), freq=freq, bins=bins)
    point_end = end.fillna(start)  # a relation with no end date is an event at its start
    out: list[Snapshot] = []
    same: list[bool] = []
    s_val = start.to_numpy(dtype="datetime64[ns]")
    undated_mask = start.isna().to_numpy()
    e_cum = end.to_numpy(dtype="datetime64[ns]")
    e_point = point_end.to_numpy(dtype="datetime64[ns]")
    prev_active: np.ndarray | None = None
    for k, period in enumerate(periods):
        p_end = np.datetime64(period.end, "ns")
        if mode == "cumulative":
            since = None
            p_start = np.datetime64(period.start, "ns")
            active = (s_val < p_end) & (np.isnat(e_cum) | (e_cum >= p_start))
        else:
            since = periods[max(0, k - window + 1)].start
            active = (s_val < p_end) & (e_point >= np.datetime64(since, "ns"))
        active &= ~undated_mask
        if undated == "include" or (undated == "latest" and k == len(periods) - 1):
            active |= undated_mask
        unchanged = prev_active is not None and bool(np.array_equal(active, prev_active))
        if unchanged:  # the previous period's rows, as they are (the same object)
            active = prev_active
        prev_active = active
        same.append(unchanged)
        meta = dict(eco.metadata)
        meta.update({"period": period.label, "period_start": period.start.isoformat(),
                     "period_end": period.end.isoformat()})
        cut = _Cut(eco, active, partners, f"{eco.name} [{period.label}]", meta)
        out.append(Snapshot(period.label, period.start, period.end, since=since,
                            n_undated=n_undated, undated=undated, cut=cut))
    return out, same, dates


def snapshot_at(eco: Ecosystem, period: str, **kwargs: Any) -> Snapshot:
    """The snapshot whose label is ``period`` (e.g. ``"2021"``); see :func:`snapshots`.

    Raises :class:`InvalidParameterError` listing the available periods when there is
    no such period.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c")])
    >>> eco = eco.replace(relations=eco.relations.assign(year=[2020, 2021]))
    >>> snapshot_at(eco, "2021").eco.n_relations
    2
    """
    snaps = snapshots(eco, **kwargs)
    for snap in snaps:
        if snap.label == str(period).strip():
            return snap
    labels = [s.label for s in snaps]
    shown = ", ".join(labels[:40]) + (" ..." if len(labels) > 40 else "")
    raise InvalidParameterError(f"no period {period!r}; periods: {shown}")



__all__ = ["Snapshot", "cut_snapshots", "snapshot_at", "snapshots"]

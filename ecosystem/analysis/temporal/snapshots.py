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
@dataclass(frozen=True)
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
    since : Timestamp or None
        Start of the time span whose relations count (``None`` = all the past:
        cumulative mode).
    n_undated : int
        Relations without a date in the whole data.
    undated : str
        What was done with them: ``"latest"`` (in the latest period only), ``"exclude"``
        or ``"include"`` (in every period).
    """

    label: str
    start: pd.Timestamp
    end: pd.Timestamp
    eco: Ecosystem
    since: pd.Timestamp | None = None
    n_undated: int = 0
    undated: str = "latest"

    @property
    def partner_ids(self) -> set[str]:
        return set(map(str, self.eco.ids))

    def __repr__(self) -> str:
        return (f"Snapshot({self.label!r}: {self.eco.n_partners} partners, "
                f"{self.eco.n_relations} relations)")


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
    rel = eco.relations
    all_partners = eco.partners
    out: list[Snapshot] = []
    same: list[bool] = []
    s_val = start.to_numpy(dtype="datetime64[ns]")
    undated_mask = start.isna().to_numpy()
    e_cum = end.to_numpy(dtype="datetime64[ns]")
    e_point = point_end.to_numpy(dtype="datetime64[ns]")
    prev_active: np.ndarray | None = None
    sub = part = None
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
        if not unchanged:  # else the previous period's tables, as they are
            sub = rel[active]
            if partners == "active":
                ids = pd.unique(np.concatenate([sub[S.SOURCE].to_numpy(object),
                                                sub[S.TARGET].to_numpy(object)]))
                part = all_partners[all_partners[S.ID].isin(ids)]
            else:
                part = all_partners
        prev_active = active
        same.append(unchanged)
        meta = dict(eco.metadata)
        meta.update({"period": period.label, "period_start": period.start.isoformat(),
                     "period_end": period.end.isoformat()})
        snap_eco = eco.replace(partners=part, relations=sub,
                               name=f"{eco.name} [{period.label}]", metadata=meta)
        out.append(Snapshot(period.label, period.start, period.end, snap_eco, since=since,
                            n_undated=n_undated, undated=undated))
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

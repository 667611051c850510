"""Snapshots of a dated ecosystem, period by period, and how it evolves.

:func:`snapshots` cuts an :class:`~ecosystem.model.Ecosystem` whose relations carry dates
into one sub-ecosystem per period (year, quarter, month or custom bins), either
**cumulative** (everything that started up to the period's end, minus what ended before
its start) or as a **sliding window** of the last ``window`` periods.
:func:`evolve` analyses every snapshot (health KPIs, anchor ranking, communities) and
follows the change: entrants and exits, rising and falling anchors, and community life
cycles (birth, death, continuation, growth, shrinking, merge, split) with community ids
that stay the same from period to period.

Definitions are in ``docs/evolution.md``.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from .. import schema as S
from ..exceptions import EcosystemWarning, InputDataError, InvalidParameterError, Problem
from ..model import Ecosystem
from ..results import Partition

FREQS = ("year", "quarter", "month")
MODES = ("cumulative", "window")
UNDATED = ("exclude", "include")
PARTNER_SCOPES = ("active", "all")
_PANDAS_FREQ = {"year": "Y", "quarter": "Q", "month": "M"}


# --------------------------------------------------------------------------- dates
@dataclass(frozen=True)
class RelationDates:
    """When each relation starts and (if known) ends.

    ``start`` and ``end`` are datetime Series aligned with ``eco.relations``; ``end`` is
    all ``NaT`` when the data has no end column. ``column`` is the column the start
    dates were read from, ``end_column`` the end column (or ``None``).
    """

    start: pd.Series
    end: pd.Series
    column: str
    end_column: str | None

    @property
    def undated(self) -> pd.Series:
        """Boolean mask of relations without a start date."""
        return self.start.isna()

    @property
    def n_undated(self) -> int:
        return int(self.start.isna().sum())


def _parse_dates(values: pd.Series, column: str, source: str) -> pd.Series:
    """Datetimes from a column of dates, datetimes or whole years (1 January)."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return pd.to_datetime(values)
    blank = values.isna() | values.astype(str).str.strip().isin(["", "nan", "NaT", "None", "<NA>"])
    numeric = pd.to_numeric(values.where(~blank), errors="coerce")
    if numeric.notna().sum() == (~blank).sum() and (~blank).any():
        ok = numeric.dropna()
        if ((ok % 1 == 0) & (ok >= 1000) & (ok <= 3000)).all():
            years = numeric.astype("Int64").astype(str).where(numeric.notna())
            return pd.to_datetime(years, format="%Y", errors="coerce")
    text = values.where(~blank).astype(object)
    parsed = pd.to_datetime(text, errors="coerce", format="mixed")
    bad = parsed.isna() & ~blank
    if bad.any():
        problems = [Problem("date cannot be read; expected e.g. 2024-03-31 or 2021",
                            file=source, row=None, column=column, value=values.loc[i],
                            code="bad_date") for i in values.index[bad][:200]]
        raise InputDataError(problems)
    return parsed


def relation_dates(eco: Ecosystem, date_column: str | None = None) -> RelationDates:
    """Start (and end) date of every relation of ``eco``.

    Parameters
    ----------
    eco : Ecosystem
    date_column : str, optional
        Relation column holding each relation's (start) date. Default: the first of
        ``start``, ``date``, ``year``, ``end`` present. Whole numbers 1000-3000 are read
        as years (1 January). When an ``end`` column exists (and is not the date column
        itself) it gives the day each relation ended.

    Raises
    ------
    InvalidParameterError
        No date column (or ``date_column`` is not a relation column).
    InputDataError
        A date cannot be read.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c")])
    >>> rel = eco.relations.assign(year=[2020, 2021])
    >>> d = relation_dates(eco.replace(relations=rel))
    >>> d.column, [t.year for t in d.start]
    ('year', [2020, 2021])
    """
    rel = eco.relations
    source = eco.report.sources.get("relations", "relations")
    if date_column is not None:
        if date_column not in rel:
            raise InvalidParameterError(
                f"date column {date_column!r} is not a relation column; columns: "
                f"{', '.join(map(str, rel.columns))}")
        column = date_column
    else:
        column = next((c for c in (S.START, S.DATE, S.YEAR, S.END) if c in rel), None)
        if column is None:
            raise InvalidParameterError(
                "the relations carry no dates: add a start/end, date or year column, "
                "or name the date column (date_column=..., CLI --date-col)")
    start = _parse_dates(rel[column], column, source)
    end_column = S.END if (S.END in rel and column != S.END) else None
    end = (_parse_dates(rel[end_column], end_column, source) if end_column
           else pd.Series(pd.NaT, index=rel.index, dtype="datetime64[ns]"))
    if start.notna().sum() == 0:
        raise InvalidParameterError(
            f"no relation has a date in column {column!r}; name another with date_column")
    return RelationDates(start=start, end=end, column=column, end_column=end_column)


# --------------------------------------------------------------------------- periods
@dataclass(frozen=True)
class Period:
    """One time bin: ``start`` inclusive, ``end`` exclusive."""

    label: str
    start: pd.Timestamp
    end: pd.Timestamp


def _edge(value: Any) -> pd.Timestamp:
    if isinstance(value, (int, np.integer)) or (isinstance(value, str) and value.strip().isdigit()
                                                 and len(value.strip()) == 4):
        return pd.Timestamp(year=int(value), month=1, day=1)
    if isinstance(value, float) and value.is_integer():
        return pd.Timestamp(year=int(value), month=1, day=1)
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise InvalidParameterError(f"bin edge {value!r} is not a date or a year") from None
    if ts is pd.NaT:
        raise InvalidParameterError(f"bin edge {value!r} is not a date or a year")
    return ts


def _bin_label(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if start == start.normalize() and (start.month, start.day) == (1, 1) and \
            (end.month, end.day) == (1, 1):
        last = end.year - 1
        return str(start.year) if last == start.year else f"{start.year}-{last}"
    last_day = (end - pd.Timedelta(days=1)).date()
    return f"{start.date()}..{last_day}"


def make_periods(first: pd.Timestamp, last: pd.Timestamp, *, freq: str = "year",
                 bins: Sequence[Any] | None = None) -> list[Period]:
    """The periods from the one holding ``first`` to the one holding ``last``.

    ``bins`` (a list of at least two increasing edges: years or dates) gives custom
    periods ``[edge_i, edge_i+1)`` instead.

    Examples
    --------
    >>> [p.label for p in make_periods(pd.Timestamp("2020-05-01"), pd.Timestamp("2021-02-01"),
    ...                                freq="quarter")]
    ['2020Q2', '2020Q3', '2020Q4', '2021Q1']
    >>> [p.label for p in make_periods(None, None, bins=[2014, 2017, 2020])]
    ['2014-2016', '2017-2019']
    """
    if bins is not None:
        edges = [_edge(b) for b in bins]
        if len(edges) < 2:
            raise InvalidParameterError("bins needs at least two edges (start and end of one period)")
        if any(b >= a for a, b in zip(edges[1:], edges[:-1])):
            raise InvalidParameterError(f"bin edges must increase strictly, got {list(bins)!r}")
        return [Period(_bin_label(a, b), a, b) for a, b in zip(edges[:-1], edges[1:])]
    if freq not in FREQS:
        raise InvalidParameterError(f"freq must be one of {', '.join(FREQS)}, got {freq!r}")
    code = _PANDAS_FREQ[freq]
    out = []
    for p in pd.period_range(pd.Period(first, code), pd.Period(last, code), freq=code):
        if freq == "year":
            label = str(p.year)
        elif freq == "quarter":
            label = f"{p.year}Q{p.quarter}"
        else:
            label = f"{p.year}-{p.month:02d}"
        out.append(Period(label, p.start_time.normalize(), (p + 1).start_time.normalize()))
    return out


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
        What was done with them: ``"exclude"`` or ``"include"`` (in every period).
    """

    label: str
    start: pd.Timestamp
    end: pd.Timestamp
    eco: Ecosystem
    since: pd.Timestamp | None = None
    n_undated: int = 0
    undated: str = "exclude"

    @property
    def partner_ids(self) -> set[str]:
        return set(map(str, self.eco.ids))

    def __repr__(self) -> str:
        return (f"Snapshot({self.label!r}: {self.eco.n_partners} partners, "
                f"{self.eco.n_relations} relations)")


def _check(name: str, value: Any, allowed: Iterable[str]) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise InvalidParameterError(f"{name} must be one of {', '.join(allowed)}, got {value!r}")


def snapshots(eco: Ecosystem, *, freq: str = "year", mode: str = "cumulative", window: int = 1,
              date_column: str | None = None, bins: Sequence[Any] | None = None,
              undated: str = "exclude", partners: str = "active") -> list[Snapshot]:
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
    undated : {"exclude", "include"}, default "exclude"
        Relations without a date are left out of every snapshot (``exclude``) or put in
        every snapshot (``include``). Either way they are counted
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
        what = ("left out of every snapshot" if undated == "exclude"
                else "included in every snapshot")
        warnings.warn(f"{n_undated} relation{'s' if n_undated != 1 else ''} without a date in "
                      f"{dates.column!r}: {what} (undated={undated!r})", EcosystemWarning,
                      stacklevel=2)
    periods = make_periods(start.min(), start.max(), freq=freq, bins=bins)
    point_end = end.fillna(start)  # a relation with no end date is an event at its start
    rel = eco.relations
    all_partners = eco.partners
    out: list[Snapshot] = []
    s_val = start.to_numpy(dtype="datetime64[ns]")
    undated_mask = start.isna().to_numpy()
    for k, period in enumerate(periods):
        p_end = np.datetime64(period.end, "ns")
        if mode == "cumulative":
            since = None
            p_start = np.datetime64(period.start, "ns")
            e_val = end.to_numpy(dtype="datetime64[ns]")
            active = (s_val < p_end) & (np.isnat(e_val) | (e_val >= p_start))
        else:
            since = periods[max(0, k - window + 1)].start
            e_val = point_end.to_numpy(dtype="datetime64[ns]")
            active = (s_val < p_end) & (e_val >= np.datetime64(since, "ns"))
        active &= ~undated_mask
        if undated == "include":
            active |= undated_mask
        sub = rel[active]
        if partners == "active":
            ids = set(sub[S.SOURCE]) | set(sub[S.TARGET])
            part = all_partners[all_partners[S.ID].isin(ids)]
        else:
            part = all_partners
        meta = dict(eco.metadata)
        meta.update({"period": period.label, "period_start": period.start.isoformat(),
                     "period_end": period.end.isoformat()})
        snap_eco = eco.replace(partners=part, relations=sub,
                               name=f"{eco.name} [{period.label}]", metadata=meta)
        out.append(Snapshot(period.label, period.start, period.end, snap_eco, since=since,
                            n_undated=n_undated, undated=undated))
    return out


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


__all__ = ["FREQS", "MODES", "Period", "RelationDates", "Snapshot", "make_periods",
           "relation_dates", "snapshot_at", "snapshots"]

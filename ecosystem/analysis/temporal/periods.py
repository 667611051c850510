"""Dates of relations and the periods they fall in: the time axis of :mod:`.snapshots`.

:func:`relation_dates` reads when each relation starts and ends (start, date, year or end
columns); :func:`make_periods` cuts the span into years, quarters, months or custom bins.
Definitions are in ``docs/evolution.md``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from ... import schema as S
from ...exceptions import InputDataError, InvalidParameterError, Problem
from ...model import Ecosystem

FREQS = ("year", "quarter", "month")
MODES = ("cumulative", "window")
UNDATED = ("latest", "exclude", "include")
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


def _naive(dates: pd.Series) -> pd.Series:
    """Time-zone-aware dates as naive UTC (periods are calendar bins without zones)."""
    if getattr(dates.dt, "tz", None) is not None:
        return dates.dt.tz_convert("UTC").dt.tz_localize(None)
    return dates


def _parse_dates(values: pd.Series, column: str, source: str) -> pd.Series:
    """Datetimes from a column of dates, datetimes or whole years (1 January).

    Each distinct value is read once (a yearly column of a million relations holds a few
    dozen), then spread back to the rows.
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        return _naive(pd.to_datetime(values))
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    if not len(uniques):  # nothing but missing values
        return _parse_distinct(values)[0]
    parsed, bad = _parse_distinct(pd.Series(uniques))
    if bad.any():
        rows = values.index[(codes >= 0) & bad[np.maximum(codes, 0)]]
        problems = [Problem("date cannot be read; expected e.g. 2024-03-31 or 2021",
                            file=source, row=None, column=column, value=values.loc[i],
                            code="bad_date") for i in rows[:200]]
        raise InputDataError(problems)
    out = parsed.to_numpy()[np.maximum(codes, 0)]
    out[codes < 0] = np.datetime64("NaT")
    return pd.Series(out, index=values.index, name=values.name)


def _parse_distinct(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Datetimes of distinct non-missing values, and which of them cannot be read."""
    blank = values.isna() | values.astype(str).str.strip().isin(["", "nan", "NaT", "None", "<NA>"])
    numeric = pd.to_numeric(values.where(~blank), errors="coerce")
    if numeric.notna().sum() == (~blank).sum() and (~blank).any():
        ok = numeric.dropna()
        if ((ok % 1 == 0) & (ok >= 1000) & (ok <= 3000)).all():
            years = numeric.astype("Int64").astype(str).where(numeric.notna())
            return pd.to_datetime(years, format="%Y", errors="coerce"), np.zeros(len(values), bool)
    text = values.where(~blank).astype(object)
    year = numeric.notna() & (numeric % 1 == 0) & numeric.between(1000, 3000)
    if year.any():  # a whole-number year among dates is that year, not nanoseconds since 1970
        text[year] = numeric[year].astype(int).astype(str)
    try:
        parsed = pd.to_datetime(text, errors="coerce", format="mixed")
    except ValueError:  # mixed time zones: compare them in UTC
        parsed = pd.to_datetime(text, errors="coerce", format="mixed", utc=True)
    parsed = _naive(parsed)
    return parsed, (parsed.isna() & ~blank).to_numpy()


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


def has_dates(eco: Ecosystem, date_column: str | None = None) -> bool:
    """Whether the relations carry readable dates (so :func:`evolve` can run).

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b")])
    >>> has_dates(eco), has_dates(eco.replace(relations=eco.relations.assign(year=[2021])))
    (False, True)
    """
    try:
        relation_dates(eco, date_column)
    except (InvalidParameterError, InputDataError):
        return False
    return True


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


def _check(name: str, value: Any, allowed: Iterable[str]) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise InvalidParameterError(f"{name} must be one of {', '.join(allowed)}, got {value!r}")



__all__ = ["FREQS", "MODES", "Period", "RelationDates", "has_dates", "make_periods",
           "relation_dates"]

"""Reading cell values: blanks, missing markers, ids, numbers, dates, direction words.

Vectorised where the column is text (the common case for files), with a per-value
fallback for mixed Excel/JSON columns. Used by :mod:`ecosystem.model_validate`.
"""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


MISSING_MARKERS = frozenset({"na", "n/a", "#n/a", "nan", "null", "none", "nat", "-", "--", "?"})
"""Cell texts read as "no value" in weight, date and year columns (never in id columns)."""


def _missing(value) -> bool:
    return _blank(value) or (isinstance(value, str) and value.strip().lower() in MISSING_MARKERS)


def _as_id(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_GROUPED = {".": re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?%?$"),
            ",": re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?%?$")}
"""A thousands separator is accepted only in groups of three (``1,250`` / ``1.250,5``)."""


def ambiguous_number(text, decimal: str = ".") -> bool:
    """True for number-like text whose separators cannot be read exactly, e.g. ``1,5``
    with decimal point ``.`` (decimal comma, or a mistyped thousands separator?).

    Examples
    --------
    >>> ambiguous_number("1,5"), ambiguous_number("1,250"), ambiguous_number("abc")
    (True, False, False)
    """
    if not isinstance(text, str):
        return False
    t = text.strip().replace(" ", "").replace("\u00a0", "")
    return bool(re.fullmatch(r"[+-]?[\d.,]*\d[\d.,]*%?", t)) and \
        _number_text(t, decimal) is None


def _number_text(value, decimal: str = "."):
    """Number text with separators removed, or None when the separators are ambiguous."""
    if not isinstance(value, str):
        return value
    text = value.strip().replace(" ", "").replace("\u00a0", "")
    group = "," if decimal == "." else "."
    if group in text:
        if not _GROUPED[decimal].match(text):
            return None
        text = text.replace(group, "")
    if decimal == ",":
        if "." in text:
            return None
        text = text.replace(",", ".")
    return text


DIRECTION_WORDS = {"directed": True, "direct": True, "true": True, "yes": True, "1": True,
                   "1.0": True, "y": True, "undirected": False, "mutual": False, "false": False,
                   "no": False, "0": False, "0.0": False, "n": False, "": None}
"""Values of a direction column (Gephi Type, Kumu Direction, a directed flag) -> directed?"""


def _all_text(values: pd.Series) -> bool:
    return pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty")


def _blank_mask(values: pd.Series) -> pd.Series:
    """Vectorised :func:`_blank` (None, NaN, or whitespace-only text)."""
    if _all_text(values):
        return values.isna() | values.fillna("").astype(str).str.strip().eq("")
    return values.map(_blank).astype(bool)


def _missing_mask(values: pd.Series) -> pd.Series:
    """Vectorised :func:`_missing` (blank or a missing marker such as NA)."""
    if _all_text(values):
        text = values.fillna("").astype(str).str.strip()
        return values.isna() | text.eq("") | text.str.lower().isin(MISSING_MARKERS)
    return values.map(_missing).astype(bool)


def _ids_of(values: pd.Series) -> pd.Series:
    """Vectorised :func:`_as_id` for non-blank values."""
    if _all_text(values):
        return values.astype(str).str.strip().astype(object)
    return values.map(_as_id).astype(object)


def _clean_ids(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``(ids as stripped text, blank mask)``; one pass for text columns."""
    if _all_text(values):
        text = values.astype(object)
        na = text.isna()
        stripped = text.where(~na, "").astype(str)
        stripped = pd.Series(np.char.strip(stripped.to_numpy(dtype=str)), index=values.index)
        blank = na | (stripped == "")
        return stripped.astype(object).where(~blank, values.astype(object)), blank
    blank = values.map(_blank).astype(bool)
    out = values.astype(object).copy()
    out[~blank] = values[~blank].map(_as_id)
    return out, blank


def _to_naive_datetime(values, **kwargs) -> pd.Series:
    """``pd.to_datetime`` that accepts mixed time zones: aware values become naive UTC."""
    try:
        parsed = pd.to_datetime(values, **kwargs)
    except ValueError:  # "Mixed timezones detected"
        parsed = pd.to_datetime(values, utc=True, **kwargs)
    if isinstance(parsed, pd.Series) and isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
    return parsed


_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})\s*([/-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})\s*$")
DATE_ORDERS = ("dmy", "mdy")


def date_ambiguity(value, order: str | None = None) -> str | None:
    """Why a numeric date like ``03/04/2024`` cannot be read exactly, or None.

    Examples
    --------
    >>> date_ambiguity("03/04/2024") is not None, date_ambiguity("13/04/2024"), date_ambiguity("2024-04-03")
    (True, None, None)
    >>> date_ambiguity("03/04/2024", "dmy") is None, date_ambiguity("24-01-05") is not None
    (True, True)
    """
    if not isinstance(value, str):
        return None
    m = _NUMERIC_DATE.match(value)
    if not m:
        return None
    a, b, year = int(m.group(1)), int(m.group(3)), m.group(4)
    if len(year) == 2:
        return "a two-digit year is ambiguous (1924 or 2024? day or year first?); write e.g. 2024-03-31"
    if a != b and a <= 12 and b <= 12 and order not in DATE_ORDERS:
        return (f"day and month order unknown ({a} {_MONTHS[b - 1]} or {_MONTHS[a - 1]} {b}?); write "
                "e.g. 2024-03-31, or pass --date-order dmy (day first) or mdy (month first)")
    return None


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _numeric_dates(text: pd.Series, order: str | None) -> pd.Series:
    """``d/m/yyyy`` and ``m/d/yyyy`` (also with ``-``) read in one order for the whole column.

    The order comes from ``order`` (``"dmy"``/``"mdy"``), else from the column itself: a
    first number above 12 means day first, a second above 12 month first. Values whose
    order stays unknown (both numbers 12 or less and different), two-digit years, and
    columns showing both orders are left unread (NaT): validation reports them.
    """
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    parts = text.str.extract(_NUMERIC_DATE)
    found = parts[0].notna()
    if not found.any():
        return out
    a = parts.loc[found, 0].astype(int)
    b = parts.loc[found, 2].astype(int)
    year = parts.loc[found, 3]
    if order not in DATE_ORDERS:
        day_first, month_first = bool((a > 12).any()), bool((b > 12).any())
        order = "dmy" if day_first and not month_first else "mdy" if month_first and not day_first \
            else None
    if order is None:  # only unambiguous values (day == month) can be read
        day, month = a.where(a == b), b.where(a == b)
    else:
        day, month = (a, b) if order == "dmy" else (b, a)
    ok = year.str.len().eq(4) & day.notna()
    iso = (year[ok] + "-" + month[ok].astype(int).astype(str).str.zfill(2) + "-"
           + day[ok].astype(int).astype(str).str.zfill(2))
    out.loc[iso.index] = pd.to_datetime(iso, errors="coerce", format="%Y-%m-%d")
    return out


def _dates_of(values: pd.Series, order: str | None = None) -> pd.Series:
    """Parse dates: ISO fast path, then numeric ``d/m/yyyy`` dates in one order per column
    (see :func:`_numeric_dates`), then per-value formats for the rest.

    Time-zone-aware dates (also mixed zones) are converted to UTC and stored naive.
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            return values.dt.tz_convert("UTC").dt.tz_localize(None)
        return values
    parsed = _to_naive_datetime(values, errors="coerce", format="ISO8601") if _all_text(values) \
        else pd.Series(pd.NaT, index=values.index)
    parsed = _within_years(parsed)
    rest = parsed.isna()
    if rest.any():
        parsed = parsed.astype("datetime64[ns]")
        text = values[rest].where(~_missing_mask(values[rest]), None)
        if _all_text(text.dropna()):
            text = text.map(_normalise_date_text, na_action="ignore")
        numeric = pd.Series([isinstance(v, str) and bool(_NUMERIC_DATE.match(v)) for v in text],
                            index=text.index, dtype=bool)
        if numeric.any():  # never let dateutil guess the day/month order value by value
            parsed[numeric[numeric].index] = _numeric_dates(text[numeric].astype(str), order)
            text = text[~numeric]
        if len(text):
            parsed[text.index] = _within_years(_to_naive_datetime(text, errors="coerce",
                                                                  format="mixed"))
    return _within_years(parsed)


def _within_years(parsed: pd.Series, low: int = 1000, high: int = 3000) -> pd.Series:
    """Dates with years outside ``low..high`` (``-2024``, ``0024``) as NaT, in nanoseconds.

    pandas parses such years at a coarser unit; storing them as nanoseconds would overflow.
    """
    if not pd.api.types.is_datetime64_any_dtype(parsed):
        return parsed
    years = parsed.dt.year
    return parsed.where(parsed.isna() | ((years >= low) & (years <= high))).astype("datetime64[ns]")


_KOREAN_DATE = re.compile(r"^\s*(\d{4})\s*년\s*(\d{1,2})\s*월(?:\s*(\d{1,2})\s*일?)?\s*$")
_DOTTED_DAY_FIRST = re.compile(r"^\s*(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})\s*$")


def _normalise_date_text(value):
    """Korean ``2021년 3월 2일`` and European ``02.03.2021`` (day first) -> ISO text.

    Examples
    --------
    >>> _normalise_date_text("2021년 3월 2일"), _normalise_date_text("02.03.2021")
    ('2021-03-02', '2021-03-02')
    """
    if not isinstance(value, str):
        return value
    m = _KOREAN_DATE.match(value)
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3) or 1):02d}"
    m = _DOTTED_DAY_FIRST.match(value)
    if m:
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return value


def _numbers_of(values: pd.Series, decimal: str = ".") -> pd.Series:
    if pd.api.types.is_numeric_dtype(values):
        return pd.to_numeric(values, errors="coerce").astype(float)
    fast = pd.to_numeric(values, errors="coerce") if decimal == "." else \
        pd.Series(np.nan, index=values.index)
    rest = fast.isna()
    if not rest.any():
        return fast.astype(float)
    fast = fast.astype(float)
    fast[rest] = _slow_numbers(values[rest], decimal)
    return fast


def _slow_numbers(values: pd.Series, decimal: str = ".") -> pd.Series:
    if _all_text(values):
        text = values.fillna("").astype(str).map(lambda v: _number_text(v, decimal))
        text = text.where(text.notna(), "x")  # ambiguous separators: not a number
        percent = text.str.endswith("%")
        text = text.str.rstrip("%")
        out = pd.to_numeric(text.where(text != "", None), errors="coerce")
        return out.where(~percent, out / 100.0)  # "80%" = 0.8
    return pd.to_numeric(values.map(lambda v: _number_text(v, decimal)), errors="coerce")


_PLAIN_NUMBER = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$")


def numeric_column(values: pd.Series) -> pd.Series | None:
    """A text column whose every filled cell is a plain number (``-5``, ``-1.5``, ``2e3``;
    no leading zeros, no separators) and at least one has a sign, decimals or an exponent,
    as numbers (``Int64`` when all whole), else None.

    Blank cells become missing values. Ids like ``007`` and columns of whole non-negative
    numbers (class codes such as a Pajek partition) stay text.

    Examples
    --------
    >>> numeric_column(pd.Series(["-5", "", "3"])).tolist()
    [-5, <NA>, 3]
    >>> numeric_column(pd.Series(["007", "1"])) is None, numeric_column(pd.Series(["1", "2"])) is None
    (True, True)
    """
    if not _all_text(values):
        return None
    text = values.fillna("").astype(str).str.strip()
    filled = text[text != ""]
    if filled.empty or not filled.str.match(_PLAIN_NUMBER).all():
        return None
    if not filled.str.contains(r"[-.eE]").any():
        return None  # whole non-negative numbers may be codes or categories: kept as text
    out = pd.to_numeric(text.where(text != "", None), errors="coerce")
    if not np.isfinite(out.dropna().to_numpy(float)).all():
        return None
    if filled.str.fullmatch(r"-?\d+").all() and out.abs().max() < 2 ** 53:
        return out.astype("Int64")
    return out.astype(float)

"""CSV and XLSX files of plain tables: spreadsheet-safe, written atomically.

Formula-like text is neutralised (:mod:`ecosystem.io.safe`), lists and dicts in cells
become readable text, and NaN becomes an empty cell.
"""
from __future__ import annotations

import datetime as _dt
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pandas as pd

from .safe import atomic_path, neutralise_frame, write_text_atomic
from .sheet_xml import can_stream, stream_rows
from .values import NOT_A_NUMBER, cell_text, plain_number

EXCEL_MAX_ROWS = 1_048_576
"""Rows of an Excel sheet, the header included."""


def listy(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists/tuples/dicts in cells become readable text (for CSV/XLSX)."""
    out = frame.copy()
    for k, dtype in enumerate(out.dtypes.tolist()):  # one look-up per column, no copies
        if dtype == object:
            out.isetitem(k, out.iloc[:, k].map(cell_text))
    return out


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as UTF-8 CSV with a BOM (Excel opens Hangul correctly), neutralised.

    Examples
    --------
    >>> import tempfile
    >>> p = write_csv(pd.DataFrame({"name": ["=cmd", "삼성"]}), Path(tempfile.mkdtemp()) / "t.csv")
    >>> p.read_text(encoding="utf-8-sig").splitlines()
    ['name', "'=cmd", '삼성']"""
    text = _few_floats_as_text(neutralise_frame(listy(frame))).to_csv(index=False)
    return write_text_atomic(path, "\ufeff" + text)


def _few_floats_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every long float column of few distinct values written out as the
    text ``to_csv`` would write (``astype(str)``, blanks for NaN), converting each
    distinct value once: the CSV is the same, written faster."""
    for k, dtype in enumerate(frame.dtypes.tolist()):
        if dtype != np.float64 or len(frame) < 10_000:
            continue
        values = frame.iloc[:, k].to_numpy()
        bits, inverse = np.unique(values.view(np.int64), return_inverse=True)  # -0.0 kept
        if len(bits) * 8 > len(values):
            continue
        texts = bits.view(np.float64).astype(str).astype(object)
        texts[np.isnan(bits.view(np.float64))] = ""
        frame.isetitem(k, texts[inverse.ravel()])
    return frame


def write_xlsx(tables: dict[str, pd.DataFrame], path: str | Path) -> Path:
    """Write one sheet per table (sheet names cut to Excel's 31 characters), neutralised.

    Streams with XlsxWriter in constant-memory mode (flat in memory); the cells go into
    the sheet a block of rows at a time as XML (:mod:`ecosystem.io.sheet_xml`, the same
    cells XlsxWriter writes, every string escaped), with XlsxWriter's own cell calls as
    the fallback.
    Formula-like text is prefixed with ``'`` first, and XlsxWriter's own conversions
    (text to formulas, URLs or numbers) are off, so no cell is ever stored as a formula
    or a link.
    """
    import xlsxwriter

    path = Path(path)
    with atomic_path(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False, "nan_inf_to_errors": False,
            "default_date_format": "yyyy-mm-dd hh:mm:ss"})
        date_fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        used: set[str] = set()
        for name, frame in tables.items():
            ws = wb.add_worksheet(_sheet_name(name, used))
            safe = neutralise_frame(listy(frame))
            ws.freeze_panes(1, 0)
            for i, col in enumerate(safe.columns):
                ws.set_column(i, i, min(max(len(str(col)), 8) + 2, 50))
            header = [str(c) for c in safe.columns]
            if len(safe) > EXCEL_MAX_ROWS - 1:  # Excel's sheet limit; the CSV files are complete
                safe = safe.head(EXCEL_MAX_ROWS - 1)
            columns = [safe.iloc[:, i] for i in range(safe.shape[1])]
            if can_stream(ws):  # the same cells, written a block of rows at a time
                stream_rows(ws, header, [column_cells(col) for col in columns],
                            date_fmt._get_xf_index)
            else:
                ws.write_row(0, 0, header)
                _write_rows(ws, columns, date_fmt)
        if not tables:
            wb.add_worksheet("empty")
        with _zip_level(ZIP_LEVEL):
            wb.close()
    return path


ZIP_LEVEL = 3
"""Deflate level of the workbook's zip (XlsxWriter uses zlib's default, 6). The sheets
are tens of MB of repetitive XML (10k partners: 75 MB): level 3 packs them in 0.48 s
instead of 1.06 s, into a file 14 % larger (12.0 MB instead of 10.5 MB); Excel and
openpyxl read any level."""


@contextmanager
def _zip_level(level: int) -> Iterator[None]:
    """Let XlsxWriter's ``ZipFile`` deflate at ``level`` inside the block (it offers no
    option; the module's name is swapped back afterwards, also on error)."""
    import functools
    import zipfile

    from xlsxwriter import workbook as xw

    original = xw.ZipFile
    if original is not zipfile.ZipFile:  # not the class we know: leave it alone
        yield
        return
    xw.ZipFile = functools.partial(zipfile.ZipFile, compresslevel=level)
    try:
        yield
    finally:
        xw.ZipFile = original


def _write_rows(ws: Any, columns: list[pd.Series], date_fmt: Any) -> None:
    """Rows 1.. of a sheet: each column converted once (:func:`column_cells`), then every
    non-empty cell through the matching typed XlsxWriter call.

    The cells are those of :func:`_xl` applied cell by cell; rows go out in order, as
    XlsxWriter's constant-memory mode requires.
    """
    cells, writers = [], []
    for col in columns:
        values, kind = column_cells(col)
        cells.append(values)
        writers.append(_writer(ws, kind, date_fmt))
    index = range(len(columns))
    for r, row in enumerate(zip(*cells), start=1):
        for c, v in zip(index, row):
            if v is not None:
                writers[c](r, c, v)


def _writer(ws: Any, kind: str, date_fmt: Any) -> Any:
    """The XlsxWriter call for a column of ``kind`` (``row, col, value``)."""
    # the undecorated methods skip XlsxWriter's A1-notation check: cells are (row, col)
    number = getattr(ws, "_write_number", ws.write_number)
    string = getattr(ws, "_write_string", ws.write_string)
    if kind == "number":
        return number
    if kind == "string":
        return string
    if kind == "bool":
        return getattr(ws, "_write_boolean", ws.write_boolean)

    def mixed(r: int, c: int, v: Any) -> None:
        if isinstance(v, bool):
            ws.write_boolean(r, c, v)
        elif isinstance(v, (int, float)):
            number(r, c, v)
        elif isinstance(v, str):
            string(r, c, v)
        elif isinstance(v, (_dt.date, _dt.time)):
            ws.write_datetime(r, c, v, date_fmt)
        else:
            string(r, c, str(v))
    return mixed


def column_cells(column: pd.Series) -> tuple[list[Any], str]:
    """A column's cells as written to a workbook, converted once for the whole column.

    Returns the values (``None`` for an empty cell) and their kind: ``"number"``,
    ``"bool"``, ``"string"`` or ``"mixed"`` (each cell typed on its own). Every value is
    what :func:`_xl` gives for that cell, with ``""``, NaT, NaN and infinity as ``None``:
    plain numeric and boolean columns convert with numpy, text columns in one pass, any
    other column cell by cell.

    Examples
    --------
    >>> column_cells(pd.Series([1.5, float("nan"), -2.0]))
    ([1.5, None, -2.0], 'number')
    >>> column_cells(pd.Series(["=1+1", "", None, "a"], dtype=object))
    (["'=1+1", None, None, 'a'], 'string')
    """
    dtype = column.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "biuf":
        values = column.tolist()  # plain Python bools, ints, floats
        if dtype.kind == "b":
            return values, "bool"
        if dtype.kind == "f":
            for i in np.flatnonzero(~np.isfinite(column.to_numpy())).tolist():
                values[i] = None
        return values, "number"
    if pd.api.types.is_string_dtype(dtype) and (
            dtype != object or pd.api.types.infer_dtype(column, skipna=True) in ("string",
                                                                                  "empty")):
        # text and missing values only: missing cells (None, NaN, NA, NaT) stay empty
        return [(("'" + v) if v[:1] == "=" else v) if isinstance(v, str) and v else None
                for v in column.tolist()], "string"
    values = []
    for value in column.tolist():
        v = _xl(value)
        values.append(None if v is None or v is pd.NaT or (isinstance(v, str) and v == "")
                      else v)
    return values, "mixed"


def _xl(value: Any) -> Any:
    """A cell value openpyxl stores as data (never a formula): NaN -> empty, numpy -> Python."""
    if value is None:
        return None
    number = plain_number(value)
    if number is not NOT_A_NUMBER:
        return number
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.tz_localize(None).to_pydatetime() \
            if value.tzinfo else value.to_pydatetime()
    if isinstance(value, str):
        return value if not value.startswith("=") else "'" + value  # belt and braces
    if isinstance(value, (_dt.date, _dt.time)):
        return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value) if not isinstance(value, (int, float)) else value


def _sheet_name(name: str, used: set[str]) -> str:
    base = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "sheet"
    sheet, k = base, 1
    while sheet in used:
        k += 1
        sheet = f"{base[:28]}_{k}"
    used.add(sheet)
    return sheet


__all__ = ["EXCEL_MAX_ROWS", "listy", "write_csv", "write_xlsx"]

"""CSV and XLSX files of plain tables: spreadsheet-safe, written atomically.

Formula-like text is neutralised (:mod:`ecosystem.io.safe`), lists and dicts in cells
become readable text, and NaN becomes an empty cell.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

import pandas as pd

from .safe import atomic_path, neutralise_frame, write_text_atomic
from .values import NOT_A_NUMBER, cell_text, plain_number

EXCEL_MAX_ROWS = 1_048_576
"""Rows of an Excel sheet, the header included."""


def listy(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists/tuples/dicts in cells become readable text (for CSV/XLSX)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(cell_text)
    return out


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as UTF-8 CSV with a BOM (Excel opens Hangul correctly), neutralised.

    Examples
    --------
    >>> import tempfile
    >>> p = write_csv(pd.DataFrame({"name": ["=cmd", "삼성"]}), Path(tempfile.mkdtemp()) / "t.csv")
    >>> p.read_text(encoding="utf-8-sig").splitlines()
    ['name', "'=cmd", '삼성']"""
    text = neutralise_frame(listy(frame)).to_csv(index=False)
    return write_text_atomic(path, "\ufeff" + text)


def write_xlsx(tables: dict[str, pd.DataFrame], path: str | Path) -> Path:
    """Write one sheet per table (sheet names cut to Excel's 31 characters), neutralised.

    Streams with XlsxWriter in constant-memory mode (each row goes to disk as it is
    written; about 3x faster than openpyxl's write-only mode and flat in memory).
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
            ws.write_row(0, 0, [str(c) for c in safe.columns])
            if len(safe) > EXCEL_MAX_ROWS - 1:  # Excel's sheet limit; the CSV files are complete
                safe = safe.head(EXCEL_MAX_ROWS - 1)
            _write_rows(ws, [safe[c].tolist() for c in safe.columns], date_fmt)
        if not tables:
            wb.add_worksheet("empty")
        wb.close()
    return path


def _write_rows(ws: Any, columns: list[list[Any]], date_fmt: Any) -> None:
    """Rows 1.. of a sheet, each cell through :func:`_xl` and the matching typed call."""
    write_number, write_string = ws.write_number, ws.write_string
    write_boolean, write_datetime = ws.write_boolean, ws.write_datetime
    for r, row in enumerate(zip(*columns), start=1):
        for c, value in enumerate(row):
            v = _xl(value)
            if v is None or v is pd.NaT or v == "":  # empty cells, as openpyxl left them
                continue
            if isinstance(v, bool):
                write_boolean(r, c, v)
            elif isinstance(v, (int, float)):
                write_number(r, c, v)
            elif isinstance(v, str):
                write_string(r, c, v)
            elif isinstance(v, (_dt.date, _dt.time)):
                write_datetime(r, c, v, date_fmt)
            else:
                write_string(r, c, str(v))


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

"""metrics.xlsx converts each column once: the cells are exactly those the per-cell
conversion (``_xl``) gives, for every kind of column a table can hold."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from ecosystem.io.spreadsheet import _xl, column_cells, write_xlsx


def _per_cell(column: pd.Series) -> list:
    """The old conversion: ``_xl`` on every cell, empty text/NaT as an empty cell."""
    out = []
    for value in column.tolist():
        v = _xl(value)
        out.append(None if v is None or v is pd.NaT or (isinstance(v, str) and v == "") else v)
    return out


COLUMNS = {
    "floats with NaN and inf": pd.Series([1.5, np.nan, -2.0, np.inf, -np.inf, 0.0]),
    "float32": pd.Series(np.array([0.1, np.nan, -3.25], dtype="float32")),
    "numpy ints": pd.Series(np.array([1, -7, 2**40], dtype="int64")),
    "unsigned": pd.Series(np.array([0, 3], dtype="uint8")),
    "bools": pd.Series([True, False, True]),
    "nullable ints": pd.Series([1, None, -3], dtype="Int64"),
    "nullable bools": pd.Series([True, None, False], dtype="boolean"),
    "text with gaps": pd.Series(["a", None, np.nan, "", "=SUM(A1)", "-5", "삼성"], dtype=object),
    "str dtype": pd.Series(["x", None, "=1+1", ""], dtype="str"),
    "mixed objects": pd.Series([np.int64(3), np.float64(np.nan), None, True, np.bool_(False),
                                "-1+2", pd.NA, pd.NaT, 2.5, dt.date(2024, 1, 2),
                                dt.time(10, 30), ("a", "b"), -4], dtype=object),
    "timestamps": pd.Series(pd.to_datetime(["2024-01-02 03:04:05", None])),
    "tz-aware": pd.Series(pd.to_datetime(["2024-01-02 03:04:05", None]).tz_localize("Asia/Seoul")),
    "mixed timestamps": pd.Series([pd.Timestamp("2024-05-06", tz="UTC"),
                                   pd.Timestamp("2023-01-01"), pd.NaT, "t"], dtype=object),
    "categorical": pd.Series(pd.Categorical(["b", "a", None])),
    "all missing": pd.Series([None, np.nan], dtype=object),
    "empty": pd.Series([], dtype=object),
}


@pytest.mark.parametrize("name", list(COLUMNS))
def test_a_column_converts_to_the_cells_of_the_per_cell_rule(name):
    column = COLUMNS[name]
    values, kind = column_cells(column)
    expected = _per_cell(column)
    assert values == expected
    assert [type(v) for v in values] == [type(v) for v in expected]
    assert kind in ("number", "bool", "string", "mixed")


def test_plain_columns_take_the_fast_kinds():
    assert column_cells(COLUMNS["floats with NaN and inf"]) == (
        [1.5, None, -2.0, None, None, 0.0], "number")
    assert column_cells(COLUMNS["bools"])[1] == "bool"
    assert column_cells(COLUMNS["text with gaps"]) == (
        ["a", None, None, None, "'=SUM(A1)", "-5", "삼성"], "string")


def test_the_workbook_holds_the_per_cell_values(tmp_path):
    """Written and read back (openpyxl): numbers, text, booleans, dates, empties in place."""
    from openpyxl import load_workbook

    frame = pd.DataFrame({"n": [1.5, np.nan, -2.0], "i": [1, 2, -3], "b": [True, False, True],
                          "t": ["=cmd", None, "x"],
                          "m": [np.int64(4), "y", pd.Timestamp("2024-01-02", tz="UTC")]})
    path = write_xlsx({"s": frame}, tmp_path / "m.xlsx")
    rows = [list(r) for r in load_workbook(path).active.iter_rows(values_only=True)]
    assert rows == [["n", "i", "b", "t", "m"], [1.5, 1, True, "'=cmd", 4],
                    [None, 2, False, None, "y"], [-2, -3, True, "x", dt.datetime(2024, 1, 2)]]


def _members(path) -> dict:
    import zipfile

    with zipfile.ZipFile(path) as z:  # the creation time is the only part that may differ
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


NASTY = pd.DataFrame({
    "": ["x", "y", None, "z", "w", "v", "u"],
    "n": [1.5, np.nan, -2.0, np.inf, 1e20, 2.0**53 + 2, 0.1],
    "i": np.array([1, -7, 2**40, 0, 3, 4, 5], dtype="int64"),
    "b": [True, False, True, False, True, True, False],
    "t": [" lead", "trail ", "a\x01b", "_x0041_ & <b>", "=SUM(A1)",
          "가" * 20000 + "😀" * 7000, "q\"uote\n"],  # the 6th is cut to 32,767 UTF-16 units
    "m": [np.int64(3), None, True, "-1+2", dt.date(2024, 1, 2), dt.time(10, 30),
          pd.Timestamp("2024-01-02 03:04:05", tz="UTC")],
    "e": [None] * 7,
})


def test_streamed_rows_are_the_bytes_xlsxwriter_writes_cell_by_cell(tmp_path, monkeypatch):
    """Every part of the file (sheet XML, styles, dimensions) is what XlsxWriter's own
    cell calls give, for every kind of column, empty headers, cut text and empty sheets."""
    import ecosystem.io.spreadsheet as spreadsheet

    tables = {"nasty": NASTY, "no columns": pd.DataFrame(),
              "only blanks": pd.DataFrame({"a": [None, None]}), "rows": pd.DataFrame(
                  {"k": np.arange(9000) % 7 * 0.5, "s": [f"p{i % 13}" for i in range(9000)]})}
    streamed = _members(write_xlsx(tables, tmp_path / "streamed.xlsx"))
    monkeypatch.setattr(spreadsheet, "can_stream", lambda ws: False)
    cell_by_cell = _members(write_xlsx(tables, tmp_path / "cells.xlsx"))
    assert streamed.keys() == cell_by_cell.keys()
    for name in cell_by_cell:
        assert streamed[name] == cell_by_cell[name], name
    assert b'<dimension ref="A1:B9001"/>' in streamed["xl/worksheets/sheet4.xml"]


def test_a_name_that_looks_like_rich_text_is_escaped(tmp_path):
    """XlsxWriter copies ``<r>...</r>`` text into the file unescaped; such a partner name
    made the workbook unreadable. Streamed, it is plain text."""
    from openpyxl import load_workbook

    names = ["<r>Evil & Co</r>", "<r><t>x</t></r>", "ok"]
    path = write_xlsx({"s": pd.DataFrame({"<r>&</r>": names})}, tmp_path / "m.xlsx")
    rows = [r[0] for r in load_workbook(path).active.iter_rows(values_only=True)]
    assert rows == ["<r>&</r>"] + names


def test_the_workbook_is_deflated_at_level_3_and_xlsxwriter_is_left_as_it_was(tmp_path):
    """metrics.xlsx is tens of MB of XML: deflate level 3 takes half the time of zlib's
    default (6) for a file about 14 % larger. Each member's stored size is exactly what
    zlib gives at level 3, and XlsxWriter's zip class is restored afterwards."""
    import zipfile
    import zlib

    from xlsxwriter import workbook as xw

    from ecosystem.io.spreadsheet import ZIP_LEVEL, write_xlsx

    frame = pd.DataFrame({"name": [f"Partner {i % 97}" for i in range(3000)],
                          "score": np.arange(3000) / 7})
    path = write_xlsx({"partners": frame}, tmp_path / "m.xlsx")
    assert ZIP_LEVEL == 3 and xw.ZipFile is zipfile.ZipFile
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
        data = z.read(info)
    packer = zlib.compressobj(3, zlib.DEFLATED, -15)
    assert info.compress_size == len(packer.compress(data) + packer.flush())
    default = zlib.compressobj(6, zlib.DEFLATED, -15)
    assert info.compress_size != len(default.compress(data) + default.flush())
    assert pd.read_excel(path)["name"].tolist() == frame["name"].tolist()

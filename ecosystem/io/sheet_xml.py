"""Worksheet rows as XML, written straight into XlsxWriter's constant-memory row file.

XlsxWriter's constant-memory mode keeps one row in memory and writes each cell through
several Python calls (about 10 µs a cell: 1.7M cells, the metrics workbook of 10k partners,
took 10-12 s). :func:`stream_rows` writes the same ``<row>``/``<c>`` elements column by
column instead, a block of rows at a time, and tells the worksheet which cells it holds
(its dimensions), so XlsxWriter still writes everything else of the file (styles, column
widths, the frozen header, the zip).

The cells are those XlsxWriter writes in constant-memory mode (the tests compare the
sheet XML byte for byte), with one deliberate difference: XlsxWriter copies a string that
starts with ``<r>`` and ends with ``</r>`` into the file unescaped (it takes it for a rich
string), so a partner named ``<r>A & B</r>`` made the workbook unreadable; here every
string is escaped.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Callable, Sequence

from xlsxwriter.utility import xl_col_to_name

ROWS_PER_BLOCK = 4096
"""Rows converted and written at a time (bounds the memory of the cell strings)."""

_ESCAPED_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_LEADING_SPACE = re.compile(r"^\s")
_TRAILING_SPACE = re.compile(r"\s$")
_NEEDS_WORK = re.compile('[\x00-\x08\x0b-\x1f&<>\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\\s|\\s$')
_MAX_UTF16 = 32767  # Excel's limit for the text of one cell, in UTF-16 units


def inline_text(text: str) -> tuple[str, str]:
    """The ``<t>`` attribute and content of a text cell, as Excel reads them.

    Cut to Excel's 32,767 UTF-16 units (never inside a character above U+FFFF), control
    characters as ``_xHHHH_`` (a literal ``_xHHHH_`` escaped as ``_x005F_xHHHH_``), leading
    or trailing white space kept with ``xml:space="preserve"``, ``& < >`` escaped.

    Examples
    --------
    >>> inline_text(" A & B\\x01")
    (' xml:space="preserve"', ' A &amp; B_x0001_')
    >>> inline_text("<r>x</r>")
    ('', '&lt;r&gt;x&lt;/r&gt;')
    """
    if len(text) > _MAX_UTF16 // 2 and len(text.encode("utf-16-le", "surrogatepass")) // 2 > _MAX_UTF16:
        units = 0
        for index, char in enumerate(text):
            units += 2 if ord(char) > 0xFFFF else 1
            if units > _MAX_UTF16:
                text = text[:index]
                break
    if not _NEEDS_WORK.search(text):
        return "", text
    text = _ESCAPED_ESCAPE.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)
    text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    preserve = ' xml:space="preserve"' if (_LEADING_SPACE.search(text)
                                          or _TRAILING_SPACE.search(text)) else ""
    return preserve, text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def can_stream(ws: Any) -> bool:
    """Whether ``ws`` is an untouched XlsxWriter constant-memory worksheet whose rows
    :func:`stream_rows` writes exactly as XlsxWriter would (plain rows: no row heights,
    formats or Excel 2010 row attributes)."""
    try:
        return (bool(ws.constant_memory) and ws.fh is not None and not ws.table
                and ws.dim_rowmin is None and not ws.row_info and not ws.comments
                and ws.excel_version != 2010
                and all(getattr(info, "column_format", None) is None
                        for info in ws.col_info.values())
                and ws.default_row_height == ws.original_row_height
                and callable(ws._check_dimensions) and callable(ws._convert_date_time))
    except AttributeError:
        return False


def stream_rows(ws: Any, header: Sequence[str], columns: Sequence[tuple[list[Any], str]],
                date_xf: Callable[[], int]) -> None:
    """Write the header (row 0) and ``columns`` (rows 1..) of a constant-memory sheet.

    ``columns`` holds each column's cells and kind as :func:`~ecosystem.io.spreadsheet.column_cells`
    gives them (``None`` = empty cell); ``date_xf`` gives the style index of the date
    format (asked only when a date is written). Call only when :func:`can_stream` is true,
    and write nothing else into the sheet's cells.
    """
    letters = [xl_col_to_name(c) for c in range(max(len(header), len(columns)))]
    fh = ws.fh
    used_rows: list[int] = []
    used_cols: set[int] = set()
    head = [_cell(letters[c], 1, "string", name, ws, date_xf) if name != "" else ""
            for c, name in enumerate(header)]
    if any(head):
        fh.write('<row r="1">' + "".join(head) + "</row>")
        used_rows.append(0)
        used_cols.update(c for c, cell in enumerate(head) if cell)
    n = len(columns[0][0]) if columns else 0
    for start in range(0, n, ROWS_PER_BLOCK):
        stop = min(n, start + ROWS_PER_BLOCK)
        block = []
        for c, (values, kind) in enumerate(columns):
            cells = _column_xml(letters[c], kind, values[start:stop], start + 2, ws, date_xf)
            if any(cells):
                used_cols.add(c)
            block.append(cells)
        out = []
        for r, cells in enumerate(zip(*block), start=start + 2):
            body = "".join(cells)
            if body:
                out.append(f'<row r="{r}">{body}</row>')
                used_rows.append(r - 1)
        fh.write("".join(out))
    if used_rows:  # the sheet's <dimension> and whether it has any data
        ws._check_dimensions(used_rows[0], min(used_cols))
        ws._check_dimensions(used_rows[-1], max(used_cols))


def _column_xml(letter: str, kind: str, values: list[Any], first_row: int, ws: Any,
                date_xf: Callable[[], int]) -> list[str]:
    """The ``<c>`` elements of one column's block of cells ("" for an empty cell)."""
    if kind == "number":
        return [f'<c r="{letter}{r}"><v>{v:.16G}</v></c>' if v is not None else ""
                for r, v in enumerate(values, start=first_row)]
    if kind == "string":
        seen: dict[str, str] = {}  # names, types and sectors repeat: escape each once
        out = []
        for r, v in enumerate(values, start=first_row):
            if v is None:
                out.append("")
                continue
            t = seen.get(v)
            if t is None:
                preserve, text = inline_text(v)
                t = seen[v] = f'" t="inlineStr"><is><t{preserve}>{text}</t></is></c>'
            out.append(f'<c r="{letter}{r}{t}')
        return out
    return [_cell(letter, r, kind, v, ws, date_xf) if v is not None else ""
            for r, v in enumerate(values, start=first_row)]


def _cell(letter: str, row: int, kind: str, value: Any, ws: Any,
          date_xf: Callable[[], int]) -> str:
    """One ``<c>`` element; ``kind`` "mixed" types the value on its own (bool, number,
    text, date/time, anything else as its text)."""
    ref = f'<c r="{letter}{row}"'
    if kind == "bool" or (kind == "mixed" and isinstance(value, bool)):
        return f'{ref} t="b"><v>{1 if value else 0}</v></c>'
    if kind == "number" or (kind == "mixed" and isinstance(value, (int, float))):
        return f"{ref}><v>{value:.16G}</v></c>"
    if kind == "mixed" and isinstance(value, (_dt.date, _dt.time)):
        return f'{ref} s="{date_xf()}"><v>{ws._convert_date_time(value):.16G}</v></c>'
    preserve, text = inline_text(value if isinstance(value, str) else str(value))
    return f'{ref} t="inlineStr"><is><t{preserve}>{text}</t></is></c>'


__all__ = ["ROWS_PER_BLOCK", "can_stream", "inline_text", "stream_rows"]

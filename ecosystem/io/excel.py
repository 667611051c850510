"""Excel workbooks (``.xlsx``/``.xlsm``): a partners sheet and a relations sheet.

Sheets are found by name (case-insensitive aliases such as ``partners``/``nodes``/
``organisations``/``기관`` and ``relations``/``edges``/``links``/``관계``), by their
columns when names do not tell (the sheet with source/target columns holds the
relations), or chosen explicitly (``sheet=``, ``partners_sheet=``; a name or a 1-based
number). A workbook with a single sheet holds the relations.

Cells keep their Excel values (numbers stay numbers, dates stay dates); the first
non-empty row is the header, and every row keeps its Excel row number for messages.
Formulas are read as the values Excel last computed and saved.
"""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import pandas as pd

from .. import schema as S
from ..exceptions import EcosystemError, InputDataError, Problem, UnsupportedFormatError

PARTNER_SHEET_ALIASES = ("partners", "partner", "nodes", "node", "organisations", "organizations",
                         "organisation", "organization", "orgs", "actors", "members", "companies",
                         "vertices", "elements", "기관", "기관목록", "파트너", "노드", "참여기관", "조직")
RELATION_SHEET_ALIASES = ("relations", "relation", "edges", "edge", "links", "link", "ties",
                          "partnerships", "collaborations", "relationships", "network", "connections",
                          "관계", "협력", "협력관계", "엣지", "링크", "연결")


CORRUPT_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zlib.error, KeyError, OSError, ValueError, EOFError, TypeError,
    IndexError, AttributeError, SyntaxError, NotImplementedError)  # SyntaxError: xml ParseError
"""What openpyxl raises, while opening or (read-only: lazily) reading, for a damaged file."""


def _corrupt(path: Path, err: BaseException) -> InputDataError:
    return InputDataError([Problem(
        f"cannot be opened as an Excel .xlsx workbook ({type(err).__name__}: {str(err)[:200]}); "
        "save it from Excel as .xlsx, or export CSV", file=str(path), code="bad_file")])


def _open(path: Path):
    import openpyxl

    from .limits import current, limit_hint

    try:
        with zipfile.ZipFile(path) as z:  # a zip bomb: unpacked size beyond the file limit
            unpacked = sum(i.file_size for i in z.infolist())
    except CORRUPT_ERRORS as err:
        raise _corrupt(path, err) from None
    cap = current().bytes_for(True)
    if unpacked > cap:
        raise InputDataError([Problem(
            f"the workbook unpacks to {unpacked / 2**20:,.0f} MB, more than the "
            f"{current().max_file_mb:g} MB limit (max_file_mb); {limit_hint('max_file_mb')}",
            file=str(path), code="too_large")])
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except CORRUPT_ERRORS as err:
        raise _corrupt(path, err) from None


def _filled(values) -> int:
    return sum(1 for v in values if not (v is None or (isinstance(v, str) and not v.strip())))


def sheet_frame(ws, *, file: str) -> pd.DataFrame:
    """One worksheet as a DataFrame: header row found, index = Excel row numbers.

    The header is the first row with at least two filled cells and at least half as many
    as the widest of the first rows, so title lines above a table ("2024년 협력기관 현황")
    are skipped; a one-column sheet uses its first non-empty row.
    """
    all_rows = [(r, list(values)) for r, values in enumerate(ws.iter_rows(values_only=True), start=1)]
    nonempty = [(r, v) for r, v in all_rows if _filled(v)]
    if not nonempty:
        raise InputDataError([Problem(f"sheet {ws.title!r} is empty (no header row)", file=file,
                                      code="empty_file")])
    widest = max(_filled(v) for _, v in nonempty[:20])
    header_row, header = nonempty[0]
    if widest >= 2:
        for r, v in nonempty[:20]:
            if _filled(v) >= max(2, widest / 2):
                header_row, header = r, v
                break
    records, rows = [], []
    for r, values in all_rows:
        if r <= header_row or not _filled(values):
            continue
        records.append(values)
        rows.append(r)
    # drop trailing unnamed columns that hold nothing
    width = len(header)
    while width and header[width - 1] is None and all(
            len(rec) < width or rec[width - 1] is None for rec in records):
        width -= 1
    names = []
    for i, h in enumerate(header[:width]):
        name = "" if h is None else str(h).replace("\ufeff", "").strip()
        names.append(name or f"column{i + 1}")
    seen: dict[str, int] = {}
    for i, n in enumerate(names):
        if n in seen:
            seen[n] += 1
            names[i] = f"{n}.{seen[n]}"
        else:
            seen[n] = 0
    data = [list(rec[:width]) + [None] * (width - len(rec)) for rec in records]
    frame = pd.DataFrame(data, columns=names, index=pd.Index(rows, name="row"), dtype=object)
    frame.attrs["header_row"] = header_row
    frame.attrs["title_rows"] = [r for r, _ in nonempty if r < header_row]
    return frame


def _pick(names: list[str], wanted, aliases: tuple[str, ...], what: str, file: str):
    if wanted is None:
        lookup = {S.normalise_header(n): n for n in names}
        for alias in aliases:
            if S.normalise_header(alias) in lookup:
                return lookup[S.normalise_header(alias)]
        return None
    text = str(wanted).strip()
    if text in names:
        return text
    if text.isdigit() and 1 <= int(text) <= len(names):
        return names[int(text) - 1]
    for n in names:
        if n.strip().casefold() == text.casefold():
            return n
    raise InputDataError([Problem(
        f"no {what} sheet named {wanted!r}; sheets: {', '.join(repr(n) for n in names)}",
        file=file, code="missing_sheet")])


def _looks_like_relations(frame: pd.DataFrame) -> bool:
    from ..model_validate import match_columns

    cols = match_columns(list(frame.columns), S.RELATION_ALIASES)
    return S.SOURCE in cols and S.TARGET in cols


def read_workbook(path: str | Path, *, sheet=None, partners_sheet=None,
                  want_partners: bool = True) -> tuple[pd.DataFrame, pd.DataFrame | None, dict]:
    """Read ``(relations, partners or None, info)`` from a workbook.

    ``info`` names the sheets used (``{"relations_sheet": ..., "partners_sheet": ...}``).

    Examples
    --------
    >>> import os, tempfile, openpyxl
    >>> wb = openpyxl.Workbook()
    >>> wb.active.title = "Edges"
    >>> wb.active.append(["from", "to"]); wb.active.append(["a", "b"])
    >>> orgs = wb.create_sheet("기관"); orgs.append(["id", "name"]); orgs.append(["a", "Alpha"])
    >>> path = os.path.join(tempfile.mkdtemp(), "book.xlsx"); wb.save(path)
    >>> rel, part, info = read_workbook(path)
    >>> info["relations_sheet"], info["partners_sheet"], rel.index.tolist()
    ('Edges', '기관', [2])
    """
    path = Path(path)
    if not path.exists():
        raise InputDataError([Problem("file not found", file=str(path), code="missing_file")])
    if path.suffix.lower() == ".xls":
        raise UnsupportedFormatError(
            f"{path}: old Excel .xls files are not supported; open it in Excel and save as .xlsx "
            "(or export CSV)")
    wb = _open(path)
    try:
        names = list(wb.sheetnames)
        file = str(path)
        rel_name = _pick(names, sheet, RELATION_SHEET_ALIASES, "relations", file)
        part_name = _pick(names, partners_sheet, PARTNER_SHEET_ALIASES, "partners", file) \
            if want_partners else None
        frames: dict[str, pd.DataFrame] = {}

        def frame(name):
            if name not in frames:
                frames[name] = sheet_frame(wb[name], file=f"{file} [{name}]")
            return frames[name]

        if rel_name is None:
            if len(names) == 1:
                rel_name = names[0]
            else:
                candidates = [n for n in names if n != part_name and _looks_like_relations(frame(n))]
                if not candidates:
                    raise InputDataError([Problem(
                        "cannot tell which sheet holds the relations: none is named like "
                        "'relations'/'edges'/'links' and none has source/target columns; sheets: "
                        f"{', '.join(repr(n) for n in names)}. Pass --sheet NAME",
                        file=file, code="missing_sheet")])
                rel_name = candidates[0]
        if want_partners and part_name is None and len(names) > 1 and partners_sheet is None:
            others = [n for n in names if n != rel_name and not _looks_like_relations(frame(n))]
            from ..model_validate import match_columns

            for n in others:
                if S.ID in match_columns(list(frame(n).columns), S.PARTNER_ALIASES):
                    part_name = n
                    break
        if part_name == rel_name:
            part_name = None
        relations = frame(rel_name)
        partners = frame(part_name) if part_name else None
        info = {"relations_sheet": rel_name, "partners_sheet": part_name, "sheets": names}
        return relations, partners, info
    except EcosystemError:
        raise
    except CORRUPT_ERRORS as err:  # read-only workbooks fail lazily, while rows are read
        raise _corrupt(path, err) from None
    finally:
        wb.close()


def read_partner_sheet(path: str | Path, *, sheet=None) -> tuple[pd.DataFrame, str]:
    """The partner table from a workbook given with ``--partners`` (alias-named or first sheet)."""
    path = Path(path)
    if not path.exists():
        raise InputDataError([Problem("file not found", file=str(path), code="missing_file")])
    wb = _open(path)
    try:
        names = list(wb.sheetnames)
        name = _pick(names, sheet, PARTNER_SHEET_ALIASES, "partners", str(path)) or names[0]
        return sheet_frame(wb[name], file=f"{path} [{name}]"), name
    except EcosystemError:
        raise
    except CORRUPT_ERRORS as err:
        raise _corrupt(path, err) from None
    finally:
        wb.close()

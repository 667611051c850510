"""Delimited text tables (CSV, TSV, ``;``-separated European CSV, .txt) read losslessly.

Every cell is read as text (no type guessing: ids like ``007`` stay ``007``). Each row
keeps the line number a user sees in an editor or Excel (header = row 1) as the
DataFrame index, so validation messages point at the right row even after blank lines
or cells with line breaks.
"""
from __future__ import annotations

import csv
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..exceptions import InputDataError, Problem
from .encodings import read_bytes, decode_bytes

DELIMITERS = (",", ";", "\t", "|")
WHITESPACE = r"\s+"
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe", WHITESPACE: "whitespace"}

_EURO_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_PLAIN_INT = re.compile(r"^[+-]?\d+$")


@dataclass
class TextTable:
    """A table read from a text file: cells as strings, index = row numbers users see."""

    frame: pd.DataFrame
    encoding: str
    delimiter: str
    decimal: str = "."
    note: str | None = None
    """Set when the encoding was guessed (see :class:`~ecosystem.io.encodings.DecodedText`)."""


def sniff_delimiter(text: str, suffix: str = ".csv") -> str:
    """Guess the delimiter from the first lines: the one giving the most, consistent columns.

    Examples
    --------
    >>> sniff_delimiter("id;name;weight\\n1;ACME;1,5\\n")
    ';'
    >>> sniff_delimiter("a\\tb\\n1\\t2\\n", ".txt")
    '\\t'
    >>> sniff_delimiter("source,target\\na,b\\n")
    ','
    """
    suffix = suffix.lower()
    if suffix in (".tsv", ".tab"):
        return "\t"
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()][:20]
    if not lines:
        return ","
    best, best_score = None, 1
    for delim in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delim)]
        except csv.Error:  # pragma: no cover - csv module is lenient
            continue
        header = counts[0]
        if header < 2:
            continue
        consistent = sum(1 for c in counts if c == header) / len(counts)
        if consistent < 0.8:
            continue
        if header > best_score:
            best, best_score = delim, header
    if best is None:
        if "\t" in lines[0]:
            return "\t"
        counts = [len(ln.split()) for ln in lines]
        if counts[0] >= 2 and sum(c == counts[0] for c in counts) / len(counts) >= 0.8 \
                and '"' not in lines[0]:
            return WHITESPACE  # "source target weight" columns separated by spaces
        return ","
    return best


def _line_numbers(text: str, delimiter: str) -> np.ndarray:
    """Start line of every data record (header = line 1), respecting quoted line breaks."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    starts = []
    previous = 0
    for _ in reader:
        starts.append(previous + 1)
        previous = reader.line_num
    return np.asarray(starts[1:], dtype=np.int64)


def _european_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """In ``;``-separated files, turn decimal commas (``1.234,5``) into ``1234.5``."""
    out = frame.copy()
    for col in out.columns:
        values = out[col]
        filled = values[values.str.strip() != ""].str.strip()
        if filled.empty or not filled.str.contains(",", regex=False).any():
            continue
        if filled.str.match(_EURO_NUMBER).all():
            out[col] = values.str.strip().str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    return out


def _long_rows(text: str, sep: str, file: str) -> list[Problem]:
    """Every row with more cells than the header (pandas would drop or shift them)."""
    if sep == WHITESPACE:
        rows = [(i, ln.split()) for i, ln in enumerate(text.splitlines(), start=1) if ln.strip()]
    else:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        rows, previous = [], 0
        for cells in reader:
            rows.append((previous + 1, cells))
            previous = reader.line_num
    header = len(rows[0][1])
    hint = (f"check for an unquoted {DELIMITER_NAMES.get(sep, sep)} inside a value" if header > 1
            else "if the first lines are a title, delete them so the column names are on row 1")
    return [Problem(f"row has {len(cells)} cells but the header has {header} "
                    f"({DELIMITER_NAMES.get(sep, repr(sep))}-separated); {hint}", file=file,
                    row=line, code="bad_row")
            for line, cells in rows[1:] if len(cells) > header]


def parse_delimited(text: str, *, file: str, delimiter: str | None = None,
                    suffix: str = ".csv", encoding: str = "utf-8",
                    decimal: str | None = None) -> TextTable:
    """Parse decoded text into a :class:`TextTable` (see module notes).

    With ``decimal`` given, numbers stay as written (read later with that separator);
    without it, a ``;``-separated file whose number columns all look like ``1.234,5``
    has them converted to ``1234.5``.
    """
    sep = delimiter or sniff_delimiter(text, suffix)
    if not text.strip():
        raise InputDataError([Problem("file is empty (no header row)", file=file, code="empty_file")])
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            # index_col=False: rows longer than the header must never turn into an index
            frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                                skip_blank_lines=sep == WHITESPACE, engine="c", index_col=False)
        if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
            raise InputDataError(_long_rows(text, sep, file))
    except pd.errors.ParserError as err:
        match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(err))
        if match:
            expected, line, saw = map(int, match.groups())
            hint = (f"check for an unquoted {DELIMITER_NAMES.get(sep, sep)} inside a value"
                    if expected > 1 else "if the first lines are a title, delete them so the "
                    "column names are on row 1")
            raise InputDataError([Problem(
                f"row has {saw} cells but the header has {expected} "
                f"({DELIMITER_NAMES.get(sep, repr(sep))}-separated); {hint}", file=file, row=line,
                code="bad_row")]) from None
        raise InputDataError([Problem(f"cannot be parsed as a table: {err}", file=file,
                                      code="bad_file")]) from None
    except pd.errors.EmptyDataError:
        raise InputDataError([Problem("file is empty (no header row)", file=file,
                                      code="empty_file")]) from None
    frame = frame.fillna("")
    frame.columns = [str(c).replace("\ufeff", "").strip() for c in frame.columns]
    # a line break inside a cell needs quotes: only then count lines record by record
    multiline = sep != WHITESPACE and bool(len(frame)) and '"' in text and bool(
        frame.apply(lambda s: s.str.contains("\n", regex=False).any()).any())
    if multiline:
        rows = _line_numbers(text, sep)
        if len(rows) != len(frame):  # pragma: no cover - defensive
            rows = np.arange(len(frame), dtype=np.int64) + 2
    else:
        rows = np.arange(len(frame), dtype=np.int64) + 2
    frame.index = pd.Index(rows, name="row")
    if len(frame.columns) and len(frame):
        candidates = frame.iloc[:, 0].str.strip() == ""
        if candidates.any():
            sub = frame[candidates]
            blank = (sub.apply(lambda s: s.str.strip()) == "").all(axis=1)
            frame = frame.drop(index=sub.index[blank])
    if decimal is not None:
        return TextTable(frame, encoding, sep, decimal)
    decimal = "."
    if sep == ";":
        converted = _european_numbers(frame)
        if not converted.equals(frame):
            decimal = ","
        frame = converted
    return TextTable(frame, encoding, sep, decimal)


EDGELIST_SUFFIXES = (".edgelist", ".edges")
_EDGE_LINE = re.compile(r"^\s*(\S+)\s+(\S+)\s*(.*?)\s*$")


def parse_edgelist(text: str, *, file: str, encoding: str = "utf-8") -> TextTable:
    """A headerless networkx/SNAP edge list: ``u v``, ``u v weight`` or ``u v {'weight': 2}``.

    ``#`` and ``%`` lines are comments. Dict attributes (networkx ``write_edgelist``)
    become columns.

    Examples
    --------
    >>> text = "# comment" + chr(10) + "a b {'weight': 2, 'type': 'pilot'}" + chr(10) + "b c 3"
    >>> t = parse_edgelist(text, file="x")
    >>> t.frame.index.tolist(), t.frame["weight"].tolist(), t.frame["type"].tolist()
    ([2, 3], ['2', '3'], ['pilot', nan])
    """
    import ast

    records, rows = [], []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith(("#", "%")):
            continue
        m = _EDGE_LINE.match(line)
        if not m:
            raise InputDataError([Problem("an edge list line needs two ids: source target [weight]",
                                          file=file, row=lineno, value=line[:60], code="bad_row")])
        rec = {"source": m.group(1), "target": m.group(2)}
        rest = m.group(3)
        if rest.startswith("{"):
            try:
                attrs = ast.literal_eval(rest)
            except (ValueError, SyntaxError):
                raise InputDataError([Problem("edge attributes are not a {key: value} dict",
                                              file=file, row=lineno, value=rest[:60],
                                              code="bad_row")]) from None
            rec.update({str(k): str(v) for k, v in dict(attrs).items()})
        elif rest:
            rec["weight"] = rest.split()[0]
        records.append(rec)
        rows.append(lineno)
    if not records:
        raise InputDataError([Problem("edge list has no edges", file=file, code="empty_file")])
    frame = pd.DataFrame(records, index=pd.Index(rows, name="row"), dtype=object)
    return TextTable(frame, encoding, WHITESPACE)


def read_delimited(path: str | Path, *, encoding: str | None = None,
                   delimiter: str | None = None, decimal: str | None = None) -> TextTable:
    """Read a CSV/TSV/TXT file (optionally ``.gz``): detect encoding and delimiter.

    Examples
    --------
    >>> from ecosystem.io.datasets import datasets_dir
    >>> t = read_delimited(datasets_dir() / "zachary_karate" / "karate_edges.csv")
    >>> int(t.frame.index[0]), t.encoding, t.delimiter
    (2, 'utf-8', ',')
    """
    path = Path(path)
    decoded = decode_bytes(read_bytes(path), encoding=encoding, file=str(path))
    suffix = path.suffixes[-2].lower() if path.suffix.lower() == ".gz" and len(path.suffixes) > 1 \
        else path.suffix.lower()
    if suffix in EDGELIST_SUFFIXES and delimiter is None:
        table = parse_edgelist(decoded.text, file=str(path), encoding=decoded.encoding)
    else:
        table = parse_delimited(decoded.text, file=str(path), delimiter=delimiter, suffix=suffix,
                                encoding=decoded.encoding, decimal=decimal)
    table.note = decoded.note
    return table

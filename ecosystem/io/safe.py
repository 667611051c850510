"""Make untrusted text safe in the files we write: spreadsheets and atomic writes."""
from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe.

    Numbers are left alone (a negative number is data, not a formula).

    Examples
    --------
    >>> neutralise_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise_cell(-3.5), neutralise_cell("-5"), neutralise_cell("-1+2")
    (-3.5, '-5', "'-1+2")
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) \
            and not _SIGNED_NUMBER.match(value):
        return "'" + value
    return value


_SIGNED_NUMBER = re.compile(r"^[+-]\d+(\.\d+)?([eE][+-]?\d+)?$")
"""``-5``, ``-1.5``: a spreadsheet reads these as numbers, never as a formula."""


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and header) neutralised."""
    out = frame.copy()
    out.columns = [neutralise_cell(str(c)) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = _neutralise_column(out[col])
    return out


def _neutralise_column(values: pd.Series) -> pd.Series:
    """``values.map(neutralise_cell)``; a column of text (and blanks) is checked once per
    distinct text, and left as it is when none needs a prefix."""
    text_dtype = isinstance(values.dtype, pd.StringDtype)
    if not (text_dtype or values.dtype == object) \
            or pd.api.types.infer_dtype(values, skipna=True) != "string":
        return values.map(neutralise_cell)
    codes, uniques = pd.factorize(values)  # blanks get -1 and are never formula text
    texts = uniques.tolist()
    if not texts:  # only blanks (map() makes them a float column)
        return values.map(neutralise_cell)
    fixed = [neutralise_cell(t) for t in texts]
    changed = np.fromiter((f is not t for f, t in zip(fixed, texts)), dtype=bool,
                          count=len(texts))
    if not changed.any() and text_dtype:
        return values.copy()
    cells = values.to_numpy(dtype=object, copy=True)
    hit = np.flatnonzero((codes >= 0) & changed[np.maximum(codes, 0)])
    cells[hit] = np.asarray(fixed, dtype=object)[codes[hit]]
    # as map() does: text columns stay text, an object column of text becomes one
    return pd.Series(cells, index=values.index, name=values.name,
                     dtype=values.dtype if text_dtype else None)


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place only on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    # mkstemp creates 0600; give the final file the usual permissions (0666 minus umask)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp_path, 0o666 & ~umask)
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write text so readers see either the old file or the whole new one."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding=encoding)
    return Path(path)

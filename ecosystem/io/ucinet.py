"""UCINET DL network files (``.dl``, ``.dat``).

``FORMAT = FULLMATRIX`` (``DIAGONAL PRESENT`` or ``ABSENT``) and ``EDGELIST1``, one or
several matrices (``NM=2``; their ``LEVEL LABELS``/``MATRIX LABELS`` become relation
types), ``LABELS``/``ROW LABELS``/``COLUMN LABELS``. A square symmetric matrix is
undirected (each pair once); an asymmetric one directed; a rectangular one
(``NR`` != ``NC``) is an affiliation table (row x column), projected.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..exceptions import InputDataError, Problem, UnsupportedFormatError
from .encodings import decode_bytes, read_bytes
from .nettext import _declared, _number, _tokens
from .records import records_frame


_KEYWORDS = re.compile(r"\b(N|NR|NC|NM)\s*=\s*(\d+)", re.I)
_LABEL_HEADS = re.compile(r"^(ROW LABELS|COLUMN LABELS|COL LABELS|LEVEL LABELS|MATRIX LABELS|LABELS)\s*:?\s*(.*)$", re.I)


def _split_labels(text: str, file: str = "input") -> list[str]:
    if "," in text:
        return [p.strip().strip('"') for p in text.split(",") if p.strip()]
    return _tokens(text, file)


def read_ucinet_dl(path: str | Path, *, encoding: str | None = None
                   ) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Read ``(relations, partners, info)`` from a UCINET DL file.

    ``info["two_mode"]`` is True for a rectangular matrix (an affiliation table with
    columns ``partner``, ``group``).
    """
    file = str(path)
    decoded = decode_bytes(read_bytes(path), encoding=encoding, file=file)
    text = decoded.text
    if not text.lstrip().upper().startswith("DL"):
        raise InputDataError([Problem("not a UCINET DL file (it must start with DL)", file=file,
                                      code="bad_file")])
    marker = re.search(r"(?im)^\s*DATA\s*:", text)
    if not marker:
        raise InputDataError([Problem("UCINET DL file has no DATA: section", file=file,
                                      code="bad_file")])
    head, data = text[:marker.start()], text[marker.end():]
    sizes = {k.upper(): _declared(int(v), f"{k.upper()}=", file, None)
             for k, v in _KEYWORDS.findall(head)}
    fmt_match = re.search(r"FORMAT\s*=\s*([A-Z0-9_]+)", head, re.I)
    fmt = fmt_match.group(1).upper() if fmt_match else "FULLMATRIX"
    diagonal_absent = bool(re.search(r"DIAGONAL\s+ABSENT", head, re.I))
    labels: dict[str, list[str]] = {}
    current = None
    for line in head.splitlines():
        stripped = line.strip()
        m = _LABEL_HEADS.match(stripped)
        if m:
            current = m.group(1).upper().replace("COL LABELS", "COLUMN LABELS")
            labels[current] = _split_labels(m.group(2), file) if m.group(2) else []
            continue
        if current and stripped and not _KEYWORDS.search(stripped) and \
                not stripped.upper().startswith(("FORMAT", "DL")):
            labels[current].extend(_split_labels(stripped, file))
        elif stripped.upper().startswith(("FORMAT", "DL")) or _KEYWORDS.search(stripped):
            current = None
    nm = sizes.get("NM", 1)
    nr = sizes.get("NR", sizes.get("N"))
    nc = sizes.get("NC", sizes.get("N"))
    row_labels = labels.get("ROW LABELS") or labels.get("LABELS")
    col_labels = labels.get("COLUMN LABELS") or labels.get("LABELS")
    levels = labels.get("LEVEL LABELS") or labels.get("MATRIX LABELS") or []
    if fmt in ("EDGELIST1", "EL1"):
        return _dl_edgelist(data, row_labels, levels, file, decoded.encoding)
    if fmt not in ("FULLMATRIX", "FM"):
        raise UnsupportedFormatError(
            f"{file}: UCINET DL FORMAT={fmt} is not read; save as FULLMATRIX or EDGELIST1, or "
            "export CSV (source,target,weight)")
    if nr is None or nc is None:
        raise InputDataError([Problem("UCINET DL file gives no N= (or NR=/NC=)", file=file,
                                      code="bad_file")])
    values = data.split()
    per_row = nc - 1 if diagonal_absent and nr == nc else nc
    expected = nm * nr * per_row
    if len(values) != expected:
        raise InputDataError([Problem(
            f"UCINET DL DATA has {len(values)} values but N/NR/NC/NM announce {expected} "
            f"({nm} matri{'ces' if nm > 1 else 'x'} of {nr} rows x {per_row})"
            + ("; is the file cut short?" if len(values) < expected else ""),
            file=file, code="bad_file")])
    bad = [v for v in values if _number(v) is None]
    if bad:
        raise InputDataError([Problem("UCINET DL DATA holds a value that is not a number",
                                      file=file, value=bad[0], code="bad_weight")])
    numbers = np.asarray(values, dtype=float).reshape(nm, nr, per_row)
    if not np.isfinite(numbers).all():
        raise InputDataError([Problem("UCINET DL DATA holds a value that is not finite",
                                      file=file, value=values[int(np.flatnonzero(
                                          ~np.isfinite(numbers.ravel()))[0])], code="bad_weight")])
    for what, given, need in (("LABELS" if "LABELS" in labels else "ROW LABELS", row_labels, nr),
                              ("LABELS" if "LABELS" in labels else "COLUMN LABELS", col_labels, nc),
                              ("LEVEL LABELS", levels or None, nm)):
        if given is not None and len(given) != need:
            raise InputDataError([Problem(
                f"{what} gives {len(given)} label{'s' if len(given) != 1 else ''} but the file "
                f"declares {need}: {', '.join(map(str, given[:10]))}", file=file,
                column=what, code="bad_file")])
    if row_labels and len(set(row_labels)) != len(row_labels):
        dup = next(x for x in row_labels if row_labels.count(x) > 1)
        raise InputDataError([Problem("a label is used twice", file=file, value=dup,
                                      code="duplicate_id")])
    if per_row != nc:  # re-insert the missing diagonal
        full = np.zeros((nm, nr, nc))
        for i in range(nr):
            full[:, i, :i] = numbers[:, i, :i]
            full[:, i, i + 1:] = numbers[:, i, i:]
        numbers = full
    rows = row_labels or [str(i) for i in range(1, nr + 1)]
    cols = col_labels or [str(j) for j in range(1, nc + 1)]
    level_names = levels if len(levels) == nm else [f"relation{k + 1}" if nm > 1 else "relation"
                                                     for k in range(nm)]
    two_mode = nr != nc or (row_labels and col_labels and row_labels != col_labels)
    records = []
    directed_any = False
    for k in range(nm):
        m = numbers[k]
        if two_mode:
            ii, jj = np.nonzero(m)
            records += [{"partner": rows[i], "group": cols[j], "weight": m[i, j],
                         "matrix": level_names[k]} for i, j in zip(ii, jj)]
            continue
        symmetric = np.allclose(m, m.T)
        directed_any |= not symmetric
        ii, jj = np.nonzero(np.triu(m, 1) if symmetric else m - np.diag(np.diag(m)))
        records += [{"source": rows[i], "target": cols[j], "type": level_names[k],
                     "weight": m[i, j]} for i, j in zip(ii, jj)]
    info = {"format": "ucinet dl", "encoding": decoded.encoding, "two_mode": bool(two_mode),
            "directed": bool(directed_any), "encoding_note": decoded.note}
    if two_mode:
        rel = records_frame(records, ["partner", "group", "weight", "matrix"])
        if nm == 1:
            rel = rel.drop(columns=["matrix"])
        if len(rel) and set(rel["weight"]) <= {1.0}:
            rel = rel.drop(columns=["weight"])
        part = pd.DataFrame({"id": rows})
        return rel, part, info
    rel = records_frame(records, ["source", "target", "type", "weight"])
    part = pd.DataFrame({"id": rows})
    return rel, part, info


def _dl_edgelist(data: str, labels, levels, file: str, encoding: str):
    records = []
    for lineno, line in enumerate(data.splitlines(), start=1):
        toks = _tokens(line, file)
        if not toks:
            continue
        if len(toks) < 2 or len(toks) > 3:
            raise InputDataError([Problem("an EDGELIST1 line needs: source target [value]",
                                          file=file, value=line[:80], code="bad_row")])
        records.append({"source": toks[0], "target": toks[1],
                        "weight": toks[2] if len(toks) > 2 else "1"})
    rel = records_frame(records, ["source", "target", "weight"])
    part = pd.DataFrame({"id": labels}) if labels else None
    return rel, part, {"format": "ucinet dl", "encoding": encoding, "two_mode": False,
                       "directed": True}


__all__ = ["read_ucinet_dl"]

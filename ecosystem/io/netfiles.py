"""Pajek (``.net``, ``.paj``) and UCINET DL (``.dl``, ``.dat``) network files.

Pajek
    ``*Vertices n [n1]`` lines ``id "label" [x y z ...]`` become partners (``id`` = the
    vertex number, ``name`` = the label); ``*Edges`` (undirected), ``*Arcs`` (directed),
    ``*Edgeslist``/``*Arcslist`` and ``*Matrix`` become relations with their value as
    ``weight``. In a ``.paj`` project the first network is read and every ``*Partition``
    and ``*Vector`` with one value per vertex becomes a partner column (named after it,
    without ``.clu``/``.vec``). A two-mode network (``*Vertices 244 108``) is returned
    as an affiliation table (first-mode vertex x second-mode vertex) and projected.
UCINET DL
    ``FORMAT = FULLMATRIX`` (``DIAGONAL PRESENT`` or ``ABSENT``) and ``EDGELIST1``, one or
    several matrices (``NM=2``; their ``LEVEL LABELS``/``MATRIX LABELS`` become relation
    types), ``LABELS``/``ROW LABELS``/``COLUMN LABELS``. A square symmetric matrix is
    undirected (each pair once); an asymmetric one directed; a rectangular one
    (``NR`` != ``NC``) is an affiliation table (row x column), projected.
"""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import numpy as np
import pandas as pd

from ..exceptions import InputDataError, Problem, UnsupportedFormatError
from .records import records_frame
from .encodings import decode_bytes, read_bytes




def _tokens(line: str, file: str = "input", row: int | None = None) -> list[str]:
    """Split a line into tokens, honouring quotes; an unterminated quote is an error."""
    try:
        return shlex.split(line, posix=True)
    except ValueError as err:
        raise InputDataError([Problem(f"cannot split the line into values ({err}: a quote "
                                      "opens a label but never closes)", file=file, row=row,
                                      value=line[:80], code="bad_row")]) from None


PAJEK_KEYWORDS = frozenset({
    "w", "c", "p", "s", "a", "ap", "l", "lp", "lr", "lphi", "lc", "la", "fos", "font", "h1",
    "h2", "a1", "a2", "k1", "k2", "x_fact", "y_fact", "phi", "r", "q", "ic", "bc", "bw"})
"""Pajek drawing keywords that may follow ``i j`` on an edge line (colour, label, width...)."""


def _number(token: str) -> float | None:
    try:
        value = float(token)
    except ValueError:
        return None
    return value


def _declared(value: int, what: str, file: str, row: int) -> int:
    from .limits import current, limit_hint

    cap = current().max_declared_count
    if value < 0 or value > cap:
        raise InputDataError([Problem(
            f"{what} declares {value:,}, outside 0..{cap:,} (max_declared_count); "
            f"{limit_hint('max_declared_count')}", file=file, row=row, value=value,
            code="too_large")])
    return value


def _matrix_complete(section: str | None, rows: int, n: int | None, file: str,
                     row: int | None) -> None:
    if section == "matrix" and n is not None and rows != n:
        raise InputDataError([Problem(
            f"*Matrix has {rows} rows; *Vertices {n} needs {n} (is the file cut short?)",
            file=file, row=row, code="bad_file")])


def _vertex(token: str, n: int, file: str, row: int) -> None:
    try:
        v = int(token)
    except ValueError:
        v = None
    if v is None or not 1 <= v <= n:
        raise InputDataError([Problem(
            f"a Pajek line must name vertex numbers 1..{n} (*Vertices {n})", file=file, row=row,
            value=token, code="bad_row")])


# ---------------------------------------------------------------------- Pajek
def read_pajek(path: str | Path, *, encoding: str | None = None
               ) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Read ``(relations, partners, info)`` from a Pajek ``.net``/``.paj`` file.

    ``info["two_mode"]`` is True when the relations are an affiliation table with
    columns ``partner`` and ``group``.
    """
    file = str(path)
    decoded = decode_bytes(read_bytes(path), encoding=encoding, file=file)
    lines = decoded.text.splitlines()
    n = n1 = None
    labels: dict[int, str] = {}
    edges: list[dict] = []
    section = None
    network_done = False
    extra: dict[str, list[str]] = {}
    current_extra = None
    extra_expected = 0
    edge_line: list[int] = []
    matrix_row = 0
    two_mode_tag = False
    for lineno, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("%"):
            continue
        if line.startswith("*"):
            _matrix_complete(section, matrix_row, n, file, lineno)
            head = line.split()[0].lower()
            rest = line[len(line.split()[0]):].strip()
            if head == "*network":
                if n is not None:
                    network_done = True
                else:
                    two_mode_tag = "2-mode" in rest.lower() or "two-mode" in rest.lower()
                section = None
                continue
            if head == "*vertices":
                parts = rest.split()
                if current_extra is not None:
                    try:
                        extra_expected = _declared(int(parts[0]) if parts else 0, "*Vertices",
                                                   file, lineno)
                    except ValueError:
                        raise InputDataError([Problem(f"bad *Vertices line: {line!r}", file=file,
                                                      row=lineno, code="bad_file")]) from None
                    section = "extra"
                    continue
                if network_done:
                    section = "skip"
                    continue
                try:
                    n = int(parts[0])
                    n1 = int(parts[1]) if len(parts) > 1 else None
                except (IndexError, ValueError):
                    raise InputDataError([Problem(f"bad *Vertices line: {line!r}", file=file,
                                                  row=lineno, code="bad_file")]) from None
                _declared(n, "*Vertices", file, lineno)
                if n1 is not None and not 0 < n1 < n:
                    raise InputDataError([Problem(
                        f"*Vertices {n} {n1}: the first mode must hold 1..{n - 1} vertices",
                        file=file, row=lineno, value=line, code="bad_file")])
                section = "vertices"
                continue
            if head in ("*partition", "*vector"):
                network_done = network_done or n is not None
                name = re.sub(r"\.(clu|vec)$", "", rest, flags=re.I) or head[1:]
                current_extra = name
                extra[name] = []
                section = None
                continue
            if head in ("*arcs", "*edges", "*arcslist", "*edgeslist", "*matrix"):
                if network_done:
                    section = "skip"
                    continue
                current_extra = None
                section = head[1:]
                matrix_row = 0
                continue
            section = "skip"  # *Permutation, *Hierarchy... not used
            continue
        if section == "vertices":
            toks = _tokens(line, file, lineno)
            try:
                vid = int(toks[0])
            except (IndexError, ValueError):
                raise InputDataError([Problem(f"bad vertex line: {line!r}", file=file, row=lineno,
                                              code="bad_file")]) from None
            if not 1 <= vid <= n:
                raise InputDataError([Problem(
                    f"vertex number {vid} is outside 1..{n} (*Vertices {n})", file=file,
                    row=lineno, value=toks[0], code="bad_row")])
            labels[vid] = toks[1] if len(toks) > 1 else str(vid)
        elif section == "extra" and current_extra is not None:
            if len(extra[current_extra]) < extra_expected:
                extra[current_extra].append(line.split()[0])
        elif section in ("arcs", "edges", "arcslist", "edgeslist", "matrix") and n is None:
            raise InputDataError([Problem(f"not a Pajek network: no *Vertices line before "
                                          f"*{section.capitalize()}", file=file,
                                          row=lineno, code="bad_file")])
        elif section in ("arcs", "edges"):
            toks = line.split()
            if len(toks) < 2:
                raise InputDataError([Problem(f"bad {section[:-1]} line: {line!r}", file=file,
                                              row=lineno, code="bad_file")])
            _vertex(toks[0], n, file, lineno)
            _vertex(toks[1], n, file, lineno)
            weight = "1"
            if len(toks) > 2:
                if _number(toks[2]) is not None:
                    weight = toks[2]
                elif not (toks[2].lower() in PAJEK_KEYWORDS and len(toks) > 3):
                    raise InputDataError([Problem(
                        f"the value of this {section[:-1]} is not a number (nor a Pajek drawing "
                        f"keyword such as c, w, l followed by its value)", file=file, row=lineno,
                        column="weight", value=toks[2], code="bad_weight")])
            edges.append({"source": toks[0], "target": toks[1], "weight": weight,
                          "directed": section == "arcs"})
            edge_line.append(lineno)
        elif section in ("arcslist", "edgeslist"):
            toks = line.split()
            for t in toks:
                _vertex(t, n, file, lineno)
            for t in toks[1:]:
                edges.append({"source": toks[0], "target": t, "weight": "1",
                              "directed": section == "arcslist"})
                edge_line.append(lineno)
        elif section == "matrix":
            matrix_row += 1
            values = line.split()
            if matrix_row > n or len(values) != n:
                raise InputDataError([Problem(
                    f"*Matrix row {matrix_row} has {len(values)} values; *Vertices {n} needs "
                    f"{n} rows of {n}", file=file, row=lineno, code="bad_file")])
            for j, value in enumerate(values, start=1):
                if _number(value) is None:
                    raise InputDataError([Problem("*Matrix value is not a number", file=file,
                                                  row=lineno, column=str(j), value=value,
                                                  code="bad_weight")])
                if float(value) != 0:
                    edges.append({"source": str(matrix_row), "target": str(j), "weight": value,
                                  "directed": True})
                    edge_line.append(lineno)
    if n is None:
        raise InputDataError([Problem("not a Pajek network: no *Vertices line", file=file,
                                      code="bad_file")])
    _matrix_complete(section, matrix_row, n, file, None)
    if n1 is None and two_mode_tag:
        # "*Network x [2-Mode]" without "*Vertices n n1": the first mode ends where every
        # line jumps from a low to a high vertex number (or a partition says [n1,n2])
        sizes = [re.search(r"\[(\d+),\s*(\d+)\]", name) for name in extra]
        sizes = [m for m in sizes if m and int(m.group(1)) + int(m.group(2)) == n]
        if sizes:
            n1 = int(sizes[0].group(1))
        elif edges:
            lo = max(min(int(e["source"]), int(e["target"])) for e in edges)
            hi = min(max(int(e["source"]), int(e["target"])) for e in edges)
            n1 = lo if lo < hi else None
    partners = pd.DataFrame({"id": [str(i) for i in range(1, n + 1)],
                             "name": [labels.get(i, str(i)) for i in range(1, n + 1)]})
    for name, values in extra.items():
        if len(values) == n:
            partners[name] = values
        elif n1 is not None and len(values) == n1:
            partners[name] = values + [None] * (n - n1)
    info = {"format": "pajek", "encoding": decoded.encoding, "two_mode": n1 is not None,
            "encoding_note": decoded.note}
    relations = records_frame(edges, ["source", "target", "weight"])
    relations.index = pd.Index(edge_line, name="row")  # line numbers in the file
    if n1 is not None:
        rel = relations.rename(columns={"source": "partner", "target": "group"})
        first = rel["partner"].astype(int) <= n1
        rel.loc[~first, ["partner", "group"]] = rel.loc[~first, ["group", "partner"]].to_numpy()
        part = partners.iloc[:n1].copy()
        groups = partners.iloc[n1:]
        group_names = dict(zip(groups["id"], groups["name"]))
        rel["group_name"] = rel["group"].map(group_names)
        info["directed"] = False
        keep = ["partner", "group", "group_name"] + (
            ["weight"] if set(rel["weight"].astype(str)) - {"1", "1.0"} else [])
        return rel[keep], part, info
    directed = relations["directed"].astype(bool) if len(relations) else pd.Series(dtype=bool)
    info["directed"] = bool(len(directed)) and bool(directed.all())
    info["mixed_direction"] = bool(directed.any()) and not bool(directed.all())
    info["n_directed"] = int(directed.sum()) if len(directed) else 0
    if not info["mixed_direction"]:
        relations = relations.drop(columns=["directed"], errors="ignore")
    return relations, partners, info


# ---------------------------------------------------------------------- UCINET DL
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

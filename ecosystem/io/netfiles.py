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
from .cells import records_frame
from .encodings import decode_bytes, read_bytes




def _tokens(line: str) -> list[str]:
    try:
        return shlex.split(line, posix=True)
    except ValueError:
        return line.split()


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
                    extra_expected = int(parts[0]) if parts else 0
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
            toks = _tokens(line)
            try:
                vid = int(toks[0])
            except (IndexError, ValueError):
                raise InputDataError([Problem(f"bad vertex line: {line!r}", file=file, row=lineno,
                                              code="bad_file")]) from None
            labels[vid] = toks[1] if len(toks) > 1 else str(vid)
        elif section == "extra" and current_extra is not None:
            if len(extra[current_extra]) < extra_expected:
                extra[current_extra].append(line.split()[0])
        elif section in ("arcs", "edges"):
            toks = line.split()
            if len(toks) < 2:
                raise InputDataError([Problem(f"bad {section[:-1]} line: {line!r}", file=file,
                                              row=lineno, code="bad_file")])
            weight = toks[2] if len(toks) > 2 and not toks[2].isalpha() else "1"
            edges.append({"source": toks[0], "target": toks[1], "weight": weight,
                          "directed": section == "arcs"})
            edge_line.append(lineno)
        elif section in ("arcslist", "edgeslist"):
            toks = line.split()
            for t in toks[1:]:
                edges.append({"source": toks[0], "target": t, "weight": "1",
                              "directed": section == "arcslist"})
                edge_line.append(lineno)
        elif section == "matrix":
            matrix_row += 1
            for j, value in enumerate(line.split(), start=1):
                if value not in ("0", "0.0"):
                    edges.append({"source": str(matrix_row), "target": str(j), "weight": value,
                                  "directed": True})
                    edge_line.append(lineno)
    if n is None:
        raise InputDataError([Problem("not a Pajek network: no *Vertices line", file=file,
                                      code="bad_file")])
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
    info = {"format": "pajek", "encoding": decoded.encoding, "two_mode": n1 is not None}
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
        relations = relations.drop(columns=["directed"])
    return relations, partners, info


# ---------------------------------------------------------------------- UCINET DL
_KEYWORDS = re.compile(r"\b(N|NR|NC|NM)\s*=\s*(\d+)", re.I)
_LABEL_HEADS = re.compile(r"^(ROW LABELS|COLUMN LABELS|COL LABELS|LEVEL LABELS|MATRIX LABELS|LABELS)\s*:?\s*(.*)$", re.I)


def _split_labels(text: str) -> list[str]:
    if "," in text:
        return [p.strip().strip('"') for p in text.split(",") if p.strip()]
    return _tokens(text)


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
    sizes = {k.upper(): int(v) for k, v in _KEYWORDS.findall(head)}
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
            labels[current] = _split_labels(m.group(2)) if m.group(2) else []
            continue
        if current and stripped and not _KEYWORDS.search(stripped) and \
                not stripped.upper().startswith(("FORMAT", "DL")):
            labels[current].extend(_split_labels(stripped))
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
    if len(values) < expected:
        raise InputDataError([Problem(
            f"UCINET DL DATA has {len(values)} values but N/NR/NC/NM announce {expected}",
            file=file, code="bad_file")])
    try:
        numbers = np.asarray(values[:expected], dtype=float).reshape(nm, nr, per_row)
    except ValueError:
        raise InputDataError([Problem("UCINET DL DATA holds a value that is not a number",
                                      file=file, code="bad_file")]) from None
    if per_row != nc:  # re-insert the missing diagonal
        full = np.zeros((nm, nr, nc))
        for i in range(nr):
            full[:, i, :i] = numbers[:, i, :i]
            full[:, i, i + 1:] = numbers[:, i, i:]
        numbers = full
    rows = row_labels if row_labels and len(row_labels) == nr else [str(i) for i in range(1, nr + 1)]
    cols = col_labels if col_labels and len(col_labels) == nc else [str(j) for j in range(1, nc + 1)]
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
            "directed": bool(directed_any)}
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
        toks = _tokens(line)
        if not toks:
            continue
        if len(toks) < 2:
            raise InputDataError([Problem(f"bad EDGELIST1 line {line!r}", file=file,
                                          code="bad_file")])
        records.append({"source": toks[0], "target": toks[1],
                        "weight": toks[2] if len(toks) > 2 else "1"})
    rel = records_frame(records, ["source", "target", "weight"])
    part = pd.DataFrame({"id": labels}) if labels else None
    return rel, part, {"format": "ucinet dl", "encoding": encoding, "two_mode": False,
                       "directed": True}

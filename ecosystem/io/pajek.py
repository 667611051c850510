"""Pajek network files (``.net``, ``.paj``).

``*Vertices n [n1]`` lines ``id "label" [x y z ...]`` become partners (``id`` = the
vertex number, ``name`` = the label); ``*Edges`` (undirected), ``*Arcs`` (directed),
``*Edgeslist``/``*Arcslist`` and ``*Matrix`` become relations with their value as
``weight``. In a ``.paj`` project the first network is read and every ``*Partition``
and ``*Vector`` with one value per vertex becomes a partner column (named after it,
without ``.clu``/``.vec``). A two-mode network (``*Vertices 244 108``) is returned
as an affiliation table (first-mode vertex x second-mode vertex) and projected.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..exceptions import InputDataError, Problem
from .encodings import decode_bytes, read_bytes
from .nettext import _declared, _number, _tokens
from .records import records_frame


PAJEK_KEYWORDS = frozenset({
    "w", "c", "p", "s", "a", "ap", "l", "lp", "lr", "lphi", "lc", "la", "fos", "font", "h1",
    "h2", "a1", "a2", "k1", "k2", "x_fact", "y_fact", "phi", "r", "q", "ic", "bc", "bw"})
"""Pajek drawing keywords that may follow ``i j`` on an edge line (colour, label, width...)."""


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


__all__ = ["read_pajek"]

"""Files from an analysis: the network with every metric, and the report's workbook.

* :func:`export_graph`: the network for Gephi, Cytoscape, yEd, Kumu or igraph (GEXF,
  GraphML, node-link JSON, Cytoscape.js JSON, Kumu's workbook) with every metric,
  community, role and colour as node attributes and strength, distance, count, types as
  edge attributes (:func:`graph_with_attributes`). Each format's writer is found through
  the registry :data:`ecosystem.io.formats.FORMATS` and takes plain data (a networkx
  graph, tables);
* :func:`workbook_tables`: the sheets of ``metrics.xlsx`` (the ``ties`` sheet capped at
  :data:`XLSX_MAX_TIES`); :func:`write_csv` / :func:`write_xlsx` write plain tables
  spreadsheet-safe (:mod:`ecosystem.io.spreadsheet`).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .exceptions import InvalidParameterError, UnsupportedFormatError
from .io.formats import FORMATS as REGISTRY
from .io.spreadsheet import EXCEL_MAX_ROWS, write_csv, write_xlsx
from .io.values import NOT_A_NUMBER, cell_text, plain_number
from .palette import OTHER_COLOR
from .analysis.temporal.activity import evolution_activity, map_snapshots, time_spec
from .tables import _fragility_frame, all_tables, kumu_tables, partners_table  # noqa: F401

if TYPE_CHECKING:  # pragma: no cover
    from .analysis_result import AnalysisResult

FORMATS = ("gexf", "graphml", "json", "cytoscape", "kumu")
"""The formats :func:`export_graph` writes (entries of :data:`ecosystem.io.formats.FORMATS`)."""
SUFFIX_FORMATS = {**{s: name for name in FORMATS for s in REGISTRY[name].suffixes},
                  ".xml": "graphml"}
#: the ``ties`` sheet of ``metrics.xlsx`` holds at most this many ties (the strongest);
#: every tie is in ``ties.csv`` (openpyxl writes about 6 us per cell: H2020's 796,670 ties
#: were 6.4M of the workbook's 10.3M cells and most of its 55-66 s)
XLSX_MAX_TIES = 50_000
#: the per-partner sheets of ``metrics.xlsx`` (:data:`PARTNER_SHEETS`) hold at most this
#: many partners (the best-ranked anchors) above it; every partner and every metric is
#: in ``partners.csv`` (300,000 partners: 22M cells, 90 s of the workbook's 96 s)
XLSX_MAX_PARTNERS = 100_000
#: the sheets with one row per partner (an ``id`` column), capped together
PARTNER_SHEETS = ("partners", "anchors", "structural_holes", "brokerage")


# ---------------------------------------------------------------------- metrics.xlsx
def strongest_ties(ties: pd.DataFrame, top: int = XLSX_MAX_TIES) -> pd.DataFrame:
    """The ``top`` strongest ties, strongest first (ties in strength broken by count,
    then by the original order, so the choice is deterministic).

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"],
    ...                   "strength": [1.0, 3.0, 1.0], "count": [1, 1, 2]})
    >>> strongest_ties(t, 2)[["source", "target"]].values.tolist()
    [['b', 'c'], ['c', 'd']]
    """
    if top < 0:
        raise InvalidParameterError(f"top must be >= 0, got {top!r}")
    keys = [c for c in ("strength", "count") if c in ties]
    if not keys:
        return ties.head(top)
    return ties.sort_values(keys, ascending=False, kind="stable").head(top)


def best_ranked(partners: pd.DataFrame, top: int) -> pd.Index:
    """The ids of the ``top`` best-ranked partners (``anchor_rank``, ties broken by the
    table's order; the first rows when there is no ranking).

    Examples
    --------
    >>> p = pd.DataFrame({"id": ["a", "b", "c"], "anchor_rank": [3, 1, 2]})
    >>> best_ranked(p, 2).tolist()
    ['b', 'c']
    """
    if "anchor_rank" in partners:
        partners = partners.sort_values("anchor_rank", kind="stable", na_position="last")
    return pd.Index(partners["id"].head(top).astype(str))


def workbook_tables(tables: dict[str, pd.DataFrame], *, max_ties: int | None = XLSX_MAX_TIES,
                    ties_file: str | None = "ties.csv",
                    max_partners: int | None = XLSX_MAX_PARTNERS,
                    partners_file: str | None = "partners.csv") -> dict[str, pd.DataFrame]:
    """The sheets of ``metrics.xlsx``: ``tables`` with the ``ties`` sheet capped.

    When there are more than ``max_partners`` partners, the per-partner sheets
    (:data:`PARTNER_SHEETS`) keep only the ``max_partners`` best-ranked anchors (in each
    sheet's own order; see :func:`best_ranked`), noted like the ties: every partner is in
    ``partners_file``.

    When there are more than ``max_ties`` ties, the ``ties`` sheet holds only the
    ``max_ties`` strongest (strongest first, see :func:`strongest_ties`) and a ``notes``
    sheet, placed first, says so and names ``ties_file``, which holds every tie (``None``:
    no such file was written). Any other
    table longer than Excel's sheet limit (1,048,575 data rows) is noted there too (the
    workbook keeps its first rows). ``max_ties=None`` keeps every tie. Every other sheet
    is complete. The result's ``attrs["capped"]`` maps each capped sheet to
    ``{"rows", "of", "full_table"}`` (provenance for the report's notes).

    Examples
    --------
    >>> ties = pd.DataFrame({"source": list("abc"), "target": list("bcd"),
    ...                      "strength": [1.0, 3.0, 2.0]})
    >>> sheets = workbook_tables({"partners": pd.DataFrame({"id": ["a"]}), "ties": ties},
    ...                          max_ties=2)
    >>> list(sheets), sheets["ties"]["strength"].tolist()
    (['notes', 'partners', 'ties'], [3.0, 2.0])
    >>> sheets.attrs["capped"]["ties"]
    {'rows': 2, 'of': 3, 'full_table': 'ties.csv'}
    """
    out = dict(tables)
    capped: dict[str, dict[str, Any]] = {}
    notes: list[dict[str, str]] = []
    ties = out.get("ties")
    if ties is not None and max_ties is not None and len(ties) > max_ties:
        out["ties"] = strongest_ties(ties, max_ties)
        capped["ties"] = {"rows": int(max_ties), "of": int(len(ties)), "full_table": ties_file}
        notes.append({"sheet": "ties", "note": (
            f"capped: the {max_ties:,} strongest of {len(ties):,} ties (by strength, then "
            f"count), strongest first; " + (f"every tie is in {ties_file} in the same folder"
                                             if ties_file else "the full table was not written"))})
    partners = out.get("partners")
    if partners is not None and max_partners is not None and len(partners) > max_partners \
            and "id" in partners:
        keep = best_ranked(partners, max_partners)
        for name in PARTNER_SHEETS:
            frame = out.get(name)
            if frame is None or "id" not in frame or len(frame) <= max_partners:
                continue
            out[name] = frame[frame["id"].astype(str).isin(keep)]
            capped[name] = {"rows": int(len(out[name])), "of": int(len(frame)),
                            "full_table": partners_file}
            notes.append({"sheet": name, "note": (
                f"capped: the {max_partners:,} best-ranked of {len(frame):,} partners (by "
                f"anchor rank), in the sheet's order; " + (
                    f"every partner and metric is in {partners_file} in the same folder"
                    if partners_file else "the full table was not written"))})
    for name, frame in out.items():
        if len(frame) > EXCEL_MAX_ROWS - 1:
            capped[name] = {"rows": EXCEL_MAX_ROWS - 1, "of": int(len(frame)),
                            "full_table": None}
            notes.append({"sheet": name, "note": (
                f"cut to Excel's limit: the first {EXCEL_MAX_ROWS - 1:,} of {len(frame):,} rows")})
    if notes:
        out = {"notes": pd.DataFrame(notes), **{k: v for k, v in out.items() if k != "notes"}}
    result: dict[str, pd.DataFrame] = _CappedTables(out)
    result.attrs = {"capped": capped}
    return result


class _CappedTables(dict):
    """A dict of sheets with ``attrs`` (what was capped), like a DataFrame's."""

    attrs: dict[str, Any]


# ---------------------------------------------------------------------- graph export
def _plain(value: Any) -> Any:
    """A value every graph format can store (str, int, float, bool) or None."""
    if value is None:
        return None
    number = plain_number(value)
    if number is not NOT_A_NUMBER:
        return number
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray, dict)):
        return cell_text(value)
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _column_kind(values: list[Any]) -> str:
    kinds = {type(v) for v in values if v is not None}
    if not kinds:
        return "str"
    if kinds <= {bool}:
        return "bool"
    if kinds <= {int}:
        return "int"
    if kinds <= {int, float}:
        return "float"
    return "str"


def graph_with_attributes(analysis: "AnalysisResult"):
    """A networkx graph of the ecosystem with every metric as attributes.

    Node attributes: every column of :func:`partners_table` (one type per attribute:
    missing numbers are NaN in float columns, missing text is ``""``), ``label`` (name)
    and ``viz`` (GEXF colour, position and size). Edge attributes: ``weight`` (= strength),
    ``strength``, ``distance``, ``count``, ``types``, ``same_community``, ``bridge`` and
    ``color`` (the community colour when both ends share it, else grey).
    """
    import networkx as nx

    eco = analysis.eco
    table = partners_table(analysis)
    g = nx.DiGraph() if eco.directed else nx.Graph()
    records: dict[str, dict[str, Any]] = {str(i): {} for i in table.index}
    for col in table.columns:
        values = [_plain(v) for v in table[col].tolist()]
        kind = _column_kind(values)
        name = str(col)
        if name in ("id", "viz", "label"):
            name = f"partner_{name}"
        for node_id, v in zip(table.index, values):
            if kind == "float":
                v = float("nan") if v is None else float(v)
            elif kind == "str":
                v = "" if v is None else str(v)
            elif kind == "bool":
                v = bool(v) if v is not None else False
            elif v is None:  # int column with gaps -> float
                v = float("nan")
            records[str(node_id)][name] = v
        if kind == "int" and any(v is None for v in values):
            for node_id in table.index:
                records[str(node_id)][name] = float(records[str(node_id)][name])
    sizes = table["anchor_score"] if "anchor_score" in table else table.get("degree")
    for node_id, attrs in records.items():
        attrs["label"] = str(table.at[node_id, "name"])
        colour = str(table.at[node_id, "color"])
        r, gg, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        viz: dict[str, Any] = {"color": {"r": r, "g": gg, "b": b, "a": 1.0}}
        if "x" in table and pd.notna(table.at[node_id, "x"]):
            viz["position"] = {"x": float(table.at[node_id, "x"]),
                               "y": -float(table.at[node_id, "y"]), "z": 0.0}
        if sizes is not None and pd.notna(sizes.get(node_id)):
            viz["size"] = float(5 + 25 * float(sizes[node_id]) / max(float(sizes.max()), 1e-12))
        attrs["viz"] = viz
        g.add_node(node_id, **attrs)
    membership = analysis.partition.membership if analysis.partition is not None else None
    colours = table["color"]
    bridges: set[tuple[str, str]] = set()
    bframe = _fragility_frame(analysis, "bridges")
    if bframe is not None and {"source", "target"} <= set(bframe.columns):
        bridges = {tuple(sorted((str(s), str(t)))) for s, t in zip(bframe["source"], bframe["target"])}
    ties = eco.ties
    for s, t, w, d, c, ty in zip(ties["source"], ties["target"], ties["strength"],
                                 ties["distance"], ties["count"], ties["types"]):
        s, t = str(s), str(t)
        same = bool(membership is not None and membership.get(s) == membership.get(t))
        colour = colours[s] if same else OTHER_COLOR
        g.add_edge(s, t, weight=float(w), strength=float(w), distance=float(d), count=int(c),
                   types=str(ty), same_community=same,
                   bridge=tuple(sorted((s, t))) in bridges, color=colour)
    g.graph["name"] = eco.name
    return g


def _strip_viz(g):
    h = g.copy()
    for _, attrs in h.nodes(data=True):
        attrs.pop("viz", None)
    return h


def gexf_spells(analysis: "AnalysisResult", graph: Any) -> dict[str, Any]:
    """The periods of a dated network and when each node and edge of ``graph`` is active,
    with each period's anchor ranks: the dynamic part of a GEXF file (empty: static).

    The periods are the snapshots of :func:`~ecosystem.tables.map_snapshots` (evolve's);
    with one period, everything is active in it.
    """
    eco = analysis.eco
    ids = [str(n) for n in graph.nodes]
    edges = [{"source": str(s), "target": str(t)} for s, t in graph.edges()]
    snaps, _ = map_snapshots(eco, analysis)
    if not snaps:
        return {}
    time = time_spec(snaps, ids, edges, directed=eco.directed,
                     index=evolution_activity(snaps, analysis, eco.directed) if len(snaps) >= 2
                     else None)
    if time is None:  # one period: everything active in it
        time = {"nodes": [[[0, 0]] for _ in ids], "edges": [[[0, 0]] for _ in edges]}
    ranks: dict[str, list[tuple[int, int]]] = {}
    if analysis.evolution is not None:
        label_index = {str(s.label): k for k, s in enumerate(snaps)}
        frame = analysis.evolution.ranks
        for pid, period, rank in zip(frame["id"].astype(str), frame["period"].astype(str),
                                     frame["rank"]):
            if period in label_index and pd.notna(rank):
                ranks.setdefault(pid, []).append((label_index[period], int(rank)))
    return {"periods": [(s.start, s.end) for s in snaps], "node_spells": time["nodes"],
            "edge_spells": time["edges"], "ranks": ranks}


def export_graph(analysis: "AnalysisResult", path: str | Path, *, to: str | None = None) -> Path:
    """Write the network with all metrics as attributes.

    Parameters
    ----------
    analysis : AnalysisResult
    path : path
    to : {"gexf", "graphml", "json", "cytoscape", "kumu"}, optional
        Default from the suffix (``.gexf``, ``.graphml``, ``.json``, ``.cyjs``, ``.xlsx``).

    ``json`` is networkx node-link JSON (``nodes``, ``edges``); ``cytoscape`` is
    Cytoscape.js JSON (``elements``: ``nodes``/``edges`` with ``data`` and
    ``position``), which Cytoscape Desktop imports; ``kumu`` is Kumu's Elements /
    Connections import workbook (see :func:`kumu_tables`). GEXF is version 1.3 with viz
    colours, positions and sizes for Gephi and, for dated relations, **dynamic**: every
    partner and tie carries the periods it is active in (spells from evolve's
    snapshots), which Gephi's Timeline plays (see :mod:`ecosystem.io.gexf`).
    Missing numbers are NaN in GraphML, left out in GEXF and ``null`` in JSON.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.pipeline import analyze
    >>> a = analyze(Ecosystem.from_edges([("a", "b"), ("b", "c")]), {"analyses": {"stability": False, "resilience": False}})
    >>> path = export_graph(a, Path(tempfile.mkdtemp()) / "net.graphml")
    >>> g = nx.read_graphml(path)
    >>> g.nodes["b"]["community"], round(g.nodes["b"]["anchor_score"], 2)
    (0, 0.88)
    """
    path = Path(path)
    fmt = to or SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(
            f"cannot tell the export format from {path.name!r}; use --to with one of "
            f"{', '.join(FORMATS)}")
    if fmt not in FORMATS:
        raise InvalidParameterError(f"export format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    write = REGISTRY[fmt].write
    if fmt == "kumu":
        return write(kumu_tables(analysis), path)
    eco = analysis.eco
    g = graph_with_attributes(analysis)
    if fmt == "gexf":
        return write(g, path, description=str(eco.name), directed=eco.directed,
                     **gexf_spells(analysis, g))
    plain = _strip_viz(g)
    if fmt == "graphml":
        return write(plain, path)
    if fmt == "json":
        return write(plain, path, meta={"name": eco.name, "generator": "ecosystem",
                                        "settings": eco.settings()})
    positions = {str(n): (pos["x"], -pos["y"]) for n, attrs in g.nodes(data=True)
                 if (pos := attrs.get("viz", {}).get("position"))}
    return write(plain, path, meta={"name": eco.name, "generator": "ecosystem"},
                 positions=positions)


__all__ = ["FORMATS", "XLSX_MAX_TIES", "all_tables", "export_graph", "gexf_spells",
           "graph_with_attributes", "partners_table", "strongest_ties", "workbook_tables",
           "write_csv", "write_xlsx"]

"""GEXF (Gephi): read a network, and write GEXF 1.3, dynamic when given periods.

Reading (:func:`read_gexf`): nodes become partners (``label`` -> ``name``, every
attribute -> a partner column), edges become relations (``kind``/``label`` -> relation
type, ``start``/``end`` -> dates); ``defaultedgetype``/``type`` set the direction, never
the relation type. Parsed safely (:mod:`ecosystem.io.xmlfiles`).

Writing (:func:`write_gexf`): a networkx graph with every node and edge attribute, and,
as Gephi expects, colours, positions and sizes in the ``viz`` namespace (a node's
``viz`` attribute). Given ``periods``, the graph is **dynamic** (``mode="dynamic"``,
``timeformat="date"``): every partner and every tie carries ``<spells>``, the periods in
which it is active (:func:`ecosystem.export.gexf_spells` takes them from the same
snapshots as :func:`ecosystem.analysis.temporal.evolve`). A spell runs from the first day
of its first period to the last day of its last period (GEXF 1.3 intervals are
inclusive). ``ranks`` adds the anchor rank of each period as a dynamic node attribute
(``anchor_rank_t``), so Gephi's Timeline can size or filter by it.

The file validates against the GEXF 1.3 RELAX NG schema (the normative one; the XSD files
generated from it cannot express the ``viz`` namespace, see ``tests/data/gexf-1.3``) and
reads back with :func:`networkx.read_gexf` (``version="1.3"``).
"""
from __future__ import annotations

import datetime as _dt
import math
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Mapping, Sequence

import pandas as pd

from ..exceptions import InputDataError, Problem
from .encodings import read_bytes
from .records import records_frame
from .safe import atomic_path
from .xmlfiles import _convert, _line, _local, _safe_key, parse_xml

NS = "http://gexf.net/1.3"
NS_VIZ = "http://gexf.net/1.3/viz"


# ---------------------------------------------------------------------- reading
def read_gexf(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Read ``(relations, partners, info)`` from a GEXF file (Gephi's native export).

    Node ``label`` becomes ``name``; attribute values (``<attvalue for=...>``) become
    columns named by the attribute ``title``; edge ``weight``, ``label`` (-> relation
    type unless a ``kind`` exists), ``start``/``end`` are kept.
    """
    data = read_bytes(path)
    file = str(path)
    root = parse_xml(data, file=file)
    if _local(root.tag) != "gexf":
        raise InputDataError([Problem(f"not a GEXF file (root element <{_local(root.tag)}>)",
                                      file=file, code="bad_file")])
    graph = next((el for el in root if _local(el.tag) == "graph"), None)
    if graph is None:
        raise InputDataError([Problem("GEXF file has no <graph> element", file=file,
                                      code="bad_file")])
    default_type = graph.get("defaultedgetype", "undirected").lower()
    attributes: dict[str, dict[str, dict]] = {"node": {}, "edge": {}}
    for block in graph:
        if _local(block.tag) != "attributes":
            continue
        cls = block.get("class", "node").lower()
        for att in block:
            if _local(att.tag) != "attribute":
                continue
            default = next((c.text for c in att if _local(c.tag) == "default"), None)
            attributes.setdefault(cls, {})[att.get("id")] = {
                "title": att.get("title") or att.get("id"), "type": att.get("type"),
                "default": default}

    def values_of(el, cls, reserved):
        specs = attributes.get(cls, {})
        out = {_safe_key(s["title"], reserved): _convert(s["default"], s["type"])
               for s in specs.values() if s["default"] is not None}
        for block in el:
            if _local(block.tag) != "attvalues":
                continue
            for av in block:
                if _local(av.tag) != "attvalue":
                    continue
                aid = av.get("for", av.get("id"))
                spec = specs.get(aid, {"title": aid, "type": None})
                out[_safe_key(spec["title"], reserved)] = _convert(av.get("value"), spec["type"])
        return out

    nodes, edges = [], []
    node_lines, edge_lines = [], []
    n_directed = 0
    for el in graph.iter():
        tag = _local(el.tag)
        if tag == "node":
            node_lines.append(_line(el))
            rec = {"id": el.get("id")}
            if el.get("label") is not None:
                rec["label"] = el.get("label")
            for extra in ("start", "end", "pid"):
                if el.get(extra) is not None:
                    rec[extra] = el.get(extra)
            rec.update(values_of(el, "node", {"id", "label"}))
            nodes.append(rec)
        elif tag == "edge":
            edge_lines.append(_line(el))
            rec = {"source": el.get("source"), "target": el.get("target")}
            if el.get("id") is not None:
                rec["edge_id"] = el.get("id")
            if el.get("kind") is not None:
                rec["kind"] = el.get("kind")
            if el.get("label") is not None:
                rec["label"] = el.get("label")
            if el.get("weight") is not None:
                rec["weight"] = el.get("weight")
            for extra in ("start", "end"):
                if el.get(extra) is not None:
                    rec[extra] = el.get(extra)
            rec.update(values_of(el, "edge", {"source", "target", "edge_id", "weight", "kind",
                                              "label", "start", "end"}))
            etype = (el.get("type") or default_type).lower()
            n_directed += etype == "directed"
            edges.append(rec)
    for block in graph:  # <nodes count="N">: a declared count must match the file
        kind = _local(block.tag)
        declared = block.get("count")
        if kind in ("nodes", "edges") and declared is not None:
            actual = sum(1 for el in block if _local(el.tag) == kind[:-1])
            if not declared.strip().isdigit() or int(declared) != actual:
                raise InputDataError([Problem(
                    f"<{kind} count=\"{declared}\"> but the file holds {actual} <{kind[:-1]}> "
                    "elements (cut short or edited by hand?)", file=file, row=_line(block),
                    value=declared, code="bad_file")])
    relations = records_frame(edges, ["source", "target"], edge_lines)
    partners = records_frame(nodes, ["id"], node_lines)
    info = {"format": "gexf", "directed": bool(edges) and n_directed == len(edges),
            "mixed_direction": 0 < n_directed < len(edges), "n_directed": n_directed,
            "relation_type_column": "kind" if "kind" in relations else
            ("label" if "label" in relations else None)}
    return relations, partners, info


# ---------------------------------------------------------------------- writing
def _kind(values: list[Any]) -> str:
    seen = [v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    if seen and all(isinstance(v, bool) for v in seen):
        return "boolean"
    if seen and all(isinstance(v, int) and not isinstance(v, bool) for v in seen):
        return "long"
    if seen and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in seen):
        return "double"
    return "string"


def _text(value: Any, kind: str) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "long":
        return str(int(value))
    if kind == "double":
        return repr(float(value))
    text = str(value)
    return text if text != "" else None


def _declare(graph: ET.Element, cls: str, columns: dict[str, str], mode: str = "static",
             ids: list[str] | None = None) -> ET.Element:
    block = ET.SubElement(graph, f"{{{NS}}}attributes", {"class": cls, "mode": mode})
    for k, (name, kind) in enumerate(columns.items()):
        ET.SubElement(block, f"{{{NS}}}attribute",
                      {"id": ids[k] if ids else f"{cls[0]}{k}", "title": name, "type": kind})
    return block


def _day(ts: pd.Timestamp) -> str:
    return pd.Timestamp(ts).date().isoformat()


def _spells(parent: ET.Element, runs: list[list[int]], periods: list) -> None:
    box = ET.SubElement(parent, f"{{{NS}}}spells")
    for a, b in runs:
        end = (pd.Timestamp(periods[b][1]) - pd.Timedelta(days=1))
        ET.SubElement(box, f"{{{NS}}}spell", {"start": _day(periods[a][0]), "end": _day(end)})


def _viz(parent: ET.Element, viz: dict) -> None:
    col = viz.get("color")
    if col:
        ET.SubElement(parent, f"{{{NS_VIZ}}}color",
                      {"r": str(int(col["r"])), "g": str(int(col["g"])), "b": str(int(col["b"])),
                       "a": repr(float(col.get("a", 1.0)))})
    pos = viz.get("position")
    if pos:
        ET.SubElement(parent, f"{{{NS_VIZ}}}position",
                      {k: repr(float(pos.get(k, 0.0))) for k in ("x", "y", "z")})
    if viz.get("size") is not None:
        ET.SubElement(parent, f"{{{NS_VIZ}}}size", {"value": repr(float(viz["size"]))})


def gexf_tree(graph: Any, *, description: str = "", directed: bool = False,
              periods: Sequence[tuple[Any, Any]] | None = None,
              node_spells: Sequence[list[list[int]]] | None = None,
              edge_spells: Sequence[list[list[int]]] | None = None,
              ranks: Mapping[str, list[tuple[int, int]]] | None = None) -> ET.ElementTree:
    """The GEXF 1.3 document of a networkx graph (see module docstring).

    Parameters
    ----------
    graph : networkx.Graph or DiGraph
        Node attributes (``label`` and ``viz`` are GEXF's own), edge attributes
        (``weight`` is GEXF's own).
    description : str
        The document's description (the ecosystem's name).
    directed : bool
        The default edge type.
    periods : sequence of (start, end), optional
        The periods of a dynamic graph (``end`` exclusive); ``None``: a static graph.
    node_spells, edge_spells : sequence of runs, optional
        Per node and per edge (in the graph's order), its active periods as runs
        ``[[first, last], ...]`` of period indices (inclusive).
    ranks : mapping, optional
        Node id -> ``[(period index, anchor rank), ...]`` (dynamic graphs only).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b"), ("b", "c")])
    >>> periods = [(pd.Timestamp("2020-01-01"), pd.Timestamp("2021-01-01")),
    ...            (pd.Timestamp("2021-01-01"), pd.Timestamp("2022-01-01"))]
    >>> root = gexf_tree(g, periods=periods, node_spells=[[[0, 1]], [[0, 1]], [[1, 1]]],
    ...                  edge_spells=[[[0, 1]], [[1, 1]]]).getroot()
    >>> graph = root.find("{http://gexf.net/1.3}graph")
    >>> graph.get("mode"), graph.get("timeformat")
    ('dynamic', 'date')
    >>> [s.attrib for s in root.iter("{http://gexf.net/1.3}spell")][-1]
    {'start': '2021-01-01', 'end': '2021-12-31'}
    """
    g = graph
    ids = [str(n) for n in g.nodes]
    edge_list = [(str(s), str(t), d) for s, t, d in g.edges(data=True)]
    snaps = list(periods or [])
    time = {"nodes": list(node_spells or [[] for _ in ids]),
            "edges": list(edge_spells or [[] for _ in edge_list])} if periods is not None else None
    ET.register_namespace("", NS)
    ET.register_namespace("viz", NS_VIZ)
    # no xsi:schemaLocation: the RELAX NG schema allows no foreign attribute there
    root = ET.Element(f"{{{NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{NS}}}meta",
                         {"lastmodifieddate": _dt.date.today().isoformat()})
    ET.SubElement(meta, f"{{{NS}}}creator").text = "ecosystem"
    ET.SubElement(meta, f"{{{NS}}}description").text = str(description)
    attrs = {"defaultedgetype": "directed" if directed else "undirected",
             "mode": "dynamic" if time else "static"}
    if time:
        first, last = snaps[0][0], pd.Timestamp(snaps[-1][1]) - pd.Timedelta(days=1)
        attrs.update({"timeformat": "date", "timerepresentation": "interval",
                      "start": _day(first), "end": _day(last)})
    graph = ET.SubElement(root, f"{{{NS}}}graph", attrs)

    node_cols = {}
    for name in dict.fromkeys(k for _, d in g.nodes(data=True) for k in d):
        if name in ("label", "viz"):
            continue
        node_cols[name] = _kind([d.get(name) for _, d in g.nodes(data=True)])
    edge_cols = {}
    for name in dict.fromkeys(k for _, _, d in edge_list for k in d):
        if name == "weight":
            continue
        edge_cols[name] = _kind([d.get(name) for _, _, d in edge_list])
    _declare(graph, "node", node_cols)
    ranks = dict(ranks or {}) if time else {}
    if ranks:
        _declare(graph, "node", {"anchor_rank_t": "integer"}, mode="dynamic", ids=["nrank"])
    _declare(graph, "edge", edge_cols)

    nodes = ET.SubElement(graph, f"{{{NS}}}nodes", {"count": str(len(ids))})
    node_keys = list(node_cols)
    for k, (node_id, data) in enumerate(g.nodes(data=True)):
        el = ET.SubElement(nodes, f"{{{NS}}}node", {"id": str(node_id),
                                                    "label": str(data.get("label", node_id))})
        values = ET.SubElement(el, f"{{{NS}}}attvalues")
        for c, name in enumerate(node_keys):
            text = _text(data.get(name), node_cols[name])
            if text is not None:
                ET.SubElement(values, f"{{{NS}}}attvalue", {"for": f"n{c}", "value": text})
        for period, rank in ranks.get(str(node_id), []):
            end = pd.Timestamp(snaps[period][1]) - pd.Timedelta(days=1)
            ET.SubElement(values, f"{{{NS}}}attvalue",
                          {"for": "nrank", "value": str(rank), "start": _day(snaps[period][0]),
                           "end": _day(end)})
        if not len(values):
            el.remove(values)
        if time and time["nodes"][k]:
            _spells(el, time["nodes"][k], snaps)
        _viz(el, data.get("viz") or {})
    edges = ET.SubElement(graph, f"{{{NS}}}edges", {"count": str(len(edge_list))})
    edge_keys = list(edge_cols)
    for j, (s, t, data) in enumerate(edge_list):
        el = ET.SubElement(edges, f"{{{NS}}}edge", {"id": str(j), "source": s, "target": t,
                                                    "weight": repr(float(data.get("weight", 1.0)))})
        values = ET.SubElement(el, f"{{{NS}}}attvalues")
        for c, name in enumerate(edge_keys):
            text = _text(data.get(name), edge_cols[name])
            if text is not None:
                ET.SubElement(values, f"{{{NS}}}attvalue", {"for": f"e{c}", "value": text})
        if not len(values):
            el.remove(values)
        if time and time["edges"][j]:
            _spells(el, time["edges"][j], snaps)
    return ET.ElementTree(root)


def write_gexf(graph: Any, path: str | Path, **options: Any) -> Path:
    """Write :func:`gexf_tree` (``options`` as there) to ``path`` (UTF-8, atomically)."""
    path = Path(path)
    tree = gexf_tree(graph, **options)
    ET.indent(tree, space=" ")
    with atomic_path(path) as tmp:
        tree.write(tmp, encoding="utf-8", xml_declaration=True)
    return path


__all__ = ["gexf_tree", "read_gexf", "write_gexf"]

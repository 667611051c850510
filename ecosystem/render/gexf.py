"""GEXF 1.3 for Gephi, dynamic when the relations carry dates (Gephi's Timeline).

:func:`write_gexf` writes the network with every metric as a node attribute and, like
Gephi expects, colours, positions and sizes in the ``viz`` namespace. When the relations
are dated, the graph is **dynamic** (``mode="dynamic"``, ``timeformat="date"``): every
partner and every tie carries ``<spells>``, the periods in which it is active, taken from
the **same snapshots as** :func:`ecosystem.analysis.temporal.evolve` (the analysis'
evolution when there is one, else evolve's defaults: yearly, cumulative). A spell runs
from the first day of its first period to the last day of its last period (GEXF 1.3
intervals are inclusive). With an evolution, the anchor rank of each period is a dynamic
node attribute (``anchor_rank_t``), so Gephi's Timeline can size or filter by it.

The file validates against the GEXF 1.3 RELAX NG schema (the normative one; the XSD files
generated from it cannot express the ``viz`` namespace, see ``tests/data/gexf-1.3``) and
reads back with :func:`networkx.read_gexf` (``version="1.3"``).
"""
from __future__ import annotations

import datetime as _dt
import math
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .safe import atomic_path

if TYPE_CHECKING:  # pragma: no cover
    from ..pipeline import Analysis

NS = "http://gexf.net/1.3"
NS_VIZ = "http://gexf.net/1.3/viz"


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
        end = (pd.Timestamp(periods[b].end) - pd.Timedelta(days=1))
        ET.SubElement(box, f"{{{NS}}}spell", {"start": _day(periods[a].start), "end": _day(end)})


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


def gexf_tree(analysis: "Analysis", *, dynamic: bool = True) -> ET.ElementTree:
    """The GEXF 1.3 document of an analysis (see module docstring).

    ``dynamic=False`` writes a static graph even for dated relations.

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.pipeline import analyze
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c")])
    >>> eco = eco.replace(relations=eco.relations.assign(year=[2020, 2021]))
    >>> a = analyze(eco, {"analyses": {"stability": False, "resilience": False}})
    >>> root = gexf_tree(a).getroot()
    >>> graph = root.find("{http://gexf.net/1.3}graph")
    >>> graph.get("mode"), graph.get("timeformat")
    ('dynamic', 'date')
    >>> [s.attrib for s in root.iter("{http://gexf.net/1.3}spell")][-1]
    {'start': '2021-01-01', 'end': '2021-12-31'}
    """
    from .export import graph_with_attributes
    from .maps_time import map_snapshots, time_spec

    g = graph_with_attributes(analysis)
    eco = analysis.eco
    ids = [str(n) for n in g.nodes]
    edge_list = [(str(s), str(t), d) for s, t, d in g.edges(data=True)]
    snaps, time = [], None
    if dynamic:
        snaps, _ = map_snapshots(eco, analysis)
        time = time_spec(snaps, ids, [{"source": s, "target": t} for s, t, _ in edge_list],
                         directed=eco.directed) if len(snaps) >= 1 else None
        if time is None and len(snaps) == 1:  # one period: everything active in it
            time = {"nodes": [[[0, 0]] for _ in ids], "edges": [[[0, 0]] for _ in edge_list]}
    ET.register_namespace("", NS)
    ET.register_namespace("viz", NS_VIZ)
    # no xsi:schemaLocation: the RELAX NG schema allows no foreign attribute there
    root = ET.Element(f"{{{NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{NS}}}meta",
                         {"lastmodifieddate": _dt.date.today().isoformat()})
    ET.SubElement(meta, f"{{{NS}}}creator").text = "ecosystem"
    ET.SubElement(meta, f"{{{NS}}}description").text = str(eco.name)
    attrs = {"defaultedgetype": "directed" if eco.directed else "undirected",
             "mode": "dynamic" if time else "static"}
    if time:
        first, last = snaps[0].start, pd.Timestamp(snaps[-1].end) - pd.Timedelta(days=1)
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
    ranks: dict[str, list[tuple[int, Any]]] = {}
    evolution = getattr(analysis, "evolution", None)
    if time and evolution is not None and isinstance(getattr(evolution, "ranks", None), pd.DataFrame):
        label_index = {str(s.label): k for k, s in enumerate(snaps)}
        frame = evolution.ranks
        for pid, period, rank in zip(frame["id"].astype(str), frame["period"].astype(str),
                                     frame["rank"]):
            if period in label_index and pd.notna(rank):
                ranks.setdefault(pid, []).append((label_index[period], int(rank)))
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
            end = pd.Timestamp(snaps[period].end) - pd.Timedelta(days=1)
            ET.SubElement(values, f"{{{NS}}}attvalue",
                          {"for": "nrank", "value": str(rank), "start": _day(snaps[period].start),
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


def write_gexf(analysis: "Analysis", path: str | Path, *, dynamic: bool = True) -> Path:
    """Write :func:`gexf_tree` to ``path`` (UTF-8, atomically) and return the path."""
    path = Path(path)
    tree = gexf_tree(analysis, dynamic=dynamic)
    ET.indent(tree, space=" ")
    with atomic_path(path) as tmp:
        tree.write(tmp, encoding="utf-8", xml_declaration=True)
    return path


__all__ = ["gexf_tree", "write_gexf"]

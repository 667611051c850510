"""GraphML (Gephi, Cytoscape, yEd, networkx): read a network, write one.

Reading: nodes become partners (node ``id`` -> ``id``; every node attribute -> a partner
column) and edges become relations (``source``, ``target``, every edge attribute -> a
relation column). Edge direction (``edgedefault``/``directed``) sets the ecosystem's
direction, never the relation type. Parsed safely (:mod:`ecosystem.io.xmlfiles`).

Writing (:func:`write_graphml`): networkx's GraphML with named keys; missing numbers are NaN.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..exceptions import InputDataError, Problem
from .encodings import read_bytes
from .records import records_frame
from .safe import atomic_path
from .xmlfiles import _convert, _line, _local, _safe_key, parse_xml


def read_graphml(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Read ``(relations, partners, info)`` from a GraphML file.

    ``info["directed"]`` is True/False from the file. Row numbers in messages are the
    line of the node/edge element in the file.
    """
    data = read_bytes(path)
    file = str(path)
    root = parse_xml(data, file=file)
    if _local(root.tag) != "graphml":
        raise InputDataError([Problem(f"not a GraphML file (root element <{_local(root.tag)}>)",
                                      file=file, code="bad_file")])
    keys: dict[str, dict] = {}
    defaults: dict[str, dict] = {"node": {}, "edge": {}}
    for key in root.iter():
        if _local(key.tag) != "key":
            continue
        kid = key.get("id")
        name = key.get("attr.name") or key.get("yfiles.type") or kid
        kind = key.get("attr.type")
        domain = key.get("for", "all")
        keys[kid] = {"name": name, "type": kind, "for": domain}
        for child in key:
            if _local(child.tag) == "default":
                for d in (("node", "edge") if domain == "all" else (domain,)):
                    if d in defaults:
                        defaults[d][name] = _convert(child.text, kind)
    graph = next((el for el in root if _local(el.tag) == "graph"), None)
    if graph is None:
        raise InputDataError([Problem("GraphML file has no <graph> element", file=file,
                                      code="bad_file")])
    edgedefault = graph.get("edgedefault", "undirected").lower()

    def data_of(el, domain):
        out = dict(defaults.get(domain, {}))
        for d in el:
            if _local(d.tag) != "data":
                continue
            spec = keys.get(d.get("key"), {"name": d.get("key"), "type": None})
            text = d.text if (d.text and d.text.strip()) or len(d) == 0 else \
                " ".join(t.strip() for t in d.itertext() if t.strip())
            if spec["type"] is None and len(d):  # yEd: <y:ShapeNode><y:NodeLabel>..</y:NodeLabel>
                if not text:
                    continue
            out[spec["name"]] = _convert(text, spec["type"])
        return out

    nodes, edges = [], []
    node_lines, edge_lines = [], []
    n_directed = 0
    for el in graph.iter():
        tag = _local(el.tag)
        if tag == "node":
            node_lines.append(_line(el))
            attrs = data_of(el, "node")
            rec = {"id": el.get("id")}
            rec.update({_safe_key(k, {"id"}): v for k, v in attrs.items()})
            nodes.append(rec)
        elif tag == "edge":
            edge_lines.append(_line(el))
            attrs = data_of(el, "edge")
            rec = {"source": el.get("source"), "target": el.get("target")}
            if el.get("id") is not None:
                rec["edge_id"] = el.get("id")
            rec.update({_safe_key(k, {"source", "target"}): v for k, v in attrs.items()})
            d = el.get("directed")
            is_directed = (d.lower() == "true") if d is not None else edgedefault == "directed"
            n_directed += is_directed
            edges.append(rec)
    relations = records_frame(edges, ["source", "target"], edge_lines)
    partners = records_frame(nodes, ["id"], node_lines)
    info = {"format": "graphml", "directed": bool(edges) and n_directed == len(edges),
            "mixed_direction": 0 < n_directed < len(edges), "n_directed": n_directed}
    return relations, partners, info


def write_graphml(graph: Any, path: str | Path) -> Path:
    """Write a networkx graph as GraphML (keys named after the attributes), atomically.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> p = write_graphml(nx.Graph([("a", "b")]), Path(tempfile.mkdtemp()) / "g.graphml")
    >>> read_graphml(p)[0][["source", "target"]].values.tolist()
    [['a', 'b']]
    """
    import networkx as nx

    path = Path(path)
    with atomic_path(path) as tmp:
        nx.write_graphml(graph, tmp, named_key_ids=True)
    return path


__all__ = ["read_graphml", "write_graphml"]

"""Node-link JSON: networkx ``node_link_data``, Cytoscape.js, or a simple partners/relations shape.

Accepted shapes
---------------
* networkx: ``{"directed": bool, "nodes": [{"id": ..., ...}], "links"|"edges": [{"source", "target", ...}]}``
* simple: ``{"partners": [{"id", "name", "sector", ...}], "relations": [{"source", "target", ...}]}``
* Cytoscape.js: ``{"elements": {"nodes": [{"data": {...}}], "edges": [{"data": {...}}]}}``
  (or ``"elements"`` as one list).

Every key of a node/partner object becomes a partner column, every key of a link/
relation object a relation column. Row numbers in messages are positions in the list
(1 = first).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from ..exceptions import InputDataError, Problem
from .cells import records_frame
from .encodings import decode_bytes, read_bytes


def _records(items: Any, what: str, file: str) -> list[dict]:
    if items is None:
        return []
    if not isinstance(items, list):
        raise InputDataError([Problem(f"'{what}' must be a list of objects", file=file,
                                      code="bad_file")])
    out = []
    for i, item in enumerate(items, start=1):
        if isinstance(item, dict) and isinstance(item.get("data"), dict) and len(item) <= 4:
            item = item["data"]  # Cytoscape.js element
        if not isinstance(item, dict):
            if what in ("nodes", "partners"):
                item = {"id": item}
            else:
                raise InputDataError([Problem(f"item {i} of '{what}' is not an object", file=file,
                                              row=i, value=str(item)[:60], code="bad_file")])
        rec = {}
        for key, value in item.items():
            if isinstance(value, (dict, list)):
                value = json.dumps(value, ensure_ascii=False)
            rec[str(key)] = value
        out.append(rec)
    return out




def parse_json_graph(obj: Any, *, file: str) -> tuple[pd.DataFrame, pd.DataFrame | None, dict]:
    """``(relations, partners or None, info)`` from a parsed JSON document.

    Examples
    --------
    >>> rel, part, info = parse_json_graph({"directed": True, "nodes": [{"id": 1}, {"id": 2}],
    ...                                     "links": [{"source": 1, "target": 2}]}, file="x")
    >>> len(rel), len(part), info["directed"]
    (1, 2, True)
    """
    if isinstance(obj, list):
        obj = {"relations": obj}
    if not isinstance(obj, dict):
        raise InputDataError([Problem("JSON must be an object with nodes/links or partners/relations",
                                      file=file, code="bad_file")])
    shape = None
    if "elements" in obj:
        elements = obj["elements"]
        if isinstance(elements, list):
            nodes = [e for e in elements if isinstance(e, dict) and e.get("group", "nodes") == "nodes"
                     and "source" not in e.get("data", {})]
            links = [e for e in elements if isinstance(e, dict) and "source" in e.get("data", {})]
        else:
            nodes, links = elements.get("nodes"), elements.get("edges")
        shape = "cytoscape"
    elif "relations" in obj or "partners" in obj:
        nodes, links = obj.get("partners"), obj.get("relations")
        shape = "partners/relations"
    elif "nodes" in obj or "links" in obj or "edges" in obj:
        nodes = obj.get("nodes")
        links = obj.get("links", obj.get("edges"))
        shape = "node-link"
    else:
        raise InputDataError([Problem(
            "JSON has none of the expected keys: 'nodes' + 'links'/'edges' (networkx "
            "node_link_data), 'partners' + 'relations', or 'elements' (Cytoscape.js); found: "
            + ", ".join(repr(k) for k in list(obj)[:10]), file=file, code="bad_file")])
    node_recs = _records(nodes, "nodes" if shape != "partners/relations" else "partners", file)
    link_recs = _records(links, "links" if shape != "partners/relations" else "relations", file)
    relations = records_frame(link_recs, ["source", "target"])
    partners = records_frame(node_recs, ["id"]) if nodes is not None else None
    directed = obj.get("directed")
    info = {"format": f"json ({shape})",
            "directed": bool(directed) if isinstance(directed, bool) else None,
            "multigraph": bool(obj.get("multigraph", False))}
    return relations, partners, info


def read_json_graph(path: str | Path, *, encoding: str | None = None
                    ) -> tuple[pd.DataFrame, pd.DataFrame | None, dict]:
    """Read a node-link JSON file (see module notes)."""
    file = str(path)
    decoded = decode_bytes(read_bytes(path), encoding=encoding, file=file)
    try:
        obj = json.loads(decoded.text)
    except json.JSONDecodeError as err:
        raise InputDataError([Problem(f"not valid JSON: {err.msg} (line {err.lineno}, "
                                      f"column {err.colno})", file=file, row=err.lineno,
                                      code="bad_file")]) from None
    rel, part, info = parse_json_graph(obj, file=file)
    info["encoding"] = decoded.encoding
    return rel, part, info

"""Node-link JSON: networkx ``node_link_data``, Cytoscape.js, or a simple partners/relations shape.

Read by :func:`read_json_graph`; :func:`write_node_link` and :func:`write_cytoscape` write
a networkx graph as networkx node-link JSON (``nodes``, ``edges``) or Cytoscape.js JSON
(``elements``: ``nodes``/``edges`` with ``data`` and ``position``, which Cytoscape Desktop
imports). Missing numbers (NaN, inf) are written as ``null``.

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
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..exceptions import InputDataError, Problem
from .records import records_frame
from .encodings import decode_bytes, read_bytes
from .safe import atomic_path


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
        for key in ID_KEYS.get(what, ()):
            if isinstance(item.get(key), (dict, list, bool)):
                raise InputDataError([Problem(
                    f"'{key}' of item {i} of '{what}' must be a partner id (text or a number), "
                    f"not {type(item[key]).__name__ if not isinstance(item[key], bool) else 'true/false'}",
                    file=file, row=i, column=key, value=json.dumps(item[key])[:60],
                    code="bad_id")])
        rec = {}
        for key, value in item.items():
            if isinstance(value, (dict, list)):
                value = json.dumps(value, ensure_ascii=False)
            rec[str(key)] = value
        out.append(rec)
    return out




_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)


def json_depth(text: str) -> tuple[int, int]:
    """Deepest nesting of arrays/objects in JSON text and the line where it is reached.

    Examples
    --------
    >>> json_depth('{"a": [[1], "]]]"]}')
    (3, 1)
    """
    bare = _STRINGS.sub('""', text).encode("utf-8")  # brackets are ASCII bytes in UTF-8
    codes = np.frombuffer(bare, dtype=np.uint8)
    step = np.zeros(len(codes), dtype=np.int32)
    step[(codes == ord("[")) | (codes == ord("{"))] = 1
    step[(codes == ord("]")) | (codes == ord("}"))] = -1
    if not len(step):
        return 0, 1
    depth = np.cumsum(step)
    at = int(np.argmax(depth))
    return int(depth[at]), bare.count(b"\n", 0, at) + 1


def loads_limited(text: str, *, file: str) -> Any:
    """``json.loads`` within the limits: nesting depth, digits of an integer; ``NaN`` and
    ``Infinity`` (not JSON, but Python writes them) are kept as text so validation reports
    them as values that are not numbers instead of reading them as empty.
    """
    from .limits import current, limit_hint

    limits = current()
    depth, line = json_depth(text)
    if depth > limits.max_json_depth:
        raise InputDataError([Problem(
            f"JSON nested {depth} levels deep, more than the limit of {limits.max_json_depth} "
            f"(max_json_depth); a partner network needs a few; {limit_hint('max_json_depth')}",
            file=file, row=line, code="too_large")])

    def big_int(digits: str) -> int:
        if len(digits.lstrip("-")) > limits.max_number_digits:
            raise InputDataError([Problem(
                f"a number with {len(digits.lstrip('-')):,} digits, more than the limit of "
                f"{limits.max_number_digits} (max_number_digits)", file=file,
                value=digits[:20] + "...", code="too_large")])
        return int(digits)

    try:
        return json.loads(text, parse_int=big_int, parse_constant=str)
    except json.JSONDecodeError as err:
        raise InputDataError([Problem(f"not valid JSON: {err.msg} (line {err.lineno}, "
                                      f"column {err.colno})", file=file, row=err.lineno,
                                      code="bad_file")]) from None
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise InputDataError([Problem("JSON nested too deeply", file=file,
                                      code="too_large")]) from None


ID_KEYS = {"nodes": ("id",), "partners": ("id",), "links": ("source", "target"),
           "relations": ("source", "target")}


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
    obj = loads_limited(decoded.text, file=file)
    rel, part, info = parse_json_graph(obj, file=file)
    info["encoding"] = decoded.encoding
    info["encoding_note"] = decoded.note
    return rel, part, info


# ---------------------------------------------------------------------- writing
def json_safe(obj: Any) -> Any:
    """A JSON-ready copy: numpy numbers -> Python, NaN and inf -> None, keys -> text.

    Examples
    --------
    >>> json_safe({1: [np.int64(2), float("nan")]})
    {'1': [2, None]}
    """
    if isinstance(obj, dict):
        return {str(k): json_safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [json_safe(v) for v in obj]
    if isinstance(obj, float) and (math.isnan(obj) or math.isinf(obj)):
        return None
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (np.floating,)):
        return json_safe(float(obj))
    return obj


def _write_json(data: Any, path: str | Path) -> Path:
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(json_safe(data), ensure_ascii=False, indent=1),
                       encoding="utf-8")
    return path


def write_node_link(graph: Any, path: str | Path, *, meta: dict | None = None) -> Path:
    """Write networkx node-link JSON (``nodes``, ``edges``); ``meta`` is its ``graph``.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> p = write_node_link(nx.Graph([("a", "b")]), Path(tempfile.mkdtemp()) / "g.json",
    ...                     meta={"name": "x"})
    >>> read_json_graph(p)[0][["source", "target"]].values.tolist()
    [['a', 'b']]
    """
    import networkx as nx

    data = nx.node_link_data(graph, edges="edges")
    data["graph"] = dict(meta or {})
    return _write_json(data, path)


def write_cytoscape(graph: Any, path: str | Path, *, meta: dict | None = None,
                    positions: dict[str, tuple[float, float]] | None = None) -> Path:
    """Write Cytoscape.js JSON; ``positions`` (node id -> ``(x, y)``) place the nodes."""
    import networkx as nx

    data = nx.cytoscape_data(graph)
    for node in data["elements"]["nodes"]:
        pos = (positions or {}).get(node["data"]["id"])
        if pos:
            node["position"] = {"x": pos[0], "y": pos[1]}
    data["data"] = dict(meta or {})
    return _write_json(data, path)


__all__ = ["json_safe", "parse_json_graph", "read_json_graph", "write_cytoscape",
           "write_node_link"]

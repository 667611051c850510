"""GraphML and GEXF files (what Gephi, Cytoscape, yEd and networkx write).

Nodes become partners (node ``id`` -> ``id``; Gephi's ``label`` -> ``name``; every node
attribute -> a partner column) and edges become relations (``source``, ``target``,
every edge attribute -> a relation column; GEXF ``kind``/``label`` -> relation type;
GEXF ``start``/``end`` -> dates). Edge direction (GraphML ``edgedefault``/``directed``,
GEXF ``defaultedgetype``/``type``) sets the ecosystem's direction, never the relation type.

XML is parsed with :mod:`defusedxml`: documents declaring entities (the "billion laughs"
expansion attack, external entities reading local files or URLs) are refused.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd

from ..exceptions import InputDataError, Problem
from .records import records_frame
from .encodings import read_bytes


LINE = "__ecosystem_line__"
"""Element attribute holding the element's line number in the file."""


def _line(el) -> int | None:
    value = el.get(LINE)
    return int(value) if value else None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_xml(data: bytes, *, file: str):
    """Parse XML safely; entity declarations and external references are refused.

    Examples
    --------
    >>> parse_xml(b"<graphml/>", file="x").tag
    'graphml'
    """
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException
    from xml.etree.ElementTree import ParseError

    from xml.etree.ElementTree import TreeBuilder

    class _LineBuilder(TreeBuilder):
        """Records each element's line in the file (for messages users can find)."""

        def start(self, tag, attrs):
            element = super().start(tag, attrs)
            element.set(LINE, str(parser.parser.CurrentLineNumber))
            return element

    parser = DET.DefusedXMLParser(target=_LineBuilder(), forbid_dtd=False, forbid_entities=True,
                                  forbid_external=True)
    try:
        parser.feed(data)
        return parser.close()
    except DefusedXmlException as err:
        raise InputDataError([Problem(
            "refused: the XML declares entities or external references "
            f"({type(err).__name__}: {err}); this is how entity-expansion ('billion laughs') "
            "and external-entity attacks work, so such files are never read. Re-export the "
            "graph from Gephi/Cytoscape without a DTD", file=file, code="unsafe_xml")]) from None
    except ParseError as err:
        line, col = getattr(err, "position", (None, None))
        raise InputDataError([Problem(f"not well-formed XML ({err})", file=file, row=line,
                                      code="bad_file")]) from None
    except (LookupError, ValueError) as err:  # <?xml encoding="U-8"?>, a bad character
        raise InputDataError([Problem(f"cannot be read as XML ({err})", file=file,
                                      code="bad_file")]) from None
    except RecursionError:
        raise InputDataError([Problem("XML nested too deeply", file=file,
                                      code="too_large")]) from None


def _convert(value: str | None, kind: str | None) -> Any:
    if value is None:
        return None
    kind = (kind or "string").lower()
    if kind in ("int", "integer", "long", "short", "byte"):
        try:
            return int(value) if len(value.strip()) <= 18 else value
        except ValueError:
            return value
    if kind in ("float", "double"):
        try:
            number = float(value)
        except ValueError:
            return value
        # NaN/inf stay text: validation reports them (never read as "empty")
        return number if math.isfinite(number) else value
    if kind == "boolean":
        return value.strip().lower() in ("true", "1", "yes")
    return value




def _safe_key(name: str, reserved: set[str]) -> str:
    return f"{name}_attr" if name in reserved else name


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

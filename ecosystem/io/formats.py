"""The file formats: one entry per format, naming its suffixes, reader and writer.

:func:`ecosystem.io.readers.load` reads a file through its format's ``read`` step and
:func:`ecosystem.export.export_graph` writes one through its ``write`` function; each
format's module (:mod:`ecosystem.io.gexf`, :mod:`ecosystem.io.graphml`, ...) holds its
reader and writer together. To add a format, write ``io/<format>.py`` (copy
:mod:`ecosystem.io.graphml`), a ``_read_<format>`` step below, and one :data:`FORMATS`
entry.

A read step fills a :class:`Reading`: the raw relations and partner tables, the names of
the files (and sheets) they came from, the direction the file declares, and what the
report and the ecosystem's metadata should say about the file.

Examples
--------
>>> FORMATS["gexf"].suffixes, FORMATS["gexf"].holds
(('.gexf',), 'a network: nodes with attributes, edges with attributes, dates')
>>> by_suffix(".GraphML").name
'graphml'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from .. import schema as S
from ..exceptions import Problem
from ..model import ValidationReport
from .excel import read_workbook
from .gexf import read_gexf, write_gexf
from .graphml import read_graphml, write_graphml
from .jsongraph import read_json_graph, write_cytoscape, write_node_link
from .pajek import read_pajek
from .spreadsheet import write_xlsx
from .tables import DELIMITER_NAMES, read_delimited
from .ucinet import read_ucinet_dl


@dataclass
class Reading:
    """One relations file being read: the request, then what its format's step found."""

    path: Path
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
    sheet: str | int | None = None
    partners_sheet: str | int | None = None
    want_partners: bool = True
    explicit: dict[str, str] = field(default_factory=dict)
    """Explicit column choices; a format may add its own (GEXF ``label`` -> name)."""
    report: ValidationReport = field(default_factory=ValidationReport)
    meta: dict[str, Any] = field(default_factory=dict)
    relations: pd.DataFrame | None = None
    partners: pd.DataFrame | None = None
    relations_file: str = ""
    partners_file: str = "partners"
    directed: bool | None = None
    """The direction the file declares (None: not declared)."""
    two_mode: bool = False
    """A two-mode network (Pajek, UCINET): an affiliation table ``partner``, ``group``."""

    def note_encoding(self, note: str | None, file: str) -> None:
        """A guessed encoding is a warning in the report (never a silent guess)."""
        if note:
            self.report.problems.append(Problem(note, file=file, severity="warning",
                                                code="uncertain_encoding"))

    def note_mixed_direction(self, info: dict, what: str) -> None:
        if info.get("mixed_direction"):
            self.report.problems.append(Problem(
                f"{info['n_directed']} of {len(self.relations)} {what}; analysed as undirected "
                "(pass --directed to keep direction)", file=self.relations_file,
                severity="info", code="mixed_direction"))


def _read_table(r: Reading) -> None:
    t = read_delimited(r.path, encoding=r.encoding, delimiter=r.delimiter, decimal=r.decimal)
    r.relations = t.frame
    r.report.encoding["relations"] = t.encoding
    r.note_encoding(t.note, str(r.path))
    r.meta["delimiter"] = DELIMITER_NAMES.get(t.delimiter, t.delimiter)
    if t.decimal == "," or r.decimal == ",":
        r.meta["decimal"] = ","


def _read_excel(r: Reading) -> None:
    rel, part, info = read_workbook(r.path, sheet=r.sheet, partners_sheet=r.partners_sheet,
                                    want_partners=r.want_partners)
    r.relations, r.partners = rel, part
    r.relations_file = f"{r.path} [{info['relations_sheet']}]"
    if part is not None:
        r.partners_file = f"{r.path} [{info['partners_sheet']}]"
    r.meta["sheets"] = {"relations": info["relations_sheet"], "partners": info["partners_sheet"]}
    for frame, file in ((rel, r.relations_file), (part, r.partners_file)):
        titles = frame.attrs.get("title_rows") if frame is not None else None
        if titles:
            r.report.problems.append(Problem(
                f"row{'s' if len(titles) > 1 else ''} {', '.join(map(str, titles))} above the "
                f"header (row {frame.attrs['header_row']}) read as a title, not data",
                file=file, severity="info", code="title_rows"))
    r.report.encoding["relations"] = "xlsx"


def _read_xml_graph(r: Reading, reader: Callable) -> dict:
    r.relations, r.partners, info = reader(r.path)
    r.partners_file = r.relations_file
    r.directed = info["directed"]
    r.report.encoding["relations"] = "xml"
    r.note_mixed_direction(info, "edges are directed, the others undirected")
    if "label" in r.partners.columns and "name" not in r.explicit:
        r.explicit["name"] = "label"
    return info


def _read_graphml(r: Reading) -> None:
    _read_xml_graph(r, read_graphml)


def _read_gexf(r: Reading) -> None:
    _read_xml_graph(r, read_gexf)
    rel = r.relations
    if "type" not in r.explicit and not any(
            S.normalise_header(c) in ("type", "relation", "relationtype") for c in rel.columns):
        if "kind" in rel.columns:
            r.explicit["type"] = "kind"
        elif "label" in rel.columns:
            r.explicit["type"] = "label"


def _read_network(r: Reading, reader: Callable) -> None:
    r.relations, r.partners, info = reader(r.path, encoding=r.encoding)
    r.partners_file = r.relations_file
    r.directed = info.get("directed")
    r.report.encoding["relations"] = info["encoding"]
    r.note_encoding(info.get("encoding_note"), r.relations_file)
    r.note_mixed_direction(info, "lines are *Arcs, the others *Edges")
    if info.get("two_mode"):
        r.meta["two_mode"] = True
        r.two_mode = True


def _read_pajek(r: Reading) -> None:
    _read_network(r, read_pajek)


def _read_ucinet(r: Reading) -> None:
    _read_network(r, read_ucinet_dl)


def _read_json(r: Reading) -> None:
    r.relations, r.partners, info = read_json_graph(r.path, encoding=r.encoding)
    r.partners_file = r.relations_file
    r.directed = info["directed"]
    r.report.encoding["relations"] = info.get("encoding", "utf-8")
    r.note_encoding(info.get("encoding_note"), r.relations_file)
    r.meta["json_shape"] = info["format"]


@dataclass(frozen=True)
class Format:
    """One file format: its name, suffixes, what it holds, its read step and its writer."""

    name: str
    suffixes: tuple[str, ...]
    holds: str
    read: Callable[[Reading], None] | None = None
    """Fills a :class:`Reading` (``None``: written only)."""
    write: Callable[..., Path] | None = None
    """Writes plain data (a networkx graph or tables) to a path (``None``: read only)."""
    partner_file: bool = False
    """Whether a separate partner table may come in this format."""


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("table", (".csv", ".tsv", ".tab", ".txt", ".edgelist", ".edges"),
           "one table: relations, partners or participations (delimited text)",
           _read_table, partner_file=True),
    Format("excel", (".xlsx", ".xlsm", ".xls"),
           "a workbook: a relations sheet and a partners sheet", _read_excel, partner_file=True),
    Format("graphml", (".graphml",), "a network: nodes and edges with attributes",
           _read_graphml, write_graphml),
    Format("gexf", (".gexf",), "a network: nodes with attributes, edges with attributes, dates",
           _read_gexf, write_gexf),
    Format("json", (".json",), "a network as node-link JSON (networkx, Cytoscape.js) or "
           "partners and relations lists", _read_json, write_node_link, partner_file=True),
    Format("cytoscape", (".cyjs",), "a network as Cytoscape.js JSON (written; read as json)",
           write=write_cytoscape),
    Format("kumu", (".xlsx",), "Kumu's import workbook: Elements and Connections sheets "
           "(written; read as excel)", write=write_xlsx),
    Format("pajek", (".net", ".paj"), "a network: vertices, edges or arcs, partitions, vectors",
           _read_pajek),
    Format("ucinet", (".dl",), "a network as UCINET DL matrices or edge lists", _read_ucinet),
)}
"""Format name -> :class:`Format`, in the order :func:`~ecosystem.io.readers.detect_format`
tries suffixes."""


def by_suffix(suffix: str) -> Format | None:
    """The readable format a file suffix names (``None`` when no format claims it)."""
    suffix = suffix.lower()
    return next((f for f in FORMATS.values() if f.read and suffix in f.suffixes), None)


__all__ = ["FORMATS", "Format", "Reading", "by_suffix"]

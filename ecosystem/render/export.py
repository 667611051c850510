"""Tables and network files from an :class:`~ecosystem.pipeline.Analysis`.

* :func:`partners_table` / :func:`all_tables`: every result as pandas tables (they only
  gather numbers the analyses computed);
* :func:`write_csv` / :func:`write_xlsx`: spreadsheet-safe (formula-like text is
  neutralised with :mod:`ecosystem.render.safe`), written atomically;
* :func:`export_graph`: the network for Gephi, Cytoscape, yEd or igraph (GEXF, GraphML,
  node-link JSON, Cytoscape.js JSON) with every metric, community, role and colour as node
  attributes and strength, distance, count, types as edge attributes.
"""
from __future__ import annotations

import datetime as _dt
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..exceptions import InvalidParameterError, UnsupportedFormatError
from .safe import atomic_path, neutralise_frame, write_text_atomic
from .summary import NOT_A_NUMBER, plain_number

if TYPE_CHECKING:  # pragma: no cover
    from ..pipeline import Analysis

FORMATS = ("gexf", "graphml", "json", "cytoscape", "kumu")
SUFFIX_FORMATS = {".gexf": "gexf", ".graphml": "graphml", ".xml": "graphml", ".json": "json",
                  ".cyjs": "cytoscape", ".xlsx": "kumu"}

# Okabe-Ito then Tableau-like extras: distinct, colour-blind friendly first.
COMMUNITY_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
                     "#F0E442", "#8C564B", "#7F7F7F", "#BCBD22", "#17BECF", "#9467BD"]
OTHER_COLOUR = "#B0B0B0"
EXCEL_MAX_ROWS = 1_048_576
#: the ``ties`` sheet of ``metrics.xlsx`` holds at most this many ties (the strongest);
#: every tie is in ``ties.csv`` (openpyxl writes about 6 us per cell: H2020's 796,670 ties
#: were 6.4M of the workbook's 10.3M cells and most of its 55-66 s)
XLSX_MAX_TIES = 50_000


# ---------------------------------------------------------------------- tables
def _indexed(frame: Any, ids: pd.Index) -> pd.DataFrame | None:
    """A per-partner table indexed by partner id (or None)."""
    if frame is None or not isinstance(frame, pd.DataFrame) or frame.empty:
        return None
    out = frame
    if "id" in out.columns and not out.index.isin(ids).any():
        out = out.set_index("id")
    out = out.copy()
    out.index = out.index.astype(str)
    if not out.index.isin(ids).any():
        return None
    return out[~out.index.duplicated()]


def _palette() -> tuple[list[str], str]:
    try:  # the map's colours, so an exported graph looks like the map
        from .maps_style import OTHER_COLOR, PALETTE
        return list(PALETTE), OTHER_COLOR
    except ImportError:  # pragma: no cover
        return COMMUNITY_COLOURS, OTHER_COLOUR


def community_colours(analysis: "Analysis") -> pd.Series:
    """Partner id -> hex colour of its community, as on the map (grey beyond the palette).

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.pipeline import analyze
    >>> a = analyze(Ecosystem.from_edges([("a", "b")]), {"analyses": {"stability": False}})
    >>> community_colours(a).tolist()
    ['#E69F00', '#E69F00']
    """
    palette, other = _palette()
    ids = analysis.eco.ids
    if analysis.partition is None:
        return pd.Series(other, index=ids, name="color")
    m = analysis.partition.membership.reindex(ids)
    colours = [palette[int(c)] if pd.notna(c) and 0 <= int(c) < len(palette) else other
               for c in m]
    return pd.Series(colours, index=ids, name="color")


def sector_colours(analysis: "Analysis") -> pd.Series | None:
    """Partner id -> hex colour of its sector, as on a map coloured by sector."""
    try:
        from .maps_style import category_colors, category_keys, color_lookup
    except ImportError:  # pragma: no cover
        return None
    sectors = analysis.eco.sectors
    lookup = color_lookup(category_colors(sectors.tolist(), kind="sector"))
    keys = category_keys(sectors.tolist())
    return pd.Series([lookup.get(k, "#A0A0A0") for k in keys], index=sectors.index,
                     name="sector_color")


def partners_table(analysis: "Analysis") -> pd.DataFrame:
    """One row per partner (indexed by id): attributes, then every per-partner metric.

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.pipeline import analyze
    >>> a = analyze(Ecosystem.from_edges([("a", "b"), ("b", "c")]),
    ...             {"analyses": {"stability": False, "resilience": False}})
    >>> t = partners_table(a)
    >>> int(t.loc["b", "degree"]), "community" in t and "color" in t
    (2, True)
    """
    eco = analysis.eco
    ids = eco.ids
    base = eco.partners.set_index("id")
    base.index = base.index.astype(str)
    out = base.copy()

    def add(frame: pd.DataFrame | None, prefix: str = "", skip: tuple[str, ...] = ()) -> None:
        nonlocal out
        if frame is None:
            return
        cols = [c for c in frame.columns if c not in skip and c not in ("name", "sector")]
        part = frame[cols].reindex(ids)
        rename = {}
        for c in cols:
            new = f"{prefix}{c}" if prefix else c
            while new in out.columns:
                new = f"{prefix or 'x_'}{new}"
            rename[c] = new
        out = out.join(part.rename(columns=rename))

    cen = analysis.centrality
    add(_indexed(getattr(cen, "table", cen) if cen is not None else None, ids))
    if analysis.partition is not None:
        out["community"] = analysis.partition.membership.reindex(ids).astype("Int64")
        labels = _community_labels(analysis)
        if labels:
            out["community_label"] = out["community"].map(
                lambda c: labels.get(int(c)) if pd.notna(c) else None)
    roles = _indexed(analysis.roles, ids)
    add(roles, skip=("community",))
    anchors = _indexed(analysis.anchors, ids)
    if anchors is not None:
        keep = {"anchor_score": "anchor_score", "rank": "anchor_rank", "why": "anchor_why"}
        if "role" in anchors and "role" not in out:
            keep["role"] = "role"
        cols = [c for c in keep if c in anchors]
        extra = anchors[cols].rename(columns=keep).reindex(ids)
        out = out.join(extra[[c for c in extra.columns if c not in out.columns]])
    holes = _indexed(analysis.holes, ids)
    if holes is not None:
        hcols = [c for c in ("effective_size", "efficiency", "constraint", "hierarchy",
                             "broker_rank") if c in holes]
        out = out.join(holes[hcols].reindex(ids))
    brokerage = _indexed(analysis.brokerage, ids)
    if brokerage is not None:
        bcols = [c for c in brokerage.columns if c not in ("name", "group", "sector")]
        out = out.join(brokerage[bcols].reindex(ids).add_prefix("brokerage_"))
    art = _fragility_frame(analysis, "articulation_points")
    if art is not None:
        art = _indexed(art, ids)
    out["articulation_point"] = out.index.isin(art.index) if art is not None else False
    if art is not None and "cut_off" in art:
        out["cut_off"] = art["cut_off"].reindex(ids).fillna(0).astype(int)
    dep = _fragility_frame(analysis, "dependency")
    dep = _indexed(dep, ids) if dep is not None else None
    if dep is not None:
        for src, dst in (("top_share", "dependency_share"), ("top_partner", "depends_most_on"),
                         ("dependent", "dependent")):
            if src in dep:
                out[dst] = dep[src].reindex(ids)
    out["color"] = community_colours(analysis).reindex(ids)
    sc = sector_colours(analysis)
    if sc is not None:
        out["sector_color"] = sc.reindex(ids)
    if analysis.layout is not None:
        lay = _indexed(analysis.layout, ids)
        if lay is not None:
            out = out.join(lay[[c for c in ("x", "y") if c in lay]].reindex(ids))
    out.index.name = "id"
    return out


def _community_labels(analysis: "Analysis") -> dict[int, str]:
    c = analysis.communities
    if isinstance(c, pd.DataFrame) and "label" in c:
        key = c["community"] if "community" in c else c.index
        return {int(k): str(v) for k, v in zip(key, c["label"])}
    return {}


def _fragility_frame(analysis: "Analysis", name: str) -> pd.DataFrame | None:
    f = analysis.fragility
    frame = getattr(f, name, None) if f is not None else None
    return frame if isinstance(frame, pd.DataFrame) else None


def _listy(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists/tuples/dicts in cells become readable text (for CSV/XLSX)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(_cell_text)
    return out


def _cell_text(v: Any) -> Any:
    if isinstance(v, (list, tuple, set, frozenset, np.ndarray)):
        return "; ".join(str(x) for x in v)
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_fmt_num(x)}" for k, x in v.items())
    return v


def _fmt_num(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3g}"
    return str(v)


def resilience_frame(analysis: "Analysis") -> pd.DataFrame | None:
    """The removal curves as one long table (strategy, removed share, largest component)."""
    from .summary import resilience_curves

    curves = resilience_curves(analysis)
    if not curves:
        return None
    rows = [{"strategy": s, "removed_share": x, "largest_component_share": y}
            for s, (xs, ys) in curves.items() for x, y in zip(xs, ys)]
    return pd.DataFrame(rows)


def _as_frame(obj: Any) -> pd.DataFrame | None:
    if isinstance(obj, pd.DataFrame):
        return obj
    for attr in ("table", "frame", "players"):
        value = getattr(obj, attr, None)
        if isinstance(value, pd.DataFrame):
            return value
    if hasattr(obj, "to_frame"):
        try:
            value = obj.to_frame()
        except Exception:  # pragma: no cover - defensive
            return None
        return value if isinstance(value, pd.DataFrame) else None
    return None


def all_tables(analysis: "Analysis") -> dict[str, pd.DataFrame]:
    """Every table of the analysis by name, complete (``metrics.xlsx`` writes them through
    :func:`workbook_tables`, which caps the ``ties`` sheet; ``ties.csv`` has every tie)."""
    tables: dict[str, pd.DataFrame] = {"partners": partners_table(analysis).reset_index()}
    if isinstance(analysis.communities, pd.DataFrame):
        tables["communities"] = analysis.communities.reset_index(drop="community" in analysis.communities)
    if isinstance(analysis.anchors, pd.DataFrame):
        tables["anchors"] = analysis.anchors.reset_index()
    if isinstance(analysis.recommendations, pd.DataFrame):
        tables["recommendations"] = analysis.recommendations.reset_index(drop=True)
    if isinstance(analysis.holes, pd.DataFrame):
        tables["structural_holes"] = analysis.holes.reset_index()
    if isinstance(analysis.brokerage, pd.DataFrame):
        tables["brokerage"] = analysis.brokerage.reset_index()
    for name, obj, attrs in (
            ("community", analysis.community_gaps, (("gaps", "community_gaps"),
                                                    ("pairs", "community_mixing"))),
            ("sector", analysis.sector_gaps, (("gaps", "sector_gaps"), ("pairs", "sector_mixing"),
                                              ("missing", "community_missing_sectors")))):
        if isinstance(obj, pd.DataFrame):
            tables[f"{name}_gaps"] = obj.reset_index(drop=True)
            continue
        for attr, table_name in attrs:
            frame = getattr(obj, attr, None) if obj is not None else None
            if isinstance(frame, pd.DataFrame):
                tables[table_name] = frame.reset_index(drop=not isinstance(
                    frame.index, pd.MultiIndex) and frame.index.name is None)
    for name in ("articulation_points", "bridges", "components", "dependency"):
        frame = _fragility_frame(analysis, name)
        if frame is not None:
            tables[name] = frame.reset_index(drop=name in ("bridges", "components"))
    res = resilience_frame(analysis)
    if res is not None:
        tables["resilience"] = res
    kp = _as_frame(analysis.key_players)
    if kp is not None:
        tables["key_players"] = kp.reset_index()
    ev = analysis.evolution
    if ev is not None:
        for attr, name, keep_index in (("periods", "evolution_periods", False),
                                       ("kpis", "evolution_kpis", True),
                                       ("movers", "evolution_movers", False),
                                       ("entrants", "evolution_entrants", False),
                                       ("exits", "evolution_exits", False)):
            frame = getattr(ev, attr, None)
            if isinstance(frame, pd.DataFrame):
                tables[name] = frame.rename_axis("period").reset_index() if keep_index \
                    else frame.reset_index(drop=True)
    tr = getattr(analysis, "trust", None)
    if tr is not None:  # partner survey (analysis/trust.py)
        for attr, name in (("network", "trust_waves"), ("ties", "trust_ties"),
                           ("directed", "trust_ratings"), ("partners", "trust_partners"),
                           ("groups", "trust_groups"), ("gaps", "perception_gaps"),
                           ("bridges", "trust_bridges"), ("partner_changes", "trust_changes"),
                           ("tie_changes", "trust_tie_changes")):
            frame = getattr(tr, attr)
            tables[name] = frame.reset_index() if attr in ("network", "partners",
                                                           "partner_changes") else frame
    if getattr(analysis, "risk", None) is not None:
        tables["risk_matrix"] = analysis.risk.table.reset_index()
    ties = analysis.eco.ties.drop(columns=["source_index", "target_index"], errors="ignore").copy()
    ties.insert(2, "source_name", analysis.eco.names.reindex(ties["source"]).to_numpy())
    ties.insert(3, "target_name", analysis.eco.names.reindex(ties["target"]).to_numpy())
    tables["ties"] = ties
    if analysis.health:
        tables["health"] = pd.DataFrame({"indicator": list(analysis.health),
                                         "value": [_cell_text(v) for v in analysis.health.values()]})
    problems = analysis.eco.report.problems
    if problems:
        tables["data_quality"] = pd.DataFrame([p.to_dict() for p in problems])
    return {k: _listy(v) for k, v in tables.items()}


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


def workbook_tables(tables: dict[str, pd.DataFrame], *, max_ties: int | None = XLSX_MAX_TIES,
                    ties_file: str | None = "ties.csv") -> dict[str, pd.DataFrame]:
    """The sheets of ``metrics.xlsx``: ``tables`` with the ``ties`` sheet capped.

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


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as UTF-8 CSV with a BOM (Excel opens Hangul correctly), neutralised.

    Examples
    --------
    >>> import tempfile
    >>> p = write_csv(pd.DataFrame({"name": ["=cmd", "삼성"]}), Path(tempfile.mkdtemp()) / "t.csv")
    >>> p.read_text(encoding="utf-8-sig").splitlines()
    ['name', "'=cmd", '삼성']"""
    text = neutralise_frame(_listy(frame)).to_csv(index=False)
    return write_text_atomic(path, "\ufeff" + text)


def write_xlsx(tables: dict[str, pd.DataFrame], path: str | Path) -> Path:
    """Write one sheet per table (sheet names cut to Excel's 31 characters), neutralised.

    Streams with XlsxWriter in constant-memory mode (each row goes to disk as it is
    written; about 3x faster than openpyxl's write-only mode and flat in memory).
    Formula-like text is prefixed with ``'`` first, and XlsxWriter's own conversions
    (text to formulas, URLs or numbers) are off, so no cell is ever stored as a formula
    or a link.
    """
    import xlsxwriter

    path = Path(path)
    with atomic_path(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False, "nan_inf_to_errors": False,
            "default_date_format": "yyyy-mm-dd hh:mm:ss"})
        date_fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        used: set[str] = set()
        for name, frame in tables.items():
            ws = wb.add_worksheet(_sheet_name(name, used))
            safe = neutralise_frame(_listy(frame))
            ws.freeze_panes(1, 0)
            for i, col in enumerate(safe.columns):
                ws.set_column(i, i, min(max(len(str(col)), 8) + 2, 50))
            ws.write_row(0, 0, [str(c) for c in safe.columns])
            if len(safe) > EXCEL_MAX_ROWS - 1:  # Excel's sheet limit; the CSV files are complete
                safe = safe.head(EXCEL_MAX_ROWS - 1)
            _write_rows(ws, [safe[c].tolist() for c in safe.columns], date_fmt)
        if not tables:
            wb.add_worksheet("empty")
        wb.close()
    return path


def _write_rows(ws: Any, columns: list[list[Any]], date_fmt: Any) -> None:
    """Rows 1.. of a sheet, each cell through :func:`_xl` and the matching typed call."""
    write_number, write_string = ws.write_number, ws.write_string
    write_boolean, write_datetime = ws.write_boolean, ws.write_datetime
    for r, row in enumerate(zip(*columns), start=1):
        for c, value in enumerate(row):
            v = _xl(value)
            if v is None or v is pd.NaT or v == "":  # empty cells, as openpyxl left them
                continue
            if isinstance(v, bool):
                write_boolean(r, c, v)
            elif isinstance(v, (int, float)):
                write_number(r, c, v)
            elif isinstance(v, str):
                write_string(r, c, v)
            elif isinstance(v, (_dt.date, _dt.time)):
                write_datetime(r, c, v, date_fmt)
            else:
                write_string(r, c, str(v))


def _xl(value: Any) -> Any:
    """A cell value openpyxl stores as data (never a formula): NaN -> empty, numpy -> Python."""
    if value is None:
        return None
    number = plain_number(value)
    if number is not NOT_A_NUMBER:
        return number
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.tz_localize(None).to_pydatetime() \
            if value.tzinfo else value.to_pydatetime()
    if isinstance(value, str):
        return value if not value.startswith("=") else "'" + value  # belt and braces
    if isinstance(value, (_dt.date, _dt.time)):
        return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value) if not isinstance(value, (int, float)) else value


def _sheet_name(name: str, used: set[str]) -> str:
    base = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "sheet"
    sheet, k = base, 1
    while sheet in used:
        k += 1
        sheet = f"{base[:28]}_{k}"
    used.add(sheet)
    return sheet


# ---------------------------------------------------------------------- graph export
def _plain(value: Any) -> Any:
    """A value every graph format can store (str, int, float, bool) or None."""
    if value is None:
        return None
    number = plain_number(value)
    if number is not NOT_A_NUMBER:
        return number
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray, dict)):
        return _cell_text(value)
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


def graph_with_attributes(analysis: "Analysis"):
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
        colour = colours[s] if same else _palette()[1]
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


def _json_safe(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {str(k): _json_safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_json_safe(v) for v in obj]
    if isinstance(obj, float) and (math.isnan(obj) or math.isinf(obj)):
        return None
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (np.floating,)):
        return _json_safe(float(obj))
    return obj


def kumu_tables(analysis: "Analysis") -> dict[str, pd.DataFrame]:
    """Kumu's import workbook: an ``Elements`` and a ``Connections`` sheet.

    Elements: ``Label`` (name), ``Type`` (sector), ``ID``, ``Description`` (the anchor's
    why), ``Tags`` (community label), then every metric column. Connections: ``From`` and
    ``To`` (labels when names are unique, else ids, as Kumu matches them), ``Type``
    (relation types), ``Direction``, ``Strength``, ``Distance``, ``Count``.

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.pipeline import analyze
    >>> a = analyze(Ecosystem.from_edges([("a", "b"), ("b", "c")]),
    ...             {"analyses": {"stability": False, "resilience": False}})
    >>> k = kumu_tables(a)
    >>> list(k["Elements"].columns[:3]), k["Connections"][["From", "To"]].values.tolist()
    (['Label', 'Type', 'ID'], [['a', 'b'], ['b', 'c']])
    """
    eco = analysis.eco
    table = partners_table(analysis)
    elements = pd.DataFrame({"Label": table["name"].astype(str), "Type": table["sector"].astype(str),
                             "ID": table.index.astype(str)})
    if "anchor_why" in table:
        elements["Description"] = table["anchor_why"].to_numpy()
    if "community_label" in table:
        elements["Tags"] = table["community_label"].to_numpy()
    rest = [c for c in table.columns if c not in ("name", "sector", "anchor_why", "community_label")]
    elements = pd.concat([elements.reset_index(drop=True),
                          table[rest].reset_index(drop=True)], axis=1)
    names = eco.names
    by_label = names.is_unique
    ties = eco.ties
    key = (lambda ids: names.reindex(ids).to_numpy()) if by_label else (lambda ids: ids.to_numpy())
    connections = pd.DataFrame({
        "From": key(ties["source"]), "To": key(ties["target"]),
        "Type": ties["types"].astype(str).to_numpy(),
        "Direction": "directed" if eco.directed else "undirected",
        "Strength": ties["strength"].to_numpy(float), "Distance": ties["distance"].to_numpy(float),
        "Count": ties["count"].to_numpy(int)})
    return {"Elements": elements, "Connections": connections}


def export_graph(analysis: "Analysis", path: str | Path, *, to: str | None = None) -> Path:
    """Write the network with all metrics as attributes.

    Parameters
    ----------
    analysis : Analysis
    path : path
    to : {"gexf", "graphml", "json", "cytoscape", "kumu"}, optional
        Default from the suffix (``.gexf``, ``.graphml``, ``.json``, ``.cyjs``, ``.xlsx``).

    ``json`` is networkx node-link JSON (``nodes``, ``edges``); ``cytoscape`` is
    Cytoscape.js JSON (``elements``: ``nodes``/``edges`` with ``data`` and
    ``position``), which Cytoscape Desktop imports; ``kumu`` is Kumu's Elements /
    Connections import workbook (see :func:`kumu_tables`). GEXF is version 1.3 with viz
    colours, positions and sizes for Gephi and, for dated relations, **dynamic**: every
    partner and tie carries the periods it is active in (spells from evolve's
    snapshots), which Gephi's Timeline plays (see :mod:`ecosystem.render.gexf`).
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
    import networkx as nx

    path = Path(path)
    fmt = to or SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(
            f"cannot tell the export format from {path.name!r}; use --to with one of "
            f"{', '.join(FORMATS)}")
    if fmt not in FORMATS:
        raise InvalidParameterError(f"export format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    if fmt == "kumu":
        return write_xlsx(kumu_tables(analysis), path)
    if fmt == "gexf":
        from .gexf import write_gexf

        return write_gexf(analysis, path)
    g = graph_with_attributes(analysis)
    with atomic_path(path) as tmp:
        if fmt == "graphml":
            nx.write_graphml(_strip_viz(g), tmp, named_key_ids=True)
        elif fmt == "json":
            data = nx.node_link_data(_strip_viz(g), edges="edges")
            data["graph"] = {"name": analysis.eco.name, "generator": "ecosystem",
                             "settings": analysis.eco.settings()}
            tmp.write_text(json.dumps(_json_safe(data), ensure_ascii=False, indent=1),
                           encoding="utf-8")
        else:
            data = nx.cytoscape_data(_strip_viz(g))
            for node in data["elements"]["nodes"]:
                attrs = g.nodes[node["data"]["id"]]
                pos = attrs.get("viz", {}).get("position")
                if pos:
                    node["position"] = {"x": pos["x"], "y": -pos["y"]}
            data["data"] = {"name": analysis.eco.name, "generator": "ecosystem"}
            tmp.write_text(json.dumps(_json_safe(data), ensure_ascii=False, indent=1),
                           encoding="utf-8")
    return path


__all__ = ["partners_table", "all_tables", "write_csv", "write_xlsx", "export_graph", "kumu_tables",
           "workbook_tables", "strongest_ties", "XLSX_MAX_TIES",
           "graph_with_attributes", "community_colours", "resilience_frame", "FORMATS"]

"""Read partner and relation data from any file users have into an :class:`Ecosystem`.

:func:`load` finds the file's format by its suffix (or, for unknown suffixes, by its
content) and reads it through the format's entry in :data:`ecosystem.io.formats.FORMATS`:

============================  ==================================================
``.csv`` ``.tsv`` ``.txt``    delimited text; delimiter sniffed (``,`` ``;`` tab ``|``);
(also ``.csv.gz``)            encoding detected (UTF-8, UTF-8 BOM, CP949, Latin-1)
``.xlsx`` ``.xlsm``           Excel workbook: a relations sheet and a partners sheet
``.graphml``                  GraphML (Gephi, Cytoscape, yEd, networkx), parsed safely
``.gexf``                     GEXF (Gephi), parsed safely
``.json``                     node-link JSON (networkx), Cytoscape.js, or
                              ``{"partners": [...], "relations": [...]}``
``.net`` ``.paj``             Pajek (first network, partitions and vectors)
``.dl`` (``.dat``)            UCINET DL (full matrix, edge list; several matrices)
a bundled dataset name        ``demo``, ``karate``, ... (see ``ecosystem datasets``)
============================  ==================================================

A participation table (partner x project, e.g. CORDIS ``rcn``/``pic``) is projected to
a partner network (:mod:`ecosystem.io.affiliation`) when ``affiliation=True`` or when it
is recognisably one. Every table then goes through
:func:`ecosystem.model_validate.prepare_tables`, which reports every problem with the row
number users see (header = row 1; for XML/JSON the position of the node/edge).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import numpy as np
import pandas as pd

from .. import schema as S
from ..exceptions import InputDataError, InvalidParameterError, Problem, UnsupportedFormatError
from ..model import Ecosystem, StrengthRule, ValidationReport
from ..model_validate import prepare_tables
from .affiliation import looks_like_affiliation, merge_partner_table, project_affiliations
from .datasets import REGISTRY, datasets_dir, get, resolve_name
from .excel import PARTNER_SHEET_ALIASES, RELATION_SHEET_ALIASES, read_partner_sheet
from .formats import FORMATS as FORMAT_REGISTRY, Reading, by_suffix
from .jsongraph import read_json_graph
from .limits import current, limit_hint, use_limits
from .paths import REPORT_MARKER, relabel_ecosystem, relabel_error
from .tables import read_delimited

FORMATS = tuple(name for name, f in FORMAT_REGISTRY.items() if f.read is not None)
"""The formats :func:`load` reads (see :mod:`ecosystem.io.formats`)."""


def read_table(path: str | Path, *, encoding: str | None = None) -> pd.DataFrame:
    """Read one CSV/TSV/TXT table as strings (no type guessing), encoding detected.

    The index is 0-based (as before); see :func:`ecosystem.io.tables.read_delimited`
    for the row numbers users see.
    """
    return read_delimited(path, encoding=encoding).frame.reset_index(drop=True)


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz" and len(suffixes) > 1:
        return suffixes[-2]
    return path.suffix.lower()


def detect_format(path: str | Path) -> str:
    """The reader for a file: ``table``, ``excel``, ``graphml``, ``gexf`` or ``json``.

    Unknown suffixes are recognised by their first bytes (zip = xlsx, ``<graphml``,
    ``<gexf``, ``{``/``[`` = JSON, anything else = delimited text).

    Examples
    --------
    >>> detect_format("partners.CSV"), detect_format("map.gexf"), detect_format("book.xlsx")
    ('table', 'gexf', 'excel')
    """
    path = Path(path)
    suffix = _suffix(path)
    known = by_suffix(suffix)
    if known is not None:
        return known.name
    if suffix == ".dat" and Path(path).exists():
        with open(path, "rb") as fh:
            if fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"DL"):
                return "ucinet"
    if suffix in (".dat", ".gml", ".gdf", ".cys", ".gephi"):
        raise UnsupportedFormatError(
            f"{path}: {suffix} files are not read directly; export from Gephi/Cytoscape as "
            "GraphML, GEXF or CSV (source,target[,weight]) and load that")
    if not path.exists():
        raise InputDataError([Problem("file not found", file=str(path), code="missing_file")])
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head.startswith(b"PK"):
        return "excel"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        lowered = head.lower()
        if b"<graphml" in lowered:
            return "graphml"
        if b"<gexf" in lowered:
            return "gexf"
        raise UnsupportedFormatError(f"{path}: XML that is neither GraphML nor GEXF")
    if text[:1] in (b"{", b"["):
        return "json"
    return "table"


def _encoding_note(report: ValidationReport, note: str | None, file: str) -> None:
    """A guessed encoding is a warning in the report (never a silent guess)."""
    if note:
        report.problems.append(Problem(note, file=file, severity="warning",
                                       code="uncertain_encoding"))


def _check_field_sizes(frame: pd.DataFrame | None, file: str) -> None:
    """No cell longer than ``max_field_chars`` (see :mod:`ecosystem.io.limits`)."""
    if frame is None or not len(frame):
        return
    cap = current().max_field_chars
    for col in frame.columns:
        values = frame[col]
        if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
            continue
        try:
            lengths = values.str.len().fillna(0)  # vectorised; non-text cells count 0
        except AttributeError:  # no text in the column at all
            continue
        if len(lengths) and int(lengths.max()) > cap:
            at = lengths.idxmax()
            raise InputDataError([Problem(
                f"a cell of {int(lengths.max()):,} characters, more than the limit of {cap:,} "
                f"(max_field_chars); {limit_hint('max_field_chars')}", file=file,
                row=int(at) if isinstance(at, (int, np.integer)) else None, column=str(col),
                value=str(values.loc[at])[:40] + "...", code="too_large")])
    long_header = [c for c in frame.columns if len(str(c)) > cap]
    if long_header:
        raise InputDataError([Problem(f"a column name longer than {cap:,} characters "
                                      "(max_field_chars)", file=file, code="too_large")])


def _read_partner_file(path: Path, *, encoding: str | None, sheet, report: ValidationReport,
                       decimal: str | None = None) -> tuple[pd.DataFrame, str, str]:
    fmt = detect_format(path)
    if fmt == "table":
        t = read_delimited(path, encoding=encoding, decimal=decimal)
        report.encoding["partners"] = t.encoding
        _encoding_note(report, t.note, str(path))
        return t.frame, str(path), t.decimal
    if fmt == "excel":
        frame, name = read_partner_sheet(path, sheet=sheet)
        return frame, f"{path} [{name}]", "."
    if fmt == "json":
        rel, part, info = read_json_graph(path, encoding=encoding)
        report.encoding["partners"] = info.get("encoding", "utf-8")
        _encoding_note(report, info.get("encoding_note"), str(path))
        if part is None:
            raise InputDataError([Problem("JSON partner file has no 'partners'/'nodes' list",
                                          file=str(path), code="bad_file")])
        return part, str(path), "."
    raise UnsupportedFormatError(
        f"{path}: a partner table must be CSV/TSV/TXT, XLSX or JSON (GraphML/GEXF already "
        "hold their nodes)")


def load(relations: str | Path, partners: str | Path | None = None, *,
         encoding: str | None = None, columns: Mapping[str, str] | None = None,
         auto_add_partners: bool = True, strict: bool = False,
         strength_rule: StrengthRule | None = None, sheet: str | int | None = None,
         partners_sheet: str | int | None = None, affiliation: bool | None = None,
         partner_col: str | None = None, group_col: str | None = None,
         year_col: str | None = None, end_col: str | None = None, projection: str = "count",
         projection_output: str = "relations", max_group_size: int | None = None,
         delimiter: str | None = None, directed: bool | None = None,
         decimal: str | None = None, skip_bad_rows: bool = False, full_paths: bool = False,
         limits: Any = None, date_order: str | None = None, **kwargs: Any) -> Ecosystem:
    """Load an ecosystem from a file (and an optional partner file) or a bundled dataset.

    Parameters
    ----------
    relations : str or Path
        Relations file (CSV/TSV/TXT, XLSX, GraphML, GEXF, JSON), a participation table,
        or a bundled dataset name (``"demo"``, ``"karate"``...).
    partners : str or Path, optional
        Partner table (CSV/TSV/TXT, XLSX, JSON). Default: the partners in the relations
        file (workbook partners sheet, graph nodes) or the ids relations name.
    encoding : str, optional
        Force a text encoding (default: detected; recorded in ``eco.report.encoding``).
    columns : mapping, optional
        Explicit columns: ``source``, ``target``, ``type``, ``weight``, ``date``,
        ``start``, ``end``, ``year``, ``id``, ``name``, ``sector``.
    auto_add_partners : bool, default True
        Add partners that only relations name (reported) instead of failing.
    strict : bool, default False
        Every warning (repair) becomes an error.
    strength_rule : StrengthRule, optional
        How a relation's strength is computed.
    sheet, partners_sheet : str or int, optional
        Excel sheets (name or 1-based number) for relations and partners.
    affiliation : bool, optional
        Treat the table as partner x project participations and project it (default:
        auto-detected for CORDIS-like ``rcn``/``pic`` tables).
    partner_col, group_col, year_col : str, optional
        Participation columns (partner id, project id, project year).
    end_col : str, optional
        Participation column with the project's end (a year or a date): each projected
        relation then ends on the last day of that year (``end``), so the evolution drops
        finished projects and the risk matrix reads a partner's activity until then.
    projection : {"count", "newman"}
        Projection weighting (see :mod:`ecosystem.io.affiliation`).
    projection_output : {"relations", "ties"}
        One relation per shared project (default) or one per pair.
    max_group_size : int, optional
        Skip (and report) projects with more members when projecting.
    delimiter : str, optional
        Force the delimiter of a text table (default: sniffed).
    directed : bool, optional
        Default: from the file (GraphML ``edgedefault``, GEXF ``defaultedgetype``,
        JSON ``directed``, Gephi's ``Type`` column), else undirected.
    decimal : {".", ","}, optional
        Decimal separator of weights in text tables. Default ``.``: a ``,`` is then a
        thousands separator only in groups of three (``1,250``), and ``1,5`` is an error.
        ``","`` reads ``1,5`` as 1.5 and ``1.250,5`` as 1250.5 (``;``-separated files
        whose numbers all look like that are recognised without it).
    date_order : {"dmy", "mdy"}, optional
        Order of numeric dates like ``03/04/2024`` (day first or month first). Default:
        from the column; an order that stays unknown is an error, never guessed.
    skip_bad_rows : bool, default False
        Leave out rows that cannot be read (listed as ``skipped_row`` warnings, counted
        in ``eco.report.rows``) instead of failing; see :mod:`ecosystem.model_report`.
    full_paths : bool, default False
        Keep full file paths in messages and the report; by default files are named
        relative to the working folder (or by their name alone), see
        :mod:`ecosystem.io.paths`.
    limits : Limits or mapping, optional
        Size limits for hostile files (see :mod:`ecosystem.io.limits`).
    **kwargs
        Passed to :class:`Ecosystem` (``aggregate``, ``distance``, ``name``...).

    Raises
    ------
    InputDataError
        Listing every problem (file, row, column, value).
    UnsupportedFormatError
        For file types that cannot be read.

    Examples
    --------
    >>> eco = load("karate")
    >>> eco.n_partners, eco.n_ties
    (34, 78)
    >>> eco.report.encoding
    {'relations': 'utf-8', 'partners': 'utf-8'}
    """
    if decimal not in (None, ".", ","):
        raise InvalidParameterError(f"decimal must be '.' or ',', got {decimal!r}")
    if date_order not in (None, "dmy", "mdy"):
        raise InvalidParameterError(f"date_order must be 'dmy' or 'mdy', got {date_order!r}")
    with use_limits(limits):
        try:
            eco = _load(relations, partners, encoding=encoding, columns=columns,
                        auto_add_partners=auto_add_partners, strict=strict,
                        strength_rule=strength_rule, sheet=sheet, partners_sheet=partners_sheet,
                        affiliation=affiliation, partner_col=partner_col, group_col=group_col,
                        year_col=year_col, end_col=end_col, projection=projection,
                        projection_output=projection_output, max_group_size=max_group_size,
                        delimiter=delimiter, directed=directed, decimal=decimal,
                        skip_bad_rows=skip_bad_rows, date_order=date_order, **kwargs)
        except (InputDataError, UnsupportedFormatError) as err:
            if full_paths:
                raise
            raise relabel_error(err, [relations, partners]) from None
    _note_row_counts(eco.report)
    if not full_paths:
        relabel_ecosystem(eco)
    return eco


def load_dataset(name: str, **options: Any):
    """Load a bundled dataset as an :class:`~ecosystem.model.Ecosystem`.

    Options override the registry's loader options (e.g. ``weighting="newman"``).

    Examples
    --------
    >>> eco = load_dataset("karate")
    >>> eco.n_partners, eco.n_ties, float(eco.ties["strength"].sum())
    (34, 78, 231.0)
    """
    spec = get(name)
    root = datasets_dir()
    files = spec.files(root)
    opts: dict[str, Any] = dict(spec.options)
    user_columns = options.pop("columns", None) or {}
    columns = dict(opts.pop("columns", {}))
    columns.update({k: v for k, v in user_columns.items() if v})
    for key, value in options.items():
        if value is not None:
            opts[key] = value
    if spec.kind == "affiliation":
        opts.setdefault("affiliation", True)
    partners = options.get("partners") or files.get("partners")
    opts.pop("partners", None)
    opts.setdefault("name", spec.name)
    meta = dict(opts.pop("metadata", {}) or {})
    meta.setdefault("dataset", spec.name)
    meta.setdefault("licence", spec.licence)
    return load(files["relations"], partners, columns=columns, metadata=meta, **opts)


def _note_row_counts(report: ValidationReport) -> None:
    """When rows were skipped, say in the report how the counts reconcile."""
    files = {p.code: p.file for p in report.problems if p.code == "skipped_row"}
    if not files or any(p.code == "row_counts" for p in report.problems):
        return
    for table, c in report.rows.items():
        if c.get("skipped"):
            report.problems.append(Problem(
                f"{table}: {c['read']:,} rows read = {c['skipped']:,} skipped (--skip-bad-rows) + "
                f"{c['dropped']:,} dropped (self-loops, merged duplicates) + {c['used']:,} used",
                file=report.sources.get(table), severity="info", code="row_counts"))


def _load(relations: str | Path, partners: str | Path | None = None, *,
          encoding: str | None = None, columns: Mapping[str, str] | None = None,
          auto_add_partners: bool = True, strict: bool = False,
          strength_rule: StrengthRule | None = None, sheet: str | int | None = None,
          partners_sheet: str | int | None = None, affiliation: bool | None = None,
          partner_col: str | None = None, group_col: str | None = None,
          year_col: str | None = None, end_col: str | None = None,
          projection: str = "count",
          projection_output: str = "relations", max_group_size: int | None = None,
          delimiter: str | None = None, directed: bool | None = None,
          decimal: str | None = None, skip_bad_rows: bool = False,
          date_order: str | None = None, **kwargs: Any) -> Ecosystem:
    """:func:`load` without the limits and the relabelling of paths."""
    if isinstance(relations, pd.DataFrame):
        raise InvalidParameterError("load() reads files; use Ecosystem.from_frames for DataFrames")
    path = Path(relations)
    # a bundled dataset's name, unless a file or data folder of that name is here (a report
    # folder written by `analyze --demo -o demo` is output, never input)
    if _is_dataset(relations) and (not path.exists() or (path / REPORT_MARKER).exists()):
        return load_dataset(
            str(relations), partners=partners, encoding=encoding, columns=columns,
            auto_add_partners=auto_add_partners, strict=strict, strength_rule=strength_rule,
            sheet=sheet, partners_sheet=partners_sheet, affiliation=affiliation,
            partner_col=partner_col, group_col=group_col, year_col=year_col, end_col=end_col,
            projection=projection if projection != "count" else None,
            projection_output=projection_output if projection_output != "relations" else None,
            max_group_size=max_group_size, delimiter=delimiter, directed=directed, **kwargs)
    if not path.exists():
        raise InputDataError([Problem(
            f"file not found (and not a bundled dataset name; bundled: {', '.join(REGISTRY)})",
            file=str(relations), code="missing_file")])
    if path.is_dir():
        kwargs.setdefault("name", path.name)
        path, found_partners = find_in_folder(path)
        partners = partners if partners is not None else found_partners
    name = kwargs.pop("name", None) or path.name.split(".")[0]
    metadata = dict(kwargs.pop("metadata", None) or {})
    fmt = detect_format(path)
    r = Reading(path, encoding=encoding, delimiter=delimiter, decimal=decimal, sheet=sheet,
                partners_sheet=partners_sheet, want_partners=partners is None,
                explicit={k: v for k, v in dict(columns or {}).items() if v},
                relations_file=str(path), meta={"format": fmt, "files": {"relations": str(path)}})
    FORMAT_REGISTRY[fmt].read(r)
    if r.two_mode:  # a two-mode network: participations (partner x group)
        affiliation = True if affiliation is None else affiliation
        partner_col, group_col = partner_col or "partner", group_col or "group"
        if not affiliation:  # --no-affiliation: the two-mode graph itself
            r.relations = r.relations.rename(columns={"partner": "source", "group": "target"})
    if partners is not None:
        _add_partner_file(r, Path(partners))
    _check_field_sizes(r.relations, r.relations_file)
    _check_field_sizes(r.partners, r.partners_file)
    if affiliation is None:
        affiliation = bool(fmt in ("table", "excel") and looks_like_affiliation(r.relations.columns))
    elif affiliation and fmt in ("pajek", "ucinet") and not r.two_mode:
        affiliation = False  # a one-mode network file is never a participation table
    settings = dict(name=name, strength_rule=strength_rule, metadata=metadata, **kwargs)
    if affiliation:
        return _projected(r, fmt, partner_col=partner_col, group_col=group_col,
                          year_col=year_col, end_col=end_col, projection=projection,
                          projection_output=projection_output, max_group_size=max_group_size,
                          auto_add_partners=auto_add_partners, strict=strict,
                          skip_bad_rows=skip_bad_rows, directed=directed, settings=settings)
    if year_col and "year" not in r.explicit:  # --year-col also names a relation table's year
        r.explicit["year"] = year_col
    if end_col and "end" not in r.explicit:  # and --end-col its end
        r.explicit["end"] = end_col
    p, rel, report = prepare_tables(
        r.relations, r.partners, relations_file=r.relations_file, partners_file=r.partners_file,
        row_offset=0, auto_add_partners=auto_add_partners, strict=strict, columns=r.explicit,
        report=r.report, decimal=decimal or ".", skip_bad_rows=skip_bad_rows,
        date_order=date_order)
    if len(p) == 0:
        raise InputDataError([Problem(
            "no data: the file has a header but no rows (no partners, no relations)",
            file=r.relations_file if r.partners is None else r.partners_file, code="empty_file")])
    if directed is None:
        directed = _direction(r, rel)
    metadata.setdefault("source", r.meta)
    return Ecosystem(p, rel, directed=bool(directed), report=report, **settings)


def _add_partner_file(r: Reading, path: Path) -> None:
    """Read the separate partner table into ``r``."""
    r.partners, r.partners_file, pdecimal = _read_partner_file(
        path, encoding=r.encoding, sheet=r.partners_sheet, report=r.report, decimal=r.decimal)
    r.meta["files"]["partners"] = str(path)
    if pdecimal == ",":
        r.meta["partners_decimal"] = ","


def _projected(r: Reading, fmt: str, *, partner_col: str | None, group_col: str | None,
               year_col: str | None, end_col: str | None, projection: str,
               projection_output: str,
               max_group_size: int | None, auto_add_partners: bool, strict: bool,
               skip_bad_rows: bool, directed: bool | None, settings: dict) -> Ecosystem:
    """The ecosystem of a participation table (partner x project), projected."""
    explicit, part_df = r.explicit, r.partners
    proj = project_affiliations(
        r.relations, partner_col=partner_col, group_col=group_col,
        year_col=year_col, end_col=end_col, weighting=projection, output=projection_output,
        max_group_size=max_group_size, file=r.relations_file, strict=strict, report=r.report,
        skip_bad_rows=skip_bad_rows,
        # --name-col / --sector-col name the participation table's own columns here
        name_col=explicit.get("name") if part_df is None else None,
        sector_col=explicit.get("sector") if part_df is None else None)
    p = proj.partners
    if part_df is not None and fmt in ("pajek", "ucinet"):
        # the file's first-mode vertices: keep those without any group as isolates
        p = merge_partner_table(p, part_df, file=r.partners_file, columns={"id": "id"},
                                auto_add_partners=True, strict=strict, report=r.report)
    elif part_df is not None:
        p = merge_partner_table(p, part_df, file=r.partners_file,
                                columns={k: v for k, v in explicit.items()
                                         if k in S.PARTNER_ALIASES},
                                auto_add_partners=auto_add_partners, strict=strict,
                                report=r.report)
    r.meta["affiliation"] = proj.info
    settings["metadata"].setdefault("source", r.meta)
    return Ecosystem(p, proj.relations, directed=bool(directed), report=r.report, **settings)


def _direction(r: Reading, relations: pd.DataFrame) -> bool | None:
    """The direction the file declares, else whether every relation is marked Directed
    (a mix is reported and analysed as undirected)."""
    if r.directed is not None or "directed" not in relations.columns:
        return r.directed
    flags = relations["directed"].map(
        lambda v: str(v).strip().lower() in ("true", "1", "yes", "directed"))
    if len(flags) and flags.all():
        return True
    if flags.any():
        r.report.problems.append(Problem(
            f"{int(flags.sum())} of {len(flags)} relations are marked Directed, the others "
            "Undirected; analysed as undirected (pass --directed to keep direction)",
            file=r.relations_file, severity="info", code="mixed_direction"))
    return None


def find_in_folder(folder: Path) -> tuple[Path, Path | None]:
    """The relations file and the partner file (or None) in a folder.

    Files are recognised by name: ``relations``/``edges``/``links``/``ties``/``관계``... and
    ``partners``/``nodes``/``organisations``/``기관``... with a readable suffix; a folder
    with a single GraphML/GEXF/JSON/XLSX file uses that file.
    """
    readable = {s for name in ("table", "excel", "graphml", "gexf", "json")
                for s in FORMAT_REGISTRY[name].suffixes}
    files = sorted(p for p in folder.iterdir() if p.is_file() and _suffix(p) in readable)

    def pick(aliases):
        keys = [S.normalise_header(a) for a in aliases]
        ranked = [(keys.index(S.normalise_header(p.name.split(".")[0])), str(p), p) for p in files
                  if S.normalise_header(p.name.split(".")[0]) in keys]
        return min(ranked)[2] if ranked else None

    relations = pick(RELATION_SHEET_ALIASES)
    partners = pick(PARTNER_SHEET_ALIASES)
    if relations is None:
        graphs = [p for p in files if _suffix(p) in (".graphml", ".gexf", ".json", ".xlsx")]
        if len(graphs) == 1:
            return graphs[0], None
        raise InputDataError([Problem(
            "folder has no relations file (named relations/edges/links/ties/관계 with suffix "
            "csv, tsv, txt, xlsx, graphml, gexf or json); files: "
            f"{', '.join(p.name for p in files) or '(none)'}", file=str(folder),
            code="missing_file")])
    return relations, partners


def _is_dataset(name: Any) -> bool:
    return isinstance(name, str) and resolve_name(name) is not None


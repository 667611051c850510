"""The data-loading options, defined once: command-line option, configuration key, loader keyword.

Every row of :data:`LOAD_OPTIONS` is one setting of how DATA is read. The CLI builds its
``--...`` options from the rows (``ecosystem.cli.options``), the configuration maps its
``data.*`` / ``columns.*`` keys to the same names (``ecosystem.config``), and
:func:`loader_kwargs` turns values by name into the keywords of
:func:`ecosystem.io.readers.load` — so a new data option is one new row.

Examples
--------
>>> option("source_col").config, option("source_col").loader
('columns.source', 'columns.source')
>>> loader_kwargs({"source_col": "From", "no_auto_add": True, "delimiter": "semicolon",
...                "sheet": "2", "aggregate": "sum"})
{'columns': {'source': 'From'}, 'aggregate': 'sum', 'auto_add_partners': False, 'sheet': 2, 'delimiter': ';'}
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping


def delimiter_value(value: str | None) -> str | None:
    """A delimiter by name (comma, semicolon, tab, pipe, whitespace) or as itself.

    Examples
    --------
    >>> delimiter_value("tab"), delimiter_value(";"), delimiter_value(" ")
    ('\\t', ';', '\\\\s+')
    """
    names = {"comma": ",", "semicolon": ";", "tab": "\t", "\\t": "\t", "pipe": "|",
             "space": r"\s+", "whitespace": r"\s+", " ": r"\s+"}
    if value is None:
        return None
    return names.get(value.strip().lower() if value.strip() else value, value)


def sheet_value(value: Any) -> Any:
    """An Excel sheet: a number given as text becomes the number (``"2"`` -> ``2``)."""
    return int(value) if isinstance(value, str) and value.isdigit() else value


@dataclass(frozen=True)
class LoadOption:
    """One data-loading setting.

    ``name`` is the parameter name (``source_col``); ``flags`` the command-line spelling
    (empty: configuration only); ``config`` the configuration key; ``loader`` the keyword
    of :func:`ecosystem.io.readers.load` (``columns.X``: key X of its ``columns`` mapping;
    ``None``: the caller handles it); ``kind`` one of text, flag (``--x``), switch
    (``--x/--no-x``), choice, int; ``negate``: the option is the opposite of the
    configuration/loader value (``--no-auto-add`` = ``auto_add_partners: false``).
    """

    name: str
    flags: tuple[str, ...]
    config: str
    loader: str | None
    kind: str = "text"
    default: Any = None
    help: str = ""
    metavar: str | None = None
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    multiple: bool = False
    show_default: bool = False
    negate: bool = False
    convert: Callable[[Any], Any] | None = None


def _col(name: str, table: str, key: str, help: str) -> LoadOption:
    return LoadOption(name, (f"--{name.replace('_', '-')}",), f"columns.{key}",
                      f"columns.{key}" if table == "relations/partners" else name,
                      metavar="COL", help=help)


RP = "relations/partners"

LOAD_OPTIONS: tuple[LoadOption, ...] = (
    LoadOption("partners", ("--partners", "-p"), "data.partners", None, metavar="FILE",
               help="Partner table (CSV/TSV/XLSX). Optional: partners default to the ids relations name."),
    LoadOption("encoding", ("--encoding",), "data.encoding", "encoding", metavar="NAME",
               help="Text encoding (utf-8, utf-8-sig, cp949, euc-kr, latin-1). Default: detected."),
    _col("source_col", RP, "source", "Relations column with the first partner id."),
    _col("target_col", RP, "target", "Relations column with the second partner id."),
    _col("type_col", RP, "type", "Relations column with the relation type."),
    _col("weight_col", RP, "weight", "Relations column with the raw weight."),
    _col("date_col", RP, "date", "Relations column with the date."),
    _col("id_col", RP, "id", "Partners column with the partner id."),
    _col("name_col", RP, "name", "Partners column with the display name (with --affiliation: the participation table's organisation-name column)."),
    _col("sector_col", RP, "sector", "Partners column with the sector (with --affiliation: the participation table's own sector/type column)."),
    LoadOption("names", ("--names",), "data.names", None, metavar="FILE",
               help="Table id,name[,sector,country...] joined onto the partners by id (names for id-only data such as CORDIS PICs)."),
    LoadOption("directed", ("--directed/--undirected",), "data.directed", "directed", kind="switch",
               help="Relations have a direction (investor -> startup). Default: from the file "
                    "(GraphML/GEXF/JSON, Gephi's Type column), else undirected."),
    LoadOption("aggregate", ("--aggregate",), "data.aggregate", "aggregate", kind="choice",
               choices=("sum", "max", "mean", "count"), default="sum", show_default=True,
               help="How several relations between one pair become one tie."),
    LoadOption("type_weights", ("--type-weight",), "strength.type_weights", None, multiple=True,
               metavar="TYPE=W",
               help="Strength multiplier per relation type, e.g. --type-weight 'joint R&D=3'. Repeatable."),
    LoadOption("strict", ("--strict",), "data.strict", "strict", kind="flag", default=False,
               help="Treat warnings (merged duplicates, dropped self-loops, added partners) as errors."),
    LoadOption("no_auto_add", ("--no-auto-add",), "data.auto_add_partners", "auto_add_partners",
               kind="flag", default=False, negate=True,
               help="Fail when a relation names a partner missing from the partner table (default: add it, with a warning)."),
    LoadOption("sheet", ("--sheet",), "data.sheet", "sheet", metavar="NAME", convert=sheet_value,
               help="Excel: relations sheet (name or number). Default: a sheet named relations/edges/links/관계."),
    LoadOption("partners_sheet", ("--partners-sheet",), "data.partners_sheet", "partners_sheet",
               metavar="NAME", convert=sheet_value,
               help="Excel: partners sheet (name or number). Default: a sheet named partners/nodes/organisations/기관."),
    LoadOption("affiliation", ("--affiliation/--no-affiliation",), "data.affiliation", "affiliation",
               kind="switch",
               help="DATA is a partner x project participation table: project it to partner ties "
                    "(default: detected for CORDIS rcn/pic tables and bundled affiliation data)."),
    _col("partner_col", "affiliation", "partner", "Affiliation: column with the partner id (e.g. pic)."),
    _col("group_col", "affiliation", "group", "Affiliation: column with the project id (e.g. rcn)."),
    _col("year_col", "affiliation", "year", "Affiliation: column with the project year (e.g. start_year)."),
    _col("end_col", "affiliation", "end", "Affiliation: column with the project's end, a year or a date (e.g. end_year): finished projects leave the evolution's snapshots."),
    LoadOption("projection", ("--projection",), "data.projection", "projection", kind="choice",
               choices=("count", "newman"), default="count", show_default=True,
               help="Affiliation weighting: shared projects, or Newman's sum of 1/(n_p - 1)."),
    LoadOption("projection_output", ("--projection-output",), "data.projection_output",
               "projection_output", kind="choice", choices=("relations", "ties"),
               default="relations", show_default=True,
               help="Affiliation: one relation per shared project, or one per pair (smaller)."),
    LoadOption("max_group_size", ("--max-group-size",), "data.max_group_size", "max_group_size",
               kind="int", minimum=2, metavar="N",
               help="Affiliation: skip (and report) projects with more than N members."),
    LoadOption("delimiter", ("--delimiter",), "data.delimiter", "delimiter", metavar="CHAR",
               convert=delimiter_value,
               help="Text tables: column separator (',', ';', tab, '|', whitespace). Default: detected."),
    LoadOption("decimal", ("--decimal",), "data.decimal", "decimal", kind="choice",
               choices=(".", ","),
               help="Decimal separator of numbers in text tables. Default '.': then '1,250' is "
                    "1250 and '1,5' is an error; ',' reads '1,5' as 1.5 and '1.250,5' as 1250.5."),
    LoadOption("date_order", ("--date-order",), "data.date_order", "date_order", kind="choice",
               choices=("dmy", "mdy"),
               help="Numeric dates like 03/04/2024: dmy (day first) or mdy (month first). "
                    "Default: from the column; dates whose order stays unknown are errors."),
    LoadOption("skip_bad_rows", ("--skip-bad-rows",), "data.skip_bad_rows", "skip_bad_rows",
               kind="flag",
               help="Leave out rows whose ids, weight or dates cannot be read (each listed with "
                    "file, row, column, reason) and analyse the rest. Default: such rows are errors."),
    LoadOption("full_paths", ("--full-paths",), "report.full_paths", "full_paths", kind="flag",
               help="Name input files by their full path in messages and reports (default: "
                    "relative to the working folder, or the file name alone)."),
    LoadOption("distance", (), "data.distance", "distance", kind="choice",
               choices=("inverse", "unit")),
)
"""Every data-loading setting, in the order ``--help`` lists them."""

NAMES: tuple[str, ...] = tuple(o.name for o in LOAD_OPTIONS)
"""The parameter names of the data options (command line and Python)."""


def option(name: str) -> LoadOption:
    """The row called ``name``."""
    for row in LOAD_OPTIONS:
        if row.name == name:
            return row
    raise KeyError(name)


def loader_kwargs(values: Mapping[str, Any]) -> dict[str, Any]:
    """Keywords of :func:`ecosystem.io.readers.load` from option values by name.

    ``None`` (and a switched-off ``negate`` flag) means "not given": the keyword is left
    out and the loader's default applies. Rows without a loader keyword (``partners``,
    ``names``, ``type_weights``) are the caller's.
    """
    out: dict[str, Any] = {}
    columns: dict[str, str] = {}
    for row in LOAD_OPTIONS:
        value = values.get(row.name)
        if row.loader is None or value is None:
            continue
        if row.negate:
            if not value:
                continue
            value = not value
        if row.convert is not None:
            value = row.convert(value)
        if row.loader.startswith("columns."):
            if value:
                columns[row.loader[len("columns."):]] = value
        else:
            out[row.loader] = value
    if columns:
        out = {"columns": columns, **out}
    return out


__all__ = ["LOAD_OPTIONS", "LoadOption", "NAMES", "delimiter_value", "loader_kwargs", "option",
           "sheet_value"]

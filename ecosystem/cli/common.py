"""Options and helpers shared by every CLI command.

Commands stack :func:`data_options` (how to read the input) and :func:`format_option`,
call :func:`load_ecosystem` and print with :func:`emit`. User errors
(:class:`~ecosystem.exceptions.EcosystemError`) become a message on stderr and exit
code 2 via :func:`handle_errors`; no traceback is shown for them.
"""
from __future__ import annotations

import functools
import json
import sys
from typing import Any, Callable

import click
import pandas as pd

from ..exceptions import EcosystemError, InputDataError
from ..model import Ecosystem, StrengthRule


def handle_errors(func: Callable) -> Callable:
    """Turn EcosystemError, and operating-system errors (permissions, a full disk, a path
    that is not a folder), into 'Error: ...' on stderr and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except EcosystemError as err:
            click.echo(f"Error: {err}", err=True)
            sys.exit(err.exit_code)
        except OSError as err:  # permissions, a full disk, a path that is not a folder
            click.echo(f"Error: {os_error_text(err)}", err=True)
            sys.exit(2)

    return wrapper


def os_error_text(err: OSError) -> str:
    """``cannot use 'PATH': REASON`` for an operating-system error (no traceback).

    Examples
    --------
    >>> os_error_text(PermissionError(13, "Permission denied", "/x/report"))
    "cannot use '/x/report': Permission denied"
    """
    path = err.filename if err.filename is not None else "a file"
    reason = err.strerror or str(err) or type(err).__name__
    extra = f" -> {err.filename2!r}" if getattr(err, "filename2", None) else ""
    return f"cannot use {str(path)!r}{extra}: {reason}"


def rows_text(report: Any) -> str:
    """``relations: 2,931 rows read = 3 skipped + 0 dropped + 2,928 used; ...``"""
    return "; ".join(f"{table}: {c['read']:,} rows read = {c['skipped']:,} skipped + "
                     f"{c['dropped']:,} dropped (self-loops, merged duplicates) + {c['used']:,} used"
                     for table, c in report.rows.items())


def echo_skipped(report: Any, *, err: bool = True) -> None:
    """List every row ``--skip-bad-rows`` left out (file, row, column, reason) and the counts."""
    skipped = report.skipped()
    if not skipped:
        return
    click.echo(f"Skipped {len(skipped):,} row{'s' if len(skipped) != 1 else ''} that could not "
               f"be read (--skip-bad-rows); {rows_text(report)}:", err=err)
    for s in skipped:
        where = ", ".join(x for x in (s["file"] or "", f"row {s['row']}",
                                      f"column '{s['column']}'" if s["column"] else "") if x)
        value = f" (value: {s['value']!r})" if s["value"] not in (None, "") else ""
        click.echo(f"  - {where}: {s['reason']}{value}", err=err)


def _parse_type_weights(values: tuple[str, ...]) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in values:
        if "=" not in item:
            raise click.BadParameter(f"expected TYPE=NUMBER, got {item!r}", param_hint="--type-weight")
        key, _, num = item.rpartition("=")
        try:
            out[key.strip()] = float(num)
        except ValueError:
            raise click.BadParameter(f"expected TYPE=NUMBER, got {item!r}",
                                     param_hint="--type-weight") from None
    return out


def _delimiter(value: str | None) -> str | None:
    names = {"comma": ",", "semicolon": ";", "tab": "\t", "\\t": "\t", "pipe": "|",
             "space": r"\s+", "whitespace": r"\s+", " ": r"\s+"}
    if value is None:
        return None
    return names.get(value.strip().lower() if value.strip() else value, value)


def data_options(func: Callable) -> Callable:
    """The DATA argument and every option about reading it."""
    options = [
        click.argument("data", metavar="DATA"),
        click.option("--partners", "-p", "partners", default=None, metavar="FILE",
                     help="Partner table (CSV/TSV/XLSX). Optional: partners default to the ids relations name."),
        click.option("--encoding", default=None, metavar="NAME",
                     help="Text encoding (utf-8, utf-8-sig, cp949, euc-kr, latin-1). Default: detected."),
        click.option("--source-col", default=None, metavar="COL", help="Relations column with the first partner id."),
        click.option("--target-col", default=None, metavar="COL", help="Relations column with the second partner id."),
        click.option("--type-col", default=None, metavar="COL", help="Relations column with the relation type."),
        click.option("--weight-col", default=None, metavar="COL", help="Relations column with the raw weight."),
        click.option("--date-col", default=None, metavar="COL", help="Relations column with the date."),
        click.option("--id-col", default=None, metavar="COL", help="Partners column with the partner id."),
        click.option("--name-col", default=None, metavar="COL", help="Partners column with the display name."),
        click.option("--sector-col", default=None, metavar="COL", help="Partners column with the sector."),
        click.option("--directed/--undirected", default=None,
                     help="Relations have a direction (investor -> startup). Default: from the file "
                          "(GraphML/GEXF/JSON, Gephi's Type column), else undirected."),
        click.option("--aggregate", type=click.Choice(["sum", "max", "mean", "count"]), default="sum",
                     show_default=True, help="How several relations between one pair become one tie."),
        click.option("--type-weight", "type_weights", multiple=True, metavar="TYPE=W",
                     help="Strength multiplier per relation type, e.g. --type-weight 'joint R&D=3'. Repeatable."),
        click.option("--strict", is_flag=True, help="Treat warnings (merged duplicates, dropped self-loops, added partners) as errors."),
        click.option("--no-auto-add", is_flag=True,
                     help="Fail when a relation names a partner missing from the partner table (default: add it, with a warning)."),
        click.option("--sheet", default=None, metavar="NAME",
                     help="Excel: relations sheet (name or number). Default: a sheet named relations/edges/links/관계."),
        click.option("--partners-sheet", default=None, metavar="NAME",
                     help="Excel: partners sheet (name or number). Default: a sheet named partners/nodes/organisations/기관."),
        click.option("--affiliation/--no-affiliation", default=None,
                     help="DATA is a partner x project participation table: project it to partner ties "
                          "(default: detected for CORDIS rcn/pic tables and bundled affiliation data)."),
        click.option("--partner-col", default=None, metavar="COL", help="Affiliation: column with the partner id (e.g. pic)."),
        click.option("--group-col", default=None, metavar="COL", help="Affiliation: column with the project id (e.g. rcn)."),
        click.option("--year-col", default=None, metavar="COL", help="Affiliation: column with the project year (e.g. start_year)."),
        click.option("--projection", type=click.Choice(["count", "newman"]), default="count", show_default=True,
                     help="Affiliation weighting: shared projects, or Newman's sum of 1/(n_p - 1)."),
        click.option("--projection-output", type=click.Choice(["relations", "ties"]), default="relations",
                     show_default=True, help="Affiliation: one relation per shared project, or one per pair (smaller)."),
        click.option("--max-group-size", type=click.IntRange(min=2), default=None, metavar="N",
                     help="Affiliation: skip (and report) projects with more than N members."),
        click.option("--delimiter", default=None, metavar="CHAR",
                     help="Text tables: column separator (',', ';', tab, '|', whitespace). Default: detected."),
        click.option("--decimal", type=click.Choice([".", ","]), default=None,
                     help="Decimal separator of numbers in text tables. Default '.': then '1,250' is "
                          "1250 and '1,5' is an error; ',' reads '1,5' as 1.5 and '1.250,5' as 1250.5."),
        click.option("--date-order", type=click.Choice(["dmy", "mdy"]), default=None,
                     help="Numeric dates like 03/04/2024: dmy (day first) or mdy (month first). "
                          "Default: from the column; dates whose order stays unknown are errors."),
        click.option("--skip-bad-rows", is_flag=True, default=None,
                     help="Leave out rows whose ids, weight or dates cannot be read (each listed with "
                          "file, row, column, reason) and analyse the rest. Default: such rows are errors."),
        click.option("--full-paths", is_flag=True, default=None,
                     help="Name input files by their full path in messages and reports (default: "
                          "relative to the working folder, or the file name alone)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


DATA_OPTION_NAMES = ("data", "partners", "encoding", "source_col", "target_col", "type_col",
                     "weight_col", "date_col", "id_col", "name_col", "sector_col", "directed",
                     "aggregate", "type_weights", "strict", "no_auto_add", "sheet", "partners_sheet",
                     "affiliation", "partner_col", "group_col", "year_col", "projection",
                     "projection_output", "max_group_size", "delimiter", "decimal", "skip_bad_rows",
                     "full_paths", "date_order")


def pop_data_options(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Remove the data options from a command's kwargs and return them."""
    return {k: kwargs.pop(k) for k in DATA_OPTION_NAMES if k in kwargs}


def load_ecosystem(data: str, partners: str | None = None, *, encoding: str | None = None,
                   source_col: str | None = None, target_col: str | None = None,
                   type_col: str | None = None, weight_col: str | None = None,
                   date_col: str | None = None, id_col: str | None = None,
                   name_col: str | None = None, sector_col: str | None = None,
                   directed: bool | None = False, aggregate: str = "sum",
                   type_weights: tuple[str, ...] = (), strict: bool = False,
                   no_auto_add: bool = False, sheet: str | None = None,
                   partners_sheet: str | None = None, affiliation: bool | None = None,
                   partner_col: str | None = None, group_col: str | None = None,
                   year_col: str | None = None, projection: str = "count",
                   projection_output: str = "relations",
                   max_group_size: int | None = None,
                   delimiter: str | None = None, decimal: str | None = None,
                   skip_bad_rows: bool | None = None,
                   full_paths: bool | None = None,
                   date_order: str | None = None) -> Ecosystem:
    """Load DATA (a file or a bundled dataset name) with the CLI's options."""
    from ..io.readers import load

    columns = {"source": source_col, "target": target_col, "type": type_col,
               "weight": weight_col, "date": date_col, "id": id_col, "name": name_col,
               "sector": sector_col}
    rule = StrengthRule(type_weights=_parse_type_weights(tuple(type_weights)))
    return load(data, partners, encoding=encoding,
                columns={k: v for k, v in columns.items() if v},
                auto_add_partners=not no_auto_add, strict=strict, strength_rule=rule,
                directed=directed, aggregate=aggregate, sheet=sheet, partners_sheet=partners_sheet,
                affiliation=affiliation, partner_col=partner_col, group_col=group_col,
                year_col=year_col, projection=projection, projection_output=projection_output,
                max_group_size=max_group_size, delimiter=_delimiter(delimiter), decimal=decimal,
                skip_bad_rows=bool(skip_bad_rows), full_paths=bool(full_paths),
                date_order=date_order)


def format_option(func: Callable) -> Callable:
    return click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
                        default="table", show_default=True, help="Output format.")(func)




def to_json(payload: Any) -> str:
    """JSON text for machine output: NaN -> null, numpy -> Python, UTF-8 kept."""
    from ..render.summary import jsonable

    return json.dumps(jsonable(payload), ensure_ascii=False, indent=2)


def emit(table: pd.DataFrame, fmt: str, *, payload: dict[str, Any] | None = None,
         title: str | None = None) -> None:
    """Print a table as text, CSV or JSON (``payload`` adds provenance to the JSON)."""
    if fmt == "json":
        data = dict(payload or {})
        data.setdefault("rows", table)
        click.echo(to_json(data))
    elif fmt == "csv":
        from ..render.safe import neutralise_frame

        click.echo(neutralise_frame(table).to_csv(index=False), nl=False)
    else:
        if title:
            click.echo(title)
        if table.empty:
            click.echo("(none)")
            return
        with pd.option_context("display.max_rows", 500, "display.max_columns", 50,
                               "display.width", 200, "display.max_colwidth", 60):
            click.echo(table.to_string(index=False, float_format=lambda v: f"{v:.4g}"))


__all__ = ["InputDataError", "data_options", "format_option", "emit", "handle_errors",
           "load_ecosystem", "pop_data_options", "to_json"]

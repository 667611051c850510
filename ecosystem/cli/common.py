"""Helpers shared by the CLI commands: error handling and printing.

Commands take their options from :mod:`ecosystem.cli.options`, load DATA with
``source.load()`` and print with :func:`emit`. User errors
(:class:`~ecosystem.exceptions.EcosystemError`) become a message on stderr and exit
code 2 via :func:`handle_errors`; no traceback is shown for them.
"""
from __future__ import annotations

import functools
import json
import sys
import warnings
from contextlib import contextmanager
from typing import Any, Callable

import click
import pandas as pd

from ..exceptions import EcosystemError, EcosystemWarning


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
        from ..io.safe import neutralise_frame

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


def data_info(eco) -> dict[str, Any]:
    """The ``data`` block of a command's JSON: name, sizes and the loading settings."""
    return {"name": eco.name, "partners": eco.n_partners, "relations": eco.n_relations,
            "ties": eco.n_ties, **eco.settings()}


def sampling_note(cres) -> str:
    """How betweenness/closeness were computed (exact, or a sampled estimate)."""
    if not cres.sampled:
        return "betweenness/closeness: exact"
    p = cres.params
    return (f"betweenness/closeness: SAMPLED ESTIMATE ({p['n_samples']} source partners per "
            f"large component, seed {p['seed']}; use --exact for exact values)")


def read_text(eco, *, encoding: bool = True) -> str:
    """How the input was read: format, encoding, delimiter, sheets, projection."""
    source = eco.metadata.get("source") or {}
    parts = []
    fmt = source.get("format")
    if fmt:
        parts.append(fmt if fmt != "table" else "text table")
    enc = eco.report.encoding
    if enc and encoding:
        parts.append("encoding " + ", ".join(f"{k} {v}" for k, v in enc.items()))
    if source.get("delimiter"):
        parts.append(f"{source['delimiter']}-separated")
    if source.get("sheets"):
        sheets = source["sheets"]
        parts.append("sheets " + ", ".join(f"{k} '{v}'" for k, v in sheets.items() if v))
    aff = source.get("affiliation")
    if aff:
        parts.append(f"affiliation projected by {aff['partner_col']} x {aff['group_col']} "
                     f"({aff['weighting']}; {aff['projects']:,} projects, "
                     f"{aff['participations']:,} participations)")
    return "; ".join(parts)


def _join(values, limit: int | None) -> str:
    items = [str(v) for v in values]
    if limit is not None and len(items) > limit:
        return "; ".join(items[:limit]) + "; ..."
    return "; ".join(items)


def flat(frame: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """Lists in cells -> '; '-joined text (all items for CSV, ``limit`` for tables)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, (list, tuple))).any():
            out[col] = out[col].map(lambda v: _join(v, limit) if isinstance(v, (list, tuple)) else v)
    return out


def with_id(frame: pd.DataFrame) -> pd.DataFrame:
    """The ``id`` index as a column."""
    if frame.index.name == "id":
        return frame.reset_index()
    return frame


def emit_sections(sections: list[tuple[str, str, pd.DataFrame]], fmt: str, payload: dict) -> None:
    """Several tables: titled blocks (table), '# name' separated blocks (csv), one JSON."""
    if fmt == "json":
        click.echo(to_json(payload))
        return
    for i, (key, title, table) in enumerate(sections):
        if fmt == "csv":
            if len(sections) > 1:
                click.echo(("\n" if i else "") + f"# {key}")
            emit(flat(table), "csv")
        else:
            if i:
                click.echo("")
            emit(flat(table, limit=5), "table", title=title)



@contextmanager
def undated_reported_here():
    """The command prints the undated-relations note itself: silence the warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EcosystemWarning)
        yield


@contextmanager
def warnings_as_notes():
    """Print each :class:`EcosystemWarning` raised inside as one ``note: ...`` line on
    stderr (once per message), not as Python's warning with a source line; other
    warnings are shown as usual."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", EcosystemWarning)
        try:
            yield
        finally:
            said: set[str] = set()
            for w in caught:
                if issubclass(w.category, EcosystemWarning):
                    if str(w.message) not in said:
                        said.add(str(w.message))
                        click.echo(f"note: {w.message}", err=True)
                else:
                    warnings.showwarning(w.message, w.category, w.filename, w.lineno)


def show(title: str, table: pd.DataFrame, limit: int | None = None) -> None:
    """A titled table after a blank line, cut at ``limit`` rows (saying how many more)."""
    click.echo("")
    shown = table if limit is None else table.head(limit)
    emit(shown, "table", title=title)
    if limit is not None and len(table) > limit:
        click.echo(f"... {len(table) - limit} more rows (use --format json or --table)")



def run_overrides(source: Any, cfg: Any, flags: dict[str, Any]) -> dict[str, Any]:
    """Configuration overrides of a full run (analyze, export): the data options the user
    gave (``source``, a :class:`~ecosystem.cli.options.DataSource`), then every flag that
    is not ``None``."""
    out = source.config_overrides(cfg.values["strength"]["type_weights"])
    for key, value in flags.items():
        if value is not None:
            out[key] = value
    return out


def run_progress(quiet: bool, verbose: bool):
    """The progress display of a run (stderr; none with ``--quiet``)."""
    from ..progress import Progress

    return Progress(quiet=quiet, verbose=verbose)


__all__ = ["data_info", "echo_skipped", "emit", "emit_sections", "flat", "handle_errors",
           "os_error_text", "read_text", "rows_text", "run_overrides", "run_progress", "sampling_note", "show", "to_json", "undated_reported_here", "warnings_as_notes",
           "with_id"]

"""``ecosystem analyze``, ``init``, ``batch`` and ``export``: from spreadsheets to a report.

Settings come from (lowest first) the built-in defaults, a YAML file (``--config``) and
command-line flags. Progress goes to stderr (a bar on a terminal, nothing when piped or
with ``--quiet``); results and ``--format json`` go to stdout.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import click
import pandas as pd

from .common import data_options, emit, handle_errors, pop_data_options, to_json

LANGS = ("en", "ko")
COMMUNITY_METHODS = ("leiden", "louvain", "label_propagation")

# CLI data option -> configuration key
DATA_KEYS = {"partners": "data.partners", "encoding": "data.encoding",
             "directed": "data.directed", "aggregate": "data.aggregate", "strict": "data.strict",
             "source_col": "columns.source", "target_col": "columns.target",
             "type_col": "columns.type", "weight_col": "columns.weight",
             "date_col": "columns.date", "id_col": "columns.id", "name_col": "columns.name",
             "sector_col": "columns.sector", "sheet": "data.sheet",
             "partners_sheet": "data.partners_sheet", "affiliation": "data.affiliation",
             "partner_col": "columns.partner", "group_col": "columns.group",
             "year_col": "columns.year", "projection": "data.projection",
             "projection_output": "data.projection_output",
             "max_group_size": "data.max_group_size", "delimiter": "data.delimiter",
             "decimal": "data.decimal", "skip_bad_rows": "data.skip_bad_rows",
             "full_paths": "report.full_paths",
             "names": "data.names", "date_order": "data.date_order"}


def _optional_data(func: Callable) -> Callable:
    """:func:`data_options` with DATA optional (``--demo`` or ``data.relations`` instead)."""
    func = data_options(func)
    for param in getattr(func, "__click_params__", []):
        if isinstance(param, click.Argument) and param.name == "data":
            param.required = False
            param.metavar = "[DATA]"
    return func


def _run_options(func: Callable) -> Callable:
    options = [
        click.option("--config", "-c", "config_path", type=click.Path(dir_okay=False),
                     default=None, metavar="FILE",
                     help="YAML configuration (see `ecosystem init`); flags override it."),
        click.option("--seed", type=int, default=None,
                     help="Seed for every random step (default 0)."),
        click.option("--method", type=click.Choice(COMMUNITY_METHODS), default=None,
                     help="Community detection algorithm (default leiden)."),
        click.option("--resolution", type=float, default=None,
                     help="Community resolution: > 1 gives more, smaller communities (default 1)."),
        click.option("--cpus", type=click.IntRange(min=1), default=None, metavar="N",
                     help="Processes for independent steps and outputs (default: every "
                          "available core; 1 = serial). Results are the same either way."),
        click.option("--quiet", "-q", is_flag=True, help="No progress display."),
        click.option("--verbose", "-v", is_flag=True, help="Log each step with its duration (stderr)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _overrides(ctx: click.Context, data_opts: dict[str, Any], cfg_type_weights: dict[str, float],
               **flags: Any) -> dict[str, Any]:
    """Configuration overrides from the flags the user actually gave."""
    from click.core import ParameterSource

    from .common import _parse_type_weights

    out: dict[str, Any] = {}
    for opt, key in DATA_KEYS.items():
        src = ctx.get_parameter_source(opt)
        if src in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT):
            out[key] = data_opts.get(opt)
    if data_opts.get("no_auto_add"):
        out["data.auto_add_partners"] = False
    if data_opts.get("type_weights"):
        weights = dict(cfg_type_weights)
        weights.update(_parse_type_weights(tuple(data_opts["type_weights"])))
        out["strength.type_weights"] = weights
    for key, value in flags.items():
        if value is not None:
            out[key] = value
    return out


def _progress(quiet: bool, verbose: bool):
    from ..progress import Progress

    return Progress(quiet=quiet, verbose=verbose)


def _kpi_frame(kpis: dict[str, Any]) -> pd.DataFrame:
    from ..render.summary import fmt

    return pd.DataFrame({"indicator": list(kpis), "value": [fmt(v) for v in kpis.values()]})


# ---------------------------------------------------------------------- analyze
@click.command("analyze")
@_optional_data
@click.option("--demo", is_flag=True, help="Analyse the bundled demo ecosystem (DATA not needed).")
@click.option("--output", "-o", default=None, metavar="DIR",
              help="Report folder (default reports/<data name>/). Replaced atomically.")
@click.option("--lang", type=click.Choice(LANGS), default=None,
              help="Report language: en (default) or ko (Korean).")
@click.option("--period", default=None, metavar="LABEL",
              help="Analyse the ecosystem as it was in one period of dated relations, e.g. 2021.")
@click.option("--name", "eco_name", default=None,
              help="Ecosystem name shown in the report (default: the file or dataset name).")
@click.option("--title", default=None, help="Report title (default: 'Ecosystem report: NAME').")
@click.option("--top", type=click.IntRange(min=1), default=None,
              help="Anchor partners listed (default 10).")
@click.option("--stability-runs", type=click.IntRange(min=0), default=None,
              help="Re-runs with other seeds to measure community stability (0 = skip; default 10).")
@click.option("--survey", "survey", default=None, metavar="FILE",
              help="Partner survey (CSV/XLSX; trust and value per relationship, see docs/trust.md). "
                   "--demo uses the bundled synthetic survey.")
@click.option("--survey-rule", type=click.Choice(["mean", "min", "max", "respondent"]),
              default=None, help="How a tie's two ratings become one (default mean).")
@click.option("--non-response", type=click.Choice(["use", "exclude", "mutual"]), default=None,
              help="Ties to organisations that did not answer: use their partners' reports "
                   "(default), exclude them, or score mutual ties only.")
@click.option("--trust-strength", is_flag=True, default=False,
              help="Multiply survey trust into tie strength (anchors and communities on trust).")
@_run_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="What to print: a short summary, or JSON for scripts.")
@handle_errors
def analyze_command(**kwargs: Any) -> None:
    """Run every analysis on DATA and write a report folder.

    \b
    Writes report.html (self-contained, offline, printable), report.md,
    partners.csv, communities.csv, recommendations.csv, summary.json,
    metrics.xlsx, map.html and map.png.

    \b
    Examples:
      ecosystem analyze --demo
      ecosystem analyze relations.csv -p partners.csv -o reports/seoul/ --lang ko
      ecosystem analyze relations.csv --survey survey.xlsx --survey-rule min
      ecosystem analyze --config ecosystem.yaml --seed 3 --format json
    """
    from ..config import resolve_config
    from ..pipeline import analyze, load_data

    ctx = click.get_current_context()
    data_opts = pop_data_options(kwargs)
    data = data_opts.get("data")
    if kwargs["demo"]:
        if data:
            raise click.UsageError("give either DATA or --demo, not both")
        data = "demo"
    cfg = resolve_config(kwargs["config_path"])
    overrides = _overrides(ctx, data_opts, cfg.values["strength"]["type_weights"], **{
        "seed": kwargs["seed"], "cpus": kwargs["cpus"], "communities.method": kwargs["method"],
        "communities.resolution": kwargs["resolution"], "report.lang": kwargs["lang"],
        "report.title": kwargs["title"], "top.anchors": kwargs["top"],
        "data.name": kwargs["eco_name"], "data.period": kwargs["period"],
        "communities.stability_runs": kwargs["stability_runs"],
        "survey.file": kwargs["survey"], "survey.rule": kwargs["survey_rule"],
        "survey.non_response": kwargs["non_response"],
        "survey.factors": ["trust"] if kwargs["trust_strength"] else None})
    if data == "demo" and not kwargs["survey"] and cfg.get("survey.file") is None:
        overrides["survey.file"] = str(demo_survey())  # the first run shows trust and risk
    cfg = cfg.override(overrides)
    if data is None and cfg.get("data.relations") is None:
        raise click.UsageError("give DATA (a relations file or dataset name), --demo, or a "
                               "--config with data.relations")
    progress = _progress(kwargs["quiet"], kwargs["verbose"])
    with progress.step("load"):
        eco = load_data(cfg, data)
    from .common import echo_skipped

    echo_skipped(eco.report)
    analysis = analyze(eco, cfg, progress)
    eco = analysis.eco  # as analysed (a --period snapshot, renamed sectors)
    out = kwargs["output"] or str(Path("reports") / _safe_name(eco.name))
    written = analysis.write_report(out, progress=progress)
    kpis = analysis.kpis()
    if kwargs["fmt"] == "json":
        anchors = []
        if isinstance(analysis.anchors, pd.DataFrame):
            a = analysis.anchors.sort_values("rank") if "rank" in analysis.anchors else analysis.anchors
            anchors = [{"id": str(i), "name": str(r.get("name", i)),
                        "anchor_score": r.get("anchor_score"), "rank": r.get("rank")}
                       for i, r in a.head(cfg.get("top.anchors")).iterrows()]
        click.echo(to_json({"command": "analyze", "name": eco.name, **written, "kpis": kpis,
                            "anchors": anchors, "parameters": analysis.params,
                            "timings": analysis.timings}))
        return
    shown = [f for f in written["files"] if not f.startswith("map_")]
    extra = len(written["files"]) - len(shown)
    click.echo(f"Wrote {written['directory']}/ ({', '.join(shown)}"
               + (f" and {extra} drill-down maps" if extra else "") + ")")
    emit(_kpi_frame(kpis), "table")
    if isinstance(analysis.anchors, pd.DataFrame) and len(analysis.anchors):
        a = analysis.anchors.sort_values("rank") if "rank" in analysis.anchors else analysis.anchors
        cols = [c for c in ("rank", "name", "sector", "anchor_score") if c in a]
        emit(a[cols].head(5), "table", title="Top anchor partners:")
    for step, reason in written["notes"].items():
        if "not available" in reason or (kwargs["verbose"] and "switched off" not in reason):
            click.echo(f"note: {step}: {reason}", err=True)


def demo_survey() -> Path:
    """The bundled synthetic partner survey of the demo ecosystem (datasets/demo/)."""
    from ..io.datasets import datasets_dir

    return datasets_dir() / "demo" / "partner_survey_synthetic.csv"


def _safe_name(name: str) -> str:
    """A folder name from an ecosystem name (letters of any script, digits, - _ .)."""
    import re

    keep = re.sub(r"[^\w.-]+", "_", str(name)).strip("._")
    return keep or "ecosystem"


# ---------------------------------------------------------------------- init
@click.command("init")
@click.argument("path", required=False, default="ecosystem.yaml", metavar="[PATH]")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@handle_errors
def init_command(path: str, force: bool, fmt: str) -> None:
    """Write a commented configuration template (default ecosystem.yaml).

    Edit it, then run `ecosystem analyze --config ecosystem.yaml`.
    """
    from ..config import template
    from ..exceptions import InvalidParameterError
    from ..render.safe import write_text_atomic

    target = Path(path)
    if target.is_dir():
        target = target / "ecosystem.yaml"
    if target.exists() and not force:
        raise InvalidParameterError(f"{str(target)!r} already exists (use --force to overwrite)")
    write_text_atomic(target, template(target.name))
    if fmt == "json":
        click.echo(to_json({"command": "init", "path": str(target)}))
    else:
        click.echo(f"Wrote {target}. Edit it, then: ecosystem analyze --config {target}")


# ---------------------------------------------------------------------- batch
@click.command("batch")
@click.argument("batch_file", metavar="BATCH.yaml", type=click.Path(dir_okay=False))
@click.option("--output", "-o", default=None, metavar="DIR",
              help="Folder for the reports and index.html (default: the file's 'output' key, "
                   "else reports/<batch name>/).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Local worker processes running reports in parallel.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Run on a Dask distributed cluster, e.g. tcp://10.0.0.5:8786 "
                   "(needs dask[distributed]; data paths must be readable by the workers).")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of every report.")
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
@click.option("--verbose", "-v", is_flag=True, help="Log each run with its duration (stderr).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@handle_errors
def batch_command(batch_file: str, output: str | None, jobs: int, scheduler: str | None,
                  lang: str | None, quiet: bool, verbose: bool, fmt: str) -> None:
    """Run many ecosystems or scenarios from BATCH.yaml; one report each plus index.html.

    Keeps going past a failing run, lists failures at the end and exits with
    code 2 if any run failed.

    \b
    BATCH.yaml:
      output: reports/regions
      config: base.yaml            # shared settings (optional)
      defaults: {seed: 1}          # shared overrides (optional)
      runs:
        - name: seoul
          data: seoul_relations.csv
          partners: seoul_partners.csv
        - name: busan-2023
          data: busan.csv
          config: {communities: {resolution: 1.2}}
    """
    from ..batch import load_batch, run_batch

    spec = load_batch(batch_file, output=output, lang=lang)
    progress = _progress(quiet, verbose)
    result = run_batch(spec, jobs=jobs, scheduler=scheduler, progress=progress)
    failed = [r for r in result["runs"] if r["status"] != "ok"]
    if fmt == "json":
        click.echo(to_json({"command": "batch", **result}))
    else:
        rows = pd.DataFrame([{"run": r["name"], "status": r["status"],
                              "partners": (r.get("kpis") or {}).get("partners"),
                              "communities": (r.get("kpis") or {}).get("communities"),
                              "seconds": r.get("seconds"),
                              "report": r.get("report") or ""} for r in result["runs"]])
        emit(rows, "table", title=f"Batch {result['name']}: {len(result['runs']) - len(failed)} "
                                   f"ok, {len(failed)} failed -> {result['index']}")
    if failed:
        click.echo(f"{len(failed)} run{'s' if len(failed) != 1 else ''} failed:", err=True)
        for r in failed:
            click.echo(f"  - {r['name']}: {r['error']}", err=True)
        sys.exit(2)


# ---------------------------------------------------------------------- export
@click.command("export")
@data_options
@click.option("--to", "to", type=click.Choice(["gexf", "graphml", "json", "cytoscape", "kumu"]),
              default=None, help="Format (default: from the file suffix).")
@click.option("--output", "-o", required=True, metavar="FILE", help="File to write.")
@_run_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="What to print about the written file.")
@handle_errors
def export_command(**kwargs: Any) -> None:
    """Write the network with every metric, community, role and colour as attributes.

    GEXF (Gephi, with colours, positions and sizes), GraphML (yEd, Cytoscape, igraph),
    node-link JSON (networkx, d3), Cytoscape.js JSON (Cytoscape) or a Kumu import
    workbook (Elements and Connections sheets, .xlsx).

    \b
    Example:
      ecosystem export relations.csv -p partners.csv --to gexf -o network.gexf
    """
    from ..config import OUTPUTS, resolve_config
    from ..pipeline import analyze, load_data
    from ..export import export_graph
    from ..render.folder import output_file

    output_file(kwargs["output"])  # before the analysis: a bad path fails fast (exit 2)

    ctx = click.get_current_context()
    data_opts = pop_data_options(kwargs)
    cfg = resolve_config(kwargs["config_path"])
    overrides = _overrides(ctx, data_opts, cfg.values["strength"]["type_weights"], **{
        "seed": kwargs["seed"], "cpus": kwargs["cpus"], "communities.method": kwargs["method"],
        "communities.resolution": kwargs["resolution"]})
    overrides.update({"communities.stability_runs": 0, "analyses.resilience": False,
                      "analyses.recommendations": False, "analyses.gaps": False,
                      "analyses.evolution": False,
                      **{f"outputs.{o}": False for o in OUTPUTS if o != "map.html"}})
    cfg = cfg.override(overrides)
    progress = _progress(kwargs["quiet"], kwargs["verbose"])
    with progress.step("load"):
        eco = load_data(cfg, data_opts["data"])
    analysis = analyze(eco, cfg, progress)
    path = export_graph(analysis, kwargs["output"], to=kwargs["to"])
    table = analysis.partners_table()
    info = {"command": "export", "path": str(path),
            "format": kwargs["to"] or path.suffix.lstrip("."), "partners": eco.n_partners,
            "ties": eco.n_ties, "node_attributes": ["label", *map(str, table.columns)],
            "edge_attributes": ["weight", "strength", "distance", "count", "types",
                                "same_community", "bridge", "color"],
            "notes": {k: v for k, v in analysis.notes.items() if "switched off" not in v}}
    if kwargs["fmt"] == "json":
        click.echo(to_json(info))
    else:
        click.echo(f"Wrote {path} ({eco.n_partners} partners, {eco.n_ties} ties, "
                   f"{len(info['node_attributes'])} node attributes)")


COMMANDS = [analyze_command, init_command, batch_command, export_command]

"""``ecosystem analyze``: every analysis on DATA, written as a report folder.

Settings come from (lowest first) the built-in defaults, a YAML file (``--config``) and
command-line flags. Progress goes to stderr (a bar on a terminal, nothing when piped or
with ``--quiet``); results and ``--format json`` go to stdout.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import pandas as pd

from .common import (echo_skipped, emit, handle_errors, run_overrides, run_progress, to_json,
                     warnings_as_notes)
from .options import (Command, DataSource, data_options, format_option, lang_option,
                      non_response_option, output_option, run_options, survey_option, top_option)


def _kpi_frame(kpis: dict[str, Any]) -> pd.DataFrame:
    from ..render.summary import fmt

    return pd.DataFrame({"indicator": list(kpis), "value": [fmt(v) for v in kpis.values()]})


@click.command("analyze", cls=Command)
@data_options(required=False)
@click.option("--demo", is_flag=True, help="Analyse the bundled demo ecosystem (DATA not needed).")
@output_option("Report folder (default reports/<data name>/). Replaced atomically.", metavar="DIR")
@lang_option(None, "Report language: en (default) or ko (Korean).")
@click.option("--period", default=None, metavar="LABEL",
              help="Analyse the ecosystem as it was in one period of dated relations, e.g. 2021.")
@click.option("--name", "eco_name", default=None,
              help="Ecosystem name shown in the report (default: the file or dataset name).")
@click.option("--title", default=None, help="Report title (default: 'Ecosystem report: NAME').")
@top_option(None, "Anchor partners listed (default 10).", at_least_one=True)
@click.option("--stability-runs", type=click.IntRange(min=0), default=None,
              help="Re-runs with other seeds to measure community stability (0 = skip; default 10, or 5 above 250,000 ties).")
@survey_option("Partner survey (CSV/XLSX; trust and value per relationship, see docs/trust.md). "
               "--demo uses the bundled synthetic survey.", dest="survey")
@click.option("--survey-rule", type=click.Choice(["mean", "min", "max", "respondent"]),
              default=None, help="How a tie's two ratings become one (default mean).")
@non_response_option(None, "Ties to organisations that did not answer: use their partners' "
                          "reports (default), exclude them, or score mutual ties only.")
@click.option("--trust-strength", is_flag=True, default=False,
              help="Multiply survey trust into tie strength (anchors and communities on trust).")
@run_options
@format_option(("table", "json"), "What to print: a short summary, or JSON for scripts.")
@handle_errors
def analyze_command(source: DataSource, demo: bool, output: str | None, lang: str | None,
                    period: str | None, eco_name: str | None, title: str | None, top: int | None,
                    stability_runs: int | None, survey: str | None, survey_rule: str | None,
                    non_response: str | None, trust_strength: bool, config_path: str | None,
                    seed: int | None, method: str | None, resolution: float | None,
                    cpus: int | None, quiet: bool, verbose: bool, fmt: str) -> None:
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

    data = source.data
    if demo:
        if data:
            raise click.UsageError("give either DATA or --demo, not both")
        data = "demo"
    cfg = resolve_config(config_path)
    overrides = run_overrides(source, cfg, {
        "seed": seed, "cpus": cpus, "communities.method": method,
        "communities.resolution": resolution, "report.lang": lang,
        "report.title": title, "top.anchors": top,
        "data.name": eco_name, "data.period": period,
        "communities.stability_runs": stability_runs,
        "survey.file": survey, "survey.rule": survey_rule,
        "survey.non_response": non_response,
        "survey.factors": ["trust"] if trust_strength else None})
    if data == "demo" and not survey and cfg.get("survey.file") is None:
        overrides["survey.file"] = str(demo_survey())  # the first run shows trust and risk
    cfg = cfg.override(overrides)
    if data is None and cfg.get("data.relations") is None:
        raise click.UsageError("give DATA (a relations file or dataset name), --demo, or a "
                               "--config with data.relations")
    progress = run_progress(quiet, verbose)
    with progress.step("load"):
        eco = load_data(cfg, data)
    echo_skipped(eco.report)
    with warnings_as_notes():  # e.g. undated relations: one plain line, no source line
        analysis = analyze(eco, cfg, progress)
        eco = analysis.eco  # as analysed (a --period snapshot, renamed sectors)
        out = output or str(Path("reports") / _safe_name(eco.name))
        written = analysis.write_report(out, progress=progress)
    kpis = analysis.kpis()
    if fmt == "json":
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
        if "not available" in reason or (verbose and "switched off" not in reason):
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

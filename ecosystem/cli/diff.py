"""``ecosystem diff``: two ecosystems, or two periods of one, compared."""
from __future__ import annotations

from typing import Any

import click
import pandas as pd

from .common import data_info, emit, handle_errors, show, to_json, undated_reported_here
from .options import (Command, DataSource, check_at_least, data_options, format_option,
                      period_analysis_options, snapshot_kwargs, snapshot_options, survey_option,
                      table_option, top_option)

DIFF_TABLES = ("summary", "partners", "ties", "kpis", "anchors", "gaps", "brokers",
               "recommendations", "communities", "trust_network", "trust_partners")


@click.command("diff", cls=Command)
@data_options
@click.argument("data_b", metavar="[DATA_B]", required=False)
@click.option("--partners-b", default=None, metavar="FILE", help="Partner table of DATA_B.")
@click.option("--period", "periods", multiple=True, metavar="LABEL",
              help="Compare two periods of DATA instead of two files: --period 2021 --period 2023.")
@snapshot_options
@period_analysis_options
@top_option(20, "Anchors compared: the top N of either side.")
@click.option("--brokers", type=int, default=10, show_default=True,
              help="Structural-hole brokers compared: the top N of either side.")
@click.option("--recommendations", type=int, default=50, show_default=True, metavar="N",
              help="Partnerships recommended on A checked against B (0: skip).")
@table_option(DIFF_TABLES, "summary")
@survey_option("Partner survey of DATA (with --survey-b: compare the two; alone: its "
               "first and last wave).")
@click.option("--survey-b", "survey_b", default=None, metavar="FILE",
              help="Partner survey of DATA_B (or of the second period).")
@format_option()
@handle_errors
def diff_command(source: DataSource, data_b: str | None, partners_b: str | None,
                 periods: tuple[str, ...], freq: str, bins: str | None, mode: str, window: int,
                 undated: str, all_partners: bool, method: str, resolution: float, seed: int,
                 top: int, brokers: int, recommendations: int, table_name: str | None,
                 survey_file: str | None, survey_b: str | None, fmt: str) -> None:
    """Compare two ecosystems (DATA and DATA_B) or two periods of one (--period twice).

    Lists new and lost partners and ties, KPI changes, anchors that moved, gaps closed
    and opened (missing sectors per community, weakly linked communities, sector gaps,
    structural-hole brokers) and how many partnerships recommended on A came true in B.
    """
    from ..analysis.compare import compare, compare_periods

    periods = list(periods)
    if periods and data_b:
        raise click.UsageError("give either DATA_B or --period twice, not both")
    if not periods and not data_b:
        raise click.UsageError("give a second ecosystem (DATA_B) or two periods "
                               "(--period 2021 --period 2023)")
    if periods and len(periods) != 2:
        raise click.UsageError(f"--period needs exactly two periods, got {len(periods)}")
    check_at_least(top, "top")
    check_at_least(brokers, "brokers")
    if recommendations < 0:
        raise click.BadParameter("must be >= 0", param_hint="--recommendations")
    common = {"seed": seed, "top": top, "brokers": brokers,
              "recommendations": recommendations, "method": method,
              "resolution": resolution}
    eco = source.load()
    if periods:
        snap_kw = snapshot_kwargs(freq, bins, mode, window, undated, all_partners,
                                  source.get("date_col"))
        with undated_reported_here():
            result = compare_periods(eco, periods[0], periods[1], **snap_kw, **common)
        sources = {"data": data_info(eco), "periods": periods}
    else:
        eco_b = source.replace(data_b, partners=partners_b).load()
        result = compare(eco, eco_b, labels=(eco.name, eco_b.name), **common)
        sources = {"data_a": data_info(eco), "data_b": data_info(eco_b)}
    la, lb = result.labels
    tables = {
        "summary": result.summary(),
        "partners": pd.concat([result.partners_new.assign(change="new"),
                               result.partners_lost.assign(change="lost")], ignore_index=True)[
            ["change", "id", "name", "sector"]],
        "ties": pd.concat([result.ties_new.assign(change="new"),
                           result.ties_lost.assign(change="lost")], ignore_index=True)[
            ["change", "source", "target", "source_name", "target_name", "strength"]],
        "kpis": result.kpis, "anchors": result.anchors, "gaps": result.gaps,
        "brokers": result.brokers, "recommendations": result.recommendations,
        "communities": result.communities,
    }
    if survey_file or survey_b:
        tables.update(_trust_diff(eco, eco_b if not periods else eco, survey_file,
                                  survey_b, (la, lb)))
    provenance = {"command": "diff", **sources, "labels": [la, lb], "params": result.params,
                  "hit_rate": result.hit_rate, "notes": result.notes}
    if fmt == "json":
        payload = {**provenance, **tables, "ties_changed": result.ties_changed}
        click.echo(to_json(payload))
        return
    if fmt == "csv":
        emit(tables[table_name or "summary"], "csv")
        return
    if table_name:
        emit(tables[table_name], "table")
        return
    click.echo(f"Comparing {la} (before) with {lb} (after); seed {seed}")
    show("Summary", tables["summary"])
    show("KPI changes", result.kpis)
    show("New and lost partners", tables["partners"], limit=30)
    show("New and lost ties (strongest first)", tables["ties"], limit=30)
    show(f"Anchors (top {top} of either side; rank 1 = top)",
          result.anchors.drop(columns=["score_before", "score_after"]), limit=40)
    show("Gaps closed and opened; brokers gained and lost", result.gaps, limit=60)
    if result.hit_rate:
        h = result.hit_rate
        click.echo("")
        click.echo(f"Recommendations on {la} that came true in {lb}: {h['hits']} of "
                   f"{h['evaluable']} checkable ({h['recommended']} recommended); hit rate "
                   f"{_pct(h['hit_rate'])} vs {_pct(h['base_rate'])} for any untied pair "
                   f"(lift {_num(h['lift'])}).")
    if "trust_network" in tables:
        show("Trust and value (share = mean / scale maximum)", tables["trust_network"])
        show("Trust received per partner, largest change first", tables["trust_partners"],
              limit=top)
    events = result.communities
    if len(events):
        show("Communities", events[["event", "description"]])
    for note in result.notes:
        click.echo(f"Note: {note}")


def _trust_diff(eco_a, eco_b, survey_a: str | None, survey_b: str | None,
                labels: tuple[str, str]) -> dict[str, pd.DataFrame]:
    """Trust tables for ``diff``: two surveys side by side, or one survey's first vs last wave."""
    from ..analysis.trust import trust_scores
    from ..analysis.trust_waves import compare_trust
    from ..io.survey import read_survey

    if survey_a and survey_b:
        a = trust_scores(read_survey(survey_a, eco=eco_a), eco_a)
        b = trust_scores(read_survey(survey_b, eco=eco_b), eco_b)
        network, partners = compare_trust(a, b, labels)
        return {"trust_network": network, "trust_partners": partners.reset_index()}
    only = survey_a or survey_b
    eco = eco_a if survey_a else eco_b
    res = trust_scores(read_survey(only, eco=eco), eco)
    return {"trust_network": res.network.reset_index(),
            "trust_partners": res.partner_changes.reset_index()}


def _pct(v: Any) -> str:
    return "n/a" if v is None or pd.isna(v) else f"{100 * float(v):.1f}%"


def _num(v: Any) -> str:
    return "n/a" if v is None or pd.isna(v) else f"{float(v):.2f}"

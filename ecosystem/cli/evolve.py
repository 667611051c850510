"""``ecosystem evolve``: how a dated ecosystem changed, period by period."""
from __future__ import annotations

from pathlib import Path

import click
import pandas as pd

from .common import data_info, emit, handle_errors, show, to_json, undated_reported_here
from .options import (Command, DataSource, check_at_least, data_options, format_option,
                      period_analysis_options, snapshot_kwargs, snapshot_options, survey_option,
                      table_option, top_option)

EVOLVE_TABLES = ("periods", "kpis", "entrants", "exits", "movers", "overall_movers", "ranks",
                 "communities", "events", "trust_waves", "trust_changes", "trust_tie_changes")


@click.command("evolve", cls=Command)
@data_options
@snapshot_options
@period_analysis_options
@click.option("--threshold", type=float, default=0.3, show_default=True,
              help="Jaccard overlap for a community to continue one of the previous period.")
@top_option(10, "Rising and falling partners listed per period.")
@click.option("--samples", type=click.IntRange(min=1), default=None, metavar="N",
              help="Betweenness pivots and path-length sources per snapshot of more than "
                   "2,000 partners (default 50; analyze's evolution.samples).")
@click.option("--maps", "maps_dir", default=None, metavar="DIR",
              help="Write one map per period (same positions) and DIR/index.html with a period slider.")
@click.option("--map-color", type=click.Choice(["community", "change", "sector"]),
              default="community", show_default=True,
              help="Colour of the period maps: stable communities, entered/continuing partners, "
                   "or sector (the map's menu switches between them).")
@table_option(EVOLVE_TABLES, "periods")
@survey_option("Partner survey with a wave column: trust and value per wave, and the "
               "changes per partner and per relationship (docs/trust.md).")
@format_option()
@handle_errors
def evolve_command(source: DataSource, freq: str, bins: str | None, mode: str, window: int,
                   undated: str, all_partners: bool, method: str, resolution: float, seed: int,
                   threshold: float, top: int, samples: int | None, maps_dir: str | None,
                   map_color: str,
                   table_name: str | None, survey_file: str | None, fmt: str) -> None:
    """How a dated ecosystem changed, period by period.

    Relations need dates (start/end, date or year; or name one with --date-col). Per
    period: partner/relation/tie counts, health KPIs, entrants and exits, rising and
    falling anchors, and communities tracked across periods (birth, death, growth,
    shrink, merge, split) with stable ids C0, C1, ...
    """
    from ..analysis.temporal import evolve

    check_at_least(top, "top")
    snap_kw = snapshot_kwargs(freq, bins, mode, window, undated, all_partners,
                              source.get("date_col"))
    eco = source.load()
    with undated_reported_here():
        ev = evolve(eco, **snap_kw, seed=seed, method=method,
                    resolution=resolution, threshold=threshold,
                    top=top, samples=samples)
    index = None
    if maps_dir:
        from ..render.evolution import write_evolution_maps

        index = write_evolution_maps(ev, Path(maps_dir), seed=seed,
                                     title=eco.name, color_by=map_color)
    tables = {
        "periods": ev.periods.assign(start=ev.periods["start"].dt.date.astype(str),
                                     end=ev.periods["end"].dt.date.astype(str)),
        "kpis": ev.kpis.reset_index(),
        "entrants": ev.entrants, "exits": ev.exits, "movers": ev.movers,
        "overall_movers": ev.overall_movers(top=top), "ranks": ev.ranks,
        "communities": ev.communities.drop(columns=["local"], errors="ignore").assign(
            label=lambda f: "C" + f["community"].astype(str)),
        "events": ev.events,
    }
    trust = None
    if survey_file:
        from ..analysis.trust import trust_scores
        from ..io.survey import read_survey

        trust = trust_scores(read_survey(survey_file, eco=eco), eco)
        tables.update(trust_waves=trust.network.reset_index(),
                      trust_changes=trust.partner_changes.reset_index(),
                      trust_tie_changes=trust.tie_changes)
    params = dict(ev.params)
    provenance = {"command": "evolve", "data": data_info(eco), "params": params,
                  "maps": str(index) if index else None}
    if fmt == "json":
        payload = {**provenance, **{k: v for k, v in tables.items()}}
        click.echo(to_json(payload))
        return
    if fmt == "csv":
        emit(tables[table_name or "periods"], "csv")
        return
    if table_name:
        emit(tables[table_name], "table", title=None)
        return
    mode = params["mode"] + (f" (window {params['window']})" if params["mode"] == "window" else "")
    click.echo(f"Evolution of {eco.name}: {len(ev.snapshots)} periods "
               f"({params['freq'] or 'custom bins'}), {mode}, dates from '{params['date_column']}'"
               + (f", ends from '{params['end_column']}'" if params["end_column"] else "")
               + f"; seed {params['seed']}")
    if params["undated_relations"]:
        what = {"latest": "counted in the latest period only", "exclude": "left out of every period",
                "include": "included in every period"}[params["undated"]]
        click.echo(f"Note: {params['undated_relations']} relation(s) without a date were "
                   f"{what} (--undated).")
    show("Periods", tables["periods"].drop(columns=["end"]))
    kpis = ev.kpis
    if len(kpis.columns):
        wide = kpis.T.reset_index().rename(columns={"index": "kpi"})
        wide.columns = [str(c) for c in wide.columns]
        show("Health KPIs (one column per period)", wide)
    changes = []
    for frame, word in ((ev.entrants, "entered"), (ev.exits, "left")):
        for period, group in frame.groupby("period", sort=False):
            if word == "entered" and period == ev.labels[0]:
                continue
            names = group["name"].astype(str).tolist()
            changes.append({"period": period, "change": word, "count": len(names),
                            "partners": ", ".join(names[:8]) + (" ..." if len(names) > 8 else "")})
    show("Entrants and exits", pd.DataFrame(changes, columns=["period", "change", "count",
                                                                "partners"]))
    movers = ev.movers
    if len(movers):
        movers = movers.groupby(["period", "direction"], sort=False).head(5)[
            ["period", "direction", "name", "rank_before", "rank_after", "change"]]
    show("Rising and falling anchors (top 5 each per period; rank 1 = top)", movers)
    overall = ev.overall_movers(top=5)
    if len(overall):
        show(f"Biggest movers overall ({overall['first'].iloc[0]} -> {overall['last'].iloc[0]})",
              overall[["direction", "name", "rank_before", "rank_after", "change"]])
    events = ev.events[ev.events["event"] != "continue"]
    show("Community life cycle", events[["period", "event", "description"]], limit=40)
    if trust is not None:
        show("Trust and value per survey wave (share = mean / scale maximum)",
              tables["trust_waves"][["wave", "respondents", "response_rate", "scored_ties",
                                     "trust", "value", "trust_share", "value_share"]])
        show(f"Largest trust changes per partner (as rated by others, wave "
              f"{trust.waves[0]} -> {trust.waves[-1]})",
              tables["trust_changes"].head(top))
    if index:
        click.echo(f"\nMaps: {index}")

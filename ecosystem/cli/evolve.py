"""``ecosystem evolve`` (change period by period) and ``ecosystem diff`` (A versus B)."""
from __future__ import annotations

import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
import pandas as pd

from ..exceptions import EcosystemWarning
from .common import (data_options, emit, format_option, handle_errors, load_ecosystem,
                     pop_data_options, to_json)

EVOLVE_TABLES = ("periods", "kpis", "entrants", "exits", "movers", "overall_movers", "ranks",
                 "communities", "events", "trust_waves", "trust_changes", "trust_tie_changes")
DIFF_TABLES = ("summary", "partners", "ties", "kpis", "anchors", "gaps", "brokers",
               "recommendations", "communities", "trust_network", "trust_partners")


def _snapshot_options(func):
    options = [
        click.option("--freq", type=click.Choice(["year", "quarter", "month"]), default="year",
                     show_default=True, help="Period length."),
        click.option("--bins", default=None, metavar="EDGES",
                     help="Custom period edges instead of --freq, comma-separated years or dates, "
                          "e.g. 2014,2017,2020,2023 (periods 2014-2016, 2017-2019, 2020-2022)."),
        click.option("--mode", type=click.Choice(["cumulative", "window"]), default="cumulative",
                     show_default=True,
                     help="cumulative: everything started up to the period end (minus what ended "
                          "before it); window: relations active in the last --window periods."),
        click.option("--window", type=int, default=1, show_default=True, metavar="N",
                     help="Periods in the sliding window (--mode window)."),
        click.option("--undated", type=click.Choice(["exclude", "include"]), default="exclude",
                     show_default=True,
                     help="Relations without a date: left out of every period, or put in every "
                          "period (counted and reported either way)."),
        click.option("--all-partners", is_flag=True,
                     help="Keep every partner in every period (default: partners with at least "
                          "one active relation)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _analysis_options(func):
    options = [
        click.option("--method", type=click.Choice(["leiden", "louvain", "label_propagation"]),
                     default="leiden", show_default=True, help="Community detection per period."),
        click.option("--resolution", type=float, default=1.0, show_default=True,
                     help="Modularity resolution (> 1: more, smaller communities)."),
        click.option("--seed", type=int, default=0, show_default=True,
                     help="Seed of every community detection (same seed = same tracking)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _snapshot_kwargs(kwargs: dict[str, Any], date_col: str | None) -> dict[str, Any]:
    bins = None
    if kwargs.get("bins"):
        bins = [b.strip() for b in str(kwargs["bins"]).split(",") if b.strip()]
    if kwargs["window"] < 1:
        raise click.BadParameter(f"must be >= 1, got {kwargs['window']}", param_hint="--window")
    return {"freq": kwargs["freq"], "bins": bins, "mode": kwargs["mode"],
            "window": kwargs["window"], "undated": kwargs["undated"],
            "partners": "all" if kwargs["all_partners"] else "active",
            "date_column": "date" if date_col else None}


def _data_info(eco) -> dict[str, Any]:
    return {"name": eco.name, "partners": eco.n_partners, "relations": eco.n_relations,
            "ties": eco.n_ties, **eco.settings()}


@contextmanager
def _undated_reported_here():
    """The command prints the undated-relations note itself: silence the warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EcosystemWarning)
        yield


def _show(title: str, table: pd.DataFrame, limit: int | None = None) -> None:
    click.echo("")
    shown = table if limit is None else table.head(limit)
    emit(shown, "table", title=title)
    if limit is not None and len(table) > limit:
        click.echo(f"... {len(table) - limit} more rows (use --format json or --table)")


# ---------------------------------------------------------------------- evolve
@click.command("evolve")
@data_options
@_snapshot_options
@_analysis_options
@click.option("--threshold", type=float, default=0.3, show_default=True,
              help="Jaccard overlap for a community to continue one of the previous period.")
@click.option("--top", type=int, default=10, show_default=True,
              help="Rising and falling partners listed per period.")
@click.option("--maps", "maps_dir", default=None, metavar="DIR",
              help="Write one map per period (same positions) and DIR/index.html with a period slider.")
@click.option("--map-color", type=click.Choice(["community", "change", "sector"]),
              default="community", show_default=True,
              help="Colour of the period maps: stable communities, entered/continuing partners, "
                   "or sector (the map's menu switches between them).")
@click.option("--table", "table_name", type=click.Choice(EVOLVE_TABLES), default=None,
              help="Print only this table (CSV output prints 'periods' by default).")
@click.option("--survey", "survey_file", default=None, metavar="FILE",
              help="Partner survey with a wave column: trust and value per wave, and the "
                   "changes per partner and per relationship (docs/trust.md).")
@format_option
@handle_errors
def evolve_cmd(**kwargs: Any) -> None:
    """How a dated ecosystem changed, period by period.

    Relations need dates (start/end, date or year; or name one with --date-col). Per
    period: partner/relation/tie counts, health KPIs, entrants and exits, rising and
    falling anchors, and communities tracked across periods (birth, death, growth,
    shrink, merge, split) with stable ids C0, C1, ...
    """
    from ..analysis.temporal import evolve

    data_opts = pop_data_options(kwargs)
    fmt = kwargs["fmt"]
    if kwargs["top"] < 1:
        raise click.BadParameter(f"must be >= 1, got {kwargs['top']}", param_hint="--top")
    snap_kw = _snapshot_kwargs(kwargs, data_opts.get("date_col"))
    eco = load_ecosystem(**data_opts)
    with _undated_reported_here():
        ev = evolve(eco, **snap_kw, seed=kwargs["seed"], method=kwargs["method"],
                    resolution=kwargs["resolution"], threshold=kwargs["threshold"],
                    top=kwargs["top"])
    index = None
    if kwargs["maps_dir"]:
        from ..render.evolution import write_evolution_maps

        index = write_evolution_maps(ev, Path(kwargs["maps_dir"]), seed=kwargs["seed"],
                                     title=eco.name, color_by=kwargs["map_color"])
    tables = {
        "periods": ev.periods.assign(start=ev.periods["start"].dt.date.astype(str),
                                     end=ev.periods["end"].dt.date.astype(str)),
        "kpis": ev.kpis.reset_index(),
        "entrants": ev.entrants, "exits": ev.exits, "movers": ev.movers,
        "overall_movers": ev.overall_movers(top=kwargs["top"]), "ranks": ev.ranks,
        "communities": ev.communities.drop(columns=["local"], errors="ignore").assign(
            label=lambda f: "C" + f["community"].astype(str)),
        "events": ev.events,
    }
    trust = None
    if kwargs["survey_file"]:
        from ..analysis.trust import trust_scores
        from ..io.survey import read_survey

        trust = trust_scores(read_survey(kwargs["survey_file"], eco=eco), eco)
        tables.update(trust_waves=trust.network.reset_index(),
                      trust_changes=trust.partner_changes.reset_index(),
                      trust_tie_changes=trust.tie_changes)
    params = dict(ev.params)
    provenance = {"command": "evolve", "data": _data_info(eco), "params": params,
                  "maps": str(index) if index else None}
    if fmt == "json":
        payload = {**provenance, **{k: v for k, v in tables.items()}}
        click.echo(to_json(payload))
        return
    if fmt == "csv":
        emit(tables[kwargs["table_name"] or "periods"], "csv")
        return
    if kwargs["table_name"]:
        emit(tables[kwargs["table_name"]], "table", title=None)
        return
    mode = params["mode"] + (f" (window {params['window']})" if params["mode"] == "window" else "")
    click.echo(f"Evolution of {eco.name}: {len(ev.snapshots)} periods "
               f"({params['freq'] or 'custom bins'}), {mode}, dates from '{params['date_column']}'"
               + (f", ends from '{params['end_column']}'" if params["end_column"] else "")
               + f"; seed {params['seed']}")
    if params["undated_relations"]:
        click.echo(f"Note: {params['undated_relations']} relation(s) without a date were "
                   f"{'left out of' if params['undated'] == 'exclude' else 'included in'} "
                   "every period (--undated).")
    _show("Periods", tables["periods"].drop(columns=["end"]))
    kpis = ev.kpis
    if len(kpis.columns):
        wide = kpis.T.reset_index().rename(columns={"index": "kpi"})
        wide.columns = [str(c) for c in wide.columns]
        _show("Health KPIs (one column per period)", wide)
    changes = []
    for frame, word in ((ev.entrants, "entered"), (ev.exits, "left")):
        for period, group in frame.groupby("period", sort=False):
            if word == "entered" and period == ev.labels[0]:
                continue
            names = group["name"].astype(str).tolist()
            changes.append({"period": period, "change": word, "count": len(names),
                            "partners": ", ".join(names[:8]) + (" ..." if len(names) > 8 else "")})
    _show("Entrants and exits", pd.DataFrame(changes, columns=["period", "change", "count",
                                                                "partners"]))
    movers = ev.movers
    if len(movers):
        movers = movers.groupby(["period", "direction"], sort=False).head(5)[
            ["period", "direction", "name", "rank_before", "rank_after", "change"]]
    _show("Rising and falling anchors (top 5 each per period; rank 1 = top)", movers)
    overall = ev.overall_movers(top=5)
    if len(overall):
        _show(f"Biggest movers overall ({overall['first'].iloc[0]} -> {overall['last'].iloc[0]})",
              overall[["direction", "name", "rank_before", "rank_after", "change"]])
    events = ev.events[ev.events["event"] != "continue"]
    _show("Community life cycle", events[["period", "event", "description"]], limit=40)
    if trust is not None:
        _show("Trust and value per survey wave (share = mean / scale maximum)",
              tables["trust_waves"][["wave", "respondents", "response_rate", "scored_ties",
                                     "trust", "value", "trust_share", "value_share"]])
        _show(f"Largest trust changes per partner (as rated by others, wave "
              f"{trust.waves[0]} -> {trust.waves[-1]})",
              tables["trust_changes"].head(kwargs["top"]))
    if index:
        click.echo(f"\nMaps: {index}")


# ---------------------------------------------------------------------- diff
@click.command("diff")
@data_options
@click.argument("data_b", metavar="[DATA_B]", required=False)
@click.option("--partners-b", default=None, metavar="FILE", help="Partner table of DATA_B.")
@click.option("--period", "periods", multiple=True, metavar="LABEL",
              help="Compare two periods of DATA instead of two files: --period 2021 --period 2023.")
@_snapshot_options
@_analysis_options
@click.option("--top", type=int, default=20, show_default=True,
              help="Anchors compared: the top N of either side.")
@click.option("--brokers", type=int, default=10, show_default=True,
              help="Structural-hole brokers compared: the top N of either side.")
@click.option("--recommendations", type=int, default=50, show_default=True, metavar="N",
              help="Partnerships recommended on A checked against B (0: skip).")
@click.option("--table", "table_name", type=click.Choice(DIFF_TABLES), default=None,
              help="Print only this table (CSV output prints 'summary' by default).")
@click.option("--survey", "survey_file", default=None, metavar="FILE",
              help="Partner survey of DATA (with --survey-b: compare the two; alone: its "
                   "first and last wave).")
@click.option("--survey-b", "survey_b", default=None, metavar="FILE",
              help="Partner survey of DATA_B (or of the second period).")
@format_option
@handle_errors
def diff_cmd(**kwargs: Any) -> None:
    """Compare two ecosystems (DATA and DATA_B) or two periods of one (--period twice).

    Lists new and lost partners and ties, KPI changes, anchors that moved, gaps closed
    and opened (missing sectors per community, weakly linked communities, sector gaps,
    structural-hole brokers) and how many partnerships recommended on A came true in B.
    """
    from ..analysis.compare import compare, compare_periods

    data_opts = pop_data_options(kwargs)
    fmt = kwargs["fmt"]
    periods = list(kwargs["periods"])
    data_b = kwargs["data_b"]
    if periods and data_b:
        raise click.UsageError("give either DATA_B or --period twice, not both")
    if not periods and not data_b:
        raise click.UsageError("give a second ecosystem (DATA_B) or two periods "
                               "(--period 2021 --period 2023)")
    if periods and len(periods) != 2:
        raise click.UsageError(f"--period needs exactly two periods, got {len(periods)}")
    for name in ("top", "brokers"):
        if kwargs[name] < 1:
            raise click.BadParameter(f"must be >= 1, got {kwargs[name]}", param_hint=f"--{name}")
    if kwargs["recommendations"] < 0:
        raise click.BadParameter("must be >= 0", param_hint="--recommendations")
    common = {"seed": kwargs["seed"], "top": kwargs["top"], "brokers": kwargs["brokers"],
              "recommendations": kwargs["recommendations"], "method": kwargs["method"],
              "resolution": kwargs["resolution"]}
    eco = load_ecosystem(**data_opts)
    if periods:
        snap_kw = _snapshot_kwargs(kwargs, data_opts.get("date_col"))
        with _undated_reported_here():
            result = compare_periods(eco, periods[0], periods[1], **snap_kw, **common)
        sources = {"data": _data_info(eco), "periods": periods}
    else:
        opts_b = dict(data_opts, data=data_b, partners=kwargs["partners_b"])
        eco_b = load_ecosystem(**opts_b)
        result = compare(eco, eco_b, labels=(eco.name, eco_b.name), **common)
        sources = {"data_a": _data_info(eco), "data_b": _data_info(eco_b)}
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
    if kwargs["survey_file"] or kwargs["survey_b"]:
        tables.update(_trust_diff(eco, eco_b if not periods else eco, kwargs["survey_file"],
                                  kwargs["survey_b"], (la, lb)))
    provenance = {"command": "diff", **sources, "labels": [la, lb], "params": result.params,
                  "hit_rate": result.hit_rate, "notes": result.notes}
    if fmt == "json":
        payload = {**provenance, **tables, "ties_changed": result.ties_changed}
        click.echo(to_json(payload))
        return
    if fmt == "csv":
        emit(tables[kwargs["table_name"] or "summary"], "csv")
        return
    if kwargs["table_name"]:
        emit(tables[kwargs["table_name"]], "table")
        return
    click.echo(f"Comparing {la} (before) with {lb} (after); seed {kwargs['seed']}")
    _show("Summary", tables["summary"])
    _show("KPI changes", result.kpis)
    _show("New and lost partners", tables["partners"], limit=30)
    _show("New and lost ties (strongest first)", tables["ties"], limit=30)
    _show(f"Anchors (top {kwargs['top']} of either side; rank 1 = top)",
          result.anchors.drop(columns=["score_before", "score_after"]), limit=40)
    _show("Gaps closed and opened; brokers gained and lost", result.gaps, limit=60)
    if result.hit_rate:
        h = result.hit_rate
        click.echo("")
        click.echo(f"Recommendations on {la} that came true in {lb}: {h['hits']} of "
                   f"{h['evaluable']} checkable ({h['recommended']} recommended); hit rate "
                   f"{_pct(h['hit_rate'])} vs {_pct(h['base_rate'])} for any untied pair "
                   f"(lift {_num(h['lift'])}).")
    if "trust_network" in tables:
        _show("Trust and value (share = mean / scale maximum)", tables["trust_network"])
        _show("Trust received per partner, largest change first", tables["trust_partners"],
              limit=kwargs["top"])
    events = result.communities
    if len(events):
        _show("Communities", events[["event", "description"]])
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


COMMANDS = [evolve_cmd, diff_cmd]

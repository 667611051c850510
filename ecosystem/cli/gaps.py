"""``ecosystem gaps``, ``recommend``, ``resilience`` and ``health``."""
from __future__ import annotations

from typing import Any

import click
import pandas as pd

from .common import data_options, emit, format_option, handle_errors, load_ecosystem, pop_data_options, to_json

GAP_SECTIONS = ("holes", "brokerage", "fragility", "community", "sector")


def _seed_option(func):
    return click.option("--seed", type=int, default=0, show_default=True,
                        help="Seed for every random step (communities, sampling, runs).")(func)


def _data_info(eco) -> dict[str, Any]:
    return {"name": eco.name, "partners": eco.n_partners, "relations": eco.n_relations,
            "ties": eco.n_ties, **eco.settings()}


def _join(values, limit: int | None) -> str:
    items = [str(v) for v in values]
    if limit is not None and len(items) > limit:
        return "; ".join(items[:limit]) + "; ..."
    return "; ".join(items)


def _flat(frame: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """Lists in cells -> '; '-joined text (all items for CSV, ``limit`` for tables)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, (list, tuple))).any():
            out[col] = out[col].map(lambda v: _join(v, limit) if isinstance(v, (list, tuple)) else v)
    return out


def _with_id(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.index.name == "id":
        return frame.reset_index()
    return frame


def _emit_sections(sections: list[tuple[str, str, pd.DataFrame]], fmt: str, payload: dict) -> None:
    """Several tables: titled blocks (table), '# name' separated blocks (csv), one JSON."""
    if fmt == "json":
        click.echo(to_json(payload))
        return
    for i, (key, title, table) in enumerate(sections):
        if fmt == "csv":
            if len(sections) > 1:
                click.echo(("\n" if i else "") + f"# {key}")
            emit(_flat(table), "csv")
        else:
            if i:
                click.echo("")
            emit(_flat(table, limit=5), "table", title=title)


# ---------------------------------------------------------------------- gaps
@click.command("gaps")
@data_options
@click.option("--section", type=click.Choice(("all",) + GAP_SECTIONS), default="all", show_default=True,
              help="Which analysis to show (CSV of one section is a plain table).")
@click.option("--attribute", "attributes", multiple=True, metavar="COLUMN",
              help="Also show gaps across this partner column (country, region, size...). Repeatable.")
@click.option("--brokerage-by", default="community", show_default=True, metavar="community|COLUMN",
              help="Groups for Gould-Fernandez brokerage roles: communities or a partner column (e.g. sector).")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="Rows per table.")
@_seed_option
@format_option
@handle_errors
def gaps_cmd(**kwargs: Any) -> None:
    """Structural holes, brokerage roles, single points of failure, community and sector gaps.

    \b
    Examples:
      ecosystem gaps relations.csv -p partners.csv
      ecosystem gaps relations.csv -p partners.csv --attribute country --format json
      ecosystem gaps relations.csv --section fragility --format csv
    """
    from ..analysis.communities import detect_communities
    from ..analysis.fragility import fragility
    from ..analysis.gaps import community_gaps, sector_gaps
    from ..analysis.holes import brokerage_roles, structural_holes

    data_opts = pop_data_options(kwargs)
    eco = load_ecosystem(**data_opts)
    eco.require_ties()
    top, seed, section = kwargs["top"], kwargs["seed"], kwargs["section"]
    want = set(GAP_SECTIONS) if section == "all" else {section}
    for attr in kwargs["attributes"]:
        eco.attribute(attr)  # fails early with the available columns
    partition = detect_communities(eco, seed=seed)
    sections: list[tuple[str, str, pd.DataFrame]] = []
    payload: dict[str, Any] = {"command": "gaps", "data": _data_info(eco),
                               "parameters": {"top": top, "seed": seed, "section": section,
                                              "brokerage_by": kwargs["brokerage_by"],
                                              "attributes": list(kwargs["attributes"]),
                                              "partition": {"method": partition.method,
                                                            **partition.params,
                                                            "modularity": partition.modularity}}}
    if "holes" in want:
        holes = structural_holes(eco)
        brokers = _with_id(holes.sort_values("broker_rank").head(top))
        sections.append(("holes", "Brokers (structural holes: low constraint, high effective size)",
                         brokers))
        payload["holes"] = {"method": "Burt 1992 (networkx definitions, scipy.sparse)",
                            "params": holes.attrs.get("params"), "rows": brokers}
    if "brokerage" in want:
        by = kwargs["brokerage_by"]
        groups = partition if by == "community" else by
        roles = brokerage_roles(eco, groups)
        ranked = _with_id(roles.sort_values(["total", "name"], ascending=[False, True]).head(top))
        sections.append(("brokerage", f"Brokerage roles (Gould-Fernandez, groups: {by})", ranked))
        sections.append(("brokerage_totals", "Brokerage totals",
                         pd.DataFrame([roles.attrs["totals"]])))
        payload["brokerage"] = {"method": "Gould & Fernandez 1989", "params": roles.attrs["params"],
                                "totals": roles.attrs["totals"], "rows": ranked}
    if "fragility" in want:
        fr = fragility(eco)
        aps = _with_id(fr.articulation_points.head(top))
        sections.append(("articulation_points", "Articulation points (partners whose exit splits the network)",
                         aps))
        sections.append(("bridges", "Bridges (ties whose end splits the network)", fr.bridges.head(top)))
        comps = fr.components.head(top)
        sections.append(("components", f"Components ({fr.n_components})", comps))
        dep = _with_id(fr.dependency[fr.dependency["dependent"]].head(top))
        sections.append(("dependency", "Dependent partners (most strength on one partner)", dep))
        payload["fragility"] = {"params": fr.params, "articulation_points": aps,
                                "articulation_point_count": int(len(fr.articulation_points)),
                                "bridges": fr.bridges.head(top), "bridge_count": int(len(fr.bridges)),
                                "components": fr.components, "dependency": dep,
                                "dependent_count": int(fr.dependency["dependent"].sum())}
    if "community" in want:
        cg = community_gaps(eco, partition, seed=seed)
        shown = cg.gaps.head(top) if len(cg.gaps) else cg.pairs.sort_values("z").head(top)
        title = ("Community gaps (far fewer ties than expected)" if len(cg.gaps)
                 else "Community pairs (no gaps found; least connected first)")
        sections.append(("community_gaps", title, shown))
        payload["community_gaps"] = {"params": cg.params, "gaps": cg.gaps.head(top),
                                     "gap_count": int(len(cg.gaps)), "pairs": cg.pairs,
                                     "ties_matrix": cg.ties_matrix.to_dict(),
                                     "strength_matrix": cg.strength_matrix.to_dict(),
                                     "expected_matrix": cg.expected_matrix.to_dict()}
    attrs = (["sector"] if "sector" in want else []) + list(kwargs["attributes"])
    for attr in dict.fromkeys(attrs):
        sg = sector_gaps(eco, partition, attribute=attr, seed=seed)
        label = "sector" if attr == "sector" else f"attribute_{attr}"
        pairs = sg.pairs.sort_values("z").head(top)
        summary = pd.DataFrame([{"attribute": attr, "assortativity": sg.assortativity,
                                 "assortativity_unweighted": sg.assortativity_unweighted,
                                 "cross_share_ties": sg.cross_share_ties,
                                 "cross_share_strength": sg.cross_share_strength,
                                 "gaps": int(len(sg.gaps)),
                                 "unknown_sectors": "; ".join(sg.unknown)}])
        sections.append((f"{label}_summary", f"{attr}: mixing summary", summary))
        sections.append((f"{label}_pairs", f"{attr} pairs (least connected vs expected first)", pairs))
        what = "helix groups" if attr == "sector" else "values"
        sections.append((f"{label}_missing", f"Communities missing {what} ({attr})",
                         sg.missing.head(top)))
        payload[f"{label}_gaps"] = {"params": sg.params, "assortativity": sg.assortativity,
                                    "assortativity_unweighted": sg.assortativity_unweighted,
                                    "cross_share_ties": sg.cross_share_ties,
                                    "cross_share_strength": sg.cross_share_strength,
                                    "unknown": sg.unknown, "gaps": sg.gaps, "pairs": sg.pairs,
                                    "matrix": sg.matrix.to_dict(),
                                    "expected_matrix": sg.expected_matrix.to_dict(),
                                    "missing": sg.missing}
    _emit_sections(sections, kwargs["fmt"], payload)


# ---------------------------------------------------------------------- recommend
def _cap(value: int | None) -> Any:
    """--per-partner: None = automatic, 0 = no cap."""
    return "auto" if value is None else (value or None)


@click.command("recommend")
@data_options
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many recommendations.")
@click.option("--method", type=click.Choice(["adamic_adar", "resource_allocation", "jaccard",
                                             "common_neighbours", "community"]),
              default="resource_allocation", show_default=True,
              help="Link-prediction score (resource_allocation won the H2020 backtest).")
@click.option("--favour", type=click.Choice(["community", "sector", "country"]), multiple=True,
              help="Goal: boost pairs across communities (gaps most), helix sectors, or "
                   "countries (global reach). Repeatable; the why-text names the goals served.")
@click.option("--target-sector", default=None, metavar="SECTOR",
              help="Goal: boost pairs with a partner in this sector (or helix group).")
@click.option("--bonus", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Strength of the goal boosts (a goal multiplies the score by 1 + bonus).")
@click.option("--per-partner", type=click.IntRange(min=0), default=None,
              help="At most this many suggestions involving any one partner (0 = no cap; "
                   "default: max(2, top/10), so 2 for a list of 20).")
@click.option("--diversity", type=click.FloatRange(0, 1, max_open=True), default=0.1,
              show_default=True,
              help="Re-rank so the list covers different gaps and partners (0 = score order).")
@click.option("--group/--no-group", default=True, show_default=True,
              help="One row for a partner with several members of one project (near-duplicates).")
@click.option("--evidence", type=click.Choice(["ties", "projects"]), default="ties",
              show_default=True,
              help="Score on the partner network, or count shared projects on the "
                   "partner-project graph (participation data).")
@click.option("--exclude", type=click.Path(exists=True, dir_okay=False), default=None,
              help="CSV of pairs (two columns: ids or names) never to recommend.")
@click.option("--competitors", type=click.Path(exists=True, dir_okay=False), default=None,
              help="CSV of pairs to flag as competitors (besides the same-sector, "
                   "same-country rule among companies).")
@click.option("--confidence/--no-confidence", default=True, show_default=True,
              help="Test the list (backtest when dated, else hold-out) against baselines and "
                   "say beside it how far to trust it.")
@click.option("--check", is_flag=True,
              help="Print that test's table (precision@k, recall@k, baselines) instead of the list.")
@click.option("--cut-year", type=int, default=None,
              help="Backtest cut: learn before this year, check the ties formed from it on.")
@click.option("--focus", "focus", multiple=True, metavar="ID_OR_NAME",
              help="Only recommendations involving this partner. Repeatable.")
@click.option("--lang", type=click.Choice(["en", "ko"]), default="en", show_default=True,
              help="Language of the 'why' sentences.")
@click.option("--weighted", is_flag=True,
              help="Use tie strengths in common_neighbours / adamic_adar / resource_allocation.")
@click.option("--evaluate", is_flag=True,
              help="Hide a seeded share of ties and report AUC and precision@k per method instead.")
@click.option("--hide", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=0.1,
              show_default=True, help="Share of ties hidden by --evaluate.")
@_seed_option
@format_option
@handle_errors
def recommend_cmd(**kwargs: Any) -> None:
    """Recommend partnerships that ought to exist, with why and who could introduce them.

    \b
    Examples:
      ecosystem recommend relations.csv --top 10
      ecosystem recommend relations.csv --favour community --lang ko
      ecosystem recommend relations.csv --evaluate --seed 1
      ecosystem recommend h2020_swafs --favour country --target-sector company
      ecosystem recommend relations.csv --exclude no_go_pairs.csv --per-partner 1
      ecosystem recommend h2020_swafs --check --cut-year 2018 --top 100
    """
    from ..analysis.communities import detect_communities
    from ..analysis.recommend import evaluate_recommendations, recommend_partnerships

    data_opts = pop_data_options(kwargs)
    eco = load_ecosystem(**data_opts)
    eco.require_ties()
    seed = kwargs["seed"]
    params = {"top": kwargs["top"], "method": kwargs["method"],
              "favour": list(kwargs["favour"]) or None,
              "per_partner": _cap(kwargs["per_partner"]), "seed": seed, "lang": kwargs["lang"],
              "weighted": kwargs["weighted"],
              "focus": list(kwargs["focus"]) or None}
    options = {"method": kwargs["method"], "favour": list(kwargs["favour"]) or None,
               "per_partner": _cap(kwargs["per_partner"]), "weighted": kwargs["weighted"],
               "diversity": kwargs["diversity"], "group": kwargs["group"],
               "evidence": kwargs["evidence"], "target_sector": kwargs["target_sector"],
               "exclude": kwargs["exclude"], "bonus": kwargs["bonus"]}
    if kwargs["check"]:
        from ..analysis.recommend_evaluate import confidence_text, recommendation_confidence

        conf = recommendation_confidence(eco, k=kwargs["top"], seed=seed, hide=kwargs["hide"],
                                         cut_year=kwargs["cut_year"], **options)
        text, level = confidence_text(conf, kwargs["lang"])
        emit(conf, kwargs["fmt"], title=text,
             payload={"command": "recommend --check", "data": _data_info(eco),
                      "parameters": {**params, **conf.attrs.get("params", {})},
                      "confidence": {"level": level, "text": text,
                                     **conf.attrs.get("verdict", {})}})
        return
    if kwargs["evaluate"]:
        ev = evaluate_recommendations(eco, hide=kwargs["hide"], seed=seed, k=kwargs["top"],
                                      per_partner=_cap(kwargs["per_partner"]),
                                      weighted=kwargs["weighted"])
        emit(ev, kwargs["fmt"], title="How well each method recovers hidden ties",
             payload={"command": "recommend --evaluate", "data": _data_info(eco),
                      "parameters": {**params, **ev.attrs["params"]}})
        return
    partition = detect_communities(eco, seed=seed)
    recs = recommend_partnerships(eco, top=kwargs["top"], partition=partition, seed=seed,
                                  focus=kwargs["focus"] or None, lang=kwargs["lang"],
                                  competitors=kwargs["competitors"] or "auto", **options)
    confidence = None
    if kwargs["confidence"] and eco.n_ties >= 10 and not kwargs["focus"]:
        from ..analysis.recommend_evaluate import confidence_text, recommendation_confidence

        conf = recommendation_confidence(eco, k=kwargs["top"], seed=seed, hide=kwargs["hide"],
                                         cut_year=kwargs["cut_year"], **options)
        text, level = confidence_text(conf, kwargs["lang"])
        confidence = {"level": level, "text": text, **conf.attrs.get("verdict", {}),
                      "test": conf.attrs.get("params", {})}
    if kwargs["fmt"] == "table":
        shown = recs[["source_name", "target_name", "score", "common_partners", "why"]]
        if confidence is not None:  # beside the list: before it, in plain words
            click.echo(("!! " if confidence["level"] != "beats" else "") + confidence["text"])
        with pd.option_context("display.max_colwidth", 120):
            emit(shown, "table", title=f"Recommended partnerships ({kwargs['method']})")
        return
    if confidence is not None and kwargs["fmt"] == "csv":
        click.echo(confidence["text"], err=True)
    emit(_flat(recs) if kwargs["fmt"] == "csv" else recs, kwargs["fmt"],
         payload={"command": "recommend", "data": _data_info(eco),
                  "parameters": {**params, **recs.attrs.get("params", {})},
                  "confidence": confidence})


# ---------------------------------------------------------------------- resilience
@click.command("resilience")
@data_options
@click.option("--strategy", "strategies", multiple=True,
              type=click.Choice(["anchor", "degree", "betweenness", "random"]),
              help="Removal order (repeatable; default all four).")
@click.option("--runs", type=click.IntRange(min=1), default=None,
              help="Random-removal runs averaged (seeded). Default: 10, or 3 above 10,000 partners / 40,000 ties.")
@click.option("--steps", type=click.IntRange(min=1), default=None,
              help="Checkpoints on each curve. Default: 20, or 10 above 10,000 partners / 40,000 ties.")
@click.option("--max-share", type=click.FloatRange(0, 1, min_open=True), default=0.5, show_default=True,
              help="Remove up to this share of the partners.")
@click.option("--recompute", is_flag=True,
              help="Recompute degree/betweenness after each step (adaptive attack).")
@click.option("--no-efficiency", is_flag=True, help="Skip global efficiency (faster).")
@click.option("--remove", "remove", multiple=True, metavar="ID_OR_NAME",
              help="What if this partner leaves? Repeatable: --remove A --remove B.")
@click.option("--key-players", type=click.IntRange(min=1), default=None, metavar="K",
              help="Find the K partners whose removal fragments the network most.")
@_seed_option
@format_option
@handle_errors
def resilience_cmd(**kwargs: Any) -> None:
    """Removal curves, what-if scenarios and key players.

    Without --remove or --key-players, prints removal curves (largest-component share and
    global efficiency as partners are removed).

    \b
    Examples:
      ecosystem resilience relations.csv --strategy degree --strategy random --runs 20
      ecosystem resilience relations.csv --remove "Seoul National University" --remove KAIST
      ecosystem resilience relations.csv --key-players 5 --format json
    """
    from ..analysis.resilience import key_players, removal_curves, what_if

    data_opts = pop_data_options(kwargs)
    eco = load_ecosystem(**data_opts)
    eco.require_ties()
    seed, fmt = kwargs["seed"], kwargs["fmt"]
    payload: dict[str, Any] = {"command": "resilience", "data": _data_info(eco)}
    sections: list[tuple[str, str, pd.DataFrame]] = []
    if kwargs["remove"]:
        ids = [eco.resolve(x) for x in kwargs["remove"]]
        w = what_if(eco, ids, seed=seed, efficiency=not kwargs["no_efficiency"])
        summary = w.summary()
        table = pd.DataFrame([{"measure": k, "value": "; ".join(map(str, v)) if isinstance(v, list) else v}
                              for k, v in summary.items()])
        sections.append(("what_if", "What if " + ", ".join(w.removed_names) + " leave?", table))
        sections.append(("cut_off", "Partners cut off from the main network", _with_id(w.cut_off)))
        sections.append(("communities", "Communities of the removed partners", w.communities_split))
        payload["what_if"] = {**summary, "cut_off": _with_id(w.cut_off),
                              "communities": w.communities_split, "params": w.params}
    if kwargs["key_players"]:
        kp = key_players(eco, kwargs["key_players"], seed=seed)
        sections.append(("key_players",
                         f"Key players (fragmentation {kp.attrs['fragmentation_before']:.3f} -> "
                         f"{kp.attrs['fragmentation']:.3f})", _with_id(kp)))
        payload["key_players"] = {"rows": _with_id(kp), "fragmentation": kp.attrs["fragmentation"],
                                  "fragmentation_before": kp.attrs["fragmentation_before"],
                                  "components_after": kp.attrs["components_after"],
                                  "params": kp.attrs["params"]}
    if not kwargs["remove"] and not kwargs["key_players"]:
        strategies = list(kwargs["strategies"]) or ["anchor", "degree", "betweenness", "random"]
        curves = removal_curves(eco, strategies=strategies, runs=kwargs["runs"], seed=seed,
                                steps=kwargs["steps"], max_share=kwargs["max_share"],
                                recompute=kwargs["recompute"],
                                efficiency=not kwargs["no_efficiency"])
        sections.append(("curves", "Removal curves", curves))
        payload["curves"] = {"rows": curves, "params": curves.attrs["params"]}
    _emit_sections(sections, fmt, payload)


# ---------------------------------------------------------------------- health
@click.command("health")
@data_options
@_seed_option
@format_option
@handle_errors
def health_cmd(**kwargs: Any) -> None:
    """Ecosystem health KPIs (density, components, clustering, paths, diversity...), each defined.

    \b
    Examples:
      ecosystem health relations.csv -p partners.csv
      ecosystem health relations.csv --format json
    """
    from ..analysis.communities import detect_communities
    from ..analysis.health import health_kpis, health_params, health_table

    data_opts = pop_data_options(kwargs)
    eco = load_ecosystem(**data_opts)
    seed = kwargs["seed"]
    partition = detect_communities(eco, seed=seed) if eco.n_partners else None
    kpis = health_kpis(eco, partition, seed=seed)
    table = health_table(kpis)
    fmt = kwargs["fmt"]
    if fmt == "table":
        emit(table[["kpi", "value"]].assign(value=table["value"].map(
            lambda v: f"{v:.4g}" if isinstance(v, float) else v)), "table", title="Ecosystem health")
        return
    emit(table, fmt, payload={"command": "health", "data": _data_info(eco), "kpis": kpis,
                              "parameters": health_params(partition, seed=seed)})


COMMANDS = [gaps_cmd, recommend_cmd, resilience_cmd, health_cmd]

"""``ecosystem recommend``: partnerships that ought to exist, with why and who could introduce them."""
from __future__ import annotations

from typing import Any

import click
import pandas as pd

from .common import data_info, emit, flat, handle_errors
from .options import (Command, DataSource, data_options, format_option, lang_option, seed_option,
                      top_option)


def _cap(value: int | None) -> Any:
    """--per-partner: None = automatic, 0 = no cap."""
    return "auto" if value is None else (value or None)


@click.command("recommend", cls=Command)
@data_options
@top_option(20, "How many recommendations.", at_least_one=True)
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
@click.option("--confidence/--no-confidence", "with_confidence", default=True, show_default=True,
              help="Test the list (backtest when dated, else hold-out) against baselines and "
                   "say beside it how far to trust it.")
@click.option("--check", is_flag=True,
              help="Print that test's table (precision@k, recall@k, baselines) instead of the list.")
@click.option("--cut-year", type=int, default=None,
              help="Backtest cut: learn before this year, check the ties formed from it on.")
@click.option("--focus", "focus", multiple=True, metavar="ID_OR_NAME",
              help="Only recommendations involving this partner. Repeatable.")
@lang_option("en", "Language of the 'why' sentences.")
@click.option("--weighted", is_flag=True,
              help="Use tie strengths in common_neighbours / adamic_adar / resource_allocation.")
@click.option("--evaluate", is_flag=True,
              help="Hide a seeded share of ties and report AUC and precision@k per method instead.")
@click.option("--hide", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=0.1,
              show_default=True, help="Share of ties hidden by --evaluate.")
@seed_option(0, "Seed for every random step (communities, sampling, runs).")
@format_option()
@handle_errors
def recommend_command(source: DataSource, top: int, method: str, favour: tuple[str, ...],
                      target_sector: str | None, bonus: float, per_partner: int | None,
                      diversity: float, group: bool, evidence: str, exclude: str | None,
                      competitors: str | None, with_confidence: bool, check: bool,
                      cut_year: int | None, focus: tuple[str, ...], lang: str, weighted: bool,
                      evaluate: bool, hide: float, seed: int, fmt: str) -> None:
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

    eco = source.load()
    eco.require_ties()
    params = {"top": top, "method": method,
              "favour": list(favour) or None,
              "per_partner": _cap(per_partner), "seed": seed, "lang": lang,
              "weighted": weighted,
              "focus": list(focus) or None}
    options = {"method": method, "favour": list(favour) or None,
               "per_partner": _cap(per_partner), "weighted": weighted,
               "diversity": diversity, "group": group,
               "evidence": evidence, "target_sector": target_sector,
               "exclude": exclude, "bonus": bonus}
    if check:
        from ..analysis.recommend import confidence_text, recommendation_confidence

        conf = recommendation_confidence(eco, k=top, seed=seed, hide=hide,
                                         cut_year=cut_year, **options)
        text, level = confidence_text(conf, lang)
        emit(conf, fmt, title=text,
             payload={"command": "recommend --check", "data": data_info(eco),
                      "parameters": {**params, **conf.attrs.get("params", {})},
                      "confidence": {"level": level, "text": text,
                                     **conf.attrs.get("verdict", {})}})
        return
    if evaluate:
        ev = evaluate_recommendations(eco, hide=hide, seed=seed, k=top,
                                      per_partner=_cap(per_partner),
                                      weighted=weighted)
        emit(ev, fmt, title="How well each method recovers hidden ties",
             payload={"command": "recommend --evaluate", "data": data_info(eco),
                      "parameters": {**params, **ev.attrs["params"]}})
        return
    partition = detect_communities(eco, seed=seed)
    recs = recommend_partnerships(eco, top=top, partition=partition, seed=seed,
                                  focus=focus or None, lang=lang,
                                  competitors=competitors or "auto", **options)
    confidence = None
    if with_confidence and eco.n_ties >= 10 and not focus:
        from ..analysis.recommend import confidence_text, recommendation_confidence

        conf = recommendation_confidence(eco, k=top, seed=seed, hide=hide,
                                         cut_year=cut_year, **options)
        text, level = confidence_text(conf, lang)
        confidence = {"level": level, "text": text, **conf.attrs.get("verdict", {}),
                      "test": conf.attrs.get("params", {})}
    if fmt == "table":
        shown = recs[["source_name", "target_name", "score", "common_partners", "why"]]
        if confidence is not None:  # beside the list: before it, in plain words
            click.echo(("!! " if confidence["level"] != "beats" else "") + confidence["text"])
        with pd.option_context("display.max_colwidth", 120):
            emit(shown, "table", title=f"Recommended partnerships ({method})")
        return
    if confidence is not None and fmt == "csv":
        click.echo(confidence["text"], err=True)
    emit(flat(recs) if fmt == "csv" else recs, fmt,
         payload={"command": "recommend", "data": data_info(eco),
                  "parameters": {**params, **recs.attrs.get("params", {})},
                  "confidence": confidence})

"""``ecosystem resilience``: removal curves, what-if scenarios and key players."""
from __future__ import annotations

from typing import Any

import click
import pandas as pd

from .common import data_info, emit_sections, handle_errors, with_id
from .options import Command, DataSource, data_options, format_option, seed_option


@click.command("resilience", cls=Command)
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
@seed_option(0, "Seed for every random step (communities, sampling, runs).")
@format_option()
@handle_errors
def resilience_command(source: DataSource, strategies: tuple[str, ...], runs: int | None,
                       steps: int | None, max_share: float, recompute: bool, no_efficiency: bool,
                       remove: tuple[str, ...], key_players: int | None, seed: int,
                       fmt: str) -> None:
    """Removal curves, what-if scenarios and key players.

    Without --remove or --key-players, prints removal curves (largest-component share and
    global efficiency as partners are removed).

    \b
    Examples:
      ecosystem resilience relations.csv --strategy degree --strategy random --runs 20
      ecosystem resilience relations.csv --remove "Seoul National University" --remove KAIST
      ecosystem resilience relations.csv --key-players 5 --format json
    """
    from ..analysis.resilience import key_players as find_key_players
    from ..analysis.resilience import removal_curves, what_if

    eco = source.load()
    eco.require_ties()
    payload: dict[str, Any] = {"command": "resilience", "data": data_info(eco)}
    sections: list[tuple[str, str, pd.DataFrame]] = []
    if remove:
        ids = [eco.resolve(x) for x in remove]
        w = what_if(eco, ids, seed=seed, efficiency=not no_efficiency)
        summary = w.summary()
        table = pd.DataFrame([{"measure": k, "value": "; ".join(map(str, v)) if isinstance(v, list) else v}
                              for k, v in summary.items()])
        sections.append(("what_if", "What if " + ", ".join(w.removed_names) + " leave?", table))
        sections.append(("cut_off", "Partners cut off from the main network", with_id(w.cut_off)))
        sections.append(("communities", "Communities of the removed partners", w.communities_split))
        payload["what_if"] = {**summary, "cut_off": with_id(w.cut_off),
                              "communities": w.communities_split, "params": w.params}
    if key_players:
        kp = find_key_players(eco, key_players, seed=seed)
        sections.append(("key_players",
                         f"Key players (fragmentation {kp.attrs['fragmentation_before']:.3f} -> "
                         f"{kp.attrs['fragmentation']:.3f})", with_id(kp)))
        payload["key_players"] = {"rows": with_id(kp), "fragmentation": kp.attrs["fragmentation"],
                                  "fragmentation_before": kp.attrs["fragmentation_before"],
                                  "components_after": kp.attrs["components_after"],
                                  "params": kp.attrs["params"]}
    if not remove and not key_players:
        strategies = list(strategies) or ["anchor", "degree", "betweenness", "random"]
        curves = removal_curves(eco, strategies=strategies, runs=runs, seed=seed,
                                steps=steps, max_share=max_share,
                                recompute=recompute,
                                efficiency=not no_efficiency)
        sections.append(("curves", "Removal curves", curves))
        payload["curves"] = {"rows": curves, "params": curves.attrs["params"]}
    emit_sections(sections, fmt, payload)

"""``ecosystem gaps``: structural holes, brokerage, fragility, community and sector gaps."""
from __future__ import annotations

from typing import Any

import click
import pandas as pd

from .common import data_info, emit_sections, handle_errors, with_id
from .options import Command, DataSource, data_options, format_option, seed_option, top_option

GAP_SECTIONS = ("holes", "brokerage", "fragility", "community", "sector")


@click.command("gaps", cls=Command)
@data_options
@click.option("--section", type=click.Choice(("all",) + GAP_SECTIONS), default="all", show_default=True,
              help="Which analysis to show (CSV of one section is a plain table).")
@click.option("--attribute", "attributes", multiple=True, metavar="COLUMN",
              help="Also show gaps across this partner column (country, region, size...). Repeatable.")
@click.option("--brokerage-by", default="community", show_default=True, metavar="community|COLUMN",
              help="Groups for Gould-Fernandez brokerage roles: communities or a partner column (e.g. sector).")
@top_option(10, "Rows per table.", at_least_one=True)
@seed_option(0, "Seed for every random step (communities, sampling, runs).")
@format_option()
@handle_errors
def gaps_command(source: DataSource, section: str, attributes: tuple[str, ...], brokerage_by: str,
                 top: int, seed: int, fmt: str) -> None:
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

    eco = source.load()
    eco.require_ties()
    want = set(GAP_SECTIONS) if section == "all" else {section}
    for attr in attributes:
        eco.attribute(attr)  # fails early with the available columns
    partition = detect_communities(eco, seed=seed)
    sections: list[tuple[str, str, pd.DataFrame]] = []
    payload: dict[str, Any] = {"command": "gaps", "data": data_info(eco),
                               "parameters": {"top": top, "seed": seed, "section": section,
                                              "brokerage_by": brokerage_by,
                                              "attributes": list(attributes),
                                              "partition": {"method": partition.method,
                                                            **partition.params,
                                                            "modularity": partition.modularity}}}
    if "holes" in want:
        holes = structural_holes(eco)
        brokers = with_id(holes.sort_values("broker_rank").head(top))
        sections.append(("holes", "Brokers (structural holes: low constraint, high effective size)",
                         brokers))
        payload["holes"] = {"method": "Burt 1992 (networkx definitions, scipy.sparse)",
                            "params": holes.attrs.get("params"), "rows": brokers}
    if "brokerage" in want:
        by = brokerage_by
        groups = partition if by == "community" else by
        roles = brokerage_roles(eco, groups)
        ranked = with_id(roles.sort_values(["total", "name"], ascending=[False, True]).head(top))
        sections.append(("brokerage", f"Brokerage roles (Gould-Fernandez, groups: {by})", ranked))
        sections.append(("brokerage_totals", "Brokerage totals",
                         pd.DataFrame([roles.attrs["totals"]])))
        payload["brokerage"] = {"method": "Gould & Fernandez 1989", "params": roles.attrs["params"],
                                "totals": roles.attrs["totals"], "rows": ranked}
    if "fragility" in want:
        fr = fragility(eco)
        aps = with_id(fr.articulation_points.head(top))
        sections.append(("articulation_points", "Articulation points (partners whose exit splits the network)",
                         aps))
        sections.append(("bridges", "Bridges (ties whose end splits the network)", fr.bridges.head(top)))
        comps = fr.components.head(top)
        sections.append(("components", f"Components ({fr.n_components})", comps))
        dep = with_id(fr.dependency[fr.dependency["dependent"]].head(top))
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
    attrs = (["sector"] if "sector" in want else []) + list(attributes)
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
    emit_sections(sections, fmt, payload)

"""Community-level overview maps for large networks, with drill-down maps.

Above ``max_nodes`` partners a single interactive map is slow to draw and unreadable,
so :func:`overview_spec` draws **communities as nodes** (disc area proportional to the
number of members, colour = the community's colour in every other map), **ties
aggregated** between communities (width = summed tie strength), and attaches one
drill-down partner map per community (``spec["drilldowns"]``). Communities smaller
than ``MIN_DRILLDOWN`` partners share one "small communities" drill-down map.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ... import schema as S
from ...model import Ecosystem
from ...palette import OVERVIEW_EDGE
from . import style
from ...analysis.layout import compute_layout, remove_overlaps
from .inputs import MapInputs

MIN_DRILLDOWN = 3
MAX_DRILLDOWNS = 300
SMALL_KEY = "small"
SMALL_GROUP = -1


def overview_spec(eco: Ecosystem, inputs: MapInputs, *, title: str | None = None,
                  positions: Any = None, color_by: str = "community", size_by: str = "anchor_score",
                  seed: int = 0, labels: int = 15, recommendations: bool = True,
                  max_colors: int = style.MAX_COLORS, lang: str = "en",
                  analysis: Any = None, spread: bool | None = None) -> dict:
    """Overview (communities as nodes) + one drill-down spec per community."""
    from ...i18n import translator
    from .partners import SPEC_VERSION, _fmt_number, community_name, partner_spec, sector_label

    tr = translator(lang)

    assert inputs.partition is not None
    membership = inputs.partition.membership.reindex(eco.ids).astype(int)
    sizes = membership.value_counts().sort_index()
    big = sorted(int(k) for k in sorted(sizes.index, key=lambda k: (-int(sizes[k]), k))
                 [:MAX_DRILLDOWNS] if sizes[k] >= MIN_DRILLDOWN)
    small = [int(k) for k in sizes.index if int(k) not in set(big)]
    # overview groups: every big community, plus one node for all small ones (-1)
    groups = [int(k) for k in big] + ([SMALL_GROUP] if small else [])
    group_of = membership.where(membership.isin(big), SMALL_GROUP).to_numpy()
    g_sizes = pd.Series(group_of).value_counts()
    key = {g: (str(g) if g != SMALL_GROUP else SMALL_KEY) for g in groups}
    gid = {g: f"community-{key[g]}" for g in groups}

    # aggregated ties between groups
    t = eco.undirected_ties
    cs = group_of[t["source_index"].to_numpy()]
    ct = group_of[t["target_index"].to_numpy()]
    a, b = np.minimum(cs, ct), np.maximum(cs, ct)
    frame = pd.DataFrame({"a": a, "b": b, "strength": t[S.STRENGTH].to_numpy(float)})
    inside = frame[frame["a"] == frame["b"]].groupby("a")["strength"].agg(["size", "sum"])
    between = (frame[frame["a"] != frame["b"]].groupby(["a", "b"])["strength"]
               .agg(["size", "sum"]).reset_index())

    cparts = pd.DataFrame({S.ID: [gid[g] for g in groups], S.NAME: [gid[g] for g in groups]})
    crels = pd.DataFrame({S.SOURCE: [gid[int(x)] for x in between["a"]],
                          S.TARGET: [gid[int(x)] for x in between["b"]],
                          S.WEIGHT: between["sum"].to_numpy(float)})
    ceco = Ecosystem(cparts, crels, name=f"{eco.name} communities")
    # unweighted: summed strengths between big communities are so skewed that a weighted
    # layout collapses the core into one blob; widths still show the strength
    pos = compute_layout(ceco, seed=seed, spacing=220.0, weighted=False)
    node_sizes, size_legend = style.size_scale(
        pd.Series([float(g_sizes[g]) for g in groups]), min_size=10.0, max_size=60.0)
    xy = remove_overlaps(pos[["x", "y"]].to_numpy(float), node_sizes, gap=12.0)
    size_legend.update({"by": "members", "title": tr("map_members")})

    comm_items = style.category_colors([g for g in groups if g != SMALL_GROUP],
                                       kind="community", max_colors=max_colors)
    for it in comm_items:
        named = inputs.labels_in(lang).get(int(it["value"]))
        it["label"] = community_name(int(it["value"]), named, lang)
        it["named"] = bool(named)
        it["count"] = int(sizes[int(it["value"])])  # legend counts partners, not overview nodes
    n_other = sum(1 for it in comm_items if it["color"] == style.OTHER_COLOR)
    if n_other:  # one row for the communities beyond the palette
        rest = [it for it in comm_items if it["color"] == style.OTHER_COLOR]
        comm_items = [it for it in comm_items if it["color"] != style.OTHER_COLOR]
        comm_items.append({"value": style.OTHER_KEY, "label": tr("map_other_communities", n=n_other),
                           "color": style.OTHER_COLOR, "count": sum(it["count"] for it in rest),
                           "members": [it["value"] for it in rest]})
    small_label = tr("map_small_communities", n=len(small), k=MIN_DRILLDOWN)
    if small:
        comm_items.append({"value": SMALL_KEY, "label": small_label, "color": style.OTHER_COLOR,
                           "count": int(g_sizes[SMALL_GROUP])})
    comm_color = style.color_lookup(comm_items)
    grouped_other = {str(v) for it in comm_items for v in it.get("members", [])}
    sectors = eco.sectors.reindex(eco.ids)
    dominant: dict[int, str] = {}
    mix: dict[int, str] = {}
    grouped = pd.DataFrame({"c": group_of, "s": sectors.to_numpy()})
    for g, grp in grouped.groupby("c")["s"]:
        counts = grp.value_counts()
        dominant[int(g)] = str(counts.index[0])
        mix[int(g)] = ", ".join(f"{s} {100 * c / len(grp):.0f}%" for s, c in counts.head(4).items())
    sector_items = style.category_colors([dominant[g] for g in groups], kind="sector",
                                         max_colors=max_colors)
    for it in sector_items:
        it["label"] = sector_label(it["value"], lang)
    sector_color = style.color_lookup(sector_items)
    rank_metric = next((c for c in ("anchor_score", "strength", "degree") if c in inputs.table),
                       None)
    top_names: dict[int, str] = {}
    if rank_metric:
        scored = pd.DataFrame({"c": group_of, "v": inputs.table[rank_metric]
                               .reindex(eco.ids).to_numpy(float), "n": eco.names.to_numpy()})
        scored = scored.sort_values(["c", "v"], ascending=[True, False], kind="mergesort")
        for g, grp in scored.groupby("c"):
            top_names[int(g)] = ", ".join(grp["n"].head(5).astype(str))
    label_set = set(sorted((g for g in groups if g != SMALL_GROUP),
                           key=lambda g: (-int(g_sizes[g]), g))[:max(labels, 0)])

    nodes = []
    for i, g in enumerate(groups):
        attrs = {tr("map_sector_mix"): mix.get(g, "")}
        if top_names.get(g):
            attrs[tr("map_top_partners")] = top_names[g]
        name_g = (small_label if g == SMALL_GROUP
                  else community_name(g, inputs.labels_in(lang).get(g), lang))
        ckey = style.OTHER_KEY if key[g] in grouped_other else key[g]
        nodes.append({
            "id": gid[g], "name": name_g, "sector": dominant.get(g, "unknown"),
            "community": None if g == SMALL_GROUP else g,
            "x": round(float(xy[i, 0]), 2), "y": round(float(xy[i, 1]), 2),
            "size": round(float(node_sizes[i]), 2), "value": int(g_sizes[g]),
            "categories": {"community": ckey, "sector": dominant.get(g, "unknown")},
            "color": (comm_color if color_by != "sector" else sector_color).get(
                ckey if color_by != "sector" else dominant.get(g, ""), style.UNKNOWN_COLOR),
            "label": g in label_set, "focus": False,
            "metrics": {"partners": int(g_sizes[g]),
                        tr("map_ties_inside"): int(inside["size"].get(g, 0)),
                        tr("map_strength_inside"): _fmt_number(inside["sum"].get(g, 0.0))},
            "attributes": attrs, "role": None, "why": None, "articulation": False,
            "cut_off": None, "drilldown": key[g]})
    widths, width_legend = style.width_scale(between["sum"])
    width_legend["title"] = tr("map_summed_strength")
    agg_type = tr("map_ties_between")
    edges = [{"source": gid[int(x)], "target": gid[int(y)],
              "strength": _fmt_number(s), "count": int(n), "type": agg_type, "types": [agg_type],
              "width": round(float(w), 2), "color": OVERVIEW_EDGE, "bridge": False,
              "backbone": True}
             for x, y, n, s, w in zip(between["a"], between["b"], between["size"],
                                      between["sum"], widths.tolist())]
    ks = [int(k) for k in sizes.index]
    opts = dict(color_by=color_by, size_by=size_by, seed=seed, labels=labels,
                recommendations=recommendations, max_colors=max_colors, lang=lang,
                analysis=analysis, time_slider=True, spread=spread)
    drilldowns = []
    name = title or tr("map_title", name=eco.name)
    for k in big:
        ids = [str(i) for i in membership.index[membership == k]]
        label = community_name(k, inputs.labels_in(lang).get(k), lang)
        sub = partner_spec(eco, inputs, ids, positions=positions,
                           title=f"{name} — {label}",
                           scope={"community": k, "overview": True}, **opts)
        drilldowns.append({"key": str(k), "communities": [k], "spec": sub})
    if small:
        ids = [str(i) for i in membership.index[membership.isin(small)]]
        sub = partner_spec(eco, inputs, ids, positions=positions,
                           title=tr("map_title_small", name=name, n=len(small)),
                           scope={"communities": small, "overview": True}, **opts)
        drilldowns.append({"key": SMALL_KEY, "communities": small, "spec": sub})
    return {
        "version": SPEC_VERSION, "kind": "overview",
        "title": tr("map_title_overview", name=name),
        "name": eco.name, "directed": False, "scope": {"overview": True},
        "nodes": nodes, "edges": edges, "recommended": [],
        "colorings": {"community": {"title": tr("map_community"), "items": comm_items},
                      "sector": {"title": tr("map_main_sector"), "items": sector_items}},
        "color_by": "sector" if color_by == "sector" else "community",
        "size": size_legend, "width": width_legend,
        "edge_types": [{"value": agg_type, "label": agg_type, "color": OVERVIEW_EDGE,
                        "count": len(edges)}],
        "metrics": ["partners", tr("map_ties_inside"), tr("map_strength_inside")], "attributes": [],
        "overlays": {"recommended": False, "fragility": False},
        "display": {"backbone": False, "alpha": None, "drawn": len(edges), "total": len(edges)},
        "time": None, "lang": lang,
        "stats": {"partners": len(nodes), "ties": len(edges), "ties_drawn": len(edges),
                  "partners_total": eco.n_partners, "ties_total": eco.n_ties,
                  "communities": len(ks), "recommended": 0},
        "notes": list(inputs.notes) + [
            tr("map_overview_note", n=eco.n_partners, k=len(big))
            + (tr("map_overview_small", s=len(small)) if small else "")],
        "provenance": {"seed": seed, "layout": {"method": "fr", "seed": seed,
                                                "level": "communities"},
                       **inputs.provenance},
        "drilldowns": drilldowns,
    }

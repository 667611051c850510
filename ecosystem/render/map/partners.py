"""Partner-level map specs: nodes, ties, colourings, sizes, labels, overlays.

:func:`partner_spec` builds the spec of a map of some partners (the whole network, a focus
neighbourhood, a community or an overview's drill-down); :func:`ecosystem.render.maps.map_spec`
decides which. Renderers never compute metrics: every number comes from
:class:`~ecosystem.render.map.inputs.MapInputs`.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from ... import schema as S
from ...exceptions import InvalidParameterError
from ...model import Ecosystem
from . import style
from ...analysis.backbone import disparity_alphas, spanning_forest
from ...analysis.layout import compute_layout, remove_overlaps
from .inputs import TOOLTIP_METRICS, MapInputs

SPEC_VERSION = 1
#: Anchors labelled on the map by default (others show their name on hover / zoom).
DEFAULT_LABELS = 15
#: Partner attribute columns shown in tooltips.
MAX_ATTRIBUTES = 15
#: Draw only the backbone (disparity filter) when a map has more ties than this many
#: per partner (mean degree above 8): the demo (3 per partner) is drawn whole,
#: H2020 SwafS (9.5 per partner) as its backbone.
BACKBONE_ABOVE = 4.0
#: Significance level of the display backbone.
BACKBONE_ALPHA = 0.05


def _positions_for(eco: Ecosystem, ids: list[str], positions: Any, seed: int,
                   communities: pd.Series | None = None,
                   cache: dict[Any, Any] | None = None) -> pd.DataFrame:
    if positions is None:
        pos = compute_layout(eco, seed=seed, communities=communities,
                             partners=None if len(ids) == eco.n_partners else ids)
        return pos.loc[ids, ["x", "y"]]
    key = ("positions", id(positions))
    if cache is not None and key in cache and cache[key][0] is positions:
        pos = cache[key][1]  # drill-downs share the whole network's positions: index them once
    else:
        if isinstance(positions, pd.DataFrame):
            pos = positions.copy(deep=False)  # the caller's table keeps its index
        else:
            pos = pd.DataFrame.from_dict({str(k): tuple(v)[:2] for k, v in dict(positions).items()},
                                         orient="index", columns=["x", "y"])
        pos.index = pos.index.astype(str)
        if cache is not None:
            cache[key] = (positions, pos)
    if not {"x", "y"} <= set(pos.columns):
        raise InvalidParameterError("positions need columns 'x' and 'y' indexed by partner id")
    missing = [i for i in ids if i not in pos.index]
    if missing:
        raise InvalidParameterError(
            f"positions are missing {len(missing)} partner(s), e.g. {missing[0]!r}")
    out = pos.loc[ids, ["x", "y"]].astype(float)
    if not np.isfinite(out.to_numpy()).all():
        bad = out.index[~np.isfinite(out.to_numpy()).all(axis=1)][0]
        raise InvalidParameterError(f"position of partner {bad!r} is not a finite number")
    return out


def _is_number_column(values: pd.Series) -> bool:
    return (pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values))


def _size_values(eco: Ecosystem, inputs: MapInputs, size_by: str, notes: list[str]
                 ) -> tuple[str, pd.Series | None]:
    table = inputs.table
    key = (size_by or "none").strip()
    if key.lower() in ("none", "constant", "uniform"):
        return "none", None
    if key in table and _is_number_column(table[key]):
        return key, table[key]
    if key in eco.partners.columns and key not in (S.ID, S.NAME, S.SECTOR):
        values = pd.to_numeric(eco.attribute(key), errors="coerce")
        if values.notna().any():
            return key, values
    if key == "anchor_score":
        for alt in ("strength", "degree"):
            if alt in table:
                notes.append(f"anchor scores not available: sized by {alt}")
                return alt, table[alt]
        notes.append("anchor scores not available: all partners drawn the same size")
        return "none", None
    options = sorted({c for c in table.columns if _is_number_column(table[c])}
                     - {"community", "cut_off", "anchor_rank"})
    raise InvalidParameterError(
        f"size_by {size_by!r} is not an available metric or numeric attribute; "
        f"available: {', '.join(options + ['none']) or 'none'}")


def _color_modes(eco: Ecosystem, inputs: MapInputs, color_by: str, notes: list[str]
                 ) -> tuple[str, list[str]]:
    modes = (["community"] if "community" in inputs.table else []) + ["sector"]
    key = (color_by or "community").strip()
    if key == "community" and "community" not in inputs.table:
        notes.append("communities not available: coloured by sector")
        key = "sector"
    if key not in modes:
        if key not in eco.partners.columns or key in (S.ID, S.NAME):
            raise InvalidParameterError(
                f"color_by {color_by!r} is not 'community', 'sector' or a partner attribute; "
                f"attributes: {', '.join(map(str, eco.partners.columns))}")
        modes.append(key)
    return key, modes


def _fmt_number(v: Any) -> Any:
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(f):
        return None
    return int(f) if f.is_integer() and abs(f) < 2 ** 53 else float(f"{f:.6g}")


def _text(v: Any) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT:
        return None
    s = str(v)
    return s if s.strip() else None


#: Attribute texts longer than this are cut (tooltips, page size).
MAX_ATTRIBUTE_CHARS = 300


def _clip(text: str, limit: int = MAX_ATTRIBUTE_CHARS) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def partner_spec(eco: Ecosystem, inputs: MapInputs, ids: list[str], *, positions: Any = None,
                 title: str, scope: dict, color_by: str = "community",
                 size_by: str = "anchor_score", seed: int = 0, labels: int = DEFAULT_LABELS,
                 recommendations: bool = True, max_colors: int = style.MAX_COLORS,
                 focus: str | None = None, lang: str = "en", analysis: Any = None,
                 time_slider: bool = True, spread: bool | None = None) -> dict:
    """The spec of a map of the partners ``ids`` (see :func:`map_spec`)."""
    from ...i18n import EN, translator

    tr = translator(lang)
    notes = list(inputs.notes)
    ids = list(dict.fromkeys(map(str, ids)))
    membership = inputs.partition.membership if inputs.partition is not None else None
    computed = positions is None or bool(spread)
    layout_method = ("communities" if membership is not None else "fr") if positions is None \
        else getattr(positions, "attrs", {}).get("layout", {}).get("method", "given")
    pos = _positions_for(eco, ids, positions, seed, membership, inputs.cache)
    edges, edge_types, width_legend = _edges(eco, inputs, ids)
    width_legend["title"] = tr("map_tie_strength")
    degree = pd.Series(0, index=ids, dtype=np.int64)
    if edges:
        ends = pd.Series([e["source"] for e in edges] + [e["target"] for e in edges])
        degree = degree.add(ends.value_counts().reindex(ids, fill_value=0), fill_value=0)
    isolated = (degree.to_numpy() == 0).tolist()
    table = inputs.table.reindex(ids)
    by_id = inputs.cache.get(("partners", id(eco)))
    if by_id is None or by_id[0] is not eco:  # indexed once for every drill-down
        by_id = inputs.cache[("partners", id(eco))] = (eco, eco.partners.set_index(S.ID))
    partners = by_id[1].reindex(ids)
    size_key, size_values = _size_values(eco, inputs, size_by, notes)
    if size_values is None:
        sizes = np.full(len(ids), 12.0)
        size_legend: dict[str, Any] = {"samples": [], "min": None, "max": None}
    else:
        sizes, size_legend = style.size_scale(size_values.reindex(ids))
    size_legend.update({"by": size_key, "title": (tr(f"map_{size_key}") if f"map_{size_key}" in EN
                                                  else size_key.replace("_", " "))})

    color_key, modes = _color_modes(eco, inputs, color_by, notes)
    if color_key == "community" and table["community"].nunique(dropna=True) <= 1 and len(ids) > 1:
        color_key = "sector"  # one community (a drill-down): colour by sector instead
        notes.append("one community on this map: coloured by sector (switch in the page)")
    colorings: dict[str, dict] = {}
    cats: dict[str, list[str]] = {}
    for mode in modes:
        if mode == "community":
            raw = [None if pd.isna(v) else int(v) for v in table["community"]]
            items = style.category_colors(raw, kind="community", max_colors=max_colors)
            for it in items:
                try:
                    k = int(it["value"])
                except ValueError:
                    continue
                named = inputs.labels_in(lang).get(k)
                it["label"] = community_name(k, named, lang)
                it["named"] = bool(named)  # the name already gives the size
        elif mode == "sector":
            raw = partners[S.SECTOR].tolist()
            items = style.category_colors(raw, kind="sector", max_colors=max_colors)
            for it in items:
                it["label"] = sector_label(it["value"], lang)
        else:
            raw = partners[mode].tolist()
            items = style.category_colors(raw, kind="category", max_colors=max_colors)
        for it in items:
            if it["value"] == "unknown":
                it["label"] = tr("map_unknown")
        items, keys = style.group_items(
            items, style.category_keys(raw), other_label=tr("map_other_communities")
            if mode == "community" else tr("map_other"),
            isolated=isolated if mode == "community" else None,
            isolated_label=tr("map_isolated"))
        heading = tr("map_" + mode) if mode in ("community", "sector") else \
            mode.replace("_", " ").capitalize()
        colorings[mode] = {"title": heading, "items": items}
        cats[mode] = keys
    lookups = {m: style.color_lookup(c["items"]) for m, c in colorings.items()}

    # labels: the top partners by the size metric (anchors by rank)
    label_ids: set[str] = set()
    if labels and size_values is not None:
        if size_key == "anchor_score" and "anchor_rank" in table:
            order = table["anchor_rank"].sort_values(kind="mergesort")
        else:
            order = -size_values.reindex(ids).astype(float)
            order = order.sort_values(kind="mergesort")
        label_ids = set(order.dropna().index[:labels].astype(str))
    if focus:
        label_ids.add(focus)

    metric_cols = [c for c in TOOLTIP_METRICS if c in table and table[c].notna().any()]
    attr_cols = [c for c in partners.columns if c not in (S.NAME, S.SECTOR)][:MAX_ATTRIBUTES]
    names = partners[S.NAME].astype(str).tolist()
    sectors = partners[S.SECTOR].astype(str).tolist()
    community = table["community"].tolist() if "community" in table else [None] * len(ids)
    col = {c: table[c].tolist() for c in ("anchor_rank", "role", "why", "articulation",
                                         "cut_off") if c in table}
    metric_vals = {c: _per_value(table[c], _fmt_number) for c in metric_cols}  # formatted
    attr_vals = {c: partners[c].tolist() for c in attr_cols}
    size_raw = size_values.reindex(ids).tolist() if size_values is not None else [None] * len(ids)
    xy = pos[["x", "y"]].to_numpy(float)
    if computed:
        xy = remove_overlaps(xy, np.asarray(sizes, dtype=float))
    xs, ys = xy[:, 0], xy[:, 1]
    nodes = []
    for i, pid in enumerate(ids):
        node = {"id": pid, "name": names[i], "sector": sectors[i],
                "community": None if community[i] is None or pd.isna(community[i])
                else int(community[i]),
                "x": round(float(xs[i]), 2), "y": round(float(ys[i]), 2),
                "size": round(float(sizes[i]), 2), "value": _fmt_number(size_raw[i]),
                "categories": {m: cats[m][i] for m in modes},
                "color": lookups[color_key].get(cats[color_key][i], style.UNKNOWN_COLOR),
                "isolated": bool(isolated[i]),
                "label": pid in label_ids, "focus": pid == focus,
                "metrics": {c: metric_vals[c][i] for c in metric_cols},
                "attributes": {c: _clip(t) for c in attr_cols
                               if (t := _text(attr_vals[c][i])) is not None}}
        if "anchor_rank" in col:
            node["anchor_rank"] = _fmt_number(col["anchor_rank"][i])
        node["role"] = _text(col["role"][i]) if "role" in col else None
        if node["role"] and lang != "en":
            node["role"] = tr("role_" + node["role"])
        node["why"] = _text(col["why"][i]) if "why" in col else None
        node["articulation"] = bool(col["articulation"][i]) if "articulation" in col else False
        node["cut_off"] = (_fmt_number(col["cut_off"][i]) if "cut_off" in col
                           and node["articulation"] else None)
        nodes.append(node)

    # ties: neutral grey, tinted when both ends share a colour (one colour key at a time)
    colour_of = dict(zip(ids, (n["color"] for n in nodes)))
    key_of = dict(zip(ids, cats[color_key]))
    for e in edges:
        same = key_of[e["source"]] == key_of[e["target"]] and \
            key_of[e["source"]] not in (style.OTHER_KEY, "unknown", style.ISOLATED_KEY)
        e["color"] = style.tint(colour_of[e["source"]]) if same else style.NEUTRAL_EDGE
    display = _display_backbone(edges, ids, dict(zip(ids, (n["community"] for n in nodes))))
    if display["backbone"]:
        notes.append(tr("map_backbone_note", alpha=display["alpha"]))
    from ...analysis.temporal.activity import evolution_activity, map_snapshots, time_spec

    time = None
    if time_slider:
        if "snapshots" not in inputs.cache:  # drill-downs share one set of snapshots
            inputs.cache["snapshots"] = map_snapshots(eco, analysis)
        snaps, time_notes = inputs.cache["snapshots"]
        if len(snaps) >= 2 and "activity" not in inputs.cache:  # ... and one index of them
            inputs.cache["activity"] = evolution_activity(snaps, analysis, directed=eco.directed)
        time = time_spec(snaps, ids, edges, directed=eco.directed,
                         index=inputs.cache.get("activity"))
        notes += time_notes if time else []
    recommended = []
    if recommendations and inputs.recommendations is not None:
        r = inputs.recommendations
        keep = r["source"].isin(ids) & r["target"].isin(ids)
        name_of = eco.names
        for s, t, score, why in zip(r.loc[keep, "source"], r.loc[keep, "target"],
                                    r.loc[keep, "score"], r.loc[keep, "why"]):
            recommended.append({"source": s, "target": t, "score": _fmt_number(score),
                                "why": _text(why), "source_name": str(name_of[s]),
                                "target_name": str(name_of[t])})
    return {
        "version": SPEC_VERSION, "kind": "partners", "title": str(title),
        "name": eco.name, "directed": eco.directed, "scope": scope,
        "nodes": nodes, "edges": edges, "recommended": recommended,
        "colorings": colorings, "color_by": color_key,
        "size": size_legend, "width": width_legend, "edge_types": edge_types,
        "metrics": metric_cols, "attributes": attr_cols,
        "overlays": {"recommended": bool(recommended), "fragility": False},
        "display": display, "time": time, "lang": lang,
        "stats": {"partners": len(nodes), "ties": len(edges),
                  "ties_drawn": display["drawn"],
                  "partners_total": eco.n_partners, "ties_total": eco.n_ties,
                  "recommended": len(recommended)},
        "notes": list(dict.fromkeys(notes)),
        "provenance": {"seed": seed, "layout": {"method": layout_method, "seed": seed,
                                                "weights": "strength (median-normalised)"}
                       if computed else {"method": "given"},
                       "color_by": color_key, "size_by": size_key,
                       "ecosystem": eco.settings(), **inputs.provenance},
    }


def community_name(k: int, label: str | None, lang: str = "en") -> str:
    """Legend name of community ``k``: its descriptive name (as in the report) when known.

    Examples
    --------
    >>> community_name(2, None, "ko"), community_name(0, "Startup-led cluster around A (KR, 5)")
    ('커뮤니티 2', 'Startup-led cluster around A (KR, 5)')
    """
    from ...i18n import translator

    return str(label) if label else translator(lang)("map_community_n", k=k)


def sector_label(value: Any, lang: str = "en") -> str:
    """A sector value as the page shows it (common sector names translated).

    Examples
    --------
    >>> sector_label("university", "ko"), sector_label("Biotech", "ko")
    ('대학', 'Biotech')
    """
    from ...analysis.naming import sector_word
    from ...i18n import STRINGS

    text = str(value)
    word = sector_word(text, lang)
    if word != text.replace("_", " "):
        return word
    return STRINGS.get(lang, {}).get("map_sector_" + text.strip().lower(), text)


def _display_backbone(edges: list[dict], ids: list[str], community: dict) -> dict:
    """Flag the ties the page draws by default (``edge["backbone"]``) and say how many.

    Dense maps (more than :data:`BACKBONE_ABOVE` ties per partner) draw the ties that
    the disparity filter (:mod:`ecosystem.analysis.backbone`, on this map's ties, alpha
    :data:`BACKBONE_ALPHA`, one-tie partners kept) finds significant for at least one
    end, plus a maximum spanning forest (strongest ties, ties inside a community
    preferred on equal strength) so that no partner floats loose; every other tie stays
    in the data (click a partner, or "draw every tie").
    """
    m = len(edges)
    dense = m > BACKBONE_ABOVE * max(len(ids), 1)
    if not dense:
        for e in edges:
            e["backbone"] = True
        return {"backbone": False, "alpha": None, "drawn": m, "total": m}
    index = {pid: i for i, pid in enumerate(ids)}
    src = np.fromiter((index[e["source"]] for e in edges), dtype=np.int64, count=m)
    dst = np.fromiter((index[e["target"]] for e in edges), dtype=np.int64, count=m)
    w = np.array([float(e["strength"] or 0.0) for e in edges], dtype=float)
    w = np.where(w > 0, w, np.nan)
    w = np.where(np.isnan(w), np.nanmin(w) if np.isfinite(w).any() else 1.0, w)
    a_s, a_t, kmin = disparity_alphas(src, dst, w, len(ids))
    keep = (a_s < BACKBONE_ALPHA) | (a_t < BACKBONE_ALPHA) | (kmin == 1)
    same = np.array([community.get(e["source"]) is not None
                     and community.get(e["source"]) == community.get(e["target"]) for e in edges])
    keep |= spanning_forest(src, dst, w, len(ids), prefer=same)
    for e, k in zip(edges, keep.tolist()):
        e["backbone"] = bool(k)
    return {"backbone": True, "alpha": BACKBONE_ALPHA, "drawn": int(keep.sum()), "total": m}


def _primary_types(eco: Ecosystem, inputs: MapInputs) -> np.ndarray:
    """The strongest relation type of every tie (aligned with ``eco.ties``), cached."""
    key = ("primary_types", id(eco))
    if key not in inputs.cache:
        tt, ties = eco.tie_types, eco.ties
        if len(tt) == len(ties) and (tt[S.SOURCE].to_numpy() == ties[S.SOURCE].to_numpy()).all() \
                and (tt[S.TARGET].to_numpy() == ties[S.TARGET].to_numpy()).all():
            # one relation type per tie, in the ties' order: each tie's only type
            inputs.cache[key] = tt[S.TYPE].to_numpy(object)
            return inputs.cache[key]
        primary = (tt.sort_values([S.STRENGTH, S.TYPE], ascending=[False, True], kind="mergesort")
                   .drop_duplicates([S.SOURCE, S.TARGET]).set_index([S.SOURCE, S.TARGET])[S.TYPE])
        ties = eco.ties
        inputs.cache[key] = primary.reindex(
            pd.MultiIndex.from_arrays([ties[S.SOURCE], ties[S.TARGET]])).to_numpy(object)
    return inputs.cache[key]


def _edges(eco: Ecosystem, inputs: MapInputs, ids: list[str]) -> tuple[list, list, dict]:
    ties = eco.ties
    prim_all = _primary_types(eco, inputs)
    if len(ids) != eco.n_partners:
        inside = np.zeros(eco.n_partners, dtype=bool)
        inside[eco.ids.get_indexer(ids)] = True
        mask = inside[ties["source_index"].to_numpy()] & inside[ties["target_index"].to_numpy()]
        ties = ties[mask]
        prim_all = prim_all[mask]
    prim = prim_all.tolist()
    type_counts = pd.Series(prim, dtype=object).value_counts() if prim else pd.Series(dtype=int)
    types = style.edge_type_styles(type_counts)
    type_color = {t["value"]: t["color"] for t in types}
    widths, width_legend = style.width_scale(ties[S.STRENGTH])
    width_legend["title"] = "tie strength"
    bridge_cut: dict[tuple[str, str], int] = {}
    if inputs.bridges is not None:
        for s, t, c in zip(inputs.bridges["source"], inputs.bridges["target"],
                           inputs.bridges["cut_off"]):
            bridge_cut[(s, t)] = int(c)
            bridge_cut[(t, s)] = int(c)
    edges = []
    split: dict[Any, list[str]] = {}  # "a;b" -> ["a", "b"], once per distinct text
    kind: dict[Any, tuple[str, str]] = {}  # primary type -> (text, colour)
    for s, t, st, cnt, tys, w, p in zip(ties[S.SOURCE].tolist(), ties[S.TARGET].tolist(),
                                        _per_value(ties[S.STRENGTH], _fmt_number),
                                        ties[S.COUNT].tolist(), ties["types"].tolist(),
                                        _per_value(widths, lambda v: round(float(v), 2)), prim):
        if tys not in split:
            split[tys] = str(tys).split(";") if tys else []
        if p not in kind:
            kind[p] = (str(p), type_color.get(str(p), style.EDGE_OTHER_COLOR))
        cut = bridge_cut.get((s, t))
        e = {"source": s, "target": t, "strength": st, "count": int(cnt),
             "type": kind[p][0], "types": split[tys][:],
             "width": w, "color": kind[p][1], "bridge": cut is not None}
        if cut is not None:
            e["cut_off"] = cut
        edges.append(e)
    return edges, types, width_legend


def _per_value(values: Any, fmt: Any) -> list:
    """``[fmt(v) for v in values]``, calling ``fmt`` once per distinct number."""
    arr = values.to_numpy() if isinstance(values, pd.Series) else np.asarray(values)
    if arr.dtype.kind not in "fiu" or arr.size == 0:
        return [fmt(v) for v in (values.tolist() if isinstance(values, pd.Series)
                                 else arr.tolist())]
    uniq, inverse = np.unique(arr, return_inverse=True)  # NaNs share one entry
    done = [fmt(v) for v in uniq.tolist()]
    return [done[k] for k in inverse.ravel().tolist()]

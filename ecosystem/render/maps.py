"""Interactive network maps: one self-contained, offline HTML file per map.

:func:`map_spec` turns an ecosystem and its analysis into a map *specification*: plain
data (JSON-ready dict) with every node's position, size, colour, label and tooltip
fields, every tie's width and colour, the overlays (recommended partnerships, bridges,
articulation points) and the legend. :func:`write_map` / :func:`map_html` render it as
an HTML page using the vis-network engine shipped inside the ``pyvis`` package (inlined,
so the page loads nothing from the network), :func:`ecosystem.render.image.write_image`
draws the same layout as PNG/SVG, and :class:`MapView` shows it in notebooks.

Networks above ``max_nodes`` partners (default 3,000) become a community-level
overview (communities as nodes, ties aggregated) with one drill-down map per community.

Examples
--------
>>> from ecosystem import Ecosystem
>>> eco = Ecosystem.from_edges([("a", "b", 2), ("b", "c", 1), ("c", "a", 1), ("c", "d", 1)])
>>> spec = map_spec(eco, analysis={})
>>> spec["kind"], len(spec["nodes"]), len(spec["edges"])
('partners', 4, 4)
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import pandas as pd

from .. import schema as S
from ..exceptions import EmptyGraphError, InvalidParameterError
from ..model import Ecosystem
from . import maps_style as style
from .layout import compute_layout, remove_overlaps
from .maps_analysis import TOOLTIP_METRICS, MapInputs, gather

SPEC_VERSION = 1
#: Above this many partners a whole-network map becomes an overview + drill-downs.
DEFAULT_MAX_NODES = 3000
#: Anchors labelled on the map by default (others show their name on hover / zoom).
DEFAULT_LABELS = 15
MAX_ATTRIBUTES = 15


def map_spec(eco: Ecosystem, *, analysis: Any = None, color_by: str = "community",
             size_by: str = "anchor_score", positions: pd.DataFrame | Mapping | None = None,
             focus: str | None = None, depth: int = 1, community: int | None = None,
             seed: int = 0, labels: int = DEFAULT_LABELS,
             max_nodes: int | None = DEFAULT_MAX_NODES, title: str | None = None,
             recommendations: bool = True, max_colors: int = len(style.PALETTE),
             config: Any = None, lang: str = "en") -> dict:
    """The specification (pure data) of a partner map.

    Parameters
    ----------
    eco : Ecosystem
    analysis : Analysis, dict or object, optional
        Results to draw (attributes ``partition``, ``anchors``, ``centrality``,
        ``roles``, ``fragility``, ``recommendations``, ``communities``; any may be
        missing). ``None`` runs the analyses a map needs (through
        :func:`ecosystem.pipeline.analyze`); ``{}`` draws the bare network.
    color_by : str, default "community"
        ``community``, ``sector`` or any partner attribute column.
    size_by : str, default "anchor_score"
        A metric (``anchor_score``, ``degree``, ``strength``, ``pagerank``,
        ``betweenness``...), a numeric partner attribute, or ``none``.
    positions : DataFrame (x, y indexed by id) or mapping id -> (x, y), optional
        Precomputed positions (default: :func:`~ecosystem.render.layout.compute_layout`).
    focus : str, optional
        Partner name or id: map only its neighbourhood up to ``depth`` ties away.
    depth : int, default 1
    community : int, optional
        Map only this community (from the analysis' partition).
    seed : int, default 0
        Seed for the layout (and for analyses run here).
    labels : int, default 15
        How many top partners (by the size metric) carry a permanent label.
    max_nodes : int or None, default 3000
        Above this many partners, a whole-network map becomes a community overview
        with one drill-down map per community (``None`` or 0: never).
    title : str, optional
    recommendations : bool, default True
        Include recommended partnerships (dashed edges overlay).
    max_colors : int, default 12
        Categories beyond this share the "other" grey.
    config : Config, mapping or YAML path, optional
        How to run the analyses when ``analysis`` is None (community method and
        resolution, centrality sampling, ...; see ``ecosystem init``).
    lang : {"en", "ko"}, default "en"
        Wording of the page (controls, legend, tooltips); data is never translated.

    Returns
    -------
    dict
        ``kind`` ("partners" or "overview"), ``title``, ``nodes`` (list of dicts: id,
        name, sector, community, x, y, size, color, categories, label, metrics,
        attributes, role, why, articulation...), ``edges`` (source, target, strength,
        width, type, types, color, bridge...), ``recommended``, ``colorings`` (legend
        items per colouring), ``color_by``, ``size``/``width`` (scales with legend
        samples), ``edge_types``, ``notes``, ``provenance``; an overview also has
        ``drilldowns`` (one partner-map spec per community).

    Raises
    ------
    PartnerNotFoundError
        ``focus`` names no partner.
    InvalidParameterError
        Unknown ``color_by``/``size_by``, bad ``depth``, unknown ``community``.

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d")])
    >>> spec = map_spec(eco, analysis={}, focus="a", depth=1, size_by="none")
    >>> sorted(n["id"] for n in spec["nodes"])
    ['a', 'b']
    """
    if depth is None or int(depth) < 0:
        raise InvalidParameterError(f"depth must be >= 0, got {depth!r}")
    if labels is None or int(labels) < 0:
        raise InvalidParameterError(f"labels must be >= 0, got {labels!r}")
    if eco.n_partners == 0:
        raise EmptyGraphError(f"{eco.name}: no partners to map")
    from .maps_html import ui_text

    ui_text(lang)  # validates
    inputs = gather(eco, analysis, seed=seed, recommendations=recommendations, config=config)
    opts = dict(color_by=color_by, size_by=size_by, seed=seed, labels=int(labels),
                recommendations=recommendations, max_colors=max_colors)
    if focus is not None and community is not None:
        raise InvalidParameterError("give either focus or community, not both")
    if focus is not None:
        fid = eco.resolve(focus)
        vid = int(eco.ids.get_loc(fid))
        hood = eco.igraph.neighborhood(vid, order=int(depth))
        ids = [str(eco.ids[v]) for v in sorted(hood)]
        name = str(eco.names[fid])
        t = title or f"{name}: partners within {int(depth)} tie{'s' if int(depth) != 1 else ''}"
        return _with_lang(partner_spec(eco, inputs, ids, positions=positions, title=t, focus=fid,
                                       scope={"focus": fid, "focus_name": name,
                                              "depth": int(depth)}, **opts), lang)
    if community is not None:
        if inputs.partition is None:
            raise InvalidParameterError("community maps need communities, and none are available")
        members = inputs.partition.membership
        try:
            k = int(community)
        except (TypeError, ValueError):
            raise InvalidParameterError(f"community must be a number, got {community!r}") from None
        ids = [str(i) for i in members.index[members == k]]
        if not ids:
            raise InvalidParameterError(
                f"community {k} does not exist; communities are numbered 0.."
                f"{inputs.partition.n_communities - 1}")
        label = inputs.community_labels.get(k)
        t = title or (f"Community {k}: {label}" if label else f"Community {k}")
        return _with_lang(partner_spec(eco, inputs, ids, positions=positions, title=t,
                                       scope={"community": k}, **opts), lang)
    if max_nodes and eco.n_partners > int(max_nodes) and inputs.partition is not None:
        from .maps_overview import overview_spec

        return _with_lang(overview_spec(eco, inputs, title=title, positions=positions, **opts),
                          lang)
    t = title or f"{eco.name}: partner map"
    spec = partner_spec(eco, inputs, list(map(str, eco.ids)), positions=positions, title=t,
                        scope={}, **opts)
    if max_nodes and eco.n_partners > int(max_nodes):
        spec["notes"].append(f"{eco.n_partners} partners exceed max_nodes={max_nodes}, but "
                             "no communities are available for an overview")
    return _with_lang(spec, lang)


def _with_lang(spec: dict, lang: str) -> dict:
    spec["lang"] = lang.lower()
    for d in spec.get("drilldowns", []):
        d["spec"]["lang"] = lang.lower()
    return spec


def _positions_for(eco: Ecosystem, ids: list[str], positions: Any, seed: int) -> pd.DataFrame:
    if positions is None:
        pos = compute_layout(eco, seed=seed,
                             partners=None if len(ids) == eco.n_partners else ids)
        return pos.loc[ids, ["x", "y"]]
    if isinstance(positions, pd.DataFrame):
        pos = positions
    else:
        pos = pd.DataFrame.from_dict({str(k): tuple(v)[:2] for k, v in dict(positions).items()},
                                     orient="index", columns=["x", "y"])
    pos.index = pos.index.astype(str)
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
                 recommendations: bool = True, max_colors: int = len(style.PALETTE),
                 focus: str | None = None) -> dict:
    """The spec of a map of the partners ``ids`` (see :func:`map_spec`)."""
    notes = list(inputs.notes)
    ids = list(dict.fromkeys(map(str, ids)))
    pos = _positions_for(eco, ids, positions, seed)
    table = inputs.table.reindex(ids)
    partners = eco.partners.set_index(S.ID).reindex(ids)
    size_key, size_values = _size_values(eco, inputs, size_by, notes)
    if size_values is None:
        sizes = np.full(len(ids), 12.0)
        size_legend: dict[str, Any] = {"samples": [], "min": None, "max": None}
    else:
        sizes, size_legend = style.size_scale(size_values.reindex(ids))
    size_legend.update({"by": size_key, "title": size_key.replace("_", " ")})

    color_key, modes = _color_modes(eco, inputs, color_by, notes)
    colorings: dict[str, dict] = {}
    cats: dict[str, list[str]] = {}
    for mode in modes:
        if mode == "community":
            raw = [None if pd.isna(v) else int(v) for v in table["community"]]
            items = style.category_colors(raw, kind="community", max_colors=max_colors)
            for it in items:
                try:
                    lab = inputs.community_labels.get(int(it["value"]))
                except ValueError:
                    lab = None
                if lab:
                    it["label"] = lab if lab.lower().startswith("community") else \
                        f"{it['label']}: {lab}"
        elif mode == "sector":
            raw = partners[S.SECTOR].tolist()
            items = style.category_colors(raw, kind="sector", max_colors=max_colors)
        else:
            raw = partners[mode].tolist()
            items = style.category_colors(raw, kind="category", max_colors=max_colors)
        colorings[mode] = {"title": mode.replace("_", " ").capitalize(), "items": items}
        cats[mode] = style.category_keys(raw)
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
    metric_vals = {c: table[c].tolist() for c in metric_cols}
    attr_vals = {c: partners[c].tolist() for c in attr_cols}
    size_raw = size_values.reindex(ids).tolist() if size_values is not None else [None] * len(ids)
    xy = pos[["x", "y"]].to_numpy(float)
    if positions is None:
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
                "label": pid in label_ids, "focus": pid == focus,
                "metrics": {c: _fmt_number(metric_vals[c][i]) for c in metric_cols},
                "attributes": {c: _clip(t) for c in attr_cols
                               if (t := _text(attr_vals[c][i])) is not None}}
        if "anchor_rank" in col:
            node["anchor_rank"] = _fmt_number(col["anchor_rank"][i])
        node["role"] = _text(col["role"][i]) if "role" in col else None
        node["why"] = _text(col["why"][i]) if "why" in col else None
        node["articulation"] = bool(col["articulation"][i]) if "articulation" in col else False
        node["cut_off"] = (_fmt_number(col["cut_off"][i]) if "cut_off" in col
                           and node["articulation"] else None)
        nodes.append(node)

    edges, edge_types, width_legend = _edges(eco, inputs, ids)
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
        "stats": {"partners": len(nodes), "ties": len(edges),
                  "partners_total": eco.n_partners, "ties_total": eco.n_ties,
                  "recommended": len(recommended)},
        "notes": list(dict.fromkeys(notes)),
        "provenance": {"seed": seed, "layout": {"method": "fr", "seed": seed,
                                                "weights": "strength (median-normalised)"}
                       if positions is None else {"method": "given"},
                       "color_by": color_key, "size_by": size_key,
                       "ecosystem": eco.settings(), **inputs.provenance},
    }


def _primary_types(eco: Ecosystem, inputs: MapInputs) -> np.ndarray:
    """The strongest relation type of every tie (aligned with ``eco.ties``), cached."""
    key = ("primary_types", id(eco))
    if key not in inputs.cache:
        tt = eco.tie_types
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
    for s, t, st, cnt, tys, w, p in zip(ties[S.SOURCE].tolist(), ties[S.TARGET].tolist(),
                                        ties[S.STRENGTH].tolist(), ties[S.COUNT].tolist(),
                                        ties["types"].tolist(), widths.tolist(), prim):
        e = {"source": s, "target": t, "strength": _fmt_number(st), "count": int(cnt),
             "type": str(p), "types": str(tys).split(";") if tys else [],
             "width": round(float(w), 2), "color": type_color.get(str(p), style.EDGE_OTHER_COLOR),
             "bridge": (s, t) in bridge_cut}
        if e["bridge"]:
            e["cut_off"] = bridge_cut[(s, t)]
        edges.append(e)
    return edges, types, width_legend


# ---------------------------------------------------------------------- output
def map_html(spec: dict, *, embed: bool = False) -> str:
    """The map as one self-contained HTML page (no network access needed).

    ``embed=True`` gives an iframe-ready page without header or side panel chrome,
    sized by its container (100% width and height).
    """
    from .maps_html import render_page

    return render_page(spec, embed=embed)


def write_map(spec: dict, path: str | Path, *, embed: bool = False) -> Path:
    """Write the map to ``path`` (atomically) and return the path.

    For an overview spec, one drill-down page per community is written next to it
    (``<stem>_community_<k>.html``), linked from the overview.
    """
    from .maps_html import write_pages

    return write_pages(spec, Path(path), embed=embed)


def map_files(spec: dict, path: str | Path) -> list[Path]:
    """Every file :func:`write_map` writes for ``spec`` at ``path`` (overview first)."""
    from .maps_html import drilldown_file

    path = Path(path)
    return [path] + [path.with_name(drilldown_file(path.stem, d["key"]))
                     for d in spec.get("drilldowns", [])]


class MapView:
    """A map you can show in a notebook, save as HTML or as an image.

    ``_repr_html_`` puts the offline page in an ``<iframe srcdoc>`` (works in Jupyter,
    JupyterLab and VS Code without any extension or network access).

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> view = make_map(Ecosystem.from_edges([("a", "b"), ("b", "c")]), analysis={})
    >>> view
    MapView('ecosystem: partner map': 3 partners, 2 ties)
    >>> view._repr_html_().startswith("<iframe")
    True
    """

    def __init__(self, spec: dict, *, height: int = 600) -> None:
        self.spec = spec
        self.height = int(height)

    def html(self, *, embed: bool = True) -> str:
        return map_html(self.spec, embed=embed)

    def _repr_html_(self) -> str:
        from .maps_html import iframe

        return iframe(self.html(embed=True), height=f"{self.height}px")

    def save(self, path: str | Path, *, embed: bool = False) -> Path:
        """Write the interactive map (``.html``) or a static image (``.png``/``.svg``)."""
        path = Path(path)
        if path.suffix.lower() in (".png", ".svg"):
            return self.save_image(path)
        return write_map(self.spec, path, embed=embed)

    def save_image(self, path: str | Path, **kwargs: Any) -> Path:
        """Write a PNG or SVG of the same layout, colours and sizes, with a legend."""
        from .image import write_image

        return write_image(self.spec, path, **kwargs)

    def __repr__(self) -> str:
        st = self.spec.get("stats", {})
        return (f"MapView({self.spec.get('title')!r}: {st.get('partners')} "
                f"{'communities' if self.spec.get('kind') == 'overview' else 'partners'}, "
                f"{st.get('ties')} ties)")


def make_map(eco: Ecosystem, **kwargs: Any) -> MapView:
    """A :class:`MapView` of ``eco`` (keyword arguments as for :func:`map_spec`)."""
    height = kwargs.pop("height", 600)
    return MapView(map_spec(eco, **kwargs), height=height)


show_map = make_map

__all__ = ["map_spec", "map_html", "write_map", "map_files", "MapView", "make_map",
           "show_map", "partner_spec", "DEFAULT_MAX_NODES"]

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

This module draws results it is given; :func:`ecosystem.map_spec` and
:func:`ecosystem.make_map` (:mod:`ecosystem.map_analyses`) also run the analyses a map
needs when none are given.

Examples
--------
>>> from ecosystem import Ecosystem
>>> eco = Ecosystem.from_edges([("a", "b", 2), ("b", "c", 1), ("c", "a", 1), ("c", "d", 1)])
>>> spec = map_spec(eco, analysis={})
>>> spec["kind"], len(spec["nodes"]), len(spec["edges"])
('partners', 4, 4)
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import pandas as pd

from ...exceptions import EmptyGraphError, InvalidParameterError
from ...model import Ecosystem
from . import style
from .inputs import gather
from .partners import DEFAULT_LABELS, SPEC_VERSION, partner_spec

#: Above this many partners a whole-network map becomes an overview + drill-downs.
DEFAULT_MAX_NODES = 3000


def map_spec(eco: Ecosystem, *, analysis: Any, color_by: str = "community",
             size_by: str = "anchor_score", positions: pd.DataFrame | Mapping | None = None,
             focus: str | None = None, depth: int = 1, community: int | None = None,
             seed: int = 0, labels: int = DEFAULT_LABELS,
             max_nodes: int | None = DEFAULT_MAX_NODES, title: str | None = None,
             recommendations: bool = True, max_colors: int = style.MAX_COLORS,
             lang: str = "en", time: bool = True, spread: bool | None = None,
             notes: Sequence[str] = ()) -> dict:
    """The specification (pure data) of a partner map.

    Parameters
    ----------
    eco : Ecosystem
    analysis : AnalysisResult, dict or object
        Results to draw (attributes ``partition``, ``anchors``, ``centrality``,
        ``roles``, ``fragility``, ``recommendations``, ``communities``; any may be
        missing); ``{}`` draws the bare network. To run the analyses a map needs, use
        :func:`ecosystem.map_spec` (:mod:`ecosystem.map_analyses`).
    color_by : str, default "community"
        ``community``, ``sector`` or any partner attribute column.
    size_by : str, default "anchor_score"
        A metric (``anchor_score``, ``degree``, ``strength``, ``pagerank``,
        ``betweenness``...), a numeric partner attribute, or ``none``.
    positions : DataFrame (x, y indexed by id) or mapping id -> (x, y), optional
        Precomputed positions (default: :func:`~ecosystem.analysis.layout.compute_layout`).
    focus : str, optional
        Partner name or id: map only its neighbourhood up to ``depth`` ties away.
    depth : int, default 1
    community : int, optional
        Map only this community (from the analysis' partition).
    seed : int, default 0
        Seed for the layout.
    labels : int, default 15
        How many top partners (by the size metric) carry a permanent label.
    max_nodes : int or None, default 3000
        Above this many partners, a whole-network map becomes a community overview
        with one drill-down map per community (``None`` or 0: never).
    title : str, optional
    recommendations : bool, default True
        Include recommended partnerships (dashed edges overlay).
    max_colors : int, default 10
        Categories beyond this share one "other" legend row (grey); partners without
        ties get one "isolated" row.
    lang : {"en", "ko"}, default "en"
        Wording of the page (title, controls, legend, tooltips, common sector and role
        names); partner names are never translated.
    spread : bool, optional
        Push overlapping discs apart. Default: only for positions computed here; given
        ``positions`` are used exactly (``spread=True`` adjusts them too, as
        :meth:`ecosystem.pipeline.Analysis.map_spec` does with the analysis' layout).
    time : bool, default True
        For dated relations, add a time slider (the snapshots of
        :func:`ecosystem.analysis.temporal.evolve`; ``spec["time"]``).
    notes : sequence of str, optional
        Notes that open ``spec["notes"]`` (e.g. why no analysis was run).

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
    check_map_options(eco, depth=depth, labels=labels, lang=lang)
    from ...i18n import translator

    lang = lang.lower()
    t = translator(lang)
    inputs = gather(eco, analysis, recommendations=recommendations, notes=notes, lang=lang)
    opts = dict(color_by=color_by, size_by=size_by, seed=seed, labels=int(labels),
                recommendations=recommendations, max_colors=max_colors, lang=lang,
                analysis=analysis, time_slider=bool(time), spread=spread)
    if focus is not None and community is not None:
        raise InvalidParameterError("give either focus or community, not both")
    if focus is not None:
        fid = eco.resolve(focus)
        vid = int(eco.ids.get_loc(fid))
        hood = eco.igraph.neighborhood(vid, order=int(depth))
        ids = [str(eco.ids[v]) for v in sorted(hood)]
        name = str(eco.names[fid])
        head = title or t("map_title_focus", name=name, depth=int(depth))
        return _with_lang(partner_spec(eco, inputs, ids, positions=positions, title=head,
                                       focus=fid,
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
        from .partners import community_name

        head = title or community_name(k, inputs.labels_in(lang).get(k), lang)
        return _with_lang(partner_spec(eco, inputs, ids, positions=positions, title=head,
                                       scope={"community": k}, **opts), lang)
    if max_nodes and eco.n_partners > int(max_nodes) and inputs.partition is not None:
        from .overview import overview_spec

        over = {k: v for k, v in opts.items() if k != "time_slider"}
        return _with_lang(overview_spec(eco, inputs, title=title, positions=positions, **over),
                          lang)
    head = title or t("map_title", name=eco.name)
    spec = partner_spec(eco, inputs, list(map(str, eco.ids)), positions=positions, title=head,
                        scope={}, **opts)
    if max_nodes and eco.n_partners > int(max_nodes):
        spec["notes"].append(f"{eco.n_partners} partners exceed max_nodes={max_nodes}, but "
                             "no communities are available for an overview")
    return _with_lang(spec, lang)


def check_map_options(eco: Ecosystem, *, depth: int = 1, labels: int = DEFAULT_LABELS,
                      lang: str = "en") -> None:
    """Raise for options no map can be drawn with (before any analysis is run).

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> check_map_options(Ecosystem.from_edges([("a", "b")]), depth=-1)
    Traceback (most recent call last):
    ...
    ecosystem.exceptions.InvalidParameterError: depth must be >= 0, got -1
    """
    if depth is None or int(depth) < 0:
        raise InvalidParameterError(f"depth must be >= 0, got {depth!r}")
    if labels is None or int(labels) < 0:
        raise InvalidParameterError(f"labels must be >= 0, got {labels!r}")
    if eco.n_partners == 0:
        raise EmptyGraphError(f"{eco.name}: no partners to map")
    from .html import ui_text

    ui_text(lang)  # validates


def result_map_spec(result: Any, **kwargs: Any) -> dict:
    """The map of an analysis result, drawn as its configuration says.

    Colouring (``map.color_by``), sizing (``map.size_by``), seed and language come from
    ``result.config``; positions are the result's own layout (discs may be pushed apart).
    Keyword arguments go to :func:`map_spec` and win.

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.analysis_result import AnalysisResult
    >>> from ecosystem.config import resolve_config
    >>> r = AnalysisResult(Ecosystem.from_edges([("a", "b")]), resolve_config(None))
    >>> result_map_spec(r, lang="ko")["lang"]
    'ko'
    """
    opts: dict[str, Any] = {"color_by": result.config.get("map.color_by"),
                            "size_by": result.config.get("map.size_by"), "seed": result.seed,
                            "lang": result.config.lang}
    if result.layout is not None:
        opts["positions"] = result.layout
        opts["spread"] = True  # the analysis' own layout: discs may be pushed apart
    opts.update(kwargs)
    return map_spec(result.eco, analysis=result, **opts)


def _with_lang(spec: dict, lang: str) -> dict:
    spec["lang"] = lang.lower()
    for d in spec.get("drilldowns", []):
        d["spec"]["lang"] = lang.lower()
    return spec


__all__ = ["map_spec", "result_map_spec", "check_map_options", "partner_spec",
           "DEFAULT_MAX_NODES", "DEFAULT_LABELS", "SPEC_VERSION"]

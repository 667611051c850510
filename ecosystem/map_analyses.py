"""Maps that run their own analyses: :func:`map_spec`, :func:`make_map`, :func:`show_map`.

The map renderer (:mod:`ecosystem.render.maps`) draws results it is given. When a map is
asked for without an analysis, the analyses a map shows (communities, anchors,
centrality, roles, fragility, recommendations) are run here, through the pipeline
(:func:`ecosystem.pipeline.analyze` with only those steps), and then drawn.

Examples
--------
>>> from ecosystem import Ecosystem
>>> eco = Ecosystem.from_edges([("a", "b", 2), ("b", "c", 1), ("c", "a", 1), ("c", "d", 1)])
>>> spec = map_spec(eco)
>>> spec["kind"], len(spec["nodes"]), "community" in spec["colorings"]
('partners', 4, True)
"""
from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

from .config import ANALYSES, OUTPUTS, resolve_config
from .exceptions import EcosystemError
from .model import Ecosystem
from .pipeline import analyze
from .render.map.spec import (DEFAULT_LABELS, DEFAULT_MAX_NODES, check_map_options,
                              map_spec as draw_map_spec)
from .render.map.view import MapView
from .render.map.inputs import MAP_STEPS
from .render.map.style import MAX_COLORS


def run_map_analyses(eco: Ecosystem, *, seed: int | None = 0, recommendations: bool = True,
                     config: Any = None) -> Any:
    """Run the analyses a map needs through the public pipeline API.

    ``config`` (a :class:`~ecosystem.config.Config`, mapping or YAML path) sets how they
    run (community method and resolution, centrality sampling, top-N...); only the steps
    a map shows are run, stability runs are skipped. ``seed=None`` keeps the
    configuration's seed.

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> a = run_map_analyses(Ecosystem.from_edges([("a", "b"), ("b", "c")]))
    >>> a.partition is not None, a.holes is None
    (True, True)
    """
    wanted = set(MAP_STEPS) - (set() if recommendations else {"recommendations"})
    over: dict[str, Any] = {f"analyses.{a}": a in wanted for a in ANALYSES}
    over.update({f"outputs.{o}": False for o in OUTPUTS})
    over["communities.stability_runs"] = 0
    if seed is not None:
        over["seed"] = int(seed)
    return analyze(eco, resolve_config(config).override(over))


def map_spec(eco: Ecosystem, *, analysis: Any = None, color_by: str = "community",
             size_by: str = "anchor_score", positions: pd.DataFrame | Mapping | None = None,
             focus: str | None = None, depth: int = 1, community: int | None = None,
             seed: int = 0, labels: int = DEFAULT_LABELS,
             max_nodes: int | None = DEFAULT_MAX_NODES, title: str | None = None,
             recommendations: bool = True, max_colors: int = MAX_COLORS,
             config: Any = None, lang: str = "en", time: bool = True,
             spread: bool | None = None) -> dict:
    """The specification (pure data) of a partner map, running the analyses if needed.

    As :func:`ecosystem.render.maps.map_spec` (every parameter and the returned dict are
    described there), except:

    Parameters
    ----------
    analysis : Analysis, dict or object, optional
        Results to draw. ``None`` runs the analyses a map needs
        (:func:`run_map_analyses`); ``{}`` draws the bare network.
    seed : int, default 0
        Seed for the layout and for analyses run here.
    config : Config, mapping or YAML path, optional
        How to run the analyses when ``analysis`` is None (community method and
        resolution, centrality sampling, ...; see ``ecosystem init``).

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d")])
    >>> spec = map_spec(eco, analysis={}, focus="a", depth=1, size_by="none")
    >>> sorted(n["id"] for n in spec["nodes"])
    ['a', 'b']
    """
    check_map_options(eco, depth=depth, labels=labels, lang=lang)
    notes: list[str] = []
    if analysis is None:
        if eco.n_ties == 0:
            analysis = {}
            notes.append("no relations: no analysis was run")
        else:
            try:
                analysis = run_map_analyses(eco, seed=seed, recommendations=recommendations,
                                            config=config)
            except EcosystemError as err:
                analysis = {}
                notes.append(f"analysis not run: {err}")
    return draw_map_spec(eco, analysis=analysis, color_by=color_by, size_by=size_by,
                         positions=positions, focus=focus, depth=depth, community=community,
                         seed=seed, labels=labels, max_nodes=max_nodes, title=title,
                         recommendations=recommendations, max_colors=max_colors, lang=lang,
                         time=time, spread=spread, notes=notes)


def make_map(eco: Ecosystem, **kwargs: Any) -> MapView:
    """A :class:`~ecosystem.render.maps.MapView` of ``eco`` (keyword arguments as for
    :func:`map_spec`; ``height`` in pixels for notebooks, default 600).

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> view = make_map(Ecosystem.from_edges([("a", "b"), ("b", "c")]), analysis={})
    >>> view
    MapView('ecosystem: partner map': 3 partners, 2 ties)
    """
    height = kwargs.pop("height", 600)
    return MapView(map_spec(eco, **kwargs), height=height)


show_map = make_map

__all__ = ["map_spec", "make_map", "show_map", "run_map_analyses"]

"""Interactive network maps (the public module path of :mod:`ecosystem.render.map`).

:func:`map_spec` draws the results it is given as a map specification (plain data);
:func:`write_map` / :func:`map_html` render it as one self-contained, offline HTML page
and :class:`MapView` shows it in notebooks. :func:`ecosystem.map_spec` and
:func:`ecosystem.make_map` also run the analyses a map needs when none are given.

Examples
--------
>>> from ecosystem import Ecosystem
>>> eco = Ecosystem.from_edges([("a", "b", 2), ("b", "c", 1), ("c", "a", 1), ("c", "d", 1)])
>>> spec = map_spec(eco, analysis={})
>>> spec["kind"], len(spec["nodes"]), len(spec["edges"])
('partners', 4, 4)
"""
from __future__ import annotations

from .map import (DEFAULT_LABELS, DEFAULT_MAX_NODES, SPEC_VERSION, MapView, check_map_options,
                  map_files, map_html, map_spec, partner_spec, result_map_spec, write_map)

__all__ = ["map_spec", "result_map_spec", "map_html", "write_map", "map_files", "MapView",
           "check_map_options", "partner_spec", "DEFAULT_MAX_NODES", "DEFAULT_LABELS",
           "SPEC_VERSION"]

"""The map renderer: partner maps as data (specs), offline HTML pages and images.

=================  ==========================================================
``spec.py``        :func:`map_spec` — ecosystem + results -> map spec (dict)
``inputs.py``      the results a map draws, aligned on partner ids
``partners.py``    partner-level specs (nodes, ties, overlays, legend)
``overview.py``    community overview + drill-downs for large networks
``style.py``       sizes, widths and colours of nodes and ties
``html.py``        self-contained, injection-safe pages (``assets/map.js``, ``map.css``)
``view.py``        :func:`map_html`, :func:`write_map`, :class:`MapView`
=================  ==========================================================

The time slider's periods come from :mod:`ecosystem.analysis.temporal.activity`.
:mod:`ecosystem.render.maps` is the public module path; :func:`ecosystem.map_spec`
(:mod:`ecosystem.map_analyses`) also runs the analyses a map needs.

Examples
--------
>>> from ecosystem import Ecosystem
>>> spec = map_spec(Ecosystem.from_edges([("a", "b"), ("b", "c")]), analysis={})
>>> spec["kind"], len(spec["nodes"])
('partners', 3)
"""
from __future__ import annotations

from .partners import DEFAULT_LABELS, SPEC_VERSION, partner_spec
from .spec import DEFAULT_MAX_NODES, check_map_options, map_spec, result_map_spec
from .view import MapView, map_files, map_html, write_map

__all__ = ["map_spec", "result_map_spec", "map_html", "write_map", "map_files", "MapView",
           "check_map_options", "partner_spec", "DEFAULT_MAX_NODES", "DEFAULT_LABELS",
           "SPEC_VERSION"]
